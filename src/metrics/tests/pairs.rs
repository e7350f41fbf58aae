//! Pairs, participants and meetings: matched and active pairs, distinct people, quiet pairs, null rates.

use super::*;

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
    let mut fx = TestProgram::new();
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
fn program_pools_cohorts_with_distinct_mentors() {
    // Q1 2024: cohort A (pairs 0–1, 0–2) and cohort B (pair 0–3): mentor 0
    // is in both, so the program has 1 mentor and 3 mentees; cohort
    // figures sum to 2 mentors. Cohort C starts in Q2: not in Q1's report.
    // Enrolled: A has 3 (mentee 4 unmatched), B has 2 → program 5, 1
    // unmatched, match rate 4/5.
    // Response rate: A mentees of both pairs responded, B nobody with a
    // pair → pooled mentee rate 2/3, mentor 0/3, all 2/6.
    let mut fx = TestProgram::new();
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
    let mut fx = TestProgram::new();
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
fn zero_denominators_are_null() {
    // A cohort with no pairs and no rows: every rate and mean is null.
    let mut fx = TestProgram::new();
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
