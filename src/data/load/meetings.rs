//! The meetings table: a pair's meetings, each dated inside the pair's match window.

use std::cell::Cell;

use crate::config::schema::TableKind;
use crate::config::schema::cols::meetings as c;
use crate::data::locate::TableFiles;
use crate::data::model::Meeting;
use crate::data::unique::UniqueIds;
use crate::diag::Diagnostics;
use crate::util::text::counted;

use super::merge::Merger;
use super::rows::{fitted, for_each_row, report_duplicates, rows_for};
use super::{Referenced, people};

/// Loads the meetings of the pairs in `refs`; the meetings and the count of rows read.
pub(super) fn load(
    refs: &Referenced,
    file: &TableFiles,
    diags: &mut Diagnostics,
) -> (Vec<Meeting>, usize) {
    let mut meetings = rows_for(file);
    let mut ids = UniqueIds::with_capacity(file.size_hint() / 48);
    // With `merge_duplicates`, a meeting id names a meeting of its pair.
    let merge = refs
        .config
        .data
        .table(TableKind::Meetings)
        .meaning
        .merge_duplicates;
    let mut merger = Merger::default();
    let cohorts = refs.cohort_refs(TableKind::Meetings);
    // Found from the file's columns, before its rows.
    let by_people = Cell::new(false);
    let read = for_each_row(
        file,
        TableKind::Meetings,
        refs.config,
        diags,
        |layout, _, _| {
            by_people.set(people::MEETINGS.by_people(layout));
            true
        },
        |r| {
            let date = r.required_date(c::DATE);
            let cohort = cohorts.of_row(r, c::COHORT_ID);
            let pair = cohort
                .and_then(|cohort| {
                    refs.pair_of_row(r, people::MEETINGS, by_people.get(), date, cohort, true)
                })
                .map(|named| named.pair);
            let minutes = r.non_negative(c::DURATION_MINUTES, "minutes");
            let id = r.text(c::MEETING_ID);
            if let (Some(id), false) = (id, merge) {
                ids.note(id, r.position());
            }
            let (Some(pair), Some(date), false) = (pair, date, r.bad) else {
                return;
            };
            let (matched, ended) = refs.pair_window(pair);
            if date < matched || ended.is_some_and(|e| date > e) {
                r.warning(
                    c::DATE,
                    format!(
                        "{date} is outside the pair's match window ({matched} to {})",
                        ended.map_or("now".to_string(), |e| e.to_string())
                    ),
                );
            }
            let meeting = Meeting {
                pair,
                date,
                duration_minutes: minutes.into(),
            };
            match (id, merge) {
                (Some(id), true) => merger.add(&mut meetings, id, meeting),
                _ => meetings.push(meeting),
            }
        },
    );
    report_duplicates(ids, &read.origins, c::MEETING_ID, diags);
    if merger.merged > 0 {
        let rows = meetings.len() + merger.merged;
        diags.note(
            TableKind::Meetings.name(),
            format!(
                "{} made {} ({} repeated a pair's meeting_id and merged: merge_duplicates)",
                counted(rows, "row", "rows"),
                counted(meetings.len(), "meeting", "meetings"),
                counted(merger.merged, "row", "rows"),
            ),
        );
    }
    // check's summary counts meetings, not rows: with merge_duplicates the
    // note above says how many rows made them (docs/data.md).
    let count = if merger.merged > 0 {
        meetings.len()
    } else {
        read.rows
    };
    (fitted(meetings), count)
}
