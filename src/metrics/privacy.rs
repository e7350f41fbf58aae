// Placeholder for the merge: replaced by the full SPEC §4 implementation on branch privacy.
//! Which feedback figures are withheld (SPEC §4); placeholder with the small-group rule only.

/// Rows behind one figure kind, per group: role index 0 mentor, 1 mentee, 2 all.
pub struct RowCounts {
    pub cohorts: Vec<CohortRows>,
    /// The program quarters in time order.
    pub program: Vec<[u64; 3]>,
}

pub struct CohortRows {
    pub overall: [u64; 3],
    /// (index into `RowCounts::program`, rows) per quarter of the cohort, in time order.
    pub quarters: Vec<(usize, [u64; 3])>,
}

/// Whether a figure is shown, and if not, why.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Withheld {
    Shown,
    SmallGroup,
    Subtraction,
    Closure,
}

pub struct CohortWithheld {
    pub overall: [Withheld; 3],
    pub quarters: Vec<[Withheld; 3]>,
}

pub struct Withholding {
    pub cohorts: Vec<CohortWithheld>,
    pub program: Vec<[Withheld; 3]>,
}

fn small(rows: [u64; 3], k: u64) -> [Withheld; 3] {
    rows.map(|n| {
        if n >= 1 && n < k {
            Withheld::SmallGroup
        } else {
            Withheld::Shown
        }
    })
}

/// Withholds figures computed from 1 to k − 1 rows.
pub fn withhold(rows: &RowCounts, k: u64) -> Withholding {
    Withholding {
        cohorts: rows
            .cohorts
            .iter()
            .map(|c| CohortWithheld {
                overall: small(c.overall, k),
                quarters: c.quarters.iter().map(|&(_, q)| small(q, k)).collect(),
            })
            .collect(),
        program: rows.program.iter().map(|&p| small(p, k)).collect(),
    }
}

/// How many withheld figures of 1 to k − 1 rows the published sums still
/// determine (the placeholder does not solve, and says 0).
pub fn determined_small(_rows: &RowCounts, _withheld: &Withholding, _k: u64) -> usize {
    0
}
