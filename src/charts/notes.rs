//! Why a figure or a chart shows less than it could, as typed notes worded here and only here.
//!
//! Charts and pages decide *what* to say (a [`ChartNote`], a
//! [`FigureNote`], a [`Withholding`]); this module alone says it in words.
//! Every built-in sentence about withheld figures and missing data lives in
//! the `Display` impls below, which makes them the one place a language
//! catalog will replace.

use std::fmt;

use crate::config::schema::{Role, TableKind};
use crate::date::Date;
use crate::metrics::privacy::Withheld;

/// A figure withheld for privacy, in a table cell or in place of a value
/// (docs/privacy.md, "Withheld feedback figures").
pub const WITHHELD: &str = "withheld";

/// A period with no value (its denominator is 0, or nothing to count),
/// within a sentence listing values.
pub const NO_VALUE: &str = "no value";

/// A figure drawn from a table the program does not have, in a table cell
/// (docs/data.md: pages that need an optional table say that no data was
/// provided; the column names the figure).
pub const NO_DATA: &str = "no data";

/// A figure of a role the program does not ask for feedback
/// (`data.feedback.respondents`), in a table cell or in place of a value.
pub const NOT_ASKED: &str = "not asked";

/// A role not asked for feedback, as a clause of a chart's description:
/// `mentors are not asked for feedback`.
pub fn not_asked_clause(who: &str) -> String {
    format!("{who} are not asked for feedback")
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
    /// Not withheld: the value published on `since`, kept because too few
    /// responses changed since (docs/privacy.md, "The differencing rule").
    Kept { since: Date },
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
    fn reason(self, several: bool) -> String {
        match self {
            Withholding::SmallGroup { k } => format!("fewer than {k} responses"),
            Withholding::Derivable if several => {
                "so that other figures cannot be worked out from them".to_string()
            }
            Withholding::Derivable => {
                "so that other figures cannot be worked out from it".to_string()
            }
            Withholding::SmallGroupOrDerivable { k } => format!(
                "fewer than {k} responses, or so that other figures cannot be worked out from them"
            ),
            Withholding::Kept { since } => kept_clause(since),
        }
    }

    /// `withheld: fewer than 5 responses`, `withheld so that …`: the
    /// reason after the word `withheld`, which the caller capitalises or not.
    fn after_withheld(self, withheld: &str) -> String {
        match self {
            Withholding::Kept { since } if withheld.is_empty() => {
                format!(", {}", kept_clause(since))
            }
            Withholding::Kept { since } => {
                let clause = kept_clause(since);
                let mut first = clause.chars();
                first
                    .next()
                    .map(|c| c.to_uppercase().chain(first).collect())
                    .unwrap_or_default()
            }
            Withholding::Derivable => format!("{withheld} {}", self.reason(false)),
            _ => format!("{withheld}: {}", self.reason(false)),
        }
    }
}

/// A value kept by the differencing rule: `unchanged since 2025-02-04 (too few new responses to update)`.
pub fn kept_clause(since: Date) -> String {
    format!("unchanged since {since} (too few new responses to update)")
}

impl TableNote {
    /// What a marked cell says after `withheld` to a screen reader, which
    /// does not see the mark: `: fewer than 5 responses`, ` so that …`.
    pub fn in_cell(self) -> String {
        self.0.after_withheld("")
    }
}

/// The note under a table that explains the cells it marks: a withheld
/// figure shows [`WITHHELD`] and a number, and the number's note says why,
/// once per table (docs/privacy.md, "Withheld feedback figures").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableNote(pub Withholding);

impl fmt::Display for TableNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.", self.0.after_withheld("Withheld"))
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
        role: &'static str,
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

impl fmt::Display for ChartNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChartNote::Withheld(why) => f.write_str(&why.after_withheld("Withheld")),
            ChartNote::NoneShown => f.write_str(WITHHELD),
            ChartNote::PartlyWithheld(why) => write!(
                f,
                "Some figures are withheld and not drawn ({})",
                why.reason(false)
            ),
            ChartNote::RatingsWithheld { role, why } => match why {
                Withholding::Derivable => {
                    write!(f, "{role}' ratings withheld {}", why.reason(true))
                }
                _ => write!(f, "{role}' ratings withheld ({})", why.reason(true)),
            },
            ChartNote::NoData(table) => write!(f, "No {} data provided.", table.name()),
            ChartNote::NotStarted(start) => {
                write!(f, "No figures yet: the cohort starts on {start}")
            }
            ChartNote::EmptySpan => f.write_str("No figures: the cohort's span is empty"),
            ChartNote::NoMonths => f.write_str("No months in this cohort's span"),
            ChartNote::NoMeetingsOrPairs => f.write_str("No meetings or active pairs yet"),
            ChartNote::NoPairsActiveOn(day) => write!(f, "No pairs active on {day}"),
            ChartNote::NoActivePairs => f.write_str("No active pairs"),
            ChartNote::NoGoals => f.write_str("No goals recorded"),
            ChartNote::NoGoalsCreatedOrCompleted => {
                f.write_str("No goals created or completed yet")
            }
            ChartNote::NoRatings => f.write_str("No ratings"),
            ChartNote::NoRatingsYet => f.write_str("No ratings yet"),
            ChartNote::NoResponsesYet => f.write_str("No responses yet"),
            ChartNote::NotDrawn => f.write_str("The chart could not be drawn"),
        }
    }
}

/// The text alternative of a chart drawn from a table the program lacks.
pub fn no_data_description(table: TableKind) -> String {
    format!(
        "Drawn from the {} table, which this program does not have.",
        table.name()
    )
}

/// Withheld periods of a trend, as a sentence of its description:
/// `2 quarters withheld (fewer than 5 responses), shown as gaps.`
pub fn withheld_gaps(why: Withholding, periods: &str) -> String {
    format!("{periods} withheld ({}), shown as gaps.", why.reason(true))
}

/// A role's ratings withheld, as a clause of a chart's description:
/// `mentors' ratings withheld (fewer than 5 responses)`.
pub fn ratings_withheld_clause(role: &str, why: Withholding) -> String {
    format!("{role}' ratings withheld ({})", why.reason(true))
}

/// Why a headline figure has no value, written after it on a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureNote {
    Withheld(Withholding),
    /// A value kept by the differencing rule since this date.
    Kept(Date),
    /// The program has no such table.
    NoData(TableKind),
    NoRatings,
    /// The program asks only this role for feedback (`data.feedback.respondents`).
    OnlyAsked(Role),
}

impl fmt::Display for FigureNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FigureNote::Withheld(why) => f.write_str(&why.after_withheld("withheld")),
            FigureNote::Kept(since) => f.write_str(&kept_clause(*since)),
            FigureNote::NoData(table) => write!(f, "no {} data provided", table.name()),
            FigureNote::NoRatings => f.write_str("no ratings"),
            FigureNote::OnlyAsked(role) => {
                let other = match role {
                    Role::Mentor => Role::Mentee,
                    Role::Mentee => Role::Mentor,
                };
                write!(
                    f,
                    "{}s only: {}",
                    role.as_str(),
                    not_asked_clause(&format!("{}s", other.as_str()))
                )
            }
        }
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
                role: "Mentors",
                why: small
            }),
            "Mentors' ratings withheld (fewer than 5 responses)"
        );
        assert_eq!(
            words(ChartNote::RatingsWithheld {
                role: "Mentees",
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
        let cell = |why| format!("{WITHHELD}{}", TableNote(why).in_cell());
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
        assert_eq!(
            withheld_gaps(Withholding::SmallGroup { k: 5 }, "2 quarters"),
            "2 quarters withheld (fewer than 5 responses), shown as gaps."
        );
        assert_eq!(
            withheld_gaps(Withholding::Derivable, "1 quarter"),
            "1 quarter withheld (so that other figures cannot be worked out from them), shown as gaps."
        );
        assert_eq!(
            FigureNote::OnlyAsked(Role::Mentee).to_string(),
            "mentees only: mentors are not asked for feedback"
        );
        assert_eq!(
            ratings_withheld_clause("mentors", Withholding::Derivable),
            "mentors' ratings withheld (so that other figures cannot be worked out from them)"
        );
    }
}
