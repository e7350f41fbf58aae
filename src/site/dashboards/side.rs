//! Cohorts side by side on the cohorts index: per headline figure, a small trend on one scale and the latest value, running cohorts first.

use serde::Serialize;
use tera::Value;

use crate::charts::SideBySide;
use crate::charts::notes::{ChartNote, FigureNote};
use crate::data::Program;
use crate::site::format::NONE;

use super::Dashboards;
use super::cohort::{CohortInfo, CohortStatus};
use super::indexes::GROUPS;
use super::marks::{Marks, Note, SharedCells};

/// The cohorts compared, as indices into the figures' cohorts, in page
/// order: running cohorts, then ended ones, each newest start first.
/// Upcoming cohorts have no figures to compare.
pub fn side_by_side_rows(d: &Dashboards) -> Vec<usize> {
    let mut out = Vec::new();
    for status in [CohortStatus::Running, CohortStatus::Ended] {
        let mut these: Vec<usize> = (0..d.metrics.cohorts.len())
            .filter(|&i| CohortStatus::of(&d.metrics.cohorts[i], d.metrics.as_of) == status)
            .collect();
        // Stable: cohorts starting the same day keep table order.
        these.sort_by(|a, b| {
            d.metrics.cohorts[*b]
                .start_date
                .cmp(&d.metrics.cohorts[*a].start_date)
        });
        out.extend(these);
    }
    out
}

/// A figure's column: what it is, its shared scale and what it shows.
#[derive(Clone, Debug, Serialize)]
pub struct FigureHead {
    pub id: String,
    pub label: String,
    /// The scale every small trend of the column shares: `0 to 25`.
    pub scale: String,
    pub description: String,
    /// False when the program lacks the figure's table.
    pub present: bool,
    pub glossary: Option<String>,
}

/// One figure of one cohort: its small trend and latest value.
#[derive(Clone, Debug, Serialize)]
pub struct SideCell {
    pub label: String,
    /// The scale the figure's small trends share.
    pub scale: String,
    pub spark: Option<String>,
    pub value: String,
    /// The quarter of the latest value.
    pub quarter: Option<String>,
    /// The number of the note saying why the value is withheld.
    pub note: Option<usize>,
}

/// One cohort's row.
#[derive(Clone, Debug, Serialize)]
pub struct SideRow {
    #[serde(flatten)]
    pub info: CohortInfo,
    pub cells: Vec<SideCell>,
}

/// The rows of one status.
#[derive(Clone, Debug, Serialize)]
pub struct SideGroup {
    pub title: String,
    pub rows: Vec<SideRow>,
}

/// Every value of one figure: a row per cohort, a column per quarter.
#[derive(Clone, Debug, Serialize)]
pub struct SideTable {
    pub id: String,
    pub title: String,
    pub description: String,
    pub caption: String,
    pub headers: Vec<String>,
    /// The cells, as [`SharedCells`] makes them.
    pub rows: Vec<Vec<Value>>,
    pub notes: Vec<Note>,
}

/// The cohorts side by side, as the cohorts index shows them.
#[derive(Clone, Debug, Serialize)]
pub struct SideBySideView {
    /// The program's first and last quarter: the time every small trend spans.
    pub first: String,
    pub last: String,
    pub figures: Vec<FigureHead>,
    pub groups: Vec<SideGroup>,
    /// Why marked latest values are withheld, each reason once.
    pub notes: Vec<Note>,
    pub tables: Vec<SideTable>,
}

impl Dashboards<'_> {
    /// The view of `side` (drawn for the cohorts `rows`, in that order)
    /// over the program's quarters `first` to `last`.
    pub fn side_by_side_view(
        &self,
        program: &Program,
        side: &[SideBySide],
        rows: &[usize],
        (first, last): (&str, &str),
    ) -> SideBySideView {
        let figures: Vec<FigureHead> = side
            .iter()
            .map(|s| {
                let present = self.presence.has(s.figure.source);
                FigureHead {
                    id: s.figure.id.to_string(),
                    label: self.words.t(s.figure.label).to_string(),
                    scale: if present {
                        s.scale.clone()
                    } else {
                        FigureNote::NoData(s.figure.source).words(&self.words)
                    },
                    description: if present {
                        s.description.clone()
                    } else {
                        ChartNote::NoData(s.figure.source).words(&self.words)
                    },
                    present,
                    glossary: super::figures::glossary_anchor(s.figure.label)
                        .and_then(|a| self.glossary(a)),
                }
            })
            .collect();
        let mut marks = Marks::default();
        let mut groups: Vec<SideGroup> = Vec::new();
        for (r, &i) in rows.iter().enumerate() {
            let c = &self.metrics.cohorts[i];
            let info = CohortInfo::of(self, program, c);
            let cells = side
                .iter()
                .zip(&figures)
                .map(|(s, head)| {
                    let latest = s.latest.get(r).cloned().flatten();
                    match latest {
                        Some((quarter, cell)) if head.present => SideCell {
                            label: head.label.clone(),
                            scale: head.scale.clone(),
                            spark: s.sparks.get(r).cloned().flatten(),
                            note: marks.mark(cell.withheld),
                            value: cell.text,
                            quarter: Some(quarter),
                        },
                        _ => SideCell {
                            label: head.label.clone(),
                            scale: head.scale.clone(),
                            spark: None,
                            value: NONE.to_string(),
                            quarter: None,
                            note: None,
                        },
                    }
                })
                .collect();
            let title = GROUPS
                .iter()
                .find(|(s, _)| *s == info.status)
                .map_or("", |(_, t)| self.words.t(t));
            let row = SideRow { info, cells };
            match groups.last_mut() {
                Some(g) if g.title == title => g.rows.push(row),
                _ => groups.push(SideGroup {
                    title: title.to_string(),
                    rows: vec![row],
                }),
            }
        }
        let mut cells = SharedCells::default();
        let tables = side
            .iter()
            .zip(&figures)
            .map(|(s, head)| {
                let (rows, notes) = if head.present {
                    let (rows, notes) = Marks::table(&self.words, s.table.clone());
                    (cells.rows(rows), notes)
                } else {
                    (Vec::new(), Vec::new())
                };
                SideTable {
                    id: format!("every-{}", head.id),
                    title: s.table.caption.clone(),
                    description: head.description.clone(),
                    caption: s.table.caption.clone(),
                    headers: s.table.headers.clone(),
                    rows,
                    notes,
                }
            })
            .collect();
        SideBySideView {
            first: first.to_string(),
            last: last.to_string(),
            figures,
            groups,
            notes: marks.notes(&self.words),
            tables,
        }
    }
}
