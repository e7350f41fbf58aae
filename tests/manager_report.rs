//! The manager-report fixture (docs/data.md, "Example: a vendor's report as a spreadsheet"): built, with its figures computed by hand.
//!
//! tests/fixtures/manager-report/ is a program folder whose pairs and
//! meetings both come from one vendor workbook, exports/ops-2025.xlsx:
//! title lines above each header, a totals row and an `Unmatched` row to
//! skip, ids typed as numbers, date and duration cells, the cohort given
//! by the file's name, mentee names masked as `Mentee`.

mod common;

use common::manager_report::{PATH, manager_report};
use common::{Workdir, read, repo};
use serde_json::Value;

const DIR: &str = "tests/fixtures/manager-report";

#[test]
fn the_committed_workbook_is_what_its_script_writes() {
    let committed = std::fs::read(repo().join(PATH)).unwrap_or_else(|e| panic!("{PATH}: {e}"));
    assert!(
        committed == manager_report(),
        "{PATH} differs from tests/common/manager_report.rs: run `cargo run --example manager_report`"
    );
}

#[test]
fn the_docs_show_the_fixture_config_as_it_is() {
    let doc = read(&repo().join("docs/data.md"));
    let config = read(&repo().join(DIR).join("mentorbook.toml"));
    assert!(
        doc.contains(&format!("`{DIR}/`")),
        "docs/data.md names {DIR}/"
    );
    assert!(
        doc.contains(&format!("```toml\n{config}```")),
        "docs/data.md does not show {DIR}/mentorbook.toml as it is"
    );
}

#[test]
fn check_reads_the_report_and_notes_the_rows_it_skips() {
    let w = Workdir::empty();
    let run = w.run(&["--root", &repo().join(DIR).to_string_lossy(), "check"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let notes: Vec<String> = run
        .stderr()
        .lines()
        .filter(|l| l.starts_with("note: "))
        .map(str::to_string)
        .collect();
    assert_eq!(
        notes,
        [
            "note: pairs: 2 rows skipped (Match ID \"Total\": 1, Status \"Unmatched\": 1)",
            "note: meetings: 1 row skipped (Match ID \"Total\")",
        ]
    );
    // Every mentee is the same "Mentee": the placeholder warning, naming
    // the table since the workbook also feeds the meetings.
    let stderr = run.stderr();
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning: exports/ops-2025.xlsx[Pairs]: pairs: \"Mentee\" is the mentee of 3 pairs, 3 of them at the same time (on 2025-02-03): if this id stands for several people (a placeholder such as \"Mentee\" in an export that masks names), figures that count people (mentors, mentees, match rate) are wrong"
        ]
    );
    let summary = run.stdout();
    assert!(
        summary.contains(", 3 pairs, 6 meetings, 0 goals, 0 feedback rows,"),
        "{summary}"
    );
}

/// A figure of metrics.json, by its path.
fn figure<'a>(json: &'a Value, path: &str) -> &'a Value {
    path.split('.')
        .fold(json, |v, key| match key.parse::<usize>() {
            Ok(i) => &v[i],
            Err(_) => &v[key],
        })
}

fn close(json: &Value, path: &str, want: f64) {
    let got = figure(json, path)
        .as_f64()
        .unwrap_or_else(|| panic!("{path}: {}", figure(json, path)));
    assert!((got - want).abs() < 1e-12, "{path}: {got} != {want}");
}

#[test]
fn the_figures_are_those_of_the_report() {
    let w = Workdir::empty();
    let out = w.join("site");
    let run = w.run(&[
        "--root",
        &repo().join(DIR).to_string_lossy(),
        "build",
        "-q",
        // A fixture of the repository: no ledger written beside it.
        "--no-ledger",
        "-o",
        &out.to_string_lossy(),
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let site = w.site("site");
    let json: Value = serde_json::from_str(site.text("cohorts/ops-2025/metrics.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    // Three pairs (the Unmatched and Total rows skipped), each named by
    // the number typed in the Match ID column of both sheets.
    assert_eq!(figure(&json, "overall.pairs.matched"), 3);
    assert_eq!(figure(&json, "overall.pairs.active"), 3);
    // Six sessions; the Total row (290 minutes) is not a seventh.
    assert_eq!(figure(&json, "overall.meetings.count"), 6);
    // 45 + 60 + 30 + 60 + 45 + 50 minutes of [h]:mm cells.
    close(&json, "overall.meetings.hours", 290.0 / 60.0);
    // Pair days to as_of 2025-06-27, both ends counted: 1042 from 13 Jan
    // (19 + 28 + 31 + 30 + 31 + 27 = 166), 1043 from 20 Jan to its end on
    // 30 May (12 + 28 + 31 + 30 + 30 = 131), 1044 from 3 Feb
    // (26 + 31 + 30 + 31 + 27 = 145): 442 days.
    close(&json, "overall.meetings.pair_months", 442.0 / 30.4375);
    close(
        &json,
        "overall.meetings.per_pair_month",
        6.0 / (442.0 / 30.4375),
    );
    // Q1: 78 + 71 + 57 = 206 pair days and every session; Q2: 88 + 60 +
    // 88 = 236 days and none.
    assert_eq!(figure(&json, "quarters.0.quarter"), "2025-Q1");
    assert_eq!(figure(&json, "quarters.0.meetings.count"), 6);
    close(&json, "quarters.0.meetings.pair_months", 206.0 / 30.4375);
    assert_eq!(figure(&json, "quarters.1.quarter"), "2025-Q2");
    assert_eq!(figure(&json, "quarters.1.meetings.count"), 0);
    close(&json, "quarters.1.meetings.pair_months", 236.0 / 30.4375);
    // The cohort is the one the file is named after.
    assert_eq!(figure(&json, "cohort.id"), "ops-2025");
    // No mentor's name reaches a page.
    for (path, text) in site.texts() {
        for name in ["Ana Souza", "Ben Okafor", "Chen Wei"] {
            assert!(!text.contains(name), "{path} shows {name}");
        }
    }
}
