//! The published figures of one group and period: the figures object of metrics.json (docs/program-folder.md).

use serde::Serialize;

use super::privacy::Withheld;

/// Every figure of docs/metrics.md for one cohort (or the program) in one
/// period. Field order is the key order of metrics.json.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metrics {
    pub pairs: PairFigures,
    pub participants: ParticipantFigures,
    pub meetings: MeetingFigures,
    pub goals: GoalFigures,
    pub feedback: FeedbackFigures,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairFigures {
    /// Pairs with `matched_on <= R`.
    pub matched: u64,
    /// Pairs whose window overlaps W.
    pub active: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParticipantFigures {
    pub mentors: u64,
    pub mentees: u64,
    /// `None` (null) without a participants table.
    pub enrolled: Option<u64>,
    pub unmatched: Option<u64>,
    pub match_rate: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeetingFigures {
    pub count: u64,
    pub hours: f64,
    pub pair_months: f64,
    pub per_pair_month: Option<f64>,
    pub quiet_pairs: u64,
    pub quiet_share: Option<f64>,
    pub too_early_pairs: u64,
    /// Pairs active on R matched at least `quiet_days` before R (the
    /// denominator of `quiet_share`); on track = this − `quiet_pairs`.
    #[serde(skip)]
    pub eligible_pairs: u64,
    /// Σ days pair windows overlap W (`pair_months` × 30.4375, exact).
    #[serde(skip)]
    pub pair_days: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GoalFigures {
    pub total: u64,
    pub not_started: u64,
    pub in_progress: u64,
    pub completed: u64,
    pub abandoned: u64,
    pub completion_rate: Option<f64>,
    pub on_time_rate: Option<f64>,
    pub created_in_period: u64,
    pub completed_in_period: u64,
}

/// The feedback of a group (role all) with its two roles.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FeedbackFigures {
    #[serde(flatten)]
    pub all: RoleFeedback,
    pub by_role: ByRole,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ByRole {
    pub mentor: RoleFeedback,
    pub mentee: RoleFeedback,
}

/// The feedback figures of one role (or the whole group). A withheld figure is `None`
/// (null) and `suppressed` is true; the reason stays on the struct.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoleFeedback {
    pub responses: u64,
    /// Null for a role the program does not ask (`asked` false).
    pub response_rate: Option<f64>,
    /// Whether the program asks this role for feedback (the whole group:
    /// whether it asks any); pages say "not asked" when not.
    #[serde(skip)]
    pub asked: bool,
    pub suppressed: bool,
    pub mean_rating: Option<f64>,
    /// Counts of ratings 1, 2, 3, 4, 5.
    pub ratings: Option<[u64; 5]>,
    pub nps: Option<i64>,
    /// Rows with a rating (behind `mean_rating` and `ratings`).
    #[serde(skip)]
    pub rating_rows: u64,
    /// Rows with an nps.
    #[serde(skip)]
    pub nps_rows: u64,
    #[serde(skip)]
    pub ratings_withheld: Withheld,
    #[serde(skip)]
    pub nps_withheld: Withheld,
    /// The as-of date of the version whose values a figure kept by the
    /// differencing rule shows (docs/privacy.md, "Publishing over time");
    /// `None` for figures computed from the current data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_as_of: Option<crate::date::Date>,
    /// Per kind, the as-of date of a kept value (`published_as_of` is the
    /// earlier of the two).
    #[serde(skip)]
    pub ratings_kept: Option<crate::date::Date>,
    #[serde(skip)]
    pub nps_kept: Option<crate::date::Date>,
}

impl RoleFeedback {
    /// Withholds figures: `ratings` for mean_rating/ratings, `nps` for nps.
    pub fn withhold(&mut self, ratings: Withheld, nps: Withheld) {
        self.ratings_withheld = ratings;
        self.nps_withheld = nps;
        if ratings != Withheld::Shown {
            self.mean_rating = None;
            self.ratings = None;
        }
        if nps != Withheld::Shown {
            self.nps = None;
        }
        self.suppressed = ratings != Withheld::Shown || nps != Withheld::Shown;
    }
}

impl FeedbackFigures {
    /// The three feedback groups in the privacy rules' role order (indices
    /// [`MENTOR`](super::privacy::MENTOR), `MENTEE`, `ALL`): mentor, mentee, all.
    pub fn roles_mut(&mut self) -> [&mut RoleFeedback; 3] {
        [
            &mut self.by_role.mentor,
            &mut self.by_role.mentee,
            &mut self.all,
        ]
    }

    /// [`FeedbackFigures::roles_mut`], read only.
    pub fn roles(&self) -> [&RoleFeedback; 3] {
        [&self.by_role.mentor, &self.by_role.mentee, &self.all]
    }
}

/// One calendar month of a cohort's series.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MonthFigures {
    pub month: super::periods::Month,
    pub meetings: u64,
    pub active_pairs: u64,
}
