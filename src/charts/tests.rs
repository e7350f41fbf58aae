//! Charts of tiny programs run through `metrics::compute`.

use super::*;
use crate::data::{GoalStatus, Role};
use crate::metrics::ProgramMetrics;
use crate::metrics::privacy::Withheld;
use crate::metrics::testkit::TestProgram;

/// One cohort named `name`, 2024-01 to 2024-06: six pairs, meetings in
/// four months, goals, and `mentor`/`mentee` ratings in Q2.
fn program(name: &str, mentor: &[u8], mentee: &[u8]) -> ProgramMetrics {
    let mut fx = TestProgram::new();
    let c = fx.cohort_named("A", name, "2024-01-01", None);
    let pairs: Vec<u32> = (0..6)
        .map(|i| fx.pair(c, 2 * i, 2 * i + 1, &format!("2024-01-{:02}", 10 + i), None))
        .collect();
    for (i, &p) in pairs.iter().enumerate() {
        fx.meeting(p, "2024-02-05", Some(45.0));
        if i < 4 {
            fx.meeting(p, "2024-03-05", Some(45.0));
            fx.meeting(p, "2024-06-20", Some(45.0));
        }
        if i == 0 {
            fx.meeting(p, "2024-05-02", Some(45.0));
        }
        fx.goal(
            p,
            "2024-01-20",
            GoalStatus::Completed,
            None,
            Some("2024-04-10"),
        );
        fx.goal(p, "2024-02-20", GoalStatus::InProgress, None, None);
        if i == 5 {
            fx.goal(p, "2024-03-01", GoalStatus::Abandoned, None, None);
        }
    }
    for (i, &r) in mentor.iter().enumerate() {
        fx.feedback(pairs[i % 6], Role::Mentor, "2024-05-15", Some(r), Some(9));
    }
    for (i, &r) in mentee.iter().enumerate() {
        fx.feedback(pairs[i % 6], Role::Mentee, "2024-05-16", Some(r), Some(6));
    }
    fx.run(Some("2024-06-30"))
}

fn by_id<'a>(charts: &'a [Chart], id: &str) -> &'a Chart {
    match charts.iter().find(|c| c.id == id) {
        Some(c) => c,
        None => panic!("no chart {id}"),
    }
}

fn svg_of(c: &Chart) -> &str {
    match &c.svg {
        Some(s) => s,
        None => panic!("chart {} not drawn: {:?}", c.id, c.note),
    }
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

fn rich() -> ProgramMetrics {
    program("Spring", &[5, 4, 4, 3, 5, 4], &[4, 4, 5, 2, 3, 5])
}

#[test]
fn dashboard_has_every_chart_with_text_and_accessible_svg() {
    let m = rich();
    let charts = cohort_charts(&crate::i18n::Words::english(), &m.cohorts[0], 5);
    let ids: Vec<&str> = charts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "meetings-per-month",
            "pair-health",
            "goals-by-status",
            "goals-per-quarter",
            "rating-distribution",
            "mean-rating-per-quarter",
            "nps-per-quarter",
        ]
    );
    for c in &charts {
        assert!(!c.title.is_empty() && !c.description.is_empty(), "{}", c.id);
        assert!(
            !c.table.caption.is_empty() && !c.table.headers.is_empty(),
            "{}",
            c.id
        );
        assert!(!c.table.rows.is_empty(), "{}", c.id);
        for row in &c.table.rows {
            assert_eq!(row.len(), c.table.headers.len(), "{}", c.id);
        }
        let svg = svg_of(c);
        let root = svg.lines().next().unwrap_or("");
        assert!(root.contains("viewBox=\"0 0 480 "), "{root}");
        assert!(root.contains("role=\"img\""));
        assert!(
            !root.contains("width=") && !root.contains("height="),
            "{root}"
        );
        let ids = format!("mb-a-{}", c.id);
        assert!(root.contains(&format!("aria-labelledby=\"{ids}-title {ids}-desc\"")));
        assert!(svg.contains(&format!("<title id=\"{ids}-title\">{}</title>", c.title)));
        assert!(svg.contains(&format!("<desc id=\"{ids}-desc\">")));
        assert!(svg.ends_with("</svg>\n"));
        // Ink is restylable; no plotters defaults left.
        assert!(!svg.contains("#000000") && !svg.contains("font-family=\"sans-serif\""));
        assert!(!svg.contains("opacity=\"1\""));
        assert!(c.note.is_none(), "{}: {:?}", c.id, c.note);
    }
}

#[test]
fn bars_match_the_data() {
    let m = rich();
    let cohort = &m.cohorts[0];
    let charts = cohort_charts(&crate::i18n::Words::english(), cohort, 5);
    let months = &cohort.months;
    assert_eq!(months.len(), 6);
    let with_meetings = months.iter().filter(|m| m.meetings > 0).count();
    assert_eq!(with_meetings, 4);
    let meetings = svg_of(by_id(&charts, "meetings-per-month"));
    assert_eq!(count(meetings, "class=\"mb-bar "), with_meetings);
    // One dot per month on the active pairs line.
    assert_eq!(count(meetings, "class=\"mb-dot "), months.len());
    let table = &by_id(&charts, "meetings-per-month").table;
    assert_eq!(table.rows[1], ["2024-02", "6", "6"]);

    let goals = by_id(&charts, "goals-by-status");
    let g = &cohort
        .overall
        .as_ref()
        .map(|o| o.goals.clone())
        .unwrap_or_else(|| panic!());
    assert_eq!(
        (g.completed, g.in_progress, g.abandoned, g.not_started),
        (6, 6, 1, 0)
    );
    assert_eq!(count(svg_of(goals), "class=\"mb-bar "), 3);
    assert_eq!(goals.table.rows[2], ["Completed", "6"]);
    assert!(
        goals.description.contains("completion rate 50.0%"),
        "{}",
        goals.description
    );

    let per_quarter = by_id(&charts, "goals-per-quarter");
    assert_eq!(
        per_quarter.table.rows,
        [["2024-Q1", "13", "0"], ["2024-Q2", "0", "6"]]
    );
    assert_eq!(count(svg_of(per_quarter), "class=\"mb-bar "), 2);

    let health = by_id(&charts, "pair-health");
    assert_eq!(health.title, "Pair health on 2024-06-30");
    // Four pairs met on 2024-06-20; two last met in February or May.
    assert_eq!(
        health.table.rows,
        [
            ["On track", "4"],
            ["Needs a check-in", "2"],
            ["Too early to tell", "0"]
        ]
    );
    assert_eq!(count(svg_of(health), "class=\"mb-bar "), 2);

    let ratings = by_id(&charts, "rating-distribution");
    // Mentors: 3,4,4,4,5,5; mentees: 2,3,4,4,5,5 → non-zero counts 3 + 4.
    assert_eq!(count(svg_of(ratings), "class=\"mb-bar "), 7);
    assert_eq!(ratings.table.rows[3], ["4", "3", "2"]);
    assert!(
        ratings
            .description
            .contains("mentors gave 6 ratings (mean 4.17)"),
        "{}",
        ratings.description
    );

    let mean = by_id(&charts, "mean-rating-per-quarter");
    assert_eq!(mean.table.rows[0], ["2024-Q1", "—", "—", "—"]);
    assert_eq!(mean.table.rows[1], ["2024-Q2", "4.17", "3.83", "4.00"]);
    let nps = by_id(&charts, "nps-per-quarter");
    assert_eq!(nps.table.rows[1], ["2024-Q2", "100", "-100", "0"]);
    // Lines of one point each: dots only.
    assert_eq!(count(svg_of(nps), "class=\"mb-line "), 0);
    assert_eq!(count(svg_of(nps), "class=\"mb-dot "), 3);
}

#[test]
fn small_groups_are_not_drawn() {
    let m = program("Small", &[5, 4], &[3, 3]);
    let overall = m.cohorts[0].overall.as_ref().unwrap_or_else(|| panic!());
    assert_eq!(
        overall.feedback.by_role.mentor.ratings_withheld,
        Withheld::SmallGroup
    );
    let charts = cohort_charts(&crate::i18n::Words::english(), &m.cohorts[0], 5);
    let ratings = by_id(&charts, "rating-distribution");
    assert_eq!(ratings.svg, None);
    assert_eq!(
        ratings.note.as_deref(),
        Some("Withheld: fewer than 5 responses")
    );
    assert_eq!(ratings.table.rows[0], ["1", "withheld", "withheld"]);
    assert!(
        ratings
            .description
            .contains("withheld (fewer than 5 responses)")
    );
    let mean = by_id(&charts, "mean-rating-per-quarter");
    assert_eq!(mean.svg, None);
    assert_eq!(
        mean.note.as_deref(),
        Some("Withheld: fewer than 5 responses")
    );
    assert_eq!(
        mean.table.rows[1],
        ["2024-Q2", "withheld", "withheld", "withheld"]
    );
    // The same program with k = 2 would show them: k only words the note.
    let nps = by_id(&charts, "nps-per-quarter");
    assert_eq!(nps.svg, None);
}

#[test]
fn figures_withheld_against_subtraction_say_so() {
    // Mentees: 2 ratings (small); mentors: 6, withheld so that the mentee
    // figure cannot be worked out from the total.
    let m = program("Mixed", &[5, 4, 4, 3, 5, 4], &[3, 3]);
    let overall = m.cohorts[0].overall.as_ref().unwrap_or_else(|| panic!());
    let mentor = overall.feedback.by_role.mentor.ratings_withheld;
    assert!(
        matches!(mentor, Withheld::Subtraction | Withheld::Closure),
        "{mentor:?}"
    );
    let charts = cohort_charts(&crate::i18n::Words::english(), &m.cohorts[0], 5);
    let ratings = by_id(&charts, "rating-distribution");
    assert_eq!(ratings.svg, None);
    let note = ratings.note.as_deref().unwrap_or("");
    assert!(
        note.contains("fewer than 5") && note.contains("cannot be worked out"),
        "{note}"
    );
}

#[test]
fn partly_withheld_series_leave_gaps() {
    // Q1: 2 + 2 ratings (small); Q2: 6 + 6, withheld so that Q1 cannot be
    // worked out from the cohort's total; Q3: 7 + 7, shown.
    let mut fx = TestProgram::new();
    let c = fx.cohort_named("A", "Gaps", "2024-01-01", None);
    let pairs: Vec<u32> = (0..7)
        .map(|i| fx.pair(c, 2 * i, 2 * i + 1, "2024-01-05", None))
        .collect();
    for (date, n) in [("2024-02-01", 2), ("2024-05-01", 6), ("2024-08-01", 7)] {
        for &p in pairs.iter().take(n) {
            fx.feedback(p, Role::Mentor, date, Some(4), None);
            fx.feedback(p, Role::Mentee, date, Some(5), None);
        }
    }
    let m = fx.run(Some("2024-09-30"));
    let charts = cohort_charts(&crate::i18n::Words::english(), &m.cohorts[0], 5);
    let mean = by_id(&charts, "mean-rating-per-quarter");
    assert_eq!(
        mean.table.rows,
        [
            ["2024-Q1", "withheld", "withheld", "withheld"],
            ["2024-Q2", "withheld", "withheld", "withheld"],
            ["2024-Q3", "4.00", "5.00", "4.50"],
        ]
    );
    let svg = svg_of(mean);
    // Only Q3 is drawn: one dot per role, no line through the gaps.
    assert_eq!(count(svg, "class=\"mb-dot "), 3);
    assert_eq!(count(svg, "class=\"mb-line "), 0);
    let note = mean.note.as_deref().unwrap_or("");
    assert!(
        note.starts_with("Some figures are withheld and not drawn"),
        "{note}"
    );
    assert!(
        note.contains("fewer than 5") && note.contains("cannot be worked out"),
        "{note}"
    );
    assert!(
        mean.description.contains("2024-Q3 4.00"),
        "{}",
        mean.description
    );
    // No NPS in the data: no NPS chart.
    assert!(charts.iter().all(|c| c.id != "nps-per-quarter"));
}

#[test]
fn text_is_escaped() {
    let name = "<script>\"x\" & 'q'";
    let m = program(name, &[5, 4, 4, 3, 5, 4], &[4, 4, 5, 2, 3, 5]);
    let report = &m.quarters[1];
    let charts = report_charts(&crate::i18n::Words::english(), report, 5);
    assert!(!charts.is_empty());
    for c in &charts {
        let svg = svg_of(c);
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("\"x\"") && !svg.contains("'q'"));
        assert!(
            svg.contains("&lt;script&gt;&quot;x&quot; &amp; &apos;q&apos;"),
            "{svg}"
        );
        // The table keeps the name as plain text (the page escapes it).
        assert_eq!(c.table.rows[0][0], name);
    }
}

#[test]
fn long_cohort_names_wrap_whole_in_bar_charts() {
    let name = "People & Operations mentoring for first-time managers, Winter 2025";
    assert!(name.chars().count() >= 60);
    let m = program(name, &[5, 4, 4, 3, 5, 4], &[4, 4, 5, 2, 3, 5]);
    let charts = report_charts(&crate::i18n::Words::english(), &m.quarters[1], 5);
    assert!(!charts.is_empty());
    for c in &charts {
        let svg = svg_of(c);
        // Every word of the name is drawn, over lines, none cut.
        let labels: Vec<&str> = svg
            .lines()
            .filter(|l| l.contains("class=\"mb-label\"") && l.contains("text-anchor=\"end\""))
            .filter_map(|l| l.split('>').nth(1)?.strip_suffix("</text"))
            .collect();
        let drawn = labels.join(" ");
        assert!(
            drawn
                .contains("People &amp; Operations mentoring for first-time managers, Winter 2025"),
            "{}: {drawn}",
            c.id
        );
        assert!(!svg.contains('…'), "{}: a label is cut", c.id);
        // The table and the text alternative have it whole.
        assert_eq!(c.table.rows[0][0], name);
    }
    let pairs = by_id(&charts, "active-pairs-by-cohort");
    assert!(pairs.description.contains(name), "{}", pairs.description);
    let per_pair = by_id(&charts, "meetings-per-pair-month-by-cohort");
    assert!(
        per_pair.description.contains(name),
        "{}",
        per_pair.description
    );
}

#[test]
fn report_charts_show_every_cohort_and_the_program() {
    let mut fx = TestProgram::new();
    let a = fx.cohort_named("A", "Alpha", "2024-01-01", None);
    let b = fx.cohort_named("B", "Beta", "2024-04-01", None);
    for i in 0..3 {
        let p = fx.pair(a, 2 * i, 2 * i + 1, &format!("2024-01-1{i}"), None);
        fx.meeting(p, "2024-05-01", Some(45.0));
        fx.goal(
            p,
            "2024-04-02",
            GoalStatus::Completed,
            None,
            Some("2024-05-02"),
        );
    }
    let p = fx.pair(b, 6, 7, "2024-04-05", None);
    fx.goal(p, "2024-04-06", GoalStatus::InProgress, None, None);
    for i in 0..5 {
        fx.feedback(i % 3, Role::Mentor, "2024-06-01", Some(4), None);
    }
    let m = fx.run(Some("2024-06-30"));
    let report = match m.report("2024-Q2") {
        Some(r) => r,
        None => panic!("no report"),
    };
    let charts = report_charts(&crate::i18n::Words::english(), report, 5);
    let ids: Vec<&str> = charts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "active-pairs-by-cohort",
            "meetings-per-pair-month-by-cohort",
            "goal-completion-by-cohort",
            "mean-rating-by-cohort",
        ]
    );
    let pairs = by_id(&charts, "active-pairs-by-cohort");
    assert_eq!(pairs.table.rows, [["Alpha", "3"], ["Beta", "1"]]);
    assert_eq!(count(svg_of(pairs), "class=\"mb-bar "), 2);
    assert!(svg_of(pairs).contains("id=\"mb-2024-q2-active-pairs-by-cohort-title\""));
    let completion = by_id(&charts, "goal-completion-by-cohort");
    assert_eq!(
        completion.table.rows,
        [
            ["Alpha", "100.0%"],
            ["Beta", "0.0%"],
            ["All cohorts", "75.0%"]
        ]
    );
    // Beta's 0% has no visible bar.
    assert_eq!(count(svg_of(completion), "class=\"mb-bar "), 2);
    let mean = by_id(&charts, "mean-rating-by-cohort");
    assert_eq!(
        mean.table.rows,
        [["Alpha", "4.00"], ["Beta", "—"], ["All cohorts", "4.00"]]
    );
}

#[test]
fn same_figures_same_bytes() {
    let (one, two) = (rich(), rich());
    assert_eq!(
        cohort_charts(&crate::i18n::Words::english(), &one.cohorts[0], 5),
        cohort_charts(&crate::i18n::Words::english(), &two.cohorts[0], 5)
    );
    assert_eq!(
        report_charts(&crate::i18n::Words::english(), &one.quarters[0], 5),
        report_charts(&crate::i18n::Words::english(), &two.quarters[0], 5)
    );
    // No floating-point noise: every number in the SVG is short.
    for c in cohort_charts(&crate::i18n::Words::english(), &one.cohorts[0], 5) {
        let svg = svg_of(&c);
        let body = svg.split("</desc>").nth(1).unwrap_or("");
        for value in body.split('"').skip(1).step_by(2) {
            for token in value.split(|ch: char| !(ch.is_ascii_digit() || ch == '.')) {
                if let Some((_, decimals)) = token.split_once('.') {
                    assert!(decimals.len() <= 2, "{token} in {}", c.id);
                }
            }
        }
    }
}

#[test]
fn upcoming_cohort_gets_notes() {
    let mut fx = TestProgram::new();
    fx.cohort_named("A", "Now", "2024-01-01", None);
    fx.cohort_named("Later", "Later", "2025-01-01", None);
    let a = fx.pair(0, 0, 1, "2024-01-05", None);
    fx.meeting(a, "2024-02-01", Some(45.0));
    let m = fx.run(Some("2024-06-30"));
    let charts = cohort_charts(&crate::i18n::Words::english(), &m.cohorts[1], 5);
    assert_eq!(charts.len(), 6);
    for c in &charts {
        assert_eq!(c.svg, None);
        assert_eq!(
            c.note.as_deref(),
            Some("No figures yet: the cohort starts on 2025-01-01")
        );
    }
}

#[test]
fn meetings_chart_snapshot() {
    let m = rich();
    let charts = cohort_charts(&crate::i18n::Words::english(), &m.cohorts[0], 5);
    insta::assert_snapshot!(svg_of(by_id(&charts, "meetings-per-month")));
}

#[test]
fn axis_ticks_are_round() {
    use super::render::Axis;
    let labels = |a: &Axis| a.ticks.iter().map(|t| a.label(*t)).collect::<Vec<_>>();
    assert_eq!(labels(&Axis::upto(6.0, true)), ["0", "2", "4", "6"]);
    assert_eq!(labels(&Axis::upto(3.0, true)), ["0", "1", "2", "3"]);
    assert_eq!(labels(&Axis::upto(0.0, true)), ["0", "1"]);
    assert_eq!(
        labels(&Axis::upto(1.3, false)),
        ["0.0", "0.5", "1.0", "1.5"]
    );
    assert_eq!(
        labels(&Axis::upto(0.03, false)),
        ["0.00", "0.01", "0.02", "0.03"]
    );
    assert_eq!(
        labels(&Axis::upto(0.018, false)),
        ["0.000", "0.005", "0.010", "0.015", "0.020"]
    );
    assert_eq!(labels(&Axis::upto(130.0, true)), ["0", "50", "100", "150"]);
    assert_eq!(
        labels(&Axis::percent()),
        ["0%", "25%", "50%", "75%", "100%"]
    );
}
