//! Rendering a prepared program: draw charts, then render pages; and the seam through which `serve` reuses a cohort's charts and page.

use rayon::prelude::*;

use super::charts::{Charts, CohortCharts};
use super::pages::{self, COHORTS_INDEX, Pages, REPORTS_INDEX};
use super::phase::{Phase, Progress, Timer};
use super::{Prepared, Timings};
use crate::data::Program;
use crate::diag::Diagnostics;
use crate::metrics::ProgramMetrics;
use crate::output::SiteFiles;
use crate::site::Handbook;
use crate::site::dashboards::{self, Dashboards, cohort_dir, report_dir};

/// A prepared program rendered into files.
pub struct Rendered {
    pub files: SiteFiles,
    pub pages: usize,
    pub charts: usize,
    pub phases: Timings,
}

/// Where a render finds a cohort's charts and dashboard page made by an
/// earlier render from the same inputs, and leaves its own for the next:
/// `serve`'s cache (`serve::cache::RenderCache`). Cohorts are numbered by
/// their place in the figures. A one-off build uses [`NoCache`], which
/// hashes nothing and keeps nothing.
pub trait CohortCache: Sync {
    /// Called first, with what the cohorts are made from, before any other call.
    fn begin(&mut self, _s: &Dashboards, _program: &Program) {}
    /// Cohort `i`'s charts, when an earlier render drew them from the same inputs.
    fn charts(&self, _i: usize) -> Option<&CohortCharts> {
        None
    }
    /// Cohort `i`'s dashboard page, when an earlier render made it from the same inputs.
    fn page(&self, _i: usize) -> Option<&str> {
        None
    }
    /// Cohort `i`'s dashboard page, as this render made (or reused) it.
    fn keep_page(&mut self, _i: usize, _html: &str) {}
    /// Called last, once the render has succeeded, with every cohort's charts.
    fn finish(&mut self, _charts: Vec<CohortCharts>) {}
    /// Whether [`Self::finish`] keeps the charts. When it does not, each
    /// cohort's charts are dropped once its page is rendered rather than
    /// held until every page is (docs/architecture.md, "Memory").
    fn keeps_charts(&self) -> bool {
        true
    }
}

/// The cache of a one-off build: everything is rendered, nothing kept.
pub struct NoCache;

impl CohortCache for NoCache {
    fn keeps_charts(&self) -> bool {
        false
    }
}

/// Renders every page of a prepared program: charts, dashboards, reports,
/// then the handbook. Template errors go to `diags`.
pub fn render(
    p: &Prepared,
    cache: &mut impl CohortCache,
    diags: &mut Diagnostics,
    progress: &dyn Progress,
) -> Option<Rendered> {
    render_into(p, cache, diags, progress, SiteFiles::default())
}

/// [`render`] into `files`, which may stream the pages to disk as they come.
pub fn render_into(
    p: &Prepared,
    cache: &mut impl CohortCache,
    diags: &mut Diagnostics,
    progress: &dyn Progress,
    mut files: SiteFiles,
) -> Option<Rendered> {
    let mut s = p.dashboards();
    let others: Vec<&Handbook> = p.handbook.languages().skip(1).collect();
    let mut timer = Timer::new(progress);
    // Charts carry words (titles, descriptions, month names): each
    // language draws its own from the same figures, the languages side by
    // side. Cohorts' charts are drawn with their pages (serve's cache holds
    // the default language's).
    let mut charts = timer.time(Phase::DrawCharts, || {
        cache.begin(&s, &p.program);
        let (first, rest) = rayon::join(
            || Charts::draw(&s),
            || {
                others
                    .par_iter()
                    .map(|h| Charts::draw(&p.dashboards_in(h)))
                    .collect::<Vec<_>>()
            },
        );
        let mut charts = vec![first];
        charts.extend(rest);
        charts
    });
    // Counted now: pages take the charts they no longer need. Cohorts'
    // charts, drawn with their pages, are counted there.
    let mut count: usize = charts.iter().map(Charts::count).sum();
    let pages = timer.time(Phase::RenderPages, || {
        let extra = sitemap_extras(&p.program, &p.metrics);
        let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
        let mut pages = 0;
        // The default language's tree at the root, then each other's
        // under its folder (docs/languages.md): the same figures in every
        // tree, metrics.json written once.
        for (n, (handbook, charts)) in p.handbook.languages().zip(&mut charts).enumerate() {
            s.set_handbook(handbook);
            files.set_prefix(&handbook.tree().prefix);
            let mut out = Pages::new(&mut files);
            count += if n == 0 {
                pages::dashboards(&s, &p.program, charts, true, cache, &mut out)
            } else {
                pages::dashboards(&s, &p.program, charts, false, &mut NoCache, &mut out)
            };
            let dashboards = out.finish(diags);
            let home = dashboards::home_context(&s, &charts.trends);
            pages += dashboards + handbook.render(&mut files, diags, &home, &extra);
        }
        files.set_prefix("");
        pages
    });
    if diags.has_errors() {
        return None;
    }
    if let Some(charts) = charts.into_iter().next() {
        cache.finish(charts.into_cohorts());
    }
    Some(Rendered {
        files,
        pages,
        charts: count,
        phases: timer.into_phases(),
    })
}

/// The dashboard pages the handbook's sitemap lists besides its own: the
/// indexes, every cohort's and every report's.
fn sitemap_extras(program: &Program, metrics: &ProgramMetrics) -> Vec<String> {
    let mut extra: Vec<String> = vec![COHORTS_INDEX.into(), REPORTS_INDEX.into()];
    for c in &metrics.cohorts {
        extra.push(format!(
            "{}index.html",
            cohort_dir(&program.cohorts[c.cohort as usize].slug)
        ));
    }
    for r in &metrics.quarters {
        extra.push(format!("{}index.html", report_dir(&r.quarter)));
    }
    extra
}
