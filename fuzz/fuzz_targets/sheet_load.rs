//! A spreadsheet export (`.xlsx`, `.xls`, `.ods` or `.xlsb`) read as the meetings table through `data::open`.
//! Byte 0 picks the extension (bits 0-1), whether the config names the
//! sheet `Sessions` (bit 2) and sets `header_row = 3` (bit 3); the rest is
//! the file. The pairs are 1042-1044, the ids of the seeds' workbooks.

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use mentorbook::data;
use mentorbook::diag::Diagnostics;

const PAIRS: &str = "pair_id,cohort_id,mentor_id,mentee_id,matched_on\n\
1042,c1,ann,bob,2024-01-15\n1043,c1,ann,cat,2024-01-15\n1044,c2,dan,eve,2024-09-10\n";

fuzz_target!(|input: &[u8]| {
    let [pick, file @ ..] = input else {
        return;
    };
    let ext = ["xlsx", "xls", "ods", "xlsb"][usize::from(pick & 3)];
    let mut config = format!(
        "title = \"Fuzz\"\n[data.meetings]\npath = \"data/log.{ext}\"\n"
    );
    if pick & 4 != 0 {
        config.push_str("sheet = \"Sessions\"\n");
    }
    if pick & 8 != 0 {
        config.push_str("header_row = 3\n");
    }
    config.push_str(
        "[data.meetings.columns]\npair_id = \"Match ID\"\ndate = \"Date\"\nduration_minutes = \"Length\"\n",
    );
    let target = format!("data/log.{ext}");
    let files: Vec<(&str, &[u8])> = vec![
        ("mentorbook.toml", config.as_bytes()),
        ("data/cohorts.csv", common::COHORTS.as_bytes()),
        ("data/pairs.csv", PAIRS.as_bytes()),
        (&target, file),
    ];
    let root = common::folder();
    common::write(root, &files);
    let mut diags = Diagnostics::new();
    let _ = data::open(root, None, &mut diags);
});
