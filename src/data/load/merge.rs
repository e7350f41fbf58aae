//! Meetings reported by both sides (`merge_duplicates`): rows of one pair with the same `meeting_id` are one meeting, its earliest date and longest duration (docs/data.md, "Meetings reported by both sides").

use rustc_hash::FxHashMap;

use crate::data::model::{Meeting, PairIx};

/// The meetings seen so far by (pair, `meeting_id`).
#[derive(Default)]
pub(super) struct Merger {
    /// (pair, meeting id) → index of the meeting in the table.
    seen: FxHashMap<(PairIx, Box<str>), usize>,
    /// Rows folded into a meeting already seen.
    pub merged: usize,
}

impl Merger {
    /// Adds a meeting row: a new meeting, or folded into the pair's meeting
    /// with the same id (the earlier date, the longer duration).
    pub(super) fn add(&mut self, meetings: &mut Vec<Meeting>, id: &str, meeting: Meeting) {
        match self.seen.get(&(meeting.pair, id.into())) {
            Some(&at) => {
                let kept = &mut meetings[at];
                kept.date = kept.date.min(meeting.date);
                kept.duration_minutes =
                    match (kept.duration_minutes.get(), meeting.duration_minutes.get()) {
                        (Some(a), Some(b)) => Some(a.max(b)),
                        (a, b) => a.or(b),
                    }
                    .into();
                self.merged += 1;
            }
            None => {
                self.seen.insert((meeting.pair, id.into()), meetings.len());
                meetings.push(meeting);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    #[test]
    fn earliest_date_longest_duration_per_pair() {
        let m = |pair, day, minutes: Option<f64>| Meeting {
            pair,
            date: Date(day),
            duration_minutes: minutes.into(),
        };
        let mut meetings = Vec::new();
        let mut merger = Merger::default();
        merger.add(&mut meetings, "1", m(0, 10, Some(30.0)));
        merger.add(&mut meetings, "1", m(0, 9, Some(45.0)));
        merger.add(&mut meetings, "1", m(0, 11, None));
        // The same id in another pair is another meeting.
        merger.add(&mut meetings, "1", m(1, 10, None));
        merger.add(&mut meetings, "2", m(1, 12, None));
        merger.add(&mut meetings, "2", m(1, 13, Some(20.0)));
        assert_eq!(
            meetings,
            vec![m(0, 9, Some(45.0)), m(1, 10, None), m(1, 12, Some(20.0))]
        );
        assert_eq!(merger.merged, 3);
    }
}
