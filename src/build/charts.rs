//! The draw-charts phase: every chart of the site, drawn once and in parallel, before any page.
//!
//! It lives in the build, not in `charts` or `site`: `charts` draws one
//! chart from figures and knows nothing of pages, `site` renders pages from
//! charts already drawn and never draws. Deciding which charts the site has
//! (each cohort's, each report's, the trend lines), drawing them once for
//! every page that shows them, and taking a cohort's from an earlier render
//! ([`CohortCache`]) is a step of the pipeline.

use rayon::prelude::*;

use crate::charts::{Period, Row, SideBySide};
use crate::data::CohortIx;
use crate::metrics::{CohortMetrics, QuarterReport};
use crate::site::dashboards::{
    ChartView, Dashboards, ProgramQuarter, TrendView, program_periods, side_by_side_rows,
};

/// A cohort's dashboard charts.
#[derive(Clone, Debug)]
pub struct CohortCharts {
    pub dashboard: Vec<ChartView>,
}

/// Every chart of the site but the cohorts' dashboards', drawn once. A
/// cohort's charts are drawn with its page (`build::pages`), so that they
/// are not all held at once.
pub struct Charts {
    /// Each cohort's dashboard charts, in the figures' order, once drawn
    /// with their pages, when the render's cache keeps them; else empty.
    pub cohorts: Vec<Vec<ChartView>>,
    /// Each quarterly report's charts.
    pub reports: Vec<Vec<ChartView>>,
    /// The program over time: a trend chart per headline figure (reports
    /// index), each also compact (home page).
    pub trends: Vec<TrendView>,
    /// The cohorts side by side (cohorts index), drawn for the cohorts
    /// [`Charts::side_rows`] in that order. Not cached with a cohort: the
    /// scale each figure shares depends on every cohort.
    pub side: Vec<SideBySide>,
    /// Indices of the cohorts compared side by side, in page order.
    pub side_rows: Vec<usize>,
    /// The program's first and last quarter.
    pub span: (String, String),
}

impl Charts {
    /// Every chart but the cohorts', in parallel (output order fixed).
    pub fn draw(s: &Dashboards) -> Charts {
        let reports = s
            .metrics
            .quarters
            .par_iter()
            .map(|r| Self::report(s, r, None))
            .collect();
        let quarters = s.program_quarters();
        // No quarter has figures yet (every cohort upcoming): no trend to show.
        let trends = if quarters.is_empty() {
            Vec::new()
        } else {
            s.trend_views(crate::charts::program_trends(
                &s.words,
                &program_periods(&quarters),
                s.k,
            ))
        };
        let side_rows = side_by_side_rows(s);
        let side = Self::side_by_side(s, &quarters, &side_rows);
        let span = match (quarters.first(), quarters.last()) {
            (Some(a), Some(b)) => (a.label.clone(), b.label.clone()),
            _ => Default::default(),
        };
        Charts {
            cohorts: Vec::new(),
            reports,
            trends,
            side,
            side_rows,
            span,
        }
    }

    /// A cohort's dashboard charts.
    pub fn cohort(s: &Dashboards, c: &CohortMetrics) -> CohortCharts {
        let w = &*s.words;
        let dashboard = s.presence.mark_absent(
            w,
            crate::charts::cohort_charts(w, c, s.k)
                .into_iter()
                .map(|c| ChartView::of(w, c))
                .collect(),
        );
        CohortCharts { dashboard }
    }

    /// The cohorts `rows` side by side: each cohort's figures quarter by
    /// quarter, as its dashboard publishes them, and the program's
    /// `quarters` as the columns of the tables.
    fn side_by_side(
        s: &Dashboards,
        quarters: &[ProgramQuarter],
        rows: &[usize],
    ) -> Vec<SideBySide> {
        let labels: Vec<&str> = quarters.iter().map(|q| q.label.as_str()).collect();
        let rows: Vec<Row> = rows
            .iter()
            .map(|&i| {
                let c = &s.metrics.cohorts[i];
                Row {
                    name: &c.name,
                    quarters: c
                        .quarters
                        .iter()
                        .filter_map(|q| {
                            let column = quarters.iter().position(|p| p.key == q.key)?;
                            Some((
                                column,
                                Period {
                                    label: &q.quarter,
                                    metrics: Some(&q.metrics),
                                },
                            ))
                        })
                        .collect(),
                }
            })
            .collect();
        crate::charts::side_by_side(&s.words, &labels, &rows, s.k)
    }

    /// The charts of the report `r`: of every cohort active in it, or of `only`.
    pub fn report(s: &Dashboards, r: &QuarterReport, only: Option<CohortIx>) -> Vec<ChartView> {
        let charts = match only {
            None => crate::charts::report_charts(&s.words, r, s.k),
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
                crate::charts::report_charts(&s.words, &one, s.k)
            }
        };
        let w = &*s.words;
        s.presence
            .mark_absent(w, charts.into_iter().map(|c| ChartView::of(w, c)).collect())
    }

    /// Charts drawn as SVG but the cohorts' (small trends are not counted).
    pub fn count(&self) -> usize {
        self.reports
            .iter()
            .flatten()
            .chain(self.trends.iter().map(|t| &t.chart))
            .filter(|c| c.svg.is_some())
            .count()
    }

    /// Each cohort's charts, for a cache to keep.
    pub fn into_cohorts(self) -> Vec<CohortCharts> {
        self.cohorts
            .into_iter()
            .map(|dashboard| CohortCharts { dashboard })
            .collect()
    }
}
