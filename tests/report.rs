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

/// A program whose 2024-Q2 has 31 cohorts and whose 2024-Q1 and 2024-Q3
/// have 30: c01–c30 run from January, c31 only through Q2. Active pairs
/// rise in Q2 for every third cohort (`c03`, …) and fall in Q3 for the
/// cohorts after them (`c01`, `c04`, …; `c01` also gains one in July, which
/// makes 2024-07-10 the data's last date).
fn thirty_and_thirty_one() -> Workdir {
    let w = Workdir::new();
    let mut cohorts = String::from("cohort_id,name,start_date,end_date\n");
    let mut pairs =
        String::from("pair_id,cohort_id,mentor_id,mentee_id,matched_on,ended_on,status\n");
    for i in 1..=30 {
        cohorts.push_str(&format!("c{i:02},Cohort {i:02},2024-01-08,\n"));
        pairs.push_str(&format!("p{i}a,c{i:02},m{i}a,e{i}a,2024-01-15,,active\n"));
        match i % 3 {
            0 => pairs.push_str(&format!("p{i}b,c{i:02},m{i}b,e{i}b,2024-04-10,,active\n")),
            1 => pairs.push_str(&format!(
                "p{i}b,c{i:02},m{i}b,e{i}b,2024-01-20,2024-05-20,completed\n"
            )),
            _ => {}
        }
    }
    cohorts.push_str("c31,Cohort 31,2024-04-01,2024-06-30\n");
    pairs.push_str("p31a,c31,m31a,e31a,2024-04-10,2024-06-30,completed\n");
    pairs.push_str("p1c,c01,m1c,e1c,2024-07-10,,active\n");
    w.write("data/cohorts.csv", &cohorts);
    w.write("data/pairs.csv", &pairs);
    w
}

/// Lean tables: each figure row on one line, each change with a class for
/// its direction and its arrow drawn by a `<style>` in the head.
const ONE_LINE_ROW: &str = "\n  <tr><th scope=\"row\">";
const ROW_OVER_LINES: &str = "\n  <tr>\n    <th scope=\"row\">";
const ARROWS_STYLE: &str =
    "<style>\n.change.up::before { content: \"↑ \"; content: \"↑ \" / \"\"; }";
const CHANGE_UP: &str = "<span class=\"change up\">+1</span>";
const CHANGE_SAME: &str = "<span class=\"change same\">no change</span>";
const HIDDEN_ARROW: &str = "<span class=\"change\"><span aria-hidden=\"true\">";
const EXTREMES: &str = "cohorts, the chart shows the 15 highest and the 15 lowest";

/// Past 30 cohorts a quarter, the report's charts draw the 15 highest and
/// the 15 lowest and its page and file write their tables leaner (the
/// arrows still hidden from screen readers); at 30 or fewer, nothing
/// changes, nor on any other page.
#[test]
fn reports_of_more_than_thirty_cohorts_have_lean_tables() {
    let w = thirty_and_thirty_one();
    let site = w.build();
    for file in ["index.html", "report.html"] {
        let large = site.text(&format!("reports/2024-Q2/{file}"));
        assert!(
            large.contains("With 31 cohorts, the chart shows the 15 highest and the 15 lowest")
        );
        assert_eq!(large.matches(ONE_LINE_ROW).count(), 31, "{file}");
        assert!(!large.contains(ROW_OVER_LINES), "{file}");
        let head = large.split("</head>").next().unwrap_or_default();
        assert_eq!(head.matches(ARROWS_STYLE).count(), 1, "{file}");
        assert!(head.contains(".change.down::before { content: \"↓ \"; content: \"↓ \" / \"\"; }"));
        assert!(head.contains(".change.same::before { content: \"→ \"; content: \"→ \" / \"\"; }"));
        assert!(
            large.contains(CHANGE_UP) && large.contains(CHANGE_SAME),
            "{file}"
        );
        assert!(!large.contains(HIDDEN_ARROW), "{file}");

        for small in ["2024-Q1", "2024-Q3"] {
            let html = site.text(&format!("reports/{small}/{file}"));
            assert!(!html.contains(EXTREMES), "{small}/{file}");
            assert_eq!(html.matches(ROW_OVER_LINES).count(), 30, "{small}/{file}");
            assert!(!html.contains(".change.up") && !html.contains("class=\"change "));
        }
        let q3 = site.text(&format!("reports/2024-Q3/{file}"));
        assert!(q3.contains("<span class=\"change\"><span aria-hidden=\"true\">↓</span> "));
    }
    // The stylesheet every program shares, and the cohorts' pages, are as
    // in any small program.
    assert!(!site.text("assets/style.css").contains(".change.up"));
    let cohort = site.text("cohorts/c31/index.html");
    assert!(cohort.contains(ROW_OVER_LINES) && !cohort.contains(ONE_LINE_ROW));

    // A one-cohort report of the large quarter shows one row: not lean.
    let one = w
        .run(&[
            "report",
            "--quarter",
            "2024-Q2",
            "--cohort",
            "c03",
            "-o",
            "-",
        ])
        .success()
        .stdout();
    assert!(one.contains(ROW_OVER_LINES) && !one.contains(ARROWS_STYLE));
    assert!(one.contains("<span class=\"change\"><span aria-hidden=\"true\">↑</span> +1</span>"));
}

/// A program's own `head` blocks, in base.html and report_file.html, and
/// the arrows of a lean report share the head; a small report has only
/// the program's.
#[test]
fn a_programs_head_blocks_keep_the_arrows_of_lean_reports() {
    let w = thirty_and_thirty_one();
    let meta = "<meta name=\"x-acme\" content=\"1\">";
    for template in ["base.html", "report_file.html"] {
        w.write(
            &format!("templates/{template}"),
            &format!(
                "{{% extends \"builtin/{template}\" %}}\n{{% block head %}}{meta}{{% endblock %}}\n"
            ),
        );
    }
    let site = w.build();
    for file in ["index.html", "report.html"] {
        let head = |quarter: &str| -> String {
            let html = site.text(&format!("reports/{quarter}/{file}"));
            html.split("</head>").next().unwrap_or_default().to_string()
        };
        let (large, small) = (head("2024-Q2"), head("2024-Q3"));
        assert!(
            large.contains(meta) && large.contains(ARROWS_STYLE),
            "{file}"
        );
        assert!(
            small.contains(meta) && !small.contains(ARROWS_STYLE),
            "{file}"
        );
    }
}
