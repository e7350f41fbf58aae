//! Feedback figures: NPS rounding and response rates.

use super::*;

#[test]
fn nps_rounds_half_away_from_zero_end_to_end() {
    // 8 mentee rows: 3 promoters (9, 10, 9), 3 passives, 2 detractors:
    // 100 × (3 − 2) / 8 = 12.5 → 13. 8 mentor rows with the counts
    // swapped: −12.5 → −13. All 16: 100 × 0 / 16 = 0.
    let mut fx = TestProgram::new();
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
fn response_rate_counts_active_pairs_only() {
    // Q2: pair 1 active, pair 2 ended in Q1. Mentor of pair 1 responded
    // twice (counted once), pair 2's mentee responded in Q2 (not active):
    // mentor 1/1, mentee 0/1, all 1/2; responses 3.
    let mut fx = TestProgram::new();
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
fn a_role_not_asked_has_no_response_rate_and_the_overall_counts_the_asked_only() {
    // `respondents = ["mentee"]`; three pairs active in Q1 2024; the
    // mentees of pairs 1 and 2 responded (pair 1's twice). Mentee rate
    // 2/3; mentor rate null (not asked); overall = responded (pair, role)
    // over the roles asked × active pairs = 2 / (1 × 3) = 2/3, not 2/6.
    let mut fx = TestProgram::new();
    let c = fx.cohort("A", "2024-01-01", None);
    let p1 = fx.pair(c, 0, 1, "2024-01-01", None);
    let p2 = fx.pair(c, 2, 3, "2024-01-01", None);
    fx.pair(c, 4, 5, "2024-01-01", None);
    fx.feedback(p1, Role::Mentee, "2024-02-01", Some(4), None);
    fx.feedback(p1, Role::Mentee, "2024-03-01", Some(5), None);
    fx.feedback(p2, Role::Mentee, "2024-02-01", Some(3), None);
    let mentees_only = |c: &mut crate::config::Config| {
        c.privacy.min_group_size = 1;
        if let Some(t) = c
            .data
            .tables
            .get_mut(&crate::config::schema::TableKind::Feedback)
        {
            t.meaning.respondents.0 = [false, true];
        }
    };
    let m = fx.run_with(Some("2024-03-31"), mentees_only);
    let f = &overall(&m, 0).feedback;
    assert_eq!(f.all.responses, 3);
    assert_eq!(f.by_role.mentee.response_rate, Some(2.0 / 3.0));
    assert_eq!(f.by_role.mentor.response_rate, None);
    assert!(!f.by_role.mentor.asked);
    assert!(f.by_role.mentee.asked && f.all.asked);
    assert_eq!(f.all.response_rate, Some(2.0 / 3.0));
    // The program's quarter pools the same way.
    let q = &m.quarters[0].totals.feedback;
    assert_eq!(q.all.response_rate, Some(2.0 / 3.0));
    assert_eq!(q.by_role.mentor.response_rate, None);
    // Asked both (the default): 2 / (2 × 3).
    let both = fx.run_with(Some("2024-03-31"), |c| c.privacy.min_group_size = 1);
    let f = &overall(&both, 0).feedback;
    assert_eq!(f.all.response_rate, Some(2.0 / 6.0));
    assert_eq!(f.by_role.mentor.response_rate, Some(0.0));
}
