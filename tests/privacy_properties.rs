//! `metrics::privacy` on generated row counts and on a large program.
//!
//! The withholding is private and agrees with the literal reading of
//! tests/checker, and its solver agrees with the checker's on any
//! withholding.

mod checker;

use checker::reference::check_all;
use checker::{figures, row_counts};
use mentorbook::metrics::privacy::{
    CohortWithheld, RowCounts, Withheld, Withholding, determined_small, summary, withhold,
};
use proptest::prelude::*;

use Withheld::{Shown as S, SmallGroup as G, Subtraction as T};

/// A generated cohort: first quarter, number of quarters, and (mentor,
/// mentee) rows per quarter.
type GenCohort = (usize, usize, Vec<(u64, u64)>);

/// The row counts of generated cohorts, each cut to the program's `nq` quarters.
fn spans(nq: usize, cohorts: Vec<GenCohort>) -> RowCounts {
    let cohorts: Vec<Vec<(usize, u64, u64)>> = cohorts
        .into_iter()
        .map(|(start, len, rows)| {
            let start = start % nq;
            let end = (start + len).min(nq);
            (start..end)
                .zip(rows)
                .map(|(q, (m, e))| (q, m, e))
                .collect()
        })
        .collect();
    row_counts(nq, &cohorts)
}

fn program_strategy() -> impl Strategy<Value = (RowCounts, u64)> {
    (
        1usize..=6,
        prop::collection::vec(
            (
                0usize..6,
                1usize..=4,
                prop::collection::vec((0u64..=12, 0u64..=12), 4),
            ),
            1..=4,
        ),
        2u64..=10,
    )
        .prop_map(|(nq, cohorts, k)| (spans(nq, cohorts), k))
}

/// Rows skewed towards small values, where closure has most to do.
fn small_program_strategy() -> impl Strategy<Value = (RowCounts, u64)> {
    (
        1usize..=4,
        prop::collection::vec(
            (
                0usize..4,
                1usize..=4,
                prop::collection::vec(
                    (
                        prop_oneof![3 => 0u64..=3, 1 => 4u64..=12],
                        prop_oneof![1 => Just(0u64), 1 => 0u64..=12],
                    ),
                    4,
                ),
            ),
            1..=4,
        ),
        2u64..=10,
    )
        .prop_map(|(nq, cohorts, k)| (spans(nq, cohorts), k))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// On arbitrary withholdings (not only those `withhold` returns), the
    /// solver and the dense checker count the same determined figures.
    #[test]
    fn solver_matches_checker(
        (rows, k) in small_program_strategy(),
        mask in prop::collection::vec(prop::bool::weighted(0.6), 200),
    ) {
        let mut bits = mask.into_iter().cycle();
        let mut pick = |n: u64| if n > 0 && bits.next().unwrap_or(false) { T } else { S };
        let w = Withholding {
            cohorts: rows.cohorts.iter().map(|c| CohortWithheld {
                overall: c.overall.map(&mut pick),
                quarters: c.quarters.iter().map(|(_, r)| r.map(&mut pick)).collect(),
            }).collect(),
            program: rows.program.iter().map(|r| r.map(&mut pick)).collect(),
        };
        let expected = figures(&rows, &w).determined_small(k).len();
        prop_assert_eq!(determined_small(&rows, &w, k), expected);
    }

    #[test]
    fn withholding_is_private((rows, k) in program_strategy()) {
        check_all(&rows, k);
    }

    #[test]
    fn withholding_is_private_small_rows((rows, k) in small_program_strategy()) {
        check_all(&rows, k);
    }
}

/// A 1,000-cohort × 8-quarter program, cohorts starting over 10 years,
/// mostly large groups with about 5% small cells.
fn large_program(seed: u64, small_in_20: u64) -> RowCounts {
    let mut s = seed;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    let nq = 48;
    let mut cohorts = Vec::new();
    for _ in 0..1000 {
        let start = (next() % 40) as usize;
        let mut qs = Vec::new();
        for q in start..start + 8 {
            let mut cell = || {
                if next() % 20 < small_in_20 {
                    1 + next() % 4
                } else {
                    5 + next() % 40
                }
            };
            let (m, e) = (cell(), cell());
            qs.push((q, m, e));
        }
        cohorts.push(qs);
    }
    row_counts(nq, &cohorts)
}

#[test]
fn large_program_is_private() {
    let rows = large_program(0x1234_5678_9abc_def1, 1);
    let w = withhold(&rows, 5);
    assert_eq!(determined_small(&rows, &w, 5), 0);
    assert!(w.count(G) > 0);
}

/// `cargo test --release --test privacy_properties -- --ignored --nocapture`
#[test]
#[ignore]
fn large_program_timing() {
    for (seed, small) in [(1u64, 1), (2, 1), (3, 1), (4, 4), (5, 10)] {
        let rows = large_program(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15), small);
        let t = std::time::Instant::now();
        let w = withhold(&rows, 5);
        let took = t.elapsed();
        let t = std::time::Instant::now();
        let det = determined_small(&rows, &w, 5);
        eprintln!(
            "seed {seed}, {small}/20 small: withhold {took:?}, check {:?}: {}",
            t.elapsed(),
            summary(&rows, &w, 5)
        );
        assert_eq!(det, 0);
    }
}
