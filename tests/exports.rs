//! Exports read unchanged (docs/data.md, "Exports in other shapes"): several files per table, one file for several tables, header rows, skipped rows, constants (spreadsheets: tests/exports_sheets.rs).
//!
//! Each bad input is checked for its exact lines, exit status 1 and an
//! untouched folder.

mod common;

use common::{Workdir, check_ok, checked, load};

#[test]
fn several_files_feed_one_table_in_name_order() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        "[data.meetings]\npath = [\"exports/sessions-*.csv\", \"exports/old.csv\"]\n",
    );
    w.write(
        "exports/sessions-2.csv",
        "pair_id,date,meeting_id\np2,2024-02-10,m3\n",
    );
    w.write(
        "exports/sessions-1.csv",
        "pair_id,date,meeting_id\np1,2024-01-20,m1\np1,2024-02-20,m2\n",
    );
    w.write("exports/old.csv", "date,pair_id\n2024-09-20,p3\n");
    let (stderr, stdout) = check_ok(&w);
    assert_eq!(stderr, "");
    assert_eq!(checked(&stdout, "meeting"), 4);
    let (folder, _) = load(w.path()).unwrap_or_else(|e| panic!("{e:?}"));
    let meetings = folder.loaded.program.meetings.expect("meetings");
    let got: Vec<(u32, String)> = meetings
        .iter()
        .map(|m| (m.pair, m.date.to_string()))
        .collect();
    // sessions-1, sessions-2, then old.csv: the glob in name order, then the list.
    assert_eq!(
        got,
        [
            (0, "2024-01-20".to_string()),
            (0, "2024-02-20".to_string()),
            (1, "2024-02-10".to_string()),
            (2, "2024-09-20".to_string()),
        ]
    );
}

#[test]
fn ids_are_unique_across_files_and_errors_name_each_file() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        "[data.meetings]\npath = \"exports/*.csv\"\n",
    );
    w.write(
        "exports/a.csv",
        "pair_id,date,meeting_id\np1,2024-01-20,m1\np1,2024-01-27,m2\n",
    );
    w.write(
        "exports/b.csv",
        "pair_id,date,meeting_id\np1,2024-02-20,m2\np9,2024-02-27,m4\n",
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: exports/b.csv:3: column `pair_id`: \"p9\" is not a pair in data/pairs.csv: did you mean \"p1\"?",
            "error: exports/b.csv:2: column `meeting_id`: \"m2\" is a duplicate (first at exports/a.csv:3)",
        ]
    );
}

#[test]
fn a_glob_that_matches_nothing_is_an_error() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        "title = \"T\"\n\n[data.meetings]\npath = [\"exports/sessions-*.csv\"]\n\n[data.goals]\npath = \"exports/goals.csv\"\n",
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: mentorbook.toml:4: `data.meetings.path`: \"exports/sessions-*.csv\" matches no file",
            "error: mentorbook.toml:7: `data.goals.path`: \"exports/goals.csv\" does not exist or is not a file",
        ]
    );
}

/// A session log that feeds meetings and feedback: both read `Match`.
const LOG_CONFIG: &str = "[data.meetings]
path = \"exports/log.csv\"
[data.meetings.columns]
pair_id = \"Match\"
date = \"Held on\"

[data.feedback]
path = \"exports/log.csv\"
[data.feedback.columns]
pair_id = \"Match\"
respondent_role = \"Role\"
submitted_on = \"Held on\"
rating = \"Rating\"
";

#[test]
fn one_file_feeds_several_tables_and_each_message_names_the_table() {
    let w = Workdir::new();
    w.write("mentorbook.toml", LOG_CONFIG);
    w.write(
        "exports/log.csv",
        "Match,Held on,Role,Rating\np1,2024-01-20,mentee,4\np3,2024-09-20,mentor,5\n",
    );
    let (stderr, stdout) = check_ok(&w);
    assert_eq!(stderr, "");
    assert_eq!(checked(&stdout, "meeting"), 2);
    assert_eq!(checked(&stdout, "feedback row"), 2);

    w.write(
        "exports/log.csv",
        "Match,Held on,Role,Rating\np1,2024-01-20,mentee,4\np9,2024-09-20,mentor,7\n",
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: exports/log.csv:3: meetings: column `pair_id`: \"p9\" is not a pair in data/pairs.csv: did you mean \"p1\"?",
            "error: exports/log.csv:3: feedback: column `pair_id`: \"p9\" is not a pair in data/pairs.csv: did you mean \"p1\"?",
            "error: exports/log.csv:3: feedback: column `rating`: \"7\" is out of range (expected a whole number from 1 to 5)",
        ]
    );
}

#[test]
fn header_row_skips_title_lines() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        "[data.meetings]\npath = \"exports/report.csv\"\nheader_row = 4\n",
    );
    w.write(
        "exports/report.csv",
        "Sessions report,,\n\"Acme, Inc.\"\n\npair_id,date,duration_minutes\np1,2024-01-20,45\np1,2024-13-01,30\n",
    );
    // The error's line is the file's own: the title lines count.
    assert_eq!(
        w.build_errors(),
        [
            "error: exports/report.csv:6: column `date`: \"2024-13-01\" is not a date (expected YYYY-MM-DD)"
        ]
    );
    w.write(
        "exports/report.csv",
        "Sessions report,,\n\"Acme, Inc.\"\n\npair_id,date,duration_minutes\np1,2024-01-20,45\n",
    );
    let (stderr, stdout) = check_ok(&w);
    assert_eq!(stderr, "");
    assert_eq!(checked(&stdout, "meeting"), 1);
}

#[test]
fn header_row_past_the_end_or_on_no_row_is_an_error() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        "[data.meetings]\npath = \"exports/report.csv\"\nheader_row = 9\n",
    );
    w.write(
        "exports/report.csv",
        "Sessions report\n\npair_id,date\np1,2024-01-20\n",
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: mentorbook.toml:3: `data.meetings.header_row`: 9 is past the end of exports/report.csv (its last row starts on line 4)"
        ]
    );
    w.write(
        "mentorbook.toml",
        "[data.meetings]\npath = \"exports/report.csv\"\nheader_row = 2\n",
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: exports/report.csv:2: line 2 does not start a row, so it cannot be the header (`data.meetings.header_row`; the next row starts on line 3)"
        ]
    );
}

#[test]
fn skipped_rows_count_nowhere_and_check_notes_them() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        "[data.meetings]\nskip_if_empty = [\"completed_at\"]\n\n\
         [data.feedback]\n[data.feedback.skip_if]\nStatus = [\"Cancelled\", \"no-show\"]\n",
    );
    // The skipped rows would be errors if they were read.
    w.write(
        "data/meetings.csv",
        "pair_id,date,completed_at\np1,2024-01-20,2024-01-20\np9,not a date,\n",
    );
    w.write(
        "data/feedback.csv",
        "pair_id,respondent_role,submitted_on,rating,Status\n\
         p1,mentee,2024-02-01,4,Done\n\
         p9,coach,,9,cancelled\n\
         p1,mentor,2024-02-01,,No-Show\n\
         p2,mentor,2024-02-02,,CANCELLED\n",
    );
    let (stderr, stdout) = check_ok(&w);
    assert_eq!(
        stderr,
        "note: meetings: 1 row skipped (completed_at empty)\n\
         note: feedback: 3 rows skipped (Status \"Cancelled\": 2, Status \"no-show\": 1)\n"
    );
    assert_eq!(checked(&stdout, "meeting"), 1);
    assert_eq!(checked(&stdout, "feedback row"), 1);
    // Quiet means no notes.
    assert_eq!(w.run(&["check", "-q"]).stderr(), "");
}

#[test]
fn a_skip_rule_naming_a_missing_header_is_an_error() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        "[data.meetings]\nskip_if_empty = [\"Completed\"]\n",
    );
    w.write("data/meetings.csv", "pair_id,date\np1,2024-01-20\n");
    assert_eq!(
        w.build_errors(),
        [
            "error: data/meetings.csv:1: `data.meetings.skip_if_empty`: no header matches \"Completed\" (the file has \"pair_id\", \"date\")"
        ]
    );
}

#[test]
fn constants_fill_in_the_file_name_and_line() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        "[data.meetings]\npath = \"exports/pairs/*.csv\"\n\
         [data.meetings.constants]\npair_id = \"{file}\"\nmeeting_id = \"{file}-{line}\"\n",
    );
    // One file per pair, named after it; the ids made from file and line
    // must be unique, which a copy of p1's file under another folder is not.
    w.write("exports/pairs/p1.csv", "date\n2024-01-20\n2024-02-20\n");
    w.write("exports/pairs/p3.csv", "date\n2024-09-20\n");
    let (stderr, stdout) = check_ok(&w);
    assert_eq!(stderr, "");
    assert_eq!(checked(&stdout, "meeting"), 3);
    let (folder, _) = load(w.path()).unwrap_or_else(|e| panic!("{e:?}"));
    let pairs: Vec<u32> = folder
        .loaded
        .program
        .meetings
        .expect("meetings")
        .iter()
        .map(|m| m.pair)
        .collect();
    assert_eq!(pairs, [0, 0, 2]);

    w.write(
        "mentorbook.toml",
        "[data.meetings]\npath = [\"exports/pairs/*.csv\", \"exports/copy/p1.csv\"]\n\
         [data.meetings.constants]\npair_id = \"{file}\"\nmeeting_id = \"{file}-{line}\"\n",
    );
    w.write("exports/copy/p1.csv", "date\n2024-01-20\n");
    assert_eq!(
        w.build_errors(),
        [
            "error: exports/copy/p1.csv:2: column `meeting_id`: \"p1-2\" is a duplicate (first at exports/pairs/p1.csv:2)"
        ]
    );
}

#[test]
fn a_constant_for_a_column_the_file_has_is_an_error() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        "[data.meetings]\n\n[data.meetings.constants]\npair_id = \"p1\"\n",
    );
    w.write("data/meetings.csv", "date,pair_id\n2024-01-20,p1\n");
    assert_eq!(
        w.build_errors(),
        [
            "error: data/meetings.csv:1: column `pair_id` is in the file and is also a constant in the config (`data.meetings.constants.pair_id`, mentorbook.toml:4): keep one of the two"
        ]
    );
}

#[test]
fn a_date_in_another_shape_hints_at_date_format() {
    let w = Workdir::new();
    w.write(
        "data/meetings.csv",
        "pair_id,date\np1,3/4/2025\np1,31.12.2024\n",
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: data/meetings.csv:2: column `date`: \"3/4/2025\" is not a date (expected YYYY-MM-DD; set date_format, e.g. \"%m/%d/%Y\")",
            "error: data/meetings.csv:3: column `date`: \"31.12.2024\" is not a date (expected YYYY-MM-DD; set date_format, e.g. \"%d.%m.%Y\")",
        ]
    );
}

#[test]
fn config_type_errors_name_the_full_key() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        "title = \"T\"\n\n[data.feedback.columns]\npair_id = [\"Match\", \"Pair\"]\n",
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: mentorbook.toml:4: data.feedback.columns.pair_id: expected a string, found an array"
        ]
    );
}
