//! The goals table: a pair's goals, with their status and dates checked against each other.

use std::cell::Cell;

use crate::config::schema::TableKind;
use crate::config::schema::cols::goals as c;
use crate::data::fields::ValueSet;
use crate::data::locate::TableFiles;
use crate::data::model::{Goal, GoalStatus};
use crate::data::unique::UniqueIds;
use crate::diag::Diagnostics;

use super::rows::{fitted, for_each_row, report_duplicates, rows_for};
use super::{Referenced, people};

/// Loads the goals of the pairs in `refs`; the goals and the count of rows read.
pub(super) fn load(
    refs: &Referenced,
    file: &TableFiles,
    diags: &mut Diagnostics,
) -> (Vec<Goal>, usize) {
    let kind = TableKind::Goals;
    let statuses = ValueSet::new(refs.config.data.table(kind), c::STATUS, &GoalStatus::ALL);
    let keep_titles = refs.config.privacy.publish_goal_titles;
    let cohorts = refs.cohort_refs(kind);
    let mut goals = rows_for(file);
    let mut ids = UniqueIds::with_capacity(file.size_hint() / 48);
    // Found from the file's columns, before its rows.
    let by_people = Cell::new(false);
    let read = for_each_row(
        file,
        kind,
        refs.config,
        diags,
        |layout, _, _| {
            by_people.set(people::GOALS.by_people(layout));
            true
        },
        |r| {
            let id = r.required_text(c::GOAL_ID, "an id");
            let created_on = r.required_date(c::CREATED_ON);
            let cohort = cohorts.of_row(r, c::COHORT_ID);
            let pair = cohort
                .and_then(|cohort| {
                    refs.pair_of_row(r, people::GOALS, by_people.get(), created_on, cohort, true)
                })
                .map(|named| named.pair);
            let status = r.set_value(&statuses, true);
            let due_on = r.date(c::DUE_ON);
            let completed_on = r.date(c::COMPLETED_ON);
            let title = if keep_titles { r.text(c::TITLE) } else { None };
            if let Some(id) = id {
                ids.note(id, r.position());
            }
            let (Some(pair), Some(created_on), Some(status), false) =
                (pair, created_on, status, r.bad)
            else {
                return;
            };
            match (status, completed_on) {
                (GoalStatus::Completed, None) => r.warning(
                    c::COMPLETED_ON,
                    "missing for a completed goal (it counts as completed, but not in on-time or completed-in-period figures)",
                ),
                (GoalStatus::Completed, Some(c)) if c < created_on => r.warning(
                    c::COMPLETED_ON,
                    format!("{c} is before created_on {created_on}"),
                ),
                (s, Some(c)) if s != GoalStatus::Completed => r.warning(
                    c::COMPLETED_ON,
                    format!("{c} is ignored: the goal's status is not `completed`"),
                ),
                _ => {}
            }
            if let Some(due) = due_on.filter(|d| *d < created_on) {
                r.warning(
                    c::DUE_ON,
                    format!("{due} is before created_on {created_on}"),
                );
            }
            let (matched, _) = refs.pair_window(pair);
            if created_on < matched {
                // Goals set before the match are kept (goal figures count them:
                // docs/metrics.md, "Goal figures"), but worth a look.
                // (No cohort when the cohorts table itself failed to load.)
                if let Some(cohort) = refs.cohort_of(pair)
                    && created_on < cohort.start_date
                {
                    r.warning(
                        c::CREATED_ON,
                        format!(
                            "{created_on} is before the cohort's start_date {}",
                            cohort.start_date
                        ),
                    );
                }
            }
            goals.push(Goal {
                pair,
                created_on,
                status,
                due_on,
                completed_on: if status == GoalStatus::Completed {
                    completed_on
                } else {
                    None
                },
                title: title.map(Box::from),
            });
        },
    );
    report_duplicates(ids, &read.origins, c::GOAL_ID, diags);
    (fitted(goals), read.rows)
}
