//! The figures the home page shows: the latest quarter's headline and the running cohorts.

use serde::Serialize;
use tera::Context;

use crate::site::Link;

use super::trends::{TRENDS_ANCHOR, TrendView, with_trends};
use super::{CohortStatus, Dashboards, report_page};

/// The quarters the program's trend spans.
#[derive(Serialize)]
struct Span {
    first: String,
    last: String,
}

/// Keys the home page gets: the latest quarter's headline figures, each
/// of the five followed over time with its compact chart, and links.
pub fn home_context(d: &Dashboards, trends: &[TrendView]) -> Context {
    let mut ctx = Context::new();
    let latest = d.metrics.quarters.last();
    ctx.insert("as_of", &d.words.day(d.metrics.as_of));
    ctx.insert(
        "latest_report",
        &latest.map(|r| Link {
            title: r.quarter.clone(),
            url: report_page(&r.quarter),
            description: String::new(),
        }),
    );
    let kpis = latest
        .map(|r| d.headline(&r.totals, d.metrics.previous_report(r).map(|p| &p.totals)))
        .unwrap_or_default();
    ctx.insert("kpis", &with_trends(kpis, trends));
    let quarters = d.program_quarters();
    ctx.insert(
        "trend_span",
        &quarters.first().zip(quarters.last()).map(|(a, b)| Span {
            first: a.label.clone(),
            last: b.label.clone(),
        }),
    );
    ctx.insert("trends_url", &format!("reports/index.html#{TRENDS_ANCHOR}"));
    let running = d
        .metrics
        .cohorts
        .iter()
        .filter(|c| CohortStatus::of(c, d.metrics.as_of) == CohortStatus::Running)
        .count();
    ctx.insert("running_cohorts", &running);
    ctx.insert("cohort_count", &d.metrics.cohorts.len());
    ctx
}
