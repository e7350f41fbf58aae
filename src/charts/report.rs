//! The charts of a quarterly report: one bar per cohort active in the quarter.

use crate::config::schema::TableKind;
use crate::data::path_slug;
use crate::i18n::Words;
use crate::metrics::privacy::Withheld;
use crate::metrics::{Metrics, QuarterReport};

use super::format::{counted, guarded, percent, two_decimals};
use super::notes::{ChartNote, Withholding, withheld};
use super::render::{Axis, Colour, Plot, Series};
use super::{Cell, Chart, ChartKind, Drawing, Table, chart};

/// The catalog key of the label of the program's pooled figures in rate charts.
const ALL: &str = "chart.report.all_cohorts";

const ACTIVE_PAIRS: ChartKind = ChartKind {
    id: "active-pairs-by-cohort",
    source: TableKind::Pairs,
};

/// Every chart of a quarterly report, in page order. The mean rating chart
/// is left out when no feedback of the quarter carries a rating.
pub fn report_charts(w: &Words, r: &QuarterReport, k: u32) -> Vec<Chart> {
    let scope = path_slug(&r.quarter);
    let mut charts = vec![
        active_pairs(w, r, &scope),
        rate_chart(w, r, &scope, &PER_PAIR_MONTH, k),
        rate_chart(w, r, &scope, &COMPLETION, k),
    ];
    let any_rating = r.totals.feedback.all.rating_rows > 0
        || r.cohorts
            .iter()
            .any(|c| c.metrics.feedback.all.rating_rows > 0);
    if any_rating {
        charts.push(rate_chart(w, r, &scope, &MEAN_RATING, k));
    }
    charts
}

/// A report's bar chart draws every cohort up to this many; past it, the
/// [`EACH_END`] highest and the [`EACH_END`] lowest (docs/site.md).
const MOST_BARS: usize = 30;
const EACH_END: usize = 15;

/// Whether a report of `cohorts` cohorts has more than [`MOST_BARS`]: its
/// charts then draw the highest and the lowest only, and its pages write
/// their tables leaner (docs/site.md, "Tables" and "Charts").
pub fn many_cohorts(cohorts: usize) -> bool {
    cohorts > MOST_BARS
}

/// The cohorts a chart draws, as indices into `values` in drawing order:
/// all of them, in order, up to [`MOST_BARS`]; past it, the [`EACH_END`]
/// highest values then the [`EACH_END`] lowest, from the highest down
/// (equal values in cohort order). A cohort without a value (withheld,
/// undefined) is drawn only among all.
fn extremes(values: &[Option<f64>]) -> Vec<usize> {
    if !many_cohorts(values.len()) {
        return (0..values.len()).collect();
    }
    let mut ranked: Vec<(usize, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| (i, v)))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    if ranked.len() > 2 * EACH_END {
        ranked.drain(EACH_END..ranked.len() - EACH_END);
    }
    ranked.into_iter().map(|(i, _)| i).collect()
}

/// The sentence a chart that draws `drawn` of its `cohorts` adds to its
/// description.
fn only_extremes(w: &Words, cohorts: usize, drawn: usize) -> String {
    let cohorts = counted(w, "count.cohorts", cohorts as u64);
    if drawn == 2 * EACH_END {
        w.fill(
            "chart.report.extremes",
            &[("cohorts", &cohorts), ("each", &EACH_END.to_string())],
        )
    } else {
        w.fill(
            "chart.report.extremes_with_figures",
            &[("cohorts", &cohorts), ("drawn", &drawn.to_string())],
        )
    }
}

fn horizontal(categories: Vec<String>, axis: Axis) -> Plot {
    let mut plot = Plot::new(categories, axis);
    plot.horizontal = true;
    plot
}

fn active_pairs(w: &Words, r: &QuarterReport, scope: &str) -> Chart {
    let title = w.fill(
        "chart.report.active_pairs.title",
        &[("quarter", &r.quarter)],
    );
    let mut table = Table::new(
        title.clone(),
        &[w.t("column.cohort"), w.t("column.active_pairs")],
    );
    for c in &r.cohorts {
        table.push([c.name.clone(), w.whole(c.metrics.pairs.active)]);
    }
    let mut description = w.fill(
        "chart.report.active_pairs.description",
        &[
            (
                "pairs",
                &counted(w, "count.active_pairs", r.totals.pairs.active),
            ),
            ("quarter", &r.quarter),
            (
                "cohorts",
                &counted(w, "count.cohorts", r.cohorts.len() as u64),
            ),
        ],
    );
    let most =
        r.cohorts.iter().fold(
            None,
            |best: Option<&crate::metrics::ReportCohort>, c| match best {
                Some(b) if b.metrics.pairs.active >= c.metrics.pairs.active => Some(b),
                _ => Some(c),
            },
        );
    if let Some(m) = most.filter(|m| m.metrics.pairs.active > 0 && r.cohorts.len() > 1) {
        description.push_str(&w.fill(
            "chart.report.active_pairs.most",
            &[
                ("cohort", &m.name),
                ("pairs", &w.whole(m.metrics.pairs.active)),
            ],
        ));
    }
    if let [only] = r.cohorts.as_slice() {
        description.push_str(&format!(" ({})", only.name));
    }
    description.push('.');
    let drawn = extremes(
        &r.cohorts
            .iter()
            .map(|c| Some(c.metrics.pairs.active as f64))
            .collect::<Vec<_>>(),
    );
    if drawn.len() < r.cohorts.len() {
        description.push(' ');
        description.push_str(&only_extremes(w, r.cohorts.len(), drawn.len()));
    }
    let top = r
        .cohorts
        .iter()
        .map(|c| c.metrics.pairs.active)
        .max()
        .unwrap_or(0);
    if top == 0 {
        return chart(
            w,
            scope,
            ACTIVE_PAIRS,
            title,
            description,
            table,
            Drawing::none(ChartNote::NoActivePairs),
        );
    }
    let mut plot = horizontal(
        drawn.iter().map(|&i| r.cohorts[i].name.clone()).collect(),
        Axis::upto(top as f64, true),
    );
    plot.bars.push(Series {
        name: w.t("column.active_pairs").into(),
        colour: Colour::Blue,
        values: drawn
            .iter()
            .map(|&i| Some(r.cohorts[i].metrics.pairs.active as f64))
            .collect(),
    });
    chart(
        w,
        scope,
        ACTIVE_PAIRS,
        title,
        description,
        table,
        Drawing::plot(plot, None),
    )
}

/// A rate or mean per cohort, with the program's pooled figure last.
struct Rate {
    chart: ChartKind,
    title: &'static str,
    header: &'static str,
    value: fn(&Metrics) -> Option<f64>,
    withheld: fn(&Metrics) -> Withheld,
    cell: fn(&Words, Option<f64>) -> String,
    axis: fn(f64) -> Axis,
    /// Said when no figure is defined.
    empty: ChartNote,
}

const PER_PAIR_MONTH: Rate = Rate {
    chart: ChartKind {
        id: "meetings-per-pair-month-by-cohort",
        source: TableKind::Meetings,
    },
    title: "chart.report.per_pair_month.title",
    header: "column.meetings_per_pair_month",
    value: |m| m.meetings.per_pair_month,
    withheld: |_| Withheld::Shown,
    cell: two_decimals,
    axis: |max| Axis::upto(max, false),
    empty: ChartNote::NoActivePairs,
};

const COMPLETION: Rate = Rate {
    chart: ChartKind {
        id: "goal-completion-by-cohort",
        source: TableKind::Goals,
    },
    title: "chart.report.completion.title",
    header: "chart.report.completion.header",
    value: |m| m.goals.completion_rate,
    withheld: |_| Withheld::Shown,
    cell: percent,
    axis: |_| Axis::percent(),
    empty: ChartNote::NoGoals,
};

const MEAN_RATING: Rate = Rate {
    chart: ChartKind {
        id: "mean-rating-by-cohort",
        source: TableKind::Feedback,
    },
    title: "chart.report.mean_rating.title",
    header: "chart.mean_rating.what",
    value: |m| m.feedback.all.mean_rating,
    withheld: |m| m.feedback.all.ratings_withheld,
    cell: two_decimals,
    axis: |_| Axis::fixed(0.0, 5.0, &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0]),
    empty: ChartNote::NoRatings,
};

fn rate_chart(w: &Words, r: &QuarterReport, scope: &str, f: &Rate, k: u32) -> Chart {
    let title = w.fill(f.title, &[("quarter", &r.quarter)]);
    let header = w.t(f.header);
    let mut table = Table::new(title.clone(), &[w.t("column.cohort"), header]);
    let groups: Vec<(&str, &Metrics)> = r
        .cohorts
        .iter()
        .map(|c| (c.name.as_str(), &c.metrics))
        .chain(std::iter::once((w.t(ALL), &r.totals)))
        .collect();
    let mut reasons = Vec::new();
    let mut values = Vec::new();
    for (name, m) in &groups {
        let withheld = (f.withheld)(m);
        table.push([
            Cell::from(*name),
            guarded(w, (f.value)(m), withheld, k, |v| (f.cell)(w, Some(v))),
        ]);
        if withheld.is_withheld() {
            reasons.push(withheld);
            values.push(None);
        } else {
            values.push((f.value)(m).filter(|v| v.is_finite()));
        }
    }
    let n = groups.len();
    let (last, cohorts) = values.split_last().unwrap_or((&None, &[]));
    // Past MOST_BARS cohorts, the chart (and its description) keeps the
    // highest and the lowest; the table keeps every cohort.
    let drawn = extremes(cohorts);
    let shown: Vec<String> = drawn
        .iter()
        .filter_map(|&i| {
            let (name, v) = (groups[i].0, values[i]?);
            Some(format!("{name} {}", (f.cell)(w, Some(v))))
        })
        .collect();
    let program = match values.last().copied().flatten() {
        Some(v) => (f.cell)(w, Some(v)),
        None if (f.withheld)(&r.totals).is_withheld() => withheld(w).to_string(),
        None => (f.cell)(w, None),
    };
    let shown = if shown.is_empty() {
        String::new()
    } else {
        format!("; {}", shown.join(", "))
    };
    let mut description = w.fill(
        "chart.report.rate.description",
        &[
            ("figure", header),
            ("quarter", &r.quarter),
            ("program", &program),
            ("cohorts", &shown),
        ],
    );
    if drawn.len() < n.saturating_sub(1) {
        description.push(' ');
        description.push_str(&only_extremes(w, n - 1, drawn.len()));
    }
    let withheld_cohorts = reasons.len();
    if withheld_cohorts > 0 {
        description.push(' ');
        description.push_str(&counted(
            w,
            "chart.report.rate.withheld",
            withheld_cohorts as u64,
        ));
    }
    let top = values.iter().flatten().copied().fold(0.0, f64::max);
    let why = Withholding::of(&reasons, k);
    if values.iter().all(Option::is_none) {
        let note = why.map_or_else(|| f.empty.clone(), ChartNote::Withheld);
        return chart(
            w,
            scope,
            f.chart,
            title,
            description,
            table,
            Drawing::none(note),
        );
    }
    let mut plot = horizontal(
        drawn
            .iter()
            .map(|&i| groups[i].0.to_string())
            .chain([w.t(ALL).to_string()])
            .collect(),
        (f.axis)(top),
    );
    // The pooled figure is a second series so that it has its own colour.
    plot.stacked = true;
    plot.bars.push(Series {
        name: w.t("column.cohort").into(),
        colour: Colour::Blue,
        values: drawn.iter().map(|&i| cohorts[i]).chain([None]).collect(),
    });
    plot.bars.push(Series {
        name: w.t(ALL).into(),
        colour: Colour::Sky,
        values: vec![None; drawn.len()].into_iter().chain([*last]).collect(),
    });
    chart(
        w,
        scope,
        f.chart,
        title,
        description,
        table,
        Drawing::plot(plot, why.map(ChartNote::PartlyWithheld)),
    )
}
