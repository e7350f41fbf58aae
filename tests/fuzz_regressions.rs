//! Inputs found by fuzzing (fuzz/, see fuzz/README.md) and by the review
//! of the code it exercised: the blow-ups they pointed at, kept as
//! regression tests. Each must finish quickly and without a panic.

mod common;

use std::time::{Duration, Instant};

use common::Workdir;
use mentorbook::config;
use mentorbook::data;
use mentorbook::diag::Diagnostics;
use mentorbook::site::{content, markdown};

fn quick<T>(limit_secs: u64, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < Duration::from_secs(limit_secs), "took {took:?}");
    out
}

#[test]
fn many_equal_headings_get_unique_ids_in_linear_time() {
    // Each heading used to retry every earlier suffix: quadratic.
    let body = "# a\n".repeat(20_000);
    let r = quick(10, || {
        markdown::render(&body, 0, &mut |d, _| Some(d.to_string()))
    });
    assert_eq!(r.headings.len(), 20_000);
    assert_eq!(r.headings[0].id, "a");
    assert_eq!(r.headings[19_999].id, "a-19999");
    // Explicit ids that take a suffix are skipped, as before.
    let r = markdown::render("# a\n# b {#a-1}\n# a\n# a\n", 0, &mut |d, _| {
        Some(d.to_string())
    });
    let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["a", "a-1", "a-2", "a-3"]);
}

#[test]
fn many_internal_links_are_numbered_in_linear_time() {
    // Each `@/` link used to count lines from the start of the body.
    let body = "[x](@/a.md)\n\n".repeat(40_000);
    let mut last = 0;
    quick(10, || {
        markdown::render(&body, 3, &mut |d, line| {
            last = line;
            Some(d.to_string())
        })
    });
    assert_eq!(last, 3 + 2 * 39_999 + 1);
}

#[test]
fn a_toml_table_with_many_rows_or_keys_loads_in_linear_time() {
    // Each row's line used to be counted from the start of the file, and
    // rows with distinct keys made every row as wide as all keys together.
    let w = Workdir::new();
    let mut toml = String::new();
    for i in 0..20_000 {
        toml.push_str(&format!(
            "[[meeting]]\npair_id = \"p1\"\ndate = 2024-02-{:02}\nextra_{i} = 1\n",
            1 + i % 28
        ));
    }
    w.write("data/meetings.toml", &toml);
    let mut diags = Diagnostics::new();
    let folder = quick(20, || data::open(w.path(), None, &mut diags));
    let errors: Vec<String> = diags.shown().map(|d| d.to_string()).collect();
    let folder = folder.unwrap_or_else(|| panic!("{errors:?}"));
    assert_eq!(
        folder.loaded.program.meetings.map(|m| m.len()),
        Some(20_000)
    );
}

#[test]
fn toml_rows_report_their_own_line() {
    let w = Workdir::new();
    w.write(
        "data/meetings.toml",
        "[[meeting]]\npair_id = \"p1\"\ndate = 2024-02-01\n\n[[meeting]]\npair_id = \"p1\"\ndate = \"soon\"\n",
    );
    let mut diags = Diagnostics::new();
    assert!(data::open(w.path(), None, &mut diags).is_none());
    let errors: Vec<String> = diags.shown().map(|d| d.to_string()).collect();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("error: data/meetings.toml:5:")),
        "{errors:?}"
    );
}

#[test]
fn a_config_with_many_bad_keys_reports_in_linear_time() {
    let mut text = String::from("title = \"x\"\n[data.meetings.values.format]\n");
    for i in 0..20_000 {
        text.push_str(&format!("v{i} = [\"a\"]\n"));
    }
    let mut diags = Diagnostics::new();
    quick(10, || config::parse(&text, "mentorbook.toml", &mut diags));
}

#[test]
fn front_matter_with_many_aliases_is_linear() {
    let mut text = String::from("+++\ntitle = \"A\"\naliases = [\n");
    for i in 0..20_000 {
        text.push_str(&format!("  \"../bad{i}\",\n"));
    }
    text.push_str("]\n+++\nbody\n");
    let mut diags = Diagnostics::new();
    quick(10, || {
        content::parse_source("content/a.md", "a.md", &text, &mut diags)
    });
    assert_eq!(diags.error_count(), 20_000);
}

#[test]
fn a_quoted_field_of_a_million_lines_keeps_line_numbers_exact() {
    // Every newline's offset used to be kept until the record ended: a
    // 200 MB field of newlines took 1.9 GB. Now only the recent ones are.
    let w = Workdir::new();
    let mut csv = String::from("pair_id,date,notes\np1,2024-01-20,\"");
    csv.push_str(&"\n".repeat(1_000_000));
    csv.push_str("\"\np1,not-a-date,\n");
    w.write("data/meetings.csv", &csv);
    let mut diags = Diagnostics::new();
    assert!(quick(20, || data::open(w.path(), None, &mut diags)).is_none());
    let errors: Vec<String> = diags.shown().map(|d| d.to_string()).collect();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("error: data/meetings.csv:1000003:")),
        "{errors:?}"
    );
}

#[test]
fn a_mistyped_year_is_an_error_not_thousands_of_pages() {
    // build_pipeline found it: one feedback row dated 4096 moved as_of, so
    // an open-ended cohort spanned 8,290 quarters: 16,588 pages and 247 MB
    // from a 926-byte input.
    let w = Workdir::new();
    w.write(
        "data/feedback.csv",
        "respondent_role,submitted_on,pair_id,cohort_id,rating,nps,comment\n\
         mentee,4096-02-01,p1,,5,9,hi\nmentor,2024-02-02,p2,,3,10,ok\n",
    );
    let mut diags = Diagnostics::new();
    let built = quick(10, || {
        mentorbook::build::build(
            w.path(),
            &Default::default(),
            &mut diags,
            &mentorbook::build::NoProgress,
        )
    });
    assert!(built.is_none());
    let errors: Vec<String> = diags.shown().map(|d| d.to_string()).collect();
    assert!(
        errors.iter().any(|e| e.contains("\"c2\"")
            && e.contains("more than 100 years")
            && e.contains("4096-02-01")),
        "{errors:?}"
    );
    // A cohort that starts in year 1 is caught the same way.
    let w = Workdir::new();
    w.write(
        "data/cohorts.csv",
        "cohort_id,name,start_date,end_date\nc1,Spring,0001-01-08,2024-06-30\nc2,Autumn,2024-09-02,\n",
    );
    let mut diags = Diagnostics::new();
    assert!(
        mentorbook::build::build(
            w.path(),
            &Default::default(),
            &mut diags,
            &mentorbook::build::NoProgress
        )
        .is_none()
    );
}

#[test]
fn an_unreadable_cohorts_table_does_not_panic_the_goal_and_feedback_checks() {
    // build_pipeline found it: with the cohorts table unreadable (a header
    // that is not UTF-8), a goal created before its pair's match looked up
    // the pair's cohort by index in an empty table and panicked.
    let w = Workdir::new();
    w.write_bytes(
        "data/cohorts.csv",
        b"cohort_id,name,start_date,end_date,tra\xff\xffck\nc1,Spring,2024-01-08,2024-06-30,Eng\n",
    );
    w.write(
        "data/goals.csv",
        "goal_id,pair_id,title,created_on,status\ng1,p1,Learn,1012-01-20,in_progress\n",
    );
    w.write(
        "data/feedback.csv",
        "respondent_role,submitted_on,pair_id,cohort_id,rating\nmentee,2024-02-01,p1,c2,5\n",
    );
    let mut diags = Diagnostics::new();
    assert!(data::open(w.path(), None, &mut diags).is_none());
    let errors: Vec<String> = diags.shown().map(|d| d.to_string()).collect();
    assert!(
        errors.iter().any(|e| e.contains("data/cohorts.csv:1")),
        "{errors:?}"
    );
    // The fuzzer's input, byte for byte, through the whole build.
    let input: &[u8] = include_bytes!("fuzz_inputs/build_pipeline-crash-df3ec5d5");
    let parts: Vec<&[u8]> = input.split(|&b| b == 0).collect();
    let w = Workdir::empty();
    let mut config = b"title = \"Fuzz\"\n".to_vec();
    config.extend_from_slice(parts[0]);
    w.write_bytes("mentorbook.toml", &config);
    for (part, name) in parts[1..].iter().zip([
        "data/cohorts.csv",
        "data/pairs.csv",
        "data/meetings.csv",
        "data/goals.csv",
        "data/feedback.csv",
        "content/handbook/page.md",
    ]) {
        w.write_bytes(name, part);
    }
    let mut diags = Diagnostics::new();
    assert!(
        mentorbook::build::build(
            w.path(),
            &Default::default(),
            &mut diags,
            &mentorbook::build::NoProgress
        )
        .is_none()
    );
}
