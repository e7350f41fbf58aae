//! How figures are written in tables and descriptions, and why a figure is not shown.

use crate::metrics::privacy::Withheld;

/// A figure that is undefined (its denominator is 0).
pub const NONE: &str = "—";
/// A figure withheld for privacy (SPEC §4).
pub const WITHHELD: &str = "withheld";

/// A rate given as a fraction, as a percentage with one decimal: `45.0%`.
pub fn percent(rate: Option<f64>) -> String {
    rate.filter(|r| r.is_finite())
        .map_or_else(|| NONE.to_string(), |r| format!("{:.1}%", r * 100.0))
}

/// A mean (or any non-count figure) with two decimals: `4.20`.
pub fn two(value: Option<f64>) -> String {
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

/// Why figures are withheld, as a sentence for a page: one reason for the
/// whole set, or both when they differ. `None` when nothing is withheld.
pub fn withheld_note(reasons: &[Withheld], k: u32) -> Option<String> {
    let small = reasons.contains(&Withheld::SmallGroup);
    let derived = reasons
        .iter()
        .any(|w| matches!(w, Withheld::Subtraction | Withheld::Closure));
    match (small, derived) {
        (false, false) => None,
        (true, false) => Some(format!("Withheld: fewer than {k} responses")),
        (false, true) => {
            Some("Withheld so that other figures cannot be worked out from it".to_string())
        }
        (true, true) => Some(format!(
            "Withheld: fewer than {k} responses, or so that other figures cannot be worked out from them"
        )),
    }
}

/// The note beside a chart that is drawn with some of its figures withheld.
pub fn partly_withheld_note(reasons: &[Withheld], k: u32) -> Option<String> {
    withheld_note(reasons, k).map(|note| {
        let why = note
            .strip_prefix("Withheld")
            .unwrap_or(&note)
            .trim_start_matches(':')
            .trim_start();
        format!("Some figures are withheld and not drawn ({why})")
    })
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
        assert_eq!(two(Some(4.2)), "4.20");
        assert_eq!(
            guarded(Some(3.0), Withheld::Closure, |v| two(Some(v))),
            "withheld"
        );
        assert_eq!(guarded(None::<f64>, Withheld::Shown, |v| two(Some(v))), "—");
    }

    #[test]
    fn notes() {
        assert_eq!(withheld_note(&[Withheld::Shown], 5), None);
        assert_eq!(
            withheld_note(&[Withheld::SmallGroup, Withheld::Shown], 5).as_deref(),
            Some("Withheld: fewer than 5 responses")
        );
        assert_eq!(
            withheld_note(&[Withheld::Closure], 5).as_deref(),
            Some("Withheld so that other figures cannot be worked out from it")
        );
        assert_eq!(
            partly_withheld_note(&[Withheld::SmallGroup], 3).as_deref(),
            Some("Some figures are withheld and not drawn (fewer than 3 responses)")
        );
    }
}
