//! The independent privacy checker of tests/privacy*.rs and tests/properties.rs.
//!
//! Families rebuilt from `RowCounts` as keyed figures, the local rule, and
//! dense integer Gaussian elimination deciding which withheld figures the
//! published sums determine.

#![allow(dead_code)]

pub(crate) mod reference;
pub(crate) mod versions;

use std::collections::BTreeMap;

use mentorbook::metrics::privacy::{CohortRows, RowCounts, Withheld, Withholding};

use Withheld::Shown as S;

/// A program with `nq` quarters; each cohort lists (program quarter, mentor
/// rows, mentee rows) in time order. `all`, overall and program rows are sums.
pub(crate) fn row_counts(nq: usize, cohorts: &[Vec<(usize, u64, u64)>]) -> RowCounts {
    let mut program = vec![[0u64; 3]; nq];
    let cohorts = cohorts
        .iter()
        .map(|qs| {
            let mut overall = [0u64; 3];
            let quarters = qs
                .iter()
                .map(|&(q, m, e)| {
                    let r = [m, e, m + e];
                    for i in 0..3 {
                        overall[i] += r[i];
                        program[q][i] += r[i];
                    }
                    (q, r)
                })
                .collect();
            CohortRows { overall, quarters }
        })
        .collect();
    RowCounts { cohorts, program }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(crate) enum Key {
    Overall(usize, usize),
    CohortQuarter(usize, usize, usize),
    Program(usize, usize),
}

pub(crate) struct Figures {
    pub rows: BTreeMap<Key, u64>,
    pub state: BTreeMap<Key, Withheld>,
    /// (total, members)
    pub families: Vec<(Key, Vec<Key>)>,
}

pub(crate) fn figures(rows: &RowCounts, w: &Withholding) -> Figures {
    let mut fr = BTreeMap::new();
    let mut st = BTreeMap::new();
    let mut groups: Vec<Box<dyn Fn(usize) -> Key>> = Vec::new();
    assert_eq!(rows.cohorts.len(), w.cohorts.len());
    assert_eq!(rows.program.len(), w.program.len());
    for (c, (cr, cw)) in rows.cohorts.iter().zip(&w.cohorts).enumerate() {
        assert_eq!(cr.quarters.len(), cw.quarters.len());
        for r in 0..3 {
            fr.insert(Key::Overall(c, r), cr.overall[r]);
            st.insert(Key::Overall(c, r), cw.overall[r]);
        }
        groups.push(Box::new(move |r| Key::Overall(c, r)));
        for ((q, qr), qw) in cr.quarters.iter().zip(&cw.quarters) {
            let q = *q;
            for r in 0..3 {
                fr.insert(Key::CohortQuarter(c, q, r), qr[r]);
                st.insert(Key::CohortQuarter(c, q, r), qw[r]);
            }
            groups.push(Box::new(move |r| Key::CohortQuarter(c, q, r)));
        }
    }
    for (q, (pr, pw)) in rows.program.iter().zip(&w.program).enumerate() {
        for r in 0..3 {
            fr.insert(Key::Program(q, r), pr[r]);
            st.insert(Key::Program(q, r), pw[r]);
        }
        groups.push(Box::new(move |r| Key::Program(q, r)));
    }
    let mut families = Vec::new();
    for g in &groups {
        families.push((g(2), vec![g(0), g(1)]));
    }
    for q in 0..rows.program.len() {
        for r in 0..3 {
            let members = rows
                .cohorts
                .iter()
                .enumerate()
                .filter(|(_, cr)| cr.quarters.iter().any(|(qq, _)| *qq == q))
                .map(|(c, _)| Key::CohortQuarter(c, q, r))
                .collect();
            families.push((Key::Program(q, r), members));
        }
    }
    for (c, cr) in rows.cohorts.iter().enumerate() {
        for r in 0..3 {
            let members = cr
                .quarters
                .iter()
                .map(|(q, _)| Key::CohortQuarter(c, *q, r))
                .collect();
            families.push((Key::Overall(c, r), members));
        }
    }
    Figures {
        rows: fr,
        state: st,
        families,
    }
}

impl Figures {
    pub(crate) fn unknown(&self, key: &Key) -> bool {
        self.rows[key] > 0 && self.state[key] != S
    }

    /// Families breaking the local rule on the final state.
    pub(crate) fn local_breaks(&self, k: u64) -> Vec<(Key, Vec<Key>)> {
        self.families
            .iter()
            .filter(|(total, members)| self.local_breaks_one(total, members, k))
            .cloned()
            .collect()
    }

    pub(crate) fn local_breaks_one(&self, total: &Key, members: &[Key], k: u64) -> bool {
        let with_rows = std::iter::once(total)
            .chain(members)
            .filter(|f| self.rows[*f] > 0);
        let withheld = with_rows.filter(|f| self.state[*f] != S).count();
        let member_rows: u64 = members
            .iter()
            .filter(|f| self.unknown(f))
            .map(|f| self.rows[f])
            .sum();
        let total_shown = !self.unknown(total);
        withheld == 1 || (withheld >= 2 && total_shown && member_rows < k)
    }

    /// Withheld figures with 1..k-1 rows that the equations fix.
    pub(crate) fn determined_small(&self, k: u64) -> Vec<Key> {
        let unknowns: Vec<Key> = self
            .rows
            .keys()
            .filter(|f| self.unknown(f))
            .copied()
            .collect();
        let col: BTreeMap<Key, usize> = unknowns.iter().enumerate().map(|(i, f)| (*f, i)).collect();
        let n = unknowns.len();
        let mut matrix: Vec<Vec<i128>> = Vec::new();
        for (total, members) in &self.families {
            let mut row = vec![0i128; n];
            if let Some(&i) = col.get(total) {
                row[i] += 1;
            }
            for m in members {
                if let Some(&i) = col.get(m) {
                    row[i] -= 1;
                }
            }
            if row.iter().any(|&a| a != 0) {
                matrix.push(row);
            }
        }
        let echelon = int_echelon(matrix, n);
        unknowns
            .iter()
            .filter(|f| {
                let r = self.rows[*f];
                r > 0 && r < k
            })
            .filter(|f| {
                let mut unit = vec![0i128; n];
                unit[col[*f]] = 1;
                reduces_to_zero(unit, &echelon)
            })
            .copied()
            .collect()
    }
}

pub(crate) fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

pub(crate) fn normalize(row: &mut [i128]) {
    let g = row.iter().fold(0, |g, &a| gcd(g, a));
    if g > 1 {
        for a in row.iter_mut() {
            *a /= g;
        }
    }
}

/// `row·p − row[c]·piv` (checked: overflow fails the test loudly).
pub(crate) fn cancel(row: &mut [i128], piv: &[i128], c: usize) {
    let (p, f) = (piv[c], row[c]);
    for (a, b) in row.iter_mut().zip(piv) {
        *a = a
            .checked_mul(p)
            .and_then(|x| b.checked_mul(f).and_then(|y| x.checked_sub(y)))
            .expect("overflow in checker");
    }
    normalize(row);
}

/// Fraction-free row echelon form (rows with ascending pivot columns).
pub(crate) fn int_echelon(mut rows: Vec<Vec<i128>>, n: usize) -> Vec<(usize, Vec<i128>)> {
    let mut out = Vec::new();
    for c in 0..n {
        let Some(p) = rows.iter().position(|r| r[c] != 0) else {
            continue;
        };
        let piv = rows.swap_remove(p);
        for r in rows.iter_mut() {
            if r[c] != 0 {
                cancel(r, &piv, c);
            }
        }
        out.push((c, piv));
    }
    out
}

pub(crate) fn reduces_to_zero(mut v: Vec<i128>, echelon: &[(usize, Vec<i128>)]) -> bool {
    for (c, piv) in echelon {
        if v[*c] != 0 {
            cancel(&mut v, piv, *c);
        }
    }
    v.iter().all(|&a| a == 0)
}
