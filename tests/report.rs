//! `mentorbook report`: one quarterly report file, the same bytes as the site's, and its errors.

mod common;

use std::fs;
use std::path::PathBuf;

use common::Workdir;

fn repo() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .to_string_lossy()
        .into_owned()
}

fn read(path: PathBuf) -> Vec<u8> {
    fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn names(w: &Workdir) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(w.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_report_file_is_the_sites_report_byte_for_byte() {
    let w = Workdir::empty();
    let site = w.join("site");
    let built = w.run(&[
        "--root",
        &repo(),
        "build",
        "-q",
        "-o",
        &site.to_string_lossy(),
    ]);
    assert_eq!(built.code(), 0, "{}", built.stderr());
    let expected = read(site.join("reports/2024-Q2/report.html"));

    let run = w.run(&["--root", &repo(), "report", "--quarter", "2024-Q2"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(
        run.stdout(),
        "Wrote the 2024-Q2 report (2 cohorts) to report-2024-Q2.html\n"
    );
    assert!(read(w.join("report-2024-Q2.html")) == expected);
    assert_eq!(names(&w), vec!["report-2024-Q2.html", "site"]);

    let piped = w.run(&[
        "--root",
        &repo(),
        "report",
        "--quarter",
        "2024-Q2",
        "-o",
        "-",
    ]);
    assert_eq!(piped.code(), 0, "{}", piped.stderr());
    assert!(piped.0.stdout == expected);

    // A second run replaces the file whole, wherever -o points.
    let run = w.run(&[
        "--root",
        &repo(),
        "report",
        "-q",
        "--quarter",
        "2024-q2",
        "-o",
        "out.html",
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(run.stdout(), "");
    assert!(read(w.join("out.html")) == expected);
}

#[test]
fn one_cohort_shows_that_cohort_only() {
    let w = Workdir::empty();
    let run = w.run(&[
        "--root",
        &repo(),
        "report",
        "--quarter",
        "2024-Q2",
        "--cohort",
        "2024-spring",
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let html =
        String::from_utf8_lossy(&read(w.join("report-2024-Q2-2024-spring.html"))).into_owned();
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
    let all = w.run(&[
        "--root",
        &repo(),
        "report",
        "--quarter",
        "2024-Q2",
        "-o",
        "-",
    ]);
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
        &format!("{}c3,Next year,2025-01-06,\n", common::COHORTS),
    );
    w
}

fn fails_with(w: &Workdir, args: &[&str], message: &str) {
    let run = w.run(args);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert_eq!(run.stderr(), format!("error: {message}\n"));
    assert_eq!(run.stdout(), "");
    assert!(!names(w).iter().any(|n| n.starts_with("report")));
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
    assert!(!names(&w).iter().any(|n| n.starts_with("report")));

    let usage = Workdir::new().run(&["report"]);
    assert_eq!(usage.code(), 2);
    assert!(usage.stderr().contains("--quarter"));
}
