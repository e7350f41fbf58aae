//! Which unknowns a homogeneous system of linear equations fixes, in exact rational arithmetic.
//!
//! Columns are the unknowns; each equation is a sparse row of integer
//! coefficients, read as `Σ a·x = 0`. An unknown is *determined* when the
//! equations fix its value whatever the others are.

use std::collections::{BTreeMap, BTreeSet};

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Zero};

type Q = BigRational;
type Row = Vec<(usize, Q)>;

/// Which of `targets` (column indices) have their unit vector in the row
/// space of `equations` (sparse integer rows over `ncols` columns).
/// Returns them in ascending order.
///
/// Sparse Gaussian elimination (short rows and short columns first, to
/// limit fill-in) gives an echelon form. One exact kernel vector with
/// pseudo-random values on the free columns then clears every target on
/// which it is nonzero (a kernel vector nonzero at x proves x is not
/// fixed). The remaining targets are decided exactly by reducing their
/// unit vector against the echelon rows. The pseudo-random values only
/// affect speed, never the answer.
pub fn determined(ncols: usize, equations: &[Vec<(usize, i64)>], targets: &[usize]) -> Vec<usize> {
    if targets.is_empty() {
        return Vec::new();
    }
    let pivots = echelon(ncols, equations);
    let v = kernel_vector(ncols, &pivots);
    let mut pos = vec![usize::MAX; ncols];
    for (i, (c, _)) in pivots.iter().enumerate() {
        pos[*c] = i;
    }
    let mut out: Vec<usize> = targets
        .iter()
        .copied()
        .filter(|&x| v[x].is_zero() && in_row_space(x, &pivots, &pos))
        .collect();
    out.sort_unstable();
    out
}

/// Echelon rows as (pivot column, row with pivot coefficient 1), in
/// elimination order: row i has no entry in the pivot columns of rows
/// before it.
fn echelon(ncols: usize, equations: &[Vec<(usize, i64)>]) -> Vec<(usize, Row)> {
    let mut rows: Vec<Option<Row>> = equations
        .iter()
        .map(|eq| {
            // Sorted by column, repeated columns merged (callers may list a
            // column twice, e.g. on malformed input), zeros dropped.
            let mut eq = eq.clone();
            eq.sort_unstable();
            let mut merged: Vec<(usize, i64)> = Vec::with_capacity(eq.len());
            for (c, a) in eq {
                match merged.last_mut() {
                    Some(last) if last.0 == c => last.1 = last.1.saturating_add(a),
                    _ => merged.push((c, a)),
                }
            }
            Some(
                merged
                    .into_iter()
                    .filter(|&(c, a)| a != 0 && c < ncols)
                    .map(|(c, a)| (c, Q::from_integer(BigInt::from(a))))
                    .collect(),
            )
        })
        .collect();
    let mut col_rows: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); ncols];
    let mut by_len: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (i, row) in rows.iter().enumerate() {
        if let Some(row) = row {
            for (c, _) in row {
                col_rows[*c].insert(i);
            }
            if !row.is_empty() {
                by_len.insert((row.len(), i));
            }
        }
    }
    let mut pivots = Vec::new();
    while let Some((_, p)) = by_len.pop_first() {
        let Some(mut row_p) = rows[p].take() else {
            continue;
        };
        for (c, _) in &row_p {
            col_rows[*c].remove(&p);
        }
        // Pivot on the column shared with the fewest other rows.
        let Some(pivot_at) =
            (0..row_p.len()).min_by_key(|&i| (col_rows[row_p[i].0].len(), row_p[i].0))
        else {
            continue;
        };
        let pc = row_p[pivot_at].0;
        let inv = row_p[pivot_at].1.recip();
        for (_, a) in row_p.iter_mut() {
            *a *= &inv;
        }
        let targets: Vec<usize> = col_rows[pc].iter().copied().collect();
        for i in targets {
            let Some(row_i) = rows[i].take() else {
                continue;
            };
            by_len.remove(&(row_i.len(), i));
            let new = subtract_multiple(i, row_i, &row_p, pc, &mut col_rows);
            if !new.is_empty() {
                by_len.insert((new.len(), i));
                rows[i] = Some(new);
            }
        }
        pivots.push((pc, row_p));
    }
    pivots
}

/// `row_i − row_i[pc] · row_p`, keeping `col_rows` (which rows hold
/// which column) up to date for row `i`.
fn subtract_multiple(
    i: usize,
    row_i: Row,
    row_p: &Row,
    pc: usize,
    col_rows: &mut [BTreeSet<usize>],
) -> Row {
    let factor = row_i
        .iter()
        .find(|(c, _)| *c == pc)
        .map(|(_, a)| a.clone())
        .unwrap_or_else(Q::zero);
    let mut out = Vec::with_capacity(row_i.len() + row_p.len());
    let mut a_it = row_i.into_iter().peekable();
    let mut b_it = row_p.iter().peekable();
    loop {
        match (a_it.peek(), b_it.peek()) {
            (None, None) => break,
            (Some(_), None) => out.extend(a_it.by_ref()),
            (Some((ca, _)), Some((cb, _))) if ca < cb => {
                out.extend(a_it.next());
            }
            (None, Some(_)) | (Some(_), Some(_)) => {
                let Some((cb, b)) = b_it.next() else { break };
                let same = a_it.peek().is_some_and(|(ca, _)| ca == cb);
                if same {
                    if let Some((ca, a)) = a_it.next() {
                        let val = a - &factor * b;
                        if val.is_zero() {
                            col_rows[ca].remove(&i);
                        } else {
                            out.push((ca, val));
                        }
                    }
                } else {
                    let val = -(&factor * b);
                    if !val.is_zero() {
                        col_rows[*cb].insert(i);
                        out.push((*cb, val));
                    }
                }
            }
        }
    }
    out
}

/// A kernel vector of the echelon rows: deterministic pseudo-random
/// nonzero values on the free columns, back-substitution for the pivots.
fn kernel_vector(ncols: usize, pivots: &[(usize, Row)]) -> Vec<Q> {
    let mut is_pivot = vec![false; ncols];
    for (c, _) in pivots {
        is_pivot[*c] = true;
    }
    let mut seed: u64 = 0x243f_6a88_85a3_08d3 ^ ncols as u64;
    let mut v: Vec<Q> = (0..ncols)
        .map(|c| {
            if is_pivot[c] {
                Q::zero()
            } else {
                seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
                let mut z = seed;
                z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                z ^= z >> 31;
                // 1 ..= 2^30: never zero.
                Q::from_integer(BigInt::from((z >> 34) + 1))
            }
        })
        .collect();
    for (pc, row) in pivots.iter().rev() {
        let mut s = Q::zero();
        for (c, a) in row {
            if c != pc {
                s += a * &v[*c];
            }
        }
        v[*pc] = -s;
    }
    v
}

/// Whether the unit vector of column `x` reduces to zero against the
/// echelon rows (pivot positions in `pos`).
fn in_row_space(x: usize, pivots: &[(usize, Row)], pos: &[usize]) -> bool {
    // Pending entries keyed by pivot position (free columns by MAX + column).
    let mut w: BTreeMap<(usize, usize), Q> = BTreeMap::new();
    w.insert((pos[x], x), Q::one());
    while let Some(((p, c), a)) = w.pop_first() {
        if p == usize::MAX {
            // A free column left over: nothing can cancel it any more,
            // since every remaining entry is a free column too.
            debug_assert!(!a.is_zero());
            return false;
        }
        let Some((_, row)) = pivots.get(p) else {
            return false;
        };
        for (c2, b) in row {
            if *c2 == c {
                continue;
            }
            let key = (pos[*c2], *c2);
            let entry = w.entry(key).or_insert_with(Q::zero);
            *entry -= &a * b;
            if entry.is_zero() {
                w.remove(&key);
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn det(ncols: usize, eqs: &[&[(usize, i64)]]) -> Vec<usize> {
        let eqs: Vec<Vec<(usize, i64)>> = eqs.iter().map(|e| e.to_vec()).collect();
        let all: Vec<usize> = (0..ncols).collect();
        determined(ncols, &eqs, &all)
    }

    #[test]
    fn small_systems() {
        // x = 0: fixed.
        assert_eq!(det(1, &[&[(0, 1)]]), vec![0]);
        // x − y = 0: both free.
        assert_eq!(det(2, &[&[(0, 1), (1, -1)]]), Vec::<usize>::new());
        // x − y = 0, y = 0: both fixed.
        assert_eq!(det(2, &[&[(0, 1), (1, -1)], &[(1, 1)]]), vec![0, 1]);
        // x + y = 0, x − y = 0: both fixed, via a division by 2.
        assert_eq!(det(2, &[&[(0, 1), (1, 1)], &[(0, 1), (1, -1)]]), vec![0, 1]);
        // x − y − z = 0, y − z = 0: x = 2z, all free.
        assert_eq!(
            det(3, &[&[(0, 1), (1, -1), (2, -1)], &[(1, 1), (2, -1)]]),
            Vec::<usize>::new()
        );
        // t − a − b = 0, t − c = 0, a − d = 0, b + d − c = 0 (redundant):
        // t = c and a = d, but t = a + b leaves a, b free.
        assert_eq!(
            det(
                5,
                &[
                    &[(0, 1), (1, -1), (2, -1)],
                    &[(0, 1), (3, -1)],
                    &[(1, 1), (4, -1)],
                    &[(2, 1), (4, 1), (3, -1)],
                ]
            ),
            Vec::<usize>::new()
        );
        // A column in no equation is free; no targets, no work.
        assert_eq!(det(2, &[&[(0, 1)]]), vec![0]);
        assert!(determined(2, &[vec![(0, 1)]], &[]).is_empty());
    }
}
