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
    (CohortStatus::Running, "Running now"),
    (CohortStatus::Upcoming, "Upcoming"),
    (CohortStatus::Ended, "Ended"),
];

/// The context of `cohorts.html`: the cohorts side by side, then grouped
/// as running, upcoming, ended; each group newest first.
pub fn cohorts_context(d: &Dashboards, program: &Program, side: &SideBySideView) -> Context {
    let mut ctx = d.handbook.base_context(
        "cohorts/index.html",
        "Cohorts",
        "Every cohort of the program with its headline figures.",
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
            cohorts.sort_by(|a, b| b.info.start_date.cmp(&a.info.start_date));
            let notes = mark_rows(cohorts.iter_mut().filter_map(|c| c.row.as_mut()));
            CohortGroup {
                title: title.to_string(),
                cohorts,
                notes,
            }
        })
        .collect();
    ctx.insert("groups", &groups);
    ctx.insert("side_by_side", side);
    ctx.insert("as_of", &d.metrics.as_of.to_string());
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
        "Quarterly reports",
        "The program quarter by quarter, across cohorts.",
    );
    let mut links: Vec<ReportLink> = d
        .metrics
        .quarters
        .iter()
        .rev()
        .map(|r| ReportLink {
            quarter: r.quarter.clone(),
            url: report_page(&r.quarter),
            start: r.start.to_string(),
            end: r.end.to_string(),
            cohorts: r.cohorts.len(),
            row: d.row(r.quarter.clone(), None, &r.totals),
        })
        .collect();
    let notes = mark_rows(links.iter_mut().map(|l| &mut l.row));
    ctx.insert("reports", &links);
    ctx.insert("report_notes", &notes);
    ctx.insert("trends", trends);
    ctx.insert("trends_anchor", TRENDS_ANCHOR);
    ctx.insert("as_of", &d.metrics.as_of.to_string());
    ctx.insert("glossary", &d.glossary(""));
    ctx
}
