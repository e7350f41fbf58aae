//! Reading typed values out of one row: columns found through the config's mapping, dates, numbers and sets parsed strictly.
//!
//! Every problem is reported with its file, line and column name, and
//! marks the row bad, so that the loader skips it.

use crate::config::TableConfig;
use crate::config::schema::{Col, TableKind};
use crate::date::Date;
use crate::diag::{Diagnostics, quoted};

use std::cell::RefCell;

use super::origins::Origins;
use super::source::{Header, Row};
use super::words::end_words;

/// Where a file keeps a table's columns: for each column (in
/// [`TableKind::columns`] order), the field that holds it, the config's
/// constant that stands for it, or nothing.
#[derive(Clone, Debug)]
pub(super) struct Layout {
    index: Vec<Slot>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Missing,
    Field(usize),
    /// The config's constant number `k` (`[data.NAME.constants]`).
    Constant(usize),
}

impl Layout {
    /// Whether the file has the column (or the config gives it a constant).
    pub(super) fn has(&self, column: Col) -> bool {
        self.slot(column) != Slot::Missing
    }

    fn slot(&self, column: Col) -> Slot {
        self.index
            .get(column.index)
            .copied()
            .unwrap_or(Slot::Missing)
    }
}

/// Matches a table's columns to the file's headers: through the config's
/// `columns` mapping, case-insensitively after trimming, or to a constant.
/// Reports a mapping that names a missing header, a constant for a column
/// the file has, and each missing required column.
pub(super) fn resolve(
    kind: TableKind,
    table: &TableConfig,
    header: &Header,
    config_file: &str,
    diags: &mut Diagnostics,
) -> Option<Layout> {
    let (headers, file, line) = (header.names, header.display, Some(header.line));
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
        let constant = table.files.constants.iter().position(|(c, _)| c == name);
        if let (Some(k), Some(_)) = (constant, found) {
            let at = table
                .files
                .line(&format!("constants.{name}"))
                .map_or(String::new(), |l| format!(", {config_file}:{l}"));
            diags.error(
                file,
                line,
                format!(
                    "column `{name}` is in the file and is also a constant in the config (`data.{}.constants.{name}`{at}): keep one of the two",
                    kind.name()
                ),
            );
            ok = false;
            index.push(Slot::Constant(k));
            continue;
        }
        if let Some(k) = constant {
            index.push(Slot::Constant(k));
            continue;
        }
        // A required column with an alternative the file has, or a
        // constant gives (docs/data.md, "Pairs named by people"), may be
        // left out.
        let is_constant = |a: &str| table.files.constants.iter().any(|(c, _)| c == a);
        let stood_in = || {
            column
                .alternatives
                .iter()
                .any(|a| position(a).is_some() || is_constant(a))
        };
        if found.is_none() && !(column.required && mapped.is_none() && stood_in()) {
            if let Some(export) = mapped {
                diags.error(
                    file,
                    line,
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
                    line,
                    format!(
                        "missing required column `{name}` ({}; map another header to it with `[data.{}.columns]`{instead})",
                        has_list(),
                        kind.name()
                    ),
                );
                ok = false;
            }
        }
        index.push(found.map_or(Slot::Missing, Slot::Field));
    }
    ok.then_some(Layout { index })
}

pub(super) fn fold(header: &str) -> String {
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
    /// The config's constants for this row, `{file}` and `{line}` filled in.
    pub constants: &'r [String],
    /// Where this file's rows start among the table's ([`Origins`]).
    pub base: usize,
    /// The table's files read so far, to say where an earlier row was
    /// (borrowed only then: the reader holds no borrow per row).
    pub origins: Option<&'r RefCell<Origins>>,
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
            constants: &[],
            base: 0,
            origins: None,
            date_format,
            diags,
            dates,
            bad: false,
        }
    }

    /// The row's line in its file (a spreadsheet's row number).
    pub(super) fn line(&self) -> usize {
        self.row.line
    }

    /// The row's place among all the table's rows, across its files: what
    /// duplicate finders note, and `Origins` turns back into file and line.
    pub(super) fn position(&self) -> usize {
        self.base + self.row.line
    }

    /// Where a repeated id first appeared: `first on line 12` in this
    /// file, `first at exports/a.csv:12` in another.
    pub(super) fn first(&self, position: usize) -> String {
        match self.origins {
            Some(origins) => origins.borrow().first(position, self.file),
            None => format!("first on line {position}"),
        }
    }

    /// Where the row at `position` is, as this row's messages say it:
    /// `line 12` in this file, `exports/a.csv:12` in another.
    pub(super) fn place(&self, position: usize) -> String {
        match self.origins {
            Some(origins) => origins.borrow().place(position, self.file),
            None => format!("line {position}"),
        }
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
        match self.layout.slot(column) {
            Slot::Field(i) => self.row.get(i),
            Slot::Missing => None,
            Slot::Constant(k) => self.constant(k),
        }
    }

    /// A constant's text: out of line, so that the field read above stays
    /// small enough to inline into every loader.
    #[cold]
    #[inline(never)]
    fn constant(&self, k: usize) -> Option<&'r str> {
        let text = self.constants.get(k)?.trim();
        (!text.is_empty()).then_some(text)
    }

    /// The text of a required column; reports an empty value.
    #[inline]
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

    #[inline]
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
            Some(format) => parse_with_format(format, text).or_else(|| {
                self.row
                    .has_native_dates()
                    .then(|| Date::parse_default(text))?
            }),
        };
        if let (Some(key), Some(date), Some(slot)) =
            (key, parsed, self.dates.last.get_mut(column.index))
        {
            *slot = Some((key, date));
        }
        if parsed.is_none() {
            let expected = match (self.date_format, format_hint(text)) {
                (Some(format), _) => format.to_string(),
                (None, Some(hint)) => {
                    format!("YYYY-MM-DD; set date_format, e.g. {}", quoted(&hint))
                }
                (None, None) => "YYYY-MM-DD".to_string(),
            };
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

/// A `date_format` that would read `text`, when it looks like a date in
/// another common shape: `3/4/2025` → `%m/%d/%Y` (or `%d/%m/%Y` when the
/// first number cannot be a month), `31.12.2024` → `%d.%m.%Y`,
/// `5 Mar 2024` → `%d %b %Y`. Only shapes the format then reads.
fn format_hint(text: &str) -> Option<String> {
    let candidates: Vec<String> = ['/', '.', '-']
        .iter()
        .flat_map(|sep| {
            [
                format!("%m{sep}%d{sep}%Y"),
                format!("%d{sep}%m{sep}%Y"),
                format!("%Y{sep}%m{sep}%d"),
                format!("%m{sep}%d{sep}%y"),
                format!("%d{sep}%m{sep}%y"),
            ]
        })
        .chain(["%d %b %Y".into(), "%b %d, %Y".into(), "%d-%b-%Y".into()])
        // `2024-3-5` is the default shape mistyped, not another shape.
        .filter(|f| f != "%Y-%m-%d")
        .collect();
    // Only the date part of a date-time such as `3/4/2025 14:30`.
    let date_part = text.split_whitespace().next().unwrap_or(text);
    let with_time = date_part.len() < text.len() && text.contains(':');
    let probe = if with_time { date_part } else { text };
    let format = candidates
        .into_iter()
        .find(|f| parse_with_format(f, probe).is_some())?;
    Some(if with_time {
        format!("{format} %H:%M")
    } else {
        format
    })
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

    #[test]
    fn hints_for_dates_in_other_shapes() {
        let hint = |t: &str| format_hint(t);
        assert_eq!(hint("3/4/2025").as_deref(), Some("%m/%d/%Y"));
        assert_eq!(hint("31/12/2024").as_deref(), Some("%d/%m/%Y"));
        assert_eq!(hint("31.12.2024").as_deref(), Some("%d.%m.%Y"));
        assert_eq!(hint("5 Mar 2024").as_deref(), Some("%d %b %Y"));
        assert_eq!(hint("3/4/2025 14:30").as_deref(), Some("%m/%d/%Y %H:%M"));
        assert_eq!(hint("2024-13-05"), None);
        assert_eq!(hint("2024-3-5"), None);
        assert_eq!(hint("2024/3/5").as_deref(), Some("%Y/%m/%d"));
        assert_eq!(hint("soon"), None);
    }
}
