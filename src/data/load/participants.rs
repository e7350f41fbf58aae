//! The participants table: one enrolment of a person in a cohort, in a role, per row.

use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::config::schema::TableKind;
use crate::config::schema::cols::participants as c;
use crate::data::fields::ValueSet;
use crate::data::intern::Interner;
use crate::data::locate::TableFiles;
use crate::data::model::{CohortIx, Enrolment, PersonIx, Role};
use crate::diag::{Diagnostics, quoted};

use super::Ids;
use super::lookup::CohortRefs;
use super::rows::{cohort_ref, fitted, for_each_row, rows_for, schema_columns_suffice};

/// Loads the enrolments, interning people in `ids` and recording who is
/// enrolled where for the pairs table; the enrolments and the count of rows read.
pub(super) fn load(
    file: &TableFiles,
    config: &Config,
    ids: &mut Ids,
    diags: &mut Diagnostics,
) -> (Vec<Enrolment>, usize) {
    let kind = TableKind::Participants;
    let roles = ValueSet::new(config.data.table(kind), c::ROLE, &Role::ALL);
    let mut enrolments = rows_for(file);
    // About 60-70 bytes a row. The table rounds up to a power of two, so
    // an over-estimate can double it and slow every lookup, while an
    // under-estimate only costs a growth or two.
    ids.people = Interner::with_capacity(file.size_hint() / 64);
    let Ids {
        cohorts: cohort_ids,
        cohorts_file,
        cohort_names,
        people,
        enrolments: by_key,
        ..
    } = ids;
    let cohort_refs = CohortRefs {
        ids: cohort_ids,
        names: cohort_names,
        file: cohorts_file,
        table: kind,
        by_name: config.data.table(kind).meaning.cohort_by_name,
    };
    let read = for_each_row(file, kind, config, diags, schema_columns_suffice, |r| {
        let person = r.required_text(c::PARTICIPANT_ID, "an id");
        let cohort = cohort_ref(r, c::COHORT_ID, &cohort_refs);
        let role = r.set_value(&roles, true);
        let (Some(person), Some(cohort), Some(role)) = (person, cohort, role) else {
            return;
        };
        let person_ix = people.intern(person);
        if let Some((_, first)) = by_key.get(cohort, person_ix) {
            let at = r.place(first);
            r.error(
                c::PARTICIPANT_ID,
                format!(
                    "{} is already enrolled in cohort {} ({at})",
                    quoted(person),
                    quoted(cohort_ids.get(cohort))
                ),
            );
            return;
        }
        by_key.insert(cohort, person_ix, role, r.position());
        if !r.bad {
            enrolments.push(Enrolment {
                person: person_ix,
                cohort,
                role,
            });
        }
    });
    ids.participants_file = read.origins.names().unwrap_or_else(|| file.display.clone());
    ids.participants_origins = read.origins;
    (fitted(enrolments), read.rows)
}

/// Each person's enrolments: (cohort, person) → (role, row position). Most people
/// are enrolled once, so the first enrolment sits in a vector indexed by
/// person and only the others need a hash map.
#[derive(Default)]
pub(super) struct Enrolments {
    first: Vec<Option<(CohortIx, Role, usize)>>,
    more: FxHashMap<(CohortIx, PersonIx), (Role, usize)>,
}

impl Enrolments {
    /// The role a person is enrolled in a cohort as, and the row (position) that says so.
    pub(super) fn get(&self, cohort: CohortIx, person: PersonIx) -> Option<(Role, usize)> {
        match self.first.get(person as usize).copied().flatten() {
            Some((c, role, line)) if c == cohort => Some((role, line)),
            Some(_) => self.more.get(&(cohort, person)).copied(),
            None => None,
        }
    }

    /// Records an enrolment not already there.
    fn insert(&mut self, cohort: CohortIx, person: PersonIx, role: Role, line: usize) {
        let i = person as usize;
        if self.first.len() <= i {
            self.first.resize(i + 1, None);
        }
        match self.first[i] {
            None => self.first[i] = Some((cohort, role, line)),
            Some(_) => {
                self.more.insert((cohort, person), (role, line));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_and_further_enrolments() {
        let mut e = Enrolments::default();
        e.insert(3, 5, Role::Mentor, 10);
        e.insert(4, 5, Role::Mentee, 11);
        e.insert(3, 0, Role::Mentee, 12);
        assert_eq!(e.get(3, 5), Some((Role::Mentor, 10)));
        assert_eq!(e.get(4, 5), Some((Role::Mentee, 11)));
        assert_eq!(e.get(3, 0), Some((Role::Mentee, 12)));
        assert_eq!(e.get(5, 5), None);
        assert_eq!(e.get(4, 0), None);
        assert_eq!(e.get(3, 1), None);
        assert_eq!(e.get(3, 99), None);
    }
}
