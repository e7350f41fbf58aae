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
