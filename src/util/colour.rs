//! `#RRGGBB` colours and the WCAG 2 contrast ratio between two of them.
//!
//! The ratio is WCAG 2.2's: (L1 + 0.05) / (L2 + 0.05), L being a colour's
//! relative luminance from its linearised sRGB channels. Text needs 4.5:1
//! against its background to meet level AA (docs/themes.md, "Branding").

use std::fmt;

/// The contrast WCAG AA asks of normal-size text against its background.
pub const AA_TEXT: f64 = 4.5;

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#RRGGBB` (hex digits in either case); `#RGB` too when `short` is allowed.
    pub fn parse(text: &str, short: bool) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |s: &str| u8::from_str_radix(s, 16).ok();
        match hex.len() {
            6 => Some(Rgb(
                channel(&hex[0..2])?,
                channel(&hex[2..4])?,
                channel(&hex[4..6])?,
            )),
            3 if short => {
                let double = |i: usize| channel(&hex[i..=i].repeat(2));
                Some(Rgb(double(0)?, double(1)?, double(2)?))
            }
            _ => None,
        }
    }

    /// Relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// The contrast ratio against another colour, 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// This colour mixed with `other`, `t` of the way (0 to 1), rounded.
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }
}

/// `#rrggbb`, lowercase.
impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// A contrast ratio as people quote it, `4.47:1`: rounded down, so that a
/// ratio shown as 4.50 is never below the 4.5 it is compared with.
pub fn ratio_text(ratio: f64) -> String {
    format!("{:.2}:1", (ratio * 100.0).floor() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        assert_eq!(Rgb::parse("#0B57a4", false), Some(Rgb(11, 87, 164)));
        assert_eq!(Rgb::parse("#fff", false), None);
        assert_eq!(Rgb::parse("#fff", true), Some(Rgb(255, 255, 255)));
        for bad in [
            "0b57a4", "#0b57a", "#0b57a4f", "#gg0000", "", "#", "#+12345",
        ] {
            assert_eq!(Rgb::parse(bad, true), None, "{bad}");
        }
        assert_eq!(Rgb(11, 87, 164).to_string(), "#0b57a4");
    }

    /// #767676 and #777777 as WebAIM's contrast checker gives them; the
    /// others worked out by hand from the formula in the module doc.
    #[test]
    fn contrast_ratios() {
        let white = Rgb(255, 255, 255);
        let black = Rgb(0, 0, 0);
        assert_eq!(ratio_text(black.contrast(white)), "21.00:1");
        assert_eq!(ratio_text(white.contrast(white)), "1.00:1");
        assert_eq!(ratio_text(Rgb(0x76, 0x76, 0x76).contrast(white)), "4.54:1");
        assert_eq!(ratio_text(Rgb(0x77, 0x77, 0x77).contrast(white)), "4.47:1");
        assert_eq!(ratio_text(Rgb(0x0b, 0x57, 0xa4).contrast(white)), "7.20:1");
        assert_eq!(ratio_text(Rgb(0xff, 0xcc, 0x00).contrast(white)), "1.51:1");
        assert_eq!(white.mix(black, 0.5), Rgb(128, 128, 128));
        assert_eq!(Rgb(0, 0, 100).mix(white, 0.0), Rgb(0, 0, 100));
    }
}
