//! A row's cohort: found by id, or by name with `[lookup] cohort_id = "name"` (docs/data.md, "Cohorts by name"), with a hint when it misses.

use rustc_hash::FxHashMap;

use crate::config::schema::{Col, TableKind};
use crate::data::fields::RowReader;
use crate::data::intern::Interner;
use crate::data::model::{Cohort, CohortIx};
use crate::diag::quoted;
use crate::util::text::closest_id;

/// Errors a table gets a suggestion for ("did you mean"): a suggestion
/// compares the value with every id, so only the first ones pay for it.
const SUGGESTED: usize = 20;

/// The cohorts by name, compared as people type them: trimmed, case ignored.
#[derive(Default)]
pub(super) struct CohortNames {
    by_name: FxHashMap<String, Vec<CohortIx>>,
    /// Each cohort's name as the cohorts table writes it.
    written: Vec<String>,
}

fn fold(name: &str) -> String {
    name.trim().to_lowercase()
}

impl CohortNames {
    pub(super) fn of(cohorts: &[Cohort]) -> CohortNames {
        let mut by_name: FxHashMap<String, Vec<CohortIx>> = FxHashMap::default();
        for (i, c) in cohorts.iter().enumerate() {
            by_name
                .entry(fold(&c.name))
                .or_default()
                .push(i as CohortIx);
        }
        CohortNames {
            by_name,
            written: cohorts.iter().map(|c| c.name.clone()).collect(),
        }
    }

    fn get(&self, name: &str) -> &[CohortIx] {
        self.by_name.get(&fold(name)).map_or(&[], Vec::as_slice)
    }
}

/// How one table finds the cohort a row names.
pub(super) struct CohortRefs<'a> {
    pub ids: &'a Interner,
    pub names: &'a CohortNames,
    /// The cohorts table, as messages name it.
    pub file: &'a str,
    /// The table the rows are from, for the hint naming its lookup.
    pub table: TableKind,
    /// `[data.NAME.lookup] cohort_id = "name"`.
    pub by_name: bool,
}

impl CohortRefs<'_> {
    /// The cohort `text` names, if exactly one, without reporting.
    pub(super) fn quiet(&self, text: &str) -> Option<CohortIx> {
        if self.by_name {
            match self.names.get(text) {
                [one] => Some(*one),
                _ => None,
            }
        } else {
            self.ids.find(text)
        }
    }

    /// The cohort the row gives in `column`: `Some(None)` when it gives
    /// none, `None` when it gives one that is unknown or ambiguous
    /// (reported), so that its pair is not looked for without it.
    #[inline]
    pub(super) fn of_row(&self, r: &mut RowReader, column: Col) -> Option<Option<CohortIx>> {
        match r.text(column) {
            None => Some(None),
            Some(text) => self.find(r, column, text).map(Some),
        }
    }

    /// The cohort `text` names in `column`; reports an unknown or
    /// ambiguous one on the row.
    #[inline]
    pub(super) fn find(&self, r: &mut RowReader, column: Col, text: &str) -> Option<CohortIx> {
        if !self.by_name {
            let found = self.ids.find(text);
            if found.is_none() {
                self.unknown_id(r, column, text);
            }
            return found;
        }
        self.find_by_name(r, column, text)
    }

    fn find_by_name(&self, r: &mut RowReader, column: Col, text: &str) -> Option<CohortIx> {
        match self.names.get(text) {
            [one] => Some(*one),
            [] => {
                let hint = self.suggest(r, text, true);
                r.error(
                    column,
                    format!(
                        "{} is not the name of a cohort in {}{hint}",
                        quoted(text),
                        self.file
                    ),
                );
                None
            }
            several => {
                let ids: Vec<String> = several.iter().map(|&c| quoted(self.ids.get(c))).collect();
                r.error(
                    column,
                    format!(
                        "{} is the name of {} cohorts in {} ({}): give them different names, or refer to cohorts by id",
                        quoted(text),
                        several.len(),
                        self.file,
                        ids.join(", ")
                    ),
                );
                None
            }
        }
    }

    #[cold]
    fn unknown_id(&self, r: &mut RowReader, column: Col, text: &str) {
        let hint = match self.names.get(text) {
            [one, ..] => format!(
                ": it is the name of cohort {} (to refer to cohorts by name, set `[data.{}.lookup] cohort_id = \"name\"`)",
                quoted(self.ids.get(*one)),
                self.table.name()
            ),
            [] => self.suggest(r, text, false),
        };
        r.error(
            column,
            format!("{} is not a cohort in {}{hint}", quoted(text), self.file),
        );
    }

    /// `: did you mean "x"?` among the cohorts' names or ids, for the
    /// table's first errors.
    fn suggest(&self, r: &RowReader, text: &str, by_name: bool) -> String {
        if r.diags.error_count() >= SUGGESTED {
            return String::new();
        }
        let found = if by_name {
            closest_id(text.trim(), self.names.written.iter().map(String::as_str))
        } else {
            closest_id(text, (0..self.ids.len() as u32).map(|i| self.ids.get(i)))
        };
        found
            .map(|c| format!(": did you mean {}?", quoted(c)))
            .unwrap_or_default()
    }
}
