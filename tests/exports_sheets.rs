//! Spreadsheet exports (docs/data.md, "Exports in other shapes"): .xlsx, .xls and .ods sheets, their own row numbers, the default sheet, files that are no spreadsheet, one workbook for two tables.
//!
//! Each bad input is checked for its exact lines, exit status 1 and an
//! untouched folder.

mod common;

use common::xlsx::{Cell, Sheet, d, n, t, workbook};
use common::{Workdir, check_ok, checked, load};

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
        .map(|m| (m.pair, m.date.to_string(), m.duration_minutes.get()))
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
        .map(|m| (m.pair, m.date.to_string(), m.duration_minutes.get()))
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
