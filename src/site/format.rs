//! How figures read on a page: percentages, decimals, thousands and changes.

/// The text for a figure with no value, and percentages, as the charts' tables show them.
pub use crate::charts::format::{NONE, percent};
use crate::i18n::Words;

/// `1234567` → `1,234,567` (en), `1.234.567` (pt-BR).
pub fn count(w: &Words, n: u64) -> String {
    w.count(n)
}

/// A number with `places` decimals.
pub fn decimal(w: &Words, value: Option<f64>, places: usize) -> String {
    w.decimal(value, places)
}

/// How a kind of figure is shown and how its change is worded.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FigureKind {
    /// A whole number.
    Count,
    /// A fraction shown as a percentage; changes in percentage points.
    Rate,
    /// A decimal with one place.
    Decimal1,
    /// A decimal with two places (mean ratings).
    Decimal2,
    /// A whole number that can be negative (NPS).
    Score,
}

impl FigureKind {
    pub fn show(self, w: &Words, value: Option<f64>) -> String {
        match self {
            FigureKind::Count | FigureKind::Score => value.map_or_else(
                || NONE.to_string(),
                |v| {
                    if self == FigureKind::Count && v >= 0.0 {
                        w.count(v as u64)
                    } else {
                        w.formats().signed(v, false)
                    }
                },
            ),
            FigureKind::Rate => w.percent(value),
            FigureKind::Decimal1 => w.decimal(value, 1),
            FigureKind::Decimal2 => w.decimal(value, 2),
        }
    }

    /// The change from `before` to `now`, with an arrow that does not rely on colour:
    /// `("↑", "+2.5 pts")`. `None` when either value is missing.
    pub fn change(
        self,
        w: &Words,
        now: Option<f64>,
        before: Option<f64>,
    ) -> Option<(String, String)> {
        let (now, before) = (now?, before?);
        let delta = now - before;
        let f = w.formats();
        let (text, zero) = match self {
            FigureKind::Count | FigureKind::Score => (f.change(delta, 0), delta.abs() < 0.5),
            FigureKind::Rate => {
                let pts = delta * 100.0;
                (
                    w.fill("figure.points", &[("change", &f.change(pts, 1))]),
                    pts.abs() < 0.05,
                )
            }
            FigureKind::Decimal1 => (f.change(delta, 1), delta.abs() < 0.05),
            FigureKind::Decimal2 => (f.change(delta, 2), delta.abs() < 0.005),
        };
        let arrow = if zero {
            "→"
        } else if delta > 0.0 {
            "↑"
        } else {
            "↓"
        };
        let text = if zero {
            w.t("figure.no_change").to_string()
        } else {
            text
        };
        Some((arrow.to_string(), text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_figures() {
        let en = &Words::english();
        assert_eq!(count(en, 1_234_567), "1,234,567");
        assert_eq!(count(en, 999), "999");
        assert_eq!(percent(en, Some(0.625)), "62.5%");
        assert_eq!(percent(en, None), "—");
        assert_eq!(FigureKind::Decimal2.show(en, Some(4.0)), "4.00");
        assert_eq!(FigureKind::Score.show(en, Some(-13.0)), "-13");
        let pt = &Words::builtin("pt-BR");
        assert_eq!(count(pt, 1_234_567), "1.234.567");
        assert_eq!(decimal(pt, Some(1234.5), 1), "1.234,5");
        assert_eq!(percent(pt, Some(0.339)), "33,9%");
        assert_eq!(FigureKind::Score.show(pt, Some(-13.0)), "-13");
    }

    #[test]
    fn words_changes_without_colour() {
        let en = &Words::english();
        let c = |k: FigureKind, a, b| k.change(en, Some(a), Some(b));
        assert_eq!(
            c(FigureKind::Rate, 0.5, 0.4),
            Some(("↑".into(), "+10.0 pts".into()))
        );
        assert_eq!(
            c(FigureKind::Count, 3.0, 5.0),
            Some(("↓".into(), "-2".into()))
        );
        assert_eq!(
            c(FigureKind::Decimal2, 4.0, 4.0),
            Some(("→".into(), "no change".into()))
        );
        assert_eq!(FigureKind::Rate.change(en, None, Some(0.2)), None);
        let pt = &Words::builtin("pt-BR");
        assert_eq!(
            FigureKind::Rate.change(pt, Some(0.5), Some(0.4)),
            Some(("↑".into(), "+10,0 p.p.".into()))
        );
    }
}
