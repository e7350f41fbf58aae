//! Rows a table skips (`skip_if_empty`, `[skip_if]`): found by the export's headers, counted by reason for `check`'s note (docs/data.md, "Skipped rows").

use crate::config::TableConfig;
use crate::config::schema::TableKind;
use crate::diag::{Diagnostics, plural, quoted};

use super::fields::fold;
use super::source::{Header, Row};

/// A table's skip rules and how many rows each has skipped so far.
pub(super) struct Skips {
    /// One per reason: (the header as configured, the label or `None` for "empty").
    reasons: Vec<(String, Option<String>)>,
    counts: Vec<usize>,
}

/// The skip rules found in one file's headers: (field, reason) pairs.
pub(super) struct FileSkips {
    empty: Vec<(usize, usize)>,
    /// (field, folded label, reason)
    labels: Vec<(usize, String, usize)>,
}

impl Skips {
    pub(super) fn new(table: &TableConfig) -> Skips {
        let files = &table.files;
        let mut reasons: Vec<(String, Option<String>)> = files
            .skip_if_empty
            .iter()
            .map(|h| (h.clone(), None))
            .collect();
        for (header, labels) in &files.skip_if {
            reasons.extend(labels.iter().map(|l| (header.clone(), Some(l.clone()))));
        }
        let counts = vec![0; reasons.len()];
        Skips { reasons, counts }
    }

    /// Whether the table skips any row at all.
    pub(super) fn any(&self) -> bool {
        !self.reasons.is_empty()
    }

    /// Finds each rule's header in a file: the export's header, or the
    /// header a mentorbook column is mapped to. A header the file lacks is
    /// an error at the header's line.
    pub(super) fn resolve(
        &self,
        kind: TableKind,
        table: &TableConfig,
        header: &Header,
        diags: &mut Diagnostics,
    ) -> Option<FileSkips> {
        let folded: Vec<String> = header.names.iter().map(|h| fold(h)).collect();
        let field_of = |name: &str| {
            let wanted = fold(name);
            folded.iter().position(|h| *h == wanted).or_else(|| {
                let mapped = table.columns.get(name)?;
                let wanted = fold(mapped);
                folded.iter().position(|h| *h == wanted)
            })
        };
        let mut skips = FileSkips {
            empty: Vec::new(),
            labels: Vec::new(),
        };
        let mut ok = true;
        for (reason, (name, label)) in self.reasons.iter().enumerate() {
            let Some(field) = field_of(name) else {
                // One error per header, not per label.
                if self.reasons[..reason].iter().any(|(n, _)| n == name) {
                    continue;
                }
                let key = match label {
                    None => "skip_if_empty".to_string(),
                    Some(_) => format!("skip_if.{name}"),
                };
                let has: Vec<String> = header.names.iter().map(|h| quoted(h)).collect();
                diags.error(
                    header.display,
                    Some(header.line),
                    format!(
                        "`data.{}.{key}`: no header matches {} (the file has {})",
                        kind.name(),
                        quoted(name),
                        has.join(", ")
                    ),
                );
                ok = false;
                continue;
            };
            match label {
                None => skips.empty.push((field, reason)),
                Some(l) => skips.labels.push((field, fold(l), reason)),
            }
        }
        ok.then_some(skips)
    }

    /// Whether the row is skipped; counts it under the first rule it meets.
    pub(super) fn skips(&mut self, file: &FileSkips, row: &Row) -> bool {
        for &(field, reason) in &file.empty {
            if row.get(field).is_none() {
                self.counts[reason] += 1;
                return true;
            }
        }
        for (field, label, reason) in &file.labels {
            if let Some(value) = row.get(*field)
                && (value.eq_ignore_ascii_case(label)
                    || (!value.is_ascii() && fold(value) == *label))
            {
                self.counts[*reason] += 1;
                return true;
            }
        }
        false
    }

    /// `check`'s note about the table: `3 rows skipped (completed_at empty:
    /// 2, Session status "Cancelled": 1)`; `None` when no row was skipped.
    pub(super) fn note(&self) -> Option<String> {
        let total: usize = self.counts.iter().sum();
        if total == 0 {
            return None;
        }
        let why: Vec<(String, usize)> = self
            .reasons
            .iter()
            .zip(&self.counts)
            .filter(|(_, n)| **n > 0)
            .map(|((header, label), n)| {
                let text = match label {
                    None => format!("{header} empty"),
                    Some(l) => format!("{header} {}", quoted(l)),
                };
                (text, *n)
            })
            .collect();
        let why = match why.as_slice() {
            [(one, _)] => one.clone(),
            many => many
                .iter()
                .map(|(t, n)| format!("{t}: {n}"))
                .collect::<Vec<_>>()
                .join(", "),
        };
        Some(format!("{total} row{} skipped ({why})", plural(total)))
    }
}
