//! The cohorts index (cohorts grouped by where they stand) and the reports index.

use serde::Serialize;
use tera::Context;

use crate::data::Program;

use super::cohort::{CohortInfo, CohortStatus};
use super::figures::mark_rows;
use super::marks::Note;
use super::side::SideBySideView;
use super::trends::{TRENDS_ANCHOR, TrendView};
use super::{Dashboards, FigureRow, report_page};

/// One cohort on the cohorts index.
#[derive(Clone, Debug, Serialize)]
pub struct CohortSummary {
    #[serde(flatten)]
    pub info: CohortInfo,
    /// Its figures over its whole span; `None` when upcoming.
    pub row: Option<FigureRow>,
}

/// The cohorts of one status on the cohorts index.
#[derive(Clone, Debug, Serialize)]
pub struct CohortGroup {
    pub title: String,
    pub cohorts: Vec<CohortSummary>,
    /// Why marked cells of the group's table are withheld.
    pub notes: Vec<Note>,
}

/// The groups of the cohorts index, in page order, with their headings.
pub(super) const GROUPS: [(CohortStatus, &str); 3] = [
    (CohortStatus::Running, "cohorts.running_now"),
    (CohortStatus::Upcoming, "cohorts.upcoming"),
    (CohortStatus::Ended, "cohorts.ended"),
];

/// The context of `cohorts.html`: the cohorts side by side, then grouped
/// as running, upcoming, ended; each group newest first.
pub fn cohorts_context(d: &Dashboards, program: &Program, side: &SideBySideView) -> Context {
    let mut ctx = d.handbook.base_context(
        "cohorts/index.html",
        d.words.t("nav.cohorts"),
        d.words.t("page.cohorts_description"),
    );
    let mut groups: Vec<Vec<CohortSummary>> = vec![Vec::new(); GROUPS.len()];
    for c in &d.metrics.cohorts {
        let info = CohortInfo::of(d, program, c);
        let row = c
            .overall
            .as_ref()
            .map(|m| d.row(c.name.clone(), Some(info.url.clone()), m));
        let summary = CohortSummary { info, row };
        if let Some(g) = GROUPS.iter().position(|(s, _)| *s == summary.info.status) {
            groups[g].push(summary);
        }
    }
    let groups: Vec<CohortGroup> = GROUPS
        .iter()
        .zip(groups)
        .filter(|(_, cohorts)| !cohorts.is_empty())
        .map(|((_, title), mut cohorts)| {
            cohorts.sort_by_key(|c| std::cmp::Reverse(c.info.start));
            let notes = mark_rows(&d.words, cohorts.iter_mut().filter_map(|c| c.row.as_mut()));
            CohortGroup {
                title: d.words.t(title).to_string(),
                cohorts,
                notes,
            }
        })
        .collect();
    ctx.insert("groups", &groups);
    ctx.insert("side_by_side", side);
    ctx.insert("as_of", &d.words.day(d.metrics.as_of));
    ctx.insert("glossary", &d.glossary(""));
    ctx
}

/// One quarter on the reports index.
#[derive(Clone, Debug, Serialize)]
pub struct ReportLink {
    pub quarter: String,
    pub url: String,
    pub start: String,
    pub end: String,
    pub cohorts: usize,
    pub row: FigureRow,
}

/// The context of `reports.html`: the program over time, then every
/// quarter, newest first.
pub fn reports_context(d: &Dashboards, trends: &[TrendView]) -> Context {
    let mut ctx = d.handbook.base_context(
        "reports/index.html",
        d.words.t("nav.quarterly_reports"),
        d.words.t("home.reports_card"),
    );
    let mut links: Vec<ReportLink> = d
        .metrics
        .quarters
        .iter()
        .rev()
        .map(|r| ReportLink {
            quarter: r.quarter.clone(),
            url: report_page(&r.quarter),
            start: d.words.day(r.start),
            end: d.words.day(r.end),
            cohorts: r.cohorts.len(),
            row: d.row(r.quarter.clone(), None, &r.totals),
        })
        .collect();
    let notes = mark_rows(&d.words, links.iter_mut().map(|l| &mut l.row));
    ctx.insert("reports", &links);
    ctx.insert("report_notes", &notes);
    ctx.insert("trends", trends);
    ctx.insert("trends_anchor", TRENDS_ANCHOR);
    ctx.insert("as_of", &d.words.day(d.metrics.as_of));
    ctx.insert("glossary", &d.glossary(""));
    ctx
}
