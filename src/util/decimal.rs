//! Exact decimal numbers as exports and configs write them (`0.75`, `-2`, `7.5E-1`): fixed point with 18 places, so no float rounding.

use std::fmt;

/// A decimal number held exactly as a whole count of 10⁻¹⁸, which covers
/// every value an export writes with up to 18 digits on either side of the
/// point. Arithmetic on it stays in `i128` without overflow: magnitudes are
/// below 10³⁶ units, and a scale's step multiplies them by at most 10.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Decimal(i128);

/// Digits after the point a [`Decimal`] keeps.
const PLACES: i32 = 18;
/// 10¹⁸: one, in units.
const ONE: i128 = 1_000_000_000_000_000_000;
/// Magnitudes from 10¹⁸ up are refused: no export means them.
const LIMIT: i128 = ONE * ONE;

impl Decimal {
    /// A whole number.
    pub fn from_int(n: i64) -> Decimal {
        Decimal(i128::from(n) * ONE)
    }

    /// The value in units of 10⁻¹⁸.
    pub fn units(self) -> i128 {
        self.0
    }

    /// The number, when it is whole (`4.0` is 4).
    pub fn whole(self) -> Option<i64> {
        (self.0 % ONE == 0).then(|| i64::try_from(self.0 / ONE).ok())?
    }

    /// Reads `12`, `-0.75`, `+3.`, `.5`, `7.5E-1`; `None` for anything
    /// else, for more than 18 significant places after the point, or for a
    /// magnitude of 10¹⁸ or more.
    pub fn parse(text: &str) -> Option<Decimal> {
        let b = text.as_bytes();
        let (negative, mut i) = match b.first() {
            Some(b'-') => (true, 1),
            Some(b'+') => (false, 1),
            _ => (false, 0),
        };
        let mut mantissa: i128 = 0;
        let mut digits = 0;
        let mut fraction = 0i32;
        let mut seen_point = false;
        while let Some(&c) = b.get(i) {
            match c {
                b'0'..=b'9' => {
                    digits += 1;
                    mantissa = mantissa
                        .checked_mul(10)?
                        .checked_add(i128::from(c - b'0'))?;
                    if seen_point {
                        fraction += 1;
                    }
                }
                b'.' if !seen_point => seen_point = true,
                _ => break,
            }
            i += 1;
        }
        if digits == 0 {
            return None;
        }
        let mut exponent = 0i32;
        if let Some(b'e' | b'E') = b.get(i) {
            i += 1;
            let exp_negative = match b.get(i) {
                Some(b'-') => {
                    i += 1;
                    true
                }
                Some(b'+') => {
                    i += 1;
                    false
                }
                _ => false,
            };
            let start = i;
            while let Some(c @ b'0'..=b'9') = b.get(i) {
                exponent = exponent.checked_mul(10)?.checked_add(i32::from(c - b'0'))?;
                if exponent > 100 {
                    return None;
                }
                i += 1;
            }
            if i == start {
                return None;
            }
            if exp_negative {
                exponent = -exponent;
            }
        }
        if i != b.len() {
            return None;
        }
        // value = mantissa × 10^(exponent − fraction); units = value × 10^18.
        let shift = PLACES + exponent - fraction;
        let units = if shift >= 0 {
            mantissa.checked_mul(10i128.checked_pow(shift.unsigned_abs())?)?
        } else {
            let divisor = 10i128
                .checked_pow(shift.unsigned_abs())
                .unwrap_or(i128::MAX);
            if mantissa % divisor != 0 {
                return None;
            }
            mantissa / divisor
        };
        if units >= LIMIT {
            return None;
        }
        Some(Decimal(if negative { -units } else { units }))
    }
}

impl fmt::Display for Decimal {
    /// The shortest text that reads back as the same number: `0.75`, `-2`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let magnitude = self.0.unsigned_abs();
        let whole = magnitude / ONE.unsigned_abs();
        let part = magnitude % ONE.unsigned_abs();
        if part == 0 {
            return write!(f, "{sign}{whole}");
        }
        let digits = format!("{part:018}");
        write!(f, "{sign}{whole}.{}", digits.trim_end_matches('0'))
    }
}

/// `n / d` rounded half up (d > 0, n ≥ 0): ⌊(2n + d) / 2d⌋.
pub fn div_round_half_up(n: i128, d: i128) -> i128 {
    (2 * n + d) / (2 * d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Option<String> {
        Decimal::parse(text).map(|d| d.to_string())
    }

    #[test]
    fn reads_what_exports_write() {
        assert_eq!(p("0.75"), Some("0.75".into()));
        assert_eq!(p("12"), Some("12".into()));
        assert_eq!(p("-2"), Some("-2".into()));
        assert_eq!(p("+3."), Some("3".into()));
        assert_eq!(p(".5"), Some("0.5".into()));
        assert_eq!(p("7.5E-1"), Some("0.75".into()));
        assert_eq!(p("1e2"), Some("100".into()));
        assert_eq!(p("4.000"), Some("4".into()));
        assert_eq!(
            p("0.000000000000000001"),
            Some("0.000000000000000001".into())
        );
        assert_eq!(
            Decimal::parse("0.1").map(Decimal::units),
            Some(100_000_000_000_000_000)
        );
        // Trailing zeros beyond 18 places are still exact.
        assert_eq!(p("0.5000000000000000000000"), Some("0.5".into()));
        assert_eq!(p("999999999999999999"), Some("999999999999999999".into()));
        let whole = |t: &str| Decimal::parse(t).and_then(Decimal::whole);
        assert_eq!(whole("4.0"), Some(4));
        assert_eq!(whole("-3"), Some(-3));
        assert_eq!(whole("3.5"), None);
    }

    #[test]
    fn refuses_the_rest() {
        for text in [
            "", "-", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "abc", " 1", "1 ", "0x10", "NaN",
            "inf", "1e999", "--1",
        ] {
            assert_eq!(p(text), None, "{text:?}");
        }
        // Too precise, or too large.
        assert_eq!(p("0.0000000000000000001"), None);
        assert_eq!(p("1000000000000000000"), None);
        assert_eq!(p("1e18"), None);
        assert_eq!(p(&"9".repeat(60)), None);
    }

    #[test]
    fn order_and_rounding() {
        let d = |t: &str| Decimal::parse(t).unwrap_or(Decimal(i128::MIN));
        assert!(d("0.1") < d("0.10000000000000001"));
        assert!(d("-1") < d("0"));
        assert_eq!(d("2.50"), d("2.5"));
        assert_eq!(div_round_half_up(7, 2), 4);
        assert_eq!(div_round_half_up(5, 2), 3);
        assert_eq!(div_round_half_up(4, 3), 1);
        assert_eq!(div_round_half_up(0, 9), 0);
    }
}
