//! The charts of a cohort dashboard, in page order: meetings, pair health and goals here, feedback in `feedback`.

use crate::config::schema::TableKind;
use crate::data::path_slug;
use crate::i18n::Words;
use crate::metrics::{CohortMetrics, CohortQuarter, Metrics};

use super::feedback::{MEAN_RATING, NPS, RATING_DISTRIBUTION, per_quarter, rating_distribution};
use super::format::{NONE, counted, percent};
use super::notes::ChartNote;
use super::render::{Axis, Colour, Plot, Series};
use super::{Chart, ChartKind, Drawing, Table, chart};

const MEETINGS_PER_MONTH: ChartKind = ChartKind {
    id: "meetings-per-month",
    source: TableKind::Meetings,
};
/// Quiet pairs are counted from meetings.
const PAIR_HEALTH: ChartKind = ChartKind {
    id: "pair-health",
    source: TableKind::Meetings,
};
const GOALS_BY_STATUS: ChartKind = ChartKind {
    id: "goals-by-status",
    source: TableKind::Goals,
};
const GOALS_PER_QUARTER: ChartKind = ChartKind {
    id: "goals-per-quarter",
    source: TableKind::Goals,
};

/// Every chart of a cohort's dashboard, in page order. A cohort with no
/// figures yet (upcoming, or an empty span) gets the same charts, each
/// with a note instead of a drawing. The NPS chart is left out when no
/// feedback of the cohort carries an nps.
pub fn cohort_charts(w: &Words, c: &CohortMetrics, k: u32) -> Vec<Chart> {
    let scope = path_slug(&c.id);
    let Some(overall) = c.overall.as_ref() else {
        return empty(w, c, &scope);
    };
    let reference = c.span.map_or_else(|| NONE.to_string(), |s| w.day(s.end));
    let mut charts = vec![
        meetings_per_month(w, c, &scope),
        pair_health(w, overall, &reference, &scope),
        goals_by_status(w, overall, &reference, &scope),
        goals_per_quarter(w, &c.quarters, &scope),
        rating_distribution(w, overall, k, &scope),
        per_quarter(w, &c.quarters, k, &scope, &MEAN_RATING),
    ];
    let any_nps = c
        .quarters
        .iter()
        .any(|q| q.metrics.feedback.roles().iter().any(|r| r.nps_rows > 0));
    if any_nps {
        charts.push(per_quarter(w, &c.quarters, k, &scope, &NPS));
    }
    charts
}

/// The charts of a cohort with no figures: titles and empty tables.
fn empty(w: &Words, c: &CohortMetrics, scope: &str) -> Vec<Chart> {
    let note = if c.upcoming {
        ChartNote::NotStarted(c.start_date)
    } else {
        ChartNote::EmptySpan
    };
    let specs: [(ChartKind, &str, &[&str]); 6] = [
        (
            MEETINGS_PER_MONTH,
            "chart.meetings.title",
            &["column.month", "column.meetings", "column.active_pairs"],
        ),
        (
            PAIR_HEALTH,
            "chart.health.title_plain",
            &["column.status", "column.pairs"],
        ),
        (
            GOALS_BY_STATUS,
            "goals.by_status",
            &["column.status", "column.goals"],
        ),
        (
            GOALS_PER_QUARTER,
            "chart.goals_per_quarter.title",
            &["column.quarter", "column.created", "column.completed"],
        ),
        (
            RATING_DISTRIBUTION,
            "chart.ratings.title",
            &["column.rating", "who.mentors", "who.mentees"],
        ),
        (
            MEAN_RATING.chart,
            MEAN_RATING.title,
            &["column.quarter", "who.mentors", "who.mentees", "who.all"],
        ),
    ];
    let said = w.fill("chart.sentence", &[("text", &note.words(w))]);
    specs
        .iter()
        .map(|(kind, title, headers)| {
            let headers: Vec<&str> = headers.iter().map(|h| w.t(h)).collect();
            chart(
                w,
                scope,
                *kind,
                w.t(title).to_string(),
                said.clone(),
                Table::new(w.t(title), &headers),
                Drawing::none(note.clone()),
            )
        })
        .collect()
}

fn meetings_per_month(w: &Words, c: &CohortMetrics, scope: &str) -> Chart {
    let title = w.t("chart.meetings.title").to_string();
    let mut table = Table::new(
        w.t("chart.meetings.caption"),
        &[
            w.t("column.month"),
            w.t("column.meetings"),
            w.t("column.active_pairs"),
        ],
    );
    let month = |m: crate::metrics::Month| {
        w.month(m.0.div_euclid(12) as i16, (m.0.rem_euclid(12) + 1) as i8)
    };
    for m in &c.months {
        table.push([month(m.month), w.whole(m.meetings), w.whole(m.active_pairs)]);
    }
    let (Some(first), Some(last)) = (c.months.first(), c.months.last()) else {
        let note = ChartNote::NoMonths;
        return chart(
            w,
            scope,
            MEETINGS_PER_MONTH,
            title,
            w.fill("chart.sentence", &[("text", &note.words(w))]),
            table,
            Drawing::none(note),
        );
    };
    let total: u64 = c.months.iter().map(|m| m.meetings).sum();
    let busiest = c.months.iter().fold(
        first,
        |best, m| if m.meetings > best.meetings { m } else { best },
    );
    let low = c.months.iter().map(|m| m.active_pairs).min().unwrap_or(0);
    let high = c.months.iter().map(|m| m.active_pairs).max().unwrap_or(0);
    let meetings = w.count_of(
        "chart.meetings.total",
        total,
        &[("first", &month(first.month)), ("last", &month(last.month))],
    );
    let busiest = if total > 0 {
        w.fill(
            "chart.meetings.busiest",
            &[
                ("month", &month(busiest.month)),
                ("meetings", &w.whole(busiest.meetings)),
            ],
        )
    } else {
        String::new()
    };
    let pairs = if low == high {
        w.whole(high)
    } else {
        w.fill(
            "chart.meetings.pairs_range",
            &[("low", &w.whole(low)), ("high", &w.whole(high))],
        )
    };
    let description = w.fill(
        "chart.meetings.description",
        &[
            ("meetings", &meetings),
            ("busiest", &busiest),
            ("pairs", &pairs),
        ],
    );
    if total == 0 && high == 0 {
        return chart(
            w,
            scope,
            MEETINGS_PER_MONTH,
            title,
            description,
            table,
            Drawing::none(ChartNote::NoMeetingsOrPairs),
        );
    }
    let top = c
        .months
        .iter()
        .map(|m| m.meetings.max(m.active_pairs))
        .max()
        .unwrap_or(0);
    let mut plot = Plot::new(
        c.months.iter().map(|m| month(m.month)).collect(),
        Axis::upto(top as f64, true),
    );
    plot.legend = true;
    plot.bars.push(Series {
        name: w.t("column.meetings").into(),
        colour: Colour::Blue,
        values: c.months.iter().map(|m| Some(m.meetings as f64)).collect(),
    });
    plot.lines.push(Series {
        name: w.t("column.active_pairs").into(),
        colour: Colour::Orange,
        values: c
            .months
            .iter()
            .map(|m| Some(m.active_pairs as f64))
            .collect(),
    });
    chart(
        w,
        scope,
        MEETINGS_PER_MONTH,
        title,
        description,
        table,
        Drawing::plot(plot, None),
    )
}

fn pair_health(w: &Words, m: &Metrics, reference: &str, scope: &str) -> Chart {
    let title = w.fill("chart.health.title", &[("day", reference)]);
    let meetings = &m.meetings;
    let on_track = meetings.eligible_pairs.saturating_sub(meetings.quiet_pairs);
    let groups = [
        (w.t("chart.health.on_track"), on_track, Colour::Green),
        (
            w.t("chart.health.check_in"),
            meetings.quiet_pairs,
            Colour::Vermillion,
        ),
        (
            w.t("chart.health.too_early"),
            meetings.too_early_pairs,
            Colour::Sky,
        ),
    ];
    let mut table = Table::new(
        w.fill("chart.health.caption", &[("day", reference)]),
        &[w.t("column.status"), w.t("column.pairs")],
    );
    for (name, n, _) in groups {
        table.push([name.to_string(), w.whole(n)]);
    }
    let total: u64 = groups.iter().map(|g| g.1).sum();
    let description = w.fill(
        "chart.health.description",
        &[
            ("pairs", &counted(w, "count.pairs", total)),
            ("day", reference),
            ("on_track", &w.whole(on_track)),
            ("quiet", &w.whole(meetings.quiet_pairs)),
            ("too_early", &w.whole(meetings.too_early_pairs)),
        ],
    );
    if total == 0 {
        return chart(
            w,
            scope,
            PAIR_HEALTH,
            title,
            description,
            table,
            Drawing::none(ChartNote::NoPairsActiveOn(reference.to_string())),
        );
    }
    let mut plot = Plot::new(
        vec![w.t("column.pairs").into()],
        Axis::upto(total as f64, true),
    );
    plot.horizontal = true;
    plot.stacked = true;
    plot.legend = true;
    for (name, n, colour) in groups {
        plot.bars.push(Series {
            name: format!("{name}: {}", w.whole(n)),
            colour,
            values: vec![Some(n as f64)],
        });
    }
    chart(
        w,
        scope,
        PAIR_HEALTH,
        title,
        description,
        table,
        Drawing::plot(plot, None),
    )
}

fn goals_by_status(w: &Words, m: &Metrics, reference: &str, scope: &str) -> Chart {
    let title = w.t("goals.by_status").to_string();
    let g = &m.goals;
    let statuses = [
        (w.t("goal.not_started"), g.not_started),
        (w.t("goal.in_progress"), g.in_progress),
        (w.t("goal.completed"), g.completed),
        (w.t("goal.abandoned"), g.abandoned),
    ];
    let mut table = Table::new(
        w.fill("chart.goals.caption", &[("day", reference)]),
        &[w.t("column.status"), w.t("column.goals")],
    );
    for (name, n) in statuses {
        table.push([name.to_string(), w.whole(n)]);
    }
    let description = w.fill(
        "chart.goals.description",
        &[
            ("goals", &counted(w, "count.goals", g.total)),
            ("day", reference),
            ("completed", &w.whole(g.completed)),
            ("in_progress", &w.whole(g.in_progress)),
            ("not_started", &w.whole(g.not_started)),
            ("abandoned", &w.whole(g.abandoned)),
            ("rate", &percent(w, g.completion_rate)),
        ],
    );
    if g.total == 0 {
        return chart(
            w,
            scope,
            GOALS_BY_STATUS,
            title,
            description,
            table,
            Drawing::none(ChartNote::NoGoals),
        );
    }
    let top = statuses.iter().map(|s| s.1).max().unwrap_or(0);
    let mut plot = Plot::new(
        statuses.iter().map(|s| s.0.to_string()).collect(),
        Axis::upto(top as f64, true),
    );
    plot.bars.push(Series {
        name: w.t("column.goals").into(),
        colour: Colour::Blue,
        values: statuses.iter().map(|s| Some(s.1 as f64)).collect(),
    });
    chart(
        w,
        scope,
        GOALS_BY_STATUS,
        title,
        description,
        table,
        Drawing::plot(plot, None),
    )
}

fn goals_per_quarter(w: &Words, quarters: &[CohortQuarter], scope: &str) -> Chart {
    let title = w.t("chart.goals_per_quarter.title").to_string();
    let mut table = Table::new(
        title.clone(),
        &[
            w.t("column.quarter"),
            w.t("column.created"),
            w.t("column.completed"),
        ],
    );
    for q in quarters {
        let g = &q.metrics.goals;
        table.push([
            q.quarter.clone(),
            w.whole(g.created_in_period),
            w.whole(g.completed_in_period),
        ]);
    }
    let created: u64 = quarters
        .iter()
        .map(|q| q.metrics.goals.created_in_period)
        .sum();
    let completed: u64 = quarters
        .iter()
        .map(|q| q.metrics.goals.completed_in_period)
        .sum();
    let description = match (quarters.first(), quarters.last()) {
        (Some(a), Some(b)) if quarters.len() > 1 => w.fill(
            "chart.goals_per_quarter.description",
            &[
                ("first", &a.quarter),
                ("last", &b.quarter),
                ("goals", &counted(w, "count.goals", created)),
                ("completed", &w.whole(completed)),
            ],
        ),
        (Some(a), _) => w.fill(
            "chart.goals_per_quarter.description_one",
            &[
                ("quarter", &a.quarter),
                ("goals", &counted(w, "count.goals", created)),
                ("completed", &w.whole(completed)),
            ],
        ),
        _ => w.t("chart.goals_per_quarter.no_quarters").to_string(),
    };
    if created == 0 && completed == 0 {
        return chart(
            w,
            scope,
            GOALS_PER_QUARTER,
            title,
            description,
            table,
            Drawing::none(ChartNote::NoGoalsCreatedOrCompleted),
        );
    }
    let top = quarters
        .iter()
        .map(|q| {
            q.metrics
                .goals
                .created_in_period
                .max(q.metrics.goals.completed_in_period)
        })
        .max()
        .unwrap_or(0);
    let mut plot = Plot::new(
        quarters.iter().map(|q| q.quarter.clone()).collect(),
        Axis::upto(top as f64, true),
    );
    plot.legend = true;
    plot.bars.push(Series {
        name: w.t("column.created").into(),
        colour: Colour::Sky,
        values: quarters
            .iter()
            .map(|q| Some(q.metrics.goals.created_in_period as f64))
            .collect(),
    });
    plot.bars.push(Series {
        name: w.t("column.completed").into(),
        colour: Colour::Green,
        values: quarters
            .iter()
            .map(|q| Some(q.metrics.goals.completed_in_period as f64))
            .collect(),
    });
    chart(
        w,
        scope,
        GOALS_PER_QUARTER,
        title,
        description,
        table,
        Drawing::plot(plot, None),
    )
}
