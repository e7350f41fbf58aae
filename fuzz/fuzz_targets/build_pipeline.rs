//! The whole pipeline (`build::build`, in memory) on a tiny program made
//! from the input: parts separated by a `\0` byte are the config's extra
//! lines, then cohorts, pairs, meetings, goals and feedback CSV, then one
//! handbook page. Missing parts fall back to a valid table.

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use mentorbook::build::{self, Options};
use mentorbook::diag::Diagnostics;

fuzz_target!(|input: &[u8]| {
    let parts: Vec<&[u8]> = input.split(|&b| b == 0).collect();
    let part = |i: usize| parts.get(i).copied();
    let mut config = b"title = \"Fuzz\"\n".to_vec();
    config.extend_from_slice(part(0).unwrap_or_default());
    let mut files: Vec<(&str, &[u8])> = vec![
        ("mentorbook.toml", &config),
        (
            "data/cohorts.csv",
            part(1).unwrap_or(common::COHORTS.as_bytes()),
        ),
        (
            "data/pairs.csv",
            part(2).unwrap_or(common::PAIRS.as_bytes()),
        ),
    ];
    for (i, name) in [
        (3, "data/meetings.csv"),
        (4, "data/goals.csv"),
        (5, "data/feedback.csv"),
        (6, "content/handbook/page.md"),
    ] {
        if let Some(p) = part(i) {
            files.push((name, p));
        }
    }
    let root = common::folder();
    common::write(root, &files);
    let mut diags = Diagnostics::new();
    if let Some(built) = build::build(root, &Options::default(), &mut diags, &build::NoProgress) {
        for path in built.files.files.keys() {
            assert!(
                !path
                    .split('/')
                    .any(|s| s.is_empty() || s == "." || s == ".."),
                "unsafe output path {path:?}"
            );
        }
    }
});
