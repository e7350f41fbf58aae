//! The loaded program in compact typed form: ids interned to indices, dates as days.
//!
//! Nothing personal that the output never shows is kept: participant names,
//! emails and departments are read for validation only. Goal titles and
//! feedback comments are kept only when the config opts in to publishing them.

use crate::date::Date;

pub use crate::config::schema::{GoalStatus, PairStatus, Role};

/// Index into [`Program::cohorts`] (cohorts-table order).
pub type CohortIx = u32;
/// Index into [`Program::pairs`] (pairs-table order).
pub type PairIx = u32;
/// An interned participant id (shared by `participant_id`, `mentor_id` and `mentee_id`).
pub type PersonIx = u32;

#[derive(Clone, Debug, PartialEq)]
pub struct Cohort {
    pub id: String,
    /// Path segment for `cohorts/<slug>/` ([`path_slug`](super::path_slug)
    /// of the id), unique in the program.
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

impl Program {
    /// Gives back the rows that pages never read, once the figures are
    /// computed: `build` holds the program through rendering, and the event
    /// tables are most of its memory (docs/architecture.md, "Memory"). What
    /// stays is what pages read: cohorts, pairs, the goals that have a
    /// title and, when comments are published, the feedback (a comment
    /// group counts every response). An optional table that was there
    /// stays `Some` (empty), so pages still know the program has it.
    pub fn release_rows_pages_do_not_read(&mut self, publish_comments: bool) {
        fn empty<T>(table: &mut Option<Vec<T>>) {
            if let Some(rows) = table {
                *rows = Vec::new();
            }
        }
        empty(&mut self.participants);
        empty(&mut self.meetings);
        if let Some(goals) = &mut self.goals {
            goals.retain(|g| g.title.is_some());
            goals.shrink_to_fit();
        }
        if !publish_comments {
            empty(&mut self.feedback);
        }
    }
}
