//! One pass over each table, grouping row indices by cohort or pair (compressed rows).

use crate::data::Program;

use super::periods::Span;

/// Row indices grouped by a key `0..groups`, keeping table order within a group.
pub(super) struct Groups {
    offsets: Vec<u32>,
    rows: Vec<u32>,
}

impl Groups {
    /// Groups rows `0..n` by `key(row)`; rows with key `None` are left out.
    pub(super) fn build(groups: usize, n: usize, key: impl Fn(usize) -> Option<usize>) -> Groups {
        let mut offsets = vec![0u32; groups + 1];
        for row in 0..n {
            if let Some(g) = key(row).filter(|&g| g < groups) {
                offsets[g + 1] += 1;
            }
        }
        for g in 0..groups {
            offsets[g + 1] += offsets[g];
        }
        let mut next = offsets.clone();
        let mut rows = vec![0u32; offsets[groups] as usize];
        for row in 0..n {
            if let Some(g) = key(row).filter(|&g| g < groups) {
                rows[next[g] as usize] = row as u32;
                next[g] += 1;
            }
        }
        Groups { offsets, rows }
    }

    /// The rows of group `g`, in table order.
    pub(super) fn get(&self, g: usize) -> &[u32] {
        match (self.offsets.get(g), self.offsets.get(g + 1)) {
            (Some(&a), Some(&b)) => self.rows.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Every table bucketed once, plus each pair's window within its cohort's span.
pub(super) struct Buckets {
    pub pairs_by_cohort: Groups,
    pub meetings_by_pair: Groups,
    pub goals_by_cohort: Groups,
    pub feedback_by_cohort: Groups,
    pub enrolments_by_cohort: Groups,
    /// Pair window `[matched_on, ended_on or as_of]` ∩ S; `None` when empty.
    pub pair_windows: Vec<Option<Span>>,
}

impl Buckets {
    pub(super) fn new(program: &Program, spans: &[Option<Span>]) -> Buckets {
        let cohorts = program.cohorts.len();
        let pairs = &program.pairs;
        let pair_cohort = |p: usize| pairs.get(p).map(|p| p.cohort as usize);
        let meetings = program.meetings.as_deref().unwrap_or(&[]);
        let goals = program.goals.as_deref().unwrap_or(&[]);
        let feedback = program.feedback.as_deref().unwrap_or(&[]);
        let enrolments = program.participants.as_deref().unwrap_or(&[]);
        let pair_windows = pairs
            .iter()
            .map(|p| {
                let span = spans.get(p.cohort as usize).copied().flatten()?;
                // ended_on after as_of is ignored: the window runs to S's end.
                let end = p.ended_on.map_or(span.end, |e| e.min(span.end));
                Span::new(p.matched_on.max(span.start), end)
            })
            .collect();
        Buckets {
            pairs_by_cohort: Groups::build(cohorts, pairs.len(), pair_cohort),
            meetings_by_pair: Groups::build(pairs.len(), meetings.len(), |m| {
                Some(meetings[m].pair as usize)
            }),
            goals_by_cohort: Groups::build(cohorts, goals.len(), |g| {
                pair_cohort(goals[g].pair as usize)
            }),
            feedback_by_cohort: Groups::build(cohorts, feedback.len(), |f| {
                Some(feedback[f].cohort as usize)
            }),
            enrolments_by_cohort: Groups::build(cohorts, enrolments.len(), |e| {
                Some(enrolments[e].cohort as usize)
            }),
            pair_windows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_keep_table_order() {
        let keys = [2usize, 0, 2, 1, 0, 9];
        let g = Groups::build(3, keys.len(), |r| Some(keys[r]));
        assert_eq!(g.get(0), &[1, 4]);
        assert_eq!(g.get(1), &[3]);
        assert_eq!(g.get(2), &[0, 2]);
        assert_eq!(g.get(3), &[] as &[u32]);
    }
}
