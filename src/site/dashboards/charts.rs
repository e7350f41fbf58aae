//! Charts as pages show them, and the note that replaces a chart whose table the program lacks.

use serde::Serialize;

use crate::charts::Chart;
use crate::charts::notes::{ChartNote, no_data_description};
use crate::config::schema::TableKind;
use crate::i18n::Words;

use super::Presence;
use super::marks::{CellView, Marks, Note};

/// A chart as pages show it: SVG (or a note saying why there is none),
/// a text description and the same figures as a table.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ChartView {
    pub id: String,
    /// The table the chart is drawn from (not for templates).
    #[serde(skip)]
    pub source: TableKind,
    pub title: String,
    pub description: String,
    pub svg: Option<String>,
    pub note: Option<String>,
    pub caption: String,
    pub headers: Vec<String>,
    /// Cells with the mark of a withheld figure's note.
    pub rows: Vec<Vec<CellView>>,
    /// Why the marked cells are withheld, each reason once.
    pub notes: Vec<Note>,
}

impl ChartView {
    /// The chart as pages show it, its table's notes in the language of `w`.
    pub fn of(w: &Words, c: Chart) -> ChartView {
        let caption = c.table.caption.clone();
        let headers = c.table.headers.clone();
        let (rows, notes) = Marks::table(w, c.table);
        ChartView {
            id: c.id,
            source: c.source,
            title: c.title,
            description: c.description,
            svg: c.svg,
            note: c.note,
            caption,
            headers,
            rows,
            notes,
        }
    }
}

impl Presence {
    /// Charts whose table the program does not have say so instead of
    /// drawing zeros (docs/data.md: pages that need an optional table say
    /// that no data was provided).
    pub fn mark_absent(&self, w: &Words, charts: Vec<ChartView>) -> Vec<ChartView> {
        charts
            .into_iter()
            .map(|c| self.mark_absent_one(w, c))
            .collect()
    }

    /// [`Presence::mark_absent`] for one chart.
    pub fn mark_absent_one(&self, w: &Words, c: ChartView) -> ChartView {
        if self.has(c.source) {
            return c;
        }
        ChartView {
            description: no_data_description(w, c.source),
            svg: None,
            note: Some(ChartNote::NoData(c.source).words(w)),
            rows: Vec::new(),
            notes: Vec::new(),
            ..c
        }
    }
}
