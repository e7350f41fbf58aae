//! Raw counts of one group and period, poolable by addition, and the figures derived from them.

use crate::data::PersonIx;

use super::figures::{
    ByRole, FeedbackFigures, GoalFigures, MeetingFigures, Metrics, PairFigures, ParticipantFigures,
    RoleFeedback,
};
use super::privacy::Withheld;

/// Days per average month, for `pair_months` (the glossary's "Pair months", linked from docs/metrics.md).
pub(super) const DAYS_PER_MONTH: f64 = 30.4375;

/// Counts behind the feedback figures of one role.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct RoleCounts {
    pub responses: u64,
    /// Distinct pairs active in W that responded in this role.
    pub responded_pairs: u64,
    /// Counts of ratings 1–5.
    pub ratings: [u64; 5],
    /// Counts of nps 0–6 (detractors), 7–8 (passives), 9–10 (promoters).
    pub nps: [u64; 3],
}

impl RoleCounts {
    fn add(&mut self, o: &RoleCounts) {
        self.responses += o.responses;
        self.responded_pairs += o.responded_pairs;
        for (a, b) in self.ratings.iter_mut().zip(o.ratings) {
            *a += b;
        }
        for (a, b) in self.nps.iter_mut().zip(o.nps) {
            *a += b;
        }
    }

    pub(super) fn rating_rows(&self) -> u64 {
        self.ratings.iter().sum()
    }

    pub(super) fn nps_rows(&self) -> u64 {
        self.nps.iter().sum()
    }

    pub(super) fn record(&mut self, rating: Option<u8>, nps: Option<u8>) {
        self.responses += 1;
        if let Some(r) = rating.filter(|r| (1..=5).contains(r)) {
            self.ratings[usize::from(r - 1)] += 1;
        }
        if let Some(n) = nps {
            let bucket = match n {
                0..=6 => 0,
                7..=8 => 1,
                _ => 2,
            };
            self.nps[bucket] += 1;
        }
    }
}

/// Raw counts of one group (cohort or pooled program) in one period.
/// Pooling is [`Counts::add`] plus [`Counts::normalize`] for the distinct ids.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Counts {
    pub matched: u64,
    pub active: u64,
    /// Distinct ids, sorted (after [`Counts::normalize`]).
    pub mentors: Vec<PersonIx>,
    pub mentees: Vec<PersonIx>,
    pub enrolled: u64,
    pub unmatched: u64,
    pub meetings: u64,
    pub minutes: f64,
    pub pair_days: u64,
    pub quiet: u64,
    pub eligible: u64,
    pub too_early: u64,
    /// Goals by status as of R: not_started, in_progress, completed, abandoned.
    pub goals: [u64; 4],
    /// Completed goals with both `due_on` and `completed_on`.
    pub goals_dated: u64,
    pub goals_on_time: u64,
    pub created_in: u64,
    pub completed_in: u64,
    pub feedback: [RoleCounts; 2],
    /// Some row in W carries a `pair_id`.
    pub pair_rows: bool,
}

impl Counts {
    /// Adds another group's counts (ids are appended; call `normalize` after).
    pub(super) fn add(&mut self, o: &Counts) {
        self.matched += o.matched;
        self.active += o.active;
        self.mentors.extend_from_slice(&o.mentors);
        self.mentees.extend_from_slice(&o.mentees);
        self.enrolled += o.enrolled;
        self.unmatched += o.unmatched;
        self.meetings += o.meetings;
        self.minutes += o.minutes;
        self.pair_days += o.pair_days;
        self.quiet += o.quiet;
        self.eligible += o.eligible;
        self.too_early += o.too_early;
        for (a, b) in self.goals.iter_mut().zip(o.goals) {
            *a += b;
        }
        self.goals_dated += o.goals_dated;
        self.goals_on_time += o.goals_on_time;
        self.created_in += o.created_in;
        self.completed_in += o.completed_in;
        for (a, b) in self.feedback.iter_mut().zip(&o.feedback) {
            a.add(b);
        }
        self.pair_rows |= o.pair_rows;
    }

    /// Sorts and deduplicates the id lists.
    pub(super) fn normalize(&mut self) {
        for ids in [&mut self.mentors, &mut self.mentees] {
            ids.sort_unstable();
            ids.dedup();
        }
    }

    /// The figures, before privacy (every feedback figure shown).
    /// `has_participants`: whether the participants table exists; `asked`:
    /// the roles asked for feedback, by [`Role`](crate::data::Role)
    /// (docs/metrics.md, "Roles not asked for feedback").
    pub(super) fn figures(&self, has_participants: bool, asked: [bool; 2]) -> Metrics {
        let enrolled = has_participants.then_some(self.enrolled);
        let pair_months = self.pair_days as f64 / DAYS_PER_MONTH;
        let total: u64 = self.goals.iter().sum();
        let [not_started, in_progress, completed, abandoned] = self.goals;
        let [mentor, mentee] = self.feedback;
        let mut all = mentor;
        all.add(&mentee);
        let rate_defined = self.pair_rows && self.active > 0;
        let role = |counts: &RoleCounts, responded: u64, pairs: u64, asked: bool| RoleFeedback {
            responses: counts.responses,
            response_rate: if rate_defined && asked {
                ratio(responded, pairs)
            } else {
                None
            },
            asked,
            suppressed: false,
            mean_rating: mean_rating(&counts.ratings),
            ratings: Some(counts.ratings),
            nps: nps(counts.nps),
            rating_rows: counts.rating_rows(),
            nps_rows: counts.nps_rows(),
            ratings_withheld: Withheld::Shown,
            nps_withheld: Withheld::Shown,
            published_as_of: None,
            ratings_kept: None,
            nps_kept: None,
        };
        Metrics {
            pairs: PairFigures {
                matched: self.matched,
                active: self.active,
            },
            participants: ParticipantFigures {
                mentors: self.mentors.len() as u64,
                mentees: self.mentees.len() as u64,
                enrolled,
                unmatched: has_participants.then_some(self.unmatched),
                match_rate: enrolled.and_then(|e| ratio(e.saturating_sub(self.unmatched), e)),
            },
            meetings: MeetingFigures {
                count: self.meetings,
                hours: self.minutes / 60.0,
                pair_months,
                per_pair_month: (self.pair_days > 0).then(|| self.meetings as f64 / pair_months),
                quiet_pairs: self.quiet,
                quiet_share: ratio(self.quiet, self.eligible),
                too_early_pairs: self.too_early,
                eligible_pairs: self.eligible,
                pair_days: self.pair_days,
            },
            goals: GoalFigures {
                total,
                not_started,
                in_progress,
                completed,
                abandoned,
                completion_rate: ratio(completed, total.saturating_sub(abandoned)),
                on_time_rate: ratio(self.goals_on_time, self.goals_dated),
                created_in_period: self.created_in,
                completed_in_period: self.completed_in,
            },
            // Only the roles asked count towards the overall rate: responded
            // (pair, role) / (roles asked × active pairs).
            feedback: FeedbackFigures {
                all: role(
                    &all,
                    asked_responded(asked, &mentor, &mentee),
                    asked.iter().filter(|&&a| a).count() as u64 * self.active,
                    asked.contains(&true),
                ),
                by_role: ByRole {
                    mentor: role(&mentor, mentor.responded_pairs, self.active, asked[0]),
                    mentee: role(&mentee, mentee.responded_pairs, self.active, asked[1]),
                },
            },
        }
    }
}

/// Distinct (pair, role) that responded, over the roles asked.
fn asked_responded(asked: [bool; 2], mentor: &RoleCounts, mentee: &RoleCounts) -> u64 {
    let [m, e] = asked;
    u64::from(m) * mentor.responded_pairs + u64::from(e) * mentee.responded_pairs
}

/// `n / d`, or `None` when `d` is 0.
pub(super) fn ratio(n: u64, d: u64) -> Option<f64> {
    (d > 0).then(|| n as f64 / d as f64)
}

/// The mean of ratings given as counts of 1–5; `None` without ratings.
pub(super) fn mean_rating(counts: &[u64; 5]) -> Option<f64> {
    let n: u64 = counts.iter().sum();
    let sum: u64 = counts.iter().zip(1u64..).map(|(c, v)| c * v).sum();
    ratio(sum, n)
}

/// NPS = 100 × (share 9–10 − share 0–6), rounded half away from zero,
/// computed exactly in integers; `None` without rows.
/// `counts` = [detractors, passives, promoters].
pub(super) fn nps(counts: [u64; 3]) -> Option<i64> {
    let n = i128::from(counts[0]) + i128::from(counts[1]) + i128::from(counts[2]);
    if n == 0 {
        return None;
    }
    let diff = 100 * (i128::from(counts[2]) - i128::from(counts[0]));
    let rounded = (2 * diff.abs() + n) / (2 * n);
    i64::try_from(diff.signum() * rounded).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nps_rounds_half_away_from_zero() {
        // 8 rows, 3 promoters, 2 detractors: 100 × 1/8 = 12.5 → 13.
        assert_eq!(nps([2, 3, 3]), Some(13));
        // 8 rows, 2 promoters, 3 detractors: −12.5 → −13.
        assert_eq!(nps([3, 3, 2]), Some(-13));
        // 3 rows, 1 promoter: 33.33… → 33; 2 promoters: 66.67 → 67.
        assert_eq!(nps([0, 2, 1]), Some(33));
        assert_eq!(nps([0, 1, 2]), Some(67));
        // −33.33 → −33, −66.67 → −67.
        assert_eq!(nps([1, 2, 0]), Some(-33));
        assert_eq!(nps([2, 1, 0]), Some(-67));
        assert_eq!(nps([0, 0, 4]), Some(100));
        assert_eq!(nps([4, 0, 0]), Some(-100));
        assert_eq!(nps([0, 5, 0]), Some(0));
        assert_eq!(nps([0, 0, 0]), None);
    }

    #[test]
    fn mean_and_ratio() {
        // Ratings 1, 5, 5: mean 11/3.
        assert_eq!(mean_rating(&[1, 0, 0, 0, 2]), Some(11.0 / 3.0));
        assert_eq!(mean_rating(&[0; 5]), None);
        assert_eq!(ratio(1, 0), None);
        assert_eq!(ratio(0, 4), Some(0.0));
    }
}
