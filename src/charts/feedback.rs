//! The feedback charts of a cohort dashboard: ratings by role, and a feedback figure per quarter and role.

use crate::config::schema::TableKind;
use crate::metrics::privacy::Withheld;
use crate::metrics::{CohortQuarter, Metrics, RoleFeedback};

use super::format::{counted, guarded, two_decimals};
use super::notes::{ChartNote, NOT_ASKED, Withholding, not_asked_clause, ratings_withheld_clause};
use super::render::{Axis, Colour, Plot, Series};
use super::{Cell, Chart, ChartKind, Drawing, Table, chart};

/// The roles of feedback charts, in drawing order: their name as a label
/// and within a sentence, and their colour.
const ROLES: [(&str, &str, Colour); 3] = [
    ("Mentors", "mentors", Colour::Blue),
    ("Mentees", "mentees", Colour::Orange),
    ("All respondents", "all respondents", Colour::Green),
];

pub(super) const RATING_DISTRIBUTION: ChartKind = ChartKind {
    id: "rating-distribution",
    source: TableKind::Feedback,
};

pub(super) fn rating_distribution(m: &Metrics, k: u32, scope: &str) -> Chart {
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
        let mut row = vec![Cell::from((score + 1).to_string())];
        for (_, r) in &roles {
            row.push(if r.asked {
                guarded(r.ratings, r.ratings_withheld, k, |c| c[score].to_string())
            } else {
                Cell::from(NOT_ASKED.to_string())
            });
        }
        table.push(row);
    }
    let mut parts = Vec::new();
    let mut plot = Plot::new(
        (1..=5).map(|s| s.to_string()).collect(),
        Axis::upto(1.0, true),
    );
    plot.legend = true;
    let mut top = 0;
    for ((name, who, colour), r) in &roles {
        match (Withholding::of(&[r.ratings_withheld], k), r.ratings) {
            (Some(why), _) => parts.push(ratings_withheld_clause(who, why)),
            (_, Some(counts)) if counts.iter().sum::<u64>() > 0 => {
                let n: u64 = counts.iter().sum();
                parts.push(format!(
                    "{who} gave {} (mean {})",
                    counted(n, "rating", "ratings"),
                    two_decimals(r.mean_rating)
                ));
                top = top.max(counts.iter().copied().max().unwrap_or(0));
                plot.bars.push(Series {
                    name: name.to_string(),
                    colour: *colour,
                    values: counts.iter().map(|c| Some(*c as f64)).collect(),
                });
            }
            _ if !r.asked => parts.push(not_asked_clause(who)),
            _ => parts.push(format!("no ratings from {who}")),
        }
    }
    let description = format!(
        "Ratings from 1 (low) to 5 (high) over the cohort's whole span: {}.",
        parts.join("; ")
    );
    let reasons: Vec<Withheld> = roles.iter().map(|(_, r)| r.ratings_withheld).collect();
    if plot.bars.is_empty() {
        let note =
            Withholding::of(&reasons, k).map_or(ChartNote::NoRatingsYet, ChartNote::Withheld);
        return chart(
            scope,
            RATING_DISTRIBUTION,
            title,
            description,
            table,
            Drawing::none(note),
        );
    }
    plot.axis = Axis::upto(top as f64, true);
    let note = roles.iter().find_map(|((name, _, _), r)| {
        Withholding::of(&[r.ratings_withheld], k)
            .map(|why| ChartNote::RatingsWithheld { role: name, why })
    });
    chart(
        scope,
        RATING_DISTRIBUTION,
        title,
        description,
        table,
        Drawing::plot(plot, note),
    )
}

/// A feedback figure drawn per quarter and role.
pub(super) struct PerQuarter {
    pub(super) chart: ChartKind,
    pub(super) title: &'static str,
    what: &'static str,
    value: fn(&RoleFeedback) -> Option<f64>,
    withheld: fn(&RoleFeedback) -> Withheld,
    rows: fn(&RoleFeedback) -> u64,
    cell: fn(f64) -> String,
    axis: fn() -> Axis,
}

pub(super) const MEAN_RATING: PerQuarter = PerQuarter {
    chart: ChartKind {
        id: "mean-rating-per-quarter",
        source: TableKind::Feedback,
    },
    title: "Mean rating per quarter",
    what: "Mean rating (1 to 5)",
    value: |r| r.mean_rating,
    withheld: |r| r.ratings_withheld,
    rows: |r| r.rating_rows,
    cell: |v| two_decimals(Some(v)),
    axis: || Axis::fixed(1.0, 5.0, &[1.0, 2.0, 3.0, 4.0, 5.0]),
};

pub(super) const NPS: PerQuarter = PerQuarter {
    chart: ChartKind {
        id: "nps-per-quarter",
        source: TableKind::Feedback,
    },
    title: "Net promoter score per quarter",
    what: "Net promoter score (−100 to 100)",
    value: |r| r.nps.map(|n| n as f64),
    withheld: |r| r.nps_withheld,
    rows: |r| r.nps_rows,
    cell: |v| format!("{v:.0}"),
    axis: || Axis::fixed(-100.0, 100.0, &[-100.0, -50.0, 0.0, 50.0, 100.0]),
};

pub(super) fn per_quarter(
    quarters: &[CohortQuarter],
    k: u32,
    scope: &str,
    f: &PerQuarter,
) -> Chart {
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
    for (role, (name, _, colour)) in ROLES.iter().enumerate() {
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
        let mut row = vec![Cell::from(q.quarter.clone())];
        for r in q.metrics.feedback.roles() {
            row.push(if r.asked {
                guarded((f.value)(r), (f.withheld)(r), k, f.cell)
            } else {
                Cell::from(NOT_ASKED.to_string())
            });
        }
        table.push(row);
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
    let why = Withholding::of(&reasons, k);
    if plot.lines.is_empty() {
        let note = match why {
            Some(why) => ChartNote::Withheld(why),
            None if any_rows => ChartNote::NoneShown,
            None => ChartNote::NoResponsesYet,
        };
        return chart(
            scope,
            f.chart,
            title,
            description,
            table,
            Drawing::none(note),
        );
    }
    chart(
        scope,
        f.chart,
        title,
        description,
        table,
        Drawing::plot(plot, why.map(ChartNote::PartlyWithheld)),
    )
}
