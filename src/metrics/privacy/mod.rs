//! Withholding feedback figures: the rules of docs/privacy.md, their order, and the privacy line's counts.
//!
//! One call handles one figure kind (ratings or nps); the caller runs it once
//! per kind. A *figure* is one (group, role) cell where the group is a
//! cohort's overall period, a cohort's quarter or a program quarter, and the
//! role is mentor, mentee or all. The rules apply in this order:
//!
//! 1. **Minimum group size**: a figure of 1 to k − 1 rows is withheld.
//! 2. **The local rule** (`local.rs`): in every *family* (the two roles of a
//!    group summing to its overall figure; the cohorts of a quarterly report
//!    summing to the program's figure, per role; the quarters of a cohort
//!    summing to its overall figure, per role) no withheld figure may be
//!    worked out by subtraction.
//! 3. **Closure** (`closure.rs`): the published sums are solved exactly; while
//!    they determine a withheld figure of 1 to k − 1 rows, a whole line is
//!    withheld and the local rule applied again.
//!
//! Order matters, because the first broken family or determined figure is
//! the one mended:
//! - Figures are numbered in *closure order* (`layout.rs`): cohorts in table
//!   order, each with its overall period first and then its quarters in time
//!   order; then the program's quarters in time order; within a group
//!   mentor, mentee, then all.
//! - Families are numbered in *checking order*: role families (cohorts in
//!   table order, each overall period then its quarters; then the program's
//!   quarters), then report families (quarters in time order; mentor,
//!   mentee, all), then cohort families (cohorts in table order; mentor,
//!   mentee, all).
//!
//! Readings of the rules where they leave room (docs/privacy.md, "Readings
//! of the privacy rules"):
//! - A family breaks the rule when exactly one of its figures with rows is
//!   withheld, or when two or more are, the total is not withheld, and the
//!   withheld members hold fewer than k rows together.
//! - Within a family the members differ in one coordinate only (role,
//!   cohort or quarter), so the tie order is the member order.
//! - Closure withholds the still-shown figures with rows of the chosen
//!   line; figures already withheld keep their first reason. "A program
//!   figure is still shown" means any role with rows of that quarter's line.
//!   For a program figure, closure rule 2 (listed in `closure.rs`) is its
//!   own quarter's line (another role may still be shown).
//! - `determined_small` counts withheld figures only; a figure marked
//!   withheld with no rows is known (no data).
//! - Inconsistent input (rows that do not add up, a quarter index out of
//!   range) never panics: out-of-range quarters join no report family, and
//!   a family that cannot be mended is left as it is.

mod closure;
mod layout;
mod local;

use std::collections::BTreeSet;

use layout::Layout;

/// Role index of the mentor figure.
pub const MENTOR: usize = 0;
/// Role index of the mentee figure.
pub const MENTEE: usize = 1;
/// Role index of the group's overall (mentor + mentee) figure.
pub const ALL: usize = 2;

/// Rows behind one figure kind (ratings or nps), per group and role.
/// Role index: 0 = mentor, 1 = mentee, 2 = all (all = mentor + mentee).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowCounts {
    /// Per cohort, in cohorts-table order.
    pub cohorts: Vec<CohortRows>,
    /// Per program quarter, in time order: rows per role. Equals the sum of the
    /// cohorts' rows for that quarter.
    pub program: Vec<[u64; 3]>,
}

/// Rows behind one cohort's figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CohortRows {
    /// The cohort's overall period (its whole span).
    pub overall: [u64; 3],
    /// The cohort's quarters in time order: (index into `RowCounts::program`, rows per role).
    /// They partition the overall period, so they sum to `overall`.
    pub quarters: Vec<(usize, [u64; 3])>,
}

/// Whether a figure is published, and if not, the first reason it was withheld for.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Withheld {
    /// Published.
    Shown,
    /// Computed from 1 to k − 1 rows.
    SmallGroup,
    /// Withheld by the local rule, so that no withheld figure can be derived
    /// by subtraction within one family.
    Subtraction,
    /// Withheld by closure, so that no small figure can be worked out by
    /// combining families.
    Closure,
}

impl Withheld {
    /// True unless the figure is shown.
    pub fn is_withheld(self) -> bool {
        self != Withheld::Shown
    }

    /// A stable name: `shown`, `small_group`, `subtraction` or `closure`.
    pub fn as_str(self) -> &'static str {
        match self {
            Withheld::Shown => "shown",
            Withheld::SmallGroup => "small_group",
            Withheld::Subtraction => "subtraction",
            Withheld::Closure => "closure",
        }
    }
}

/// The withholding of one cohort's figures (same shape as [`CohortRows`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CohortWithheld {
    pub overall: [Withheld; 3],
    pub quarters: Vec<[Withheld; 3]>,
}

/// The withholding of every figure of one kind (same shape as [`RowCounts`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Withholding {
    pub cohorts: Vec<CohortWithheld>,
    pub program: Vec<[Withheld; 3]>,
}

/// How many figures were withheld, per reason, and how many withheld small
/// figures the published sums still determine (always 0 after [`withhold`]).
/// Feeds the `mentorbook check` privacy line; add the ratings and nps
/// summaries together with `+`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PrivacySummary {
    pub small_group: usize,
    pub subtraction: usize,
    pub closure: usize,
    pub determined: usize,
}

impl PrivacySummary {
    /// All withheld figures.
    pub fn withheld(&self) -> usize {
        self.small_group + self.subtraction + self.closure
    }
}

impl std::ops::Add for PrivacySummary {
    type Output = PrivacySummary;
    fn add(self, o: PrivacySummary) -> PrivacySummary {
        PrivacySummary {
            small_group: self.small_group + o.small_group,
            subtraction: self.subtraction + o.subtraction,
            closure: self.closure + o.closure,
            determined: self.determined + o.determined,
        }
    }
}

impl std::fmt::Display for PrivacySummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} figures withheld ({} for small groups, {} by the local rule, {} by closure), {} determined",
            self.withheld(),
            self.small_group,
            self.subtraction,
            self.closure,
            self.determined
        )
    }
}

impl Withholding {
    /// Every figure's state, in closure order (see the module docs).
    pub fn iter(&self) -> impl Iterator<Item = Withheld> + '_ {
        self.cohorts
            .iter()
            .flat_map(|c| {
                c.overall
                    .iter()
                    .copied()
                    .chain(c.quarters.iter().flat_map(|q| q.iter().copied()))
            })
            .chain(self.program.iter().flat_map(|p| p.iter().copied()))
    }

    /// How many figures were withheld for `reason`.
    pub fn count(&self, reason: Withheld) -> usize {
        self.iter().filter(|&w| w == reason).count()
    }

    /// Counts per reason; `determined` is left at 0 (see [`summary`]).
    pub fn counts(&self) -> PrivacySummary {
        PrivacySummary {
            small_group: self.count(Withheld::SmallGroup),
            subtraction: self.count(Withheld::Subtraction),
            closure: self.count(Withheld::Closure),
            determined: 0,
        }
    }
}

/// Counts per reason plus [`determined_small`]: the figures for the privacy line.
pub fn summary(rows: &RowCounts, withheld: &Withholding, k: u64) -> PrivacySummary {
    PrivacySummary {
        determined: determined_small(rows, withheld, k),
        ..withheld.counts()
    }
}

/// Withholds figures of one kind and summarises them, solving once.
pub fn withhold_and_summarise(rows: &RowCounts, k: u64) -> (Withholding, PrivacySummary) {
    let (withheld, determined) = withhold_checked(rows, k);
    let summary = PrivacySummary {
        determined,
        ..withheld.counts()
    };
    (withheld, summary)
}

/// Decides which figures of one kind are withheld: small groups, then the
/// local rule, then closure, repeated until no withheld figure with 1 to
/// k − 1 rows is determined by the published sums (docs/privacy.md).
pub fn withhold(rows: &RowCounts, k: u64) -> Withholding {
    withhold_checked(rows, k).0
}

/// [`withhold`], with how many withheld figures of 1 to k − 1 rows its last
/// solve still found determined (0 unless mentorbook has a bug): the same
/// answer as [`determined_small`] without solving the system a second time.
pub fn withhold_checked(rows: &RowCounts, k: u64) -> (Withholding, usize) {
    let layout = Layout::new(rows);
    let mut state: Vec<Withheld> = layout
        .rows
        .iter()
        .map(|&n| {
            if is_small(n, k) {
                Withheld::SmallGroup
            } else {
                Withheld::Shown
            }
        })
        .collect();
    let every_family: BTreeSet<usize> = (0..layout.families.len()).collect();
    local::apply(&layout, &mut state, k, every_family);
    let determined = closure::close(&layout, rows, &mut state, k);
    (layout.withholding_of(&state), determined)
}

/// How many withheld figures with 1..k-1 rows the published sums determine
/// (must be 0 after [`withhold`]). Entries of `withheld` missing for a figure
/// count as shown; withheld figures with no rows count as known.
pub fn determined_small(rows: &RowCounts, withheld: &Withholding, k: u64) -> usize {
    let layout = Layout::new(rows);
    let state = layout.state_of(withheld);
    closure::determined_small(&layout, &state, k, &mut closure::SolveCache::default()).len()
}

/// True when the rows add up as [`RowCounts`] documents: all = mentor +
/// mentee everywhere, a cohort's quarters sum to its overall rows, quarter
/// indices are valid and increasing, and the program quarters are the sums
/// of the cohorts' quarters.
pub fn is_consistent(rows: &RowCounts) -> bool {
    let roles_add = |r: &[u64; 3]| r[0].checked_add(r[1]) == Some(r[2]);
    let mut program = vec![[0u64; 3]; rows.program.len()];
    for c in &rows.cohorts {
        if !roles_add(&c.overall) {
            return false;
        }
        let mut sum = [0u64; 3];
        let mut last: Option<usize> = None;
        for (q, r) in &c.quarters {
            if *q >= rows.program.len() || last.is_some_and(|l| l >= *q) || !roles_add(r) {
                return false;
            }
            last = Some(*q);
            for role in 0..3 {
                let (Some(s), Some(p)) = (
                    sum[role].checked_add(r[role]),
                    program[*q][role].checked_add(r[role]),
                ) else {
                    return false;
                };
                sum[role] = s;
                program[*q][role] = p;
            }
        }
        if sum != c.overall {
            return false;
        }
    }
    program == rows.program && rows.program.iter().all(roles_add)
}

/// Rows of a figure the minimum group size withholds: 1 to k − 1.
fn is_small(rows: u64, k: u64) -> bool {
    rows > 0 && rows < k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consistency_check() {
        let mut rows = RowCounts {
            cohorts: vec![CohortRows {
                overall: [1, 2, 3],
                quarters: vec![(0, [1, 2, 3])],
            }],
            program: vec![[1, 2, 3]],
        };
        assert!(is_consistent(&rows));
        rows.program[0][2] = 4;
        assert!(!is_consistent(&rows));
        rows.program[0][2] = 3;
        rows.cohorts[0].quarters[0].0 = 1;
        assert!(!is_consistent(&rows));
    }

    #[test]
    fn summary_line() {
        let a = PrivacySummary {
            small_group: 3,
            subtraction: 2,
            closure: 1,
            determined: 0,
        };
        let s = a + a;
        assert_eq!(s.withheld(), 12);
        assert_eq!(
            s.to_string(),
            "12 figures withheld (6 for small groups, 4 by the local rule, 2 by closure), 0 determined"
        );
        assert_eq!(Withheld::SmallGroup.as_str(), "small_group");
    }
}
