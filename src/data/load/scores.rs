//! Feedback scores (`rating` 1–5, `nps` 0–10) read as written, from the export's own scale or labels, exactly (docs/data.md, "Scales and labels").

use crate::config::TableConfig;
use crate::config::meaning::Scale;
use crate::config::schema::{Col, TableKind};
use crate::data::fields::RowReader;
use crate::diag::quoted;
use crate::util::decimal::Decimal;

/// How one scored column of a table is read.
pub(super) struct Score {
    column: Col,
    min: u8,
    max: u8,
    /// The export's scale, mapped onto `min..=max`.
    scale: Option<Scale>,
    /// (folded label, its number on mentorbook's scale).
    labels: Vec<(String, u8)>,
    table: &'static str,
}

fn fold(text: &str) -> String {
    text.trim().to_lowercase()
}

impl Score {
    /// The reading of `column`, one of the table's scored columns.
    pub(super) fn of(kind: TableKind, table: &TableConfig, column: Col) -> Score {
        let (min, max) = kind
            .scored_columns()
            .iter()
            .find(|(c, _, _)| c.name == column.name)
            .map_or((0, u8::MAX), |&(_, min, max)| (min, max));
        let (scale, labels) = table.meaning.scored(column.name);
        Score {
            column,
            min,
            max,
            scale,
            labels: labels
                .iter()
                .flat_map(|(n, texts)| texts.iter().map(move |t| (fold(t), *n)))
                .collect(),
            table: kind.name(),
        }
    }

    /// The row's score on mentorbook's scale; `None` when empty or bad
    /// (then reported).
    pub(super) fn read(&self, r: &mut RowReader) -> Option<u8> {
        if self.scale.is_none() && self.labels.is_empty() {
            return r.whole_in(self.column, self.min, self.max);
        }
        let text = r.text(self.column)?;
        if !self.labels.is_empty() {
            let folded = fold(text);
            if let Some((_, n)) = self.labels.iter().find(|(l, _)| *l == folded) {
                return Some(*n);
            }
        }
        let (min, max, name) = (self.min, self.max, self.column.name);
        let labels = if self.labels.is_empty() {
            String::new()
        } else {
            format!(", or a label of `[data.{}.values.{name}]`", self.table)
        };
        let Some(scale) = self.scale else {
            let whole = Decimal::parse(text)
                .and_then(Decimal::whole)
                .filter(|n| (i64::from(min)..=i64::from(max)).contains(n))
                .and_then(|n| u8::try_from(n).ok());
            if whole.is_none() {
                r.error(
                    self.column,
                    format!(
                        "{} is not a {name} (expected a whole number from {min} to {max}{labels})",
                        quoted(text)
                    ),
                );
            }
            return whole;
        };
        let key = format!("`data.{}.scales.{name}`", self.table);
        let Some(x) = Decimal::parse(text) else {
            r.error(
                self.column,
                format!(
                    "{} is not a number (expected a number on the export's scale {} ({key}){labels})",
                    quoted(text),
                    scale.text()
                ),
            );
            return None;
        };
        let mapped = scale.map(x, min, max);
        if mapped.is_none() {
            r.error(
                self.column,
                format!(
                    "{} is outside the export's scale {} ({key})",
                    quoted(text),
                    scale.text()
                ),
            );
        }
        mapped
    }
}
