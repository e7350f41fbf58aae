//! Privacy audit (SPEC §4): every personal field of a program holds a
//! unique marker; no marker may reach any output file by default, and each
//! opt-in lets through exactly the markers it allows, only from groups at or
//! above `privacy.min_comment_group_size`.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::Workdir;
use mentorbook::build::{self, Options};
use mentorbook::diag::Diagnostics;

const MARK: &str = "zqmk";

fn program(config: &str) -> Workdir {
    let w = Workdir::empty();
    w.write("mentorbook.toml", &format!("title = \"Audit\"\n{config}"));
    w.write(
        "data/cohorts.csv",
        "cohort_id,name,start_date,end_date\nc1,Spring,2024-01-08,2024-06-30\nc2,Autumn,2024-09-02,\n",
    );
    w.write(
        "data/pairs.csv",
        "pair_id,cohort_id,mentor_id,mentee_id,matched_on\n\
         zqmkpair1,c1,zqmkperson1,zqmkperson2,2024-01-15\n\
         zqmkpair2,c1,zqmkperson1,zqmkperson3,2024-01-20\n\
         zqmkpair3,c2,zqmkperson4,zqmkperson5,2024-09-10\n",
    );
    let mut participants = String::from("participant_id,cohort_id,role,name,email,department\n");
    for (i, (cohort, role)) in [
        ("c1", "mentor"),
        ("c1", "mentee"),
        ("c1", "mentee"),
        ("c2", "mentor"),
        ("c2", "mentee"),
    ]
    .iter()
    .enumerate()
    {
        let n = i + 1;
        participants.push_str(&format!(
            "zqmkperson{n},{cohort},{role},Zqmkname{n} Surname,zqmkemail{n}@example.com,Zqmkdept{n}\n"
        ));
    }
    w.write("data/participants.csv", &participants);
    w.write(
        "data/meetings.csv",
        "meeting_id,pair_id,date,duration_minutes\nzqmkmeeting1,zqmkpair1,2024-01-20,30\nzqmkmeeting2,zqmkpair3,2024-09-20,45\n",
    );
    w.write(
        "data/goals.csv",
        "goal_id,pair_id,title,created_on,status,completed_on\n\
         g1,zqmkpair1,Zqmkgoal1 learn,2024-01-20,completed,2024-03-01\n\
         g2,zqmkpair2,Zqmkgoal2 ship,2024-02-01,in_progress,\n\
         g3,zqmkpair3,Zqmkgoal3 lead,2024-09-20,not_started,\n",
    );
    // Cells (cohort, quarter, role) and their sizes with min_comment_group_size = 3:
    // c1 Q1 mentee 3 (shown), c1 Q2 mentee 2, c1 Q1 mentor 2 and c1 Q2 mentor 2
    // (4 over the span, but no cell reaches 3), c2 Q3 mentee 1, c2 Q4 mentor 3
    // (one comment, shown).
    let rows = [
        ("c1", "mentee", "2024-02-01", Some(1)),
        ("c1", "mentee", "2024-02-10", Some(2)),
        ("c1", "mentee", "2024-03-10", Some(3)),
        ("c1", "mentee", "2024-04-10", Some(4)),
        ("c1", "mentee", "2024-05-10", Some(5)),
        ("c1", "mentor", "2024-02-11", Some(6)),
        ("c1", "mentor", "2024-03-11", Some(7)),
        ("c1", "mentor", "2024-04-11", Some(8)),
        ("c1", "mentor", "2024-05-11", Some(9)),
        ("c2", "mentee", "2024-09-20", Some(10)),
        ("c2", "mentor", "2024-10-01", Some(11)),
        ("c2", "mentor", "2024-10-02", None),
        ("c2", "mentor", "2024-10-03", None),
    ];
    let mut feedback =
        String::from("response_id,cohort_id,respondent_role,submitted_on,rating,comment\n");
    for (i, (cohort, role, date, comment)) in rows.iter().enumerate() {
        let comment = comment
            .map(|n| format!("Zqmkcomment{n} said"))
            .unwrap_or_default();
        feedback.push_str(&format!(
            "zqmkresponse{i},{cohort},{role},{date},4,{comment}\n"
        ));
    }
    w.write("data/feedback.csv", &feedback);
    w
}

fn build(w: &Workdir) -> BTreeMap<String, String> {
    let mut diags = Diagnostics::new();
    let built = build::build(
        w.path(),
        &Options::default(),
        &mut diags,
        &build::NoProgress,
    );
    let errors: Vec<String> = diags.shown().map(|d| d.to_string()).collect();
    built
        .unwrap_or_else(|| panic!("{errors:?}"))
        .files
        .files
        .into_iter()
        .map(|(p, b)| (p, String::from_utf8_lossy(&b).to_lowercase()))
        .collect()
}

/// Every marker (`zqmk` + letters + digits) in the text.
fn markers(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find(MARK) {
        let tail = &rest[at..];
        let len = tail
            .char_indices()
            .find(|&(i, c)| i >= MARK.len() && !c.is_ascii_alphanumeric())
            .map_or(tail.len(), |(i, _)| i);
        found.insert(tail[..len].to_string());
        rest = &tail[len..];
    }
    found
}

/// Markers per output file.
fn found(files: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    files
        .iter()
        .map(|(p, t)| (p.clone(), markers(t)))
        .filter(|(_, m)| !m.is_empty())
        .collect()
}

fn all(found: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<String> {
    found.values().flatten().cloned().collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn no_personal_field_reaches_the_output_by_default() {
    let files = build(&program(""));
    assert!(files.len() > 10);
    let found = found(&files);
    assert!(found.is_empty(), "personal data in the output: {found:?}");
}

#[test]
fn publishing_goal_titles_shows_exactly_the_titles_on_cohort_dashboards() {
    let files = build(&program("[privacy]\npublish_goal_titles = true\n"));
    let found = found(&files);
    assert_eq!(
        all(&found),
        set(&["zqmkgoal1", "zqmkgoal2", "zqmkgoal3"]),
        "{found:?}"
    );
    for path in found.keys() {
        assert!(
            path.starts_with("cohorts/")
                && path.ends_with("index.html")
                && path != "cohorts/index.html",
            "titles only on dashboards: {path}"
        );
    }
    assert_eq!(
        found["cohorts/c1/index.html"],
        set(&["zqmkgoal1", "zqmkgoal2"])
    );
    assert_eq!(found["cohorts/c2/index.html"], set(&["zqmkgoal3"]));
    // Grouped by status, as of the end of the span.
    let page = &files["cohorts/c1/index.html"];
    let completed = page.find("completed <span").unwrap_or(usize::MAX);
    let in_progress = page.find("in progress <span").unwrap_or(usize::MAX);
    let goal1 = page.find("zqmkgoal1").unwrap_or(0);
    let goal2 = page.find("zqmkgoal2").unwrap_or(0);
    assert!(
        in_progress < goal2 && goal2 < completed && completed < goal1,
        "{page}"
    );
}

#[test]
fn publishing_comments_shows_only_cells_at_or_above_the_group_size() {
    let files = build(&program(
        "[privacy]\npublish_comments = true\nmin_comment_group_size = 3\n",
    ));
    let found = found(&files);
    assert_eq!(
        all(&found),
        set(&[
            "zqmkcomment1",
            "zqmkcomment2",
            "zqmkcomment3",
            "zqmkcomment11"
        ]),
        "{found:?}"
    );
    assert_eq!(
        found["cohorts/c1/index.html"],
        set(&["zqmkcomment1", "zqmkcomment2", "zqmkcomment3"])
    );
    assert_eq!(found["cohorts/c2/index.html"], set(&["zqmkcomment11"]));
    assert_eq!(
        found["reports/2024-Q1/index.html"],
        set(&["zqmkcomment1", "zqmkcomment2", "zqmkcomment3"])
    );
    assert_eq!(found["reports/2024-Q4/index.html"], set(&["zqmkcomment11"]));
    for path in found.keys() {
        assert!(!path.ends_with(".json"), "comments are not figures: {path}");
    }
    // Not in the order of the data: sorted by text.
    let page = &files["cohorts/c1/index.html"];
    let at = |m: &str| page.find(m).unwrap_or(0);
    assert!(at("zqmkcomment1 ") < at("zqmkcomment2") && at("zqmkcomment2") < at("zqmkcomment3"));

    // Raising the threshold hides them all; lowering it to 1 shows every cell.
    let files = build(&program(
        "[privacy]\npublish_comments = true\nmin_comment_group_size = 4\n",
    ));
    assert!(found_none(&files));
    let files = build(&program(
        "[privacy]\npublish_comments = true\nmin_comment_group_size = 1\n",
    ));
    assert_eq!(all(&found_of(&files)).len(), 11);
}

#[test]
fn both_opt_ins_never_publish_ids_names_emails_or_departments() {
    let files = build(&program(
        "[privacy]\npublish_comments = true\nmin_comment_group_size = 1\npublish_goal_titles = true\n",
    ));
    for marker in all(&found_of(&files)) {
        assert!(
            marker.starts_with("zqmkcomment") || marker.starts_with("zqmkgoal"),
            "{marker} leaked"
        );
    }
}

fn found_of(files: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    found(files)
}

fn found_none(files: &BTreeMap<String, String>) -> bool {
    found(files).is_empty()
}
