//! The charts of a cohort dashboard, in page order: meetings, pair health and goals here, feedback in `feedback`.

use crate::config::schema::TableKind;
use crate::data::path_slug;
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
pub fn cohort_charts(c: &CohortMetrics, k: u32) -> Vec<Chart> {
    let scope = path_slug(&c.id);
    let Some(overall) = c.overall.as_ref() else {
        return empty(c, &scope);
    };
    let reference = c
        .span
        .map_or_else(|| NONE.to_string(), |s| s.end.to_string());
    let mut charts = vec![
        meetings_per_month(c, &scope),
        pair_health(overall, &reference, &scope),
        goals_by_status(overall, &reference, &scope),
        goals_per_quarter(&c.quarters, &scope),
        rating_distribution(overall, k, &scope),
        per_quarter(&c.quarters, k, &scope, &MEAN_RATING),
    ];
    let any_nps = c
        .quarters
        .iter()
        .any(|q| q.metrics.feedback.roles().iter().any(|r| r.nps_rows > 0));
    if any_nps {
        charts.push(per_quarter(&c.quarters, k, &scope, &NPS));
    }
    charts
}

/// The charts of a cohort with no figures: titles and empty tables.
fn empty(c: &CohortMetrics, scope: &str) -> Vec<Chart> {
    let note = if c.upcoming {
        ChartNote::NotStarted(c.start_date)
    } else {
        ChartNote::EmptySpan
    };
    let specs: [(ChartKind, &str, &[&str]); 6] = [
        (
            MEETINGS_PER_MONTH,
            "Meetings per month",
            &["Month", "Meetings", "Active pairs"],
        ),
        (PAIR_HEALTH, "Pair health", &["Status", "Pairs"]),
        (GOALS_BY_STATUS, "Goals by status", &["Status", "Goals"]),
        (
            GOALS_PER_QUARTER,
            "Goals created and completed per quarter",
            &["Quarter", "Created", "Completed"],
        ),
        (
            RATING_DISTRIBUTION,
            "Feedback ratings by role",
            &["Rating", "Mentors", "Mentees"],
        ),
        (
            MEAN_RATING.chart,
            MEAN_RATING.title,
            &["Quarter", "Mentors", "Mentees", "All respondents"],
        ),
    ];
    specs
        .iter()
        .map(|(kind, title, headers)| {
            chart(
                scope,
                *kind,
                title.to_string(),
                format!("{note}."),
                Table::new(*title, headers),
                Drawing::none(note.clone()),
            )
        })
        .collect()
}

fn meetings_per_month(c: &CohortMetrics, scope: &str) -> Chart {
    let title = "Meetings per month".to_string();
    let mut table = Table::new(
        "Meetings and active pairs per calendar month",
        &["Month", "Meetings", "Active pairs"],
    );
    for m in &c.months {
        table.push([
            m.month.to_string(),
            m.meetings.to_string(),
            m.active_pairs.to_string(),
        ]);
    }
    let (Some(first), Some(last)) = (c.months.first(), c.months.last()) else {
        let note = ChartNote::NoMonths;
        return chart(
            scope,
            MEETINGS_PER_MONTH,
            title,
            format!("{note}."),
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
    let mut description = format!(
        "{} from {} to {}",
        counted(total, "meeting", "meetings"),
        first.month,
        last.month
    );
    if total > 0 {
        description.push_str(&format!(
            "; the busiest month was {} with {}",
            busiest.month, busiest.meetings
        ));
    }
    description.push_str(&format!(
        ". Active pairs per month: {}.",
        if low == high {
            high.to_string()
        } else {
            format!("from {low} to {high}")
        }
    ));
    if total == 0 && high == 0 {
        return chart(
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
        c.months.iter().map(|m| m.month.to_string()).collect(),
        Axis::upto(top as f64, true),
    );
    plot.legend = true;
    plot.bars.push(Series {
        name: "Meetings".into(),
        colour: Colour::Blue,
        values: c.months.iter().map(|m| Some(m.meetings as f64)).collect(),
    });
    plot.lines.push(Series {
        name: "Active pairs".into(),
        colour: Colour::Orange,
        values: c
            .months
            .iter()
            .map(|m| Some(m.active_pairs as f64))
            .collect(),
    });
    chart(
        scope,
        MEETINGS_PER_MONTH,
        title,
        description,
        table,
        Drawing::plot(plot, None),
    )
}

fn pair_health(m: &Metrics, reference: &str, scope: &str) -> Chart {
    let title = format!("Pair health on {reference}");
    let meetings = &m.meetings;
    let on_track = meetings.eligible_pairs.saturating_sub(meetings.quiet_pairs);
    let groups = [
        ("On track", on_track, Colour::Green),
        ("Needs a check-in", meetings.quiet_pairs, Colour::Vermillion),
        ("Too early to tell", meetings.too_early_pairs, Colour::Sky),
    ];
    let mut table = Table::new(
        format!("Pairs active on {reference} by health"),
        &["Status", "Pairs"],
    );
    for (name, n, _) in groups {
        table.push([name.to_string(), n.to_string()]);
    }
    let total: u64 = groups.iter().map(|g| g.1).sum();
    let description = format!(
        "Of {} active on {reference}: {on_track} on track, {} need a check-in (no recent \
         meeting) and {} too early to tell (matched recently).",
        counted(total, "pair", "pairs"),
        meetings.quiet_pairs,
        meetings.too_early_pairs
    );
    if total == 0 {
        return chart(
            scope,
            PAIR_HEALTH,
            title,
            description,
            table,
            Drawing::none(ChartNote::NoPairsActiveOn(reference.to_string())),
        );
    }
    let mut plot = Plot::new(vec!["Pairs".into()], Axis::upto(total as f64, true));
    plot.horizontal = true;
    plot.stacked = true;
    plot.legend = true;
    for (name, n, colour) in groups {
        plot.bars.push(Series {
            name: format!("{name}: {n}"),
            colour,
            values: vec![Some(n as f64)],
        });
    }
    chart(
        scope,
        PAIR_HEALTH,
        title,
        description,
        table,
        Drawing::plot(plot, None),
    )
}

fn goals_by_status(m: &Metrics, reference: &str, scope: &str) -> Chart {
    let title = "Goals by status".to_string();
    let g = &m.goals;
    let statuses = [
        ("Not started", g.not_started),
        ("In progress", g.in_progress),
        ("Completed", g.completed),
        ("Abandoned", g.abandoned),
    ];
    let mut table = Table::new(
        format!("Goals by status on {reference}"),
        &["Status", "Goals"],
    );
    for (name, n) in statuses {
        table.push([name.to_string(), n.to_string()]);
    }
    let description = format!(
        "{} on {reference}: {} completed, {} in progress, {} not started and {} abandoned; \
         completion rate {}.",
        counted(g.total, "goal", "goals"),
        g.completed,
        g.in_progress,
        g.not_started,
        g.abandoned,
        percent(g.completion_rate)
    );
    if g.total == 0 {
        return chart(
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
        name: "Goals".into(),
        colour: Colour::Blue,
        values: statuses.iter().map(|s| Some(s.1 as f64)).collect(),
    });
    chart(
        scope,
        GOALS_BY_STATUS,
        title,
        description,
        table,
        Drawing::plot(plot, None),
    )
}

fn goals_per_quarter(quarters: &[CohortQuarter], scope: &str) -> Chart {
    let title = "Goals created and completed per quarter".to_string();
    let mut table = Table::new(title.clone(), &["Quarter", "Created", "Completed"]);
    for q in quarters {
        let g = &q.metrics.goals;
        table.push([
            q.quarter.clone(),
            g.created_in_period.to_string(),
            g.completed_in_period.to_string(),
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
        (Some(a), Some(b)) if quarters.len() > 1 => format!(
            "From {} to {}: {} created and {} completed.",
            a.quarter,
            b.quarter,
            counted(created, "goal", "goals"),
            completed
        ),
        (Some(a), _) => format!(
            "In {}: {} created and {} completed.",
            a.quarter,
            counted(created, "goal", "goals"),
            completed
        ),
        _ => "No quarters in this cohort's span.".to_string(),
    };
    if created == 0 && completed == 0 {
        return chart(
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
        name: "Created".into(),
        colour: Colour::Sky,
        values: quarters
            .iter()
            .map(|q| Some(q.metrics.goals.created_in_period as f64))
            .collect(),
    });
    plot.bars.push(Series {
        name: "Completed".into(),
        colour: Colour::Green,
        values: quarters
            .iter()
            .map(|q| Some(q.metrics.goals.completed_in_period as f64))
            .collect(),
    });
    chart(
        scope,
        GOALS_PER_QUARTER,
        title,
        description,
        table,
        Drawing::plot(plot, None),
    )
}
