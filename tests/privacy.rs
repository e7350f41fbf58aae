//! `metrics::privacy` on programs worked out by hand.
//!
//! Each case follows the rules of docs/privacy.md ("Withheld feedback
//! figures") step by step, and is also held to the independent checker of
//! tests/checker: its families, its local rule, its dense solver and a
//! literal reading of the rules.

mod checker;

use checker::reference::check_all;
use checker::{Key, figures, row_counts};
use mentorbook::metrics::privacy::{
    CohortRows, RowCounts, Withheld, Withholding, determined_small, is_consistent, summary,
    withhold,
};

use Withheld::{Closure as C, Shown as S, SmallGroup as G, Subtraction as T};

/// One cohort with one quarter: every group has the same rows.
fn single(m: u64, e: u64) -> RowCounts {
    row_counts(1, &[vec![(0, m, e)]])
}

fn assert_single(w: &Withholding, t: [Withheld; 3]) {
    assert_eq!(w.cohorts[0].overall, t);
    assert_eq!(w.cohorts[0].quarters, vec![t]);
    assert_eq!(w.program, vec![t]);
}

#[test]
fn minimum_group_size_boundaries() {
    // k = 5. Mentor rows n, no mentee rows, so all = mentor. With 1 or 4
    // rows every mentor and all figure is small; mentee (0 rows) stays
    // shown. Nothing is determined: overall = quarter = program is one
    // free value t (all = mentor = t in every group).
    for n in [1, 4] {
        let w = check_all(&single(n, 0), 5);
        assert_single(&w, [G, S, G]);
    }
    // 5 rows is enough.
    let w = check_all(&single(5, 0), 5);
    assert_single(&w, [S, S, S]);
    // k = 2: one row is small, two are not.
    assert_single(&check_all(&single(1, 0), 2), [G, S, G]);
    assert_single(&check_all(&single(2, 0), 2), [S, S, S]);
}

#[test]
fn role_rule() {
    // k = 5: mentor 3 (small), mentee 10, all 13. In each role family the
    // mentor figure is the only withheld one, so the shown member with the
    // fewest rows, mentee, goes too. Then two members are withheld with
    // 13 >= 5 rows while all is shown: fine. The report and cohort families
    // have their total and member both withheld. Closure: mentor = t and
    // mentee = -t in every group is free.
    let w = check_all(&single(3, 10), 5);
    assert_single(&w, [G, T, S]);
    // Mentor 1, mentee 2: all 3 is small too; everything is withheld.
    assert_single(&check_all(&single(1, 2), 5), [G, G, G]);
    // Mentor 2, mentee 2, k = 5: all 4 small; both members small.
    assert_single(&check_all(&single(2, 2), 5), [G, G, G]);
    // Mentee small, mentor large: the mentee figure's family withholds the mentor one.
    assert_single(&check_all(&single(12, 4), 5), [T, G, S]);
}

#[test]
fn report_family_withholds_next_smallest_cohort() {
    // k = 5, one quarter, three single-quarter cohorts: A 2, B 20, C 8
    // mentor rows, no mentees (all = mentor). Program 30 is shown.
    // Report family (mentor): only A is withheld, so the shown member with
    // the fewest rows, C (8), goes too (Subtraction). Then C's role family
    // has only its mentor withheld and no shown member (mentee has no rows),
    // so C's quarter "all" goes. The report (all) family is then fine; C's
    // cohort families have just the quarter withheld, so C's overall
    // figures (their totals) go. B stays shown. Closure: A's and C's
    // figures form the cycle ground–A–Q–C–ground: nothing determined.
    let rows = row_counts(1, &[vec![(0, 2, 0)], vec![(0, 20, 0)], vec![(0, 8, 0)]]);
    let w = check_all(&rows, 5);
    assert_eq!(w.cohorts[0].overall, [G, S, G]);
    assert_eq!(w.cohorts[0].quarters, vec![[G, S, G]]);
    assert_eq!(w.cohorts[1].overall, [S, S, S]);
    assert_eq!(w.cohorts[1].quarters, vec![[S, S, S]]);
    assert_eq!(w.cohorts[2].overall, [T, S, T]);
    assert_eq!(w.cohorts[2].quarters, vec![[T, S, T]]);
    assert_eq!(w.program, vec![[S, S, S]]);
    assert_eq!(summary(&rows, &w, 5).withheld(), 8);
}

#[test]
fn cohort_family_withholds_next_smallest_quarter() {
    // k = 5, quarters Q0..Q2, no mentees. A: 2, 9, 6; B: 3, 20, 7.
    // Programs 5, 29, 13; overall A 17, B 30. A-Q0 and B-Q0 are small.
    // Report Q0: two withheld members holding 5 >= k rows: fine.
    // Cohort A (overall shown) has one withheld quarter, so its smallest
    // shown quarter A-Q2 (6) goes, then its "all" (role family). Report Q2
    // now has one withheld member: B-Q2 (7) goes, then its "all". Cohort B:
    // Q0 + Q2 = 10 rows withheld: fine. The withheld cells form the cycle
    // A–Q0–B–Q2–A: nothing determined.
    let rows = row_counts(
        3,
        &[
            vec![(0, 2, 0), (1, 9, 0), (2, 6, 0)],
            vec![(0, 3, 0), (1, 20, 0), (2, 7, 0)],
        ],
    );
    let w = check_all(&rows, 5);
    for c in 0..2 {
        assert_eq!(w.cohorts[c].overall, [S, S, S]);
        assert_eq!(w.cohorts[c].quarters, vec![[G, S, G], [S, S, S], [T, S, T]]);
    }
    assert_eq!(w.program, vec![[S, S, S]; 3]);
}

#[test]
fn cohort_quarter_ties_take_the_earlier_quarter() {
    // k = 5, one cohort A over Q0..Q2 (2, 30, 30) and a large cohort B in
    // Q0 only (50) so that report Q0 is... B-Q0 is the only other member
    // there, so report Q0 withholds B-Q0 (Subtraction) first; B's cohort
    // family (total shown, its only quarter withheld) then withholds B's
    // overall. Cohort A: one withheld quarter; Q1 and Q2 tie at 30: the
    // earlier, Q1, goes. Report Q1 then has A-Q1 as its only member and its
    // total shown: the program Q1 figure goes (no shown member left).
    let rows = row_counts(
        3,
        &[vec![(0, 2, 0), (1, 30, 0), (2, 30, 0)], vec![(0, 50, 0)]],
    );
    let w = check_all(&rows, 5);
    assert_eq!(w.cohorts[0].overall, [S, S, S]);
    assert_eq!(w.cohorts[0].quarters, vec![[G, S, G], [T, S, T], [S, S, S]]);
    assert_eq!(w.cohorts[1].overall, [T, S, T]);
    assert_eq!(w.cohorts[1].quarters, vec![[T, S, T]]);
    assert_eq!(w.program, vec![[S, S, S], [T, S, T], [S, S, S]]);
}

#[test]
fn closure_cohort_overall_only_way_in() {
    // k = 5, no mentees, 2 cohorts × 2 quarters. A: 1, 2 (overall 3,
    // small); B: 10, 10 (overall 20). Programs 11, 12 (shown).
    // Local rule: reports Q0 and Q1 each have one withheld member (A), so
    // B-Q0 then B-Q1 go (with their "all" figures). Cohort B: 20 rows
    // withheld, total shown: fine. Cohort A: all withheld: fine.
    // But overall A = P0 + P1 − overall B is determined (the edge
    // ground–A is a bridge). First determined small figure: A's overall
    // mentor. Rule 1: A's overall figures are all withheld. Rule 2: not a
    // quarter figure. Rule 3: A's first quarter whose mentor figure is
    // withheld and whose program line shows something: Q0. Withholding
    // program Q0 (mentor and all) closes it; the mentee figure has no rows.
    let rows = row_counts(
        2,
        &[vec![(0, 1, 0), (1, 2, 0)], vec![(0, 10, 0), (1, 10, 0)]],
    );
    let w = check_all(&rows, 5);
    assert_eq!(w.cohorts[0].overall, [G, S, G]);
    assert_eq!(w.cohorts[0].quarters, vec![[G, S, G], [G, S, G]]);
    assert_eq!(w.cohorts[1].overall, [S, S, S]);
    assert_eq!(w.cohorts[1].quarters, vec![[T, S, T], [T, S, T]]);
    assert_eq!(w.program, vec![[C, S, C], [S, S, S]]);
    let s = summary(&rows, &w, 5);
    assert_eq!(
        (s.small_group, s.subtraction, s.closure, s.determined),
        (6, 4, 2, 0)
    );
}

#[test]
fn closure_program_quarter_only_way_in() {
    // k = 5, no mentees. A: 1, 10 (overall 11); B: 2, 10 (overall 12).
    // Programs: Q0 3 (small), Q1 20. Report Q0: all withheld: fine.
    // Cohort A: one withheld quarter, total shown: A-Q1 goes; report Q1 then
    // has one withheld member: B-Q1 goes. Cohort B: Q0 + Q1 = 12: fine.
    // P0 = overall A + overall B − P1 is determined (bridge Q0–ground).
    // A's figures are not (cycle A–Q0–B–Q1–A). First determined small
    // figure: program Q0 mentor. Rule 2: program Q0 shows nothing. Rule 3:
    // the first cohort whose Q0 mentor figure is withheld and that still
    // shows an overall figure: A. A's overall line goes.
    let rows = row_counts(
        2,
        &[vec![(0, 1, 0), (1, 10, 0)], vec![(0, 2, 0), (1, 10, 0)]],
    );
    let w = check_all(&rows, 5);
    assert_eq!(w.cohorts[0].overall, [C, S, C]);
    assert_eq!(w.cohorts[0].quarters, vec![[G, S, G], [T, S, T]]);
    assert_eq!(w.cohorts[1].overall, [S, S, S]);
    assert_eq!(w.cohorts[1].quarters, vec![[G, S, G], [T, S, T]]);
    assert_eq!(w.program, vec![[G, S, G], [S, S, S]]);
}

#[test]
fn closure_rule_one_withholds_the_cohort_overall_line() {
    // k = 5, no mentees. A: Q0 3, Q1 3, Q2 2 (overall 8); B: Q1 2, Q2 3
    // (overall 5). Programs: Q0 3 (small), Q1 5, Q2 5. Every cell and P0
    // are small. The local rule is satisfied as it stands: report Q0 has
    // its total and its one member withheld; reports Q1, Q2 withhold 5 >= k
    // rows under a shown total; cohort A withholds 8 rows, B 5.
    // Yet A-Q0 = overall A − (A-Q1 + A-Q2) and A-Q1 + A-Q2 = P1 + P2 −
    // overall B, so A-Q0 = 8 − 10 + 5 = 3 is determined (and P0 = A-Q0).
    // First determined small figure: A-Q0 mentor. Rule 1: A's overall
    // figures are still shown, so A's overall line goes. Then A-Q0 and P0
    // can move together with overall A: nothing is determined.
    let rows = row_counts(
        3,
        &[
            vec![(0, 3, 0), (1, 3, 0), (2, 2, 0)],
            vec![(1, 2, 0), (2, 3, 0)],
        ],
    );
    let w = check_all(&rows, 5);
    assert_eq!(w.cohorts[0].overall, [C, S, C]);
    assert_eq!(w.cohorts[0].quarters, vec![[G, S, G]; 3]);
    assert_eq!(w.cohorts[1].overall, [S, S, S]);
    assert_eq!(w.cohorts[1].quarters, vec![[G, S, G]; 2]);
    assert_eq!(w.program, vec![[G, S, G], [S, S, S], [S, S, S]]);

    // Both solvers see the gap before closure: A-Q0 and P0, mentor and all.
    let mut before = w.clone();
    before.cohorts[0].overall = [S, S, S];
    assert_eq!(determined_small(&rows, &before, 5), 4);
    let f = figures(&rows, &before);
    assert!(f.local_breaks(5).is_empty());
    assert_eq!(
        f.determined_small(5),
        vec![
            Key::CohortQuarter(0, 0, 0),
            Key::CohortQuarter(0, 0, 2),
            Key::Program(0, 0),
            Key::Program(0, 2),
        ]
    );
    assert_eq!(summary(&rows, &before, 5).determined, 4);
}

#[test]
fn checker_and_solver_agree_before_closure() {
    // The state of `closure_cohort_overall_only_way_in` before closure:
    // overall A (mentor, all) = P0 + P1 − overall B is determined.
    let rows = row_counts(
        2,
        &[vec![(0, 1, 0), (1, 2, 0)], vec![(0, 10, 0), (1, 10, 0)]],
    );
    let mut w = withhold(&rows, 5);
    w.program[0] = [S, S, S];
    assert_eq!(determined_small(&rows, &w, 5), 2);
    assert_eq!(
        figures(&rows, &w).determined_small(5),
        vec![Key::Overall(0, 0), Key::Overall(0, 2)]
    );
}

#[test]
fn empty_and_zero_inputs() {
    let rows = RowCounts::default();
    let w = withhold(&rows, 5);
    assert!(w.cohorts.is_empty() && w.program.is_empty());
    assert_eq!(determined_small(&rows, &w, 5), 0);
    assert_single(&check_all(&single(0, 0), 5), [S, S, S]);
    // k of 0 or 1 withholds nothing.
    assert_single(&withhold(&single(1, 1), 1), [S, S, S]);
    assert_single(&withhold(&single(1, 1), 0), [S, S, S]);
}

#[test]
fn inconsistent_input_does_not_panic() {
    // Rows that do not add up, a quarter index out of range, an empty
    // program: no panic, and some answer of the right shape.
    let rows = RowCounts {
        cohorts: vec![
            CohortRows {
                overall: [3, 0, 1],
                quarters: vec![(0, [1, 1, 1]), (7, [2, 0, 9]), (0, [0, 4, 0])],
            },
            CohortRows {
                overall: [0, 0, 4],
                quarters: vec![],
            },
        ],
        program: vec![[2, 0, 0], [1, 1, 1]],
    };
    assert!(!is_consistent(&rows));
    for k in 0..8 {
        let w = withhold(&rows, k);
        assert_eq!(w.cohorts[0].quarters.len(), 3);
        assert_eq!(w.program.len(), 2);
        let _ = determined_small(&rows, &w, k);
    }
    // A withholding of the wrong shape is read as far as it goes.
    let w = withhold(&single(1, 0), 5);
    let _ = determined_small(&rows, &w, 5);
}
