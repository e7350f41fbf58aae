//! `mentorbook check` on fixture programs, one per class of bad input.
//!
//! Each asserts the exact lines printed and the exit status.

mod common;

use common::{COHORTS, PAIRS, Workdir};

/// Runs `check` and asserts exit status 1 and exactly these diagnostics.
fn assert_errors(w: &Workdir, expected: &[&str]) {
    let run = w.run(&["check"]);
    assert_eq!(run.diagnostics(), expected, "stderr:\n{}", run.stderr());
    assert_eq!(run.code(), 1, "stderr:\n{}", run.stderr());
    assert!(
        run.stdout().is_empty(),
        "nothing on stdout: {}",
        run.stdout()
    );
}

#[test]
fn a_valid_program_checks_clean_with_a_summary() {
    let w = Workdir::new();
    w.write(
        "data/meetings.csv",
        "pair_id,date,duration_minutes\np1,2024-01-20,45\np3,2024-09-20,\n",
    );
    let run = w.run(&["check"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(run.stderr(), "");
    assert_eq!(
        run.stdout(),
        "Checked 2 cohorts, 0 participants, 3 pairs, 2 meetings, 0 goals, 0 feedback rows, 0 handbook pages: 0 errors, 0 warnings\n\
         Privacy: 0 feedback figures withheld: 0 from fewer than 5 responses, 0 more so that those cannot be worked out by subtraction, 0 more so that they cannot be worked out by combining totals; none can be worked out from what is published (see docs/privacy.md)\n"
    );
}

#[test]
fn global_flags_go_before_or_after_the_command() {
    let w = Workdir::new();
    let root = w.path().to_string_lossy().into_owned();
    let elsewhere = Workdir::empty();
    for args in [
        vec!["--root", root.as_str(), "check"],
        vec!["check", "--root", root.as_str()],
        vec!["-q", "check", "--root", root.as_str()],
    ] {
        let run = elsewhere.run(&args);
        assert_eq!(run.code(), 0, "{args:?}: {}", run.stderr());
    }
    let quiet = elsewhere.run(&["check", "-q", "--root", &root]);
    assert_eq!(quiet.stdout(), "");
}

#[test]
fn wrong_usage_exits_2() {
    let w = Workdir::new();
    assert_eq!(w.run(&["check", "--no-such-flag"]).code(), 2);
    assert_eq!(w.run(&["no-such-command"]).code(), 2);
}

#[test]
fn missing_config() {
    let w = Workdir::new();
    w.remove("mentorbook.toml");
    let run = w.run(&["check"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr()
            .starts_with("error: mentorbook.toml: not found in ."),
        "{}",
        run.stderr()
    );
}

#[test]
fn unknown_config_key_names_the_closest() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        "title = \"x\"\n[metrics]\nquiet_dayz = 20\n",
    );
    assert_errors(
        &w,
        &[
            "error: mentorbook.toml:3: unknown key `quiet_dayz`: did you mean `quiet_days`? \
           (expected one of `quiet_days`, `fiscal_year_start_month`)",
        ],
    );
}

#[test]
fn config_toml_syntax_error_has_its_line() {
    let w = Workdir::new();
    w.write("mentorbook.toml", "title = \"x\"\n\n[data\n");
    let run = w.run(&["check"]);
    assert_eq!(run.code(), 1);
    let lines = run.diagnostics();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("error: mentorbook.toml:3: "),
        "{lines:?}"
    );
}

#[test]
fn required_table_missing() {
    let w = Workdir::new();
    w.remove("data/pairs.csv");
    assert_errors(
        &w,
        &[
            "error: data/pairs.csv: the `pairs` table is required but neither data/pairs.csv nor data/pairs.toml exists",
        ],
    );
}

#[test]
fn zero_byte_file() {
    let w = Workdir::new();
    w.write("data/meetings.csv", "");
    assert_errors(
        &w,
        &[
            "error: data/meetings.csv:1: the file is empty (expected a header row naming the columns)",
        ],
    );
}

#[test]
fn invalid_utf8() {
    let w = Workdir::new();
    w.write_bytes(
        "data/meetings.csv",
        b"pair_id,date\np1,2024-01-20\np1,2024-01-2\xe9\n",
    );
    assert_errors(
        &w,
        &[
            "error: data/meetings.csv:3: the text is not UTF-8 (save the export as UTF-8 and try again)",
        ],
    );
}

#[test]
fn row_with_too_many_fields() {
    let w = Workdir::new();
    w.write(
        "data/meetings.csv",
        "pair_id,date\np1,2024-01-20\np1,2024-01-21,extra\n",
    );
    assert_errors(
        &w,
        &[
            "error: data/meetings.csv:3: the row has 3 fields but the header has 2 (check the delimiter and the quoting)",
        ],
    );
}

#[test]
fn header_missing() {
    let w = Workdir::new();
    w.write("data/meetings.csv", "p1,2024-01-20\np1,2024-01-21\n");
    assert_errors(
        &w,
        &[
            "error: data/meetings.csv:1: missing required column `pair_id` (the file has \"p1\", \"2024-01-20\"; map another header to it with `[data.meetings.columns]`, or map `mentor_id`, `mentee_id` or `participant_id` instead)",
            "error: data/meetings.csv:1: missing required column `date` (the file has \"p1\", \"2024-01-20\"; map another header to it with `[data.meetings.columns]`)",
        ],
    );
}

#[test]
fn a_two_megabyte_field_is_reported_shortened() {
    let w = Workdir::new();
    let long = "x".repeat(2 * 1024 * 1024);
    w.write(
        "data/meetings.csv",
        &format!("pair_id,date\np1,2024-01-20\np1,{long}\n"),
    );
    let shown = format!("{}…", "x".repeat(60));
    assert_errors(
        &w,
        &[&format!(
            "error: data/meetings.csv:3: column `date`: \"{shown}\" is not a date (expected YYYY-MM-DD)"
        )],
    );
}

#[test]
fn bad_dates_numbers_and_sets() {
    let w = Workdir::new();
    w.write(
        "data/meetings.csv",
        "pair_id,date,duration_minutes\n\
         p1,2024-13-05,30\n\
         p1,2024-02-30,30\n\
         p1,2024-3-5,30\n\
         p1,2024-03-05,-5\n\
         p1,2024-03-05,an hour\n",
    );
    w.write(
        "data/goals.csv",
        "goal_id,pair_id,created_on,status\ng1,p1,2024-02-01,Done\n",
    );
    w.write(
        "data/feedback.csv",
        "respondent_role,submitted_on,pair_id,rating,nps\n\
         mentor,2024-03-01,p1,6,\n\
         coach,2024-03-01,p1,4,\n\
         mentee,2024-03-01,p1,,11\n\
         mentee,2024-03-01,p1,3.5,\n",
    );
    assert_errors(
        &w,
        &[
            "error: data/meetings.csv:2: column `date`: \"2024-13-05\" is not a date (expected YYYY-MM-DD)",
            "error: data/meetings.csv:3: column `date`: \"2024-02-30\" is not a date (expected YYYY-MM-DD)",
            "error: data/meetings.csv:4: column `date`: \"2024-3-5\" is not a date (expected YYYY-MM-DD)",
            "error: data/meetings.csv:5: column `duration_minutes`: \"-5\" is negative (expected minutes, 0 or more)",
            "error: data/meetings.csv:6: column `duration_minutes`: \"an hour\" is not a number (expected minutes, 0 or more)",
            "error: data/goals.csv:2: column `status`: \"Done\" is not a valid value (expected one of not_started, in_progress, completed, abandoned)",
            "error: data/feedback.csv:2: column `rating`: \"6\" is out of range (expected a whole number from 1 to 5)",
            "error: data/feedback.csv:3: column `respondent_role`: \"coach\" is not a valid value (expected one of mentor, mentee)",
            "error: data/feedback.csv:4: column `nps`: \"11\" is out of range (expected a whole number from 0 to 10)",
            "error: data/feedback.csv:5: column `rating`: \"3.5\" is not a whole number (expected 1 to 5)",
        ],
    );
}

#[test]
fn duplicate_keys() {
    let w = Workdir::new();
    w.write(
        "data/cohorts.csv",
        &format!("{COHORTS}c1,Again,2024-01-01,\n"),
    );
    w.write(
        "data/pairs.csv",
        &format!("{PAIRS}p2,c1,ann,dan,2024-02-01,,\n"),
    );
    w.write(
        "data/participants.csv",
        "participant_id,cohort_id,role\nann,c1,mentor\nbob,c1,mentee\ncat,c1,mentee\nann,c1,mentor\nann,c2,mentor\ndan,c2,mentor\neve,c2,mentee\n",
    );
    w.write(
        "data/meetings.csv",
        "meeting_id,pair_id,date\nm1,p1,2024-01-20\nm1,p1,2024-01-27\n",
    );
    w.write(
        "data/goals.csv",
        "goal_id,pair_id,created_on,status\ng1,p1,2024-02-01,in_progress\ng1,p1,2024-02-01,in_progress\n",
    );
    w.write(
        "data/feedback.csv",
        "response_id,respondent_role,submitted_on,pair_id,rating\nr1,mentor,2024-03-01,p1,4\nr1,mentee,2024-03-01,p1,4\n",
    );
    assert_errors(
        &w,
        &[
            "error: data/cohorts.csv:4: column `cohort_id`: \"c1\" is a duplicate (first on line 2)",
            "error: data/participants.csv:5: column `participant_id`: \"ann\" is already enrolled in cohort \"c1\" (line 2)",
            "error: data/pairs.csv:5: column `pair_id`: \"p2\" is a duplicate (first on line 3)",
            "error: data/meetings.csv:3: column `meeting_id`: \"m1\" is a duplicate (first on line 2)",
            "error: data/goals.csv:3: column `goal_id`: \"g1\" is a duplicate (first on line 2)",
            "error: data/feedback.csv:3: column `response_id`: \"r1\" is a duplicate (first on line 2)",
        ],
    );
}

#[test]
fn slug_collisions_and_empty_slugs() {
    let w = Workdir::new();
    w.write(
        "data/cohorts.csv",
        &format!("{COHORTS}C1!,Shouting,2024-01-01,\nÉÉ,Summer,2024-06-01,\n"),
    );
    assert_errors(
        &w,
        &[
            "error: data/cohorts.csv:4: column `cohort_id`: \"C1!\" and \"c1\" (line 2) would share the page address cohorts/c1/ (expected ids that differ in more than case and punctuation)",
            "error: data/cohorts.csv:5: column `cohort_id`: \"ÉÉ\" has no ASCII letter or digit to make a page address from",
        ],
    );
}

#[test]
fn unknown_references_and_dates_out_of_order() {
    let w = Workdir::new();
    w.write(
        "data/cohorts.csv",
        &format!("{COHORTS}c3,Backwards,2024-06-01,2024-05-01\n"),
    );
    w.write(
        "data/pairs.csv",
        &format!(
            "{PAIRS}p4,c9,fay,gus,2024-02-01,,\np5,c1,hal,ida,2024-03-01,2024-02-01,completed\n"
        ),
    );
    w.write("data/meetings.csv", "pair_id,date\np9,2024-01-20\n");
    assert_errors(
        &w,
        &[
            "error: data/cohorts.csv:4: column `end_date`: 2024-05-01 is before start_date 2024-06-01 (expected the same day or later)",
            "error: data/pairs.csv:5: column `cohort_id`: \"c9\" is not a cohort in data/cohorts.csv: did you mean \"c1\"?",
            "error: data/pairs.csv:6: column `ended_on`: 2024-02-01 is before matched_on 2024-03-01 (expected the same day or later)",
            "error: data/meetings.csv:2: column `pair_id`: \"p9\" is not a pair in data/pairs.csv: did you mean \"p1\"?",
        ],
    );
}

#[test]
fn mentor_enrolled_as_mentee() {
    let w = Workdir::new();
    w.write(
        "data/participants.csv",
        "participant_id,cohort_id,role\nann,c1,mentee\nbob,c1,mentee\ncat,c1,mentee\ndan,c2,mentor\neve,c2,mentee\n",
    );
    assert_errors(
        &w,
        &[
            "error: data/pairs.csv:2: column `mentor_id`: \"ann\" is enrolled in cohort \"c1\" as a mentee (data/participants.csv:2), not as a mentor",
            "error: data/pairs.csv:3: column `mentor_id`: \"ann\" is enrolled in cohort \"c1\" as a mentee (data/participants.csv:2), not as a mentor",
        ],
    );
}

#[test]
fn feedback_pair_and_cohort_disagree() {
    let w = Workdir::new();
    w.write(
        "data/feedback.csv",
        "respondent_role,submitted_on,pair_id,cohort_id,rating\n\
         mentor,2024-03-01,p1,c2,4\n\
         mentee,2024-03-01,,c2,5\n\
         mentee,2024-03-01,,,5\n\
         mentee,2024-03-01,p1,,\n",
    );
    assert_errors(
        &w,
        &[
            "error: data/feedback.csv:2: column `cohort_id`: \"c2\" disagrees with pair \"p1\", which is in cohort \"c1\"",
            "error: data/feedback.csv:4: column `pair_id`: missing value (expected a pair id or the pair's people, or a cohort id in `cohort_id`)",
            "error: data/feedback.csv:5: column `rating`: missing value (expected a rating from 1 to 5 or an nps from 0 to 10)",
        ],
    );
}

#[test]
fn feedback_needs_a_pair_or_cohort_column_and_a_rating_or_nps_column() {
    let w = Workdir::new();
    w.write(
        "data/feedback.csv",
        "respondent_role,submitted_on,score\nmentor,2024-03-01,4\n",
    );
    assert_errors(
        &w,
        &[
            "error: data/feedback.csv:1: missing required column `pair_id` or `cohort_id` (the feedback table needs at least one of them, or the pair's people: `mentor_id`, `mentee_id` or `participant_id`)",
            "error: data/feedback.csv:1: missing required column `rating` or `nps` (the feedback table needs at least one of them)",
        ],
    );
}

#[test]
fn a_mapping_to_a_header_the_file_lacks_lists_the_headers() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        "[data.meetings.columns]\npair_id = \"Match ID\"\n",
    );
    w.write("data/meetings.csv", "Pair,Date\np1,2024-01-20\n");
    assert_errors(
        &w,
        &[
            "error: data/meetings.csv:1: column `pair_id` is mapped to \"Match ID\" in the config, but no header matches it (the file has \"Pair\", \"Date\")",
        ],
    );
}

#[test]
fn more_than_fifty_errors_are_counted() {
    let w = Workdir::new();
    let mut csv = String::from("pair_id,date\n");
    for _ in 0..70 {
        csv.push_str("p1,never\n");
    }
    w.write("data/meetings.csv", &csv);
    let run = w.run(&["check"]);
    // The first fifty, in the order of the file, then a count of the rest.
    let mut expected: Vec<String> = (2..=51)
        .map(|line| {
            format!(
                "error: data/meetings.csv:{line}: column `date`: \"never\" is not a date (expected YYYY-MM-DD)"
            )
        })
        .collect();
    expected.push("error: ... and 20 more errors".into());
    assert_eq!(run.diagnostics(), expected);
    assert!(
        run.stderr()
            .ends_with("error: the program folder has problems: 70 errors, 0 warnings\n")
    );
}

#[test]
fn warnings_pass_unless_strict() {
    let w = Workdir::new();
    w.write(
        "data/meetings.csv",
        "pair_id,date\np1,2024-01-01\np1,2024-07-02\n",
    );
    w.write(
        "data/goals.csv",
        "goal_id,pair_id,created_on,status,completed_on\ng1,p1,2024-02-01,completed,\n",
    );
    let expected = [
        "warning: data/meetings.csv:2: column `date`: 2024-01-01 is outside the pair's match window (2024-01-15 to 2024-06-30)",
        "warning: data/meetings.csv:3: column `date`: 2024-07-02 is outside the pair's match window (2024-01-15 to 2024-06-30)",
        "warning: data/goals.csv:2: column `completed_on`: missing for a completed goal (it counts as completed, but not in on-time or completed-in-period figures)",
    ];
    let run = w.run(&["check"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(run.diagnostics(), expected);
    assert!(
        run.stdout().contains(": 0 errors, 3 warnings\nPrivacy: "),
        "{}",
        run.stdout()
    );

    let strict = w.run(&["check", "--strict"]);
    assert_eq!(strict.code(), 1);
    let as_errors: Vec<String> = expected
        .iter()
        .map(|l| l.replacen("warning:", "error:", 1))
        .collect();
    assert_eq!(strict.diagnostics(), as_errors);
}

#[test]
fn csv_dialects_bom_crlf_quoted_newlines_and_case_insensitive_headers() {
    let w = Workdir::new();
    w.write_bytes(
        "data/cohorts.csv",
        b"\xef\xbb\xbf COHORT_ID ,Name,Start_Date,Extra\r\nc1,\"Spring\r\ncohort\",2024-01-08,x\r\nc2,Autumn,2024-09-02,y\r\nc3,\"Bad\"\"date\",2024-02-31,z\r\n",
    );
    assert_errors(
        &w,
        &[
            "error: data/cohorts.csv:5: column `start_date`: \"2024-02-31\" is not a date (expected YYYY-MM-DD)",
        ],
    );
}

#[test]
fn mapped_platform_shapes_load() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        r#"
[data.meetings]
delimiter = ";"
date_format = "%m/%d/%Y"
[data.meetings.columns]
pair_id = "Match ID"
date = "Meeting Date"
[data.goals.values.status]
completed = ["Done", "Achieved"]
"#,
    );
    w.write(
        "data/meetings.csv",
        "Match ID;Meeting Date;Notes\np1;01/20/2024;a;b\np1;2024-01-21;x\n",
    );
    w.write(
        "data/goals.csv",
        "goal_id,pair_id,created_on,status,completed_on\ng1,p1,2024-02-01,ACHIEVED,2024-03-01\ng2,p1,2024-02-01,Finished,\n",
    );
    assert_errors(
        &w,
        &[
            "error: data/meetings.csv:2: the row has 4 fields but the header has 3 (check the delimiter and the quoting)",
            "error: data/meetings.csv:3: column `date`: \"2024-01-21\" is not a date (expected %m/%d/%Y)",
            "error: data/goals.csv:3: column `status`: \"Finished\" is not a valid value (expected one of not_started, in_progress, completed, abandoned, or a label mapped to one in the config)",
        ],
    );
}

#[test]
fn toml_tables_load_and_report_lines() {
    let w = Workdir::new();
    w.write(
        "data/meetings.toml",
        "[[meeting]]\npair_id = \"p1\"\ndate = 2024-01-20\n\n[[meeting]]\npair_id = \"p1\"\ndate = \"2024-01-32\"\n",
    );
    assert_errors(
        &w,
        &[
            "error: data/meetings.toml:5: column `date`: \"2024-01-32\" is not a date (expected YYYY-MM-DD)",
        ],
    );
    w.write(
        "data/meetings.toml",
        "[[meeting]]\npair_id = \"p1\"\ndate = 2024-01-20\nduration_minutes = 45\n",
    );
    let run = w.run(&["check"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stdout().contains(" 1 meeting,"), "{}", run.stdout());
}

#[test]
fn toml_data_syntax_error_has_its_line() {
    let w = Workdir::new();
    w.write(
        "data/meetings.toml",
        "[[meeting]]\npair_id = \"p1\"\ndate = \n",
    );
    let run = w.run(&["check"]);
    assert_eq!(run.code(), 1);
    let lines = run.diagnostics();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("error: data/meetings.toml:3: "),
        "{lines:?}"
    );
}

#[test]
fn both_csv_and_toml_is_ambiguous() {
    let w = Workdir::new();
    w.write("data/meetings.csv", "pair_id,date\n");
    w.write("data/meetings.toml", "");
    assert_errors(
        &w,
        &[
            "error: data/meetings.toml: both data/meetings.csv and data/meetings.toml exist: keep one, or point `data.meetings.path` at the one to read",
        ],
    );
}

#[test]
fn a_bad_date_between_repeats_of_a_good_one_is_reported_each_time() {
    let w = Workdir::new();
    w.write(
        "data/meetings.csv",
        "pair_id,date\np1,2024-01-20\np1,2024-01-20\np1,2024-01-2O\np1,2024-01-20\np1,2024-01-2O\n",
    );
    assert_errors(
        &w,
        &[
            "error: data/meetings.csv:4: column `date`: \"2024-01-2O\" is not a date (expected YYYY-MM-DD)",
            "error: data/meetings.csv:6: column `date`: \"2024-01-2O\" is not a date (expected YYYY-MM-DD)",
        ],
    );
}
