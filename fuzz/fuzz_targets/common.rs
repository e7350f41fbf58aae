//! A program folder reused across fuzz iterations.

#![allow(dead_code)]

use std::path::Path;
use std::sync::OnceLock;

pub fn folder() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}")))
        .path()
}

/// Empties the folder, then writes `files` (relative path, bytes).
pub fn write(root: &Path, files: &[(&str, &[u8])]) {
    for entry in ["mentorbook.toml", "data", "content", "roles.toml"] {
        let p = root.join(entry);
        if p.is_dir() {
            let _ = std::fs::remove_dir_all(&p);
        } else {
            let _ = std::fs::remove_file(&p);
        }
    }
    for (rel, bytes) in files {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("mkdir: {e}"));
        }
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write: {e}"));
    }
}

pub const COHORTS: &str =
    "cohort_id,name,start_date,end_date\nc1,Spring,2024-01-08,2024-06-30\nc2,Autumn,2024-09-02,\n";
pub const PAIRS: &str = "pair_id,cohort_id,mentor_id,mentee_id,matched_on,ended_on,status\np1,c1,ann,bob,2024-01-15,2024-06-30,completed\np2,c1,ann,cat,2024-02-01,,active\np3,c2,dan,eve,2024-09-10,,active\n";

/// A config that maps every table from a platform-style export
/// (`;`-separated, US dates, other column names and values).
pub const MAPPED_CONFIG: &str = r#"title = "Fuzz"
[data.cohorts]
delimiter = ";"
date_format = "%m/%d/%Y"
[data.cohorts.columns]
cohort_id = "Cohort Code"
name = "Cohort Name"
start_date = "Start Date"
end_date = "End Date"
[data.pairs]
delimiter = ";"
date_format = "%m/%d/%Y"
[data.pairs.columns]
pair_id = "Match ID"
cohort_id = "Cohort Code"
mentor_id = "Mentor ID"
mentee_id = "Mentee ID"
matched_on = "Match Date"
ended_on = "End Date"
status = "Match Status"
[data.pairs.values.status]
active = ["Active"]
completed = ["Completed"]
ended_early = ["Ended Early"]
[data.participants]
delimiter = ";"
[data.participants.columns]
participant_id = "Person ID"
cohort_id = "Cohort Code"
role = "Role"
name = "Full Name"
[data.participants.values.role]
mentor = ["Mentor", "M"]
mentee = ["Mentee", "E"]
[data.meetings]
delimiter = ";"
date_format = "%m/%d/%Y"
[data.meetings.columns]
pair_id = "Match ID"
date = "Meeting Date"
duration_minutes = "Length (min)"
[data.goals]
delimiter = ";"
date_format = "%m/%d/%Y"
[data.goals.columns]
goal_id = "Goal ID"
pair_id = "Match ID"
created_on = "Created"
status = "Goal Status"
title = "Goal"
completed_on = "Completed"
due_on = "Target Date"
[data.goals.values.status]
not_started = ["Not Started"]
in_progress = ["In Progress"]
completed = ["Done", "Achieved"]
abandoned = ["Dropped"]
[data.feedback]
delimiter = ";"
date_format = "%m/%d/%Y"
[data.feedback.columns]
respondent_role = "Role"
submitted_on = "Submitted"
pair_id = "Match ID"
cohort_id = "Cohort Code"
rating = "Rating (1-5)"
nps = "Likelihood to recommend"
comment = "Comments"
[data.feedback.values.respondent_role]
mentor = ["Mentor"]
mentee = ["Mentee"]
[privacy]
publish_comments = true
publish_goal_titles = true
"#;

pub const MAPPED_COHORTS: &str = "Cohort Code;Cohort Name;Start Date;End Date\nc1;Spring;01/08/2024;06/30/2024\nc2;Autumn;09/02/2024;\n";
pub const MAPPED_PAIRS: &str = "Match ID;Cohort Code;Mentor ID;Mentee ID;Match Date;End Date;Match Status\np1;c1;ann;bob;01/15/2024;06/30/2024;Completed\np2;c1;ann;cat;02/01/2024;;Active\np3;c2;dan;eve;09/10/2024;;Active\n";

pub const TABLES: [&str; 6] = [
    "cohorts",
    "pairs",
    "participants",
    "meetings",
    "goals",
    "feedback",
];
