//! The test-program builder: tiny programs written in Rust, run through [`compute`], for the metrics and charts tests.

use super::{CohortIx, ProgramMetrics, compute};
use crate::config::Config;
use crate::data::{
    Cohort, Enrolment, Feedback, Goal, GoalStatus, Meeting, Pair, PairIx, PersonIx, Program, Role,
};
use crate::date::Date;

/// The date `s` (YYYY-MM-DD); a far-off date when `s` is not one.
pub(crate) fn d(s: &str) -> Date {
    Date::parse_default(s).unwrap_or(Date(i32::MIN / 4))
}

/// A program under construction.
pub(crate) struct TestProgram {
    pub(crate) program: Program,
}

impl TestProgram {
    /// A program with no cohort, and empty meetings, goals and feedback tables.
    pub(crate) fn new() -> TestProgram {
        TestProgram {
            program: Program {
                meetings: Some(Vec::new()),
                goals: Some(Vec::new()),
                feedback: Some(Vec::new()),
                ..Program::default()
            },
        }
    }

    /// Adds cohort `id`, named "Cohort {id}".
    pub(crate) fn cohort(&mut self, id: &str, start: &str, end: Option<&str>) -> CohortIx {
        self.cohort_named(id, &format!("Cohort {id}"), start, end)
    }

    pub(crate) fn cohort_named(
        &mut self,
        id: &str,
        name: &str,
        start: &str,
        end: Option<&str>,
    ) -> CohortIx {
        self.program.cohorts.push(Cohort {
            id: id.into(),
            slug: id.to_lowercase(),
            name: name.into(),
            start_date: d(start),
            end_date: end.map(d),
            description: None,
            track: None,
        });
        (self.program.cohorts.len() - 1) as CohortIx
    }

    fn person(&mut self, person: PersonIx) {
        self.program.people = self.program.people.max(person as usize + 1);
    }

    pub(crate) fn pair(
        &mut self,
        cohort: CohortIx,
        mentor: PersonIx,
        mentee: PersonIx,
        matched: &str,
        ended: Option<&str>,
    ) -> PairIx {
        self.person(mentor);
        self.person(mentee);
        self.program.pairs.push(Pair {
            cohort,
            mentor,
            mentee,
            matched_on: d(matched),
            ended_on: ended.map(d),
            status: None,
        });
        (self.program.pairs.len() - 1) as PairIx
    }

    pub(crate) fn meeting(&mut self, pair: PairIx, date: &str, minutes: Option<f64>) {
        if let Some(m) = self.program.meetings.as_mut() {
            m.push(Meeting {
                pair,
                date: d(date),
                duration_minutes: minutes.into(),
            });
        }
    }

    pub(crate) fn goal(
        &mut self,
        pair: PairIx,
        created: &str,
        status: GoalStatus,
        due: Option<&str>,
        completed: Option<&str>,
    ) {
        if let Some(g) = self.program.goals.as_mut() {
            g.push(Goal {
                pair,
                created_on: d(created),
                status,
                due_on: due.map(d),
                completed_on: completed.map(d),
                title: None,
            });
        }
    }

    /// A feedback row of `pair`'s cohort.
    pub(crate) fn feedback(
        &mut self,
        pair: PairIx,
        role: Role,
        date: &str,
        rating: Option<u8>,
        nps: Option<u8>,
    ) {
        let cohort = self.program.pairs[pair as usize].cohort;
        self.feedback_row(cohort, Some(pair), role, date, rating, nps);
    }

    /// A feedback row of `cohort`, with or without a pair.
    pub(crate) fn feedback_row(
        &mut self,
        cohort: CohortIx,
        pair: Option<PairIx>,
        role: Role,
        date: &str,
        rating: Option<u8>,
        nps: Option<u8>,
    ) {
        if let Some(f) = self.program.feedback.as_mut() {
            f.push(Feedback {
                cohort,
                pair,
                role,
                submitted_on: d(date),
                rating,
                nps,
                comment: None,
            });
        }
    }

    pub(crate) fn enrol(&mut self, person: PersonIx, cohort: CohortIx, role: Role) {
        self.person(person);
        self.program
            .participants
            .get_or_insert_with(Vec::new)
            .push(Enrolment {
                person,
                cohort,
                role,
            });
    }

    /// The metrics as of `as_of` (the latest event when `None`), default config.
    pub(crate) fn run(&self, as_of: Option<&str>) -> ProgramMetrics {
        self.run_with(as_of, |_| {})
    }

    /// [`TestProgram::run`] with the config changed by `tweak`.
    pub(crate) fn run_with(
        &self,
        as_of: Option<&str>,
        tweak: impl FnOnce(&mut Config),
    ) -> ProgramMetrics {
        let mut config = Config::default();
        config.data.as_of = as_of.map(d);
        tweak(&mut config);
        match compute(&self.program, &config) {
            Ok(m) => m,
            Err(e) => panic!("compute failed: {e}"),
        }
    }
}
