//! How figures read on a page: percentages, decimals, thousands and changes.

/// The text for a figure with no value, and percentages, as the charts' tables show them.
pub use crate::charts::format::{NONE, percent};

/// `1234567` → `1,234,567`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number with `places` decimals.
pub fn decimal(value: Option<f64>, places: usize) -> String {
    value.map_or_else(|| NONE.to_string(), |v| format!("{v:.places$}"))
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
    pub fn show(self, value: Option<f64>) -> String {
        match self {
            FigureKind::Count | FigureKind::Score => value.map_or_else(
                || NONE.to_string(),
                |v| {
                    if self == FigureKind::Count && v >= 0.0 {
                        count(v as u64)
                    } else {
                        format!("{v:.0}")
                    }
                },
            ),
            FigureKind::Rate => percent(value),
            FigureKind::Decimal1 => decimal(value, 1),
            FigureKind::Decimal2 => decimal(value, 2),
        }
    }

    /// The change from `before` to `now`, with an arrow that does not rely on colour:
    /// `("↑", "+2.5 pts")`. `None` when either value is missing.
    pub fn change(self, now: Option<f64>, before: Option<f64>) -> Option<(String, String)> {
        let (now, before) = (now?, before?);
        let delta = now - before;
        let (text, zero) = match self {
            FigureKind::Count | FigureKind::Score => (format!("{delta:+.0}"), delta.abs() < 0.5),
            FigureKind::Rate => {
                let pts = delta * 100.0;
                (format!("{pts:+.1} pts"), pts.abs() < 0.05)
            }
            FigureKind::Decimal1 => (format!("{delta:+.1}"), delta.abs() < 0.05),
            FigureKind::Decimal2 => (format!("{delta:+.2}"), delta.abs() < 0.005),
        };
        let arrow = if zero {
            "→"
        } else if delta > 0.0 {
            "↑"
        } else {
            "↓"
        };
        let text = if zero { "no change".to_string() } else { text };
        Some((arrow.to_string(), text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_figures() {
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(count(999), "999");
        assert_eq!(percent(Some(0.625)), "62.5%");
        assert_eq!(percent(None), "—");
        assert_eq!(FigureKind::Decimal2.show(Some(4.0)), "4.00");
        assert_eq!(FigureKind::Score.show(Some(-13.0)), "-13");
    }

    #[test]
    fn words_changes_without_colour() {
        let c = |k: FigureKind, a, b| k.change(Some(a), Some(b));
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
        assert_eq!(FigureKind::Rate.change(None, Some(0.2)), None);
    }
}
