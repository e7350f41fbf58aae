//! How figures are written in charts' tables and descriptions: percentages, decimals, counted nouns.

use crate::metrics::privacy::Withheld;

use super::Cell;
use super::notes::{WITHHELD, Withholding};

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

/// A table cell of a figure that may be withheld: `withheld` with the
/// reason (for the rule's group size `k`), or `shown` formatted, or `—`.
pub fn guarded<T>(
    value: Option<T>,
    withheld: Withheld,
    k: u32,
    shown: impl FnOnce(T) -> String,
) -> Cell {
    if let Some(why) = Withholding::of(&[withheld], k) {
        return Cell {
            text: WITHHELD.to_string(),
            withheld: Some(why),
        };
    }
    Cell::from(value.map_or_else(|| NONE.to_string(), shown))
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
        let withheld = guarded(Some(3.0), Withheld::Closure, 5, |v| two_decimals(Some(v)));
        assert_eq!(withheld, "withheld");
        assert_eq!(withheld.withheld, Some(Withholding::Derivable));
        let small = guarded(Some(3.0), Withheld::SmallGroup, 5, |v| {
            two_decimals(Some(v))
        });
        assert_eq!(small.withheld, Some(Withholding::SmallGroup { k: 5 }));
        let none = guarded(None::<f64>, Withheld::Shown, 5, |v| two_decimals(Some(v)));
        assert_eq!((none.text.as_str(), none.withheld), ("—", None));
        assert_eq!(counted(1, "goal", "goals"), "1 goal");
        assert_eq!(counted(3, "goal", "goals"), "3 goals");
    }
}
