//! What rows mean (docs/data.md, "Exports in other shapes"): pairs named by people, merged reports, derived tables, scales, lookups and respondents, on small programs; misuse is an error at its file and line, and nothing is written.

mod common;

use common::Workdir;
use serde_json::Value;

/// The figures of cohort `slug` over its whole span, from a build.
fn overall(w: &Workdir, slug: &str) -> Value {
    let site = w.build();
    let text = site.text(&format!("cohorts/{slug}/metrics.json"));
    let json: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
    json["overall"].clone()
}

/// The common program (pairs p1 ann→bob 2024-01-15 to 06-30 and p2
/// ann→cat from 02-01 in c1 "Spring"; p3 dan→eve from 09-10 in c2
/// "Autumn") with a config and tables added.
fn program(config: &str, files: &[(&str, &str)]) -> Workdir {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        &format!("title = \"Test program\"\n{config}"),
    );
    for (path, text) in files {
        w.write(path, text);
    }
    w
}

#[test]
fn people_name_their_pair_by_cohort_and_window() {
    // bob on 03-01: p1. ann and cat: p2 (one pair, whatever the date). dan
    // as mentor alone: p3. A feedback row of cat's takes her role (mentee).
    let w = program(
        "",
        &[
            (
                "data/meetings.csv",
                "participant_id,mentor_id,mentee_id,date,duration_minutes\n\
                 bob,,,2024-03-01,30\n\
                 ,ann,cat,2024-03-02,40\n\
                 ,dan,,2024-09-20,50\n",
            ),
            (
                "data/feedback.csv",
                "participant_id,submitted_on,rating\ncat,2024-03-03,4\n",
            ),
        ],
    );
    let o = overall(&w, "c1");
    assert_eq!(o["meetings"]["count"], 2);
    assert_eq!(o["meetings"]["hours"], 70.0 / 60.0);
    assert_eq!(o["feedback"]["by_role"]["mentee"]["responses"], 1);
    assert_eq!(o["feedback"]["by_role"]["mentor"]["responses"], 0);
    // The mentee of one of the two active pairs responded.
    assert_eq!(o["feedback"]["by_role"]["mentee"]["response_rate"], 0.5);
    assert_eq!(overall(&w, "c2")["meetings"]["count"], 1);
}

#[test]
fn a_person_with_no_pair_or_several_pairs_on_that_date() {
    let w = program(
        "",
        &[(
            "data/meetings.csv",
            "participant_id,date\n\
             ann,2024-03-01\n\
             bob,2024-07-15\n\
             zed,2024-03-01\n\
             bob,2024-03-01\n",
        )],
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: data/meetings.csv:2: column `participant_id`: \"ann\" has 2 pairs whose match windows hold 2024-03-01: \
             as mentor in pair \"p1\" (cohort \"c1\", 2024-01-15 to 2024-06-30), as mentor in pair \"p2\" (cohort \"c1\", from 2024-02-01) \
             (give the row's pair_id, or both people)",
            "error: data/meetings.csv:3: column `participant_id`: \"bob\" has no pair whose match window holds 2024-07-15 \
             (their pairs: as mentee in pair \"p1\" (cohort \"c1\", 2024-01-15 to 2024-06-30))",
            "error: data/meetings.csv:4: column `participant_id`: \"zed\" is in no pair in data/pairs.csv",
        ]
    );
}

#[test]
fn two_people_paired_twice_and_rows_that_disagree_with_their_pair() {
    let w = Workdir::new();
    w.write(
        "data/pairs.csv",
        &format!("{}p4,c2,ann,bob,2024-09-10,,active\n", common::PAIRS),
    );
    w.write(
        "data/meetings.csv",
        "pair_id,cohort_id,mentor_id,mentee_id,participant_id,date\n\
         ,,ann,bob,,2024-10-01\n\
         ,,ann,bob,,2024-07-15\n\
         ,c2,ann,cat,,2024-10-02\n\
         p1,,dan,,,2024-03-01\n\
         p1,c2,,,,2024-03-01\n\
         ,,ann,bob,cat,2024-03-01\n\
         ,,bob,ann,,2024-03-01\n",
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: data/meetings.csv:3: column `mentee_id`: mentor \"ann\" and mentee \"bob\" were paired 2 times, \
             and no match window holds 2024-07-15: pair \"p1\" (cohort \"c1\", 2024-01-15 to 2024-06-30), \
             pair \"p4\" (cohort \"c2\", from 2024-09-10)",
            "error: data/meetings.csv:4: column `mentee_id`: mentor \"ann\" and mentee \"cat\" are not a pair in cohort \"c2\" \
             (they are: pair \"p2\" (cohort \"c1\", from 2024-02-01))",
            "error: data/meetings.csv:5: column `mentor_id`: \"dan\" is not the mentor of pair \"p1\" \
             (cohort \"c1\", 2024-01-15 to 2024-06-30), whose mentor is \"ann\"",
            "error: data/meetings.csv:6: column `cohort_id`: \"c2\" disagrees with pair \"p1\", which is in cohort \"c1\"",
            "error: data/meetings.csv:7: column `participant_id`: \"cat\" is not one of the people of pair \"p1\" \
             (cohort \"c1\", 2024-01-15 to 2024-06-30)",
            "error: data/meetings.csv:8: column `mentee_id`: mentor \"bob\" and mentee \"ann\" are not a pair in data/pairs.csv \
             (\"bob\"'s pairs: as mentee in pair \"p1\" (cohort \"c1\", 2024-01-15 to 2024-06-30), \
             as mentee in pair \"p4\" (cohort \"c2\", from 2024-09-10); \"ann\"'s pairs: as mentor in pair \"p1\" \
             (cohort \"c1\", 2024-01-15 to 2024-06-30), as mentor in pair \"p2\" (cohort \"c1\", from 2024-02-01), \
             as mentor in pair \"p4\" (cohort \"c2\", from 2024-09-10))",
        ]
    );
}

#[test]
fn a_feedback_row_named_by_a_person_answers_in_their_role() {
    let w = program(
        "",
        &[(
            "data/feedback.csv",
            "participant_id,respondent_role,submitted_on,rating\n\
             bob,,2024-02-01,4\n\
             bob,mentor,2024-02-02,4\n\
             ,,2024-02-03,4\n",
        )],
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: data/feedback.csv:3: column `respondent_role`: \"mentor\" disagrees with the person who names the pair, its mentee",
            "error: data/feedback.csv:4: column `respondent_role`: missing value (expected one of mentor, mentee)",
        ]
    );
}

#[test]
fn both_sides_reports_of_a_meeting_merge_only_when_asked() {
    // p1 meeting 1 reported on 02-02 (30 min) and 02-01 (no duration); p2
    // uses the same number 1 for its own meeting. Merged: 3 rows, 2
    // meetings, p1's on 02-01 with 30 min; 30 + 45 = 75 min.
    let meetings = "meeting_id,pair_id,date,duration_minutes\n\
                    1,p1,2024-02-02,30\n\
                    1,p1,2024-02-01,\n\
                    1,p2,2024-02-05,45\n";
    let w = program("", &[("data/meetings.csv", meetings)]);
    assert_eq!(
        w.build_errors(),
        [
            "error: data/meetings.csv:3: column `meeting_id`: \"1\" is a duplicate (first on line 2)",
            "error: data/meetings.csv:4: column `meeting_id`: \"1\" is a duplicate (first on line 2)",
        ]
    );
    let w = program(
        "[data.meetings]\nmerge_duplicates = true\n",
        &[("data/meetings.csv", meetings)],
    );
    let check = w.run(&["check"]).success();
    assert!(
        check.stderr().contains(
            "note: meetings: 3 rows made 2 meetings (1 row repeated a pair's meeting_id and merged: merge_duplicates)"
        ),
        "{}",
        check.stderr()
    );
    let site = w.build();
    let json: Value =
        serde_json::from_str(site.text("cohorts/c1/metrics.json")).unwrap_or_default();
    assert_eq!(json["overall"]["meetings"]["count"], 2);
    assert_eq!(json["overall"]["meetings"]["hours"], 75.0 / 60.0);
    // Merged into February 1st: January has none, February two.
    let months: Vec<(String, u64)> = json["months"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| {
            (
                m["month"].as_str().unwrap_or("").to_string(),
                m["meetings"].as_u64().unwrap_or(99),
            )
        })
        .collect();
    assert_eq!(months[0], ("2024-01".to_string(), 0));
    assert_eq!(months[1], ("2024-02".to_string(), 2));
}

#[test]
fn a_scale_value_outside_its_range_and_words_without_a_label() {
    let w = program(
        "[data.feedback.scales]\nrating = [0, 1]\n[data.feedback.values.rating]\n5 = \"Excellent\"\n",
        &[(
            "data/feedback.csv",
            "pair_id,respondent_role,submitted_on,rating\n\
             p1,mentee,2024-02-01,0.75\n\
             p1,mentor,2024-02-02,1.5\n\
             p2,mentee,2024-02-03,excellent\n\
             p2,mentor,2024-02-04,Good\n\
             p2,mentor,2024-02-05,-0.1\n",
        )],
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: data/feedback.csv:3: column `rating`: \"1.5\" is outside the export's scale [0, 1] (`data.feedback.scales.rating`)",
            "error: data/feedback.csv:5: column `rating`: \"Good\" is not a number (expected a number on the export's scale [0, 1] \
             (`data.feedback.scales.rating`), or a label of `[data.feedback.values.rating]`)",
            "error: data/feedback.csv:6: column `rating`: \"-0.1\" is outside the export's scale [0, 1] (`data.feedback.scales.rating`)",
        ]
    );
}

#[test]
fn scales_and_labels_map_onto_mentorbooks_scale() {
    // 0.75 → 4, "excellent" → 5 (the label, not scaled); nps on [1, 7]:
    // 7 → 10, 4 → 5, 1 → 0: one promoter and two detractors of three →
    // −33.3 → −33; with k = 1 nothing is withheld.
    let w = program(
        "[privacy]\nmin_group_size = 1\n\
         [data.feedback.scales]\nrating = [0, 1]\nnps = [1, 7]\n\
         [data.feedback.values.rating]\n5 = \"Excellent\"\n",
        &[(
            "data/feedback.csv",
            "pair_id,respondent_role,submitted_on,rating,nps\n\
             p1,mentee,2024-02-01,0.75,7\n\
             p2,mentee,2024-02-03,excellent,4\n\
             p2,mentor,2024-02-04,,1\n",
        )],
    );
    let f = &overall(&w, "c1")["feedback"];
    assert_eq!(f["ratings"], serde_json::json!([0, 0, 0, 1, 1]));
    assert_eq!(f["nps"], -33);
}

#[test]
fn cohorts_by_name_unknown_shared_and_named_without_a_lookup() {
    let cohorts = "cohort_id,name,start_date\nc1,Spring,2024-01-08\nc2,Autumn,2024-09-02\nc3, spring ,2025-01-06\n";
    let w = program(
        "[data.meetings.lookup]\ncohort_id = \"name\"\n",
        &[
            ("data/cohorts.csv", cohorts),
            (
                "data/meetings.csv",
                "pair_id,cohort_id,date\n\
                 p3,AUTUMN,2024-09-20\n\
                 p1,Sprung,2024-02-01\n\
                 p1,SPRING,2024-02-02\n",
            ),
        ],
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: data/meetings.csv:3: column `cohort_id`: \"Sprung\" is not the name of a cohort in data/cohorts.csv: did you mean \"Spring\"?",
            "error: data/meetings.csv:4: column `cohort_id`: \"SPRING\" is the name of 2 cohorts in data/cohorts.csv (\"c1\", \"c3\"): \
             give them different names, or refer to cohorts by id",
        ]
    );
    let w = program(
        "",
        &[(
            "data/meetings.csv",
            "pair_id,cohort_id,date\np3,Autumn,2024-09-20\np3,c3,2024-09-21\n",
        )],
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: data/meetings.csv:2: column `cohort_id`: \"Autumn\" is not a cohort in data/cohorts.csv: it is the name of cohort \"c2\" \
             (to refer to cohorts by name, set `[data.meetings.lookup] cohort_id = \"name\"`)",
            "error: data/meetings.csv:3: column `cohort_id`: \"c3\" is not a cohort in data/cohorts.csv: did you mean \"c1\"?",
        ]
    );
}

#[test]
fn derive_with_a_pairs_file_present() {
    let w = program("\n[data.pairs]\nderive = true\n", &[]);
    assert_eq!(
        w.build_errors(),
        [
            "error: mentorbook.toml:4: `data.pairs.derive`: the pairs are derived from the other tables, but data/pairs.csv exists \
             (remove `derive = true` to read the file, or the file to derive them)"
        ]
    );
    let w = program(
        "[data.cohorts]\npath = \"cohorts.csv\"\nderive = true\n",
        &[("cohorts.csv", common::COHORTS)],
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: mentorbook.toml:4: `data.cohorts.derive`: the cohorts are derived from the other tables, but `data.cohorts.path` \
             names \"cohorts.csv\" (remove `derive = true` to read the file, or the file to derive them)"
        ]
    );
}

#[test]
fn derived_tables_need_a_cohort_and_a_date() {
    let w = Workdir::empty();
    w.write(
        "mentorbook.toml",
        "[data.pairs]\nderive = true\n[data.cohorts]\nderive = true\n",
    );
    w.write(
        "data/participants.csv",
        "participant_id,cohort_id,role\nann,c9,mentor\nann,c1,mentor\nbob,c1,mentee\n",
    );
    w.write(
        "data/meetings.csv",
        "cohort_id,mentor_id,mentee_id,date\nc1,ann,bob,2024-02-01\n,ann,bob,2024-02-02\n",
    );
    w.write(
        "data/goals.csv",
        "goal_id,mentor_id,mentee_id,created_on,status\ng1,ann,bob,2024-02-01,completed\n",
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: data/goals.csv:1: `data.pairs.derive`: the goals name pairs by their people but have no `cohort_id` column, \
             and derived pairs are per cohort (map one in `[data.goals.columns]`, or give every row one with `[data.goals.constants]`)",
        ]
    );
    w.remove("data/goals.csv");
    assert_eq!(
        w.build_errors(),
        [
            "error: data/participants.csv:2: column `cohort_id`: cohort \"c9\" is named only by rows without a date, so its start \
             cannot be derived (`data.cohorts.derive`: give it a pair, meeting, goal or response, or give the cohorts a file)",
            "error: data/participants.csv:2: column `cohort_id`: \"c9\" is not a cohort in the cohorts derived from the data: \
             did you mean \"c1\"?",
            "error: data/meetings.csv:3: column `cohort_id`: missing value (pairs are derived per cohort: a row naming a mentor \
             and a mentee needs its cohort)",
        ]
    );
}

#[test]
fn a_response_from_a_role_not_asked() {
    let w = program(
        "[data.feedback]\nrespondents = [\"mentee\"]\n",
        &[(
            "data/feedback.csv",
            "pair_id,respondent_role,submitted_on,rating\np1,mentee,2024-02-01,4\np1,mentor,2024-02-02,4\n",
        )],
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: data/feedback.csv:3: column `respondent_role`: a response from a mentor, but `data.feedback.respondents` asks \
             only the mentees (add the role there, or skip these rows with `[data.feedback.skip_if]`)"
        ]
    );
}

#[test]
fn a_placeholder_mentee_is_a_warning_and_strict_makes_it_an_error() {
    let w = Workdir::new();
    w.write(
        "data/pairs.csv",
        "pair_id,cohort_id,mentor_id,mentee_id,matched_on\n\
         p1,c1,ann,Mentee,2024-01-15\n\
         p2,c1,bob,Mentee,2024-01-20\n\
         p3,c1,cat,Mentee,2024-02-01\n\
         p4,c2,dan,eve,2024-09-10\n",
    );
    let warning = "warning: data/pairs.csv: \"Mentee\" is the mentee of 3 pairs, 3 of them at the same time (on 2024-02-01): \
                   if this id stands for several people (a placeholder such as \"Mentee\" in an export that masks names), \
                   figures that count people (mentors, mentees, match rate) are wrong";
    let check = w.run(&["check"]).success();
    assert_eq!(check.diagnostics(), [warning]);
    let strict = w.run(&["check", "--strict"]);
    assert_eq!(strict.code(), 1);
    assert_eq!(
        strict.diagnostics(),
        [warning.replacen("warning:", "error:", 1)]
    );
}

#[test]
fn counts_are_singular_or_plural() {
    let w = Workdir::empty();
    w.write("mentorbook.toml", "");
    w.write(
        "data/cohorts.csv",
        "cohort_id,name,start_date\nc1,One,2024-01-08\n",
    );
    w.write(
        "data/pairs.csv",
        "pair_id,cohort_id,mentor_id,mentee_id,matched_on\np1,c1,ann,bob,2024-01-15\n",
    );
    w.write("data/meetings.csv", "pair_id,date\np1,2024-02-01\n");
    w.write(
        "data/goals.csv",
        "goal_id,pair_id,created_on,status\ng1,p1,2024-02-01,in_progress\n",
    );
    w.write(
        "data/feedback.csv",
        "pair_id,respondent_role,submitted_on,rating\np1,mentee,2024-02-01,4\n",
    );
    let check = w.run(&["check"]).success();
    assert_eq!(
        check.stdout().lines().next(),
        Some(
            "Checked 1 cohort, 0 participants, 1 pair, 1 meeting, 1 goal, 1 feedback row, 0 handbook pages: 0 errors, 0 warnings"
        )
    );
    assert!(
        check
            .stdout()
            .contains("Privacy: 6 feedback figures withheld: 6 from fewer than 5 responses,"),
        "{}",
        check.stdout()
    );
    let report = w
        .run(&["report", "--quarter", "2024-Q1", "-o", "r.html"])
        .success();
    assert!(
        report.stdout().contains("(1 cohort)"),
        "{}",
        report.stdout()
    );
}
