//! Closure: solving the published sums, and withholding whole lines until no small figure is determined.

use std::collections::BTreeSet;
use std::ops::Range;

use rustc_hash::FxHashMap;

use super::layout::{Layout, Place};
use super::{MENTOR, RowCounts, Withheld, is_consistent, is_small, local};
use crate::metrics::exact;
use crate::metrics::union_find::UnionFind;

/// Runs closure on `state` (already obeying the local rule) and returns how
/// many withheld figures of 1 to k − 1 rows its last solve still found
/// determined: 0 unless mentorbook has a bug.
///
/// While some are determined, the first one's line is withheld, then the
/// local rule is applied again and the sums solved again (docs/privacy.md,
/// "Closure").
pub(super) fn close(layout: &Layout, rows: &RowCounts, state: &mut [Withheld], k: u64) -> usize {
    let mut cache = SolveCache::default();
    let mut determined = 0;
    // Every closure step withholds at least one shown figure, so the number
    // of figures bounds the loop; the rules promise far fewer steps (one per
    // cohort and quarter at most).
    for _ in 0..=layout.rows.len() {
        let found = determined_small(layout, state, k, &mut cache);
        determined = found.len();
        let Some(f) = found.first().copied() else {
            break;
        };
        let Some(chosen) = line_for(layout, f, state) else {
            // No rule applies: on consistent input this cannot happen (a
            // determined figure always has a shown line to hide behind);
            // the figure is reported as determined.
            debug_assert!(
                !is_consistent(rows),
                "closure found no line to withhold for figure {f}"
            );
            break;
        };
        let mut dirty = BTreeSet::new();
        for g in chosen {
            if layout.rows[g] > 0 && state[g] == Withheld::Shown {
                state[g] = Withheld::Closure;
                dirty.extend(layout.families_of(g).iter().copied());
            }
        }
        local::apply(layout, state, k, dirty);
        // Solved again at the top of the loop; counted as unsolved until then.
        determined = usize::MAX;
    }
    if determined == usize::MAX {
        determined = determined_small(layout, state, k, &mut cache).len();
    }
    determined
}

/// The figures of the line (group) starting at `first`.
fn line(first: usize) -> Range<usize> {
    first..first + 3
}

/// True when some figure of the line starting at `first` (a role with rows)
/// is still shown.
fn line_shown(layout: &Layout, first: usize, state: &[Withheld]) -> bool {
    line(first).any(|g| layout.rows[g] > 0 && !state[g].is_withheld())
}

/// The line closure withholds for the determined small figure `f`, by the
/// first rule that applies:
/// 1. its cohort's overall figures, if one of them is still shown;
/// 2. otherwise, for a figure of a quarter, that quarter's program figures,
///    if one of them is still shown;
/// 3. otherwise, for a cohort's overall figure: the program figures of the
///    cohort's first quarter in which its figure of the same role is withheld
///    and a program figure is still shown; for a program figure: the overall
///    figures of the quarter's first cohort (table order) whose figure of the
///    same role in that quarter is withheld and that still shows an overall
///    figure.
///
/// `None` when no rule applies (only on inconsistent input).
fn line_for(layout: &Layout, f: usize, state: &[Withheld]) -> Option<Range<usize>> {
    let role = f - layout.group_start(f);
    let shown = |first: usize| line_shown(layout, first, state);
    match layout.place[f] {
        // Rule 1.
        Place::Overall(c) | Place::Quarter(c, _) if shown(layout.overall(c, MENTOR)) => {
            Some(line(layout.overall(c, MENTOR)))
        }
        // Rule 2.
        Place::Quarter(c, j) => {
            let q = layout.cohort_quarters[c][j]?;
            let first = layout.program(q, MENTOR);
            shown(first).then(|| line(first))
        }
        // Rule 3, cohort overall figure.
        Place::Overall(c) => layout.cohort_quarters[c]
            .iter()
            .enumerate()
            .find_map(|(j, q)| {
                let q = (*q)?;
                let first = layout.program(q, MENTOR);
                (state[layout.quarter(c, j, role)].is_withheld() && shown(first))
                    .then(|| line(first))
            }),
        Place::Program(q) => {
            // Rule 2 for a program figure is its own quarter's line.
            let first = layout.program(q, MENTOR);
            if shown(first) {
                return Some(line(first));
            }
            // Rule 3, program figure.
            layout.quarter_members[q].iter().find_map(|&(c, j)| {
                let first = layout.overall(c, MENTOR);
                (state[layout.quarter(c, j, role)].is_withheld() && shown(first))
                    .then(|| line(first))
            })
        }
    }
}

/// Solutions of components from the previous closure step, keyed by their
/// unknowns: a component's equations depend only on which figures are unknown.
#[derive(Default)]
pub(super) struct SolveCache {
    solved: FxHashMap<Vec<usize>, Vec<usize>>,
}

/// The withheld figures with 1..k-1 rows that the published sums
/// determine, in closure order.
///
/// Unknowns are the withheld figures with rows; every family gives the
/// equation `total − Σ members = 0` restricted to them. The unknowns are
/// split into connected sets (union-find over the equations) and each set
/// is solved on its own: a figure is determined exactly when its unit
/// vector lies in the row space of its set's equations.
pub(super) fn determined_small(
    layout: &Layout,
    state: &[Withheld],
    k: u64,
    cache: &mut SolveCache,
) -> Vec<usize> {
    let n = layout.rows.len();
    let unknown = |f: usize| layout.rows[f] > 0 && state[f].is_withheld();
    let mut sets = UnionFind::new(n);
    for fam in &layout.families {
        let mut prev: Option<usize> = None;
        for f in fam.figures() {
            if unknown(f) {
                if let Some(p) = prev {
                    sets.union(p, f);
                }
                prev = Some(f);
            }
        }
    }
    // Components in order of their first figure; each in ascending order.
    let mut comp_of_root: FxHashMap<usize, usize> = FxHashMap::default();
    let mut comps: Vec<Vec<usize>> = Vec::new();
    for f in (0..n).filter(|&f| unknown(f)) {
        let root = sets.find(f);
        let ix = *comp_of_root.entry(root).or_insert_with(|| {
            comps.push(Vec::new());
            comps.len() - 1
        });
        comps[ix].push(f);
    }

    let mut solved = FxHashMap::default();
    let mut determined = Vec::new();
    for comp in comps {
        if !comp.iter().any(|&f| is_small(layout.rows[f], k)) {
            continue;
        }
        let det = match cache.solved.remove(&comp) {
            Some(det) => det,
            None => solve_component(layout, &comp, state, k),
        };
        determined.extend_from_slice(&det);
        solved.insert(comp, det);
    }
    cache.solved = solved;
    determined.sort_unstable();
    determined
}

/// The determined small figures of one connected set of unknowns
/// (ascending global indices).
fn solve_component(layout: &Layout, comp: &[usize], state: &[Withheld], k: u64) -> Vec<usize> {
    let column_of = |f: usize| comp.binary_search(&f).ok();
    let mut fams: Vec<usize> = comp
        .iter()
        .flat_map(|&f| layout.families_of(f).iter().copied())
        .collect();
    fams.sort_unstable();
    fams.dedup();
    let mut equations: Vec<Vec<(usize, i64)>> = Vec::with_capacity(fams.len());
    for &i in &fams {
        let fam = &layout.families[i];
        let eq: Vec<(usize, i64)> = std::iter::once((fam.total, 1))
            .chain(fam.members.iter().map(|&m| (m, -1)))
            .filter(|&(f, _)| layout.rows[f] > 0 && state[f].is_withheld())
            .filter_map(|(f, a)| column_of(f).map(|l| (l, a)))
            .collect();
        if !eq.is_empty() {
            equations.push(eq);
        }
    }
    let targets: Vec<usize> = (0..comp.len())
        .filter(|&l| is_small(layout.rows[comp[l]], k))
        .collect();
    exact::determined(comp.len(), &equations, &targets)
        .into_iter()
        .map(|l| comp[l])
        .collect()
}
