//! The build, phase by phase: load → validate → metrics → charts → pages, into files ready to write.

use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::data::{self, Program};
use crate::diag::Diagnostics;
use crate::metrics::{self, ProgramMetrics, QuarterReport};
use crate::output::SiteFiles;
use crate::site::dashboards::{self, ChartView, Presence, Setting, cohort_dir, report_dir};
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

/// Reads and checks the whole program folder and computes its figures.
/// Every problem goes to `diags`; `None` when there was an error.
pub fn prepare(root: &Path, options: &Options, diags: &mut Diagnostics) -> Option<Prepared> {
    let mut phases = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, phases: &mut Vec<(&'static str, Duration)>| {
        phases.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    let folder = data::open(root, options.config_path.as_deref(), diags);
    lap("load and validate data", &mut phases);
    let Some(mut folder) = folder else {
        // Content problems are worth reporting in the same run.
        return None;
    };
    if let Some(url) = &options.base_url {
        folder.config.base_url = url.clone();
    }
    let handbook = site::build_handbook(root, &folder.config, diags);
    lap("load handbook and templates", &mut phases);
    let metrics = match metrics::compute(&folder.loaded.program, &folder.config) {
        Ok(m) => m,
        Err(e) => {
            let file = options
                .config_path
                .as_ref()
                .map_or(data::CONFIG_FILE.to_string(), |p| p.display().to_string());
            diags.error(&file, None, e.to_string());
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
        config: folder.config,
        rows: folder.loaded.rows,
        program: folder.loaded.program,
        handbook: handbook?,
        metrics,
        phases,
    })
}

/// Builds the whole site in memory.
pub fn build(root: &Path, options: &Options, diags: &mut Diagnostics) -> Option<Built> {
    let prepared = prepare(root, options, diags)?;
    let Prepared {
        config,
        program,
        rows: _,
        handbook,
        metrics,
        mut phases,
    } = prepared;
    let mut clock = Instant::now();
    let setting = Setting {
        handbook: &handbook,
        metrics: &metrics,
        presence: Presence::of(&program),
        k: config.privacy.min_group_size,
        comment_k: config.privacy.min_comment_group_size,
        comments: dashboards::CommentIndex::new(&program, config.privacy.publish_comments),
    };

    let charts = Charts::draw(&setting);
    phases.push(("draw charts", clock.elapsed()));
    clock = Instant::now();

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

/// Every chart of the site, drawn once.
pub struct Charts {
    pub cohorts: Vec<Vec<ChartView>>,
    pub reports: Vec<Vec<ChartView>>,
    pub trends: Vec<Option<String>>,
}

impl Charts {
    /// No charts yet: the charts stage arrives in the next change.
    pub fn draw(s: &Setting) -> Charts {
        Charts {
            cohorts: vec![Vec::new(); s.metrics.cohorts.len()],
            reports: vec![Vec::new(); s.metrics.quarters.len()],
            trends: vec![None; s.metrics.cohorts.len()],
        }
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
            let file = render_report(
                s,
                r,
                &view.without_links(),
                &format!("{dir}report.html"),
                "report_file.html",
            );
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
