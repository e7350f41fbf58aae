//! The pairs table: a mentor and a mentee matched in a cohort, checked against the participants' enrolments.

use crate::config::Config;
use crate::config::schema::cols::pairs as c;
use crate::config::schema::{Col, TableKind};
use crate::data::fields::ValueSet;
use crate::data::intern::Interner;
use crate::data::locate::TableFiles;
use crate::data::model::{Cohort, Pair, PairStatus, Role};
use crate::date::Date;
use crate::diag::{Diagnostics, quoted};

use super::Ids;
use super::lookup::CohortRefs;
use super::rows::{cohort_ref, fitted, for_each_row, rows_for, schema_columns_suffice};

/// Loads the pairs, interning their ids and the people they name in
/// `ids`; the pairs (one per id, in the interner's order) and the count of rows read.
pub(super) fn load(
    file: &TableFiles,
    config: &Config,
    ids: &mut Ids,
    cohorts: &[Cohort],
    diags: &mut Diagnostics,
) -> (Vec<Pair>, usize) {
    let kind = TableKind::Pairs;
    let statuses = ValueSet::new(config.data.table(kind), c::STATUS, &PairStatus::ALL);
    let have_participants = !ids.participants_file.is_empty();
    let mut pairs = rows_for(file);
    let mut pair_lines: Vec<usize> = Vec::new();
    // About 58 bytes a row (see `people` on over-estimates).
    ids.pairs = Interner::with_capacity(file.size_hint() / 56);
    let Ids {
        cohorts: cohort_ids,
        cohorts_file,
        cohort_names,
        people,
        participants_file,
        participants_origins,
        enrolments,
        pairs: pair_ids,
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
        let id = r.required_text(c::PAIR_ID, "an id");
        let cohort = cohort_ref(r, c::COHORT_ID, &cohort_refs);
        let mentor = r.required_text(c::MENTOR_ID, "a participant id");
        let mentee = r.required_text(c::MENTEE_ID, "a participant id");
        let matched_on = r.required_date(c::MATCHED_ON);
        let ended_on = r.date(c::ENDED_ON);
        let status = r.set_value(&statuses, false);
        let Some(id) = id else { return };
        if let Err(first) = pair_ids.insert(id) {
            let at = r.first(pair_lines[first as usize]);
            r.error(c::PAIR_ID, format!("{} is a duplicate ({at})", quoted(id)));
            return;
        }
        pair_lines.push(r.position());
        let mut person = |column: Col, text: Option<&str>, role: Role| {
            let text = text?;
            let ix = people.intern(text);
            if let Some(cohort) = cohort {
                match enrolments.get(cohort, ix) {
                    Some((enrolled_as, position)) if enrolled_as != role => r.error(
                        column,
                        format!(
                            "{} is enrolled in cohort {} as a {} ({}:{}), not as a {}",
                            quoted(text),
                            quoted(cohort_ids.get(cohort)),
                            enrolled_as.as_str(),
                            participants_origins.at(position).0,
                            participants_origins.at(position).1,
                            role.as_str()
                        ),
                    ),
                    None if have_participants => r.warning(
                        column,
                        format!(
                            "{} is not enrolled in cohort {} in {participants_file}",
                            quoted(text),
                            quoted(cohort_ids.get(cohort))
                        ),
                    ),
                    _ => {}
                }
            }
            Some(ix)
        };
        let mentor = person(c::MENTOR_ID, mentor, Role::Mentor);
        let mentee = person(c::MENTEE_ID, mentee, Role::Mentee);
        if let (Some(a), Some(b)) = (mentor, mentee)
            && a == b
        {
            r.error(
                c::MENTEE_ID,
                format!(
                    "{} is also the pair's mentor (expected two different people)",
                    quoted(people.get(b))
                ),
            );
        }
        if let (Some(m), Some(e)) = (matched_on, ended_on)
            && e < m
        {
            r.error(
                c::ENDED_ON,
                format!("{e} is before matched_on {m} (expected the same day or later)"),
            );
        }
        if let (Some(cohort), Some(m)) = (cohort, matched_on) {
            let c = &cohorts[cohort as usize];
            if m < c.start_date {
                r.warning(
                    c::MATCHED_ON,
                    format!(
                        "{m} is before cohort {}'s start_date {}",
                        quoted(&c.id),
                        c.start_date
                    ),
                );
            } else if let Some(end) = c.end_date.filter(|end| m > *end) {
                r.warning(
                    c::MATCHED_ON,
                    format!("{m} is after cohort {}'s end_date {end}", quoted(&c.id)),
                );
            }
        }
        match (status, ended_on) {
            (Some(PairStatus::Active), Some(e)) => r.warning(
                c::STATUS,
                format!("the pair is `active` but has ended_on {e}"),
            ),
            (Some(s @ (PairStatus::Completed | PairStatus::EndedEarly)), None) => r.warning(
                c::ENDED_ON,
                format!(
                    "missing for a pair whose status is `{}` (the pair counts as still running)",
                    s.as_str()
                ),
            ),
            _ => {}
        }
        let pair = match (cohort, mentor, mentee, matched_on) {
            (Some(cohort), Some(mentor), Some(mentee), Some(matched_on)) => Pair {
                cohort,
                mentor,
                mentee,
                matched_on,
                ended_on,
                status,
            },
            // Keep indices aligned with the interner; the row is an error anyway.
            _ => Pair {
                cohort: 0,
                mentor: 0,
                mentee: 0,
                matched_on: Date(0),
                ended_on: None,
                status: None,
            },
        };
        pairs.push(pair);
    });
    ids.pairs_file = read.origins.names().unwrap_or_else(|| file.display.clone());
    (fitted(pairs), read.rows)
}
