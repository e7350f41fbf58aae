//! The local rule: no withheld figure may be worked out by subtraction within one family.

use std::collections::BTreeSet;

use super::Withheld;
use super::layout::{Family, Layout};

/// Applies the local rule until no family breaks it, checking first the
/// families in `dirty` (indices into `layout.families`); every other family
/// must already obey it.
///
/// Equivalent to docs/privacy.md's "restart from the first family after each
/// withholding": a family's state only changes when one of its figures does,
/// and the smallest dirty family is always checked first, so the first
/// breaking family is always the one mended.
pub(super) fn apply(layout: &Layout, state: &mut [Withheld], k: u64, mut dirty: BTreeSet<usize>) {
    while let Some(i) = dirty.pop_first() {
        if let Some(f) = mend(layout, &layout.families[i], state, k) {
            state[f] = Withheld::Subtraction;
            dirty.extend(layout.families_of(f).iter().copied());
        }
    }
}

/// When `fam` breaks the local rule, the figure to withhold for it: its
/// shown member with the fewest rows, else its total.
fn mend(layout: &Layout, fam: &Family, state: &[Withheld], k: u64) -> Option<usize> {
    let rows = &layout.rows;
    let total_rows = rows[fam.total] > 0;
    let total_withheld = total_rows && state[fam.total].is_withheld();
    let mut withheld = usize::from(total_withheld);
    let mut withheld_rows = 0u64;
    let mut fewest: Option<usize> = None;
    for &m in &fam.members {
        let n = rows[m];
        if n == 0 {
            continue;
        }
        if state[m].is_withheld() {
            withheld += 1;
            withheld_rows = withheld_rows.saturating_add(n);
        } else if fewest.is_none_or(|b| n < rows[b]) {
            // Strictly fewer: on a tie the earlier member wins, and members
            // are listed in the documented tie order.
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
