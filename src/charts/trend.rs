//! The program over time: one line chart per headline figure across every quarter, full size and compact.

use crate::config::schema::TableKind;
use crate::i18n::Words;
use crate::metrics::Metrics;
use crate::metrics::privacy::Withheld;

use super::format::{NONE, guarded, percent, two_decimals};
use super::notes::{ChartNote, Withholding, no_value, withheld, withheld_gaps};
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
    pub cell: fn(&Words, Option<f64>) -> String,
    /// The value axis for values up to a maximum.
    pub(super) axis: fn(f64) -> Axis,
    /// Said when no period has a value.
    empty: ChartNote,
}

fn whole(w: &Words, v: Option<f64>) -> String {
    v.filter(|v| v.is_finite())
        .map_or_else(|| NONE.to_string(), |v| w.formats().signed(v, false))
}

/// The five figures the program's trend and the cohorts side by side
/// show, in page order (docs/site.md, "Program over time").
pub const TREND_FIGURES: [TrendFigure; 5] = [
    TrendFigure {
        id: "active-pairs",
        chart_id: "trend-active-pairs",
        label: "column.active_pairs",
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
        label: "column.meetings_per_pair_month",
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
        label: "column.goal_completion",
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
        label: "column.mean_rating",
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
        label: "column.response_rate",
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
    pub(super) fn over(&self, w: &Words, periods: &[Period], k: u32) -> Published {
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
            let held = (self.withheld)(m);
            let value = (self.value)(m).filter(|v| v.is_finite());
            s.cells
                .push(guarded(w, value, held, k, |v| (self.cell)(w, Some(v))));
            if held.is_withheld() {
                s.withheld.push(i);
                s.reasons.push(held);
                s.values.push(None);
            } else {
                s.values.push(value);
            }
        }
        s
    }

    /// `2024-Q1 12, 2024-Q2 withheld, …`: every period's value in words.
    pub(super) fn listed(&self, w: &Words, periods: &[Period], s: &Published) -> String {
        periods
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let v = if s.withheld.contains(&i) {
                    withheld(w).to_string()
                } else {
                    s.values[i].map_or_else(|| no_value(w).to_string(), |v| (self.cell)(w, Some(v)))
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
pub fn program_trends(w: &Words, periods: &[Period], k: u32) -> Vec<Trend> {
    TREND_FIGURES
        .iter()
        .map(|f| program_trend(w, f, periods, k))
        .collect()
}

fn program_trend(w: &Words, f: &'static TrendFigure, periods: &[Period], k: u32) -> Trend {
    let kind = ChartKind {
        id: f.chart_id,
        source: f.source,
    };
    let span = match (periods.first(), periods.last()) {
        (Some(a), Some(b)) if a.label != b.label => {
            w.fill("dash.dates", &[("start", a.label), ("end", b.label)])
        }
        (Some(a), _) => a.label.to_string(),
        _ => String::new(),
    };
    let label = w.t(f.label);
    let title = w.fill("chart.trend.title", &[("figure", label)]);
    let s = f.over(w, periods, k);
    let mut table = Table::new(
        w.fill("chart.trend.caption", &[("title", &title), ("span", &span)]),
        &[w.t("column.quarter"), label],
    );
    for (p, cell) in periods.iter().zip(&s.cells) {
        table.push([Cell::from(p.label), cell.clone()]);
    }
    let mut description = w.fill(
        "chart.trend.description",
        &[
            ("figure", label),
            ("span", &span),
            ("values", &f.listed(w, periods, &s)),
        ],
    );
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
        description.push(' ');
        description.push_str(&w.fill(
            "chart.trend.high_low",
            &[
                ("high", &(f.cell)(w, Some(high.1))),
                ("high_quarter", periods[high.0].label),
                ("low", &(f.cell)(w, Some(low.1))),
                ("low_quarter", periods[low.0].label),
            ],
        ));
    }
    let why = Withholding::of(&s.reasons, k);
    if let Some(why) = why {
        description.push(' ');
        description.push_str(&withheld_gaps(w, why, s.withheld.len() as u64));
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
            w,
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
        name: w.t("chart.trend.program").into(),
        colour: Colour::Blue,
        values: s.values.clone(),
    });
    plot.gaps = Gaps {
        categories: s.withheld.clone(),
        label: w.t("note.withheld_capital").into(),
    };
    let chart = chart(
        w,
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
