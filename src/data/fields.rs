//! Reading typed values out of one row: columns found through the config's mapping, dates, numbers and sets parsed strictly.
//!
//! Every problem is reported with its file, line and column name, and
//! marks the row bad, so that the loader skips it.

use crate::config::TableConfig;
use crate::config::schema::{Col, TableKind};
use crate::date::Date;
use crate::diag::{Diagnostics, quoted};

use super::source::Row;
use super::words::end_words;

/// Where a file keeps a table's columns: for each column (in
/// [`TableKind::columns`] order), the index of the field that holds it, if
/// the file has it.
#[derive(Clone, Debug)]
pub(super) struct Layout {
    index: Vec<Option<usize>>,
}

impl Layout {
    /// Whether the file has the column.
    pub(super) fn has(&self, column: Col) -> bool {
        self.field(column).is_some()
    }

    fn field(&self, column: Col) -> Option<usize> {
        self.index.get(column.index).copied().flatten()
    }
}

/// Matches a table's columns to the file's headers: through the config's
/// `columns` mapping, case-insensitively after trimming. Reports a mapping
/// that names a missing header and each missing required column.
pub(super) fn resolve(
    kind: TableKind,
    table: &TableConfig,
    headers: &[String],
    file: &str,
    diags: &mut Diagnostics,
) -> Option<Layout> {
    let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let has_list = || {
        let names: Vec<String> = headers.iter().map(|h| quoted(h)).collect();
        if names.is_empty() {
            "the file has no columns".to_string()
        } else {
            format!("the file has {}", names.join(", "))
        }
    };
    let mut ok = true;
    let mut index = Vec::with_capacity(kind.columns().len());
    let position = |name: &str| {
        let wanted = fold(table.columns.get(name).map_or(name, |m| m.as_str()));
        folded.iter().position(|h| *h == wanted)
    };
    for column in kind.columns() {
        let name = column.name;
        let mapped = table.columns.get(name);
        let found = position(name);
        // A required column with an alternative the file has (docs/data.md,
        // "Pairs named by people") may be left out.
        let stood_in = || column.alternatives.iter().any(|a| position(a).is_some());
        if found.is_none() && !(column.required && mapped.is_none() && stood_in()) {
            if let Some(export) = mapped {
                diags.error(
                    file,
                    Some(1),
                    format!(
                        "column `{name}` is mapped to {} in the config, but no header matches it ({})",
                        quoted(export),
                        has_list()
                    ),
                );
                ok = false;
            } else if column.required {
                let instead = match column.alternatives {
                    [] => String::new(),
                    [init @ .., last] => format!(
                        ", or map {} or `{last}` instead",
                        init.iter()
                            .map(|a| format!("`{a}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                diags.error(
                    file,
                    Some(1),
                    format!(
                        "missing required column `{name}` ({}; map another header to it with `[data.{}.columns]`{instead})",
                        has_list(),
                        kind.name()
                    ),
                );
                ok = false;
            }
        }
        index.push(found);
    }
    ok.then_some(Layout { index })
}

fn fold(header: &str) -> String {
    header.trim().to_lowercase()
}

/// The accepted labels of one set-valued column: its own values and the
/// config's labels for them, compared case-insensitively, each standing
/// for its variant of `T`.
#[derive(Clone, Debug)]
pub(super) struct ValueSet<T> {
    column: Col,
    /// (folded label, the variant it stands for)
    labels: Vec<(String, T)>,
}

impl<T: Copy> ValueSet<T> {
    /// The set of `column`, whose values name `variants` in order (as
    /// [`Role::NAMES`](crate::config::schema::Role::NAMES) names `Role::ALL`).
    pub(super) fn new(table: &TableConfig, column: Col, variants: &[T]) -> ValueSet<T> {
        debug_assert_eq!(column.values.len(), variants.len(), "{}", column.name);
        let named = || column.values.iter().zip(variants.iter().copied());
        let mut labels: Vec<(String, T)> = named().map(|(v, t)| (v.to_string(), t)).collect();
        if let Some(mapping) = table.values.get(column.name) {
            for (value, export_labels) in mapping {
                if let Some((_, t)) = named().find(|(v, _)| *v == value) {
                    labels.extend(export_labels.iter().map(|l| (fold(l), t)));
                }
            }
        }
        ValueSet { column, labels }
    }

    fn lookup(&self, text: &str) -> Option<T> {
        // Exports mostly spell values exactly as the set does.
        if let Some((_, t)) = self.labels.iter().find(|(l, _)| l == text) {
            return Some(*t);
        }
        if let Some((_, t)) = self
            .labels
            .iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(text))
        {
            return Some(*t);
        }
        if text.is_ascii() {
            return None;
        }
        let folded = fold(text);
        self.labels
            .iter()
            .find(|(l, _)| *l == folded)
            .map(|(_, t)| *t)
    }
}

/// The last date each column of a table read, with its text. Exports are
/// usually sorted by date, so a column repeats its date row after row, and
/// a repeat then costs one compare instead of a parse.
#[derive(Default)]
pub(super) struct DateMemo {
    last: [Option<(DateKey, Date)>; MEMO_COLUMNS],
}

/// Columns per table the memo covers (the widest table has 11).
const MEMO_COLUMNS: usize = 11;

/// A date's text of 8 to 16 bytes as its [`end_words`] and its length,
/// which together are the text itself.
#[derive(Clone, Copy, PartialEq, Eq)]
struct DateKey {
    first: u64,
    last: u64,
    len: usize,
}

impl DateKey {
    fn of(text: &str) -> Option<DateKey> {
        let b = text.as_bytes();
        if b.len() > 16 {
            return None;
        }
        let (first, last) = end_words(b)?;
        Some(DateKey {
            first,
            last,
            len: b.len(),
        })
    }
}

/// Reads one row's fields, reporting each problem once with the row's line.
pub(super) struct RowReader<'r, 'a> {
    pub row: &'r Row<'a>,
    pub file: &'r str,
    pub layout: &'r Layout,
    pub date_format: Option<&'r str>,
    pub diags: &'r mut Diagnostics,
    /// Dates read so far in this table (the same format throughout).
    pub dates: &'r mut DateMemo,
    /// Set when any field of the row was bad, so the row is skipped.
    pub bad: bool,
}

impl<'r, 'a> RowReader<'r, 'a> {
    pub(super) fn new(
        row: &'r Row<'a>,
        file: &'r str,
        layout: &'r Layout,
        date_format: Option<&'r str>,
        diags: &'r mut Diagnostics,
        dates: &'r mut DateMemo,
    ) -> Self {
        RowReader {
            row,
            file,
            layout,
            date_format,
            diags,
            dates,
            bad: false,
        }
    }

    pub(super) fn line(&self) -> usize {
        self.row.line
    }

    /// Reports a problem with a column's value on this row.
    pub(super) fn error(&mut self, column: Col, message: impl AsRef<str>) {
        self.bad = true;
        let message = format!("column `{}`: {}", column.name, message.as_ref());
        self.diags.error(self.file, Some(self.row.line), message);
    }

    pub(super) fn warning(&mut self, column: Col, message: impl AsRef<str>) {
        let message = format!("column `{}`: {}", column.name, message.as_ref());
        self.diags.warning(self.file, Some(self.row.line), message);
    }

    /// The trimmed text of a column; `None` when absent or empty.
    #[inline]
    pub(super) fn text(&mut self, column: Col) -> Option<&'r str> {
        self.row.get(self.layout.field(column)?)
    }

    /// The text of a required column; reports an empty value.
    pub(super) fn required_text(&mut self, column: Col, expected: &str) -> Option<&'r str> {
        let text = self.text(column);
        if text.is_none() && !self.bad {
            self.error(column, format!("missing value (expected {expected})"));
        }
        text
    }

    /// A date in the table's format; `None` when empty or bad.
    pub(super) fn date(&mut self, column: Col) -> Option<Date> {
        let text = self.text(column)?;
        self.parse_date(column, text)
    }

    pub(super) fn required_date(&mut self, column: Col) -> Option<Date> {
        let text = self.required_text(column, "a date")?;
        self.parse_date(column, text)
    }

    fn parse_date(&mut self, column: Col, text: &str) -> Option<Date> {
        let key = DateKey::of(text);
        if let (Some(key), Some(Some((last, date)))) = (key, self.dates.last.get(column.index))
            && key == *last
        {
            return Some(*date);
        }
        let parsed = match self.date_format {
            None => Date::parse_default(text),
            Some(format) => parse_with_format(format, text)
                .or_else(|| self.row.is_toml().then(|| Date::parse_default(text))?),
        };
        if let (Some(key), Some(date), Some(slot)) =
            (key, parsed, self.dates.last.get_mut(column.index))
        {
            *slot = Some((key, date));
        }
        if parsed.is_none() {
            let expected = self.date_format.unwrap_or("YYYY-MM-DD");
            self.error(
                column,
                format!("{} is not a date (expected {expected})", quoted(text)),
            );
        }
        parsed
    }

    /// A value from a fixed set, through the config's labels.
    pub(super) fn set_value<T: Copy>(&mut self, set: &ValueSet<T>, required: bool) -> Option<T> {
        let values = set.column.values;
        let text = self.text(set.column);
        let text = match text {
            Some(text) => text,
            None if required && !self.bad => {
                let expected = format!("one of {}", values.join(", "));
                self.error(set.column, format!("missing value (expected {expected})"));
                return None;
            }
            None => return None,
        };
        let found = set.lookup(text);
        if found.is_none() {
            let mapped = if set.labels.len() > values.len() {
                ", or a label mapped to one in the config"
            } else {
                ""
            };
            self.error(
                set.column,
                format!(
                    "{} is not a valid value (expected one of {}{mapped})",
                    quoted(text),
                    values.join(", ")
                ),
            );
        }
        found
    }

    /// A non-negative number.
    pub(super) fn non_negative(&mut self, column: Col, unit: &str) -> Option<f64> {
        let text = self.text(column)?;
        // Whole minutes are the usual case, and exact as f64 below 2^53.
        if text.len() <= 15 && text.bytes().all(|b| b.is_ascii_digit()) {
            return text.parse::<u64>().ok().map(|v| v as f64);
        }
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => Some(v),
            Ok(v) if v.is_finite() => {
                self.error(
                    column,
                    format!("{} is negative (expected {unit}, 0 or more)", quoted(text)),
                );
                None
            }
            _ => {
                self.error(
                    column,
                    format!(
                        "{} is not a number (expected {unit}, 0 or more)",
                        quoted(text)
                    ),
                );
                None
            }
        }
    }

    /// A whole number in `min..=max`; `4.0` is accepted as 4.
    pub(super) fn whole_in(&mut self, column: Col, min: u8, max: u8) -> Option<u8> {
        let text = self.text(column)?;
        let value = text.parse::<i64>().ok().or_else(|| {
            let f = text.parse::<f64>().ok()?;
            (f.is_finite() && f.fract() == 0.0 && f.abs() < 1e9).then_some(f as i64)
        });
        match value {
            Some(v) if (i64::from(min)..=i64::from(max)).contains(&v) => Some(v as u8),
            Some(_) => {
                self.error(
                    column,
                    format!(
                        "{} is out of range (expected a whole number from {min} to {max})",
                        quoted(text)
                    ),
                );
                None
            }
            None => {
                self.error(
                    column,
                    format!(
                        "{} is not a whole number (expected {min} to {max})",
                        quoted(text)
                    ),
                );
                None
            }
        }
    }
}

/// A date read with a strftime-style format. Only the date is kept; the
/// whole text must match the format.
pub(super) fn parse_with_format(format: &str, text: &str) -> Option<Date> {
    let parsed = jiff::fmt::strtime::parse(format, text).ok()?;
    parsed.to_date().ok().map(Date::from_civil)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_memo_covers_every_column() {
        for kind in TableKind::ALL {
            assert!(kind.columns().len() <= MEMO_COLUMNS, "{kind:?}");
        }
    }

    #[test]
    fn formats() {
        let d = |f: &str, t: &str| parse_with_format(f, t).map(|d| d.to_string());
        assert_eq!(d("%m/%d/%Y", "03/05/2024"), Some("2024-03-05".into()));
        assert_eq!(d("%m/%d/%Y", "02/30/2024"), None);
        assert_eq!(d("%m/%d/%Y", "2024-03-05"), None);
        assert_eq!(d("%d.%m.%Y", "31.12.2024"), Some("2024-12-31".into()));
    }
}
