//! How messages about a row's pair name pairs, people and candidates.

use crate::data::fields::RowReader;
use crate::data::model::{CohortIx, PairIx, PersonIx};
use crate::diag::quoted;
use crate::util::text::closest_id;

use super::super::Referenced;
use super::SUGGESTED;

/// Candidates a message lists before "and N more".
const LISTED: usize = 4;

impl Referenced<'_> {
    /// `: did you mean "x"?` among the people of the pairs, for the
    /// table's first errors.
    pub(super) fn person_hint(&self, r: &RowReader, text: &str) -> String {
        if r.diags.error_count() >= SUGGESTED {
            return String::new();
        }
        let all = (0..self.ids.people.len() as u32).map(|i| self.ids.people.get(i));
        closest_id(text, all)
            .map(|c| format!(": did you mean {}?", quoted(c)))
            .unwrap_or_default()
    }

    /// The pairs each of two people is in, for a mentor and mentee who are
    /// no pair.
    pub(super) fn their_pairs(&self, mentor: PersonIx, mentee: PersonIx) -> String {
        let of = |person: PersonIx| {
            let pairs = self.people.of_person(person);
            let listed = if pairs.is_empty() {
                "none".to_string()
            } else {
                self.list(pairs, Some(person))
            };
            format!("{}'s pairs: {listed}", quoted(self.ids.people.get(person)))
        };
        format!("{}; {}", of(mentor), of(mentee))
    }

    pub(super) fn cohort_id(&self, cohort: CohortIx) -> &str {
        self.cohorts
            .get(cohort as usize)
            .map_or("?", |c| c.id.as_str())
    }

    /// A pair as messages name it: its id (or, derived, its people), cohort and window.
    pub(super) fn describe(&self, pair: PairIx) -> String {
        let p = &self.pairs[pair as usize];
        let window = match p.ended_on {
            Some(end) => format!("{} to {end}", p.matched_on),
            None => format!("from {}", p.matched_on),
        };
        if self.derived_pairs {
            format!(
                "the pair of {} and {} in cohort {} ({window})",
                quoted(self.ids.people.get(p.mentor)),
                quoted(self.ids.people.get(p.mentee)),
                quoted(self.cohort_id(p.cohort))
            )
        } else {
            format!(
                "pair {} (cohort {}, {window})",
                quoted(self.ids.pairs.get(pair)),
                quoted(self.cohort_id(p.cohort))
            )
        }
    }

    /// Some pairs as a message lists them, each with `person`'s role in it.
    pub(super) fn list(&self, pairs: &[PairIx], person: Option<PersonIx>) -> String {
        let mut parts: Vec<String> = pairs
            .iter()
            .take(LISTED)
            .map(|&i| {
                let p = &self.pairs[i as usize];
                let role = match person {
                    Some(x) if p.mentor == x => "as mentor in ",
                    Some(_) => "as mentee in ",
                    None => "",
                };
                format!("{role}{}", self.describe(i))
            })
            .collect();
        if pairs.len() > LISTED {
            parts.push(format!("and {} more", pairs.len() - LISTED));
        }
        parts.join(", ")
    }
}
