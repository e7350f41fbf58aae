//! The program over time: its quarters as trend periods, the trend charts of the reports index and the compact ones of the home page.

use serde::Serialize;

use crate::charts::{Period, Trend};
use crate::metrics::QuarterReport;
use crate::metrics::periods::QuarterScheme;

use super::{ChartView, Dashboards, Kpi};

/// Where the reports index shows the program over time.
pub const TRENDS_ANCHOR: &str = "program-over-time";

/// One of the program's quarters, in time order: every quarter from the
/// first with figures to the last, a quarter in which no cohort was
/// active included without figures (so that the trend's time axis has
/// no hole).
#[derive(Clone, Debug)]
pub struct ProgramQuarter<'a> {
    pub label: String,
    pub key: i32,
    pub report: Option<&'a QuarterReport>,
}

impl<'a> Dashboards<'a> {
    /// The program's quarters, gaps included.
    pub fn program_quarters(&self) -> Vec<ProgramQuarter<'a>> {
        let quarters = &self.metrics.quarters;
        let (Some(first), Some(last)) = (quarters.first(), quarters.last()) else {
            return Vec::new();
        };
        let scheme = QuarterScheme::new(self.fiscal_start);
        (first.key..=last.key)
            .filter_map(|key| {
                let report = quarters.iter().find(|q| q.key == key);
                let label = match (report, scheme) {
                    (Some(r), _) => r.quarter.clone(),
                    (None, Some(s)) => s.quarter(key).label,
                    // Unreachable once figures exist: the scheme was checked.
                    (None, None) => return None,
                };
                Some(ProgramQuarter { label, key, report })
            })
            .collect()
    }
}

/// The program's quarters as trend periods, with the program's figures.
pub fn program_periods<'q>(quarters: &'q [ProgramQuarter]) -> Vec<Period<'q>> {
    quarters
        .iter()
        .map(|q| Period {
            label: &q.label,
            metrics: q.report.map(|r| &r.totals),
        })
        .collect()
}

/// A trend as pages show it: the chart (reports index) and the compact
/// chart (home page).
#[derive(Clone, Debug, Serialize)]
pub struct TrendView {
    /// The figure, e.g. `active-pairs`.
    pub id: String,
    pub label: String,
    pub chart: ChartView,
    /// Small SVG image of the same line (`None`: not drawn, or the
    /// program lacks the figure's table).
    pub compact: Option<String>,
    /// The chart on the reports index (site-relative, with anchor).
    pub url: String,
}

impl Dashboards<'_> {
    /// The program's trends as pages show them (charts whose table the
    /// program lacks say so instead).
    pub fn trend_views(&self, trends: Vec<Trend>) -> Vec<TrendView> {
        trends
            .into_iter()
            .map(|t| {
                let present = self.presence.has(t.figure.source);
                let w = &*self.words;
                let chart = self.presence.mark_absent_one(w, ChartView::of(w, t.chart));
                TrendView {
                    id: t.figure.id.to_string(),
                    label: w.t(t.figure.label).to_string(),
                    url: format!("reports/index.html#chart-{}", chart.id),
                    chart,
                    compact: t.compact.filter(|_| present),
                }
            })
            .collect()
    }
}

/// The home page's headline figures, each of the five followed over time
/// given its compact chart (matched by label).
pub fn with_trends(mut kpis: Vec<Kpi>, trends: &[TrendView]) -> Vec<Kpi> {
    for kpi in &mut kpis {
        if let Some(t) = trends.iter().find(|t| t.label == kpi.label) {
            kpi.trend = t.compact.clone();
            kpi.trend_url = Some(t.url.clone());
        }
    }
    kpis
}
