//! The program over time and the cohorts side by side, on tiny programs with figures worked out by hand.

use super::notes::Withholding;
use super::*;
use crate::data::{GoalStatus, Role};
use crate::metrics::ProgramMetrics;
use crate::metrics::testkit::TestProgram;

/// One cohort, "Alpha", from 2024-01-01, as of 2024-09-30: three quarters.
///
/// | quarter | active pairs | pair-days | meetings | goals (completed / counted) | ratings |
/// |---|---|---|---|---|---|
/// | Q1 | p0–p3 = 4 | 4 × 91 = 364 | 12 | 1 / 2 | 6 mentor (sum 26), 6 mentee (sum 24) |
/// | Q2 | p0–p2 = 3 (p3 ended 03-31) | 3 × 91 = 273 | 18 | 2 / 3 | 2 mentor (3, 3) |
/// | Q3 | p0–p2, p4 = 4 | 4 × 92 = 368 | 0 | 2 / 3 (one abandoned) | 6 mentor (4), 6 mentee (2) |
fn alpha() -> ProgramMetrics {
    let mut fx = TestProgram::new();
    let a = fx.cohort_named("A", "Alpha", "2024-01-01", None);
    let mut p: Vec<u32> = (0..3)
        .map(|i| fx.pair(a, 2 * i, 2 * i + 1, "2024-01-01", None))
        .collect();
    p.push(fx.pair(a, 6, 7, "2024-01-01", Some("2024-03-31")));
    p.push(fx.pair(a, 8, 9, "2024-07-01", None));
    for i in 0..12 {
        fx.meeting(p[i % 4], &format!("2024-02-{:02}", i + 1), None);
    }
    for i in 0..18 {
        fx.meeting(p[i % 3], &format!("2024-05-{:02}", i + 1), None);
    }
    fx.goal(
        p[0],
        "2024-01-10",
        GoalStatus::Completed,
        None,
        Some("2024-02-01"),
    );
    fx.goal(p[1], "2024-01-10", GoalStatus::InProgress, None, None);
    fx.goal(
        p[2],
        "2024-04-10",
        GoalStatus::Completed,
        None,
        Some("2024-05-01"),
    );
    fx.goal(p[4], "2024-07-05", GoalStatus::Abandoned, None, None);
    for (i, r) in [5, 5, 4, 4, 4, 4].into_iter().enumerate() {
        fx.feedback(p[i % 4], Role::Mentor, "2024-03-01", Some(r), None);
    }
    for (i, r) in [3, 3, 4, 4, 5, 5].into_iter().enumerate() {
        fx.feedback(p[i % 4], Role::Mentee, "2024-03-02", Some(r), None);
    }
    fx.feedback(p[0], Role::Mentor, "2024-06-01", Some(3), None);
    fx.feedback(p[1], Role::Mentor, "2024-06-01", Some(3), None);
    let q3 = [p[0], p[1], p[2], p[4]];
    for i in 0..6 {
        fx.feedback(q3[i % 4], Role::Mentor, "2024-08-01", Some(4), None);
        fx.feedback(q3[i % 4], Role::Mentee, "2024-08-02", Some(2), None);
    }
    fx.run(Some("2024-09-30"))
}

fn periods(m: &ProgramMetrics) -> Vec<Period<'_>> {
    m.quarters
        .iter()
        .map(|q| Period {
            label: &q.quarter,
            metrics: Some(&q.totals),
        })
        .collect()
}

fn texts(t: &Table) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|r| r.iter().map(|c| c.text.clone()).collect())
        .collect()
}

fn column(t: &Table) -> Vec<String> {
    texts(t).into_iter().map(|r| r[1].clone()).collect()
}

#[test]
fn the_program_trend_is_each_quarters_published_figure() {
    let m = alpha();
    let trends = program_trends(&crate::i18n::Words::english(), &periods(&m), 5);
    let ids: Vec<&str> = trends.iter().map(|t| t.chart.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "trend-active-pairs",
            "trend-meetings-per-pair-month",
            "trend-goal-completion",
            "trend-mean-rating",
            "trend-response-rate"
        ]
    );
    let table = |i: usize| &trends[i].chart.table;
    assert_eq!(
        table(0).caption,
        "Active pairs by quarter, 2024-Q1 to 2024-Q3"
    );
    assert_eq!(table(0).headers, ["Quarter", "Active pairs"]);
    assert_eq!(
        texts(table(0)),
        [["2024-Q1", "4"], ["2024-Q2", "3"], ["2024-Q3", "4"]]
    );
    // 12 / (364 / 30.4375) = 1.0034; 18 / (273 / 30.4375) = 2.0069; 0.
    assert_eq!(column(table(1)), ["1.00", "2.01", "0.00"]);
    // 1 of 2; 2 of 3; 2 of (4 − 1 abandoned).
    assert_eq!(column(table(2)), ["50.0%", "66.7%", "66.7%"]);
    // Q2 rests on 2 ratings: withheld. Then Q1 (4.17 from 12 ratings) is
    // too, or Q2 would be the cohort's overall figure minus Q1 and Q3
    // (docs/privacy.md: the earlier of two equal quarters goes). Q3:
    // (6 × 4 + 6 × 2) / 12 = 3.00.
    assert_eq!(column(table(3)), ["withheld", "withheld", "3.00"]);
    let why: Vec<_> = table(3).rows.iter().map(|r| r[1].withheld).collect();
    assert_eq!(
        why,
        [
            Some(Withholding::Derivable),
            Some(Withholding::SmallGroup { k: 5 }),
            None
        ]
    );
    // Every quarter as its report publishes it (withholding may spread).
    for (q, cell) in m.quarters.iter().zip(&table(3).rows) {
        let all = &q.totals.feedback.all;
        assert_eq!(
            cell[1].withheld.is_some(),
            all.ratings_withheld.is_withheld()
        );
        if let Some(v) = all.mean_rating {
            assert_eq!(cell[1].text, format!("{v:.2}"));
        }
    }
    // Response rate: 8 of 8 (pair, role); 2 of 6; 8 of 8.
    assert_eq!(column(table(4)), ["100.0%", "33.3%", "100.0%"]);
}

#[test]
fn withheld_quarters_are_gaps_named_in_the_legend_and_the_text() {
    let m = alpha();
    let trends = program_trends(&crate::i18n::Words::english(), &periods(&m), 5);
    let rating = &trends[3];
    let withheld = rating
        .chart
        .table
        .rows
        .iter()
        .filter(|r| r[1].withheld.is_some())
        .count();
    assert!(withheld >= 1);
    let svg = rating.chart.svg.as_deref().unwrap_or("");
    assert_eq!(svg.matches("class=\"mb-gap\"").count(), withheld, "{svg}");
    assert!(
        svg.contains(">Withheld</text>"),
        "the legend names the gaps"
    );
    assert!(
        rating.chart.description.contains("2024-Q2 withheld"),
        "{}",
        rating.chart.description
    );
    assert!(
        rating
            .chart
            .description
            .contains("withheld (fewer than 5 responses"),
        "{}",
        rating.chart.description
    );
    assert!(
        rating
            .chart
            .note
            .as_deref()
            .is_some_and(|n| n.starts_with("Some figures are withheld")),
        "{:?}",
        rating.chart.note
    );
    // The compact chart: the same gaps, named by the chart's words.
    let compact = rating.compact.as_deref().unwrap_or("");
    assert_eq!(compact.matches("class=\"mb-gap\"").count(), withheld);
    assert!(
        compact.contains("<title id=\"mb-home-mean-rating-title\">Mean rating by quarter</title>")
    );
    assert!(compact.contains(&crate::util::html::escape_svg(&rating.chart.description)));
    // A figure never withheld has no gap and no legend.
    let pairs = trends[0].chart.svg.as_deref().unwrap_or("");
    assert!(
        !pairs.contains("mb-gap") && !pairs.contains("mb-key"),
        "{pairs}"
    );
    assert!(trends[0].chart.description.starts_with(
        "Active pairs in each quarter, 2024-Q1 to 2024-Q3: 2024-Q1 4, 2024-Q2 3, 2024-Q3 4. Highest 4 in 2024-Q1; lowest 3 in 2024-Q2."
    ));
}

#[test]
fn a_quarter_without_figures_is_a_gap_with_no_value() {
    let m = alpha();
    let mut p = periods(&m);
    p.insert(
        1,
        Period {
            label: "gap",
            metrics: None,
        },
    );
    let trends = program_trends(&crate::i18n::Words::english(), &p, 5);
    assert_eq!(column(&trends[0].chart.table), ["4", "—", "3", "4"]);
    assert!(trends[0].chart.description.contains("gap no value"));
    // The line is broken there: two runs (a line and a dot-less line).
    let svg = trends[0].chart.svg.as_deref().unwrap_or("");
    assert_eq!(svg.matches("class=\"mb-line").count(), 1, "{svg}");
}

#[test]
fn nothing_to_draw_says_why() {
    let mut fx = TestProgram::new();
    let a = fx.cohort("A", "2024-01-01", None);
    fx.pair(a, 0, 1, "2024-01-05", None);
    let m = fx.run(Some("2024-03-31"));
    let trends = program_trends(&crate::i18n::Words::english(), &periods(&m), 5);
    assert_eq!(trends[3].chart.svg, None);
    assert_eq!(trends[3].chart.note.as_deref(), Some("No ratings"));
    assert_eq!(trends[3].compact, None);
    assert_eq!(trends[2].chart.note.as_deref(), Some("No goals recorded"));
}

/// Two cohorts side by side: Alpha (three quarters) and "Beta", from
/// 2024-07-01, with 2 pairs and no meeting.
#[test]
fn cohorts_side_by_side_share_one_scale_and_keep_their_quarters() {
    let mut fx = TestProgram::new();
    let a = fx.cohort_named("A", "Alpha", "2024-01-01", None);
    let b = fx.cohort_named("B", "Beta", "2024-07-01", None);
    for i in 0..6 {
        fx.pair(a, 2 * i, 2 * i + 1, "2024-01-01", None);
    }
    fx.pair(b, 20, 21, "2024-07-02", None);
    fx.pair(b, 22, 23, "2024-07-02", None);
    let m = fx.run(Some("2024-09-30"));
    let columns: Vec<&str> = m.quarters.iter().map(|q| q.quarter.as_str()).collect();
    let rows: Vec<Row> = m
        .cohorts
        .iter()
        .map(|c| Row {
            name: &c.name,
            quarters: c
                .quarters
                .iter()
                .map(|q| {
                    let col = columns.iter().position(|l| *l == q.quarter).unwrap_or(0);
                    (
                        col,
                        Period {
                            label: &q.quarter,
                            metrics: Some(&q.metrics),
                        },
                    )
                })
                .collect(),
        })
        .collect();
    let side = side_by_side(&crate::i18n::Words::english(), &columns, &rows, 5);
    assert_eq!(side.len(), 5);
    let pairs = &side[0];
    // One scale for both: 0 up to a round number from 6.
    assert_eq!(pairs.scale, "0 to 6");
    assert_eq!(
        texts(&pairs.table),
        [["Alpha", "6", "6", "6"], ["Beta", "", "", "2"]]
    );
    assert_eq!(
        pairs.table.headers,
        ["Cohort", "2024-Q1", "2024-Q2", "2024-Q3"]
    );
    let latest: Vec<Option<(String, String)>> = pairs
        .latest
        .iter()
        .map(|l| l.as_ref().map(|(q, c)| (q.clone(), c.text.clone())))
        .collect();
    assert_eq!(
        latest,
        [
            Some(("2024-Q3".to_string(), "6".to_string())),
            Some(("2024-Q3".to_string(), "2".to_string()))
        ]
    );
    assert_eq!(
        pairs.description,
        "Active pairs in each cohort's latest quarter, on one scale from 0 to 6: highest 6 in Alpha (2024-Q3), lowest 2 in Beta (2024-Q3)."
    );
    // Beta's trend is one quarter, drawn at the left (its first quarter)
    // of three steps, at 2 on the scale 0–6: 21.5 − 19 × 2 / 6 = 15.2.
    let beta = pairs.sparks[1].as_deref().unwrap_or("");
    assert!(
        beta.contains("<circle cx=\"2.5\" cy=\"15.2\" r=\"2\"/>"),
        "{beta}"
    );
    // Decorative: the value is beside it, every value in the table.
    assert!(
        beta.contains("aria-hidden=\"true\"") && !beta.contains("<title"),
        "{beta}"
    );
    // Percentages share 0–100%; Beta has no meeting: 0.00 per pair-month.
    assert_eq!(side[2].scale, "0% to 100%");
    assert_eq!(side[3].scale, "1 to 5");
    assert_eq!(texts(&side[1].table)[1], ["Beta", "", "", "0.00"]);
}

#[test]
fn long_names_stay_whole_in_the_comparison() {
    let name = "People & Operations mentoring for first-time managers, Winter 2025";
    let mut fx = TestProgram::new();
    let a = fx.cohort_named("A", name, "2024-01-01", None);
    fx.pair(a, 0, 1, "2024-01-01", None);
    let m = fx.run(Some("2024-03-31"));
    let c = &m.cohorts[0];
    let rows = [Row {
        name: &c.name,
        quarters: vec![(
            0,
            Period {
                label: &c.quarters[0].quarter,
                metrics: Some(&c.quarters[0].metrics),
            },
        )],
    }];
    let side = side_by_side(&crate::i18n::Words::english(), &["2024-Q1"], &rows, 5);
    assert_eq!(side[0].table.rows[0][0], name);
    assert!(side[0].description.contains(name));
}
