//! The dashboard pages: cohort dashboards, quarterly reports (page, metrics.json, report.html) and their indexes.

use rayon::prelude::*;

use super::Prepared;
use super::charts::Charts;
use super::render::CohortCache;
use crate::data::{CohortIx, Program};
use crate::diag::Diagnostics;
use crate::metrics::{self, QuarterReport};
use crate::output::SiteFiles;
use crate::site::TemplateError;
use crate::site::dashboards::{self, ChartView, Dashboards, ReportView, cohort_dir, report_dir};

/// The index of every cohort.
pub(super) const COHORTS_INDEX: &str = "cohorts/index.html";
/// The index of every quarterly report.
pub(super) const REPORTS_INDEX: &str = "reports/index.html";

/// Pages as they are rendered: each added to the files and counted, or
/// its template error kept, once however many pages it broke.
pub(super) struct Pages<'a> {
    files: &'a mut SiteFiles,
    count: usize,
    errors: Vec<TemplateError>,
}

impl<'a> Pages<'a> {
    pub(super) fn new(files: &'a mut SiteFiles) -> Pages<'a> {
        Pages {
            files,
            count: 0,
            errors: Vec::new(),
        }
    }

    fn add(&mut self, path: String, page: Result<String, TemplateError>) {
        match page {
            Ok(html) => {
                self.files.add(path, html);
                self.count += 1;
            }
            Err(e) => {
                if !self.errors.contains(&e) {
                    self.errors.push(e);
                }
            }
        }
    }

    /// Reports the template errors to `diags`; returns the pages added.
    pub(super) fn finish(self, diags: &mut Diagnostics) -> usize {
        for e in self.errors {
            e.report(diags);
        }
        self.count
    }
}

/// Cohort dashboards, quarterly reports and their indexes, rendered in
/// parallel and added in a fixed order. A cohort page `cache` has is not
/// rendered again. Cohorts' charts are drawn with their pages, a chunk at
/// a time; each report takes its charts out of `charts`, so that they are
/// not all held until the last page (at 3,000 cohorts the cohorts' alone
/// are ~120 MB). Returns how many cohort charts were drawn as SVG.
pub(super) fn dashboards(
    s: &Dashboards,
    program: &Program,
    charts: &mut Charts,
    with_data: bool,
    cache: &mut impl CohortCache,
    out: &mut Pages,
) -> usize {
    let svgs = cohort_pages(s, program, charts, with_data, cache, out);
    // The index of a large program is its largest page: what the pages
    // before it freed must not add to its peak.
    crate::util::memory::release_free_memory();
    // The cohorts index, one large page on one core, beside the reports.
    // The index takes the side-by-side charts (no other page shows them)
    // and drops them, and its view of them, once its context holds a copy.
    let side_charts = std::mem::take(&mut charts.side);
    let span = &charts.span;
    let side_rows = &charts.side_rows;
    let reports = &mut charts.reports;
    let (index, ()) = rayon::join(
        || {
            let ctx = {
                let side =
                    s.side_by_side_view(program, &side_charts, side_rows, (&span.0, &span.1));
                drop(side_charts);
                dashboards::cohorts_context(s, program, &side)
            };
            s.handbook.render_page("cohorts.html", &ctx)
        },
        || report_pages(s, program, reports, with_data, out),
    );
    out.add(COHORTS_INDEX.into(), index);
    let ctx = dashboards::reports_context(s, &charts.trends);
    out.add(
        REPORTS_INDEX.into(),
        s.handbook.render_page("reports.html", &ctx),
    );
    svgs
}

/// Cohorts rendered at a time: their pages are added (and, when the files
/// stream to disk, written) before the next ones render, so a large
/// program's dashboards are never all in memory at once.
const COHORTS_AT_A_TIME: usize = 64;

/// Each cohort's charts, dashboard and, `with_data` (in the default
/// language's tree only), its metrics.json, made with its page rather than
/// all up front: at 1,000 cohorts the charts are ~40 MB and the JSON 9 MB
/// (docs/architecture.md, "Memory"). A cohort's charts come from `cache`
/// when it has them, and go into `charts.cohorts` when it keeps them.
/// Returns how many charts were drawn as SVG.
fn cohort_pages(
    s: &Dashboards,
    program: &Program,
    charts: &mut Charts,
    with_data: bool,
    cache: &mut impl CohortCache,
    out: &mut Pages,
) -> usize {
    let keep = cache.keeps_charts();
    let mut svgs = 0;
    // Each chunk renders while the one before is added (and written).
    let mut done: Vec<Rendered> = Vec::new();
    for (n, chunk) in s.metrics.cohorts.chunks(COHORTS_AT_A_TIME).enumerate() {
        let first = n * COHORTS_AT_A_TIME;
        let cached = &*cache;
        let (rendered, ()) = rayon::join(
            || -> Vec<(Rendered, Vec<ChartView>)> {
                chunk
                    .par_iter()
                    .enumerate()
                    .map(|(k, c)| {
                        let i = first + k;
                        let views = match cached.charts(i) {
                            Some(hit) => hit.dashboard.clone(),
                            None => Charts::cohort(s, c).dashboard,
                        };
                        let kept = if keep { views.clone() } else { Vec::new() };
                        let svgs = views.iter().filter(|v| v.svg.is_some()).count();
                        let json = if with_data {
                            metrics::cohort_json(s.metrics.as_of, c)
                        } else {
                            String::new()
                        };
                        let dir = cohort_dir(&program.cohorts[c.cohort as usize].slug);
                        let html = match cached.page(i) {
                            Some(html) => Ok(html.to_string()),
                            None => {
                                let ctx = dashboards::cohort_context(s, program, c, views);
                                s.handbook.render_page("cohort.html", &ctx)
                            }
                        };
                        let page = Rendered {
                            dir,
                            html,
                            json,
                            svgs,
                        };
                        (page, kept)
                    })
                    .collect()
            },
            || add_cohorts(std::mem::take(&mut done), out, with_data),
        );
        let (rendered, kept): (Vec<Rendered>, Vec<Vec<ChartView>>) = rendered.into_iter().unzip();
        if keep {
            charts.cohorts.extend(kept);
        }
        svgs += rendered.iter().map(|r| r.svgs).sum::<usize>();
        keep_pages(&rendered, first, cache);
        done = rendered;
    }
    add_cohorts(done, out, with_data);
    svgs
}

/// A cohort's rendered dashboard: its folder, page and metrics.json, and
/// how many of its charts were drawn as SVG.
struct Rendered {
    dir: String,
    html: Result<String, TemplateError>,
    json: String,
    svgs: usize,
}

/// Hands serve's cache the pages of a chunk starting at cohort `first`.
fn keep_pages(rendered: &[Rendered], first: usize, cache: &mut impl CohortCache) {
    for (k, page) in rendered.iter().enumerate() {
        if let Ok(html) = &page.html {
            cache.keep_page(first + k, html);
        }
    }
}

/// Adds rendered cohorts' pages (and metrics.json, `with_data`).
fn add_cohorts(rendered: Vec<Rendered>, out: &mut Pages, with_data: bool) {
    for Rendered {
        dir, html, json, ..
    } in rendered
    {
        out.add(format!("{dir}index.html"), html);
        if with_data {
            out.files.add(format!("{dir}metrics.json"), json);
        }
    }
}

/// Each quarterly report: its page, its self-contained file and its
/// metrics.json (in the default language's tree only). One report at a
/// time (its page and file in parallel), each added before the next
/// renders: a large program's report is several MB.
fn report_pages(
    s: &Dashboards,
    program: &Program,
    charts: &mut [Vec<ChartView>],
    with_data: bool,
    out: &mut Pages,
) {
    for (i, r) in s.metrics.quarters.iter().enumerate() {
        let dir = report_dir(&r.quarter);
        let views = charts.get_mut(i).map(std::mem::take).unwrap_or_default();
        let view = dashboards::report_view(s, program, r, None, views);
        let (page, file) = rayon::join(
            || render_report(s, r, &view, &format!("{dir}index.html"), "report.html"),
            || render_report_file(s, r, &view),
        );
        drop(view);
        out.add(format!("{dir}index.html"), page);
        out.add(format!("{dir}report.html"), file);
        if with_data {
            out.files
                .add(format!("{dir}metrics.json"), metrics::report_json(r));
        }
    }
}

impl Prepared {
    /// One quarterly report as a self-contained file, the same as the
    /// site's `reports/<quarter>/report.html` when `only` is `None`, or
    /// for the one cohort `only`: what `mentorbook report` writes.
    pub fn report_file(
        &self,
        r: &QuarterReport,
        only: Option<CohortIx>,
    ) -> Result<String, TemplateError> {
        self.report_file_in(self.config.language(), r, only)
    }

    /// [`Self::report_file`] in one of the program's languages (`tag` as
    /// the config spells it; the default language for any other).
    pub fn report_file_in(
        &self,
        tag: &str,
        r: &QuarterReport,
        only: Option<CohortIx>,
    ) -> Result<String, TemplateError> {
        let s = match self.handbook.in_language(tag) {
            Some(handbook) => self.dashboards_in(handbook),
            None => self.dashboards(),
        };
        let view = dashboards::report_view(&s, &self.program, r, only, Charts::report(&s, r, only));
        render_report_file(&s, r, &view)
    }
}

/// The self-contained file of a report: `reports/<quarter>/report.html`,
/// with no link to another page.
fn render_report_file(
    s: &Dashboards,
    r: &QuarterReport,
    view: &ReportView,
) -> Result<String, TemplateError> {
    let out = format!("{}report.html", report_dir(&r.quarter));
    render_report(s, r, &view.without_links(), &out, "report_file.html")
}

/// A quarterly report as a site page or as one self-contained file.
fn render_report(
    s: &Dashboards,
    r: &QuarterReport,
    view: &ReportView,
    out: &str,
    template: &str,
) -> Result<String, TemplateError> {
    let w = &*s.words;
    let title = w.fill("page.report_title", &[("quarter", &r.quarter)]);
    let mut ctx = s.handbook.base_context(
        out,
        &title,
        &w.fill("page.report_description", &[("quarter", &r.quarter)]),
    );
    ctx.insert("report", view);
    ctx.insert("inline_css", &s.handbook.stylesheet());
    ctx.insert("inline_icon", &s.handbook.inline_icon());
    ctx.insert("inline_logo", s.handbook.inline_logo());
    let html = s.handbook.render_page(template, &ctx)?;
    // The self-contained file carries the stylesheets its `head` block links.
    Ok(if template == "report_file.html" {
        s.handbook.inline_stylesheets(&html)
    } else {
        html
    })
}
