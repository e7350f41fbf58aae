//! The figures the home page shows: the latest quarter's headline and the running cohorts.

use tera::Context;

use crate::site::Link;

use super::{CohortStatus, Dashboards, report_page};

/// Keys the home page gets: the latest quarter's headline figures and links.
pub fn home_context(d: &Dashboards) -> Context {
    let mut ctx = Context::new();
    let latest = d.metrics.quarters.last();
    ctx.insert("as_of", &d.metrics.as_of.to_string());
    ctx.insert(
        "latest_report",
        &latest.map(|r| Link {
            title: r.quarter.clone(),
            url: report_page(&r.quarter),
            description: String::new(),
        }),
    );
    ctx.insert(
        "kpis",
        &latest
            .map(|r| d.headline(&r.totals, d.metrics.previous_report(r).map(|p| &p.totals)))
            .unwrap_or_default(),
    );
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
