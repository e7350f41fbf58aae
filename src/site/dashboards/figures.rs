//! Headline figures with their changes, and a period's figures as a table row.

use serde::Serialize;

use crate::charts::notes::{FigureNote, Withholding, no_data, withheld};
use crate::config::schema::{Role, TableKind};
use crate::i18n::Words;
use crate::metrics::{Metrics, RoleFeedback};
use crate::site::format::{FigureKind, NONE, count};

use super::Dashboards;
use super::marks::{Marks, Note};

/// One headline figure with its change against the previous period.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Kpi {
    pub label: String,
    pub value: String,
    /// `↑`, `↓` or `→`: the direction in a form that needs no colour.
    pub arrow: Option<String>,
    /// The same direction as a word, `up`, `down` or `same`: the class of
    /// a change whose arrow the stylesheet draws (lean tables, docs/site.md).
    pub direction: Option<&'static str>,
    pub change: Option<String>,
    /// Why the value is missing or what it counts.
    pub note: Option<String>,
    /// The glossary entry (site-relative URL with anchor).
    pub glossary: Option<String>,
    /// In a table: the number of the note saying why the value is withheld.
    pub mark: Option<usize>,
    /// On the home page: a compact chart of the figure over every quarter.
    pub trend: Option<String>,
    /// Where that chart is shown full size (site-relative, with anchor).
    pub trend_url: Option<String>,
    /// Why the value is withheld.
    #[serde(skip)]
    pub(super) withheld: Option<Withholding>,
}

/// The word for a change's arrow (`up`, `down`, `same`).
fn direction(arrow: &str) -> &'static str {
    match arrow {
        "↑" => "up",
        "↓" => "down",
        _ => "same",
    }
}

/// A headline figure: how it is read from the figures, shown and explained.
struct Headline {
    /// The catalog key of its label.
    label: &'static str,
    /// Its entry on the glossary page.
    anchor: &'static str,
    kind: FigureKind,
    value: fn(&Metrics) -> Option<f64>,
    /// The optional table it is counted from: without it, the figure says
    /// that no data was provided instead of showing a 0.
    source: Option<TableKind>,
    caveat: Caveat,
}

/// What a headline figure says besides its value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Caveat {
    None,
    /// How many pairs the quiet share counts.
    QuietPairs,
    /// The mean rating may be withheld, or have no ratings.
    Rating,
    /// The response rate counts only the roles asked for feedback.
    Respondents,
}

/// The headline figures, in the order pages show them.
const HEADLINE: [Headline; 6] = [
    Headline {
        label: "column.active_pairs",
        anchor: "active-pairs",
        kind: FigureKind::Count,
        value: |m| Some(m.pairs.active as f64),
        source: None,
        caveat: Caveat::None,
    },
    Headline {
        label: "column.meetings_per_pair_month",
        anchor: "meetings-per-pair-month",
        kind: FigureKind::Decimal1,
        value: |m| m.meetings.per_pair_month,
        source: Some(TableKind::Meetings),
        caveat: Caveat::None,
    },
    Headline {
        label: "headline.quiet_share",
        anchor: "quiet-share",
        kind: FigureKind::Rate,
        value: |m| m.meetings.quiet_share,
        // Without meetings every pair would look quiet.
        source: Some(TableKind::Meetings),
        caveat: Caveat::QuietPairs,
    },
    Headline {
        label: "column.goal_completion",
        anchor: "completion-rate",
        kind: FigureKind::Rate,
        value: |m| m.goals.completion_rate,
        source: Some(TableKind::Goals),
        caveat: Caveat::None,
    },
    Headline {
        label: "column.mean_rating",
        anchor: "mean-rating",
        kind: FigureKind::Decimal2,
        value: |m| m.feedback.all.mean_rating,
        source: Some(TableKind::Feedback),
        caveat: Caveat::Rating,
    },
    Headline {
        label: "column.response_rate",
        anchor: "response-rate",
        kind: FigureKind::Rate,
        value: |m| m.feedback.all.response_rate,
        source: Some(TableKind::Feedback),
        caveat: Caveat::Respondents,
    },
];

/// The glossary anchor of the headline figure whose label has the catalog key `label`.
pub(super) fn glossary_anchor(label: &str) -> Option<&'static str> {
    HEADLINE.iter().find(|h| h.label == label).map(|h| h.anchor)
}

/// The figures of one period as a table row.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct FigureRow {
    pub label: String,
    pub url: Option<String>,
    pub active_pairs: String,
    pub meetings: String,
    pub per_pair_month: String,
    pub quiet: String,
    pub goals_completed: String,
    pub completion_rate: String,
    pub responses: String,
    pub response_rate: String,
    pub mean_rating: String,
    /// The number of the table's note saying why `mean_rating` is withheld.
    pub mean_rating_note: Option<usize>,
    pub nps: String,
    /// The number of the table's note saying why `nps` is withheld.
    pub nps_note: Option<usize>,
    #[serde(skip)]
    pub(super) mean_rating_why: Option<Withholding>,
    #[serde(skip)]
    pub(super) nps_why: Option<Withholding>,
}

/// Numbers the notes of a table of KPIs (rows of cells): each withheld
/// value gets the number of its reason's note; returns the notes.
pub(super) fn mark_kpis<'k>(w: &Words, kpis: impl IntoIterator<Item = &'k mut Kpi>) -> Vec<Note> {
    let mut marks = Marks::default();
    for kpi in kpis {
        kpi.mark = marks.mark(kpi.withheld);
    }
    marks.notes(w)
}

/// Numbers the notes of a table of figure rows: each withheld cell gets
/// the number of its reason's note; returns the notes.
pub(super) fn mark_rows<'r>(
    w: &Words,
    rows: impl IntoIterator<Item = &'r mut FigureRow>,
) -> Vec<Note> {
    let mut marks = Marks::default();
    for row in rows {
        row.mean_rating_note = marks.mark(row.mean_rating_why);
        row.nps_note = marks.mark(row.nps_why);
    }
    marks.notes(w)
}

impl Dashboards<'_> {
    /// The headline figures of `m`, with changes against `before`.
    pub(super) fn headline(&self, m: &Metrics, before: Option<&Metrics>) -> Vec<Kpi> {
        HEADLINE.iter().map(|h| self.kpi(h, m, before)).collect()
    }

    fn kpi(&self, h: &Headline, m: &Metrics, before: Option<&Metrics>) -> Kpi {
        let now = (h.value)(m);
        let w = &*self.words;
        let change = h.kind.change(w, now, before.and_then(h.value));
        let mut kpi = Kpi {
            label: w.t(h.label).to_string(),
            value: h.kind.show(w, now),
            arrow: change.as_ref().map(|c| c.0.clone()),
            direction: change.as_ref().map(|c| direction(&c.0)),
            change: change.map(|c| c.1),
            note: None,
            glossary: self.glossary(h.anchor),
            mark: None,
            trend: None,
            trend_url: None,
            withheld: None,
        };
        match h.caveat {
            Caveat::None => {}
            Caveat::QuietPairs => {
                kpi.note = Some(w.fill(
                    "headline.quiet_note",
                    &[
                        ("quiet", &count(w, m.meetings.quiet_pairs)),
                        ("pairs", &count(w, m.meetings.eligible_pairs)),
                    ],
                ));
            }
            Caveat::Rating => {
                let (value, note) = self.rating_text(&m.feedback.all);
                kpi.value = value;
                if let Some(FigureNote::Withheld(why)) = note {
                    kpi.withheld = Some(why);
                }
                kpi.note = note.map(|n| n.words(w));
            }
            Caveat::Respondents => {
                let roles = &m.feedback.by_role;
                kpi.note = match (roles.mentor.asked, roles.mentee.asked) {
                    (true, false) => Some(FigureNote::OnlyAsked(Role::Mentor).words(w)),
                    (false, true) => Some(FigureNote::OnlyAsked(Role::Mentee).words(w)),
                    _ => None,
                };
            }
        }
        if let Some(table) = h.source.filter(|t| !self.presence.has(*t)) {
            kpi.value = no_data(w).to_string();
            kpi.arrow = None;
            kpi.direction = None;
            kpi.change = None;
            kpi.note = Some(FigureNote::NoData(table).words(w));
            kpi.withheld = None;
        }
        kpi
    }

    /// A mean rating as shown, and why it has no value.
    fn rating_text(&self, f: &RoleFeedback) -> (String, Option<FigureNote>) {
        match Withholding::of(&[f.ratings_withheld], self.k) {
            Some(why) => (
                withheld(&self.words).to_string(),
                Some(FigureNote::Withheld(why)),
            ),
            None if f.rating_rows == 0 => (NONE.to_string(), Some(FigureNote::NoRatings)),
            None => (
                FigureKind::Decimal2.show(&self.words, f.mean_rating),
                f.ratings_kept.map(FigureNote::Kept),
            ),
        }
    }

    /// An NPS as shown.
    fn nps_text(&self, f: &RoleFeedback) -> String {
        if f.nps_withheld.is_withheld() {
            withheld(&self.words).to_string()
        } else if f.nps_rows == 0 {
            NONE.to_string()
        } else {
            FigureKind::Score.show(&self.words, f.nps.map(|n| n as f64))
        }
    }

    /// One row of a per-quarter (or per-cohort) table.
    pub(super) fn row(&self, label: String, url: Option<String>, m: &Metrics) -> FigureRow {
        self.without_absent(self.measured_row(label, url, m))
    }

    /// A row whose figures drawn from a table the program lacks say so,
    /// rather than 0 or "—" (docs/metrics.md, "Absent tables").
    fn without_absent(&self, mut row: FigureRow) -> FigureRow {
        let absent = |table| !self.presence.has(table);
        let cells: [(TableKind, Vec<&mut String>); 3] = [
            (
                TableKind::Meetings,
                vec![&mut row.meetings, &mut row.per_pair_month, &mut row.quiet],
            ),
            (
                TableKind::Goals,
                vec![&mut row.goals_completed, &mut row.completion_rate],
            ),
            (
                TableKind::Feedback,
                vec![
                    &mut row.responses,
                    &mut row.response_rate,
                    &mut row.mean_rating,
                    &mut row.nps,
                ],
            ),
        ];
        for (table, cells) in cells {
            if absent(table) {
                for cell in cells {
                    *cell = no_data(&self.words).to_string();
                }
            }
        }
        row
    }

    fn measured_row(&self, label: String, url: Option<String>, m: &Metrics) -> FigureRow {
        let w = &*self.words;
        FigureRow {
            label,
            url,
            active_pairs: count(w, m.pairs.active),
            meetings: count(w, m.meetings.count),
            per_pair_month: FigureKind::Decimal1.show(w, m.meetings.per_pair_month),
            quiet: format!(
                "{} ({})",
                count(w, m.meetings.quiet_pairs),
                FigureKind::Rate.show(w, m.meetings.quiet_share)
            ),
            goals_completed: count(w, m.goals.completed_in_period),
            completion_rate: FigureKind::Rate.show(w, m.goals.completion_rate),
            responses: count(w, m.feedback.all.responses),
            response_rate: FigureKind::Rate.show(w, m.feedback.all.response_rate),
            mean_rating: self.rating_text(&m.feedback.all).0,
            mean_rating_note: None,
            nps: self.nps_text(&m.feedback.all),
            nps_note: None,
            mean_rating_why: Withholding::of(&[m.feedback.all.ratings_withheld], self.k).or(m
                .feedback
                .all
                .ratings_kept
                .map(|since| Withholding::Kept { since })),
            nps_why: Withholding::of(&[m.feedback.all.nps_withheld], self.k).or(m
                .feedback
                .all
                .nps_kept
                .map(|since| Withholding::Kept { since })),
        }
    }
}
