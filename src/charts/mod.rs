//! Charts: published figures → accessible, deterministic SVG with a text description and a table.
//!
//! Pure functions: [`cohort_charts`] for a cohort dashboard,
//! [`report_charts`] for a quarterly report, [`program_trends`] for the
//! program over time, [`side_by_side`] for cohorts compared on one scale
//! and [`spark`] for the small trends of the last two. A table cell of a
//! withheld figure carries why ([`Cell`]): pages mark it and say why once
//! under the table. Withheld figures (docs/privacy.md) are never drawn: a chart whose
//! figures are all withheld has `svg: None` and a `note` saying why; a
//! chart drawn with some figures withheld also carries a `note`, worded
//! from a typed [`ChartNote`] by [`notes`]. Charts hold aggregate figures
//! only, never ids or names of people.
//!
//! # The SVG
//!
//! Every chart is drawn by plotters (SVG backend) and rewritten
//! ([`render`]): its root is
//! `<svg viewBox="0 0 480 H" class="mb-chart" role="img" aria-labelledby="… …">`
//! with no fixed width or height, followed by `<title>` and `<desc>` whose
//! ids are `mb-<scope>-<chart id>-title` / `-desc` (scope: the cohort's
//! slug, or the report's quarter slugified), so they are unique on a page
//! that shows several charts. Same figures → same bytes: integer
//! coordinates, fixed formatting, no hash-map iteration.
//!
//! # CSS hooks
//!
//! Text and axis lines are painted with `currentColor` (the root sets
//! `fill="currentColor"`), grid lines with `currentColor` at opacity 0.2,
//! so the page's `color` restyles them for dark mode and print. Series keep
//! their Okabe–Ito colour as a presentation attribute (so a chart looks
//! right on its own) and carry a class the page may override:
//!
//! | class | element |
//! |---|---|
//! | `mb-chart` | the `<svg>` root (suggested: `width:100%; height:auto; max-width:40rem`) |
//! | `mb-bar` | a bar (`<rect>`) |
//! | `mb-line` | a line series (`<polyline>`) |
//! | `mb-dot` | a point of a line series (`<circle>`) |
//! | `mb-fill-<colour>` | bars, dots and legend swatches of that colour |
//! | `mb-stroke-<colour>` | lines and legend lines of that colour |
//! | `mb-axis` | the baseline (`<polyline>`, `currentColor`) |
//! | `mb-grid` | light grid lines (`<polyline>`, `currentColor`, opacity 0.2) |
//! | `mb-label` | axis and tick labels (`<text>`) |
//! | `mb-key` | legend swatches, lines and text |
//! | `mb-gap` | a band over a withheld period, and its legend swatch (`currentColor`, faint) |
//! | `mb-spark` | the root of a [`spark`] (`stroke`/`fill` `currentColor`) |
//!
//! `<colour>` is one of `blue` (#0072B2), `orange` (#E69F00), `green`
//! (#009E73), `sky` (#56B4E9), `vermillion` (#D55E00).
//! Roles are always mentor = blue, mentee = orange, all respondents = green.

mod cohort;
mod compare;
mod feedback;
pub mod format;
pub mod notes;
mod render;
mod report;
mod spark;
mod trend;

pub use cohort::cohort_charts;
pub use compare::{Row, SideBySide, side_by_side};
pub use report::{many_cohorts, report_charts};
pub use spark::{Spark, spark};
pub use trend::{Period, TREND_FIGURES, Trend, TrendFigure, program_trends};

use crate::config::schema::TableKind;
use notes::{ChartNote, Withholding};
use render::Plot;

/// One chart: what a page shows for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Stable, e.g. `meetings-per-month`.
    pub id: String,
    /// The table its figures are drawn from. Figures are 0, not unknown,
    /// without it: pages say that no data was provided instead.
    pub source: TableKind,
    /// The heading; also the SVG `<title>`.
    pub title: String,
    /// A text alternative with the key numbers; also the SVG `<desc>`.
    pub description: String,
    /// `None` when there is nothing to draw (no data, or all withheld).
    pub svg: Option<String>,
    /// Why there is no chart, or what of it is withheld. Pages show it
    /// whenever it is set.
    pub note: Option<String>,
    /// The same figures as the chart, as a table.
    pub table: Table,
}

/// A table of plain-text cells (the page escapes them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    fn new(caption: impl Into<String>, headers: &[&str]) -> Table {
        Table {
            caption: caption.into(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row of cells.
    fn push<C: Into<Cell>>(&mut self, row: impl IntoIterator<Item = C>) {
        self.rows.push(row.into_iter().map(Into::into).collect());
    }
}

/// One cell of a [`Table`]: its text and, when the figure is withheld,
/// why (pages show a short mark and the reason once under the table).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub withheld: Option<Withholding>,
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell {
            text,
            withheld: None,
        }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::from(text.to_string())
    }
}

impl PartialEq<&str> for Cell {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl PartialEq<String> for Cell {
    fn eq(&self, other: &String) -> bool {
        self.text == *other
    }
}

/// Which chart: its stable id and the table it is drawn from.
#[derive(Clone, Copy)]
struct ChartKind {
    id: &'static str,
    source: TableKind,
}

/// What a chart builder decided: what to draw (if anything) and the note.
struct Drawing {
    plot: Option<Plot>,
    note: Option<ChartNote>,
}

impl Drawing {
    fn plot(plot: Plot, note: Option<ChartNote>) -> Drawing {
        Drawing {
            plot: Some(plot),
            note,
        }
    }

    fn none(note: ChartNote) -> Drawing {
        Drawing {
            plot: None,
            note: Some(note),
        }
    }
}

/// Assembles a chart, rendering its plot with ids unique to `scope`, its
/// note in the language of `w`.
fn chart(
    w: &crate::i18n::Words,
    scope: &str,
    kind: ChartKind,
    title: String,
    description: String,
    table: Table,
    drawing: Drawing,
) -> Chart {
    let ids = format!("mb-{scope}-{}", kind.id);
    let mut plot = drawing.plot;
    if let Some(p) = plot.as_mut() {
        p.axis.localize(w);
    }
    let svg = plot
        .as_ref()
        .and_then(|p| render::render(p, &ids, &title, &description));
    let note = match (&plot, &svg) {
        (Some(_), None) => Some(ChartNote::NotDrawn),
        _ => drawing.note,
    };
    Chart {
        id: kind.id.to_string(),
        source: kind.source,
        title,
        description,
        svg,
        note: note.map(|n| n.words(w)),
        table,
    }
}

#[cfg(test)]
mod over_time_tests;
#[cfg(test)]
mod tests;
