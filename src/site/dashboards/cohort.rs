//! A cohort's dashboard page, and where a cohort stands on the as-of date.

use serde::Serialize;
use tera::Context;

use crate::data::Program;
use crate::date::Date;
use crate::metrics::CohortMetrics;

use super::figures::mark_rows;
use super::optin::{cohort_comments, goal_titles};
use super::scorecard::scorecard;
use super::{ChartView, Dashboards, FigureRow, cohort_page, report_page};

/// Where a cohort stands on the as-of date. Templates compare the
/// serialized words (`"upcoming"`, `"running"`, `"ended"`).
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CohortStatus {
    Upcoming,
    Running,
    Ended,
}

impl CohortStatus {
    pub fn of(c: &CohortMetrics, as_of: Date) -> CohortStatus {
        if c.upcoming {
            CohortStatus::Upcoming
        } else if c.end_date.is_some_and(|end| end < as_of) {
            CohortStatus::Ended
        } else {
            CohortStatus::Running
        }
    }
}

/// A cohort's identity as pages show it.
#[derive(Clone, Debug, Serialize)]
pub struct CohortInfo {
    pub id: String,
    pub name: String,
    pub url: String,
    pub start_date: String,
    pub end_date: Option<String>,
    pub track: Option<String>,
    pub description: Option<String>,
    pub status: CohortStatus,
    /// The start date, for ordering (pages show `start_date`).
    #[serde(skip)]
    pub start: Date,
}

impl CohortInfo {
    pub(super) fn of(d: &Dashboards, program: &Program, c: &CohortMetrics) -> CohortInfo {
        let cohort = &program.cohorts[c.cohort as usize];
        CohortInfo {
            id: c.id.clone(),
            name: c.name.clone(),
            url: cohort_page(&cohort.slug),
            start_date: d.words.day(c.start_date),
            end_date: c.end_date.map(|e| d.words.day(e)),
            track: cohort.track.clone(),
            description: cohort.description.clone(),
            status: CohortStatus::of(c, d.metrics.as_of),
            start: c.start_date,
        }
    }
}

/// A cohort's span, first and last day, as text.
#[derive(Serialize)]
struct Span {
    start: String,
    end: String,
}

/// The context of `cohort.html`.
pub fn cohort_context(
    d: &Dashboards,
    program: &Program,
    c: &CohortMetrics,
    charts: Vec<ChartView>,
) -> Context {
    let info = CohortInfo::of(d, program, c);
    let mut ctx = d.handbook.base_context(
        &info.url,
        &c.name,
        &d.words
            .fill("page.cohort_description", &[("cohort", &c.name)]),
    );
    let latest = c.quarters.last();
    let previous = c
        .quarters
        .len()
        .checked_sub(2)
        .and_then(|i| c.quarters.get(i));
    ctx.insert("cohort", &info);
    ctx.insert("as_of", &d.words.day(d.metrics.as_of));
    ctx.insert(
        "span",
        &c.span.map(|sp| Span {
            start: d.words.day(sp.start),
            end: d.words.day(sp.end),
        }),
    );
    ctx.insert("latest_quarter", &latest.map(|q| q.quarter.clone()));
    ctx.insert("previous_quarter", &previous.map(|q| q.quarter.clone()));
    ctx.insert(
        "headline",
        &latest
            .map(|q| d.headline(&q.metrics, previous.map(|p| &p.metrics)))
            .unwrap_or_default(),
    );
    ctx.insert(
        "overall_headline",
        &c.overall
            .as_ref()
            .map(|m| d.headline(m, None))
            .unwrap_or_default(),
    );
    ctx.insert("charts", &charts);
    ctx.insert(
        "scorecard",
        &scorecard(&d.words, d.handbook.roles(), c.overall.as_ref(), d.presence),
    );
    let mut rows: Vec<FigureRow> = c
        .quarters
        .iter()
        .map(|q| d.row(q.quarter.clone(), Some(report_page(&q.quarter)), &q.metrics))
        .collect();
    if let Some(m) = &c.overall {
        rows.push(d.row(d.words.t("cohort.whole_span").to_string(), None, m));
    }
    ctx.insert("row_notes", &mark_rows(&d.words, &mut rows));
    ctx.insert("rows", &rows);
    ctx.insert("presence", &d.presence);
    ctx.insert("glossary", &d.glossary(""));
    ctx.insert("k", &d.k);
    ctx.insert("goal_titles", &goal_titles(&d.words, &d.goal_titles, c));
    ctx.insert("comments", &cohort_comments(&d.comments, d.comment_k, c));
    ctx.insert("comment_k", &d.comment_k);
    ctx
}
