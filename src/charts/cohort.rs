//! The charts of a cohort dashboard.

use crate::data::path_slug;
use crate::metrics::privacy::Withheld;
use crate::metrics::{CohortMetrics, CohortQuarter, Metrics, RoleFeedback};

use super::format::{
    NONE, WITHHELD, counted, guarded, partly_withheld_note, percent, two, withheld_note,
};
use super::render::{Axis, Colour, Plot, Series};
use super::{Chart, Drawing, Table, chart};

/// The roles of feedback charts, in drawing order, with their colours.
const ROLES: [(&str, Colour); 3] = [
    ("Mentors", Colour::Blue),
    ("Mentees", Colour::Orange),
    ("All respondents", Colour::Green),
];

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
        format!("No figures yet: the cohort starts on {}", c.start_date)
    } else {
        "No figures: the cohort's span is empty".to_string()
    };
    let specs: [(&str, &str, &[&str]); 6] = [
        (
            "meetings-per-month",
            "Meetings per month",
            &["Month", "Meetings", "Active pairs"],
        ),
        ("pair-health", "Pair health", &["Status", "Pairs"]),
        ("goals-by-status", "Goals by status", &["Status", "Goals"]),
        (
            "goals-per-quarter",
            "Goals created and completed per quarter",
            &["Quarter", "Created", "Completed"],
        ),
        (
            "rating-distribution",
            "Feedback ratings by role",
            &["Rating", "Mentors", "Mentees"],
        ),
        (
            MEAN_RATING.id,
            MEAN_RATING.title,
            &["Quarter", "Mentors", "Mentees", "All respondents"],
        ),
    ];
    specs
        .iter()
        .map(|(id, title, headers)| {
            chart(
                scope,
                id,
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
        table.rows.push(vec![
            m.month.to_string(),
            m.meetings.to_string(),
            m.active_pairs.to_string(),
        ]);
    }
    let (Some(first), Some(last)) = (c.months.first(), c.months.last()) else {
        let note = "No months in this cohort's span";
        return chart(
            scope,
            "meetings-per-month",
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
        let note = "No meetings or active pairs yet";
        return chart(
            scope,
            "meetings-per-month",
            title,
            description,
            table,
            Drawing::none(note),
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
        "meetings-per-month",
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
        table.rows.push(vec![name.to_string(), n.to_string()]);
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
        let note = format!("No pairs active on {reference}");
        return chart(
            scope,
            "pair-health",
            title,
            description,
            table,
            Drawing::none(note),
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
        "pair-health",
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
        table.rows.push(vec![name.to_string(), n.to_string()]);
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
            "goals-by-status",
            title,
            description,
            table,
            Drawing::none("No goals recorded"),
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
        "goals-by-status",
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
        table.rows.push(vec![
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
        let note = "No goals created or completed yet";
        return chart(
            scope,
            "goals-per-quarter",
            title,
            description,
            table,
            Drawing::none(note),
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
        "goals-per-quarter",
        title,
        description,
        table,
        Drawing::plot(plot, None),
    )
}

/// The reason a role's ratings are withheld, as a clause.
fn reason(w: Withheld, k: u32) -> String {
    match w {
        Withheld::SmallGroup => format!("fewer than {k} responses"),
        _ => "so that other figures cannot be worked out from them".to_string(),
    }
}

fn rating_distribution(m: &Metrics, k: u32, scope: &str) -> Chart {
    let title = "Feedback ratings by role".to_string();
    let roles = [
        (ROLES[0], &m.feedback.by_role.mentor),
        (ROLES[1], &m.feedback.by_role.mentee),
    ];
    let mut table = Table::new(
        "Number of ratings from 1 (low) to 5 (high) by role",
        &["Rating", "Mentors", "Mentees"],
    );
    for score in 0..5 {
        let mut row = vec![(score + 1).to_string()];
        for (_, r) in &roles {
            row.push(guarded(r.ratings, r.ratings_withheld, |c| {
                c[score].to_string()
            }));
        }
        table.rows.push(row);
    }
    let mut parts = Vec::new();
    let mut plot = Plot::new(
        (1..=5).map(|s| s.to_string()).collect(),
        Axis::upto(1.0, true),
    );
    plot.legend = true;
    let mut top = 0;
    for ((name, colour), r) in &roles {
        let who = name.to_lowercase();
        match (r.ratings_withheld, r.ratings) {
            (w, _) if w.is_withheld() => {
                parts.push(format!("{who}' ratings withheld ({})", reason(w, k)));
            }
            (_, Some(counts)) if counts.iter().sum::<u64>() > 0 => {
                let n: u64 = counts.iter().sum();
                parts.push(format!(
                    "{who} gave {} (mean {})",
                    counted(n, "rating", "ratings"),
                    two(r.mean_rating)
                ));
                top = top.max(counts.iter().copied().max().unwrap_or(0));
                plot.bars.push(Series {
                    name: name.to_string(),
                    colour: *colour,
                    values: counts.iter().map(|c| Some(*c as f64)).collect(),
                });
            }
            _ => parts.push(format!("no ratings from {who}")),
        }
    }
    let description = format!(
        "Ratings from 1 (low) to 5 (high) over the cohort's whole span: {}.",
        parts.join("; ")
    );
    let reasons: Vec<Withheld> = roles.iter().map(|(_, r)| r.ratings_withheld).collect();
    if plot.bars.is_empty() {
        let note = withheld_note(&reasons, k).unwrap_or_else(|| "No ratings yet".to_string());
        return chart(
            scope,
            "rating-distribution",
            title,
            description,
            table,
            Drawing::none(note),
        );
    }
    plot.axis = Axis::upto(top as f64, true);
    let note = roles
        .iter()
        .find(|(_, r)| r.ratings_withheld.is_withheld())
        .map(|((name, _), r)| match r.ratings_withheld {
            Withheld::SmallGroup => format!(
                "{name}' ratings withheld ({})",
                reason(Withheld::SmallGroup, k)
            ),
            w => format!("{name}' ratings withheld {}", reason(w, k)),
        });
    chart(
        scope,
        "rating-distribution",
        title,
        description,
        table,
        Drawing::plot(plot, note),
    )
}

/// A feedback figure drawn per quarter and role.
struct PerQuarter {
    id: &'static str,
    title: &'static str,
    what: &'static str,
    value: fn(&RoleFeedback) -> Option<f64>,
    withheld: fn(&RoleFeedback) -> Withheld,
    rows: fn(&RoleFeedback) -> u64,
    cell: fn(f64) -> String,
    axis: fn() -> Axis,
}

const MEAN_RATING: PerQuarter = PerQuarter {
    id: "mean-rating-per-quarter",
    title: "Mean rating per quarter",
    what: "Mean rating (1 to 5)",
    value: |r| r.mean_rating,
    withheld: |r| r.ratings_withheld,
    rows: |r| r.rating_rows,
    cell: |v| two(Some(v)),
    axis: || Axis::fixed(1.0, 5.0, &[1.0, 2.0, 3.0, 4.0, 5.0]),
};

const NPS: PerQuarter = PerQuarter {
    id: "nps-per-quarter",
    title: "Net promoter score per quarter",
    what: "Net promoter score (−100 to 100)",
    value: |r| r.nps.map(|n| n as f64),
    withheld: |r| r.nps_withheld,
    rows: |r| r.nps_rows,
    cell: |v| format!("{v:.0}"),
    axis: || Axis::fixed(-100.0, 100.0, &[-100.0, -50.0, 0.0, 50.0, 100.0]),
};

fn per_quarter(quarters: &[CohortQuarter], k: u32, scope: &str, f: &PerQuarter) -> Chart {
    let title = f.title.to_string();
    let mut table = Table::new(
        format!("{} per quarter by role", f.what),
        &["Quarter", ROLES[0].0, ROLES[1].0, ROLES[2].0],
    );
    let mut plot = Plot::new(
        quarters.iter().map(|q| q.quarter.clone()).collect(),
        (f.axis)(),
    );
    plot.legend = true;
    let mut reasons = Vec::new();
    let mut parts = Vec::new();
    for (role, (name, colour)) in ROLES.iter().enumerate() {
        let values: Vec<Option<f64>> = quarters
            .iter()
            .map(|q| {
                let r = q.metrics.feedback.roles()[role];
                if (f.withheld)(r).is_withheld() {
                    reasons.push((f.withheld)(r));
                    None
                } else {
                    (f.value)(r).filter(|v| v.is_finite())
                }
            })
            .collect();
        let shown: Vec<String> = quarters
            .iter()
            .zip(&values)
            .filter_map(|(q, v)| v.map(|v| format!("{} {}", q.quarter, (f.cell)(v))))
            .collect();
        if !shown.is_empty() {
            parts.push(format!("{}: {}", name, shown.join(", ")));
            plot.lines.push(Series {
                name: name.to_string(),
                colour: *colour,
                values,
            });
        }
    }
    for q in quarters {
        let mut row = vec![q.quarter.clone()];
        for r in q.metrics.feedback.roles() {
            row.push(guarded((f.value)(r), (f.withheld)(r), f.cell));
        }
        table.rows.push(row);
    }
    let any_rows = quarters
        .iter()
        .any(|q| q.metrics.feedback.roles().iter().any(|r| (f.rows)(r) > 0));
    let mut description = format!("{} per quarter", f.what);
    if parts.is_empty() {
        description.push_str(": none shown.");
    } else {
        description.push_str(&format!(". {}.", parts.join("; ")));
    }
    if !reasons.is_empty() {
        description.push_str(" Some quarters are withheld.");
    }
    if plot.lines.is_empty() {
        let note = withheld_note(&reasons, k).unwrap_or_else(|| {
            if any_rows {
                WITHHELD.to_string()
            } else {
                "No responses yet".to_string()
            }
        });
        return chart(scope, f.id, title, description, table, Drawing::none(note));
    }
    let note = partly_withheld_note(&reasons, k);
    chart(
        scope,
        f.id,
        title,
        description,
        table,
        Drawing::plot(plot, note),
    )
}
