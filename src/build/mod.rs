//! The build as a list of named, timed phases, from the program folder to files ready to write.
//!
//! ```text
//! build(root, options, diags, progress)
//!   prepare → Prepared                        shared with check, report and serve
//!     Phase::LoadData        config and tables, read and validated
//!     Phase::LoadHandbook    content, roles, templates (checked even when the data is not)
//!     Phase::ComputeFigures  every figure, and the privacy self-check
//!   render → Rendered
//!     Phase::DrawCharts      the reports', trends' and side-by-side charts once (charts)
//!     Phase::RenderPages     dashboards and reports (pages), then the handbook
//! ```
//! `mentorbook build` then writes the files (`Phase::Write`, in `output`).
//! Each phase is announced to a [`Progress`] and timed by one [`Timer`].

mod charts;
mod ledger;
mod pages;
mod phase;
mod render;

use std::path::Path;

use crate::config::Config;
use crate::data::{self, Program};
use crate::diag::Diagnostics;
use crate::metrics::{self, ProgramMetrics};
use crate::output::{OutputError, SiteFiles};
use crate::site::dashboards::Dashboards;
use crate::site::{self, Handbook};

pub use self::charts::{Charts, CohortCharts};
pub use self::ledger::{LedgerUpdate, LedgerUse};
pub use self::phase::{NoProgress, Phase, Progress, Timer, Timings};
pub use self::render::{CohortCache, NoCache, Rendered, render, render_into};

/// What the build needs besides the program folder.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--config`: replaces `ROOT/mentorbook.toml`.
    pub config_path: Option<std::path::PathBuf>,
    /// `--base-url`: replaces the config's `base_url`.
    pub base_url: Option<String>,
    /// `--no-ledger` turns the ledger off (docs/privacy.md, "Publishing over time").
    pub ledger: LedgerUse,
    /// `--restate QUARTER`: publish that closed quarter again from the current data.
    pub restate: Option<String>,
}

/// Everything read and computed, before pages: shared by `build`, `check` and `report`.
pub struct Prepared {
    pub config: Config,
    pub program: Program,
    /// What was read, for `check`'s summary.
    pub rows: data::RowCounts,
    pub handbook: Handbook,
    pub metrics: ProgramMetrics,
    /// The ledger after this build (`None` with `--no-ledger`).
    pub ledger: Option<LedgerUpdate>,
    pub phases: Timings,
}

/// A finished build: every output file, and what it took.
pub struct Built {
    pub files: SiteFiles,
    pub pages: usize,
    pub charts: usize,
    pub phases: Timings,
    pub metrics: ProgramMetrics,
    pub ledger: Option<LedgerUpdate>,
    /// What the build read, which the output must not replace.
    pub inputs: data::Inputs,
}

/// Builds the whole site in memory.
pub fn build(
    root: &Path,
    options: &Options,
    diags: &mut Diagnostics,
    progress: &dyn Progress,
) -> Option<Built> {
    build_into(root, options, diags, progress, |_, _| {
        Ok::<_, OutputError>(SiteFiles::default())
    })
    .and_then(Result::ok)
}

/// Builds the whole site into the files `open` gives once the figures are
/// computed (given what the build read, which the output must not
/// replace, and the ledger after it): `mentorbook build` streams pages into
/// the staging folder as they render ([`SiteFiles::streaming`]) rather
/// than holding the site. `None` when the program has errors (in `diags`);
/// `open`'s error, if it gives one, renders nothing.
pub fn build_into<E>(
    root: &Path,
    options: &Options,
    diags: &mut Diagnostics,
    progress: &dyn Progress,
    open: impl FnOnce(&data::Inputs, Option<&LedgerUpdate>) -> Result<SiteFiles, E>,
) -> Option<Result<Built, E>> {
    let prepared = prepare(root, options, diags, progress)?;
    let inputs = data::inputs(root, &prepared.config, options.config_path.as_deref());
    let files = match open(&inputs, prepared.ledger.as_ref()) {
        Ok(files) => files,
        Err(e) => return Some(Err(e)),
    };
    let rendered = render_into(&prepared, &mut NoCache, diags, progress, files)?;
    let mut phases = prepared.phases;
    phases.extend(rendered.phases);
    Some(Ok(Built {
        files: rendered.files,
        pages: rendered.pages,
        charts: rendered.charts,
        phases,
        metrics: prepared.metrics,
        ledger: prepared.ledger,
        inputs,
    }))
}

/// Reads and checks the whole program folder and computes its figures.
/// Every problem goes to `diags`; `None` when there was an error.
pub fn prepare(
    root: &Path,
    options: &Options,
    diags: &mut Diagnostics,
    progress: &dyn Progress,
) -> Option<Prepared> {
    let mut timer = Timer::new(progress);
    let (config, loaded) = timer.time(Phase::LoadData, || {
        let (config, file) = read_config(root, options, diags)?;
        let loaded = data::load_tables(root, &config, &file, diags);
        Some((config, loaded))
    })?;
    // The handbook is checked even when the data has errors: one run reports both.
    let handbook = timer.time(Phase::LoadHandbook, || {
        site::build_handbook(root, &config, diags)
    });
    let mut folder = data::Folder {
        config,
        loaded: loaded?,
    };
    let handbook = handbook?;
    let (metrics, ledger) = timer.time(Phase::ComputeFigures, || {
        compute_figures(root, &mut folder, options, diags)
    })?;
    Some(Prepared {
        config: folder.config,
        rows: folder.loaded.rows,
        program: folder.loaded.program,
        handbook,
        metrics,
        ledger,
        phases: timer.into_phases(),
    })
}

impl Prepared {
    /// What dashboards and reports need besides the figures.
    pub fn dashboards(&self) -> Dashboards<'_> {
        Dashboards::new(&self.config, &self.program, &self.handbook, &self.metrics)
    }

    /// [`Self::dashboards`] rendered by one language's handbook (one of
    /// `self.handbook.languages()`).
    pub fn dashboards_in<'a>(&'a self, handbook: &'a Handbook) -> Dashboards<'a> {
        Dashboards::new(&self.config, &self.program, handbook, &self.metrics)
    }
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
/// with `--base-url` applied: [`Phase::LoadData`] on its own, for `serve`,
/// which reloads data without reloading the handbook.
pub fn load_folder(
    root: &Path,
    options: &Options,
    diags: &mut Diagnostics,
) -> Option<data::Folder> {
    let (config, file) = read_config(root, options, diags)?;
    let loaded = data::load_tables(root, &config, &file, diags)?;
    Some(data::Folder { config, loaded })
}

/// The figures of a loaded program folder, with the privacy self-check, as
/// published against the ledger (unless `--no-ledger`), and the ledger after
/// this build: [`Phase::ComputeFigures`], on its own for `serve`. Once the
/// figures are computed, the folder keeps only the rows pages read
/// (docs/architecture.md, "Memory"); the ledger, which reads the feedback,
/// comes between.
pub fn compute_figures(
    root: &Path,
    folder: &mut data::Folder,
    options: &Options,
    diags: &mut Diagnostics,
) -> Option<(ProgramMetrics, Option<LedgerUpdate>)> {
    let mut metrics = match metrics::compute(&folder.loaded.program, &folder.config) {
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
    // The figures' working tables, and the rows neither the ledger nor a
    // page reads, are freed: the ledger must not stack on them.
    let program = &mut folder.loaded.program;
    program.release_rows_pages_do_not_read(true);
    crate::util::memory::release_free_memory();
    let update = match options.ledger {
        LedgerUse::Off => None,
        LedgerUse::Use => Some(ledger::apply(
            root,
            &folder.config,
            &folder.loaded.program,
            &mut metrics,
            options.restate.as_deref(),
            diags,
        )?),
    };
    let publish_comments = folder.config.privacy.publish_comments;
    folder
        .loaded
        .program
        .release_rows_pages_do_not_read(publish_comments);
    crate::util::memory::release_free_memory();
    Some((metrics, update))
}
