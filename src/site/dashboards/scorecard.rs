//! The scorecard: each `roles.toml` indicator checked against a cohort's figures.

use serde::Serialize;

use crate::charts::notes::{FigureNote, not_asked};
use crate::config::schema::TableKind;
use crate::i18n::Words;
use crate::metrics::Metrics;
use crate::site::format::FigureKind;
use crate::site::{Roles, role_pages};

use super::Presence;

/// One expectation of `roles.toml` checked against a cohort's figures.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ScoreRow {
    pub role: String,
    /// Site-relative URL of the role card.
    pub url: String,
    pub name: String,
    pub indicator: String,
    pub value: String,
    pub target: String,
    pub status: ScoreStatus,
}

/// Whether a cohort meets an indicator's target. Templates compare the
/// serialized words (`"met"`, `"not met"`, `"no value"`).
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
pub enum ScoreStatus {
    #[serde(rename = "met")]
    Met,
    #[serde(rename = "not met")]
    NotMet,
    /// The figure is undefined or withheld.
    #[serde(rename = "no value")]
    NoValue,
}

/// The kind of figure an indicator path names, for showing it and its
/// target: metrics.json names rates `_rate` or `_share`.
fn kind_of(path: &str) -> FigureKind {
    let last = path.rsplit('.').next().unwrap_or(path);
    if last.ends_with("_rate") || last.ends_with("_share") {
        FigureKind::Rate
    } else if last == "mean_rating" {
        FigureKind::Decimal2
    } else if last == "nps" {
        FigureKind::Score
    } else if matches!(last, "per_pair_month" | "hours" | "pair_months") {
        FigureKind::Decimal1
    } else {
        FigureKind::Count
    }
}

/// The value at a metrics.json path (`meetings.per_pair_month`) of figures
/// already turned into JSON, if a number.
fn figure_at(json: &serde_json::Value, path: &str) -> Option<f64> {
    path.split('.')
        .try_fold(json, |value, key| value.get(key))?
        .as_f64()
}

/// The optional table a metrics.json path is counted from, if any.
fn source_of(path: &str) -> Option<TableKind> {
    let (group, figure) = path.split_once('.')?;
    match group {
        "meetings" => Some(TableKind::Meetings),
        "goals" => Some(TableKind::Goals),
        "feedback" => Some(TableKind::Feedback),
        "participants" if matches!(figure, "enrolled" | "unmatched" | "match_rate") => {
            Some(TableKind::Participants)
        }
        _ => None,
    }
}

/// Why an indicator has no value to check, beyond the figure being null:
/// its table is absent, or it is the response rate of a role not asked.
fn unmeasured(w: &Words, path: &str, m: Option<&Metrics>, presence: Presence) -> Option<String> {
    if let Some(table) = source_of(path).filter(|t| !presence.has(*t)) {
        return Some(FigureNote::NoData(table).words(w));
    }
    let roles = &m?.feedback.by_role;
    let asked = match path {
        "feedback.by_role.mentor.response_rate" => roles.mentor.asked,
        "feedback.by_role.mentee.response_rate" => roles.mentee.asked,
        _ => true,
    };
    (!asked).then(|| not_asked(w).to_string())
}

/// Every expectation (and hat) with an indicator, checked against `m`.
/// Figures from a table the program lacks, or of a role not asked, have
/// no value rather than a 0 that would fail the target.
pub(super) fn scorecard(
    w: &Words,
    roles: &Roles,
    m: Option<&Metrics>,
    presence: Presence,
) -> Vec<ScoreRow> {
    // Indicators name figures by their metrics.json path: convert once.
    let json = m.and_then(|m| serde_json::to_value(m).ok());
    let mut rows = Vec::new();
    for (_, out, role) in role_pages(roles) {
        for item in role.hats.iter().chain(&role.expectations) {
            let Some(indicator) = &item.indicator else {
                continue;
            };
            let kind = kind_of(&indicator.path);
            let unmeasured = unmeasured(w, &indicator.path, m, presence);
            let value = json
                .as_ref()
                .and_then(|j| figure_at(j, &indicator.path))
                .filter(|_| unmeasured.is_none());
            let status = match indicator.is_met(value) {
                Some(true) => ScoreStatus::Met,
                Some(false) => ScoreStatus::NotMet,
                None => ScoreStatus::NoValue,
            };
            rows.push(ScoreRow {
                role: role.title.clone(),
                url: format!("{out}#{}", item.id),
                name: item.name.clone(),
                indicator: indicator.path.clone(),
                value: unmeasured.unwrap_or_else(|| kind.show(w, value)),
                target: format!(
                    "{} {}",
                    indicator.op.symbol(),
                    kind.show(w, Some(indicator.target))
                ),
                status,
            });
        }
    }
    rows
}
