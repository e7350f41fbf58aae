//! The figures of one kind numbered in closure order, and the families that sum them, in checking order.

use super::{ALL, CohortWithheld, MENTEE, MENTOR, RowCounts, Withheld, Withholding};

/// Where a figure sits.
#[derive(Clone, Copy, Debug)]
pub(super) enum Place {
    /// Cohort `c`'s overall period.
    Overall(usize),
    /// Cohort `c`'s `j`-th quarter.
    Quarter(usize, usize),
    /// Program quarter `q`.
    Program(usize),
}

/// A family: one equation `total − Σ members = 0` (figure indices).
#[derive(Clone, Debug)]
pub(super) struct Family {
    pub(super) total: usize,
    pub(super) members: Vec<usize>,
}

impl Family {
    /// The total, then the members.
    pub(super) fn figures(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.total).chain(self.members.iter().copied())
    }
}

/// The figures and families of one [`RowCounts`], flattened.
///
/// A group's three figures (mentor, mentee, all) are consecutive, so a
/// group is named by its first figure, its mentor figure.
pub(super) struct Layout {
    /// Rows per figure, in closure order.
    pub(super) rows: Vec<u64>,
    pub(super) place: Vec<Place>,
    /// Index of cohort `c`'s overall mentor figure.
    cohort_base: Vec<usize>,
    /// Per cohort, per quarter: the program quarter, when valid.
    pub(super) cohort_quarters: Vec<Vec<Option<usize>>>,
    /// Index of the first program figure.
    program_base: usize,
    /// Per program quarter: (cohort, quarter position) in table order.
    pub(super) quarter_members: Vec<Vec<(usize, usize)>>,
    /// In checking order.
    pub(super) families: Vec<Family>,
    /// Per figure, the families it belongs to, as one flat list:
    /// figure `f`'s are `families_of[families_of_start[f]..families_of_start[f + 1]]`.
    families_of_start: Vec<usize>,
    families_of: Vec<usize>,
}

impl Layout {
    pub(super) fn new(rows: &RowCounts) -> Layout {
        let nq = rows.program.len();
        let mut fig_rows = Vec::new();
        let mut place = Vec::new();
        let mut cohort_base = Vec::with_capacity(rows.cohorts.len());
        let mut cohort_quarters = Vec::with_capacity(rows.cohorts.len());
        let mut quarter_members = vec![Vec::new(); nq];
        for (c, cohort) in rows.cohorts.iter().enumerate() {
            cohort_base.push(fig_rows.len());
            fig_rows.extend_from_slice(&cohort.overall);
            place.extend([Place::Overall(c); 3]);
            let mut qs = Vec::with_capacity(cohort.quarters.len());
            for (j, (q, r)) in cohort.quarters.iter().enumerate() {
                fig_rows.extend_from_slice(r);
                place.extend([Place::Quarter(c, j); 3]);
                if let Some(members) = quarter_members.get_mut(*q) {
                    members.push((c, j));
                    qs.push(Some(*q));
                } else {
                    qs.push(None);
                }
            }
            cohort_quarters.push(qs);
        }
        let program_base = fig_rows.len();
        for (q, r) in rows.program.iter().enumerate() {
            fig_rows.extend_from_slice(r);
            place.extend([Place::Program(q); 3]);
        }

        let mut layout = Layout {
            rows: fig_rows,
            place,
            cohort_base,
            cohort_quarters,
            program_base,
            quarter_members,
            families: Vec::new(),
            families_of_start: Vec::new(),
            families_of: Vec::new(),
        };
        layout.families = layout.build_families();
        layout.index_families();
        layout
    }

    /// Cohort `c`'s overall figure for `role`.
    pub(super) fn overall(&self, c: usize, role: usize) -> usize {
        self.cohort_base[c] + role
    }

    /// Cohort `c`'s figure for `role` in its `j`-th quarter.
    pub(super) fn quarter(&self, c: usize, j: usize, role: usize) -> usize {
        self.cohort_base[c] + 3 * (j + 1) + role
    }

    /// Program quarter `q`'s figure for `role`.
    pub(super) fn program(&self, q: usize, role: usize) -> usize {
        self.program_base + 3 * q + role
    }

    /// Families in checking order (see the module docs of `privacy`).
    fn build_families(&self) -> Vec<Family> {
        let role_family = |group: usize| Family {
            total: group + ALL,
            members: vec![group + MENTOR, group + MENTEE],
        };
        let mut families = Vec::new();
        // Role families: cohorts (overall, then quarters), then program quarters.
        for (c, qs) in self.cohort_quarters.iter().enumerate() {
            families.push(role_family(self.overall(c, MENTOR)));
            for j in 0..qs.len() {
                families.push(role_family(self.quarter(c, j, MENTOR)));
            }
        }
        for q in 0..self.quarter_members.len() {
            families.push(role_family(self.program(q, MENTOR)));
        }
        // Report families: quarters in time order, roles in order.
        for (q, members) in self.quarter_members.iter().enumerate() {
            for role in 0..3 {
                families.push(Family {
                    total: self.program(q, role),
                    members: members
                        .iter()
                        .map(|&(c, j)| self.quarter(c, j, role))
                        .collect(),
                });
            }
        }
        // Cohort families: cohorts in table order, roles in order.
        for (c, qs) in self.cohort_quarters.iter().enumerate() {
            for role in 0..3 {
                families.push(Family {
                    total: self.overall(c, role),
                    members: (0..qs.len()).map(|j| self.quarter(c, j, role)).collect(),
                });
            }
        }
        families
    }

    fn index_families(&mut self) {
        let n = self.rows.len();
        let mut count = vec![0usize; n + 1];
        for fam in &self.families {
            for f in fam.figures() {
                count[f + 1] += 1;
            }
        }
        for i in 0..n {
            count[i + 1] += count[i];
        }
        let mut next = count.clone();
        let mut families_of = vec![0usize; count[n]];
        for (i, fam) in self.families.iter().enumerate() {
            for f in fam.figures() {
                families_of[next[f]] = i;
                next[f] += 1;
            }
        }
        self.families_of_start = count;
        self.families_of = families_of;
    }

    /// The families figure `f` belongs to, in checking order.
    pub(super) fn families_of(&self, f: usize) -> &[usize] {
        &self.families_of[self.families_of_start[f]..self.families_of_start[f + 1]]
    }

    /// The first figure of `f`'s group.
    pub(super) fn group_start(&self, f: usize) -> usize {
        match self.place[f] {
            Place::Overall(c) => self.overall(c, MENTOR),
            Place::Quarter(c, j) => self.quarter(c, j, MENTOR),
            Place::Program(q) => self.program(q, MENTOR),
        }
    }

    /// Per-figure states back in the shape of [`RowCounts`].
    pub(super) fn withholding_of(&self, state: &[Withheld]) -> Withholding {
        let triple = |first: usize| [state[first], state[first + 1], state[first + 2]];
        Withholding {
            cohorts: self
                .cohort_quarters
                .iter()
                .enumerate()
                .map(|(c, qs)| CohortWithheld {
                    overall: triple(self.overall(c, MENTOR)),
                    quarters: (0..qs.len())
                        .map(|j| triple(self.quarter(c, j, MENTOR)))
                        .collect(),
                })
                .collect(),
            program: (0..self.quarter_members.len())
                .map(|q| triple(self.program(q, MENTOR)))
                .collect(),
        }
    }

    /// Per-figure states from a [`Withholding`]; figures it lacks are shown.
    pub(super) fn state_of(&self, w: &Withholding) -> Vec<Withheld> {
        let mut state = vec![Withheld::Shown; self.rows.len()];
        let mut put = |first: usize, t: &[Withheld; 3]| {
            state[first..first + 3].copy_from_slice(t);
        };
        for (c, qs) in self.cohort_quarters.iter().enumerate() {
            let Some(cw) = w.cohorts.get(c) else { break };
            put(self.overall(c, MENTOR), &cw.overall);
            for (j, t) in cw.quarters.iter().enumerate().take(qs.len()) {
                put(self.quarter(c, j, MENTOR), t);
            }
        }
        for (q, t) in w
            .program
            .iter()
            .enumerate()
            .take(self.quarter_members.len())
        {
            put(self.program(q, MENTOR), t);
        }
        state
    }
}

#[cfg(test)]
mod tests {
    use super::super::{CohortRows, is_consistent};
    use super::*;

    #[test]
    fn families_in_checking_order() {
        // Two cohorts: A in Q0, Q1; B in Q1. Program Q0, Q1.
        let rows = RowCounts {
            cohorts: vec![
                CohortRows {
                    overall: [2, 2, 4],
                    quarters: vec![(0, [1, 1, 2]), (1, [1, 1, 2])],
                },
                CohortRows {
                    overall: [3, 0, 3],
                    quarters: vec![(1, [3, 0, 3])],
                },
            ],
            program: vec![[1, 1, 2], [4, 1, 5]],
        };
        assert!(is_consistent(&rows));
        let m = Layout::new(&rows);
        // Figures: A overall 0..3, A-Q0 3..6, A-Q1 6..9, B overall 9..12,
        // B-Q1 12..15, P0 15..18, P1 18..21.
        assert_eq!(m.rows.len(), 21);
        let fams: Vec<(usize, Vec<usize>)> = m
            .families
            .iter()
            .map(|f| (f.total, f.members.clone()))
            .collect();
        let expected: Vec<(usize, Vec<usize>)> = vec![
            // Role families: A overall, A-Q0, A-Q1, B overall, B-Q1, P0, P1.
            (2, vec![0, 1]),
            (5, vec![3, 4]),
            (8, vec![6, 7]),
            (11, vec![9, 10]),
            (14, vec![12, 13]),
            (17, vec![15, 16]),
            (20, vec![18, 19]),
            // Report families: Q0 (A), Q1 (A, B), per role.
            (15, vec![3]),
            (16, vec![4]),
            (17, vec![5]),
            (18, vec![6, 12]),
            (19, vec![7, 13]),
            (20, vec![8, 14]),
            // Cohort families: A (Q0, Q1), B (Q1), per role.
            (0, vec![3, 6]),
            (1, vec![4, 7]),
            (2, vec![5, 8]),
            (9, vec![12]),
            (10, vec![13]),
            (11, vec![14]),
        ];
        assert_eq!(fams, expected);
        assert_eq!(m.families_of(6), &[2, 10, 13]);
    }
}
