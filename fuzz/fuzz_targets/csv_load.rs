//! One table's file, CSV (or TOML), read through the config's mapping by `data::open`.
//! Byte 0 picks the table and the config (plain or platform-style mapped),
//! byte 1 the format; the rest is the file.

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use mentorbook::data;
use mentorbook::diag::Diagnostics;

fuzz_target!(|input: &[u8]| {
    let [pick, format, file @ ..] = input else {
        return;
    };
    let table = common::TABLES[usize::from(pick % 6)];
    let mapped = pick & 0x08 != 0;
    let ext = if format & 1 == 1 && !mapped {
        "toml"
    } else {
        "csv"
    };
    let (config, cohorts, pairs) = if mapped {
        (
            common::MAPPED_CONFIG,
            common::MAPPED_COHORTS,
            common::MAPPED_PAIRS,
        )
    } else {
        (
            "title = \"Fuzz\"\n[privacy]\npublish_comments = true\npublish_goal_titles = true\n",
            common::COHORTS,
            common::PAIRS,
        )
    };
    let target = format!("data/{table}.{ext}");
    let mut files: Vec<(&str, &[u8])> = vec![("mentorbook.toml", config.as_bytes())];
    if table != "cohorts" {
        files.push(("data/cohorts.csv", cohorts.as_bytes()));
    }
    if table != "pairs" {
        files.push(("data/pairs.csv", pairs.as_bytes()));
    }
    files.push((&target, file));
    let root = common::folder();
    common::write(root, &files);
    let mut diags = Diagnostics::new();
    let _ = data::open(root, None, &mut diags);
});
