//! The build, phase by phase: load → validate → metrics → charts → pages, into files ready to write.

use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::data::{self, CohortIx, Program};
use crate::diag::Diagnostics;
use crate::metrics::{self, ProgramMetrics, QuarterReport};
use crate::output::SiteFiles;
use crate::site::dashboards::{self, ChartView, Setting, cohort_dir, report_dir};
use crate::site::{self, Handbook};

/// What the build needs besides the program folder.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--config`: replaces `ROOT/mentorbook.toml`.
    pub config_path: Option<std::path::PathBuf>,
    /// `--base-url`: replaces the config's `base_url`.
    pub base_url: Option<String>,
}

/// A finished build: every output file, and what it took.
pub struct Built {
    pub files: SiteFiles,
    pub pages: usize,
    pub charts: usize,
    pub phases: Vec<(&'static str, Duration)>,
    pub metrics: ProgramMetrics,
}

/// Everything read and computed, before pages: shared by `build`, `check` and `report`.
pub struct Prepared {
    pub config: Config,
    pub program: Program,
    /// What was read, for `check`'s summary.
    pub rows: data::RowCounts,
    pub handbook: Handbook,
    pub metrics: ProgramMetrics,
    pub phases: Vec<(&'static str, Duration)>,
}

/// The number of phases [`build_with_progress`] announces.
pub const BUILD_PHASES: u64 = 5;

/// Reads and checks the whole program folder and computes its figures.
/// Every problem goes to `diags`; `None` when there was an error.
pub fn prepare(root: &Path, options: &Options, diags: &mut Diagnostics) -> Option<Prepared> {
    prepare_with_progress(root, options, diags, &|_| {})
}

/// [`prepare`], calling `progress` with the name of each phase as it starts.
pub fn prepare_with_progress(
    root: &Path,
    options: &Options,
    diags: &mut Diagnostics,
    progress: &dyn Fn(&'static str),
) -> Option<Prepared> {
    let mut phases = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, phases: &mut Vec<(&'static str, Duration)>| {
        phases.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    progress("load and validate data");
    let (mut config, config_file) = data::read_config(root, options.config_path.as_deref(), diags)?;
    if let Some(url) = &options.base_url {
        config.base_url = url.clone();
    }
    let loaded = data::load_tables(root, &config, &config_file, diags);
    lap("load and validate data", &mut phases);
    // The handbook is checked even when the data has errors: one run reports both.
    progress("load handbook and templates");
    let handbook = site::build_handbook(root, &config, diags);
    lap("load handbook and templates", &mut phases);
    let (loaded, handbook) = (loaded?, handbook?);
    progress("compute figures");
    let metrics = match metrics::compute(&loaded.program, &config) {
        Ok(m) => m,
        Err(e) => {
            diags.error(&config_file, None, e.to_string());
            return None;
        }
    };
    lap("compute figures", &mut phases);
    if metrics.privacy.determined != 0 {
        diags.error(
            "mentorbook",
            None,
            format!(
                "internal error: {} withheld figures could still be worked out from the published ones; nothing was written. This is a bug in mentorbook, not in your data: please report it.",
                metrics.privacy.determined
            ),
        );
        return None;
    }
    Some(Prepared {
        config,
        rows: loaded.rows,
        program: loaded.program,
        handbook,
        metrics,
        phases,
    })
}

/// Builds the whole site in memory.
pub fn build(root: &Path, options: &Options, diags: &mut Diagnostics) -> Option<Built> {
    build_with_progress(root, options, diags, &|_| {})
}

/// [`build`], calling `progress` with the name of each of its
/// [`BUILD_PHASES`] phases as it starts.
pub fn build_with_progress(
    root: &Path,
    options: &Options,
    diags: &mut Diagnostics,
    progress: &dyn Fn(&'static str),
) -> Option<Built> {
    let prepared = prepare_with_progress(root, options, diags, progress)?;
    let Prepared {
        config,
        program,
        rows: _,
        handbook,
        metrics,
        mut phases,
    } = prepared;
    let mut clock = Instant::now();
    let setting = Setting::new(&config, &program, &handbook, &metrics);

    progress("draw charts");
    let charts = Charts::draw(&setting);
    phases.push(("draw charts", clock.elapsed()));
    clock = Instant::now();

    progress("render pages");
    let mut files = SiteFiles::default();
    let (pages, errors) = dashboard_pages(&setting, &program, &charts, &mut files);
    for e in errors {
        e.report(diags);
    }
    let mut extra: Vec<String> = vec!["cohorts/index.html".into(), "reports/index.html".into()];
    for c in &metrics.cohorts {
        extra.push(format!(
            "{}index.html",
            cohort_dir(&program.cohorts[c.cohort as usize].slug)
        ));
    }
    for r in &metrics.quarters {
        extra.push(format!("{}index.html", report_dir(&r.quarter)));
    }
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    let handbook_pages = handbook.render(
        &mut files,
        diags,
        &dashboards::home_context(&setting),
        &extra,
    );
    phases.push(("render pages", clock.elapsed()));
    if diags.has_errors() {
        return None;
    }
    Some(Built {
        files,
        pages: pages + handbook_pages,
        charts: charts.count(),
        phases,
        metrics,
    })
}

impl Prepared {
    /// What dashboards and reports need besides the figures.
    pub fn setting(&self) -> Setting<'_> {
        Setting::new(&self.config, &self.program, &self.handbook, &self.metrics)
    }

    /// One quarterly report as a self-contained file, the same as the
    /// site's `reports/<quarter>/report.html` when `only` is `None`, or
    /// for the one cohort `only`: what `mentorbook report` writes.
    pub fn report_file(
        &self,
        r: &QuarterReport,
        only: Option<CohortIx>,
    ) -> Result<String, site::TemplateError> {
        let s = self.setting();
        let view = dashboards::report_view(&s, &self.program, r, only, Charts::report(&s, r, only));
        render_report_file(&s, r, &view)
    }
}

/// Every chart of the site, drawn once.
pub struct Charts {
    pub cohorts: Vec<Vec<ChartView>>,
    pub reports: Vec<Vec<ChartView>>,
    pub trends: Vec<Option<String>>,
}

impl Charts {
    /// Draws every chart, cohorts and reports in parallel (output order fixed).
    pub fn draw(s: &Setting) -> Charts {
        let views = |charts: Vec<crate::charts::Chart>| -> Vec<ChartView> {
            charts.into_iter().map(ChartView::from).collect()
        };
        let cohorts = s
            .metrics
            .cohorts
            .par_iter()
            .map(|c| views(crate::charts::cohort_charts(c, s.k)))
            .collect();
        let reports = s
            .metrics
            .quarters
            .par_iter()
            .map(|r| Charts::report(s, r, None))
            .collect();
        let trends = s
            .metrics
            .cohorts
            .iter()
            .map(|c| {
                let values: Vec<Option<f64>> = c
                    .quarters
                    .iter()
                    .map(|q| q.metrics.meetings.per_pair_month)
                    .collect();
                crate::charts::sparkline(&values)
            })
            .collect();
        Charts {
            cohorts,
            reports,
            trends,
        }
    }

    /// The charts of the report `r`: of every cohort active in it, or of `only`.
    pub fn report(s: &Setting, r: &QuarterReport, only: Option<CohortIx>) -> Vec<ChartView> {
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
        charts.into_iter().map(ChartView::from).collect()
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
}

/// Cohort dashboards, quarterly reports (page, metrics.json, report.html)
/// and their indexes, rendered in parallel and added in a fixed order.
fn dashboard_pages(
    s: &Setting,
    program: &Program,
    charts: &Charts,
    files: &mut SiteFiles,
) -> (usize, Vec<site::TemplateError>) {
    let mut errors = Vec::new();
    let mut pages = 0;
    let mut add =
        |out: String, rendered: Result<String, site::TemplateError>, files: &mut SiteFiles| {
            match rendered {
                Ok(html) => {
                    files.add(out, html);
                    pages += 1;
                }
                Err(e) => {
                    if !errors.contains(&e) {
                        errors.push(e);
                    }
                }
            }
        };
    let cohort_pages: Vec<(String, Result<String, site::TemplateError>, String)> = s
        .metrics
        .cohorts
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            let dir = cohort_dir(&program.cohorts[c.cohort as usize].slug);
            let ctx = dashboards::cohort_context(s, program, c, charts.cohorts[i].clone());
            let html = s.handbook.render_page("cohort.html", &ctx);
            (dir, html, metrics::cohort_json(s.metrics.as_of, c))
        })
        .collect();
    for (dir, html, json) in cohort_pages {
        add(format!("{dir}index.html"), html, files);
        files.add(format!("{dir}metrics.json"), json);
    }
    let report_pages: Vec<_> = s
        .metrics
        .quarters
        .par_iter()
        .enumerate()
        .map(|(i, r)| {
            let dir = report_dir(&r.quarter);
            let view = dashboards::report_view(s, program, r, None, charts.reports[i].clone());
            let page = render_report(s, r, &view, &format!("{dir}index.html"), "report.html");
            let file = render_report_file(s, r, &view);
            (dir, page, file, metrics::report_json(r))
        })
        .collect();
    for (dir, page, file, json) in report_pages {
        add(format!("{dir}index.html"), page, files);
        add(format!("{dir}report.html"), file, files);
        files.add(format!("{dir}metrics.json"), json);
    }
    let ctx = dashboards::cohorts_context(s, program, &charts.trends);
    add(
        "cohorts/index.html".into(),
        s.handbook.render_page("cohorts.html", &ctx),
        files,
    );
    let ctx = dashboards::reports_context(s);
    add(
        "reports/index.html".into(),
        s.handbook.render_page("reports.html", &ctx),
        files,
    );
    (pages, errors)
}

/// The self-contained file of a report: `reports/<quarter>/report.html`,
/// with no link to another page.
fn render_report_file(
    s: &Setting,
    r: &QuarterReport,
    view: &dashboards::ReportView,
) -> Result<String, site::TemplateError> {
    let out = format!("{}report.html", report_dir(&r.quarter));
    render_report(s, r, &view.without_links(), &out, "report_file.html")
}

/// A quarterly report as a site page or as one self-contained file.
pub fn render_report(
    s: &Setting,
    r: &QuarterReport,
    view: &dashboards::ReportView,
    out: &str,
    template: &str,
) -> Result<String, site::TemplateError> {
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
    s.handbook.render_page(template, &ctx)
}
