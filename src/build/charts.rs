//! The draw-charts phase: every chart of the site, drawn once and in parallel, before any page.
//!
//! It lives in the build, not in `charts` or `site`: `charts` draws one
//! chart from figures and knows nothing of pages, `site` renders pages from
//! charts already drawn and never draws. Deciding which charts the site has
//! (each cohort's, each report's, the trend lines), drawing them once for
//! every page that shows them, and taking a cohort's from an earlier render
//! ([`CohortCache`]) is a step of the pipeline.

use rayon::prelude::*;

use super::render::CohortCache;
use crate::data::CohortIx;
use crate::metrics::{CohortMetrics, QuarterReport};
use crate::site::dashboards::{ChartView, Dashboards};

/// A cohort's dashboard charts and its trend line.
#[derive(Clone, Debug)]
pub struct CohortCharts {
    pub dashboard: Vec<ChartView>,
    /// Meetings per pair-month by quarter, for the cohorts index.
    pub trend: Option<String>,
}

/// Every chart of the site, drawn once.
pub struct Charts {
    /// Each cohort's dashboard charts, in the figures' order.
    pub cohorts: Vec<Vec<ChartView>>,
    /// Each quarterly report's charts.
    pub reports: Vec<Vec<ChartView>>,
    /// Each cohort's trend line.
    pub trends: Vec<Option<String>>,
}

impl Charts {
    /// Every chart, in parallel (output order fixed), taking a cohort's
    /// from `cache` when it has them.
    pub fn draw(s: &Dashboards, cache: &impl CohortCache) -> Charts {
        let (cohorts, trends) = s
            .metrics
            .cohorts
            .par_iter()
            .enumerate()
            .map(|(i, c)| match cache.charts(i) {
                Some(hit) => hit.clone(),
                None => Self::cohort(s, c),
            })
            .map(|c| (c.dashboard, c.trend))
            .unzip();
        let reports = s
            .metrics
            .quarters
            .par_iter()
            .map(|r| Self::report(s, r, None))
            .collect();
        Charts {
            cohorts,
            reports,
            trends,
        }
    }

    /// A cohort's dashboard charts and its trend line.
    pub fn cohort(s: &Dashboards, c: &CohortMetrics) -> CohortCharts {
        let dashboard = s.presence.mark_absent(
            crate::charts::cohort_charts(c, s.k)
                .into_iter()
                .map(ChartView::from)
                .collect(),
        );
        let trend: Vec<Option<f64>> = c
            .quarters
            .iter()
            .map(|q| q.metrics.meetings.per_pair_month)
            .collect();
        CohortCharts {
            dashboard,
            // No trend of meetings without a meetings table (not a flat 0).
            trend: if s.presence.meetings {
                crate::charts::sparkline(&trend)
            } else {
                None
            },
        }
    }

    /// The charts of the report `r`: of every cohort active in it, or of `only`.
    pub fn report(s: &Dashboards, r: &QuarterReport, only: Option<CohortIx>) -> Vec<ChartView> {
        let charts = match only {
            None => crate::charts::report_charts(r, s.k),
            Some(cohort) => {
                let one = QuarterReport {
                    cohorts: r
                        .cohorts
                        .iter()
                        .filter(|c| c.cohort == cohort)
                        .cloned()
                        .collect(),
                    ..r.clone()
                };
                crate::charts::report_charts(&one, s.k)
            }
        };
        s.presence
            .mark_absent(charts.into_iter().map(ChartView::from).collect())
    }

    /// Charts drawn as SVG.
    pub fn count(&self) -> usize {
        self.cohorts
            .iter()
            .chain(&self.reports)
            .flatten()
            .filter(|c| c.svg.is_some())
            .count()
    }

    /// Each cohort's charts, for a cache to keep.
    pub fn into_cohorts(self) -> Vec<CohortCharts> {
        self.cohorts
            .into_iter()
            .zip(self.trends)
            .map(|(dashboard, trend)| CohortCharts { dashboard, trend })
            .collect()
    }
}
