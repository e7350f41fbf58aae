//! Withholding feedback figures (SPEC §4): minimum group size, the local
//! "no derivation by subtraction" rule, and closure over the published sums.
//!
//! One call handles one figure kind (ratings or nps); the caller runs it once
//! per kind. A *figure* is one (group, role) cell where the group is a
//! cohort's overall period, a cohort's quarter or a program quarter, and the
//! role is mentor, mentee or all.
//!
//! Figures are numbered in the SPEC's closure order: cohorts in table order,
//! each with its overall period first and then its quarters in time order;
//! then the program's quarters in time order; within a group mentor, mentee,
//! then all. Families (role, report, cohort) are numbered in the SPEC's
//! checking order.
//!
//! Readings of the SPEC where it leaves room:
//! - A family breaks the rule when exactly one of its figures with rows is
//!   withheld, or when two or more are, the total is not withheld, and the
//!   withheld members hold fewer than k rows together.
//! - Within a family the members differ in one coordinate only (role,
//!   cohort or quarter), so the SPEC's tie order is the member order.
//! - Closure withholds the still-shown figures with rows of the chosen
//!   line; figures already withheld keep their first reason. "A program
//!   figure is still shown" means any role with rows of that quarter's line.
//!   For a program figure, rule 2 is its own quarter's line (another role
//!   may still be shown).
//! - `determined_small` counts withheld figures only; a figure marked
//!   withheld with no rows is known (no data).
//! - Inconsistent input (rows that do not add up, a quarter index out of
//!   range) never panics: out-of-range quarters join no report family, and
//!   a family that cannot be mended is left as it is.

use std::collections::BTreeSet;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Zero};
use rustc_hash::FxHashMap;

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

/// Decides which figures of one kind are withheld (SPEC §4): small groups,
/// then the local rule, then closure, repeated until no withheld figure with
/// 1 to k − 1 rows is determined by the published sums.
pub fn withhold(rows: &RowCounts, k: u64) -> Withholding {
    withhold_checked(rows, k).0
}

/// [`withhold`], with how many withheld figures of 1 to k − 1 rows its last
/// solve still found determined (0 unless mentorbook has a bug): the same
/// answer as [`determined_small`] without solving the system a second time.
pub fn withhold_checked(rows: &RowCounts, k: u64) -> (Withholding, usize) {
    let model = Model::new(rows);
    let mut state: Vec<Withheld> = model
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
    let mut dirty: BTreeSet<usize> = (0..model.families.len()).collect();
    model.apply_local_rule(&mut state, k, dirty);

    let mut cache = SolveCache::default();
    let mut determined = 0;
    // Every closure step withholds at least one shown figure, so the number
    // of figures bounds the loop; the SPEC promises far fewer steps.
    for _ in 0..=model.rows.len() {
        let found = model.determined_small(&state, k, &mut cache);
        determined = found.len();
        let Some(f) = found.first().copied() else {
            break;
        };
        let Some(line) = model.closure_line(f, &state) else {
            // No rule applies: on consistent input this cannot happen (the
            // SPEC guarantees it); `determined_small` reports the figure.
            debug_assert!(
                !is_consistent(rows),
                "closure found no line to withhold for figure {f}"
            );
            break;
        };
        dirty = BTreeSet::new();
        for g in line {
            if model.rows[g] > 0 && state[g] == Withheld::Shown {
                state[g] = Withheld::Closure;
                dirty.extend(model.families_of(g).iter().copied());
            }
        }
        model.apply_local_rule(&mut state, k, dirty);
        // Solved again at the top of the loop; counted as unsolved until then.
        determined = usize::MAX;
    }
    if determined == usize::MAX {
        determined = model.determined_small(&state, k, &mut cache).len();
    }
    (model.withholding_of(&state), determined)
}

/// How many withheld figures with 1..k-1 rows the published sums determine
/// (must be 0 after [`withhold`]). Entries of `withheld` missing for a figure
/// count as shown; withheld figures with no rows count as known.
pub fn determined_small(rows: &RowCounts, withheld: &Withholding, k: u64) -> usize {
    let model = Model::new(rows);
    let state = model.state_of(withheld);
    model
        .determined_small(&state, k, &mut SolveCache::default())
        .len()
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

fn is_small(rows: u64, k: u64) -> bool {
    rows > 0 && rows < k
}

/// Where a figure sits.
#[derive(Clone, Copy, Debug)]
enum Place {
    /// Cohort `c`'s overall period.
    Overall(usize),
    /// Cohort `c`'s `j`-th quarter.
    Quarter(usize, usize),
    /// Program quarter `q`.
    Program(usize),
}

/// A family: one equation `total − Σ members = 0`.
#[derive(Clone, Debug)]
struct Family {
    total: usize,
    members: Vec<usize>,
}

/// The figures and families of one [`RowCounts`], flattened.
struct Model {
    /// Rows per figure, in closure order.
    rows: Vec<u64>,
    place: Vec<Place>,
    /// Index of cohort `c`'s overall mentor figure.
    cohort_base: Vec<usize>,
    /// Per cohort, per quarter: the program quarter, when valid.
    cohort_quarters: Vec<Vec<Option<usize>>>,
    /// Index of the first program figure.
    program_base: usize,
    /// Per program quarter: (cohort, quarter position) in table order.
    quarter_members: Vec<Vec<(usize, usize)>>,
    /// In checking order.
    families: Vec<Family>,
    /// Per figure, the families it belongs to (CSR).
    fig_fam_start: Vec<usize>,
    fig_fam: Vec<usize>,
}

impl Model {
    fn new(rows: &RowCounts) -> Model {
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

        let mut model = Model {
            rows: fig_rows,
            place,
            cohort_base,
            cohort_quarters,
            program_base,
            quarter_members,
            families: Vec::new(),
            fig_fam_start: Vec::new(),
            fig_fam: Vec::new(),
        };
        model.families = model.build_families();
        model.index_families();
        model
    }

    fn overall(&self, c: usize, role: usize) -> usize {
        self.cohort_base[c] + role
    }

    fn quarter(&self, c: usize, j: usize, role: usize) -> usize {
        self.cohort_base[c] + 3 * (j + 1) + role
    }

    fn program(&self, q: usize, role: usize) -> usize {
        self.program_base + 3 * q + role
    }

    /// Families in the SPEC's checking order.
    fn build_families(&self) -> Vec<Family> {
        let role_family = |group: usize| Family {
            total: group + ALL,
            members: vec![group + MENTOR, group + MENTEE],
        };
        let mut families = Vec::new();
        // Role families: cohorts (overall, then quarters), then program quarters.
        for (c, qs) in self.cohort_quarters.iter().enumerate() {
            families.push(role_family(self.overall(c, 0)));
            for j in 0..qs.len() {
                families.push(role_family(self.quarter(c, j, 0)));
            }
        }
        for q in 0..self.quarter_members.len() {
            families.push(role_family(self.program(q, 0)));
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
            for &f in std::iter::once(&fam.total).chain(&fam.members) {
                count[f + 1] += 1;
            }
        }
        for i in 0..n {
            count[i + 1] += count[i];
        }
        let mut next = count.clone();
        let mut fig_fam = vec![0usize; count[n]];
        for (i, fam) in self.families.iter().enumerate() {
            for &f in std::iter::once(&fam.total).chain(&fam.members) {
                fig_fam[next[f]] = i;
                next[f] += 1;
            }
        }
        self.fig_fam_start = count;
        self.fig_fam = fig_fam;
    }

    fn families_of(&self, f: usize) -> &[usize] {
        &self.fig_fam[self.fig_fam_start[f]..self.fig_fam_start[f + 1]]
    }

    /// When `fam` breaks the local rule, the figure to withhold for it.
    fn local_fix(&self, fam: &Family, state: &[Withheld], k: u64) -> Option<usize> {
        let total_rows = self.rows[fam.total] > 0;
        let total_withheld = total_rows && state[fam.total].is_withheld();
        let mut withheld = usize::from(total_withheld);
        let mut withheld_rows = 0u64;
        let mut fewest: Option<usize> = None;
        for &m in &fam.members {
            let n = self.rows[m];
            if n == 0 {
                continue;
            }
            if state[m].is_withheld() {
                withheld += 1;
                withheld_rows = withheld_rows.saturating_add(n);
            } else if fewest.is_none_or(|b| n < self.rows[b]) {
                fewest = Some(m);
            }
        }
        let broken = withheld == 1 || (withheld >= 2 && !total_withheld && withheld_rows < k);
        if !broken {
            return None;
        }
        // A family that cannot be mended (only on inconsistent input) is left as it is.
        fewest.or((total_rows && !total_withheld).then_some(fam.total))
    }

    /// Applies the local rule until no family breaks it. Equivalent to
    /// "restart from the first family after each withholding": every family
    /// outside `dirty` obeys the rule, a family's state only changes when one
    /// of its figures does, and the smallest dirty family is always checked
    /// first, so the first breaking family is always the one mended.
    fn apply_local_rule(&self, state: &mut [Withheld], k: u64, mut dirty: BTreeSet<usize>) {
        while let Some(i) = dirty.pop_first() {
            if let Some(f) = self.local_fix(&self.families[i], state, k) {
                state[f] = Withheld::Subtraction;
                dirty.extend(self.families_of(f).iter().copied());
            }
        }
    }

    /// True when some figure of the line (all roles with rows) is still shown.
    fn line_shown(&self, first: usize, state: &[Withheld]) -> bool {
        (first..first + 3).any(|g| self.rows[g] > 0 && !state[g].is_withheld())
    }

    /// The line closure withholds for the determined small figure `f`
    /// (SPEC §4 rules 1–3): the first figure of that line.
    fn closure_line(&self, f: usize, state: &[Withheld]) -> Option<std::ops::Range<usize>> {
        let role = f - self.group_start(f);
        let line = |first: usize| first..first + 3;
        match self.place[f] {
            Place::Overall(c) | Place::Quarter(c, _)
                if self.line_shown(self.overall(c, 0), state) =>
            {
                Some(line(self.overall(c, 0)))
            }
            Place::Quarter(c, j) => {
                let q = self.cohort_quarters[c][j]?;
                let first = self.program(q, 0);
                self.line_shown(first, state).then(|| line(first))
            }
            Place::Overall(c) => self.cohort_quarters[c]
                .iter()
                .enumerate()
                .find_map(|(j, q)| {
                    let q = (*q)?;
                    let first = self.program(q, 0);
                    (state[self.quarter(c, j, role)].is_withheld() && self.line_shown(first, state))
                        .then(|| line(first))
                }),
            Place::Program(q) => {
                let first = self.program(q, 0);
                if self.line_shown(first, state) {
                    return Some(line(first));
                }
                self.quarter_members[q].iter().find_map(|&(c, j)| {
                    let first = self.overall(c, 0);
                    (state[self.quarter(c, j, role)].is_withheld() && self.line_shown(first, state))
                        .then(|| line(first))
                })
            }
        }
    }

    /// The first figure of `f`'s group.
    fn group_start(&self, f: usize) -> usize {
        match self.place[f] {
            Place::Overall(c) => self.overall(c, 0),
            Place::Quarter(c, j) => self.quarter(c, j, 0),
            Place::Program(q) => self.program(q, 0),
        }
    }

    fn withholding_of(&self, state: &[Withheld]) -> Withholding {
        let triple = |first: usize| [state[first], state[first + 1], state[first + 2]];
        Withholding {
            cohorts: self
                .cohort_quarters
                .iter()
                .enumerate()
                .map(|(c, qs)| CohortWithheld {
                    overall: triple(self.overall(c, 0)),
                    quarters: (0..qs.len())
                        .map(|j| triple(self.quarter(c, j, 0)))
                        .collect(),
                })
                .collect(),
            program: (0..self.quarter_members.len())
                .map(|q| triple(self.program(q, 0)))
                .collect(),
        }
    }

    fn state_of(&self, w: &Withholding) -> Vec<Withheld> {
        let mut state = vec![Withheld::Shown; self.rows.len()];
        let mut put = |first: usize, t: &[Withheld; 3]| {
            state[first..first + 3].copy_from_slice(t);
        };
        for (c, qs) in self.cohort_quarters.iter().enumerate() {
            let Some(cw) = w.cohorts.get(c) else { break };
            put(self.overall(c, 0), &cw.overall);
            for (j, t) in cw.quarters.iter().enumerate().take(qs.len()) {
                put(self.quarter(c, j, 0), t);
            }
        }
        for (q, t) in w
            .program
            .iter()
            .enumerate()
            .take(self.quarter_members.len())
        {
            put(self.program(q, 0), t);
        }
        state
    }

    /// The withheld figures with 1..k-1 rows that the published sums
    /// determine, in closure order.
    ///
    /// Unknowns are the withheld figures with rows; every family gives the
    /// equation `total − Σ members = 0` restricted to them. The unknowns are
    /// split into connected sets (union-find over the equations) and each set
    /// is solved on its own: a figure is determined exactly when its unit
    /// vector lies in the row space of its set's equations.
    fn determined_small(&self, state: &[Withheld], k: u64, cache: &mut SolveCache) -> Vec<usize> {
        let n = self.rows.len();
        let unknown = |f: usize| self.rows[f] > 0 && state[f].is_withheld();
        let mut uf = UnionFind::new(n);
        for fam in &self.families {
            let mut prev: Option<usize> = None;
            for &f in std::iter::once(&fam.total).chain(&fam.members) {
                if unknown(f) {
                    if let Some(p) = prev {
                        uf.union(p, f);
                    }
                    prev = Some(f);
                }
            }
        }
        // Components in order of their first figure; each in ascending order.
        let mut comp_of_root: FxHashMap<usize, usize> = FxHashMap::default();
        let mut comps: Vec<Vec<usize>> = Vec::new();
        for f in (0..n).filter(|&f| unknown(f)) {
            let root = uf.find(f);
            let ix = *comp_of_root.entry(root).or_insert_with(|| {
                comps.push(Vec::new());
                comps.len() - 1
            });
            comps[ix].push(f);
        }

        let mut solved = FxHashMap::default();
        let mut determined = Vec::new();
        for comp in comps {
            if !comp.iter().any(|&f| is_small(self.rows[f], k)) {
                continue;
            }
            let det = match cache.solved.remove(&comp) {
                Some(det) => det,
                None => self.solve_component(&comp, state, k),
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
    fn solve_component(&self, comp: &[usize], state: &[Withheld], k: u64) -> Vec<usize> {
        let local = |f: usize| comp.binary_search(&f).ok();
        let mut fams: Vec<usize> = comp
            .iter()
            .flat_map(|&f| self.families_of(f).iter().copied())
            .collect();
        fams.sort_unstable();
        fams.dedup();
        let mut equations: Vec<Vec<(usize, i64)>> = Vec::with_capacity(fams.len());
        for &i in &fams {
            let fam = &self.families[i];
            let eq: Vec<(usize, i64)> = std::iter::once((fam.total, 1))
                .chain(fam.members.iter().map(|&m| (m, -1)))
                .filter(|&(f, _)| self.rows[f] > 0 && state[f].is_withheld())
                .filter_map(|(f, a)| local(f).map(|l| (l, a)))
                .collect();
            if !eq.is_empty() {
                equations.push(eq);
            }
        }
        let targets: Vec<usize> = (0..comp.len())
            .filter(|&l| is_small(self.rows[comp[l]], k))
            .collect();
        exact::determined(comp.len(), &equations, &targets)
            .into_iter()
            .map(|l| comp[l])
            .collect()
    }
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            let up = self.parent[self.parent[x]];
            self.parent[x] = up;
            x = up;
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // Keep the smaller index as root: deterministic and cheap.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

/// Exact linear algebra over the rationals for closure.
mod exact {
    use super::*;

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
    pub(super) fn determined(
        ncols: usize,
        equations: &[Vec<(usize, i64)>],
        targets: &[usize],
    ) -> Vec<usize> {
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
                // Sorted by column, repeated columns merged (a figure listed
                // twice in a family, on malformed input), zeros dropped.
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
        let mut w: std::collections::BTreeMap<(usize, usize), Q> =
            std::collections::BTreeMap::new();
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
}

/// Solutions of components from the previous closure step, keyed by their
/// unknowns: a component's equations depend only on which figures are unknown.
#[derive(Default)]
struct SolveCache {
    solved: FxHashMap<Vec<usize>, Vec<usize>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn det(ncols: usize, eqs: &[&[(usize, i64)]]) -> Vec<usize> {
        let eqs: Vec<Vec<(usize, i64)>> = eqs.iter().map(|e| e.to_vec()).collect();
        let all: Vec<usize> = (0..ncols).collect();
        exact::determined(ncols, &eqs, &all)
    }

    #[test]
    fn exact_solver_small_systems() {
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
        assert!(exact::determined(2, &[vec![(0, 1)]], &[]).is_empty());
    }

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
        let m = Model::new(&rows);
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
