//! The export shapes of docs/data.md built from their fixtures (tests/fixtures/), with figures checked against values worked out by hand.

mod common;

use std::path::Path;

use common::{Workdir, repo};
use serde_json::Value;

/// A copy of the fixture program `name` in a fresh folder.
fn fixture(name: &str) -> Workdir {
    let w = Workdir::empty();
    let dir = repo().join("tests/fixtures").join(name);
    for entry in walkdir::WalkDir::new(&dir) {
        let entry = entry.unwrap_or_else(|e| panic!("{name}: {e}"));
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&dir).unwrap_or(Path::new(""));
            let bytes = std::fs::read(entry.path()).unwrap_or_else(|e| panic!("{e}"));
            w.write_bytes(&rel.to_string_lossy(), &bytes);
        }
    }
    w
}

fn json(site: &common::Site, path: &str) -> Value {
    serde_json::from_str(site.text(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn close(a: &Value, b: f64) -> bool {
    a.as_f64().is_some_and(|a| (a - b).abs() < 1e-9)
}

/// The session log: one file of sessions, pairs named by e-mail, cohorts
/// and pairs derived, ratings on 0–1, only mentees asked.
///
/// By hand, from tests/fixtures/session-log/exports/sessions.csv (16 rows;
/// s1004, s2004 cancelled and s1007 scheduled have no `completed_at`):
///
/// Engineering Spring 2025: pairs ana→ben (first session 2025-04-03),
/// ana→chloe (04-07), dev→erin (04-10); cohort start 2025-04-03 (its
/// earliest row). As of 2025-06-10 (the last completed session).
/// - meetings s1001 45, s1002 30, s1003 60, s1005 50, s1006 30, s1008 45,
///   s1009 40: 7 meetings, 300 minutes = 5.0 hours;
/// - pair days to 06-10: 69 + 65 + 62 = 196; per pair-month
///   7 / (196 / 30.4375) = 1.0870535714…;
/// - quiet on 06-10 (no meeting after 05-11): ana→chloe (last 05-06) only:
///   1 of 3;
/// - ratings 1 + 4x rounded half up: 0.75 → 4, 1 → 5, 0.5 → 3, 0.875 → 4.5
///   → 5, 0.6 → 3.4 → 3, 0.125 → 1.5 → 2, 0.7 → 3.8 → 4: counts
///   [0, 1, 2, 2, 2], mean 26/7;
/// - mentees of all 3 pairs responded: mentee rate 1; mentors not asked:
///   null; overall 3 / (1 role × 3 pairs) = 1.
///
/// Design Spring 2025: farah→gus (04-14), farah→hana (04-15), ivan→jo
/// (04-22); start 2025-04-14.
/// - 6 meetings: 60 + 45 + 30 + 45 + 60 + 45 = 285 min = 4.75 h;
/// - pair days 58 + 57 + 50 = 165; per pair-month 6 × 30.4375 / 165 =
///   1.1068181818…; no quiet pair (last meetings 06-10, 05-13, 05-27);
/// - ratings 0.9 → 4.6 → 5, 0.25 → 2, 0.4 → 2.6 → 3, 0.625 → 3.5 → 4,
///   0 → 1, 0.8 → 4.2 → 4: counts [1, 1, 1, 2, 1], mean 19/6.
///
/// Program, 2025-Q2: 13 responses, mean (26 + 19) / 13; 13 meetings.
#[test]
fn session_log_keyed_by_emails() {
    let w = fixture("session-log");
    let check = w.run(&["check"]).success();
    assert!(
        check.stdout().starts_with(
            "Checked 2 cohorts, 0 participants, 6 pairs, 13 meetings, 0 goals, 13 feedback rows"
        ),
        "{}",
        check.stdout()
    );
    let stderr = check.stderr();
    for note in [
        "note: cohorts: 2 derived from the cohort ids of the other tables (`derive = true`)",
        "note: pairs: 6 derived from the rows that name a mentor and a mentee (`derive = true`)",
    ] {
        assert!(stderr.lines().any(|l| l == note), "{note}\n{stderr}");
    }
    let site = w.build();

    let eng = json(&site, "cohorts/engineering-spring-2025/metrics.json");
    assert_eq!(eng["as_of"], "2025-06-10");
    assert_eq!(eng["cohort"]["name"], "Engineering Spring 2025");
    assert_eq!(eng["cohort"]["start_date"], "2025-04-03");
    assert_eq!(eng["cohort"]["end_date"], Value::Null);
    let o = &eng["overall"];
    assert_eq!(o["pairs"]["matched"], 3);
    assert_eq!(o["pairs"]["active"], 3);
    assert_eq!(o["meetings"]["count"], 7);
    assert!(close(&o["meetings"]["hours"], 5.0), "{}", o["meetings"]);
    assert!(close(
        &o["meetings"]["per_pair_month"],
        7.0 * 30.4375 / 196.0
    ));
    assert_eq!(o["meetings"]["quiet_pairs"], 1);
    let f = &o["feedback"];
    assert_eq!(f["responses"], 7);
    assert_eq!(f["suppressed"], false);
    assert_eq!(f["ratings"], serde_json::json!([0, 1, 2, 2, 2]));
    assert!(close(&f["mean_rating"], 26.0 / 7.0), "{f}");
    assert!(close(&f["response_rate"], 1.0));
    assert!(close(&f["by_role"]["mentee"]["response_rate"], 1.0));
    assert_eq!(f["by_role"]["mentor"]["response_rate"], Value::Null);
    assert_eq!(f["by_role"]["mentor"]["responses"], 0);

    let design = json(&site, "cohorts/design-spring-2025/metrics.json");
    assert_eq!(design["cohort"]["start_date"], "2025-04-14");
    let o = &design["overall"];
    assert_eq!(o["meetings"]["count"], 6);
    assert!(close(&o["meetings"]["hours"], 4.75));
    assert!(close(
        &o["meetings"]["per_pair_month"],
        6.0 * 30.4375 / 165.0
    ));
    assert_eq!(o["meetings"]["quiet_pairs"], 0);
    assert_eq!(o["feedback"]["ratings"], serde_json::json!([1, 1, 1, 2, 1]));
    assert!(close(&o["feedback"]["mean_rating"], 19.0 / 6.0));

    let q2 = json(&site, "reports/2025-Q2/metrics.json");
    assert_eq!(q2["meetings"]["count"], 13);
    assert_eq!(q2["feedback"]["responses"], 13);
    assert!(close(&q2["feedback"]["mean_rating"], 45.0 / 13.0));
    assert_eq!(
        q2["feedback"]["by_role"]["mentor"]["response_rate"],
        Value::Null
    );
    let cohorts: Vec<&str> = q2["cohorts"]
        .as_array()
        .expect("cohorts")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    // Derived cohorts in order of their start.
    assert_eq!(cohorts, ["Engineering Spring 2025", "Design Spring 2025"]);

    // Pages say the mentors were not asked, and nothing personal is published.
    let page = site.text("cohorts/engineering-spring-2025/index.html");
    assert!(
        page.contains("mentees only: mentors are not asked for feedback"),
        "{page}"
    );
    assert!(page.contains("mentors are not asked for feedback"));
    for (path, text) in site.texts() {
        for secret in [
            "@example.org",
            "ana.silva",
            "Portfolio review",
            "Felt rushed",
        ] {
            assert!(!text.contains(secret), "{path} publishes {secret:?}");
        }
    }
}

/// The session log as it is, skipping its unfinished sessions itself.
#[test]
fn session_log_builds_unchanged() {
    let w = fixture("session-log");
    let check = w.run(&["check"]).success();
    assert!(
        check
            .stderr()
            .lines()
            .any(|l| l.starts_with("note: meetings: 3 rows skipped")),
        "{}",
        check.stderr()
    );
    let site = w.build();
    let eng = json(&site, "cohorts/engineering-spring-2025/metrics.json");
    assert_eq!(eng["overall"]["meetings"]["count"], 7);
    assert_eq!(eng["overall"]["feedback"]["responses"], 7);
}

/// The Google Forms log in Portuguese: one row per person per meeting, the
/// cohort by its name, both sides' reports merged, scores on 0–10, the
/// recommendation as words.
///
/// By hand, from tests/fixtures/forms-log/ (pairs D1 mariana→joão, D2
/// rafael→beatriz, D3 paulo→lucas, D6 sofia→carla, all matched 2025-02-10
/// in T2025-1, started 2025-02-03; D4, D5 in T2024-2, ended 2024-12-13).
/// As of 2025-03-25 (the last form's timestamp).
/// - 11 rows, 6 meetings: D1 #1 (45 and 45 → 45), D1 #2 (10/03 60 and 11/03
///   50 → 10/03, 60), D2 #1 (30), D2 #2 (beatriz only, 40), D3 #1 (50 and
///   no duration → 50), D3 #2 (45): 270 minutes = 4.5 hours;
/// - 4 active pairs, each 2025-02-10 to 03-25: 44 days, 176 in all; per
///   pair-month 6 × 30.4375 / 176 = 1.0376420454…; quiet on 03-25: D6
///   (never met) only, 1 of 4;
/// - ratings 1 + 0.4x rounded half up: mentors 9, 10, 7, 8, 9 → 5, 5, 4,
///   4, 5 (mean 23/5 = 4.6); mentees 8, 6, 9, 10, 5, 3 → 4, 3, 5, 5, 3, 2
///   (mean 22/6); all: counts [0, 1, 2, 3, 5], mean 45/11;
/// - NPS from the words (Com certeza 10, Provavelmente 8, Talvez 5,
///   Provavelmente não 2): mentors 10, 8, 10, 10, 10 → 4 promoters of 5 →
///   80; mentees 8, 5, 10, 10, 2, 5 → 2 promoters, 3 detractors of 6 →
///   −16.7 → −17; all 6 − 3 of 11 → 27.3 → 27;
/// - response rates: mentors of D1, D2, D3 responded: 3/4; mentees of D1,
///   D2, D3: 3/4; all 6/8.
#[test]
fn forms_log_in_portuguese() {
    let w = fixture("forms-log");
    let check = w.run(&["check", "--strict"]).success();
    assert!(
        check.stderr().lines().any(|l| l
            == "note: meetings: 11 rows made 6 meetings (5 rows repeated a pair's meeting_id and merged: merge_duplicates)"),
        "{}",
        check.stderr()
    );
    let site = w.build();
    let m = json(&site, "cohorts/t2025-1/metrics.json");
    assert_eq!(m["as_of"], "2025-03-25");
    assert_eq!(m["cohort"]["name"], "Turma 2025.1 — Engenharia");
    let o = &m["overall"];
    assert_eq!(o["pairs"]["active"], 4);
    assert_eq!(o["meetings"]["count"], 6);
    assert!(close(&o["meetings"]["hours"], 4.5), "{}", o["meetings"]);
    assert!(close(
        &o["meetings"]["per_pair_month"],
        6.0 * 30.4375 / 176.0
    ));
    assert_eq!(o["meetings"]["quiet_pairs"], 1);
    assert!(close(&o["meetings"]["quiet_share"], 0.25));
    let f = &o["feedback"];
    assert_eq!(f["responses"], 11);
    assert_eq!(f["ratings"], serde_json::json!([0, 1, 2, 3, 5]));
    assert!(close(&f["mean_rating"], 45.0 / 11.0));
    assert_eq!(f["nps"], 27);
    assert!(close(&f["response_rate"], 0.75));
    let mentor = &f["by_role"]["mentor"];
    assert_eq!(mentor["responses"], 5);
    assert_eq!(mentor["ratings"], serde_json::json!([0, 0, 0, 2, 3]));
    assert!(close(&mentor["mean_rating"], 4.6));
    assert_eq!(mentor["nps"], 80);
    assert!(close(&mentor["response_rate"], 0.75));
    let mentee = &f["by_role"]["mentee"];
    assert_eq!(mentee["responses"], 6);
    assert_eq!(mentee["ratings"], serde_json::json!([0, 1, 2, 1, 2]));
    assert!(close(&mentee["mean_rating"], 22.0 / 6.0));
    assert_eq!(mentee["nps"], -17);
    assert!(close(&mentee["response_rate"], 0.75));

    // The earlier cohort had no form: no meetings, no responses.
    let old = json(&site, "cohorts/t2024-2/metrics.json");
    assert_eq!(old["overall"]["meetings"]["count"], 0);
    assert_eq!(old["overall"]["feedback"]["responses"], 0);
    let q1 = json(&site, "reports/2025-Q1/metrics.json");
    assert_eq!(q1["meetings"]["count"], 6);
    assert_eq!(q1["feedback"]["nps"], 27);
    for (path, text) in site.texts() {
        for secret in ["@empresa.com.br", "mariana", "Boa conversa", "acolhedor"] {
            assert!(!text.contains(secret), "{path} publishes {secret:?}");
        }
    }
}
