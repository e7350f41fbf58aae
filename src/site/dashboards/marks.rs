//! Withheld figures in tables: a short mark in the cell, and each reason once in a note under the table.
//!
//! A cell shows `withheld` and a number; the note with that number, under
//! the table, says why (in the words of `charts::notes`). Numbers count
//! from 1 in each table, in the order the cells first need them. A screen
//! reader, which does not see the mark, reads the reason in the cell.

use serde::Serialize;

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
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
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
}
