//! Withheld feedback figures end to end: small groups, pooled totals, the privacy line.

use super::*;

#[test]
fn suppression_at_one_k_minus_one_and_k_rows() {
    // k = 5. Mentor: 1 rating row (withheld). Mentee: 4 rating rows
    // (withheld) and 5 nps rows (shown). All: 5 rating rows, 5 nps rows
    // (shown). Responses and response rates are never withheld.
    let mut fx = TestProgram::new();
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
fn report_withholds_small_cohorts_but_shows_pooled_totals() {
    // k = 5. Two cohorts, each with 3 mentee ratings in 2024-Q1: each
    // cohort's figures are withheld (3 rows), the program's 6 rows are shown:
    // the two withheld members hold 6 ≥ k rows together, so the report
    // family keeps the local rule.
    let mut fx = TestProgram::new();
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
