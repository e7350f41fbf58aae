//! The build, phase by phase: load → validate → metrics → charts → pages, into files ready to write.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::data::{self, Program};
use crate::diag::Diagnostics;
use crate::metrics::{self, CohortMetrics, ProgramMetrics, QuarterReport};
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
    let folder = load_folder(root, options, diags);
    lap("load and validate data", &mut phases);
    // Content problems are worth reporting in the same run.
    let folder = folder?;
    let handbook = site::build_handbook(root, &folder.config, diags);
    lap("load handbook and templates", &mut phases);
    let metrics = compute_figures(&folder, options, diags)?;
    lap("compute figures", &mut phases);
    Some(Prepared {
        config: folder.config,
        rows: folder.loaded.rows,
        program: folder.loaded.program,
        handbook: handbook?,
        metrics,
        phases,
    })
}

/// The config and every table of the program folder, read and validated,
/// with `--base-url` applied. The first step of [`prepare`], on its own for
/// `serve`, which reloads data without reloading the handbook.
pub fn load_folder(
    root: &Path,
    options: &Options,
    diags: &mut Diagnostics,
) -> Option<data::Folder> {
    let mut folder = data::open(root, options.config_path.as_deref(), diags)?;
    if let Some(url) = &options.base_url {
        folder.config.base_url = url.clone();
    }
    Some(folder)
}

/// The figures of a loaded program folder, with the privacy self-check.
/// The last step of [`prepare`], on its own for `serve`.
pub fn compute_figures(
    folder: &data::Folder,
    options: &Options,
    diags: &mut Diagnostics,
) -> Option<ProgramMetrics> {
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
    Some(metrics)
}

/// Builds the whole site in memory.
pub fn build(root: &Path, options: &Options, diags: &mut Diagnostics) -> Option<Built> {
    let prepared = prepare(root, options, diags)?;
    let rendered = render(&prepared, &mut RenderCache::default(), diags)?;
    let mut phases = prepared.phases;
    phases.extend(rendered.phases);
    Some(Built {
        files: rendered.files,
        pages: rendered.pages,
        charts: rendered.charts,
        phases,
        metrics: prepared.metrics,
    })
}

/// A prepared program rendered into files.
pub struct Rendered {
    pub files: SiteFiles,
    pub pages: usize,
    pub charts: usize,
    pub phases: Vec<(&'static str, Duration)>,
    /// Cohorts whose dashboard page came from the cache.
    pub reused_pages: usize,
    /// Cohorts whose charts came from the cache.
    pub reused_charts: usize,
}

/// What a render keeps for the next one (`serve` rebuilds with it): each
/// cohort's charts and dashboard page, by a blake3 hash of everything they
/// are made from (the cohort's metrics.json and figures, its row of the
/// cohorts table, which tables exist, the privacy threshold). Pages also
/// show the handbook (navigation, templates): [`RenderCache::forget_pages`]
/// when it is reloaded. An empty cache renders everything.
#[derive(Default)]
pub struct RenderCache {
    charts: HashMap<blake3::Hash, (Vec<ChartView>, Option<String>)>,
    pages: HashMap<blake3::Hash, String>,
}

impl RenderCache {
    /// Forgets the rendered pages and keeps the charts, which are drawn
    /// from the figures alone.
    pub fn forget_pages(&mut self) {
        self.pages.clear();
    }
}

/// The cache key of a cohort's charts and page.
fn cohort_key(s: &Setting, program: &Program, c: &CohortMetrics, json: &str) -> blake3::Hash {
    let cohort = &program.cohorts[c.cohort as usize];
    let mut h = blake3::Hasher::new();
    for part in [
        json.to_string(),
        format!("{c:?}"),
        format!("{:?}", (&cohort.slug, &cohort.track, &cohort.description)),
        format!("{:?}", (s.presence, s.k)),
    ] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.finalize()
}

/// Renders every page of a prepared program: charts, dashboards, reports,
/// then the handbook. Reuses from `cache` what did not change and leaves in
/// it what this render made. Template errors go to `diags`.
pub fn render(p: &Prepared, cache: &mut RenderCache, diags: &mut Diagnostics) -> Option<Rendered> {
    let (program, metrics) = (&p.program, &p.metrics);
    let mut phases = Vec::new();
    let mut clock = Instant::now();
    let setting = Setting {
        handbook: &p.handbook,
        metrics,
        presence: Presence::of(program),
        k: p.config.privacy.min_group_size,
    };

    let jsons: Vec<String> = metrics
        .cohorts
        .par_iter()
        .map(|c| metrics::cohort_json(metrics.as_of, c))
        .collect();
    let keys: Vec<blake3::Hash> = metrics
        .cohorts
        .iter()
        .zip(&jsons)
        .map(|(c, json)| cohort_key(&setting, program, c, json))
        .collect();
    let (charts, reused_charts) = Charts::draw_reusing(&setting, &keys, &cache.charts);
    phases.push(("draw charts", clock.elapsed()));
    clock = Instant::now();

    let mut files = SiteFiles::default();
    let cohorts = CohortInputs {
        keys: &keys,
        jsons,
        cached: &cache.pages,
    };
    let (pages, errors, cohort_pages, reused_pages) =
        dashboard_pages(&setting, program, &charts, cohorts, &mut files);
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
    let handbook_pages = p.handbook.render(
        &mut files,
        diags,
        &dashboards::home_context(&setting),
        &extra,
    );
    phases.push(("render pages", clock.elapsed()));
    if diags.has_errors() {
        return None;
    }
    let count = charts.count();
    cache.charts = keys
        .iter()
        .zip(charts.cohorts.into_iter().zip(charts.trends))
        .map(|(k, v)| (*k, v))
        .collect();
    cache.pages = cohort_pages;
    Some(Rendered {
        files,
        pages: pages + handbook_pages,
        charts: count,
        phases,
        reused_pages,
        reused_charts,
    })
}

/// Every chart of the site, drawn once.
pub struct Charts {
    pub cohorts: Vec<Vec<ChartView>>,
    pub reports: Vec<Vec<ChartView>>,
    pub trends: Vec<Option<String>>,
}

impl Charts {
    /// Every chart of the site.
    pub fn draw(s: &Setting) -> Charts {
        let (cohorts, trends) = s.metrics.cohorts.iter().map(|c| Self::cohort(s, c)).unzip();
        Charts {
            cohorts,
            reports: s
                .metrics
                .quarters
                .iter()
                .map(|r| Self::report(s, r))
                .collect(),
            trends,
        }
    }

    /// Every chart, taking a cohort's from `cached` when its key is there.
    /// Returns the charts and how many cohorts' were reused.
    fn draw_reusing(
        s: &Setting,
        keys: &[blake3::Hash],
        cached: &HashMap<blake3::Hash, (Vec<ChartView>, Option<String>)>,
    ) -> (Charts, usize) {
        let mut reused = 0;
        let (cohorts, trends) = s
            .metrics
            .cohorts
            .iter()
            .zip(keys)
            .map(|(c, key)| match cached.get(key) {
                Some(hit) => {
                    reused += 1;
                    hit.clone()
                }
                None => Self::cohort(s, c),
            })
            .unzip();
        let reports = s
            .metrics
            .quarters
            .iter()
            .map(|r| Self::report(s, r))
            .collect();
        let charts = Charts {
            cohorts,
            reports,
            trends,
        };
        (charts, reused)
    }

    /// A cohort's dashboard charts and its trend line for the cohorts index.
    /// No charts yet: the charts stage arrives in the next change.
    pub fn cohort(_s: &Setting, _c: &CohortMetrics) -> (Vec<ChartView>, Option<String>) {
        (Vec::new(), None)
    }

    /// A quarterly report's charts. None yet, like [`Charts::cohort`].
    pub fn report(_s: &Setting, _r: &QuarterReport) -> Vec<ChartView> {
        Vec::new()
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

/// The cohorts' metrics.json, cache keys and cached pages, for [`dashboard_pages`].
struct CohortInputs<'a> {
    keys: &'a [blake3::Hash],
    jsons: Vec<String>,
    cached: &'a HashMap<blake3::Hash, String>,
}

/// Cohort dashboards, quarterly reports (page, metrics.json, report.html)
/// and their indexes, rendered in parallel and added in a fixed order.
/// A cohort page whose key is in `cohorts.cached` is not rendered again.
/// Returns the page count, the template errors, the cohort pages by key
/// (for the next render) and how many of them were reused.
fn dashboard_pages(
    s: &Setting,
    program: &Program,
    charts: &Charts,
    cohorts: CohortInputs,
    files: &mut SiteFiles,
) -> (
    usize,
    Vec<site::TemplateError>,
    HashMap<blake3::Hash, String>,
    usize,
) {
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
    let CohortInputs {
        keys,
        jsons,
        cached,
    } = cohorts;
    let cohort_pages: Vec<(String, Result<String, site::TemplateError>, String)> = s
        .metrics
        .cohorts
        .par_iter()
        .zip(jsons)
        .enumerate()
        .map(|(i, (c, json))| {
            let dir = cohort_dir(&program.cohorts[c.cohort as usize].slug);
            let html = match cached.get(&keys[i]) {
                Some(html) => Ok(html.clone()),
                None => {
                    let ctx = dashboards::cohort_context(s, program, c, charts.cohorts[i].clone());
                    s.handbook.render_page("cohort.html", &ctx)
                }
            };
            (dir, html, json)
        })
        .collect();
    let reused = keys.iter().filter(|k| cached.contains_key(*k)).count();
    let mut made = HashMap::new();
    for ((dir, html, json), key) in cohort_pages.into_iter().zip(keys) {
        if let Ok(html) = &html {
            made.insert(*key, html.clone());
        }
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
    (pages, errors, made, reused)
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
