//! Properties over generated programs, through the real pipeline.
//!
//! Every valid program builds; figures keep their invariants; no feedback
//! figure of 1..k−1 rows is shown or can be worked out (checked with the
//! independent solver of tests/checker); slugs are safe path segments.

mod checker;
mod common;

use common::{Workdir, load};
use mentorbook::data::path_slug;
use mentorbook::date::Date;
use mentorbook::metrics::figures::RoleFeedback;
use mentorbook::metrics::privacy::{CohortRows, CohortWithheld, RowCounts, Withheld, Withholding};
use mentorbook::metrics::{self, Metrics, ProgramMetrics};
use proptest::prelude::*;
use serde_json::Value;

#[derive(Clone, Debug)]
struct Gen {
    k: u32,
    cohorts: Vec<GenCohort>,
}

#[derive(Clone, Debug)]
struct GenCohort {
    start: i32,
    length: Option<i32>,
    pairs: Vec<GenPair>,
}

#[derive(Clone, Debug)]
struct GenPair {
    matched: i32,
    ended: Option<i32>,
    meetings: Vec<i32>,
    goals: Vec<(i32, u8, Option<i32>)>,
    /// (days after matching, mentee?, rating, nps)
    feedback: Vec<(i32, bool, u8, u8)>,
}

fn pair() -> impl Strategy<Value = GenPair> {
    (
        0..120i32,
        proptest::option::of(0..400i32),
        proptest::collection::vec(0..500i32, 0..6),
        proptest::collection::vec((0..400i32, 0..4u8, proptest::option::of(0..200i32)), 0..4),
        proptest::collection::vec((0..500i32, any::<bool>(), 1..=5u8, 0..=10u8), 0..8),
    )
        .prop_map(|(matched, ended, meetings, goals, feedback)| GenPair {
            matched,
            ended,
            meetings,
            goals,
            feedback,
        })
}

fn program() -> impl Strategy<Value = Gen> {
    let cohort = (
        0..600i32,
        proptest::option::of(30..500i32),
        proptest::collection::vec(pair(), 1..7),
    )
        .prop_map(|(start, length, pairs)| GenCohort {
            start,
            length,
            pairs,
        });
    (2..=10u32, proptest::collection::vec(cohort, 1..5)).prop_map(|(k, cohorts)| Gen { k, cohorts })
}

fn day(n: i32) -> String {
    Date::from_ymd(2023, 1, 2)
        .map(|d| d.add_days(n).to_string())
        .unwrap_or_default()
}

/// Writes the program as a folder of CSV tables.
fn write(g: &Gen) -> Workdir {
    let w = Workdir::empty();
    w.write(
        "mentorbook.toml",
        &format!(
            "title = \"Generated\"\n[privacy]\nmin_group_size = {}\n",
            g.k
        ),
    );
    let mut cohorts = String::from("cohort_id,name,start_date,end_date\n");
    let mut pairs = String::from("pair_id,cohort_id,mentor_id,mentee_id,matched_on,ended_on\n");
    let mut meetings = String::from("pair_id,date,duration_minutes\n");
    let mut goals = String::from("goal_id,pair_id,created_on,status,completed_on\n");
    let mut feedback = String::from("pair_id,respondent_role,submitted_on,rating,nps\n");
    let statuses = ["not_started", "in_progress", "completed", "abandoned"];
    let mut goal_id = 0;
    for (c, cohort) in g.cohorts.iter().enumerate() {
        let end = cohort
            .length
            .map(|l| day(cohort.start + l))
            .unwrap_or_default();
        cohorts.push_str(&format!("c{c},Cohort {c},{},{end}\n", day(cohort.start)));
        for (p, pr) in cohort.pairs.iter().enumerate() {
            let matched = cohort.start + pr.matched;
            let ended = pr.ended.map(|e| day(matched + e)).unwrap_or_default();
            // Mentors may take two mentees; nobody is in both roles.
            pairs.push_str(&format!(
                "p{c}x{p},c{c},mentor{c}x{},mentee{c}x{p},{},{ended}\n",
                p / 2,
                day(matched)
            ));
            for m in &pr.meetings {
                meetings.push_str(&format!("p{c}x{p},{},30\n", day(matched + m)));
            }
            for (created, status, done) in &pr.goals {
                goal_id += 1;
                let status = statuses[usize::from(*status) % 4];
                let completed = match (status, done) {
                    ("completed", Some(d)) => day(matched + created + d),
                    _ => String::new(),
                };
                goals.push_str(&format!(
                    "g{goal_id},p{c}x{p},{},{status},{completed}\n",
                    day(matched + created)
                ));
            }
            for (at, mentee, rating, nps) in &pr.feedback {
                let role = if *mentee { "mentee" } else { "mentor" };
                feedback.push_str(&format!(
                    "p{c}x{p},{role},{},{rating},{nps}\n",
                    day(matched + at)
                ));
            }
        }
    }
    w.write("data/cohorts.csv", &cohorts);
    w.write("data/pairs.csv", &pairs);
    w.write("data/meetings.csv", &meetings);
    w.write("data/goals.csv", &goals);
    w.write("data/feedback.csv", &feedback);
    w
}

/// Checks every number of a metrics.json; `k` for withholding.
fn check_json(path: &str, value: &Value, k: u64) {
    match value {
        Value::Object(map) => {
            if map.contains_key("suppressed") {
                let rows: u64 = map
                    .get("ratings")
                    .and_then(Value::as_array)
                    .map_or(0, |a| a.iter().filter_map(Value::as_u64).sum());
                let responses = map.get("responses").and_then(Value::as_u64).unwrap_or(0);
                if map.get("mean_rating").is_some_and(|v| !v.is_null()) {
                    assert!(
                        rows >= k,
                        "{path}: a mean rating of {rows} < {k} rows is shown"
                    );
                }
                if map.get("nps").is_some_and(|v| !v.is_null()) {
                    // Every generated row has both a rating and an nps.
                    assert!(
                        responses >= k,
                        "{path}: an NPS of {responses} < {k} rows is shown"
                    );
                }
            }
            for (key, v) in map {
                if let Some(n) = v.as_f64() {
                    if key.ends_with("_rate") || key.ends_with("_share") {
                        assert!((0.0..=1.0).contains(&n), "{path}: {key} = {n}");
                    } else if key == "nps" {
                        assert!((-100.0..=100.0).contains(&n), "{path}: nps = {n}");
                    } else {
                        assert!(n >= 0.0 && n.is_finite(), "{path}: {key} = {n}");
                    }
                }
                check_json(path, v, k);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| check_json(path, v, k)),
        _ => {}
    }
}

/// The rows and withholding of one figure kind, read back from the
/// published figures: what the independent checker needs.
type RowsOf = fn(&RoleFeedback) -> u64;
type StateOf = fn(&RoleFeedback) -> Withheld;

fn published(m: &ProgramMetrics, rows_of: RowsOf, state_of: StateOf) -> (RowCounts, Withholding) {
    let three = |x: &Metrics| {
        let r = x.feedback.roles();
        (
            [rows_of(r[0]), rows_of(r[1]), rows_of(r[2])],
            [state_of(r[0]), state_of(r[1]), state_of(r[2])],
        )
    };
    let mut rows = RowCounts {
        cohorts: Vec::new(),
        program: Vec::new(),
    };
    let mut w = Withholding {
        cohorts: Vec::new(),
        program: Vec::new(),
    };
    for q in &m.quarters {
        let (r, s) = three(&q.totals);
        rows.program.push(r);
        w.program.push(s);
    }
    for c in &m.cohorts {
        let (overall_rows, overall_state) = c
            .overall
            .as_ref()
            .map(three)
            .unwrap_or(([0; 3], [Withheld::Shown; 3]));
        let mut quarters = Vec::new();
        let mut states = Vec::new();
        for q in &c.quarters {
            let (r, s) = three(&q.metrics);
            quarters.push((q.report, r));
            states.push(s);
        }
        rows.cohorts.push(CohortRows {
            overall: overall_rows,
            quarters,
        });
        w.cohorts.push(CohortWithheld {
            overall: overall_state,
            quarters: states,
        });
    }
    (rows, w)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_generated_program_builds_and_keeps_its_invariants(g in program()) {
        let site = write(&g).build();
        let mut json_files = 0;
        for (path, json) in site.texts().filter(|(p, _)| p.ends_with("metrics.json")) {
            let value: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{path}: {e}"));
            check_json(path, &value, u64::from(g.k));
            json_files += 1;
        }
        prop_assert!(json_files >= g.cohorts.len());
    }
}

/// The closure's property, with a count of what the cases exercised so a
/// generator that never withholds anything cannot pass silently.
#[test]
fn no_small_withheld_figure_is_determined() {
    use proptest::test_runner::{Config, TestRunner};
    let mut runner = TestRunner::new(Config {
        cases: 96,
        ..Config::default()
    });
    let seen = std::cell::Cell::new((0usize, 0usize, 0usize));
    let result = runner.run(&program(), |g| {
        let (folder, _warnings) = load(write(&g).path()).unwrap_or_else(|e| panic!("{e:?}"));
        let m = metrics::compute(&folder.loaded.program, &folder.config)
            .unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(m.privacy.determined, 0);
        let (small, local, closure) = seen.get();
        seen.set((
            small + usize::from(m.privacy.small_group > 0),
            local + usize::from(m.privacy.subtraction > 0),
            closure + usize::from(m.privacy.closure > 0),
        ));
        let k = u64::from(g.k);
        let kinds: [(RowsOf, StateOf); 2] = [
            (|r| r.rating_rows, |r| r.ratings_withheld),
            (|r| r.nps_rows, |r| r.nps_withheld),
        ];
        for (rows_of, state_of) in kinds {
            let (rows, state) = published(&m, rows_of, state_of);
            let f = checker::figures(&rows, &state);
            // Nothing of 1..k-1 rows shown, and nothing of them determined.
            for (key, &n) in &f.rows {
                if n > 0 && n < k {
                    prop_assert!(
                        f.state[key].is_withheld(),
                        "{:?} has {} < {} rows and is shown",
                        key,
                        n,
                        k
                    );
                }
            }
            let determined = f.determined_small(k);
            prop_assert!(determined.is_empty(), "determined: {:?}", determined);
            prop_assert!(f.local_breaks(k).is_empty());
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let (small, local, closure) = seen.get();
    eprintln!(
        "cases with figures withheld for small groups: {small}, by the local rule: {local}, by closure: {closure}"
    );
    assert!(
        small > 10 && local > 5,
        "the generator barely exercises withholding"
    );
}

proptest! {
    #[test]
    fn slugs_are_safe_path_segments(id in "\\PC{0,40}|[-./\\\\ a-zA-Z0-9]{0,20}") {
        let slug = path_slug(&id);
        if !slug.is_empty() {
            prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", slug);
            prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'), "{}", slug);
            prop_assert!(!slug.contains("--"), "{}", slug);
            prop_assert!(slug != "." && slug != "..");
        }
    }
}
