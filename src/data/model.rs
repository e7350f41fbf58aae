//! The loaded program in compact typed form: ids interned to indices, dates as days.
//!
//! Nothing personal that the output never shows is kept: participant names,
//! emails and departments are read for validation only. Goal titles and
//! feedback comments are kept only when the config opts in to publishing them.

use crate::date::Date;

/// Index into [`Program::cohorts`] (cohorts-table order).
pub type CohortIx = u32;
/// Index into [`Program::pairs`] (pairs-table order).
pub type PairIx = u32;
/// An interned participant id (shared by `participant_id`, `mentor_id` and `mentee_id`).
pub type PersonIx = u32;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Role {
    Mentor,
    Mentee,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::Mentor, Role::Mentee];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Mentor => "mentor",
            Role::Mentee => "mentee",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PairStatus {
    Active,
    Completed,
    EndedEarly,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum GoalStatus {
    NotStarted,
    InProgress,
    Completed,
    Abandoned,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cohort {
    pub id: String,
    /// Path segment for `cohorts/<slug>/` (SPEC §5), unique in the program.
    pub slug: String,
    pub name: String,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub description: Option<String>,
    pub track: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pair {
    pub cohort: CohortIx,
    pub mentor: PersonIx,
    pub mentee: PersonIx,
    pub matched_on: Date,
    pub ended_on: Option<Date>,
    pub status: Option<PairStatus>,
}

/// One row of the participants table: a person enrolled in a cohort in a role.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Enrolment {
    pub person: PersonIx,
    pub cohort: CohortIx,
    pub role: Role,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Meeting {
    pub pair: PairIx,
    pub date: Date,
    pub duration_minutes: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    pub pair: PairIx,
    pub created_on: Date,
    pub status: GoalStatus,
    pub due_on: Option<Date>,
    pub completed_on: Option<Date>,
    /// Kept only with `privacy.publish_goal_titles`.
    pub title: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Feedback {
    /// The pair's cohort, or the row's `cohort_id` when it has no pair.
    pub cohort: CohortIx,
    pub pair: Option<PairIx>,
    pub role: Role,
    pub submitted_on: Date,
    /// 1–5.
    pub rating: Option<u8>,
    /// 0–10.
    pub nps: Option<u8>,
    /// Kept only with `privacy.publish_comments`.
    pub comment: Option<String>,
}

/// Every table of a program folder, validated. Optional tables that the
/// folder does not have are `None`, so pages can say "no data provided".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Program {
    pub cohorts: Vec<Cohort>,
    pub pairs: Vec<Pair>,
    pub participants: Option<Vec<Enrolment>>,
    pub meetings: Option<Vec<Meeting>>,
    pub goals: Option<Vec<Goal>>,
    pub feedback: Option<Vec<Feedback>>,
    /// How many distinct person ids were interned.
    pub people: usize,
}

/// The path segment of a cohort id (SPEC §5): ASCII letters lowercased,
/// ASCII digits kept, every run of other characters one `-`, trimmed.
pub fn slugify(id: &str) -> String {
    let mut slug = String::with_capacity(id.len());
    let mut pending_dash = false;
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs() {
        assert_eq!(slugify("2024 Spring"), "2024-spring");
        assert_eq!(slugify("--Été 2024//Q1--"), "t-2024-q1");
        assert_eq!(slugify("../../etc"), "etc");
        assert_eq!(slugify("ÉÉ"), "");
        assert_eq!(slugify("A__b"), "a-b");
    }
}
