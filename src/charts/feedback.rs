//! The feedback charts of a cohort dashboard: ratings by role, and a feedback figure per quarter and role.

use crate::config::schema::{Role, TableKind};
use crate::i18n::Words;
use crate::metrics::privacy::Withheld;
use crate::metrics::{CohortQuarter, Metrics, RoleFeedback};

use super::format::{counted, guarded, two_decimals};
use super::notes::{ChartNote, Withholding, not_asked, not_asked_clause, ratings_withheld_clause};
use super::render::{Axis, Colour, Plot, Series};
use super::{Cell, Chart, ChartKind, Drawing, Table, chart};

/// The roles of feedback charts, in drawing order: the catalog keys of
/// their name as a label and within a sentence, and their colour.
const ROLES: [(&str, &str, Colour); 3] = [
    ("who.mentors", "who.mentors_in_text", Colour::Blue),
    ("who.mentees", "who.mentees_in_text", Colour::Orange),
    ("who.all", "who.all_in_text", Colour::Green),
];

/// The role of `ROLES[i]` for the first two.
fn role_of(i: usize) -> Role {
    if i == 0 { Role::Mentor } else { Role::Mentee }
}

pub(super) const RATING_DISTRIBUTION: ChartKind = ChartKind {
    id: "rating-distribution",
    source: TableKind::Feedback,
};

pub(super) fn rating_distribution(w: &Words, m: &Metrics, k: u32, scope: &str) -> Chart {
    let title = w.t("chart.ratings.title").to_string();
    let roles = [
        (ROLES[0], &m.feedback.by_role.mentor),
        (ROLES[1], &m.feedback.by_role.mentee),
    ];
    let mut table = Table::new(
        w.t("chart.ratings.caption"),
        &[w.t("column.rating"), w.t(ROLES[0].0), w.t(ROLES[1].0)],
    );
    for score in 0..5 {
        let mut row = vec![Cell::from(w.whole(score as u64 + 1))];
        for (_, r) in &roles {
            row.push(if r.asked {
                guarded(w, r.ratings, r.ratings_withheld, k, |c| w.whole(c[score]))
            } else {
                Cell::from(not_asked(w))
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
    for (i, ((name, who, colour), r)) in roles.iter().enumerate() {
        let who = w.t(who);
        match (Withholding::of(&[r.ratings_withheld], k), r.ratings) {
            (Some(why), _) => parts.push(ratings_withheld_clause(w, role_of(i), why)),
            (_, Some(counts)) if counts.iter().sum::<u64>() > 0 => {
                let n: u64 = counts.iter().sum();
                parts.push(w.fill(
                    "chart.ratings.gave",
                    &[
                        ("who", who),
                        ("ratings", &counted(w, "count.ratings", n)),
                        ("mean", &two_decimals(w, r.mean_rating)),
                    ],
                ));
                top = top.max(counts.iter().copied().max().unwrap_or(0));
                plot.bars.push(Series {
                    name: w.t(name).to_string(),
                    colour: *colour,
                    values: counts.iter().map(|c| Some(*c as f64)).collect(),
                });
            }
            _ if !r.asked => parts.push(not_asked_clause(w, role_of(i))),
            _ => parts.push(w.fill("chart.ratings.none_from", &[("who", who)])),
        }
    }
    let description = w.fill("chart.ratings.description", &[("parts", &parts.join("; "))]);
    let reasons: Vec<Withheld> = roles.iter().map(|(_, r)| r.ratings_withheld).collect();
    if plot.bars.is_empty() {
        let note =
            Withholding::of(&reasons, k).map_or(ChartNote::NoRatingsYet, ChartNote::Withheld);
        return chart(
            w,
            scope,
            RATING_DISTRIBUTION,
            title,
            description,
            table,
            Drawing::none(note),
        );
    }
    plot.axis = Axis::upto(top as f64, true);
    let note = roles.iter().enumerate().find_map(|(i, (_, r))| {
        Withholding::of(&[r.ratings_withheld], k).map(|why| ChartNote::RatingsWithheld {
            role: role_of(i),
            why,
        })
    });
    chart(
        w,
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
    cell: fn(&Words, f64) -> String,
    axis: fn() -> Axis,
}

pub(super) const MEAN_RATING: PerQuarter = PerQuarter {
    chart: ChartKind {
        id: "mean-rating-per-quarter",
        source: TableKind::Feedback,
    },
    title: "chart.mean_rating.title",
    what: "chart.mean_rating.what",
    value: |r| r.mean_rating,
    withheld: |r| r.ratings_withheld,
    rows: |r| r.rating_rows,
    cell: |w, v| two_decimals(w, Some(v)),
    axis: || Axis::fixed(1.0, 5.0, &[1.0, 2.0, 3.0, 4.0, 5.0]),
};

pub(super) const NPS: PerQuarter = PerQuarter {
    chart: ChartKind {
        id: "nps-per-quarter",
        source: TableKind::Feedback,
    },
    title: "chart.nps.title",
    what: "chart.nps.what",
    value: |r| r.nps.map(|n| n as f64),
    withheld: |r| r.nps_withheld,
    rows: |r| r.nps_rows,
    cell: |w, v| w.formats().signed(v, false),
    axis: || Axis::fixed(-100.0, 100.0, &[-100.0, -50.0, 0.0, 50.0, 100.0]),
};

pub(super) fn per_quarter(
    w: &Words,
    quarters: &[CohortQuarter],
    k: u32,
    scope: &str,
    f: &PerQuarter,
) -> Chart {
    let title = w.t(f.title).to_string();
    let what = w.t(f.what);
    let mut table = Table::new(
        w.fill("chart.per_quarter.caption", &[("what", what)]),
        &[
            w.t("column.quarter"),
            w.t(ROLES[0].0),
            w.t(ROLES[1].0),
            w.t(ROLES[2].0),
        ],
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
            .filter_map(|(q, v)| v.map(|v| format!("{} {}", q.quarter, (f.cell)(w, v))))
            .collect();
        if !shown.is_empty() {
            parts.push(format!("{}: {}", w.t(name), shown.join(", ")));
            plot.lines.push(Series {
                name: w.t(name).to_string(),
                colour: *colour,
                values,
            });
        }
    }
    for q in quarters {
        let mut row = vec![Cell::from(q.quarter.clone())];
        for r in q.metrics.feedback.roles() {
            row.push(if r.asked {
                guarded(w, (f.value)(r), (f.withheld)(r), k, |v| (f.cell)(w, v))
            } else {
                Cell::from(not_asked(w))
            });
        }
        table.push(row);
    }
    let any_rows = quarters
        .iter()
        .any(|q| q.metrics.feedback.roles().iter().any(|r| (f.rows)(r) > 0));
    let mut description = if parts.is_empty() {
        w.fill("chart.per_quarter.none_shown", &[("what", what)])
    } else {
        w.fill(
            "chart.per_quarter.description",
            &[("what", what), ("parts", &parts.join("; "))],
        )
    };
    if !reasons.is_empty() {
        description.push(' ');
        description.push_str(w.t("chart.per_quarter.some_withheld"));
    }
    let why = Withholding::of(&reasons, k);
    if plot.lines.is_empty() {
        let note = match why {
            Some(why) => ChartNote::Withheld(why),
            None if any_rows => ChartNote::NoneShown,
            None => ChartNote::NoResponsesYet,
        };
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
