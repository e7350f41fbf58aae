//! The program over time: one line chart per headline figure across every quarter, full size and compact.

use crate::config::schema::TableKind;
use crate::metrics::Metrics;
use crate::metrics::privacy::Withheld;

use super::format::{NONE, counted, guarded, percent, two_decimals};
use super::notes::{ChartNote, NO_VALUE, WITHHELD, Withholding, withheld_gaps};
use super::render::{Axis, Colour, Gaps, Plot, Series};
use super::spark::{Spark, spark};
use super::{Cell, Chart, ChartKind, Drawing, Table, chart};

/// A headline figure followed over time, and across cohorts side by side.
pub struct TrendFigure {
    /// Stable, e.g. `active-pairs`.
    pub id: &'static str,
    /// Its trend chart's id: `trend-<id>`.
    chart_id: &'static str,
    /// e.g. "Active pairs"; also the table's column header.
    pub label: &'static str,
    /// The table it is counted from.
    pub source: TableKind,
    pub value: fn(&Metrics) -> Option<f64>,
    pub withheld: fn(&Metrics) -> Withheld,
    /// How a value is written in tables and descriptions.
    pub cell: fn(Option<f64>) -> String,
    /// The value axis for values up to a maximum.
    pub(super) axis: fn(f64) -> Axis,
    /// Said when no period has a value.
    empty: ChartNote,
}

fn whole(v: Option<f64>) -> String {
    v.filter(|v| v.is_finite())
        .map_or_else(|| NONE.to_string(), |v| format!("{v:.0}"))
}

/// The five figures the program's trend and the cohorts side by side
/// show, in page order (docs/site.md, "Program over time").
pub const TREND_FIGURES: [TrendFigure; 5] = [
    TrendFigure {
        id: "active-pairs",
        chart_id: "trend-active-pairs",
        label: "Active pairs",
        source: TableKind::Pairs,
        value: |m| Some(m.pairs.active as f64),
        withheld: |_| Withheld::Shown,
        cell: whole,
        axis: |max| Axis::upto(max, true),
        empty: ChartNote::NoActivePairs,
    },
    TrendFigure {
        id: "meetings-per-pair-month",
        chart_id: "trend-meetings-per-pair-month",
        label: "Meetings per pair-month",
        source: TableKind::Meetings,
        value: |m| m.meetings.per_pair_month,
        withheld: |_| Withheld::Shown,
        cell: two_decimals,
        axis: |max| Axis::upto(max, false),
        empty: ChartNote::NoActivePairs,
    },
    TrendFigure {
        id: "goal-completion",
        chart_id: "trend-goal-completion",
        label: "Goal completion",
        source: TableKind::Goals,
        value: |m| m.goals.completion_rate,
        withheld: |_| Withheld::Shown,
        cell: percent,
        axis: |_| Axis::percent(),
        empty: ChartNote::NoGoals,
    },
    TrendFigure {
        id: "mean-rating",
        chart_id: "trend-mean-rating",
        label: "Mean rating",
        source: TableKind::Feedback,
        value: |m| m.feedback.all.mean_rating,
        withheld: |m| m.feedback.all.ratings_withheld,
        cell: two_decimals,
        // Ratings run from 1 to 5: the whole scale, no more.
        axis: |_| Axis::fixed(1.0, 5.0, &[1.0, 2.0, 3.0, 4.0, 5.0]),
        empty: ChartNote::NoRatings,
    },
    TrendFigure {
        id: "response-rate",
        chart_id: "trend-response-rate",
        label: "Response rate",
        source: TableKind::Feedback,
        value: |m| m.feedback.all.response_rate,
        withheld: |_| Withheld::Shown,
        cell: percent,
        axis: |_| Axis::percent(),
        empty: ChartNote::NoResponsesYet,
    },
];

/// One period of a trend: its label and its published figures (`None`:
/// no figures, e.g. a quarter in which no cohort was active).
#[derive(Clone, Copy, Debug)]
pub struct Period<'a> {
    pub label: &'a str,
    pub metrics: Option<&'a Metrics>,
}

/// A figure over the periods, as published: shown values, withheld
/// periods and why.
pub(super) struct Published {
    pub values: Vec<Option<f64>>,
    pub withheld: Vec<usize>,
    pub reasons: Vec<Withheld>,
    pub cells: Vec<Cell>,
}

impl TrendFigure {
    /// This figure over `periods`; withheld figures have no value.
    pub(super) fn over(&self, periods: &[Period], k: u32) -> Published {
        let mut s = Published {
            values: Vec::new(),
            withheld: Vec::new(),
            reasons: Vec::new(),
            cells: Vec::new(),
        };
        for (i, p) in periods.iter().enumerate() {
            let Some(m) = p.metrics else {
                s.values.push(None);
                s.cells.push(Cell::from(NONE));
                continue;
            };
            let w = (self.withheld)(m);
            let value = (self.value)(m).filter(|v| v.is_finite());
            s.cells.push(guarded(value, w, k, |v| (self.cell)(Some(v))));
            if w.is_withheld() {
                s.withheld.push(i);
                s.reasons.push(w);
                s.values.push(None);
            } else {
                s.values.push(value);
            }
        }
        s
    }

    /// `2024-Q1 12, 2024-Q2 withheld, …`: every period's value in words.
    pub(super) fn listed(&self, periods: &[Period], s: &Published) -> String {
        periods
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let v = if s.withheld.contains(&i) {
                    WITHHELD.to_string()
                } else {
                    s.values[i].map_or_else(|| NO_VALUE.to_string(), |v| (self.cell)(Some(v)))
                };
                format!("{} {v}", p.label)
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The program's trend of one figure: its chart, and the same as a
/// compact chart (for the home page) with its own text alternative.
#[derive(Clone, Debug)]
pub struct Trend {
    pub figure: &'static TrendFigure,
    pub chart: Chart,
    /// A small SVG image of the same line on the same scale, named by the
    /// chart's title and description; `None` when nothing is drawn.
    pub compact: Option<String>,
}

impl std::fmt::Debug for TrendFigure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

/// Every figure of [`TREND_FIGURES`] over `periods` (the program's
/// quarters in time order), in page order.
pub fn program_trends(periods: &[Period], k: u32) -> Vec<Trend> {
    TREND_FIGURES
        .iter()
        .map(|f| program_trend(f, periods, k))
        .collect()
}

fn program_trend(f: &'static TrendFigure, periods: &[Period], k: u32) -> Trend {
    let kind = ChartKind {
        id: f.chart_id,
        source: f.source,
    };
    let span = match (periods.first(), periods.last()) {
        (Some(a), Some(b)) if a.label != b.label => format!("{} to {}", a.label, b.label),
        (Some(a), _) => a.label.to_string(),
        _ => String::new(),
    };
    let title = format!("{} by quarter", f.label);
    let s = f.over(periods, k);
    let mut table = Table::new(format!("{title}, {span}"), &["Quarter", f.label]);
    for (p, cell) in periods.iter().zip(&s.cells) {
        table.push([Cell::from(p.label), cell.clone()]);
    }
    let mut description = format!("{} in each quarter, {span}: ", f.label);
    description.push_str(&f.listed(periods, &s));
    description.push('.');
    let known: Vec<(usize, f64)> = s
        .values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .collect();
    if known.len() > 1 {
        let high = known
            .iter()
            .fold(known[0], |b, x| if x.1 > b.1 { *x } else { b });
        let low = known
            .iter()
            .fold(known[0], |b, x| if x.1 < b.1 { *x } else { b });
        description.push_str(&format!(
            " Highest {} in {}; lowest {} in {}.",
            (f.cell)(Some(high.1)),
            periods[high.0].label,
            (f.cell)(Some(low.1)),
            periods[low.0].label
        ));
    }
    let why = Withholding::of(&s.reasons, k);
    if let Some(why) = why {
        description.push(' ');
        description.push_str(&withheld_gaps(
            why,
            &counted(s.withheld.len() as u64, "quarter", "quarters"),
        ));
    }
    let ids = format!("mb-home-{}", f.id);
    let axis = (f.axis)(known.iter().map(|(_, v)| *v).fold(0.0, f64::max));
    let compact = spark(&Spark {
        values: &s.values,
        withheld: &s.withheld,
        scale: Some((axis.min, axis.max)),
        label: Some((&ids, &title, &description)),
    });
    if known.is_empty() {
        let note = why.map_or_else(|| f.empty.clone(), ChartNote::Withheld);
        let chart = chart(
            "program",
            kind,
            title,
            description,
            table,
            Drawing::none(note),
        );
        return Trend {
            figure: f,
            chart,
            compact,
        };
    }
    let mut plot = Plot::new(periods.iter().map(|p| p.label.to_string()).collect(), axis);
    plot.lines.push(Series {
        name: "Program".into(),
        colour: Colour::Blue,
        values: s.values.clone(),
    });
    plot.gaps = Gaps {
        categories: s.withheld.clone(),
        label: "Withheld".into(),
    };
    let chart = chart(
        "program",
        kind,
        title,
        description,
        table,
        Drawing::plot(plot, why.map(ChartNote::PartlyWithheld)),
    );
    Trend {
        figure: f,
        chart,
        compact,
    }
}
