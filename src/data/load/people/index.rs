//! Each person's pairs in either role, ordered by match date, found once for the whole program so that a row naming a person finds its candidates without scanning the pairs.

use crate::data::model::{Pair, PairIx, PersonIx};

/// Each person's pairs, in either role, ordered by `matched_on`: one
/// vector of pairs cut into runs by person, so a row's candidates are a
/// slice, found without scanning the pairs.
#[derive(Default)]
pub(in crate::data::load) struct PeopleIndex {
    /// Person `p`'s pairs are `pairs[starts[p]..starts[p + 1]]`.
    starts: Vec<u32>,
    pairs: Vec<PairIx>,
}

impl PeopleIndex {
    pub(in crate::data::load) fn of(pairs: &[Pair], people: usize) -> PeopleIndex {
        // A pair whose mentor is its mentee is an error of its own; it is
        // listed once.
        let people_of = |p: &Pair| {
            let second = (p.mentee != p.mentor).then_some(p.mentee);
            std::iter::once(p.mentor).chain(second)
        };
        let mut starts = vec![0u32; people + 1];
        for p in pairs {
            for person in people_of(p) {
                if let Some(s) = starts.get_mut(person as usize + 1) {
                    *s += 1;
                }
            }
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut by_person = vec![0 as PairIx; starts.last().copied().unwrap_or(0) as usize];
        for (i, p) in pairs.iter().enumerate() {
            for person in people_of(p) {
                if let Some(slot) = next.get_mut(person as usize) {
                    by_person[*slot as usize] = i as PairIx;
                    *slot += 1;
                }
            }
        }
        for w in starts.windows(2) {
            by_person[w[0] as usize..w[1] as usize]
                .sort_by_key(|&i| (pairs[i as usize].matched_on, i));
        }
        PeopleIndex {
            starts,
            pairs: by_person,
        }
    }

    pub(super) fn of_person(&self, person: PersonIx) -> &[PairIx] {
        let i = person as usize;
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.pairs[a as usize..b as usize],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    #[test]
    fn each_persons_pairs_in_either_role_by_match_date() {
        let pair = |mentor, mentee, day| Pair {
            cohort: 0,
            mentor,
            mentee,
            matched_on: Date(day),
            ended_on: None,
            status: None,
        };
        // Person 0 mentors in pairs 0 and 2, is mentee in 3; pair 1 is
        // 1 → 2; pair 4 names person 4 twice (an error of its own).
        let pairs = [
            pair(0, 1, 30),
            pair(1, 2, 10),
            pair(0, 3, 20),
            pair(5, 0, 5),
            pair(4, 4, 1),
        ];
        let index = PeopleIndex::of(&pairs, 6);
        assert_eq!(index.of_person(0), [3, 2, 0]);
        assert_eq!(index.of_person(1), [1, 0]);
        assert_eq!(index.of_person(2), [1]);
        assert_eq!(index.of_person(4), [4]);
        assert_eq!(index.of_person(5), [3]);
        assert_eq!(index.of_person(99), [] as [PairIx; 0]);
    }
}
