//! The feedback table: survey responses of a pair, or of a cohort when they name no pair.

use crate::config::schema::TableKind;
use crate::config::schema::cols::feedback as c;
use crate::data::fields::ValueSet;
use crate::data::locate::TableFiles;
use crate::data::model::{Feedback, Role};
use crate::data::unique::UniqueIds;
use crate::diag::{Diagnostics, quoted};

use super::Referenced;
use super::rows::{cohort_lookup, fitted, for_each_row, report_duplicates, rows_for};

/// Loads the feedback of the cohorts and pairs in `refs`; the responses and the count of rows read.
pub(super) fn load(
    refs: &Referenced,
    file: &TableFiles,
    diags: &mut Diagnostics,
) -> (Vec<Feedback>, usize) {
    let kind = TableKind::Feedback;
    let roles = ValueSet::new(refs.config.data.table(kind), c::RESPONDENT_ROLE, &Role::ALL);
    let keep_comments = refs.config.privacy.publish_comments;
    let mut rows = rows_for(file);
    let mut ids = UniqueIds::with_capacity(file.size_hint() / 48);
    let read = for_each_row(
        file,
        kind,
        refs.config,
        diags,
        |layout, header, diags| {
            let (name, line) = (header.display, Some(header.line));
            let mut ok = true;
            if !layout.has(c::PAIR_ID) && !layout.has(c::COHORT_ID) {
                diags.error(
                    name,
                    line,
                    "missing required column `pair_id` or `cohort_id` (the feedback table needs at least one of them)",
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
            let role = r.set_value(&roles, true);
            let submitted_on = r.required_date(c::SUBMITTED_ON);
            let pair = refs.pair_ref(r, c::PAIR_ID, false);
            let cohort_text = r.text(c::COHORT_ID);
            let rating = r.whole_in(c::RATING, 1, 5);
            let nps = r.whole_in(c::NPS, 0, 10);
            let comment = if keep_comments {
                r.text(c::COMMENT)
            } else {
                None
            };
            if let Some(id) = r.text(c::RESPONSE_ID) {
                ids.note(id, r.position());
            }
            let cohort = match (pair, cohort_text) {
                (_, Some(text)) => {
                    let found = cohort_lookup(
                        r,
                        c::COHORT_ID,
                        text,
                        &refs.ids.cohorts,
                        &refs.ids.cohorts_file,
                    );
                    if let (Some(found), Some(pair)) = (found, pair) {
                        let pair_cohort = refs.pairs[pair as usize].cohort;
                        if pair_cohort != found {
                            r.error(
                                c::COHORT_ID,
                                format!(
                                    "{} disagrees with pair {}, which is in cohort {}",
                                    quoted(text),
                                    quoted(refs.ids.pairs.get(pair)),
                                    quoted(refs.cohort_of(pair).map_or("?", |c| c.id.as_str()))
                                ),
                            );
                        }
                    }
                    found
                }
                (Some(pair), None) => Some(refs.pairs[pair as usize].cohort),
                (None, None) => {
                    if !r.bad {
                        r.error(
                            c::PAIR_ID,
                            "missing value (expected a pair id, or a cohort id in `cohort_id`)",
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
                pair,
                role,
                submitted_on,
                rating,
                nps,
                comment: comment.map(str::to_string),
            });
        },
    );
    report_duplicates(ids, &read.origins, c::RESPONSE_ID, diags);
    (fitted(rows), read.rows)
}
