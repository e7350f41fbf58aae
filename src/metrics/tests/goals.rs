//! Goal figures: status as of R, completion and on-time rates, goals created and completed in a period.

use super::*;

#[test]
fn goal_completed_after_r_is_in_progress() {
    // Created 2024-02-01, completed 2024-05-10, due 2024-05-01 (late).
    // Q1 (R = Mar 31): in progress; completion 0/1; on-time null (no
    // completed goal with both dates).
    // Q2 (R = Jun 30): completed, completed in period; on time 0/1.
    let mut fx = TestProgram::new();
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
    let mut fx = TestProgram::new();
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
