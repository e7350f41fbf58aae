//! Closed quarters: a report frozen in the ledger on its first publication after closing, published as frozen until restated.

use std::collections::HashMap;

use crate::data::{CohortIx, Program};
use crate::metrics::{FrozenNote, Metrics, ProgramMetrics, QuarterReport, ReportCohort};

use super::{FrozenCohort, FrozenQuarter, Ledger};

/// Whether quarter report `r` is closed on `metrics.as_of`: the as-of date
/// is at least `close_after_days` past its last day.
pub(super) fn is_closed(
    r: &QuarterReport,
    as_of: crate::date::Date,
    close_after_days: u32,
) -> bool {
    let days = i32::try_from(close_after_days).unwrap_or(i32::MAX);
    r.end.days_until(as_of) >= days
}

/// The frozen copy of a report, as version `v` publishes it.
pub(super) fn freeze(r: &QuarterReport, v: u32, restated: bool) -> FrozenQuarter {
    FrozenQuarter {
        key: r.key,
        frozen: v,
        restated,
        totals: r.totals.clone(),
        cohorts: r
            .cohorts
            .iter()
            .map(|c| FrozenCohort {
                id: c.id.clone(),
                name: c.name.clone(),
                metrics: c.metrics.clone(),
            })
            .collect(),
    }
}

/// Rows dated in the quarter the data has and the frozen report does not
/// count, and the other way round: meetings, goals created in it and
/// feedback responses, by count.
fn late_rows(now: &Metrics, then: &Metrics) -> (u64, u64) {
    let pairs = [
        (now.meetings.count, then.meetings.count),
        (now.goals.created_in_period, then.goals.created_in_period),
        (now.feedback.all.responses, then.feedback.all.responses),
    ];
    let added = pairs.iter().map(|&(a, b)| a.saturating_sub(b)).sum();
    let removed = pairs.iter().map(|&(a, b)| b.saturating_sub(a)).sum();
    (added, removed)
}

/// Puts the frozen figures of `frozen` in place of report `r` (cohorts the
/// cohorts table no longer has are left out: a report links to each cohort's
/// dashboard). `cohorts` finds a cohort's place by its id.
pub(super) fn publish_frozen(
    cohorts: &HashMap<&str, CohortIx>,
    ledger: &Ledger,
    frozen: &FrozenQuarter,
    r: &mut QuarterReport,
    r_as_of: crate::date::Date,
) {
    let (late_rows, removed_rows) = late_rows(&r.totals, &frozen.totals);
    let on = ledger.date_of(frozen.frozen).unwrap_or(r_as_of);
    // A report frozen from the very figures the data gives today says
    // nothing more: a rebuild changes no byte of it.
    let note = frozen.restated || late_rows + removed_rows > 0 || on != r_as_of;
    r.totals = frozen.totals.clone();
    r.cohorts = frozen
        .cohorts
        .iter()
        .filter_map(|c| {
            let &cohort = cohorts.get(c.id.as_str())?;
            Some(ReportCohort {
                cohort,
                id: c.id.clone(),
                name: c.name.clone(),
                metrics: c.metrics.clone(),
            })
        })
        .collect();
    r.frozen = note.then_some(FrozenNote {
        on,
        restated: frozen.restated,
        late_rows,
        removed_rows,
    });
}

/// Publishes the reports frozen in the ledger (all but `restate`'s), and
/// returns the reports to freeze in this build, as version `v`, once their
/// figures are final: closed quarters not yet frozen, and `restate`. `Err`
/// holds the label of `restate` when it names no closed quarter.
pub(super) fn publish_frozen_reports(
    program: &Program,
    metrics: &mut ProgramMetrics,
    ledger: &Ledger,
    close_after_days: u32,
    restate: Option<&str>,
) -> Result<Vec<usize>, String> {
    let as_of = metrics.as_of;
    if let Some(label) = restate {
        let closed = metrics
            .report(label)
            .is_some_and(|r| is_closed(r, as_of, close_after_days));
        if !closed {
            return Err(label.to_string());
        }
    }
    // Found by id once, not by a scan of the cohorts for each frozen one
    // (a cost that grew with cohorts × cohorts × quarters).
    let cohorts: HashMap<&str, CohortIx> = program
        .cohorts
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i as CohortIx))
        .collect();
    let mut to_freeze = Vec::new();
    for (i, r) in metrics.quarters.iter_mut().enumerate() {
        let again = restate == Some(r.quarter.as_str());
        match ledger.frozen.binary_search_by_key(&r.key, |f| f.key) {
            Ok(at) if !again => publish_frozen(&cohorts, ledger, &ledger.frozen[at], r, as_of),
            _ if again || is_closed(r, as_of, close_after_days) => to_freeze.push(i),
            _ => {}
        }
    }
    Ok(to_freeze)
}

/// Freezes reports `to_freeze` as version `v` publishes them.
pub(super) fn freeze_reports(
    metrics: &mut ProgramMetrics,
    ledger: &mut Ledger,
    v: u32,
    to_freeze: &[usize],
    restate: Option<&str>,
) {
    let as_of = metrics.as_of;
    for &i in to_freeze {
        let Some(r) = metrics.quarters.get_mut(i) else {
            continue;
        };
        let again = restate == Some(r.quarter.as_str());
        let frozen = freeze(r, v, again);
        if again {
            r.frozen = Some(FrozenNote {
                on: as_of,
                restated: true,
                late_rows: 0,
                removed_rows: 0,
            });
        }
        match ledger.frozen.binary_search_by_key(&r.key, |f| f.key) {
            Ok(at) => ledger.frozen[at] = frozen,
            Err(at) => ledger.frozen.insert(at, frozen),
        }
    }
}
