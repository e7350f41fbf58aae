//! The differencing rule and the closure over every version the ledger records (docs/privacy.md, "The differencing rule").
//!
//! The unknowns are *row classes*: the rows of one cell (cohort, quarter,
//! role) holding one figure kind that joined and left in the same versions.
//! Every value ever published is an equation: the sum of the classes of its
//! cells present in its version. A class of 1 to k − 1 rows (rows that
//! joined or left a cell between two versions, or a cell's first rows) and a
//! current withheld figure of 1 to k − 1 rows must not be determined by all
//! the equations together (exact elimination over the rationals, reusing
//! `metrics::exact`).
//!
//! The build can only choose its own equations. A figure whose rows changed
//! by 1 to k − 1 since its last published value keeps that value (no new
//! equation). Then, while a target is determined, one of this version's
//! fresh figures is kept at its last value too, or withheld when it has
//! none: first those over the determined target's cells, fewest changed rows
//! first (then figure order). A figure already published is never the one
//! hidden: its value is public anyway.

use std::collections::BTreeMap;

use crate::metrics::exact;

use super::{FigureKey, Ledger};

/// A figure of the current build, for one kind.
#[derive(Clone, Debug)]
pub(super) struct Current {
    pub key: FigureKey,
    /// Rows behind it now.
    pub rows: u64,
    /// Shown (before the rule), else withheld.
    pub shown: bool,
    /// Rows changed since its last published value (its rows when never published).
    pub changed: u64,
    /// Whether it has a published value to keep.
    pub published: bool,
}

/// What the rule decided for a shown figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Decision {
    /// A fresh value from the current data (a new equation).
    Fresh,
    /// The same rows as its last published value: nothing new.
    Same,
    /// Its last published value, kept.
    Kept,
    /// Withheld: no earlier value to keep.
    Withheld,
}

/// A class of rows: cell, kind, versions.
type ClassKey = (u32, i32, usize, u32, u32);

struct System {
    /// Per class: its cell and how many rows it holds.
    classes: Vec<(ClassKey, u64)>,
}

impl System {
    fn new(ledger: &Ledger, kind: u8) -> System {
        let mut counts: BTreeMap<ClassKey, u64> = BTreeMap::new();
        for r in ledger.rows.iter().filter(|r| r.holds(kind)) {
            *counts
                .entry((r.cohort, r.quarter, r.role(), r.added, r.removed))
                .or_default() += 1;
        }
        System {
            classes: counts.into_iter().collect(),
        }
    }

    /// Every figure the classes' cells make up: each cohort's overall and
    /// quarters, each program quarter, per role.
    fn keys(&self, kind: u8) -> Vec<FigureKey> {
        let mut keys = std::collections::BTreeSet::new();
        for ((c, q, _, _, _), _) in &self.classes {
            for role in 0..3 {
                for (cohort, quarter) in [(Some(*c), None), (Some(*c), Some(*q)), (None, Some(*q))]
                {
                    keys.insert(FigureKey {
                        cohort,
                        quarter,
                        role,
                        kind,
                    });
                }
            }
        }
        keys.into_iter().collect()
    }

    /// The classes a figure sums in version `v`.
    fn equation(&self, key: &FigureKey, v: u32) -> Vec<usize> {
        self.classes
            .iter()
            .enumerate()
            .filter(|(_, ((c, q, role, added, removed), _))| {
                key.cohort.is_none_or(|k| k == *c)
                    && key.quarter.is_none_or(|k| k == *q)
                    && (key.role == 2 || usize::from(key.role) == *role)
                    && *added <= v
                    && v < *removed
            })
            .map(|(i, _)| i)
            .collect()
    }
}

/// Which targets (indices into `targets`) the equations determine.
fn determined(ncols: usize, equations: &[&Vec<usize>], targets: &[Vec<usize>]) -> Vec<usize> {
    // A target that is one class is its column; a sum of classes gets a
    // column of its own, tied to them by one equation.
    let mut rows: Vec<Vec<(usize, i64)>> = equations
        .iter()
        .map(|e| e.iter().map(|&c| (c, 1)).collect())
        .collect();
    let mut columns = Vec::with_capacity(targets.len());
    let mut n = ncols;
    for t in targets {
        if let [one] = t.as_slice() {
            columns.push(*one);
        } else {
            let mut eq: Vec<(usize, i64)> = t.iter().map(|&c| (c, -1)).collect();
            eq.push((n, 1));
            rows.push(eq);
            columns.push(n);
            n += 1;
        }
    }
    let found = exact::determined(n, &rows, &columns);
    (0..targets.len())
        .filter(|&i| found.binary_search(&columns[i]).is_ok())
        .collect()
}

/// Applies the differencing rule and the closure over versions to the
/// figures of one kind (`ledger` already holds this build's rows as version
/// `v`). Returns a decision per shown figure of `current` (withheld ones
/// get [`Decision::Same`] and are left alone).
pub(super) fn decide(
    ledger: &Ledger,
    kind: u8,
    v: u32,
    k: u64,
    current: &[Current],
) -> Vec<Decision> {
    let small = |n: u64| n > 0 && n < k;
    let mut decisions: Vec<Decision> = current
        .iter()
        .map(|f| match (f.shown, f.published, f.changed) {
            (false, _, _) => Decision::Same,
            (true, true, 0) => Decision::Same,
            (true, true, d) if small(d) => Decision::Kept,
            _ => Decision::Fresh,
        })
        .collect();
    let system = System::new(ledger, kind);
    // Targets: small classes, and the current withheld figures of 1 to k − 1 rows.
    let mut targets: Vec<Vec<usize>> = system
        .classes
        .iter()
        .enumerate()
        .filter(|(_, (_, n))| small(*n))
        .map(|(i, _)| vec![i])
        .collect();
    for f in current.iter().filter(|f| !f.shown && small(f.rows)) {
        let eq = system.equation(&f.key, v);
        if !eq.is_empty() {
            targets.push(eq);
        }
    }
    // And every figure of an earlier version that rested on 1 to k − 1 rows
    // (withheld then by the minimum group size).
    for key in system.keys(kind) {
        for u in 0..v {
            let eq = system.equation(&key, u);
            let rows: u64 = eq.iter().map(|&c| system.classes[c].1).sum();
            if small(rows) && eq.len() > 1 {
                targets.push(eq);
            }
        }
    }
    targets.sort();
    targets.dedup();
    if targets.is_empty() {
        return decisions;
    }
    let old: Vec<Vec<usize>> = ledger
        .figures
        .iter()
        .filter(|f| f.key.kind == kind)
        .flat_map(|f| {
            f.published
                .iter()
                .filter(|&&u| u < v)
                .map(|&u| system.equation(&f.key, u))
                .collect::<Vec<_>>()
        })
        .filter(|e| !e.is_empty())
        .collect();
    // What earlier versions alone determine is public already: the build
    // cannot change it (only a ledger from builds that skipped it could).
    let old_refs: Vec<&Vec<usize>> = old.iter().collect();
    let public = determined(system.classes.len(), &old_refs, &targets);
    let targets: Vec<Vec<usize>> = targets
        .into_iter()
        .enumerate()
        .filter(|(i, _)| public.binary_search(i).is_err())
        .map(|(_, t)| t)
        .collect();
    if targets.is_empty() {
        return decisions;
    }
    let fresh_eq: Vec<Option<Vec<usize>>> = current
        .iter()
        .zip(&decisions)
        .map(|(f, d)| (*d == Decision::Fresh).then(|| system.equation(&f.key, v)))
        .collect();
    for _ in 0..=current.len() {
        let mut all: Vec<&Vec<usize>> = old.iter().collect();
        all.extend(
            fresh_eq
                .iter()
                .zip(&decisions)
                .filter_map(|(e, d)| e.as_ref().filter(|_| *d == Decision::Fresh)),
        );
        let found = determined(system.classes.len(), &all, &targets);
        let Some(&first) = found.first() else {
            break;
        };
        let target = &targets[first];
        let cells: Vec<(u32, i32, usize)> = target
            .iter()
            .map(|&c| {
                let (cell, _) = system.classes[c];
                (cell.0, cell.1, cell.2)
            })
            .collect();
        let over_cells = |i: usize| {
            fresh_eq[i].as_ref().is_some_and(|e| {
                e.iter().any(|&c| {
                    let (cell, _) = system.classes[c];
                    cells.contains(&(cell.0, cell.1, cell.2))
                })
            })
        };
        let candidates = |near: bool| {
            (0..current.len())
                .filter(|&i| decisions[i] == Decision::Fresh && (!near || over_cells(i)))
                .min_by_key(|&i| (current[i].changed, current[i].key))
        };
        let Some(i) = candidates(true).or_else(|| candidates(false)) else {
            break;
        };
        decisions[i] = if current[i].published {
            Decision::Kept
        } else {
            Decision::Withheld
        };
    }
    decisions
}
