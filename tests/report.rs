//! `mentorbook report`: one quarterly report file, the same bytes as the site's, and its errors.

mod common;

use common::{COHORTS, Run, Workdir, example, repo};

/// `mentorbook ARGS` on the repository's example program, run in `w`.
fn on_example(w: &Workdir, args: &[&str]) -> Run {
    let root = repo().to_string_lossy().into_owned();
    let mut all = vec!["--root", root.as_str()];
    all.extend_from_slice(args);
    w.run(&all)
}

#[test]
fn the_report_file_is_the_sites_report_byte_for_byte() {
    let site = example(2);
    let expected = site.bytes("reports/2024-Q2/report.html");

    let w = Workdir::empty();
    let run = on_example(&w, &["report", "--quarter", "2024-Q2"]).success();
    assert_eq!(
        run.stdout(),
        "Wrote the 2024-Q2 report (2 cohorts) to report-2024-Q2.html\n"
    );
    assert!(w.read_bytes("report-2024-Q2.html") == expected);
    assert_eq!(w.names(), ["report-2024-Q2.html"]);

    let piped = on_example(&w, &["report", "--quarter", "2024-Q2", "-o", "-"]).success();
    assert!(piped.0.stdout == expected);

    // A second run replaces the file whole, wherever -o points.
    let run = on_example(
        &w,
        &["report", "-q", "--quarter", "2024-q2", "-o", "out.html"],
    )
    .success();
    assert_eq!(run.stdout(), "");
    assert!(w.read_bytes("out.html") == expected);
}

#[test]
fn one_cohort_shows_that_cohort_only() {
    let w = Workdir::empty();
    on_example(
        &w,
        &["report", "--quarter", "2024-Q2", "--cohort", "2024-spring"],
    )
    .success();
    let html = w.read("report-2024-Q2-2024-spring.html");
    assert!(html.contains("Leadership Circle, Spring 2024"));
    // It leads with the cohort's own figures, not the program's.
    assert!(html.contains("<h2 id=\"program\">Leadership Circle, Spring 2024</h2>"));
    // The other cohort active in 2024-Q2, and every other cohort.
    for other in [
        "Product &amp; Design mentoring",
        "Winter 2024",
        "Autumn 2023",
        "Autumn 2024",
        "Winter 2025",
        "Spring 2025",
    ] {
        assert!(!html.contains(other), "{other} in the one-cohort report");
    }
    // The full report has both.
    let all = on_example(&w, &["report", "--quarter", "2024-Q2", "-o", "-"]);
    assert!(
        all.stdout()
            .contains("Product &amp; Design mentoring, Winter 2024")
    );
    assert!(all.stdout().contains("Leadership Circle, Spring 2024"));
}

/// The fixture's quarters: c1 (Spring) in 2024-Q1 and Q2, c2 (Autumn) in
/// 2024-Q3; c3 starts after the data's last date (2024-09-10).
fn fixture() -> Workdir {
    let w = Workdir::new();
    w.write(
        "data/cohorts.csv",
        &format!("{COHORTS}c3,Next year,2025-01-06,\n"),
    );
    w
}

fn fails_with(w: &Workdir, args: &[&str], message: &str) {
    let run = w.run(args);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert_eq!(run.stderr(), format!("error: {message}\n"));
    assert_eq!(run.stdout(), "");
    assert!(!w.names().iter().any(|n| n.starts_with("report")));
}

#[test]
fn errors_say_what_exists() {
    let w = fixture();
    fails_with(
        &w,
        &["report", "--quarter", "2024-Q4"],
        "no report for quarter `2024-Q4`: the quarters with a report are `2024-Q1`, `2024-Q2`, `2024-Q3`",
    );
    fails_with(
        &w,
        &["report", "--quarter", "2024-Q1", "--cohort", "c4"],
        "unknown cohort `c4`: did you mean `c1`? (the cohorts are `c1`, `c2`, `c3`)",
    );
    fails_with(
        &w,
        &["report", "--quarter", "2024-Q1", "--cohort", "spring"],
        "unknown cohort `spring` (the cohorts are `c1`, `c2`, `c3`)",
    );
    fails_with(
        &w,
        &["report", "--quarter", "2024-Q1", "--cohort", "c2"],
        "cohort `c2` is not in the 2024-Q1 report: it was not active in that quarter (its quarters are `2024-Q3`)",
    );
    fails_with(
        &w,
        &["report", "--quarter", "2024-Q3", "--cohort", "c3"],
        "cohort `c3` is not in the 2024-Q3 report: it starts after the data's last date (2024-09-10), so it is in no report yet",
    );
}

#[test]
fn a_broken_program_writes_nothing_and_a_missing_quarter_is_usage() {
    let w = Workdir::new();
    w.write("data/pairs.csv", "pair_id,cohort_id\np1,c9\n");
    let run = w.run(&["report", "--quarter", "2024-Q1"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr()
            .contains("error: no report was written: the program folder has "),
        "{}",
        run.stderr()
    );
    assert!(!w.names().iter().any(|n| n.starts_with("report")));

    let usage = Workdir::new().run(&["report"]);
    assert_eq!(usage.code(), 2);
    assert!(usage.stderr().contains("--quarter"));
}
