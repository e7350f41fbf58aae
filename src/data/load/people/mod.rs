//! A row's pair: by `pair_id`, or named by its people (`mentor_id` and `mentee_id`, one of them, or `participant_id`) and found by cohort and match window through an index built once (docs/data.md, "Pairs named by people").

use crate::config::schema::{Col, cols};
use crate::data::fields::{Layout, RowReader};
use crate::data::model::{CohortIx, Pair, PairIx, PersonIx, Role};
use crate::date::Date;
use crate::diag::quoted;
use crate::util::text::closest_id;

use super::Referenced;

mod describe;
mod index;

pub(in crate::data::load) use index::PeopleIndex;

/// Errors a table gets a suggestion for ("did you mean"): a suggestion
/// compares the value with every id, so only the first ones pay for it.
pub(super) const SUGGESTED: usize = 20;

/// The columns a table names a row's pair with.
#[derive(Clone, Copy)]
pub(super) struct PairColumns {
    pub pair_id: Col,
    pub cohort_id: Col,
    pub mentor_id: Col,
    pub mentee_id: Col,
    pub participant_id: Col,
}

pub(super) const MEETINGS: PairColumns = PairColumns {
    pair_id: cols::meetings::PAIR_ID,
    cohort_id: cols::meetings::COHORT_ID,
    mentor_id: cols::meetings::MENTOR_ID,
    mentee_id: cols::meetings::MENTEE_ID,
    participant_id: cols::meetings::PARTICIPANT_ID,
};

pub(super) const GOALS: PairColumns = PairColumns {
    pair_id: cols::goals::PAIR_ID,
    cohort_id: cols::goals::COHORT_ID,
    mentor_id: cols::goals::MENTOR_ID,
    mentee_id: cols::goals::MENTEE_ID,
    participant_id: cols::goals::PARTICIPANT_ID,
};

pub(super) const FEEDBACK: PairColumns = PairColumns {
    pair_id: cols::feedback::PAIR_ID,
    cohort_id: cols::feedback::COHORT_ID,
    mentor_id: cols::feedback::MENTOR_ID,
    mentee_id: cols::feedback::MENTEE_ID,
    participant_id: cols::feedback::PARTICIPANT_ID,
};

impl PairColumns {
    /// Whether a file names pairs by their people: it has one of the columns.
    pub(super) fn by_people(&self, layout: &Layout) -> bool {
        [self.mentor_id, self.mentee_id, self.participant_id]
            .iter()
            .any(|c| layout.has(c))
    }
}

/// The pair a row names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Named {
    pub pair: PairIx,
    /// The role in the pair of the one person who named it (a per-person
    /// log), which a feedback row without `respondent_role` takes.
    pub person_role: Option<Role>,
}

/// Whether a pair's match window holds a day (a pair not ended holds
/// every day from its match on).
fn holds(p: &Pair, day: Date) -> bool {
    p.matched_on <= day && p.ended_on.is_none_or(|e| day <= e)
}

impl Referenced<'_> {
    /// The pair a row names: by `pair_id`, else by its people, in `cohort`
    /// when the row gives one, on the row's `date`. Reports a row that
    /// names none (when `required`), an unknown pair, or people who are no
    /// pair or several.
    /// `by_people`: whether the file has a column naming people
    /// ([`PairColumns::by_people`]), found once per file.
    #[inline]
    pub(super) fn pair_of_row(
        &self,
        r: &mut RowReader,
        c: PairColumns,
        by_people: bool,
        date: Option<Date>,
        cohort: Option<CohortIx>,
        required: bool,
    ) -> Option<Named> {
        if by_people {
            return self.pair_by_people(r, c, date, cohort, required);
        }
        // The usual file names pairs by id only: nothing else to look at.
        let id = if required {
            r.required_text(c.pair_id, "a pair id")?
        } else {
            r.text(c.pair_id)?
        };
        let pair = self.pair_by_id(r, c.pair_id, id)?;
        if let Some(cohort) = cohort
            && self.pairs[pair as usize].cohort != cohort
        {
            self.cohort_disagrees(r, c, pair, id);
            return None;
        }
        Some(Named {
            pair,
            person_role: None,
        })
    }

    /// [`Referenced::pair_of_row`] in a file that names pairs by people.
    #[inline(never)]
    fn pair_by_people(
        &self,
        r: &mut RowReader,
        c: PairColumns,
        date: Option<Date>,
        cohort: Option<CohortIx>,
        required: bool,
    ) -> Option<Named> {
        let mentor = r.text(c.mentor_id);
        let mentee = r.text(c.mentee_id);
        let person = r.text(c.participant_id);
        if let Some(id) = r.text(c.pair_id) {
            let pair = self.pair_by_id(r, c.pair_id, id)?;
            if let Some(cohort) = cohort
                && self.pairs[pair as usize].cohort != cohort
            {
                self.cohort_disagrees(r, c, pair, id);
                return None;
            }
            return self.agree(r, c, pair, mentor, mentee, person);
        }
        let found = match (mentor, mentee, person) {
            (Some(m), Some(e), _) => self.by_both(r, c, m, e, date, cohort)?,
            (Some(m), None, _) => {
                self.by_one(r, c.mentor_id, m, Some(Role::Mentor), date, cohort)?
            }
            (None, Some(e), _) => {
                self.by_one(r, c.mentee_id, e, Some(Role::Mentee), date, cohort)?
            }
            (None, None, Some(p)) => self.by_one(r, c.participant_id, p, None, date, cohort)?,
            (None, None, None) => {
                if required && !r.bad {
                    let column = if r.layout.has(c.pair_id) {
                        c.pair_id
                    } else if r.layout.has(c.participant_id) {
                        c.participant_id
                    } else if r.layout.has(c.mentor_id) {
                        c.mentor_id
                    } else {
                        c.mentee_id
                    };
                    r.error(
                        column,
                        "missing value (expected a pair id, or the pair's people)",
                    );
                }
                return None;
            }
        };
        self.agree(r, c, found, mentor, mentee, person)
    }

    #[cold]
    fn cohort_disagrees(&self, r: &mut RowReader, c: PairColumns, pair: PairIx, id: &str) {
        let text = r.text(c.cohort_id).unwrap_or_default();
        r.error(
            c.cohort_id,
            format!(
                "{} disagrees with pair {}, which is in cohort {}",
                quoted(text),
                quoted(id),
                quoted(self.cohort_of(pair).map_or("?", |c| c.id.as_str()))
            ),
        );
    }

    /// A `pair_id`'s pair; reports an unknown one, with a suggestion.
    #[inline]
    pub(super) fn pair_by_id(&self, r: &mut RowReader, column: Col, id: &str) -> Option<PairIx> {
        let found = self.ids.pairs.find(id);
        if found.is_none() {
            self.unknown_pair(r, column, id);
        }
        found
    }

    #[cold]
    fn unknown_pair(&self, r: &mut RowReader, column: Col, id: &str) {
        let hint = if r.diags.error_count() < SUGGESTED {
            let all = (0..self.ids.pairs.len() as u32).map(|i| self.ids.pairs.get(i));
            closest_id(id, all)
                .map(|c| format!(": did you mean {}?", quoted(c)))
                .unwrap_or_default()
        } else {
            String::new()
        };
        r.error(
            column,
            format!(
                "{} is not a pair in {}{hint}",
                quoted(id),
                self.ids.pairs_file
            ),
        );
    }

    /// Checks that the people a row also gives are the pair's, and finds
    /// the role of the one person given.
    fn agree(
        &self,
        r: &mut RowReader,
        c: PairColumns,
        pair: PairIx,
        mentor: Option<&str>,
        mentee: Option<&str>,
        person: Option<&str>,
    ) -> Option<Named> {
        let p = self.pairs[pair as usize];
        let is = |text: &str, ix: PersonIx| self.ids.people.find(text) == Some(ix);
        for (column, text, want, role) in [
            (c.mentor_id, mentor, p.mentor, "mentor"),
            (c.mentee_id, mentee, p.mentee, "mentee"),
        ] {
            if let Some(text) = text
                && !is(text, want)
            {
                r.error(
                    column,
                    format!(
                        "{} is not the {role} of {}, whose {role} is {}",
                        quoted(text),
                        self.describe(pair),
                        quoted(self.ids.people.get(want))
                    ),
                );
                return None;
            }
        }
        let person_role = match (person, mentor, mentee) {
            (Some(text), _, _) => {
                if is(text, p.mentor) {
                    Some(Role::Mentor)
                } else if is(text, p.mentee) {
                    Some(Role::Mentee)
                } else {
                    r.error(
                        c.participant_id,
                        format!(
                            "{} is not one of the people of {}",
                            quoted(text),
                            self.describe(pair)
                        ),
                    );
                    return None;
                }
            }
            (None, Some(_), None) => Some(Role::Mentor),
            (None, None, Some(_)) => Some(Role::Mentee),
            _ => None,
        };
        Some(Named { pair, person_role })
    }

    /// The pair of a mentor and a mentee: their only pair (in the cohort),
    /// else the one whose window holds `date`.
    fn by_both(
        &self,
        r: &mut RowReader,
        c: PairColumns,
        mentor: &str,
        mentee: &str,
        date: Option<Date>,
        cohort: Option<CohortIx>,
    ) -> Option<PairIx> {
        if self.derived_pairs && cohort.is_none() {
            if !r.bad {
                r.error(
                    c.cohort_id,
                    "missing value (pairs are derived per cohort: a row naming a mentor and a mentee needs its cohort)",
                );
            }
            return None;
        }
        let people = (self.ids.people.find(mentor), self.ids.people.find(mentee));
        let (Some(m), Some(e)) = people else {
            let (column, text) = match people.0 {
                None => (c.mentor_id, mentor),
                Some(_) => (c.mentee_id, mentee),
            };
            let hint = self.person_hint(r, text);
            r.error(
                column,
                format!(
                    "{} is in no pair in {}{hint}",
                    quoted(text),
                    self.ids.pairs_file
                ),
            );
            return None;
        };
        // The shorter of the two lists (a placeholder such as "Mentee" may have thousands).
        let (a, b) = (self.people.of_person(m), self.people.of_person(e));
        let theirs: Vec<PairIx> = if a.len() <= b.len() { a } else { b }
            .iter()
            .copied()
            .filter(|&i| {
                let p = &self.pairs[i as usize];
                p.mentor == m && p.mentee == e
            })
            .collect();
        let named = format!("mentor {} and mentee {}", quoted(mentor), quoted(mentee));
        let in_cohort: Vec<PairIx> = theirs
            .iter()
            .copied()
            .filter(|&i| cohort.is_none_or(|c| self.pairs[i as usize].cohort == c))
            .collect();
        match in_cohort.as_slice() {
            [one] => return Some(*one),
            [] => {
                let message = match cohort {
                    Some(cohort) if !theirs.is_empty() => format!(
                        "{named} are not a pair in cohort {} (they are: {})",
                        quoted(self.cohort_id(cohort)),
                        self.list(&theirs, None)
                    ),
                    _ => format!(
                        "{named} are not a pair in {} ({})",
                        self.ids.pairs_file,
                        self.their_pairs(m, e)
                    ),
                };
                r.error(c.mentee_id, message);
                return None;
            }
            _ => {}
        }
        let date = date?;
        let holding: Vec<PairIx> = in_cohort
            .iter()
            .copied()
            .filter(|&i| holds(&self.pairs[i as usize], date))
            .collect();
        match holding.as_slice() {
            [one] => Some(*one),
            [] => {
                r.error(
                    c.mentee_id,
                    format!(
                        "{named} were paired {} times, and no match window holds {date}: {}",
                        in_cohort.len(),
                        self.list(&in_cohort, None)
                    ),
                );
                None
            }
            several => {
                r.error(
                    c.mentee_id,
                    format!(
                        "{named} have {} pairs whose match windows hold {date}: {} (give the row's pair_id)",
                        several.len(),
                        self.list(several, None)
                    ),
                );
                None
            }
        }
    }

    /// The pair of one person (in `role`, when given) whose window holds `date`.
    fn by_one(
        &self,
        r: &mut RowReader,
        column: Col,
        text: &str,
        role: Option<Role>,
        date: Option<Date>,
        cohort: Option<CohortIx>,
    ) -> Option<PairIx> {
        let Some(person) = self.ids.people.find(text) else {
            let hint = self.person_hint(r, text);
            r.error(
                column,
                format!(
                    "{} is in no pair in {}{hint}",
                    quoted(text),
                    self.ids.pairs_file
                ),
            );
            return None;
        };
        let date = date?;
        let in_role = |i: PairIx| {
            let p = &self.pairs[i as usize];
            match role {
                Some(Role::Mentor) => p.mentor == person,
                Some(Role::Mentee) => p.mentee == person,
                None => true,
            }
        };
        let theirs: Vec<PairIx> = self
            .people
            .of_person(person)
            .iter()
            .copied()
            .filter(|&i| in_role(i) && cohort.is_none_or(|c| self.pairs[i as usize].cohort == c))
            .collect();
        let holding: Vec<PairIx> = theirs
            .iter()
            .copied()
            .filter(|&i| holds(&self.pairs[i as usize], date))
            .collect();
        let as_role = role.map_or(String::new(), |r| format!(" as {}", r.as_str()));
        let in_cohort = cohort.map_or(String::new(), |c| {
            format!(" in cohort {}", quoted(self.cohort_id(c)))
        });
        match holding.as_slice() {
            [one] => Some(*one),
            [] => {
                let pairs = if theirs.is_empty() {
                    let all = self.people.of_person(person);
                    if all.is_empty() {
                        String::new()
                    } else {
                        format!(" (their pairs: {})", self.list(all, Some(person)))
                    }
                } else {
                    format!(
                        " (their pairs{as_role}{in_cohort}: {})",
                        self.list(&theirs, Some(person))
                    )
                };
                r.error(
                    column,
                    format!(
                        "{} has no pair{as_role}{in_cohort} whose match window holds {date}{pairs}",
                        quoted(text)
                    ),
                );
                None
            }
            several => {
                r.error(
                    column,
                    format!(
                        "{} has {} pairs{as_role}{in_cohort} whose match windows hold {date}: {} (give the row's pair_id, or both people)",
                        quoted(text),
                        several.len(),
                        self.list(several, Some(person))
                    ),
                );
                None
            }
        }
    }
}
