//! Inputs found by fuzzing and by review, kept as regression tests.
//!
//! They come from fuzz/ (see fuzz/README.md) and from the review of the
//! code it exercised: the blow-ups they pointed at. Each asserts what is
//! reported, and the ones about size run on an input and on one twice as
//! large: the count they report must double with it (a time limit would
//! fail on a slow machine and let a quadratic loop pass on a fast one).

mod common;

use std::collections::HashSet;

use common::{COHORTS, Workdir};
use mentorbook::site::markdown;

/// `measure` on an input of `n` units and of `2n`: its count must double.
fn doubles(n: usize, measure: impl Fn(usize) -> usize) {
    let once = measure(n);
    let twice = measure(2 * n);
    assert!(once > 0, "nothing counted for {n}");
    assert_eq!(
        twice,
        2 * once,
        "{n} units count {once}, {} count {twice}",
        2 * n
    );
}

#[test]
fn many_equal_headings_get_unique_ids() {
    // Each heading used to retry every earlier suffix: quadratic.
    doubles(20_000, |n| {
        let r = markdown::render(&"# a\n".repeat(n), 0, &mut |d, _| Some(d.to_string()));
        assert_eq!(r.headings.len(), n);
        assert_eq!(r.headings[0].id, "a");
        assert_eq!(r.headings[n - 1].id, format!("a-{}", n - 1));
        r.headings
            .iter()
            .map(|h| &h.id)
            .collect::<HashSet<_>>()
            .len()
    });
    // Explicit ids that take a suffix are skipped, as before.
    let r = markdown::render("# a\n# b {#a-1}\n# a\n# a\n", 0, &mut |d, _| {
        Some(d.to_string())
    });
    let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["a", "a-1", "a-2", "a-3"]);
}

#[test]
fn many_internal_links_are_numbered_each_on_its_line() {
    // Each `@/` link used to count lines from the start of the body.
    doubles(40_000, |n| {
        let mut lines = Vec::new();
        markdown::render(&"[x](@/a.md)\n\n".repeat(n), 3, &mut |d, line| {
            lines.push(line);
            Some(d.to_string())
        });
        let expected: Vec<usize> = (0..n).map(|i| 3 + 2 * i + 1).collect();
        assert!(lines == expected, "{n} links: lines {:?}…", &lines[..5]);
        lines.len()
    });
}

#[test]
fn a_toml_table_with_many_rows_or_keys_loads_every_row() {
    // Each row's line used to be counted from the start of the file, and
    // rows with distinct keys made every row as wide as all keys together.
    doubles(20_000, |n| {
        let w = Workdir::new();
        let mut toml = String::new();
        for i in 0..n {
            toml.push_str(&format!(
                "[[meeting]]\npair_id = \"p1\"\ndate = 2024-02-{:02}\nextra_{i} = 1\n",
                1 + i % 28
            ));
        }
        w.write("data/meetings.toml", &toml);
        let run = w.run(&["check"]);
        assert_eq!((run.code(), run.stderr()), (0, String::new()));
        let stdout = run.stdout();
        let meetings = stdout
            .split(" pairs, ")
            .nth(1)
            .and_then(|s| s.split(" meetings,").next())
            .unwrap_or_else(|| panic!("{stdout}"));
        let meetings: usize = meetings
            .replace(',', "")
            .parse()
            .unwrap_or_else(|e| panic!("{meetings}: {e}"));
        assert_eq!(meetings, n);
        meetings
    });
}

#[test]
fn toml_rows_report_their_own_line() {
    let w = Workdir::new();
    w.write(
        "data/meetings.toml",
        "[[meeting]]\npair_id = \"p1\"\ndate = 2024-02-01\n\n[[meeting]]\npair_id = \"p1\"\ndate = \"soon\"\n",
    );
    let run = w.run(&["check"]);
    assert_eq!(run.code(), 1);
    let errors = run.diagnostics();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("error: data/meetings.toml:5:")),
        "{errors:?}"
    );
}

#[test]
fn a_config_with_many_bad_keys_reports_them_once() {
    // Twice the keys, the same one error: the mapping is refused whole.
    for n in [20_000, 40_000] {
        let w = Workdir::new();
        let mut text = String::from("title = \"x\"\n[data.meetings.values.format]\n");
        for i in 0..n {
            text.push_str(&format!("v{i} = [\"a\"]\n"));
        }
        w.write("mentorbook.toml", &text);
        let run = w.run(&["check"]);
        assert_eq!(run.code(), 1);
        assert_eq!(
            run.diagnostics(),
            [
                "error: mentorbook.toml:2: `data.meetings.values`: column `format` takes no value mapping (table `meetings` has no column with a fixed set of values)"
            ],
            "{n} keys"
        );
    }
}

#[test]
fn front_matter_with_many_aliases_reports_each() {
    doubles(20_000, |n| {
        let w = Workdir::new();
        let mut text = String::from("+++\ntitle = \"A\"\naliases = [\n");
        for i in 0..n {
            text.push_str(&format!("  \"../bad{i}\",\n"));
        }
        text.push_str("]\n+++\nbody\n");
        w.write("content/a.md", &text);
        let run = w.run(&["check"]);
        let lines = run.diagnostics();
        let bad = |i: usize| {
            format!(
                "error: content/a.md:{}: front matter: alias \"../bad{i}\" is not a path inside the site (expected e.g. \"handbook/old-name/\")",
                i + 4
            )
        };
        assert_eq!(lines.len(), 51, "{lines:?}");
        assert_eq!((&lines[0], &lines[49]), (&bad(0), &bad(49)));
        assert_eq!(lines[50], format!("error: ... and {} more errors", n - 50));
        run.error_count()
    });
}

#[test]
fn a_quoted_field_of_a_million_lines_keeps_line_numbers_exact() {
    // Every newline's offset used to be kept until the record ended: a
    // 200 MB field of newlines took 1.9 GB. Now only the recent ones are.
    for n in [1_000_000, 2_000_000] {
        let w = Workdir::new();
        let mut csv = String::from("pair_id,date,notes\np1,2024-01-20,\"");
        csv.push_str(&"\n".repeat(n));
        csv.push_str("\"\np1,not-a-date,\n");
        w.write("data/meetings.csv", &csv);
        let run = w.run(&["check"]);
        assert_eq!(
            run.diagnostics(),
            [format!(
                "error: data/meetings.csv:{}: column `date`: \"not-a-date\" is not a date (expected YYYY-MM-DD)",
                n + 3
            )]
        );
    }
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
    let errors = w.build_errors();
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
        &COHORTS.replace("2024-01-08", "0001-01-08"),
    );
    let errors = w.build_errors();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("\"c1\"") && e.contains("more than 100 years")),
        "{errors:?}"
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
    let errors = w.build_errors();
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
    assert!(!w.build_errors().is_empty());
}
