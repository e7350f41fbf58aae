//! Applies docs/privacy.md to computed figures: feedback row counts out to the rules, withheld figures back in.

use crate::config::Config;

use super::CohortMetrics;
use super::figures::{Metrics, RoleFeedback};
use super::privacy::{self, CohortRows, PrivacySummary, RowCounts, Withheld, Withholding};

/// Rows behind one feedback figure kind in each role group, in the privacy
/// rules' role order (mentor, mentee, all).
fn rows_of(m: &Metrics, rows: fn(&RoleFeedback) -> u64) -> [u64; 3] {
    m.feedback.roles().map(rows)
}

/// Rows behind one feedback figure kind (`rows` picks it) of every group,
/// in the shape the privacy rules take.
fn row_counts(
    cohorts: &[CohortMetrics],
    totals: &[Metrics],
    rows: fn(&RoleFeedback) -> u64,
) -> RowCounts {
    RowCounts {
        cohorts: cohorts
            .iter()
            .map(|c| CohortRows {
                overall: c.overall.as_ref().map_or([0; 3], |m| rows_of(m, rows)),
                quarters: c
                    .quarters
                    .iter()
                    .map(|q| (q.report, rows_of(&q.metrics, rows)))
                    .collect(),
            })
            .collect(),
        program: totals.iter().map(|m| rows_of(m, rows)).collect(),
    }
}

/// Withholds `mean_rating`/`ratings` and `nps` as docs/privacy.md says (each
/// kind on its own) and returns the counts for `mentorbook check`.
pub(super) fn withhold_feedback(
    cohorts: &mut [CohortMetrics],
    totals: &mut [Metrics],
    config: &Config,
) -> PrivacySummary {
    let k = u64::from(config.privacy.min_group_size);
    let rating_rows = row_counts(cohorts, totals, |r| r.rating_rows);
    let nps_rows = row_counts(cohorts, totals, |r| r.nps_rows);
    // The ratings and nps systems are independent: solve them in parallel.
    let ((ratings, rating_summary), (nps, nps_summary)) = rayon::join(
        || privacy::withhold_and_summarise(&rating_rows, k),
        || privacy::withhold_and_summarise(&nps_rows, k),
    );

    apply(cohorts, totals, &ratings, &nps);
    rating_summary + nps_summary
}

/// Writes the decisions of both figure kinds into the figures (a figure the
/// decisions do not cover stays shown).
fn apply(
    cohorts: &mut [CohortMetrics],
    totals: &mut [Metrics],
    ratings: &Withholding,
    nps: &Withholding,
) {
    let apply = |m: &mut Metrics, r: &[Withheld; 3], n: &[Withheld; 3]| {
        for (i, group) in m.feedback.roles_mut().into_iter().enumerate() {
            group.withhold(r[i], n[i]);
        }
    };
    const SHOWN: [Withheld; 3] = [Withheld::Shown; 3];
    for (i, c) in cohorts.iter_mut().enumerate() {
        let (rc, nc) = (ratings.cohorts.get(i), nps.cohorts.get(i));
        if let Some(m) = c.overall.as_mut() {
            apply(
                m,
                rc.map_or(&SHOWN, |w| &w.overall),
                nc.map_or(&SHOWN, |w| &w.overall),
            );
        }
        for (j, q) in c.quarters.iter_mut().enumerate() {
            apply(
                &mut q.metrics,
                rc.and_then(|w| w.quarters.get(j)).unwrap_or(&SHOWN),
                nc.and_then(|w| w.quarters.get(j)).unwrap_or(&SHOWN),
            );
        }
    }
    for (p, m) in totals.iter_mut().enumerate() {
        apply(
            m,
            ratings.program.get(p).unwrap_or(&SHOWN),
            nps.program.get(p).unwrap_or(&SHOWN),
        );
    }
}
