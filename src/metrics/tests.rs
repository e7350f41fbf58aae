//! Hand-computed figures on tiny programs built in Rust.

use super::privacy::Withheld;
use super::*;
use crate::config::Config;
use crate::data::{
    Cohort, Enrolment, Feedback, Goal, GoalStatus, Meeting, Pair, PairIx, PersonIx, Program, Role,
};

pub(crate) fn d(s: &str) -> Date {
    Date::parse_default(s).unwrap_or(Date(i32::MIN / 4))
}

/// A program under construction.
pub(crate) struct Fx {
    pub p: Program,
}

impl Fx {
    pub fn new() -> Fx {
        Fx {
            p: Program {
                meetings: Some(Vec::new()),
                goals: Some(Vec::new()),
                feedback: Some(Vec::new()),
                ..Program::default()
            },
        }
    }

    pub fn cohort(&mut self, id: &str, start: &str, end: Option<&str>) -> CohortIx {
        self.p.cohorts.push(Cohort {
            id: id.into(),
            slug: id.to_lowercase(),
            name: format!("Cohort {id}"),
            start_date: d(start),
            end_date: end.map(d),
            description: None,
            track: None,
        });
        (self.p.cohorts.len() - 1) as CohortIx
    }

    fn person(&mut self, person: PersonIx) {
        self.p.people = self.p.people.max(person as usize + 1);
    }

    pub fn pair(
        &mut self,
        cohort: CohortIx,
        mentor: PersonIx,
        mentee: PersonIx,
        matched: &str,
        ended: Option<&str>,
    ) -> PairIx {
        self.person(mentor);
        self.person(mentee);
        self.p.pairs.push(Pair {
            cohort,
            mentor,
            mentee,
            matched_on: d(matched),
            ended_on: ended.map(d),
            status: None,
        });
        (self.p.pairs.len() - 1) as PairIx
    }

    pub fn meeting(&mut self, pair: PairIx, date: &str, minutes: Option<f64>) {
        if let Some(m) = self.p.meetings.as_mut() {
            m.push(Meeting {
                pair,
                date: d(date),
                duration_minutes: minutes,
            });
        }
    }

    pub fn goal(
        &mut self,
        pair: PairIx,
        created: &str,
        status: GoalStatus,
        due: Option<&str>,
        completed: Option<&str>,
    ) {
        if let Some(g) = self.p.goals.as_mut() {
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

    pub fn feedback(
        &mut self,
        pair: PairIx,
        role: Role,
        date: &str,
        rating: Option<u8>,
        nps: Option<u8>,
    ) {
        let cohort = self.p.pairs[pair as usize].cohort;
        self.feedback_row(cohort, Some(pair), role, date, rating, nps);
    }

    pub fn feedback_row(
        &mut self,
        cohort: CohortIx,
        pair: Option<PairIx>,
        role: Role,
        date: &str,
        rating: Option<u8>,
        nps: Option<u8>,
    ) {
        if let Some(f) = self.p.feedback.as_mut() {
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

    pub fn enrol(&mut self, person: PersonIx, cohort: CohortIx, role: Role) {
        self.person(person);
        self.p
            .participants
            .get_or_insert_with(Vec::new)
            .push(Enrolment {
                person,
                cohort,
                role,
            });
    }

    pub fn run(&self, as_of: Option<&str>) -> ProgramMetrics {
        self.run_with(as_of, |_| {})
    }

    pub fn run_with(&self, as_of: Option<&str>, tweak: impl FnOnce(&mut Config)) -> ProgramMetrics {
        let mut config = Config::default();
        config.data.as_of = as_of.map(d);
        tweak(&mut config);
        match compute(&self.p, &config) {
            Ok(m) => m,
            Err(e) => panic!("compute failed: {e}"),
        }
    }
}

fn quarter<'a>(m: &'a ProgramMetrics, cohort: usize, label: &str) -> &'a Metrics {
    match m.cohorts[cohort].quarter(label) {
        Some(q) => &q.metrics,
        None => panic!("no quarter {label}"),
    }
}

fn overall(m: &ProgramMetrics, cohort: usize) -> &Metrics {
    match &m.cohorts[cohort].overall {
        Some(o) => o,
        None => panic!("no overall figures"),
    }
}

const MONTH: f64 = 30.4375;

#[test]
fn pair_matched_mid_quarter() {
    // Cohort from 2024-01-01, as_of 2024-06-30. Pair matched 2024-02-15.
    // Q1 window of the pair: Feb 15..Mar 31 = 15 + 31 = 46 days; Q2: 91 days.
    // Meetings: 2 in Q1 (60 and 30 minutes), 1 in Q2 (no duration).
    let mut fx = Fx::new();
    let c = fx.cohort("A", "2024-01-01", None);
    let p = fx.pair(c, 0, 1, "2024-02-15", None);
    fx.meeting(p, "2024-02-20", Some(60.0));
    fx.meeting(p, "2024-03-20", Some(30.0));
    fx.meeting(p, "2024-05-02", None);
    let m = fx.run(Some("2024-06-30"));
    let q1 = quarter(&m, 0, "2024-Q1");
    assert_eq!((q1.pairs.matched, q1.pairs.active), (1, 1));
    assert_eq!(q1.meetings.pair_days, 46);
    assert_eq!(q1.meetings.pair_months, 46.0 / MONTH);
    assert_eq!(q1.meetings.per_pair_month, Some(2.0 / (46.0 / MONTH)));
    assert_eq!(q1.meetings.hours, 1.5);
    let q2 = quarter(&m, 0, "2024-Q2");
    assert_eq!(q2.meetings.pair_days, 91);
    assert_eq!(q2.meetings.hours, 0.0);
    assert_eq!(q2.meetings.count, 1);
    let all = overall(&m, 0);
    assert_eq!(all.meetings.pair_days, 137);
    assert_eq!(all.meetings.count, 3);
    assert_eq!((all.participants.mentors, all.participants.mentees), (1, 1));
    // Months Jan..Jun: the pair is active from February on.
    let months: Vec<(String, u64, u64)> = m.cohorts[0]
        .months
        .iter()
        .map(|f| (f.month.to_string(), f.meetings, f.active_pairs))
        .collect();
    assert_eq!(
        months,
        [
            ("2024-01".into(), 0, 0),
            ("2024-02".into(), 1, 1),
            ("2024-03".into(), 1, 1),
            ("2024-04".into(), 0, 1),
            ("2024-05".into(), 1, 1),
            ("2024-06".into(), 0, 1),
        ]
    );
}

#[test]
fn pair_ended_early() {
    // Pair matched 2024-01-10, ended 2024-02-20: Q1 days 22 + 20 = 42.
    // In Q2 it is matched (matched_on <= R) but not active; R of Q1
    // (Mar 31) is after its end, so it is in no health group.
    let mut fx = Fx::new();
    let c = fx.cohort("A", "2024-01-01", None);
    fx.pair(c, 0, 1, "2024-01-10", Some("2024-02-20"));
    let m = fx.run(Some("2024-06-30"));
    let q1 = quarter(&m, 0, "2024-Q1");
    assert_eq!((q1.pairs.matched, q1.pairs.active), (1, 1));
    assert_eq!(q1.meetings.pair_days, 42);
    assert_eq!(
        (
            q1.meetings.quiet_pairs,
            q1.meetings.eligible_pairs,
            q1.meetings.too_early_pairs
        ),
        (0, 0, 0)
    );
    assert_eq!(q1.meetings.quiet_share, None);
    let q2 = quarter(&m, 0, "2024-Q2");
    assert_eq!((q2.pairs.matched, q2.pairs.active), (1, 0));
    assert_eq!(q2.meetings.pair_days, 0);
    assert_eq!(q2.meetings.per_pair_month, None);
    assert_eq!((q2.participants.mentors, q2.participants.mentees), (0, 0));
    assert_eq!(m.cohorts[0].months[2].active_pairs, 0); // March
}

#[test]
fn cohort_ended_before_as_of() {
    // Cohort 2024-01-01..2024-05-15, as_of 2024-09-30: S ends 2024-05-15,
    // quarters Q1 and Q2 only; Q2's W = Apr 1..May 15, R = May 15.
    // Pair from 2024-01-01 (no end): Q2 days 30 + 15 = 45.
    // The meeting of 2024-05-20 is outside S. Last meeting in S is
    // 2024-04-10 <= R − 30 = 2024-04-15: quiet at R.
    // The goal completed 2024-06-01 > R is in progress.
    let mut fx = Fx::new();
    let c = fx.cohort("A", "2024-01-01", Some("2024-05-15"));
    let p = fx.pair(c, 0, 1, "2024-01-01", None);
    fx.meeting(p, "2024-04-10", None);
    fx.meeting(p, "2024-05-20", None);
    fx.goal(
        p,
        "2024-02-01",
        GoalStatus::Completed,
        None,
        Some("2024-06-01"),
    );
    let m = fx.run(Some("2024-09-30"));
    let labels: Vec<&str> = m.cohorts[0]
        .quarters
        .iter()
        .map(|q| q.quarter.as_str())
        .collect();
    assert_eq!(labels, ["2024-Q1", "2024-Q2"]);
    let q2 = &m.cohorts[0].quarters[1];
    assert_eq!((q2.start, q2.end), (d("2024-04-01"), d("2024-06-30")));
    assert_eq!(q2.window.end, d("2024-05-15"));
    assert_eq!(q2.metrics.meetings.pair_days, 45);
    assert_eq!(q2.metrics.meetings.count, 1);
    assert_eq!(q2.metrics.meetings.quiet_pairs, 1);
    assert_eq!(q2.metrics.meetings.quiet_share, Some(1.0));
    assert_eq!(q2.metrics.goals.in_progress, 1);
    assert_eq!(q2.metrics.goals.completed, 0);
    assert_eq!(q2.metrics.goals.completion_rate, Some(0.0));
    let all = overall(&m, 0);
    assert_eq!(all.meetings.count, 1);
    assert_eq!(all.meetings.pair_days, 31 + 29 + 31 + 30 + 15);
    assert_eq!(all.meetings.quiet_pairs, 1);
    assert_eq!(all.goals.in_progress, 1);
    assert_eq!(m.cohorts[0].months.len(), 5);
    assert_eq!(m.quarters.len(), 2);
}

#[test]
fn events_after_as_of_are_ignored() {
    // as_of 2024-03-31: the meeting of 2024-04-02, the goal created
    // 2024-04-01, the pair matched 2024-04-05, the end of 2024-05-01 and
    // the feedback of 2024-04-03 are all ignored.
    let mut fx = Fx::new();
    let c = fx.cohort("A", "2024-01-01", None);
    let p = fx.pair(c, 0, 1, "2024-01-01", Some("2024-05-01"));
    let late = fx.pair(c, 2, 3, "2024-04-05", None);
    fx.meeting(p, "2024-03-01", None);
    fx.meeting(p, "2024-04-02", None);
    fx.meeting(late, "2024-04-06", None);
    fx.goal(p, "2024-04-01", GoalStatus::NotStarted, None, None);
    fx.feedback(p, Role::Mentor, "2024-04-03", Some(5), None);
    let m = fx.run(Some("2024-03-31"));
    let all = overall(&m, 0);
    assert_eq!(all.meetings.count, 1);
    assert_eq!(all.pairs.matched, 1);
    assert_eq!(all.pairs.active, 1);
    // The end after as_of is ignored: the pair runs to as_of.
    assert_eq!(all.meetings.pair_days, 91);
    assert_eq!(all.goals.total, 0);
    assert_eq!(all.feedback.all.responses, 0);
    assert_eq!(m.cohorts[0].quarters.len(), 1);
}

#[test]
fn as_of_is_the_latest_event() {
    // Latest event: the pair's ended_on 2024-05-03 (cohort end_date and goal
    // due_on are planned dates and do not count).
    let mut fx = Fx::new();
    let c = fx.cohort("A", "2024-01-01", Some("2024-12-31"));
    let p = fx.pair(c, 0, 1, "2024-01-05", Some("2024-05-03"));
    fx.meeting(p, "2024-04-30", None);
    fx.goal(
        p,
        "2024-01-10",
        GoalStatus::InProgress,
        Some("2024-11-01"),
        None,
    );
    let m = fx.run(None);
    assert_eq!(m.as_of, d("2024-05-03"));
    assert_eq!(m.cohorts[0].span.map(|s| s.end), Some(d("2024-05-03")));
}

#[test]
fn no_dated_event_is_an_error() {
    let mut fx = Fx::new();
    fx.cohort("A", "2024-01-01", None);
    let config = Config::default();
    assert_eq!(
        compute(&fx.p, &config).map(|_| ()),
        Err(MetricsError::NoDatedEvent)
    );
    let mut bad = Config::default();
    bad.data.as_of = Some(d("2024-01-01"));
    bad.metrics.fiscal_year_start_month = 13;
    assert_eq!(
        compute(&fx.p, &bad).map(|_| ()),
        Err(MetricsError::BadFiscalStartMonth(13))
    );
}

#[test]
fn goal_completed_after_r_is_in_progress() {
    // Created 2024-02-01, completed 2024-05-10, due 2024-05-01 (late).
    // Q1 (R = Mar 31): in progress; completion 0/1; on-time null (no
    // completed goal with both dates).
    // Q2 (R = Jun 30): completed, completed in period; on time 0/1.
    let mut fx = Fx::new();
    let c = fx.cohort("A", "2024-01-01", None);
    let p = fx.pair(c, 0, 1, "2024-01-01", None);
    fx.goal(
        p,
        "2024-02-01",
        GoalStatus::Completed,
        Some("2024-05-01"),
        Some("2024-05-10"),
    );
    // Done on time, in Q1: due 2024-03-15, completed 2024-03-01.
    fx.goal(
        p,
        "2024-01-15",
        GoalStatus::Completed,
        Some("2024-03-15"),
        Some("2024-03-01"),
    );
    let m = fx.run(Some("2024-06-30"));
    let q1 = &quarter(&m, 0, "2024-Q1").goals;
    assert_eq!(
        (
            q1.total,
            q1.in_progress,
            q1.completed,
            q1.completed_in_period
        ),
        (2, 1, 1, 1)
    );
    assert_eq!(q1.completion_rate, Some(0.5));
    assert_eq!(q1.on_time_rate, Some(1.0));
    assert_eq!(q1.created_in_period, 2);
    let q2 = &quarter(&m, 0, "2024-Q2").goals;
    assert_eq!(
        (
            q2.total,
            q2.in_progress,
            q2.completed,
            q2.completed_in_period
        ),
        (2, 0, 2, 1)
    );
    assert_eq!(q2.on_time_rate, Some(0.5));
    assert_eq!(q2.created_in_period, 0);
    let all = &overall(&m, 0).goals;
    assert_eq!((all.completed, all.completed_in_period), (2, 2));
    assert_eq!(all.created_in_period, 2);
}

#[test]
fn goal_created_before_cohort_start_counts() {
    // Created 2023-12-01 before the cohort's start 2024-01-01: counted in
    // every total, but created in no period. Abandoned goals leave the
    // completion denominator: 1 completed (no date) / (3 − 1).
    let mut fx = Fx::new();
    let c = fx.cohort("A", "2024-01-01", None);
    let p = fx.pair(c, 0, 1, "2023-12-01", None);
    fx.goal(p, "2023-12-01", GoalStatus::NotStarted, None, None);
    fx.goal(p, "2024-01-03", GoalStatus::Abandoned, None, None);
    fx.goal(p, "2024-01-04", GoalStatus::Completed, None, None);
    let m = fx.run(Some("2024-03-31"));
    let g = &quarter(&m, 0, "2024-Q1").goals;
    assert_eq!(
        (g.total, g.not_started, g.abandoned, g.completed),
        (3, 1, 1, 1)
    );
    assert_eq!(g.created_in_period, 2);
    assert_eq!(g.completion_rate, Some(0.5));
    // Completed with no completed_on: not in on-time, not completed in period.
    assert_eq!(g.on_time_rate, None);
    assert_eq!(g.completed_in_period, 0);
    // The pair matched before the start counts from S's start: 91 days.
    assert_eq!(quarter(&m, 0, "2024-Q1").meetings.pair_days, 91);
}

#[test]
fn zero_denominators_are_null() {
    // A cohort with no pairs and no rows: every rate and mean is null.
    let mut fx = Fx::new();
    fx.cohort("A", "2024-01-01", None);
    let m = fx.run(Some("2024-02-10"));
    let o = overall(&m, 0);
    assert_eq!(o.meetings.hours, 0.0);
    assert_eq!(o.meetings.pair_months, 0.0);
    assert_eq!(o.meetings.per_pair_month, None);
    assert_eq!(o.meetings.quiet_share, None);
    assert_eq!(o.goals.completion_rate, None);
    assert_eq!(o.goals.on_time_rate, None);
    assert_eq!(o.participants.enrolled, None);
    assert_eq!(o.participants.match_rate, None);
    assert_eq!(o.feedback.all.response_rate, None);
    assert_eq!(o.feedback.all.mean_rating, None);
    assert_eq!(o.feedback.all.ratings, Some([0; 5]));
    assert_eq!(o.feedback.all.nps, None);
    assert!(!o.feedback.all.suppressed);
}

#[test]
fn nps_rounds_half_away_from_zero_end_to_end() {
    // 8 mentee rows: 3 promoters (9, 10, 9), 3 passives, 2 detractors:
    // 100 × (3 − 2) / 8 = 12.5 → 13. 8 mentor rows with the counts
    // swapped: −12.5 → −13. All 16: 100 × 0 / 16 = 0.
    let mut fx = Fx::new();
    let c = fx.cohort("A", "2024-01-01", None);
    let p = fx.pair(c, 0, 1, "2024-01-01", None);
    for n in [9, 10, 9, 7, 8, 7, 0, 6] {
        fx.feedback(p, Role::Mentee, "2024-02-01", None, Some(n));
    }
    for n in [9, 10, 7, 8, 7, 0, 6, 3] {
        fx.feedback(p, Role::Mentor, "2024-02-01", None, Some(n));
    }
    let m = fx.run(Some("2024-03-31"));
    let f = &overall(&m, 0).feedback;
    assert_eq!(f.by_role.mentee.nps, Some(13));
    assert_eq!(f.by_role.mentor.nps, Some(-13));
    assert_eq!(f.all.nps, Some(0));
    assert_eq!(f.all.mean_rating, None);
}

#[test]
fn suppression_at_one_k_minus_one_and_k_rows() {
    // k = 5. Mentor: 1 rating row (withheld). Mentee: 4 rating rows
    // (withheld) and 5 nps rows (shown). All: 5 rating rows, 5 nps rows
    // (shown). Responses and response rates are never withheld.
    let mut fx = Fx::new();
    let c = fx.cohort("A", "2024-01-01", None);
    let p = fx.pair(c, 0, 1, "2024-01-01", None);
    fx.feedback(p, Role::Mentor, "2024-02-01", Some(4), None);
    for r in [5, 4, 4, 3] {
        fx.feedback(p, Role::Mentee, "2024-02-01", Some(r), Some(9));
    }
    fx.feedback(p, Role::Mentee, "2024-02-02", None, Some(5));
    let m = fx.run(Some("2024-03-31"));
    let f = &quarter(&m, 0, "2024-Q1").feedback;
    let mentor = &f.by_role.mentor;
    assert_eq!(mentor.responses, 1);
    assert_eq!(mentor.response_rate, Some(1.0));
    assert_eq!((mentor.mean_rating, mentor.ratings), (None, None));
    assert!(mentor.suppressed);
    assert_eq!(mentor.ratings_withheld, Withheld::SmallGroup);
    // No nps rows: nothing to withhold, shown as null.
    assert_eq!(mentor.nps_withheld, Withheld::Shown);
    let mentee = &f.by_role.mentee;
    assert_eq!(mentee.ratings, None);
    assert_eq!(mentee.ratings_withheld, Withheld::SmallGroup);
    // nps: 4 promoters, 1 detractor of 5 → 60, shown (k rows).
    assert_eq!(mentee.nps, Some(60));
    assert!(mentee.suppressed);
    // All: 5 rating rows → shown; mean (4+5+4+4+3)/5 = 4.0.
    assert_eq!(f.all.ratings, Some([0, 0, 1, 3, 1]));
    assert_eq!(f.all.mean_rating, Some(4.0));
    assert_eq!(f.all.nps, Some(60));
    assert!(!f.all.suppressed);
    assert_eq!(f.all.responses, 6);
    assert_eq!(f.all.response_rate, Some(1.0));
    let json = cohort_json(m.as_of, &m.cohorts[0]);
    assert!(json.contains("\"suppressed\": true"));
    assert!(json.contains("\"ratings\": null"));
    // Per quarter, overall and program: 2 small ratings figures each.
    assert_eq!(m.privacy.small_group, 6);
    assert_eq!(m.privacy.determined, 0);
    // With k = 1 nothing is withheld.
    let open = fx.run_with(Some("2024-03-31"), |c| c.privacy.min_group_size = 1);
    assert_eq!(open.privacy, PrivacySummary::default());
    assert_eq!(
        overall(&open, 0).feedback.by_role.mentor.ratings,
        Some([0, 0, 0, 1, 0])
    );
}

#[test]
fn quiet_and_too_early_pairs() {
    // R = 2024-06-30, quiet_days 30: cutoff R − 30 = 2024-05-31; a pair is
    // quiet with no meeting in (May 31, Jun 30].
    // A: matched Jan 1, last met May 31 → quiet.
    // B: matched Jan 1, met Jun 1 → on track.
    // C: matched Jun 10 → too early.
    // D: matched May 31 (exactly 30 days before R), never met → quiet.
    // E: ended Jun 15 → not active on R.
    // quiet 2 of eligible 3; too early 1.
    let mut fx = Fx::new();
    let c = fx.cohort("A", "2024-01-01", None);
    let a = fx.pair(c, 0, 1, "2024-01-01", None);
    let b = fx.pair(c, 2, 3, "2024-01-01", None);
    fx.pair(c, 4, 5, "2024-06-10", None);
    fx.pair(c, 6, 7, "2024-05-31", None);
    let e = fx.pair(c, 8, 9, "2024-01-01", Some("2024-06-15"));
    fx.meeting(a, "2024-05-31", None);
    fx.meeting(a, "2024-01-31", None);
    fx.meeting(b, "2024-06-01", None);
    fx.meeting(e, "2024-01-05", None);
    let m = fx.run(Some("2024-06-30"));
    let q2 = &quarter(&m, 0, "2024-Q2").meetings;
    assert_eq!(
        (q2.quiet_pairs, q2.eligible_pairs, q2.too_early_pairs),
        (2, 3, 1)
    );
    assert_eq!(q2.quiet_share, Some(2.0 / 3.0));
    // Q1 (R = Mar 31, cutoff Mar 1): A, B, E eligible; A met Jan 31, B and
    // E not since Jan 5 → all three quiet.
    let q1 = &quarter(&m, 0, "2024-Q1").meetings;
    assert_eq!(
        (q1.quiet_pairs, q1.eligible_pairs, q1.too_early_pairs),
        (3, 3, 0)
    );
    // A longer threshold: 60 days (cutoff May 1) makes D too early too and
    // A on track.
    let m60 = fx.run_with(Some("2024-06-30"), |c| c.metrics.quiet_days = 60);
    let q2 = &quarter(&m60, 0, "2024-Q2").meetings;
    assert_eq!(
        (q2.quiet_pairs, q2.eligible_pairs, q2.too_early_pairs),
        (0, 2, 2)
    );
}

#[test]
fn fiscal_quarters_end_to_end() {
    // m = 7: a cohort from 2024-07-15, as_of 2024-10-05: FY2025-Q1
    // (2024-07-01..2024-09-30) and FY2025-Q2.
    let mut fx = Fx::new();
    let c = fx.cohort("A", "2024-07-15", None);
    let p = fx.pair(c, 0, 1, "2024-07-15", None);
    fx.meeting(p, "2024-10-01", None);
    let m = fx.run_with(Some("2024-10-05"), |c| {
        c.metrics.fiscal_year_start_month = 7
    });
    let q: Vec<(&str, String, String)> = m.cohorts[0]
        .quarters
        .iter()
        .map(|q| (q.quarter.as_str(), q.start.to_string(), q.end.to_string()))
        .collect();
    assert_eq!(
        q,
        [
            ("FY2025-Q1", "2024-07-01".into(), "2024-09-30".into()),
            ("FY2025-Q2", "2024-10-01".into(), "2024-12-31".into()),
        ]
    );
    assert_eq!(quarter(&m, 0, "FY2025-Q1").meetings.pair_days, 17 + 31 + 30);
    assert_eq!(quarter(&m, 0, "FY2025-Q2").meetings.count, 1);
    assert!(m.report("FY2025-Q2").is_some());
}

#[test]
fn upcoming_cohort() {
    let mut fx = Fx::new();
    let c = fx.cohort("A", "2024-01-01", None);
    fx.pair(c, 0, 1, "2024-01-01", None);
    let up = fx.cohort("Next", "2024-09-01", Some("2025-06-30"));
    fx.pair(up, 2, 3, "2024-09-01", None);
    let m = fx.run(Some("2024-03-31"));
    let next = &m.cohorts[1];
    assert!(next.upcoming);
    assert!(next.overall.is_none());
    assert_eq!(
        cohort_json(m.as_of, next),
        r#"{
  "cohort": {
    "id": "Next",
    "name": "Cohort Next",
    "start_date": "2024-09-01",
    "end_date": "2025-06-30"
  },
  "as_of": "2024-03-31",
  "overall": null,
  "quarters": [],
  "months": []
}
"#
    );
    // In no report.
    assert_eq!(m.quarters.len(), 1);
    assert_eq!(m.quarters[0].cohorts.len(), 1);
    assert_eq!(m.quarters[0].cohorts[0].id, "A");
}

#[test]
fn program_pools_cohorts_with_distinct_mentors() {
    // Q1 2024: cohort A (pairs 0–1, 0–2) and cohort B (pair 0–3): mentor 0
    // is in both, so the program has 1 mentor and 3 mentees; cohort
    // figures sum to 2 mentors. Cohort C starts in Q2: not in Q1's report.
    // Enrolled: A has 3 (mentee 4 unmatched), B has 2 → program 5, 1
    // unmatched, match rate 4/5.
    // Response rate: A mentees of both pairs responded, B nobody with a
    // pair → pooled mentee rate 2/3, mentor 0/3, all 2/6.
    let mut fx = Fx::new();
    let a = fx.cohort("A", "2024-01-01", None);
    let b = fx.cohort("B", "2024-02-01", Some("2024-03-31"));
    let c = fx.cohort("C", "2024-04-01", None);
    let a1 = fx.pair(a, 0, 1, "2024-01-01", None);
    let a2 = fx.pair(a, 0, 2, "2024-01-01", None);
    let b1 = fx.pair(b, 0, 3, "2024-02-01", None);
    fx.pair(c, 5, 6, "2024-04-01", None);
    fx.enrol(0, a, Role::Mentor);
    fx.enrol(1, a, Role::Mentee);
    fx.enrol(4, a, Role::Mentee);
    fx.enrol(0, b, Role::Mentor);
    fx.enrol(3, b, Role::Mentee);
    fx.feedback(a1, Role::Mentee, "2024-02-01", Some(5), None);
    fx.feedback(a2, Role::Mentee, "2024-02-01", Some(3), None);
    fx.feedback_row(b, None, Role::Mentor, "2024-03-01", Some(4), None);
    fx.meeting(a1, "2024-01-10", Some(45.0));
    fx.meeting(b1, "2024-02-10", Some(45.0));
    let m = fx.run_with(Some("2024-06-30"), |c| c.privacy.min_group_size = 1);
    let r = match m.report("2024-Q1") {
        Some(r) => r,
        None => panic!("no Q1 report"),
    };
    let ids: Vec<&str> = r.cohorts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["A", "B"]);
    let t = &r.totals;
    assert_eq!((t.participants.mentors, t.participants.mentees), (1, 3));
    let cohort_mentors: u64 = r
        .cohorts
        .iter()
        .map(|c| c.metrics.participants.mentors)
        .sum();
    assert_eq!(cohort_mentors, 2);
    assert_eq!(t.pairs.active, 3);
    assert_eq!(t.participants.enrolled, Some(5));
    assert_eq!(t.participants.unmatched, Some(1));
    assert_eq!(t.participants.match_rate, Some(0.8));
    assert_eq!(t.meetings.count, 2);
    assert_eq!(t.meetings.hours, 1.5);
    // A: 2 × 91 days; B: 60 days.
    assert_eq!(t.meetings.pair_days, 2 * 91 + 60);
    assert_eq!(t.feedback.by_role.mentee.response_rate, Some(2.0 / 3.0));
    assert_eq!(t.feedback.by_role.mentor.response_rate, Some(0.0));
    assert_eq!(t.feedback.all.response_rate, Some(2.0 / 6.0));
    assert_eq!(t.feedback.all.ratings, Some([0, 0, 1, 1, 1]));
    assert_eq!(t.feedback.all.mean_rating, Some(4.0));
    // Cohort B alone: its only row has no pair → rates null.
    let b_q1 = quarter(&m, 1, "2024-Q1");
    assert_eq!(b_q1.feedback.all.response_rate, None);
    assert_eq!(b_q1.feedback.by_role.mentee.response_rate, None);
    assert_eq!(b_q1.participants.match_rate, Some(1.0));
    // Quarter order and previous-quarter lookup.
    let labels: Vec<&str> = m.quarters.iter().map(|q| q.quarter.as_str()).collect();
    assert_eq!(labels, ["2024-Q1", "2024-Q2"]);
    assert_eq!(
        m.previous_report(&m.quarters[1])
            .map(|q| q.quarter.as_str()),
        Some("2024-Q1")
    );
    let q2_ids: Vec<&str> = m.quarters[1]
        .cohorts
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(q2_ids, ["A", "C"]);
}

#[test]
fn unmatched_until_matched_by_r() {
    // Enrolled mentee 2 is matched on 2024-05-01: unmatched at Q1's R,
    // matched at Q2's. Mentee 3 is never matched.
    let mut fx = Fx::new();
    let c = fx.cohort("A", "2024-01-01", None);
    fx.pair(c, 0, 1, "2024-01-01", None);
    fx.pair(c, 0, 2, "2024-05-01", None);
    for (person, role) in [
        (0, Role::Mentor),
        (1, Role::Mentee),
        (2, Role::Mentee),
        (3, Role::Mentee),
    ] {
        fx.enrol(person, c, role);
    }
    let m = fx.run(Some("2024-06-30"));
    let q1 = &quarter(&m, 0, "2024-Q1").participants;
    assert_eq!((q1.enrolled, q1.unmatched), (Some(4), Some(2)));
    assert_eq!(q1.match_rate, Some(0.5));
    let q2 = &quarter(&m, 0, "2024-Q2").participants;
    assert_eq!((q2.enrolled, q2.unmatched), (Some(4), Some(1)));
    assert_eq!(q2.match_rate, Some(0.75));
}

#[test]
fn response_rate_counts_active_pairs_only() {
    // Q2: pair 1 active, pair 2 ended in Q1. Mentor of pair 1 responded
    // twice (counted once), pair 2's mentee responded in Q2 (not active):
    // mentor 1/1, mentee 0/1, all 1/2; responses 3.
    let mut fx = Fx::new();
    let c = fx.cohort("A", "2024-01-01", None);
    let p1 = fx.pair(c, 0, 1, "2024-01-01", None);
    let p2 = fx.pair(c, 2, 3, "2024-01-01", Some("2024-02-01"));
    fx.feedback(p1, Role::Mentor, "2024-04-02", Some(4), None);
    fx.feedback(p1, Role::Mentor, "2024-05-02", Some(4), None);
    fx.feedback(p2, Role::Mentee, "2024-04-03", Some(2), None);
    let m = fx.run_with(Some("2024-06-30"), |c| c.privacy.min_group_size = 1);
    let f = &quarter(&m, 0, "2024-Q2").feedback;
    assert_eq!(f.all.responses, 3);
    assert_eq!(f.by_role.mentor.response_rate, Some(1.0));
    assert_eq!(f.by_role.mentee.response_rate, Some(0.0));
    assert_eq!(f.all.response_rate, Some(0.5));
    // Overall: both pairs active in S: mentor 1/2, mentee 1/2, all 2/4.
    let o = &overall(&m, 0).feedback;
    assert_eq!(o.by_role.mentee.response_rate, Some(0.5));
    assert_eq!(o.all.response_rate, Some(0.5));
}

#[test]
fn cohort_file_exact_json() {
    // One pair from 2024-03-15, as_of 2024-04-10: Q1 W = Mar 1..Mar 31
    // (cohort starts Mar 1), pair days 17; Q2 W = Apr 1..Apr 10, 10 days.
    // One 90-minute meeting on 2024-03-20. At Q1's R (Mar 31) the pair was
    // matched 16 days earlier: too early; same at Apr 10 (26 days).
    let mut fx = Fx::new();
    let c = fx.cohort("C1", "2024-03-01", None);
    let p = fx.pair(c, 0, 1, "2024-03-15", None);
    fx.meeting(p, "2024-03-20", Some(90.0));
    let m = fx.run(Some("2024-04-10"));
    let json = cohort_json(m.as_of, &m.cohorts[0]);
    let metrics = |matched_days: f64, meetings: u64, hours: &str, per: &str, indent: &str| {
        let body = format!(
            r#""pairs": {{
  "matched": 1,
  "active": 1
}},
"participants": {{
  "mentors": 1,
  "mentees": 1,
  "enrolled": null,
  "unmatched": null,
  "match_rate": null
}},
"meetings": {{
  "count": {meetings},
  "hours": {hours},
  "pair_months": {pm:?},
  "per_pair_month": {per},
  "quiet_pairs": 0,
  "quiet_share": null,
  "too_early_pairs": 1
}},
"goals": {{
  "total": 0,
  "not_started": 0,
  "in_progress": 0,
  "completed": 0,
  "abandoned": 0,
  "completion_rate": null,
  "on_time_rate": null,
  "created_in_period": 0,
  "completed_in_period": 0
}},
"feedback": {{
  "responses": 0,
  "response_rate": null,
  "suppressed": false,
  "mean_rating": null,
  "ratings": [
    0,
    0,
    0,
    0,
    0
  ],
  "nps": null,
  "by_role": {{
    "mentor": {{
      "responses": 0,
      "response_rate": null,
      "suppressed": false,
      "mean_rating": null,
      "ratings": [
        0,
        0,
        0,
        0,
        0
      ],
      "nps": null
    }},
    "mentee": {{
      "responses": 0,
      "response_rate": null,
      "suppressed": false,
      "mean_rating": null,
      "ratings": [
        0,
        0,
        0,
        0,
        0
      ],
      "nps": null
    }}
  }}
}}"#,
            pm = matched_days / MONTH
        );
        body.lines()
            .map(|l| format!("{indent}{l}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let per_q1 = format!("{:?}", 1.0 / (17.0 / MONTH));
    let per_all = format!("{:?}", 1.0 / (27.0 / MONTH));
    let expected = format!(
        r#"{{
  "cohort": {{
    "id": "C1",
    "name": "Cohort C1",
    "start_date": "2024-03-01",
    "end_date": null
  }},
  "as_of": "2024-04-10",
  "overall": {{
{overall}
  }},
  "quarters": [
    {{
      "quarter": "2024-Q1",
      "start": "2024-01-01",
      "end": "2024-03-31",
{q1}
    }},
    {{
      "quarter": "2024-Q2",
      "start": "2024-04-01",
      "end": "2024-06-30",
{q2}
    }}
  ],
  "months": [
    {{
      "month": "2024-03",
      "meetings": 1,
      "active_pairs": 1
    }},
    {{
      "month": "2024-04",
      "meetings": 0,
      "active_pairs": 1
    }}
  ]
}}
"#,
        overall = metrics(27.0, 1, "1.5", &per_all, "    "),
        q1 = metrics(17.0, 1, "1.5", &per_q1, "      "),
        q2 = metrics(10.0, 0, "0.0", "0.0", "      "),
    );
    assert_eq!(json, expected);
    // Deterministic byte for byte.
    assert_eq!(
        json,
        cohort_json(m.as_of, &fx.run(Some("2024-04-10")).cohorts[0])
    );
}

#[test]
fn report_file_keys() {
    let mut fx = Fx::new();
    let c = fx.cohort("C1", "2024-03-01", None);
    fx.pair(c, 0, 1, "2024-03-15", None);
    let m = fx.run(Some("2024-04-10"));
    let json = report_json(&m.quarters[0]);
    let value: serde_json::Value = match serde_json::from_str(&json) {
        Ok(v) => v,
        Err(e) => panic!("{e}"),
    };
    let keys: Vec<&str> = value
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    // serde_json::Map without preserve_order sorts keys; check the text order instead.
    assert_eq!(keys.len(), 9);
    let order = [
        "\"quarter\"",
        "\"start\"",
        "\"end\"",
        "\"pairs\"",
        "\"participants\"",
        "\"meetings\"",
        "\"goals\"",
        "\"feedback\"",
        "\"cohorts\"",
    ];
    let positions: Vec<usize> = order.iter().filter_map(|k| json.find(k)).collect();
    assert_eq!(positions.len(), order.len());
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{json}");
    assert!(json.starts_with("{\n  \"quarter\": \"2024-Q1\",\n  \"start\": \"2024-01-01\",\n  \"end\": \"2024-03-31\",\n  \"pairs\": {"));
    assert!(json.contains("\"cohorts\": [\n    {\n      \"id\": \"C1\",\n      \"name\": \"Cohort C1\",\n      \"pairs\": {"));
    assert!(json.ends_with("}\n"));
}

/// 1,000 cohorts × 100 pairs × 10 meetings (1M meetings, 300k goals, 300k
/// feedback rows). Run: `cargo test --release --lib metrics::tests::perf -- --ignored --nocapture`.
#[test]
#[ignore]
fn perf_one_million_meetings() {
    let mut p = Program {
        meetings: Some(Vec::with_capacity(1_000_000)),
        goals: Some(Vec::with_capacity(300_000)),
        feedback: Some(Vec::with_capacity(300_000)),
        participants: Some(Vec::with_capacity(200_000)),
        ..Program::default()
    };
    let base = d("2023-01-01").0;
    for c in 0..1000u32 {
        let start = Date(base + (c as i32 % 365));
        p.cohorts.push(Cohort {
            id: format!("c{c}"),
            slug: format!("c{c}"),
            name: format!("Cohort {c}"),
            start_date: start,
            end_date: Some(start.add_days(360)),
            description: None,
            track: None,
        });
        for i in 0..100u32 {
            let pair = p.pairs.len() as u32;
            let (mentor, mentee) = (c * 200 + i, c * 200 + 100 + i);
            let matched = start.add_days((i % 40) as i32);
            p.pairs.push(Pair {
                cohort: c,
                mentor,
                mentee,
                matched_on: matched,
                ended_on: (i % 7 == 0).then(|| matched.add_days(200)),
                status: None,
            });
            if let Some(e) = p.participants.as_mut() {
                e.push(Enrolment {
                    person: mentor,
                    cohort: c,
                    role: Role::Mentor,
                });
                e.push(Enrolment {
                    person: mentee,
                    cohort: c,
                    role: Role::Mentee,
                });
            }
            for k in 0..10 {
                if let Some(m) = p.meetings.as_mut() {
                    m.push(Meeting {
                        pair,
                        date: matched.add_days(k * 31 + (i % 5) as i32),
                        duration_minutes: Some(45.0),
                    });
                }
            }
            for k in 0..3 {
                if let Some(g) = p.goals.as_mut() {
                    g.push(Goal {
                        pair,
                        created_on: matched.add_days(k * 20),
                        status: GoalStatus::Completed,
                        due_on: Some(matched.add_days(k * 20 + 90)),
                        completed_on: Some(matched.add_days(k * 20 + 60 + (i % 50) as i32)),
                        title: None,
                    });
                }
                if let Some(f) = p.feedback.as_mut() {
                    f.push(Feedback {
                        cohort: c,
                        pair: Some(pair),
                        role: if k % 2 == 0 {
                            Role::Mentor
                        } else {
                            Role::Mentee
                        },
                        submitted_on: matched.add_days(k * 90),
                        rating: Some((i % 5 + 1) as u8),
                        nps: Some((i % 11) as u8),
                        comment: None,
                    });
                }
            }
        }
    }
    p.people = 200_000;
    let config = Config::default();
    let t = std::time::Instant::now();
    let m = compute(&p, &config);
    let elapsed = t.elapsed();
    let quarters = m.as_ref().map_or(0, |m| m.quarters.len());
    let json_t = std::time::Instant::now();
    let bytes: usize = m.as_ref().map_or(0, |m| {
        m.cohorts
            .iter()
            .map(|c| cohort_json(m.as_of, c).len())
            .sum::<usize>()
            + m.quarters
                .iter()
                .map(|q| report_json(q).len())
                .sum::<usize>()
    });
    println!(
        "compute: {elapsed:?} ({quarters} program quarters); all metrics.json: {:?} ({bytes} bytes)",
        json_t.elapsed()
    );
    assert!(m.is_ok());
}

#[test]
fn output_does_not_depend_on_thread_count() {
    // Forty cohorts with fractional hours: sums must be taken in a fixed order.
    let mut fx = Fx::new();
    for c in 0..40u32 {
        let cohort = fx.cohort(&format!("c{c}"), "2024-01-01", None);
        let p = fx.pair(cohort, c * 2, c * 2 + 1, "2024-01-05", None);
        fx.meeting(p, "2024-02-01", Some(0.1 * f64::from(c + 1)));
        fx.meeting(p, "2024-05-01", Some(1.0 / 3.0));
        fx.feedback(
            p,
            Role::Mentee,
            "2024-02-02",
            Some((c % 5 + 1) as u8),
            Some(9),
        );
    }
    let render = |m: &ProgramMetrics| {
        let mut out: Vec<String> = m.cohorts.iter().map(|c| cohort_json(m.as_of, c)).collect();
        out.extend(m.quarters.iter().map(report_json));
        out
    };
    let many = render(&fx.run(Some("2024-06-30")));
    for threads in [1, 3] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
        let Ok(pool) = pool else {
            panic!("no thread pool")
        };
        let one = pool.install(|| render(&fx.run(Some("2024-06-30"))));
        assert_eq!(one, many);
    }
}

#[test]
fn report_withholds_small_cohorts_but_shows_pooled_totals() {
    // k = 5. Two cohorts, each with 3 mentee ratings in 2024-Q1: each
    // cohort's figures are withheld (3 rows), the program's 6 rows are shown
    // (placeholder: small-group rule only; the full rule is on branch privacy).
    let mut fx = Fx::new();
    for id in ["A", "B"] {
        let c = fx.cohort(id, "2024-01-01", None);
        let p = fx.pair(c, 0, 1, "2024-01-01", None);
        for r in [5, 4, 3] {
            fx.feedback(p, Role::Mentee, "2024-03-01", Some(r), Some(10));
        }
    }
    let m = fx.run(Some("2024-03-31"));
    let r = &m.quarters[0];
    assert_eq!(r.totals.feedback.all.mean_rating, Some(4.0));
    assert_eq!(r.totals.feedback.by_role.mentee.nps, Some(100));
    for c in &r.cohorts {
        let f = &c.metrics.feedback;
        assert_eq!(
            (f.all.mean_rating, f.all.ratings, f.all.nps),
            (None, None, None)
        );
        assert!(f.all.suppressed && f.by_role.mentee.suppressed);
        assert!(!f.by_role.mentor.suppressed);
        assert_eq!(f.all.responses, 3);
    }
    let json = report_json(r);
    assert_eq!(json.matches("\"suppressed\": true").count(), 4);
    // Ratings and nps: per cohort (overall and Q1) × (mentee, all) × 2 kinds.
    assert_eq!(m.privacy.small_group, 16);
}
