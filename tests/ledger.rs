//! The ledger (docs/privacy.md, "Publishing over time"): written by builds only, reproducible, `--locked`, `--no-ledger`, bad ledgers.

mod common;

use common::Workdir;

const FEEDBACK_HEADER: &str =
    "response_id,cohort_id,pair_id,respondent_role,submitted_on,rating,nps,comment\n";

/// One running cohort of six pairs, with `responses` mentee responses
/// submitted one a day from 2025-02-01.
fn program(responses: usize) -> Workdir {
    let w = Workdir::empty();
    w.write("mentorbook.toml", "title = \"Ledger test\"\n");
    w.write(
        "data/cohorts.csv",
        "cohort_id,name,start_date,end_date\nc1,Winter,2025-01-06,\n",
    );
    let mut pairs = String::from("pair_id,cohort_id,mentor_id,mentee_id,matched_on\n");
    for p in 1..=6 {
        pairs.push_str(&format!("p{p},c1,m{p},e{p},2025-01-10\n"));
    }
    w.write("data/pairs.csv", &pairs);
    write_feedback(&w, responses);
    w
}

fn write_feedback(w: &Workdir, responses: usize) {
    let mut rows = String::from(FEEDBACK_HEADER);
    for i in 0..responses {
        rows.push_str(&feedback_row(i));
    }
    w.write("data/feedback.csv", &rows);
}

fn feedback_row(i: usize) -> String {
    format!(
        "r{i},,p{},mentee,2025-02-{:02},{},{},\n",
        i % 6 + 1,
        i + 1,
        i % 5 + 1,
        (i * 3) % 11
    )
}

#[test]
fn a_first_build_writes_the_ledger_and_the_same_site_as_without_one() {
    let w = program(12);
    let preview = w.run(&["build", "-q", "--no-ledger", "-o", "preview"]);
    preview.success();
    assert!(!w.join("mentorbook.lock").exists(), "--no-ledger wrote one");
    let site = w.build();
    let ledger = w.read_bytes("mentorbook.lock");
    assert!(ledger.starts_with(b"MBLEDGER"));
    assert_eq!(
        site.differences(&w.site("preview")),
        Vec::<String>::new(),
        "an empty ledger changes no published byte"
    );
    // Within the budget of docs/privacy.md: 12 rows, a few figures.
    assert!(ledger.len() < 12 * 24 + 400, "{} bytes", ledger.len());
}

#[test]
fn the_same_data_twice_leaves_the_ledger_as_it_was() {
    let w = program(12);
    let first = w.build();
    let ledger = w.read_bytes("mentorbook.lock");
    w.run(&["build", "-q", "--locked"]).success();
    assert_eq!(w.read_bytes("mentorbook.lock"), ledger);
    assert_eq!(w.site("public").differences(&first), Vec::<String>::new());
}

#[test]
fn locked_fails_exactly_when_the_ledger_would_change() {
    let w = program(12);
    // No ledger yet: the build would create one.
    let run = w.run(&["build", "--locked"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains(
            "error: mentorbook.lock: the ledger would change (--locked): nothing was written"
        ),
        "{}",
        run.stderr()
    );
    assert!(!w.join("mentorbook.lock").exists());
    assert!(!w.join("public").exists());
    let before = w.build();
    let ledger = w.read_bytes("mentorbook.lock");
    // New rows: the ledger would change; nothing is written.
    write_feedback(&w, 19);
    let run = w.run(&["build", "--locked"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert_eq!(w.read_bytes("mentorbook.lock"), ledger);
    assert_eq!(w.site("public").differences(&before), Vec::<String>::new());
    // --no-ledger previews the new data and writes no ledger.
    w.run(&["build", "-q", "--no-ledger", "-o", "preview"])
        .success();
    assert_eq!(w.read_bytes("mentorbook.lock"), ledger);
    // Without --locked the build records them, and then --locked passes.
    w.build();
    assert_ne!(w.read_bytes("mentorbook.lock"), ledger);
    w.run(&["build", "-q", "--locked"]).success();
    // check and report read the ledger but never write it.
    let recorded = w.read_bytes("mentorbook.lock");
    write_feedback(&w, 25);
    w.run(&["check", "-q"]).success();
    w.run(&["report", "-q", "--quarter", "2025-Q1", "-o", "r.html"])
        .success();
    assert_eq!(w.read_bytes("mentorbook.lock"), recorded);
}

/// A bad ledger stops the build: the message names the file, exit 1,
/// nothing written, the ledger untouched.
fn refused(w: &Workdir, ledger: &[u8], file: &str, message: &str) {
    w.write_bytes(file, ledger);
    let before = w.listing();
    let run = w.run(&["build"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains(&format!("error: {file}: the ledger {message}")),
        "{}",
        run.stderr()
    );
    assert_eq!(w.listing(), before, "a failed build wrote files");
    assert_eq!(w.read_bytes(file), ledger, "the ledger was touched");
}

#[test]
fn bad_ledgers_are_refused_and_left_untouched() {
    let w = program(12);
    w.build();
    let good = w.read_bytes("mentorbook.lock");
    refused(
        &w,
        b"not a ledger\n",
        "mentorbook.lock",
        "is not a mentorbook ledger",
    );
    refused(
        &w,
        &good[..good.len() - 3],
        "mentorbook.lock",
        "is damaged (cut short or edited since mentorbook wrote it)",
    );
    let mut edited = good.clone();
    edited[30] ^= 0x40;
    refused(&w, &edited, "mentorbook.lock", "is damaged");
    // Another min_group_size.
    w.write_bytes("mentorbook.lock", &good);
    w.write(
        "mentorbook.toml",
        "title = \"Ledger test\"\n[privacy]\nmin_group_size = 3\n",
    );
    refused(
        &w,
        &good,
        "mentorbook.lock",
        "was written with `privacy.min_group_size = 5`, and mentorbook.toml now says 3",
    );
    // Another program folder: none of its cohorts is here.
    w.write("mentorbook.toml", "title = \"Ledger test\"\n");
    w.write(
        "data/cohorts.csv",
        "cohort_id,name,start_date,end_date\nother,Winter,2025-01-06,\n",
    );
    w.write(
        "data/pairs.csv",
        "pair_id,cohort_id,mentor_id,mentee_id,matched_on\np1,other,m1,e1,2025-01-10\n",
    );
    write_feedback(&w, 1);
    refused(
        &w,
        &good,
        "mentorbook.lock",
        "was written for another program folder: none of the 1 cohorts it records",
    );
}

#[test]
fn publish_ledger_moves_the_file() {
    let w = program(6);
    w.write(
        "mentorbook.toml",
        "title = \"Ledger test\"\n[publish]\nledger = \"state/published.lock\"\n",
    );
    w.mkdir("state");
    w.build();
    assert!(w.join("state/published.lock").is_file());
    assert!(!w.join("mentorbook.lock").exists());
    refused(&w, b"MBLEDGER", "state/published.lock", "is damaged");
}

/// The program of [`program`] seen on 2025-04-20: 2025-Q1 ended 20 days
/// before, so it is closed (`close_after_days` 14).
fn closed_program(responses: usize) -> Workdir {
    let w = program(responses);
    w.write(
        "mentorbook.toml",
        "title = \"Ledger test\"\n[data]\nas_of = \"2025-04-20\"\n",
    );
    w
}

/// A page without its frozen note.
fn without_note(html: &str) -> String {
    match html.find("<p class=\"note frozen\">") {
        Some(start) => {
            let end = html[start..]
                .find("</p>")
                .map_or(html.len(), |e| start + e + 4);
            format!("{}{}", &html[..start - 1], &html[end..])
        }
        None => html.to_string(),
    }
}

#[test]
fn a_closed_quarter_stays_as_published_until_restated() {
    let w = closed_program(12);
    let first = w.build();
    let q1 = "reports/2025-Q1/";
    assert!(
        !first
            .text(&format!("{q1}index.html"))
            .contains("note frozen"),
        "the build that freezes a report publishes it as it is"
    );
    // Three late rows dated in 2025-Q1, one new in 2025-Q2.
    let mut rows = String::from(FEEDBACK_HEADER);
    for i in 0..15 {
        rows.push_str(&feedback_row(i));
    }
    rows.push_str("late,,p1,mentor,2025-04-02,5,9,\n");
    w.write("data/feedback.csv", &rows);
    let later = w.build();
    for file in ["metrics.json", "index.html", "report.html"] {
        let path = format!("{q1}{file}");
        assert_eq!(
            without_note(later.text(&path)),
            first.text(&path),
            "{path} changed"
        );
    }
    let page = later.text(&format!("{q1}index.html"));
    assert!(
        page.contains(
            "2025-Q1 is closed: figures as published on 2025-04-20, when it was frozen. \
             3 rows dated in 2025-Q1 arrived after it was closed and are not included."
        ),
        "{page}"
    );
    let check = w.run(&["check"]).success();
    assert!(
        check.stderr().contains(
            "mentorbook.lock: 3 rows dated in 2025-Q1 arrived after it was closed; \
             figures as published on 2025-04-20"
        ),
        "{}",
        check.stderr()
    );
    // The running cohort's own dashboard counts the late rows.
    assert_ne!(
        later.text("cohorts/c1/metrics.json"),
        first.text("cohorts/c1/metrics.json")
    );
    // A quarter that is not closed cannot be restated.
    let run = w.run(&["build", "--restate", "2025-Q2"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr()
            .contains("error: mentorbook.lock: --restate 2025-Q2: not a closed quarter"),
        "{}",
        run.stderr()
    );
    // --restate publishes it from the current data, and says so.
    w.run(&["build", "-q", "--restate", "2025-Q1"]).success();
    let restated = w.site("public");
    let json = restated.text(&format!("{q1}metrics.json"));
    assert!(json.contains("\"responses\": 15"), "{json}");
    assert!(
        restated
            .text(&format!("{q1}index.html"))
            .contains("Restated on 2025-04-20: figures as published that day.")
    );
    // And it stays restated on the next build.
    let again = w.build();
    assert_eq!(again.differences(&restated), Vec::<String>::new());
}

mod checker;

use checker::versions::{Audit, Row};

/// Two running cohorts of six pairs each.
fn weekly_program() -> Workdir {
    let w = Workdir::empty();
    w.write(
        "data/cohorts.csv",
        "cohort_id,name,start_date,end_date\nc1,Winter,2025-01-06,\nc2,Spring,2025-01-06,\n",
    );
    let mut pairs = String::from("pair_id,cohort_id,mentor_id,mentee_id,matched_on\n");
    for p in 1..=12 {
        let c = if p <= 6 { "c1" } else { "c2" };
        pairs.push_str(&format!("p{p},{c},m{p},e{p},2025-01-10\n"));
    }
    w.write("data/pairs.csv", &pairs);
    w
}

/// The date `days` after 2025-01-13, and its quarter's label.
fn day(days: i64) -> (String, String) {
    let d = jiff::civil::date(2025, 1, 13)
        .checked_add(jiff::Span::new().days(days))
        .expect("date");
    let q = (d.month() - 1) / 3 + 1;
    (d.to_string(), format!("{}-Q{q}", d.year()))
}

/// Builds one version of `rows` (those in `present`) as of `as_of`, and audits it.
fn publish_version(
    w: &Workdir,
    audit: &mut Audit,
    lines: &[String],
    present: &[usize],
    as_of: &str,
    k: u32,
) {
    w.write(
        "mentorbook.toml",
        &format!(
            "title = \"Weekly\"\n[data]\nas_of = \"{as_of}\"\n[privacy]\nmin_group_size = {k}\n\
             [publish]\nclose_after_days = 3650\n"
        ),
    );
    let mut text = String::from(FEEDBACK_HEADER);
    for &i in present {
        text.push_str(&lines[i]);
    }
    w.write("data/feedback.csv", &text);
    let site = w.build();
    audit.add_version(present, site.texts());
}

#[test]
fn weekly_rebuilds_adding_one_response_never_publish_it() {
    let w = weekly_program();
    let mut audit = Audit::default();
    let mut lines = Vec::new();
    let mut present = Vec::new();
    // Ten responses at the start, then one a week for 30 weeks, round the
    // cohorts and roles.
    for i in 0..40usize {
        let week = i.saturating_sub(10) as i64;
        let (date, quarter) = day(week * 7);
        let (cohort, pair) = if i % 2 == 0 {
            ("c1", i % 6 + 1)
        } else {
            ("c2", i % 6 + 7)
        };
        let mentee = i % 3 != 0;
        let role = if mentee { "mentee" } else { "mentor" };
        lines.push(format!(
            "r{i},,p{pair},{role},{date},{},{},\n",
            i % 5 + 1,
            (i * 7) % 11
        ));
        audit.rows.push(Row {
            cohort: cohort.into(),
            quarter,
            mentee,
            rating: true,
            nps: true,
        });
        present.push(i);
        if i >= 9 {
            let (as_of, _) = day(week * 7 + 1);
            publish_version(&w, &mut audit, &lines, &present, &as_of, 5);
        }
    }
    for kind in 0..2 {
        assert_eq!(
            audit.determined_rows(kind),
            Vec::<usize>::new(),
            "kind {kind}"
        );
        assert_eq!(
            audit.determined_groups(kind, 5),
            Vec::<std::collections::BTreeSet<usize>>::new(),
            "kind {kind}"
        );
    }
    // The rule kept figures at old values: the pages say since when.
    let site = w.site("public");
    assert!(
        site.texts()
            .any(|(p, t)| p.ends_with("metrics.json") && t.contains("\"published_as_of\"")),
        "no figure was kept"
    );
}
