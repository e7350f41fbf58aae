//! Watching the program folder: which files changed, debounced.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use super::rebuild::{Changes, HANDBOOK_FOLDERS};

/// How long the folder must stay quiet before a rebuild starts (an
/// editor's save is often several events).
pub const DEBOUNCE: Duration = Duration::from_millis(50);
/// A rebuild starts after this long even if events keep coming.
const MAX_WAIT: Duration = Duration::from_secs(1);

/// Changed paths kept per batch (three are shown).
const MAX_PATHS: usize = 16;

/// A batch of changes, with when its first event arrived.
#[derive(Debug)]
pub struct Batch {
    pub changes: Changes,
    pub first_event: Instant,
    /// A few of the changed paths (relative to the program folder), for the log.
    pub paths: Vec<PathBuf>,
}

pub struct Watcher {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    config: PathBuf,
    watched: Vec<PathBuf>,
}

impl Watcher {
    /// Starts watching the program folder `root` (absolute) and the config
    /// file `config` (absolute).
    pub fn start(root: &Path, config: &Path, data_dir: &Path) -> notify::Result<Watcher> {
        let (tx, events) = channel();
        let watcher = notify::recommended_watcher(move |event| {
            // The receiver is gone only when serving stops.
            let _ = tx.send(event);
        })?;
        let mut w = Watcher {
            watcher,
            events,
            root: root.to_path_buf(),
            config: config.to_path_buf(),
            watched: Vec::new(),
        };
        w.watcher.watch(root, RecursiveMode::NonRecursive)?;
        if let Some(parent) = config.parent()
            && parent != root
        {
            w.watcher.watch(parent, RecursiveMode::NonRecursive)?;
        }
        w.watch_folders(data_dir)?;
        Ok(w)
    }

    /// Also watches `data_dir` (and any handbook folder created since), once
    /// the config has said where the data is.
    pub fn watch_data(&mut self, data_dir: &Path) -> notify::Result<()> {
        self.watch_folders(data_dir)
    }

    /// Watches the handbook's folders and the data folder recursively, those
    /// that exist and are not watched yet. The program folder itself is
    /// watched without recursion, for `roles.toml`, the config and these
    /// folders appearing later.
    fn watch_folders(&mut self, data_dir: &Path) -> notify::Result<()> {
        let wanted = HANDBOOK_FOLDERS
            .iter()
            .map(|f| self.root.join(f))
            .chain([self.root.join(data_dir)]);
        for dir in wanted {
            if dir.is_dir() && !self.watched.contains(&dir) {
                self.watcher.watch(&dir, RecursiveMode::Recursive)?;
                self.watched.push(dir);
            }
        }
        Ok(())
    }

    /// Waits up to `timeout` for a change to a file the site is made from,
    /// then for the folder to stay quiet for [`DEBOUNCE`]. `None` when
    /// nothing relevant happened in time. Watch errors are returned as text.
    pub fn next(&mut self, timeout: Duration, data_dir: &Path) -> Result<Option<Batch>, String> {
        let mut batch: Option<Batch> = None;
        let started = Instant::now();
        loop {
            let wait = match &batch {
                None => timeout.saturating_sub(started.elapsed()),
                Some(b) if b.first_event.elapsed() >= MAX_WAIT => Duration::ZERO,
                Some(_) => DEBOUNCE,
            };
            let event = match self.events.recv_timeout(wait) {
                Ok(Ok(event)) => event,
                Ok(Err(e)) => return Err(format!("watching the program folder: {e}")),
                Err(RecvTimeoutError::Timeout) => {
                    if batch.is_some() || started.elapsed() >= timeout {
                        break;
                    }
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err("the file watcher stopped".to_string());
                }
            };
            if !matches!(
                event.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
            ) {
                continue;
            }
            for path in &event.paths {
                let changes = self.classify(path, data_dir);
                if !changes.any() {
                    continue;
                }
                let b = batch.get_or_insert_with(|| Batch {
                    changes: Changes::default(),
                    first_event: Instant::now(),
                    paths: Vec::new(),
                });
                b.changes = b.changes.union(changes);
                let rel = path.strip_prefix(&self.root).unwrap_or(path).to_path_buf();
                if b.paths.len() < MAX_PATHS && !b.paths.contains(&rel) {
                    b.paths.push(rel);
                }
            }
        }
        if let Some(b) = batch.as_mut() {
            // Editors save through temporary files: name the files that are there.
            let root = &self.root;
            if b.paths.iter().any(|p| root.join(p).exists()) {
                b.paths.retain(|p| root.join(p).exists());
            }
            b.paths.truncate(3);
            // A watched folder may have been created (or replaced) meanwhile.
            self.watched.retain(|d| d.is_dir());
            self.watch_folders(data_dir)
                .map_err(|e| format!("watching the program folder: {e}"))?;
        }
        Ok(batch)
    }

    fn classify(&self, path: &Path, data_dir: &Path) -> Changes {
        if path == self.config {
            return Changes {
                config: true,
                ..Changes::default()
            };
        }
        match path.strip_prefix(&self.root) {
            Ok(rel) => Changes::of_path(rel, data_dir),
            Err(_) => Changes::default(),
        }
    }
}
