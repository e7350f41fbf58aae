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
    pub duration_minutes: Minutes,
}

/// A meeting's minutes, or none given: an `Option<f64>` in 8 bytes, so a
/// meeting row is 16 bytes, not 24 (the largest table of a program;
/// docs/architecture.md, "Memory"). "None" is one NaN bit pattern that no
/// number read from a file has.
#[derive(Clone, Copy)]
pub struct Minutes(u64);

impl Minutes {
    /// A signalling NaN with a payload: parsing gives only the quiet NaN.
    const NONE: u64 = 0x7ff4_6e6f_6e65_0000;

    pub fn get(self) -> Option<f64> {
        (self.0 != Self::NONE).then(|| f64::from_bits(self.0))
    }
}

impl From<Option<f64>> for Minutes {
    fn from(minutes: Option<f64>) -> Minutes {
        match minutes {
            // Were that very NaN given, it stays a NaN, not "none".
            Some(m) if m.to_bits() == Self::NONE => Minutes(f64::NAN.to_bits()),
            Some(m) => Minutes(m.to_bits()),
            None => Minutes(Self::NONE),
        }
    }
}

impl PartialEq for Minutes {
    fn eq(&self, other: &Minutes) -> bool {
        self.get() == other.get()
    }
}

impl std::fmt::Debug for Minutes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    pub pair: PairIx,
    pub created_on: Date,
    pub status: GoalStatus,
    pub due_on: Option<Date>,
    pub completed_on: Option<Date>,
    /// Kept only with `privacy.publish_goal_titles`.
    pub title: Option<Box<str>>,
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
    pub comment: Option<Box<str>>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::testkit::TestProgram;

    /// Minutes keep every value a file can give, "none" apart from all of
    /// them, in 8 bytes.
    #[test]
    fn minutes_are_an_option_in_eight_bytes() {
        assert_eq!(std::mem::size_of::<Meeting>(), 16);
        for m in [None, Some(0.0), Some(-0.0), Some(30.5), Some(f64::INFINITY)] {
            assert_eq!(Minutes::from(m).get(), m);
        }
        assert!(Minutes::from(Some(f64::NAN)).get().is_some_and(f64::is_nan));
        let sentinel = f64::from_bits(Minutes::NONE);
        assert!(Minutes::from(Some(sentinel)).get().is_some_and(f64::is_nan));
        assert_eq!(format!("{:?}", Minutes::from(Some(45.0))), "Some(45.0)");
    }

    /// Releasing keeps what pages read and nothing else; an optional table
    /// that was there stays present (empty).
    #[test]
    fn releasing_rows_keeps_what_pages_read() {
        let mut fx = TestProgram::new();
        let c = fx.cohort("A", "2024-01-01", None);
        let p = fx.pair(c, 0, 1, "2024-01-10", None);
        fx.meeting(p, "2024-02-01", Some(30.0));
        fx.goal(p, "2024-02-02", GoalStatus::InProgress, None, None);
        fx.goal(p, "2024-02-03", GoalStatus::NotStarted, None, None);
        fx.feedback(p, Role::Mentee, "2024-03-01", Some(4), None);
        let mut program = fx.program;
        program.participants = Some(vec![Enrolment {
            person: 0,
            cohort: c,
            role: Role::Mentor,
        }]);
        if let Some(goals) = &mut program.goals {
            goals[1].title = Some("Read a book".into());
        }
        let before = program.clone();

        let mut with_comments = program.clone();
        with_comments.release_rows_pages_do_not_read(true);
        program.release_rows_pages_do_not_read(false);
        for (p, feedback) in [(&program, 0), (&with_comments, 1)] {
            assert_eq!(p.cohorts, before.cohorts);
            assert_eq!(p.pairs, before.pairs);
            assert_eq!(p.people, before.people);
            assert_eq!(p.participants, Some(Vec::new()));
            assert_eq!(p.meetings, Some(Vec::new()));
            let titles: Vec<_> = p.goals.iter().flatten().map(|g| g.title.clone()).collect();
            assert_eq!(titles, [Some("Read a book".into())]);
            assert_eq!(p.feedback.as_ref().map(Vec::len), Some(feedback));
        }
        // A table the program lacks stays absent.
        let mut none = Program::default();
        none.release_rows_pages_do_not_read(true);
        assert_eq!(none, Program::default());
    }
}
