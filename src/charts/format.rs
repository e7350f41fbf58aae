//! How figures are written in charts' tables and descriptions: percentages, decimals, counted nouns.

use crate::metrics::privacy::Withheld;

use super::notes::WITHHELD;

/// A figure that is undefined (its denominator is 0).
pub const NONE: &str = "—";

/// A rate given as a fraction, as a percentage with one decimal: `45.0%`.
pub fn percent(rate: Option<f64>) -> String {
    rate.filter(|r| r.is_finite())
        .map_or_else(|| NONE.to_string(), |r| format!("{:.1}%", r * 100.0))
}

/// A mean (or any non-count figure) with two decimals: `4.20`.
pub fn two_decimals(value: Option<f64>) -> String {
    value
        .filter(|v| v.is_finite())
        .map_or_else(|| NONE.to_string(), |v| format!("{v:.2}"))
}

/// A figure that may be withheld: `withheld`, or `shown` formatted, or `—`.
pub fn guarded<T>(value: Option<T>, withheld: Withheld, shown: impl FnOnce(T) -> String) -> String {
    if withheld.is_withheld() {
        return WITHHELD.to_string();
    }
    value.map_or_else(|| NONE.to_string(), shown)
}

/// `n` with a noun in singular or plural: `1 meeting`, `3 meetings`.
pub fn counted(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(percent(Some(0.4567)), "45.7%");
        assert_eq!(percent(None), "—");
        assert_eq!(two_decimals(Some(4.2)), "4.20");
        assert_eq!(
            guarded(Some(3.0), Withheld::Closure, |v| two_decimals(Some(v))),
            "withheld"
        );
        assert_eq!(
            guarded(None::<f64>, Withheld::Shown, |v| two_decimals(Some(v))),
            "—"
        );
        assert_eq!(counted(1, "goal", "goals"), "1 goal");
        assert_eq!(counted(3, "goal", "goals"), "3 goals");
    }
}
