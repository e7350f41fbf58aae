//! The feedback table: survey responses of a pair, or of a cohort when they name no pair.

use std::cell::Cell;

use crate::config::schema::TableKind;
use crate::config::schema::cols::feedback as c;
use crate::data::fields::ValueSet;
use crate::data::locate::TableFiles;
use crate::data::model::{Feedback, Role};
use crate::data::unique::UniqueIds;
use crate::diag::{Diagnostics, quoted};

use super::rows::{fitted, for_each_row, report_duplicates, rows_for};
use super::scores::Score;
use super::{Referenced, people};

/// Loads the feedback of the cohorts and pairs in `refs`; the responses and the count of rows read.
pub(super) fn load(
    refs: &Referenced,
    file: &TableFiles,
    diags: &mut Diagnostics,
) -> (Vec<Feedback>, usize) {
    let kind = TableKind::Feedback;
    let table = refs.config.data.table(kind);
    let roles = ValueSet::new(table, c::RESPONDENT_ROLE, &Role::ALL);
    let (rating, nps) = (
        Score::of(kind, table, c::RATING),
        Score::of(kind, table, c::NPS),
    );
    let asked = table.meaning.respondents;
    let keep_comments = refs.config.privacy.publish_comments;
    let cohorts = refs.cohort_refs(kind);
    let mut rows = rows_for(file);
    let mut ids = UniqueIds::with_capacity(file.size_hint() / 48);
    // Found from the file's columns, before its rows.
    let by_people = Cell::new(false);
    let read = for_each_row(
        file,
        kind,
        refs.config,
        diags,
        |layout, header, diags| {
            let (name, line) = (header.display, Some(header.line));
            let mut ok = true;
            by_people.set(people::FEEDBACK.by_people(layout));
            if !layout.has(c::PAIR_ID) && !layout.has(c::COHORT_ID) && !by_people.get() {
                diags.error(
                    name,
                    line,
                    "missing required column `pair_id` or `cohort_id` (the feedback table needs at least one of them, or the pair's people: `mentor_id`, `mentee_id` or `participant_id`)",
                );
                ok = false;
            }
            if !layout.has(c::RATING) && !layout.has(c::NPS) {
                diags.error(
                    name,
                    line,
                    "missing required column `rating` or `nps` (the feedback table needs at least one of them)",
                );
                ok = false;
            }
            ok
        },
        |r| {
            let role = r.set_value(&roles, false);
            let submitted_on = r.required_date(c::SUBMITTED_ON);
            let cohort = cohorts.of_row(r, c::COHORT_ID);
            let named = cohort.and_then(|cohort| {
                refs.pair_of_row(
                    r,
                    people::FEEDBACK,
                    by_people.get(),
                    submitted_on,
                    cohort,
                    false,
                )
            });
            let cohort = cohort.flatten();
            let rating = rating.read(r);
            let nps = nps.read(r);
            let comment = if keep_comments {
                r.text(c::COMMENT)
            } else {
                None
            };
            if let Some(id) = r.text(c::RESPONSE_ID) {
                ids.note(id, r.position());
            }
            // A person naming the pair answers in their role in it.
            let person_role = named.and_then(|n| n.person_role);
            let role = match (role, person_role) {
                (Some(role), Some(person)) if role != person => {
                    let text = r.text(c::RESPONDENT_ROLE).unwrap_or_default();
                    r.error(
                        c::RESPONDENT_ROLE,
                        format!(
                            "{} disagrees with the person who names the pair, its {}",
                            quoted(text),
                            person.as_str()
                        ),
                    );
                    None
                }
                (Some(role), _) | (None, Some(role)) => Some(role),
                (None, None) => {
                    if !r.bad {
                        let expected = if r.layout.has(c::RESPONDENT_ROLE) {
                            "one of mentor, mentee"
                        } else {
                            "one of mentor, mentee; or a `participant_id` naming the pair, whose role it takes"
                        };
                        r.error(
                            c::RESPONDENT_ROLE,
                            format!("missing value (expected {expected})"),
                        );
                    }
                    None
                }
            };
            if let Some(role) = role.filter(|&role| !asked.asks(role))
                && !r.bad
            {
                r.error(
                    c::RESPONDENT_ROLE,
                    format!(
                        "a response from a {}, but `data.feedback.respondents` asks only the {}s (add the role there, or skip these rows with `[data.feedback.skip_if]`)",
                        role.as_str(),
                        other(role).as_str()
                    ),
                );
            }
            let cohort = match (named, cohort) {
                (Some(named), _) => Some(refs.pairs[named.pair as usize].cohort),
                (None, Some(cohort)) => Some(cohort),
                (None, None) => {
                    if !r.bad {
                        r.error(
                            c::PAIR_ID,
                            "missing value (expected a pair id or the pair's people, or a cohort id in `cohort_id`)",
                        );
                    }
                    None
                }
            };
            if rating.is_none() && nps.is_none() && !r.bad {
                let column = if r.layout.has(c::RATING) {
                    c::RATING
                } else {
                    c::NPS
                };
                r.error(
                    column,
                    "missing value (expected a rating from 1 to 5 or an nps from 0 to 10)",
                );
            }
            let (Some(role), Some(submitted_on), Some(cohort), false) =
                (role, submitted_on, cohort, r.bad)
            else {
                return;
            };
            rows.push(Feedback {
                cohort,
                pair: named.map(|n| n.pair),
                role,
                submitted_on,
                rating,
                nps,
                comment: comment.map(Box::from),
            });
        },
    );
    report_duplicates(ids, &read.origins, c::RESPONSE_ID, diags);
    (fitted(rows), read.rows)
}

/// The other role of a pair.
fn other(role: Role) -> Role {
    match role {
        Role::Mentor => Role::Mentee,
        Role::Mentee => Role::Mentor,
    }
}
