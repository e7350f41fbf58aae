//! Why a figure or a chart shows less than it could, as typed notes worded here and only here.
//!
//! Charts and pages decide *what* to say (a [`ChartNote`], a
//! [`FigureNote`], a [`Withholding`]); this module alone says it in words,
//! through the language's catalog (`note.*` keys; docs/words.md). The
//! `Display` impls word them in English, for messages and tests.

use std::fmt;

use crate::config::schema::{Role, TableKind};
use crate::date::Date;
use crate::i18n::Words;
use crate::metrics::privacy::Withheld;

/// A figure withheld for privacy, in a table cell or in place of a value
/// (docs/privacy.md, "Withheld feedback figures"): the catalog's `note.withheld`.
pub fn withheld(w: &Words) -> &str {
    w.t("note.withheld")
}

/// A period with no value (its denominator is 0, or nothing to count),
/// within a sentence listing values.
pub fn no_value(w: &Words) -> &str {
    w.t("note.no_value")
}

/// A figure drawn from a table the program does not have, in a table cell
/// (docs/data.md: pages that need an optional table say that no data was
/// provided; the column names the figure).
pub fn no_data(w: &Words) -> &str {
    w.t("note.no_data")
}

/// A figure of a role the program does not ask for feedback
/// (`data.feedback.respondents`), in a table cell or in place of a value.
pub fn not_asked(w: &Words) -> &str {
    w.t("note.not_asked")
}

/// A role not asked for feedback, as a clause of a chart's description:
/// `mentors are not asked for feedback`.
pub fn not_asked_clause(w: &Words, role: Role) -> String {
    w.t(match role {
        Role::Mentor => "note.mentors_not_asked",
        Role::Mentee => "note.mentees_not_asked",
    })
    .to_string()
}

/// A table the program lacks, as notes name it (`meetings`).
fn table_name(w: &Words, table: TableKind) -> &str {
    w.t(match table {
        TableKind::Cohorts => "table.cohorts",
        TableKind::Pairs => "table.pairs",
        TableKind::Participants => "table.participants",
        TableKind::Meetings => "table.meetings",
        TableKind::Goals => "table.goals",
        TableKind::Feedback => "table.feedback",
    })
}

/// Why figures are withheld (docs/privacy.md, "Withheld feedback figures"),
/// with the group size the rule used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Withholding {
    /// Fewer than `k` responses.
    SmallGroup { k: u32 },
    /// Withheld so that other (small) figures cannot be worked out from it,
    /// by subtraction or by closure.
    Derivable,
    /// A set of figures, some withheld for each reason.
    SmallGroupOrDerivable { k: u32 },
}

impl Withholding {
    /// Why the figures with these `reasons` are withheld; `None` when none is.
    pub fn of(reasons: &[Withheld], k: u32) -> Option<Withholding> {
        let small = reasons.contains(&Withheld::SmallGroup);
        let derived = reasons
            .iter()
            .any(|w| matches!(w, Withheld::Subtraction | Withheld::Closure));
        match (small, derived) {
            (false, false) => None,
            (true, false) => Some(Withholding::SmallGroup { k }),
            (false, true) => Some(Withholding::Derivable),
            (true, true) => Some(Withholding::SmallGroupOrDerivable { k }),
        }
    }

    /// The reason as a clause; `them` when it is said of several figures
    /// (a role's ratings), `it` of one.
    fn reason(self, w: &Words, several: bool) -> String {
        match self {
            Withholding::SmallGroup { k } => w.count_of("note.fewer_than", u64::from(k), &[]),
            Withholding::Derivable if several => w.t("note.derivable_them").to_string(),
            Withholding::Derivable => w.t("note.derivable_it").to_string(),
            Withholding::SmallGroupOrDerivable { k } => {
                w.count_of("note.fewer_than_or_derivable", u64::from(k), &[])
            }
        }
    }

    /// `withheld: fewer than 5 responses`, `withheld so that …`: the
    /// reason after the word `withheld` (`withheld` as given: capitalised, or empty).
    fn after_withheld(self, w: &Words, withheld: &str) -> String {
        let key = match self {
            Withholding::Derivable => "note.withheld_so_that",
            _ => "note.withheld_because",
        };
        w.fill(
            key,
            &[("withheld", withheld), ("reason", &self.reason(w, false))],
        )
    }
}

impl TableNote {
    /// What a marked cell says after `withheld` to a screen reader, which
    /// does not see the mark: `: fewer than 5 responses`, ` so that …`.
    pub fn in_cell(self, w: &Words) -> String {
        self.0.after_withheld(w, "")
    }

    /// The note: `Withheld: fewer than 5 responses.`
    pub fn words(self, w: &Words) -> String {
        w.fill(
            "note.table",
            &[(
                "note",
                &self.0.after_withheld(w, w.t("note.withheld_capital")),
            )],
        )
    }
}

/// The note under a table that explains the cells it marks: a withheld
/// figure shows [`WITHHELD`] and a number, and the number's note says why,
/// once per table (docs/privacy.md, "Withheld feedback figures").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableNote(pub Withholding);

impl fmt::Display for TableNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words(&Words::english()))
    }
}

/// What a chart says beside its drawing, or instead of one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChartNote {
    /// Every figure of the chart is withheld.
    Withheld(Withholding),
    /// No figure is shown, though some have responses and none is
    /// withheld for a stated reason.
    NoneShown,
    /// Drawn without the figures that are withheld.
    PartlyWithheld(Withholding),
    /// Drawn without one role's ratings (the role as the chart names it).
    RatingsWithheld {
        role: Role,
        why: Withholding,
    },
    /// The program has no such table (docs/data.md: pages that need an
    /// optional table say that no data was provided).
    NoData(TableKind),
    /// The cohort has not started on the as-of date.
    NotStarted(Date),
    /// The cohort's span is empty.
    EmptySpan,
    NoMonths,
    NoMeetingsOrPairs,
    /// No pair was active on this day.
    NoPairsActiveOn(String),
    NoActivePairs,
    NoGoals,
    NoGoalsCreatedOrCompleted,
    NoRatings,
    NoRatingsYet,
    NoResponsesYet,
    /// There was something to draw, but drawing it failed.
    NotDrawn,
}

impl ChartNote {
    /// The note in the language of `w`.
    pub fn words(&self, w: &Words) -> String {
        let plain = |key: &str| w.t(key).to_string();
        match self {
            ChartNote::Withheld(why) => why.after_withheld(w, w.t("note.withheld_capital")),
            ChartNote::NoneShown => plain("note.withheld"),
            ChartNote::PartlyWithheld(why) => {
                w.fill("note.partly_withheld", &[("reason", &why.reason(w, false))])
            }
            ChartNote::RatingsWithheld { role, why } => ratings_withheld(w, *role, *why, true),
            ChartNote::NoData(table) => {
                w.fill("note.no_data_chart", &[("table", table_name(w, *table))])
            }
            ChartNote::NotStarted(start) => {
                w.fill("note.not_started", &[("start", &w.day(*start))])
            }
            ChartNote::EmptySpan => plain("note.empty_span"),
            ChartNote::NoMonths => plain("note.no_months"),
            ChartNote::NoMeetingsOrPairs => plain("note.no_meetings_or_pairs"),
            ChartNote::NoPairsActiveOn(day) => w.fill("note.no_pairs_active_on", &[("day", day)]),
            ChartNote::NoActivePairs => plain("note.no_active_pairs"),
            ChartNote::NoGoals => plain("note.no_goals"),
            ChartNote::NoGoalsCreatedOrCompleted => plain("note.no_goals_created_or_completed"),
            ChartNote::NoRatings => plain("note.no_ratings_chart"),
            ChartNote::NoRatingsYet => plain("note.no_ratings_yet"),
            ChartNote::NoResponsesYet => plain("note.no_responses_yet"),
            ChartNote::NotDrawn => plain("note.not_drawn"),
        }
    }
}

impl fmt::Display for ChartNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words(&Words::english()))
    }
}

/// A role's ratings withheld: `Mentors' ratings withheld (fewer than 5
/// responses)` as a note (`capital`), `mentors' ratings withheld (…)` as a clause.
fn ratings_withheld(w: &Words, role: Role, why: Withholding, capital: bool) -> String {
    let key = match (role, capital) {
        (Role::Mentor, true) => "note.mentors_ratings_withheld",
        (Role::Mentee, true) => "note.mentees_ratings_withheld",
        (Role::Mentor, false) => "note.mentors_ratings_withheld_clause",
        (Role::Mentee, false) => "note.mentees_ratings_withheld_clause",
    };
    let key_so_that = format!("{key}_so_that");
    match why {
        Withholding::Derivable if capital => {
            w.fill(&key_so_that, &[("reason", &why.reason(w, true))])
        }
        _ => w.fill(key, &[("reason", &why.reason(w, true))]),
    }
}

/// The text alternative of a chart drawn from a table the program lacks.
pub fn no_data_description(w: &Words, table: TableKind) -> String {
    w.fill(
        "note.no_data_description",
        &[("table", table_name(w, table))],
    )
}

/// Withheld periods of a trend, as a sentence of its description:
/// `2 quarters withheld (fewer than 5 responses), shown as gaps.`
pub fn withheld_gaps(w: &Words, why: Withholding, periods: u64) -> String {
    w.count_of(
        "note.withheld_gaps",
        periods,
        &[("reason", &why.reason(w, true))],
    )
}

/// A role's ratings withheld, as a clause of a chart's description:
/// `mentors' ratings withheld (fewer than 5 responses)`.
pub fn ratings_withheld_clause(w: &Words, role: Role, why: Withholding) -> String {
    ratings_withheld(w, role, why, false)
}

/// Why a headline figure has no value, written after it on a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureNote {
    Withheld(Withholding),
    /// The program has no such table.
    NoData(TableKind),
    NoRatings,
    /// The program asks only this role for feedback (`data.feedback.respondents`).
    OnlyAsked(Role),
}

impl FigureNote {
    /// The note in the language of `w`.
    pub fn words(&self, w: &Words) -> String {
        match self {
            FigureNote::Withheld(why) => why.after_withheld(w, w.t("note.withheld")),
            FigureNote::NoData(table) => {
                w.fill("note.no_data_figure", &[("table", table_name(w, *table))])
            }
            FigureNote::NoRatings => w.t("note.no_ratings").to_string(),
            FigureNote::OnlyAsked(Role::Mentor) => w.t("note.mentors_only").to_string(),
            FigureNote::OnlyAsked(Role::Mentee) => w.t("note.mentees_only").to_string(),
        }
    }
}

impl fmt::Display for FigureNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words(&Words::english()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn withholding_of_a_set() {
        assert_eq!(Withholding::of(&[Withheld::Shown], 5), None);
        assert_eq!(
            Withholding::of(&[Withheld::SmallGroup, Withheld::Shown], 5),
            Some(Withholding::SmallGroup { k: 5 })
        );
        assert_eq!(
            Withholding::of(&[Withheld::Closure, Withheld::Subtraction], 5),
            Some(Withholding::Derivable)
        );
        assert_eq!(
            Withholding::of(&[Withheld::Closure, Withheld::SmallGroup], 5),
            Some(Withholding::SmallGroupOrDerivable { k: 5 })
        );
    }

    #[test]
    fn chart_notes() {
        let small = Withholding::SmallGroup { k: 5 };
        let both = Withholding::SmallGroupOrDerivable { k: 5 };
        let words = |n: ChartNote| n.to_string();
        assert_eq!(
            words(ChartNote::Withheld(small)),
            "Withheld: fewer than 5 responses"
        );
        assert_eq!(
            words(ChartNote::Withheld(Withholding::Derivable)),
            "Withheld so that other figures cannot be worked out from it"
        );
        assert_eq!(
            words(ChartNote::Withheld(both)),
            "Withheld: fewer than 5 responses, or so that other figures cannot be worked out from them"
        );
        assert_eq!(
            words(ChartNote::PartlyWithheld(Withholding::SmallGroup { k: 3 })),
            "Some figures are withheld and not drawn (fewer than 3 responses)"
        );
        assert_eq!(
            words(ChartNote::PartlyWithheld(Withholding::Derivable)),
            "Some figures are withheld and not drawn (so that other figures cannot be worked out from it)"
        );
        assert_eq!(
            words(ChartNote::RatingsWithheld {
                role: Role::Mentor,
                why: small
            }),
            "Mentors' ratings withheld (fewer than 5 responses)"
        );
        assert_eq!(
            words(ChartNote::RatingsWithheld {
                role: Role::Mentee,
                why: Withholding::Derivable
            }),
            "Mentees' ratings withheld so that other figures cannot be worked out from them"
        );
        assert_eq!(
            words(ChartNote::NoData(TableKind::Meetings)),
            "No meetings data provided."
        );
    }

    #[test]
    fn table_notes() {
        assert_eq!(
            TableNote(Withholding::SmallGroup { k: 5 }).to_string(),
            "Withheld: fewer than 5 responses."
        );
        assert_eq!(
            TableNote(Withholding::Derivable).to_string(),
            "Withheld so that other figures cannot be worked out from it."
        );
        let en = &Words::english();
        let cell = |why| format!("{}{}", withheld(en), TableNote(why).in_cell(en));
        assert_eq!(
            cell(Withholding::SmallGroup { k: 5 }),
            "withheld: fewer than 5 responses"
        );
        assert_eq!(
            cell(Withholding::Derivable),
            "withheld so that other figures cannot be worked out from it"
        );
    }

    #[test]
    fn figure_notes() {
        assert_eq!(
            FigureNote::Withheld(Withholding::SmallGroup { k: 5 }).to_string(),
            "withheld: fewer than 5 responses"
        );
        assert_eq!(
            FigureNote::Withheld(Withholding::Derivable).to_string(),
            "withheld so that other figures cannot be worked out from it"
        );
        assert_eq!(
            FigureNote::NoData(TableKind::Goals).to_string(),
            "no goals data provided"
        );
        let en = &Words::english();
        assert_eq!(
            withheld_gaps(en, Withholding::SmallGroup { k: 5 }, 2),
            "2 quarters withheld (fewer than 5 responses), shown as gaps."
        );
        assert_eq!(
            withheld_gaps(en, Withholding::Derivable, 1),
            "1 quarter withheld (so that other figures cannot be worked out from them), shown as gaps."
        );
        assert_eq!(
            FigureNote::OnlyAsked(Role::Mentee).to_string(),
            "mentees only: mentors are not asked for feedback"
        );
        assert_eq!(
            ratings_withheld_clause(en, Role::Mentor, Withholding::Derivable),
            "mentors' ratings withheld (so that other figures cannot be worked out from them)"
        );
    }
}
