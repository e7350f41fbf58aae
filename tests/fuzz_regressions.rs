//! Inputs found by fuzzing (fuzz/, see fuzz/README.md) and the blow-ups
//! they pointed at, kept as regression tests. Each must finish quickly and
//! without a panic.

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
