//! How figures are written in charts' tables and descriptions: percentages, decimals, counted nouns.

use crate::i18n::Words;
use crate::metrics::privacy::Withheld;

use super::Cell;
use super::notes::Withholding;

/// A figure that is undefined (its denominator is 0).
pub use crate::i18n::NONE;

/// A rate given as a fraction, as a percentage with one decimal: `45.0%`
/// (en), `45,0%` (pt-BR), `45,0 %` (de).
pub fn percent(w: &Words, rate: Option<f64>) -> String {
    w.percent(rate)
}

/// A mean (or any non-count figure) with two decimals: `4.20` (en), `4,20` (pt-BR).
pub fn two_decimals(w: &Words, value: Option<f64>) -> String {
    w.decimal(value, 2)
}

/// A table cell of a figure that may be withheld: `withheld` with the
/// reason (for the rule's group size `k`), or `shown` formatted, or `—`.
pub fn guarded<T>(
    w: &Words,
    value: Option<T>,
    withheld: Withheld,
    k: u32,
    shown: impl FnOnce(T) -> String,
) -> Cell {
    if let Some(why) = Withholding::of(&[withheld], k) {
        return Cell {
            text: w.t("note.withheld").to_string(),
            withheld: Some(why),
        };
    }
    Cell::from(value.map_or_else(|| NONE.to_string(), shown))
}

/// `n` with a noun in the plural form the language's rules pick:
/// `count.meetings` → `1 meeting`, `3 meetings`.
pub fn counted(w: &Words, key: &str, n: u64) -> String {
    w.count_of(key, n, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let w = &Words::english();
        assert_eq!(percent(w, Some(0.4567)), "45.7%");
        assert_eq!(percent(w, None), "—");
        assert_eq!(two_decimals(w, Some(4.2)), "4.20");
        let withheld = guarded(w, Some(3.0), Withheld::Closure, 5, |v| {
            two_decimals(w, Some(v))
        });
        assert_eq!(withheld, "withheld");
        assert_eq!(withheld.withheld, Some(Withholding::Derivable));
        let small = guarded(w, Some(3.0), Withheld::SmallGroup, 5, |v| {
            two_decimals(w, Some(v))
        });
        assert_eq!(small.withheld, Some(Withholding::SmallGroup { k: 5 }));
        let none = guarded(w, None::<f64>, Withheld::Shown, 5, |v| {
            two_decimals(w, Some(v))
        });
        assert_eq!((none.text.as_str(), none.withheld), ("—", None));
        assert_eq!(counted(w, "count.goals", 1), "1 goal");
        assert_eq!(counted(w, "count.goals", 3), "3 goals");
    }
}
