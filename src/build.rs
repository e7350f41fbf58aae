//! The build, phase by phase: load → validate → metrics → charts → pages, into files ready to write.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::data::{self, CohortIx, Program};
use crate::diag::Diagnostics;
use crate::metrics::{self, CohortMetrics, ProgramMetrics, QuarterReport};
use crate::output::SiteFiles;
use crate::site::dashboards::{self, ChartView, Dashboards, cohort_dir, report_dir};
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
    let (config, config_file) = read_config(root, options, diags)?;
    let loaded = data::load_tables(root, &config, &config_file, diags);
    lap("load and validate data", &mut phases);
    // The handbook is checked even when the data has errors: one run reports both.
    progress("load handbook and templates");
    let handbook = site::build_handbook(root, &config, diags);
    lap("load handbook and templates", &mut phases);
    let folder = data::Folder {
        config,
        loaded: loaded?,
    };
    let handbook = handbook?;
    progress("compute figures");
    let metrics = compute_figures(&folder, options, diags)?;
    lap("compute figures", &mut phases);
    Some(Prepared {
        config: folder.config,
        rows: folder.loaded.rows,
        program: folder.loaded.program,
        handbook,
        metrics,
        phases,
    })
}

/// The config, with `--base-url` applied, and its file's name as messages show it.
fn read_config(
    root: &Path,
    options: &Options,
    diags: &mut Diagnostics,
) -> Option<(Config, String)> {
    let (mut config, file) = data::read_config(root, options.config_path.as_deref(), diags)?;
    if let Some(url) = &options.base_url {
        config.base_url = url.clone();
    }
    Some((config, file))
}

/// The config and every table of the program folder, read and validated,
/// with `--base-url` applied. The first step of [`prepare`], on its own for
/// `serve`, which reloads data without reloading the handbook.
pub fn load_folder(
    root: &Path,
    options: &Options,
    diags: &mut Diagnostics,
) -> Option<data::Folder> {
    let (config, file) = read_config(root, options, diags)?;
    let loaded = data::load_tables(root, &config, &file, diags)?;
    Some(data::Folder { config, loaded })
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
    let rendered = render_with_progress(&prepared, None, diags, progress)?;
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

impl Prepared {
    /// What dashboards and reports need besides the figures.
    pub fn setting(&self) -> Dashboards<'_> {
        Dashboards::new(&self.config, &self.program, &self.handbook, &self.metrics)
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
fn cohort_key(s: &Dashboards, program: &Program, c: &CohortMetrics, json: &str) -> blake3::Hash {
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
    render_with_progress(p, Some(cache), diags, &|_| {})
}

/// [`render`], calling `progress` as charts and pages start. Without a
/// cache (a one-off build) nothing is hashed or kept for a next render.
pub fn render_with_progress(
    p: &Prepared,
    cache: Option<&mut RenderCache>,
    diags: &mut Diagnostics,
    progress: &dyn Fn(&'static str),
) -> Option<Rendered> {
    let keep = cache.is_some();
    let mut scratch = RenderCache::default();
    let cache = cache.unwrap_or(&mut scratch);
    let (program, metrics) = (&p.program, &p.metrics);
    let mut phases = Vec::new();
    let mut clock = Instant::now();
    let setting = p.setting();

    progress("draw charts");

    let jsons: Vec<String> = metrics
        .cohorts
        .par_iter()
        .map(|c| metrics::cohort_json(metrics.as_of, c))
        .collect();
    let keys: Vec<blake3::Hash> = if keep {
        metrics
            .cohorts
            .iter()
            .zip(&jsons)
            .map(|(c, json)| cohort_key(&setting, program, c, json))
            .collect()
    } else {
        Vec::new()
    };
    let (charts, reused_charts) = Charts::draw_reusing(&setting, &keys, &cache.charts);
    phases.push(("draw charts", clock.elapsed()));
    clock = Instant::now();

    progress("render pages");
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
    if keep {
        cache.charts = keys
            .iter()
            .zip(charts.cohorts.into_iter().zip(charts.trends))
            .map(|(k, v)| (*k, v))
            .collect();
        cache.pages = cohort_pages;
    }
    Some(Rendered {
        files,
        pages: pages + handbook_pages,
        charts: count,
        phases,
        reused_pages,
        reused_charts,
    })
}

/// A cohort's dashboard charts and its trend line.
type CohortCharts = (Vec<ChartView>, Option<String>);

/// Every chart of the site, drawn once.
pub struct Charts {
    pub cohorts: Vec<Vec<ChartView>>,
    pub reports: Vec<Vec<ChartView>>,
    pub trends: Vec<Option<String>>,
}

impl Charts {
    /// Every chart of the site.
    pub fn draw(s: &Dashboards) -> Charts {
        Self::draw_reusing(s, &[], &HashMap::new()).0
    }

    /// Every chart, in parallel (output order fixed), taking a cohort's from
    /// `cached` when its key is there. Returns the charts and how many
    /// cohorts' were reused.
    fn draw_reusing(
        s: &Dashboards,
        keys: &[blake3::Hash],
        cached: &HashMap<blake3::Hash, CohortCharts>,
    ) -> (Charts, usize) {
        let drawn: Vec<(CohortCharts, bool)> = s
            .metrics
            .cohorts
            .par_iter()
            .enumerate()
            .map(|(i, c)| match keys.get(i).and_then(|key| cached.get(key)) {
                Some(hit) => (hit.clone(), true),
                None => (Self::cohort(s, c), false),
            })
            .collect();
        let reused = drawn.iter().filter(|(_, hit)| *hit).count();
        let (cohorts, trends) = drawn.into_iter().map(|(charts, _)| charts).unzip();
        let reports = s
            .metrics
            .quarters
            .par_iter()
            .map(|r| Self::report(s, r, None))
            .collect();
        let charts = Charts {
            cohorts,
            reports,
            trends,
        };
        (charts, reused)
    }

    /// A cohort's dashboard charts and its trend line (meetings per
    /// pair-month by quarter) for the cohorts index.
    pub fn cohort(s: &Dashboards, c: &CohortMetrics) -> CohortCharts {
        let charts = s.presence.mark_absent(
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
        (charts, crate::charts::sparkline(&trend))
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
    s: &Dashboards,
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
            let html = match keys.get(i).and_then(|key| cached.get(key)) {
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
    for (i, (dir, html, json)) in cohort_pages.into_iter().enumerate() {
        // Kept only when the render keeps a cache (keys are then computed).
        if let (Some(key), Ok(html)) = (keys.get(i), &html) {
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
    (pages, errors, made, reused)
}

/// The self-contained file of a report: `reports/<quarter>/report.html`,
/// with no link to another page.
fn render_report_file(
    s: &Dashboards,
    r: &QuarterReport,
    view: &dashboards::ReportView,
) -> Result<String, site::TemplateError> {
    let out = format!("{}report.html", report_dir(&r.quarter));
    render_report(s, r, &view.without_links(), &out, "report_file.html")
}

/// A quarterly report as a site page or as one self-contained file.
pub fn render_report(
    s: &Dashboards,
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
