//! As-of dates, cohort spans, quarters and months: which days each figure covers.

use super::*;

#[test]
fn pair_matched_mid_quarter() {
    // Cohort from 2024-01-01, as_of 2024-06-30. Pair matched 2024-02-15.
    // Q1 window of the pair: Feb 15..Mar 31 = 15 + 31 = 46 days; Q2: 91 days.
    // Meetings: 2 in Q1 (60 and 30 minutes), 1 in Q2 (no duration).
    let mut fx = TestProgram::new();
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
    let mut fx = TestProgram::new();
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
    let mut fx = TestProgram::new();
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
    let mut fx = TestProgram::new();
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
    let mut fx = TestProgram::new();
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
    let mut fx = TestProgram::new();
    fx.cohort("A", "2024-01-01", None);
    let config = Config::default();
    assert_eq!(
        compute(&fx.program, &config).map(|_| ()),
        Err(MetricsError::NoDatedEvent)
    );
    let mut bad = Config::default();
    bad.data.as_of = Some(d("2024-01-01"));
    bad.metrics.fiscal_year_start_month = 13;
    assert_eq!(
        compute(&fx.program, &bad).map(|_| ()),
        Err(MetricsError::BadFiscalStartMonth(13))
    );
}

#[test]
fn fiscal_quarters_end_to_end() {
    // m = 7: a cohort from 2024-07-15, as_of 2024-10-05: FY2025-Q1
    // (2024-07-01..2024-09-30) and FY2025-Q2.
    let mut fx = TestProgram::new();
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
    let mut fx = TestProgram::new();
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
