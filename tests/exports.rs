//! Exports read unchanged (docs/data.md, "Exports in other shapes"): several files per table, one file for several tables, spreadsheets, header rows, skipped rows, constants.
//!
//! Each bad input is checked for its exact lines, exit status 1 and an
//! untouched folder.

mod common;

use common::xlsx::{Cell, Sheet, d, n, t, workbook};
use common::{Workdir, load};

/// Runs `check`, which must succeed: its stderr (warnings and notes) and stdout.
fn check_ok(w: &Workdir) -> (String, String) {
    let run = w.run(&["check"]);
    assert_eq!(run.code(), 0, "stderr:\n{}", run.stderr());
    (run.stderr(), run.stdout())
}

/// The summary line's count of one table, named in the singular
/// (`meeting` finds `... 4 meetings, ...` and `... 1 meeting, ...`).
fn checked(stdout: &str, noun: &str) -> usize {
    let line = stdout.lines().next().unwrap_or_default();
    let at = line
        .find(&format!(" {noun}"))
        .unwrap_or_else(|| panic!("{noun} in {line}"));
    let before = &line[..at];
    let number = before.rsplit(' ').next().unwrap_or_default();
    number
        .parse()
        .unwrap_or_else(|e| panic!("{number:?} in {line}: {e}"))
}

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

/// A workbook with a title line above the header, its used range starting
/// at B2: what a vendor's session export looks like.
fn sessions_workbook(bad_row: bool) -> Vec<u8> {
    let mut rows = vec![
        vec![t("Session export")],
        vec![],
        vec![t("Match"), t("Session date"), t("Length"), t("Notes")],
        // The match id typed as a number reads "1" (not "1.0"); a date
        // cell is a date whatever the table's date_format.
        vec![n(1.0), d("2024-01-20"), Cell::Minutes(45.0), t("x")],
        vec![t("p1"), t("02/20/2024"), n(30.0), Cell::Blank],
    ];
    if bad_row {
        rows.push(vec![t("p3"), t("2024-09-31"), n(-5.0), Cell::Blank]);
    }
    workbook(&[
        Sheet {
            name: "Summary",
            first_row: 1,
            rows: vec![vec![t("nothing here")]],
        },
        Sheet {
            name: "Sessions",
            first_row: 2,
            rows,
        },
    ])
}

const SHEET_CONFIG: &str = "[data.meetings]
path = \"exports/log.xlsx\"
sheet = \"Sessions\"
header_row = 4
date_format = \"%m/%d/%Y\"
[data.meetings.columns]
pair_id = \"Match\"
date = \"Session date\"
duration_minutes = \"Length\"
";

#[test]
fn a_spreadsheet_sheet_is_read_with_its_own_row_numbers() {
    let w = Workdir::new();
    w.write(
        "data/pairs.csv",
        "pair_id,cohort_id,mentor_id,mentee_id,matched_on\n1,c1,ann,bob,2024-01-15\np1,c1,ann,cat,2024-01-15\np3,c2,dan,eve,2024-09-10\n",
    );
    w.write("mentorbook.toml", SHEET_CONFIG);
    w.write_bytes("exports/log.xlsx", &sessions_workbook(false));
    let (stderr, stdout) = check_ok(&w);
    assert_eq!(stderr, "");
    assert_eq!(checked(&stdout, "meeting"), 2);
    let (folder, _) = load(w.path()).unwrap_or_else(|e| panic!("{e:?}"));
    let got: Vec<(u32, String, Option<f64>)> = folder
        .loaded
        .program
        .meetings
        .expect("meetings")
        .iter()
        .map(|m| (m.pair, m.date.to_string(), m.duration_minutes))
        .collect();
    assert_eq!(
        got,
        [
            (0, "2024-01-20".to_string(), Some(45.0)),
            (1, "2024-02-20".to_string(), Some(30.0)),
        ]
    );

    w.write_bytes("exports/log.xlsx", &sessions_workbook(true));
    assert_eq!(
        w.build_errors(),
        [
            "error: exports/log.xlsx[Sessions]:7: column `date`: \"2024-09-31\" is not a date (expected %m/%d/%Y)",
            "error: exports/log.xlsx[Sessions]:7: column `duration_minutes`: \"-5\" is negative (expected minutes, 0 or more)",
        ]
    );
}

#[test]
fn the_first_sheet_is_the_default_and_a_missing_sheet_lists_those_there() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        "[data.meetings]\npath = \"exports/log.xlsx\"\n",
    );
    w.write_bytes("exports/log.xlsx", &sessions_workbook(false));
    // The first sheet, "Summary", has no meeting columns.
    assert_eq!(
        w.build_errors(),
        [
            "error: exports/log.xlsx[Summary]:1: missing required column `pair_id` (the file has \"nothing here\"; map another header to it with `[data.meetings.columns]`, or map `mentor_id`, `mentee_id` or `participant_id` instead)",
            "error: exports/log.xlsx[Summary]:1: missing required column `date` (the file has \"nothing here\"; map another header to it with `[data.meetings.columns]`)"
        ]
    );
    w.write(
        "mentorbook.toml",
        "[data.meetings]\npath = \"exports/log.xlsx\"\nsheet = \"Session\"\n",
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: mentorbook.toml:3: `data.meetings.sheet`: exports/log.xlsx has no sheet \"Session\" (its sheets: \"Summary\", \"Sessions\")"
        ]
    );
    w.write(
        "mentorbook.toml",
        "[data.meetings]\npath = \"exports/log.xlsx\"\nsheet = \"Sessions\"\nheader_row = 40\n",
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: mentorbook.toml:4: `data.meetings.header_row`: 40 is past the end of exports/log.xlsx[Sessions] (its last row is 6)"
        ]
    );
    w.write(
        "mentorbook.toml",
        "[data.meetings]\npath = \"exports/log.xlsx\"\nsheet = \"Sessions\"\nheader_row = 3\n",
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: exports/log.xlsx[Sessions]:3: the row is empty, so it cannot be the header (`data.meetings.header_row`)"
        ]
    );
}

#[test]
fn a_file_that_is_no_spreadsheet_is_an_error() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        "[data.meetings]\npath = \"exports/log.xlsx\"\n",
    );
    let mut noise = Vec::new();
    let mut x: u32 = 0x1234_5678;
    for _ in 0..4096 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        noise.push(x as u8);
    }
    let cases: [(&[u8], &str); 3] = [
        (
            &noise,
            "error: exports/log.xlsx: cannot be read as a .xlsx spreadsheet: ",
        ),
        (
            b"pair_id,date\np1,2024-01-20\n",
            "error: exports/log.xlsx: cannot be read as a .xlsx spreadsheet: ",
        ),
        (
            b"",
            "error: exports/log.xlsx: the file is empty (expected a spreadsheet workbook)",
        ),
    ];
    for (bytes, start) in cases {
        w.write_bytes("exports/log.xlsx", bytes);
        let errors = w.build_errors();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with(start), "{errors:?}");
    }
    w.write_bytes("exports/log.xlsx", b"pair_id,date\np1,2024-01-20\n");
    let errors = w.build_errors();
    assert!(
        errors[0].ends_with("(the file is text, not a workbook: if it is CSV, name it .csv)"),
        "{errors:?}"
    );
    // Each format by its own extension.
    for ext in ["xls", "ods"] {
        w.write(
            "mentorbook.toml",
            &format!("[data.meetings]\npath = \"exports/log.{ext}\"\n"),
        );
        w.write_bytes(&format!("exports/log.{ext}"), &noise);
        let errors = w.build_errors();
        assert!(
            errors[0].starts_with(&format!(
                "error: exports/log.{ext}: cannot be read as a .{ext} spreadsheet: "
            )),
            "{errors:?}"
        );
    }
}

#[test]
fn sheet_on_files_with_no_sheets_is_an_error() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        "[data.meetings]\npath = \"exports/log.csv\"\nsheet = \"Sessions\"\n",
    );
    w.write("exports/log.csv", "pair_id,date\np1,2024-01-20\n");
    assert_eq!(
        w.build_errors(),
        [
            "error: mentorbook.toml:3: `data.meetings.sheet`: exports/log.csv is not a spreadsheet (.xlsx, .xls or .ods), which alone has sheets"
        ]
    );
}

#[test]
fn an_ods_sheet_reads_floats_dates_date_times_and_durations() {
    // tests/fixtures/sheets/sessions.ods (made by make_ods.py beside it).
    let w = Workdir::new();
    w.write(
        "data/pairs.csv",
        "pair_id,cohort_id,mentor_id,mentee_id,matched_on\n1042,c1,ann,bob,2024-01-15\n1043,c1,ann,cat,2024-01-15\n",
    );
    w.write(
        "mentorbook.toml",
        "[data.meetings]\npath = \"exports/sessions.ods\"\nheader_row = 3\n\
         [data.meetings.columns]\npair_id = \"Match ID\"\ndate = \"Date\"\nduration_minutes = \"Length\"\n",
    );
    let ods = std::fs::read(common::repo().join("tests/fixtures/sheets/sessions.ods"))
        .unwrap_or_else(|e| panic!("{e}"));
    w.write_bytes("exports/sessions.ods", &ods);
    let (folder, warnings) = load(w.path()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(warnings, Vec::<String>::new());
    let got: Vec<(u32, String, Option<f64>)> = folder
        .loaded
        .program
        .meetings
        .expect("meetings")
        .iter()
        .map(|m| (m.pair, m.date.to_string(), m.duration_minutes))
        .collect();
    assert_eq!(
        got,
        [
            (0, "2024-01-20".to_string(), Some(45.0)),
            (1, "2024-02-03".to_string(), Some(30.0)),
        ]
    );
}

#[test]
fn one_workbook_feeds_two_tables_and_messages_name_sheet_and_table() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        "[data.pairs]\npath = \"exports/report.xlsx\"\nsheet = \"Pairs\"\n\
         [data.meetings]\npath = \"exports/report.xlsx\"\nsheet = \"Sessions\"\n",
    );
    let book = workbook(&[
        Sheet {
            name: "Pairs",
            first_row: 1,
            rows: vec![
                vec![
                    t("pair_id"),
                    t("cohort_id"),
                    t("mentor_id"),
                    t("mentee_id"),
                    t("matched_on"),
                ],
                vec![n(7.0), t("c1"), t("ann"), t("bob"), d("2024-01-15")],
                vec![n(8.0), t("c9"), t("ann"), t("cat"), d("2024-01-15")],
            ],
        },
        Sheet {
            name: "Sessions",
            first_row: 1,
            rows: vec![
                vec![t("pair_id"), t("date")],
                vec![n(7.0), d("2024-01-20")],
                vec![n(9.0), d("2024-01-27")],
            ],
        },
    ]);
    w.write_bytes("exports/report.xlsx", &book);
    assert_eq!(
        w.build_errors(),
        [
            "error: exports/report.xlsx[Pairs]:3: pairs: column `cohort_id`: \"c9\" is not a cohort in data/cohorts.csv: did you mean \"c1\"?",
            "error: exports/report.xlsx[Sessions]:3: meetings: column `pair_id`: \"9\" is not a pair in exports/report.xlsx[Pairs]: did you mean \"7\"?",
        ]
    );
}
