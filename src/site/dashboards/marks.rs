//! Withheld figures in tables: a short mark in the cell, and each reason once in a note under the table.
//!
//! A cell shows `withheld` and a number; the note with that number, under
//! the table, says why (in the words of `charts::notes`). Numbers count
//! from 1 in each table, in the order the cells first need them. A screen
//! reader, which does not see the mark, reads the reason in the cell.

use std::collections::HashMap;

use serde::Serialize;
use tera::Value;

use crate::charts::notes::{TableNote, Withholding};
use crate::charts::{Cell, Table};
use crate::i18n::Words;

/// A note under a table: its number and the reason.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Note {
    pub mark: usize,
    pub text: String,
    /// The reason as a marked cell says it after `withheld`, hidden from
    /// sight: `: fewer than 5 responses`.
    pub in_cell: String,
}

/// A table cell as pages show it: its text and, when withheld, the number
/// of the note that says why.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, Hash)]
pub struct CellView {
    pub text: String,
    pub note: Option<usize>,
}

/// The reasons one table's cells have been marked with, in mark order.
#[derive(Clone, Debug, Default)]
pub struct Marks {
    reasons: Vec<Withholding>,
}

impl Marks {
    /// The number of the note for `why` (`None`: not withheld, no mark).
    pub fn mark(&mut self, why: Option<Withholding>) -> Option<usize> {
        let why = why?;
        let at = match self.reasons.iter().position(|r| *r == why) {
            Some(at) => at,
            None => {
                self.reasons.push(why);
                self.reasons.len() - 1
            }
        };
        Some(at + 1)
    }

    /// The notes under the table, one per reason.
    pub fn notes(&self, w: &Words) -> Vec<Note> {
        self.reasons
            .iter()
            .enumerate()
            .map(|(i, why)| Note {
                mark: i + 1,
                text: TableNote(*why).words(w),
                in_cell: TableNote(*why).in_cell(w),
            })
            .collect()
    }

    /// A chart's table as cells with marks, and its notes.
    pub fn table(w: &Words, table: Table) -> (Vec<Vec<CellView>>, Vec<Note>) {
        let mut marks = Marks::default();
        let rows = table
            .rows
            .into_iter()
            .map(|row| row.into_iter().map(|c| marks.cell(c)).collect())
            .collect();
        (rows, marks.notes(w))
    }

    fn cell(&mut self, c: Cell) -> CellView {
        CellView {
            note: self.mark(c.withheld),
            text: c.text,
        }
    }
}

/// Table cells as template values, each distinct cell made once. A large
/// table's cells are many (cohorts × quarters) and their texts few (`—`,
/// `42%`), and a template value is shared by reference: a repeated cell
/// costs a slot, not a map of its own. Same template keys, same page
/// (docs/architecture.md, "Memory").
#[derive(Default)]
pub(super) struct SharedCells(HashMap<CellView, Value>);

impl SharedCells {
    pub(super) fn rows(&mut self, rows: Vec<Vec<CellView>>) -> Vec<Vec<Value>> {
        rows.into_iter()
            .map(|row| row.into_iter().map(|c| self.value(c)).collect())
            .collect()
    }

    fn value(&mut self, cell: CellView) -> Value {
        if let Some(v) = self.0.get(&cell) {
            return v.clone();
        }
        let v = Value::from_serializable(&cell);
        self.0.insert(cell, v.clone());
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_count_from_one_per_reason_in_order_of_need() {
        let small = Some(Withholding::SmallGroup { k: 5 });
        let derived = Some(Withholding::Derivable);
        let mut m = Marks::default();
        assert_eq!(m.mark(None), None);
        assert_eq!(m.mark(derived), Some(1));
        assert_eq!(m.mark(small), Some(2));
        assert_eq!(m.mark(derived), Some(1));
        assert_eq!(
            m.notes(&Words::english()),
            [
                Note {
                    mark: 1,
                    text: "Withheld so that other figures cannot be worked out from it.".into(),
                    in_cell: " so that other figures cannot be worked out from it".into()
                },
                Note {
                    mark: 2,
                    text: "Withheld: fewer than 5 responses.".into(),
                    in_cell: ": fewer than 5 responses".into()
                },
            ]
        );
        assert!(Marks::default().notes(&Words::english()).is_empty());
    }

    /// Shared cells are the values the cells themselves would give, in
    /// place: a template reads the same `text` and `note` from either.
    #[test]
    fn shared_cells_give_each_cell_its_own_value_in_place() {
        let cell = |text: &str, note| CellView {
            text: text.into(),
            note,
        };
        let rows = vec![
            vec![
                cell("Cohort A", None),
                cell("42%", None),
                cell("withheld", Some(1)),
            ],
            vec![cell("Cohort B", None), cell("42%", None), cell("—", None)],
        ];
        let mut shared = SharedCells::default();
        let values = shared.rows(rows.clone());
        let expected: Vec<Vec<Value>> = rows
            .iter()
            .map(|row| row.iter().map(Value::from_serializable).collect())
            .collect();
        assert_eq!(values, expected);
        assert_eq!(shared.0.len(), 5, "one value per distinct cell");
    }
}
