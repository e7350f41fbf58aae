//! Rebuilding only what a change touches: the handbook for content,
//! templates and static files; the data and figures for data files;
//! everything for the config. Cohorts whose figures did not change keep
//! their charts and pages (see [`RenderCache`]).

use std::fmt;
use std::path::{Path, PathBuf};

use super::cache::{RenderCache, Reused};
use crate::build::{self, NoProgress, Options, Phase, Prepared, Timer, Timings};
use crate::diag::Diagnostics;
use crate::output::SiteFiles;
use crate::site;

/// The folders of the program folder the handbook is made from, besides
/// `roles.toml` (the data folder is the config's `data.dir`).
pub const HANDBOOK_FOLDERS: [&str; 4] = ["content", "templates", "themes", "static"];

/// What changed in the program folder since the last good build.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// The config: everything is rebuilt.
    pub config: bool,
    /// The data tables: data reloaded and figures recomputed.
    pub data: bool,
    /// Content, roles, templates, themes, static files: the handbook reloaded.
    pub handbook: bool,
}

impl Changes {
    pub const ALL: Changes = Changes {
        config: true,
        data: true,
        handbook: true,
    };

    pub fn any(self) -> bool {
        self.config || self.data || self.handbook
    }

    pub fn union(self, other: Changes) -> Changes {
        Changes {
            config: self.config || other.config,
            data: self.data || other.data,
            handbook: self.handbook || other.handbook,
        }
    }

    /// What a change to `rel` (relative to the program folder) means for
    /// the handbook and data; nothing for files the site is not made from
    /// (`public/`, `target/`, editors' swap files...). The config file is
    /// recognised by the caller, which knows where it is.
    pub fn of_path(rel: &Path, data_dir: &Path) -> Changes {
        let mut c = Changes::default();
        let Some(name) = rel.file_name().and_then(|n| n.to_str()) else {
            return c;
        };
        if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
            return c;
        }
        if rel.starts_with(data_dir) {
            c.data = true;
            return c;
        }
        let top = rel.components().next().and_then(|t| t.as_os_str().to_str());
        // `roles.toml` and its translations (`roles.pt-br.toml`).
        let roles = |t: &str| t.starts_with("roles.") && t.ends_with(".toml");
        c.handbook = top.is_some_and(|t| roles(t) || HANDBOOK_FOLDERS.contains(&t));
        c
    }
}

/// What a rebuild redid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// A full build: the first, after a config change, or after an error.
    Everything,
    Data,
    Handbook,
    DataAndHandbook,
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Scope::Everything => "everything",
            Scope::Data => "data",
            Scope::Handbook => "handbook",
            Scope::DataAndHandbook => "data and handbook",
        })
    }
}

/// One rebuild's outcome, for the log line.
#[derive(Debug)]
pub struct Rebuilt {
    pub pages: usize,
    pub charts: usize,
    pub scope: Scope,
    pub reused: Reused,
    pub cohorts: usize,
    pub phases: Timings,
}

/// The last good preparation and render cache, rebuilt piece by piece.
pub struct Rebuilder {
    root: PathBuf,
    options: Options,
    state: Option<Prepared>,
    cache: RenderCache,
}

impl Rebuilder {
    pub fn new(root: &Path, options: Options) -> Rebuilder {
        Rebuilder {
            root: root.to_path_buf(),
            options,
            state: None,
            cache: RenderCache::default(),
        }
    }

    /// The data folder of the last good build (relative to the program folder).
    pub fn data_dir(&self) -> PathBuf {
        let dir = self
            .state
            .as_ref()
            .map_or("data", |p| p.config.data.dir.as_str());
        PathBuf::from(dir)
    }

    /// Rebuilds after `changes`; problems go to `diags`. After a failure
    /// the next rebuild is a full one (the pieces of the failed one are
    /// not kept), so a broken file is never masked by an older good copy.
    pub fn rebuild(
        &mut self,
        changes: Changes,
        diags: &mut Diagnostics,
    ) -> Option<(SiteFiles, Rebuilt)> {
        let state = self.state.take();
        let (prepared, scope) = match state {
            Some(old) if !changes.config => {
                let scope = match (changes.data, changes.handbook) {
                    (true, true) => Scope::DataAndHandbook,
                    (true, false) => Scope::Data,
                    _ => Scope::Handbook,
                };
                (self.partial(old, changes, diags)?, scope)
            }
            _ => {
                self.cache = RenderCache::default();
                let prepared = build::prepare(&self.root, &self.options, diags, &NoProgress)?;
                (prepared, Scope::Everything)
            }
        };
        let rendered = build::render(&prepared, &mut self.cache, diags, &NoProgress)?;
        let mut phases = prepared.phases.clone();
        phases.extend(rendered.phases);
        let rebuilt = Rebuilt {
            pages: rendered.pages,
            charts: rendered.charts,
            scope,
            reused: self.cache.reused(),
            cohorts: prepared.metrics.cohorts.len(),
            phases,
        };
        self.state = Some(prepared);
        Some((rendered.files, rebuilt))
    }

    /// Reloads the data or the handbook of `old`, keeping the rest.
    fn partial(
        &mut self,
        mut old: Prepared,
        changes: Changes,
        diags: &mut Diagnostics,
    ) -> Option<Prepared> {
        let (root, options) = (&self.root, &self.options);
        let mut timer = Timer::new(&NoProgress);
        if changes.data {
            let mut folder =
                timer.time(Phase::LoadData, || build::load_folder(root, options, diags))?;
            let (metrics, ledger) = timer.time(Phase::ComputeFigures, || {
                build::compute_figures(root, &mut folder, options, diags)
            })?;
            old.ledger = ledger;
            old.config = folder.config;
            old.program = folder.loaded.program;
            old.rows = folder.loaded.rows;
            old.metrics = metrics;
        }
        if changes.handbook {
            old.handbook = timer.time(Phase::LoadHandbook, || {
                site::build_handbook(root, &old.config, diags)
            })?;
            self.cache.forget_pages();
        }
        old.phases = timer.into_phases();
        Some(old)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_classified() {
        let of = |p: &str| Changes::of_path(Path::new(p), Path::new("data"));
        assert!(!of("mentorbook.toml").any());
        assert!(of("data/meetings.csv").data);
        assert!(!of("data/meetings.csv").handbook);
        assert!(of("content/handbook/a.md").handbook);
        assert!(of("roles.toml").handbook);
        assert!(of("roles.pt-br.toml").handbook);
        assert!(of("themes/x/static/a.css").handbook);
        assert!(!of("public/index.html").any());
        assert!(!of("target/debug/x").any());
        assert!(!of("content/.a.md.swp").any());
        assert!(!of("content/a.md~").any());
        assert!(!of("README.md").any());
    }

    /// Incremental rebuilds of the example program give the same files as a full build.
    #[test]
    fn incremental_rebuilds_match_a_full_build() -> Result<(), String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut diags = Diagnostics::new();
        let full = build::build(root, &Options::default(), &mut diags, &NoProgress)
            .ok_or_else(|| diags.report_lines().join("\n"))?;
        let mut r = Rebuilder::new(root, Options::default());
        let mut step = |changes: Changes| {
            let mut diags = Diagnostics::new();
            r.rebuild(changes, &mut diags)
                .ok_or_else(|| diags.report_lines().join("\n"))
        };
        let (first, built) = step(Changes::ALL)?;
        assert_eq!(built.scope, Scope::Everything);
        assert!(first.files == full.files.files);
        let handbook = Changes {
            handbook: true,
            ..Changes::default()
        };
        let (files, built) = step(handbook)?;
        assert_eq!(built.scope, Scope::Handbook);
        assert_eq!(built.reused.pages, 0, "pages show the handbook: all redone");
        assert_eq!(built.reused.charts, built.cohorts);
        assert!(files.files == full.files.files);
        let data = Changes {
            data: true,
            ..Changes::default()
        };
        let (files, built) = step(data)?;
        assert_eq!(built.scope, Scope::Data);
        assert!(built.cohorts > 0);
        assert_eq!(
            built.reused.pages, built.cohorts,
            "same figures: all reused"
        );
        assert!(files.files == full.files.files);
        Ok(())
    }

    /// A program folder like the example, in a temporary folder, with
    /// goal titles and comments published.
    fn example_with_opt_ins() -> Result<tempfile::TempDir, Box<dyn std::error::Error>> {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let tmp = tempfile::tempdir()?;
        for top in ["content", "data", "themes"] {
            for entry in walkdir::WalkDir::new(repo.join(top)) {
                let entry = entry?;
                let to = tmp.path().join(entry.path().strip_prefix(repo)?);
                if entry.file_type().is_dir() {
                    std::fs::create_dir_all(&to)?;
                } else {
                    std::fs::copy(entry.path(), &to)?;
                }
            }
        }
        std::fs::copy(repo.join("roles.toml"), tmp.path().join("roles.toml"))?;
        let config = std::fs::read_to_string(repo.join("mentorbook.toml"))?;
        let config = config.replace(
            "[privacy]\n",
            "[privacy]\npublish_comments = true\npublish_goal_titles = true\nmin_comment_group_size = 5\n",
        );
        std::fs::write(tmp.path().join("mentorbook.toml"), config)?;
        Ok(tmp)
    }

    /// Goal titles and comments change no figure, yet cohort pages show
    /// them: a data rebuild must not reuse the pages they were on.
    #[test]
    fn a_changed_goal_title_or_comment_is_not_served_stale()
    -> Result<(), Box<dyn std::error::Error>> {
        let tmp = example_with_opt_ins()?;
        let root = tmp.path();
        let mut r = Rebuilder::new(root, Options::default());
        let mut rebuild = |changes: Changes| {
            let mut diags = Diagnostics::new();
            r.rebuild(changes, &mut diags)
                .map(|(files, _)| files)
                .ok_or_else(|| diags.report_lines().join("\n"))
        };
        let shown = |files: &SiteFiles, text: &str| {
            files.files.iter().any(|(p, b)| {
                p.starts_with("cohorts/") && String::from_utf8_lossy(b).contains(text)
            })
        };
        let full = || {
            let mut diags = Diagnostics::new();
            build::build(root, &Options::default(), &mut diags, &NoProgress)
                .map(|built| built.files)
                .ok_or_else(|| diags.report_lines().join("\n"))
        };
        let data = Changes {
            data: true,
            ..Changes::default()
        };
        let files = rebuild(Changes::ALL)?;
        for (table, old, new) in [
            (
                "data/goals.csv",
                "Build a network outside my department",
                "Grow a network across departments",
            ),
            (
                "data/feedback.csv",
                "Great sessions, very practical.",
                "The sessions helped.",
            ),
        ] {
            assert!(shown(&files, old), "{old}");
            let path = root.join(table);
            std::fs::write(&path, std::fs::read_to_string(&path)?.replace(old, new))?;
            let files = rebuild(data)?;
            assert!(shown(&files, new) && !shown(&files, old), "{new}");
            assert!(files.files == full()?.files);
        }
        Ok(())
    }
}
