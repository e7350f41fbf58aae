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
use crate::site::dashboards::{self, Dashboards, ReportView, cohort_dir, report_dir};

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
/// rendered again.
pub(super) fn dashboards(
    s: &Dashboards,
    program: &Program,
    charts: &Charts,
    jsons: Option<Vec<String>>,
    cache: &mut impl CohortCache,
    out: &mut Pages,
) {
    let with_data = jsons.is_some();
    cohort_pages(s, program, charts, jsons, cache, out);
    report_pages(s, program, charts, with_data, out);
    let side = s.side_by_side_view(
        program,
        &charts.side,
        &charts.side_rows,
        (&charts.span.0, &charts.span.1),
    );
    let ctx = dashboards::cohorts_context(s, program, &side);
    out.add(
        COHORTS_INDEX.into(),
        s.handbook.render_page("cohorts.html", &ctx),
    );
    let ctx = dashboards::reports_context(s, &charts.trends);
    out.add(
        REPORTS_INDEX.into(),
        s.handbook.render_page("reports.html", &ctx),
    );
}

/// Each cohort's dashboard and metrics.json (`jsons`, in the default
/// language's tree only: `None` in the others).
fn cohort_pages(
    s: &Dashboards,
    program: &Program,
    charts: &Charts,
    jsons: Option<Vec<String>>,
    cache: &mut impl CohortCache,
    out: &mut Pages,
) {
    let cached = &*cache;
    let with_data = jsons.is_some();
    let mut jsons = jsons.unwrap_or_default();
    jsons.resize(s.metrics.cohorts.len(), String::new());
    let rendered: Vec<(String, Result<String, TemplateError>, String)> = s
        .metrics
        .cohorts
        .par_iter()
        .zip(jsons)
        .enumerate()
        .map(|(i, (c, json))| {
            let dir = cohort_dir(&program.cohorts[c.cohort as usize].slug);
            let html = match cached.page(i) {
                Some(html) => Ok(html.to_string()),
                None => {
                    let ctx = dashboards::cohort_context(s, program, c, charts.cohorts[i].clone());
                    s.handbook.render_page("cohort.html", &ctx)
                }
            };
            (dir, html, json)
        })
        .collect();
    for (i, (dir, html, json)) in rendered.into_iter().enumerate() {
        if let Ok(html) = &html {
            cache.keep_page(i, html);
        }
        out.add(format!("{dir}index.html"), html);
        if with_data {
            out.files.add(format!("{dir}metrics.json"), json);
        }
    }
}

/// Each quarterly report: its page, its self-contained file and its metrics.json.
fn report_pages(
    s: &Dashboards,
    program: &Program,
    charts: &Charts,
    with_data: bool,
    out: &mut Pages,
) {
    let rendered: Vec<_> = s
        .metrics
        .quarters
        .par_iter()
        .enumerate()
        .map(|(i, r)| {
            let dir = report_dir(&r.quarter);
            let view = dashboards::report_view(s, program, r, None, charts.reports[i].clone());
            let page = render_report(s, r, &view, &format!("{dir}index.html"), "report.html");
            let file = render_report_file(s, r, &view);
            let json = with_data.then(|| metrics::report_json(r));
            (dir, page, file, json)
        })
        .collect();
    for (dir, page, file, json) in rendered {
        out.add(format!("{dir}index.html"), page);
        out.add(format!("{dir}report.html"), file);
        if let Some(json) = json {
            out.files.add(format!("{dir}metrics.json"), json);
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
    let title = format!("Quarterly report {}", r.quarter);
    let mut ctx = s.handbook.base_context(
        out,
        &title,
        &format!(
            "The mentoring program in {}: every cohort active in the quarter.",
            r.quarter
        ),
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
