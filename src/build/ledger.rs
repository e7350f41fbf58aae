//! The ledger in the build: read before the figures are published, its new bytes handed to `mentorbook build` to write.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::data::Program;
use crate::diag::Diagnostics;
use crate::ledger::{self, Ledger};
use crate::metrics::ProgramMetrics;

/// Whether the build reads and may write the ledger.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LedgerUse {
    /// Read it (when it exists); `build` writes the new one.
    #[default]
    Use,
    /// `--no-ledger`: read none, write none.
    Off,
}

/// The ledger after this build, for `mentorbook build` to write.
#[derive(Clone, Debug)]
pub struct LedgerUpdate {
    pub path: PathBuf,
    /// The file as messages name it.
    pub file: String,
    pub bytes: Vec<u8>,
    /// Whether the bytes differ from the file's (or there was none).
    pub changed: bool,
}

/// The ledger file's path and its name in messages.
fn location(root: &Path, config: &Config) -> (PathBuf, String) {
    let rel = Path::new(&config.publish.ledger);
    (root.join(rel), rel.display().to_string())
}

/// Reads the ledger (when it exists), applies it to `metrics` and records
/// this build as a new version. `None` after an error (in `diags`): nothing
/// may then be written.
pub(super) fn apply(
    root: &Path,
    config: &Config,
    program: &Program,
    metrics: &mut ProgramMetrics,
    restate: Option<&str>,
    diags: &mut Diagnostics,
) -> Option<LedgerUpdate> {
    let (path, file) = location(root, config);
    let old: Option<Ledger> = match std::fs::read(&path) {
        Ok(bytes) => match ledger::decode(&bytes) {
            Ok(l) => Some(l),
            Err(e) => {
                diags.error(&file, None, format!("the ledger {e}; nothing was written"));
                return None;
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            diags.error(&file, None, format!("cannot read the ledger: {e}"));
            return None;
        }
    };
    match ledger::publish(program, config, metrics, old, restate) {
        Ok(published) => {
            note_late_rows(metrics, &file, diags);
            Some(LedgerUpdate {
                path,
                file,
                bytes: ledger::encode(&published.ledger),
                changed: published.changed,
            })
        }
        Err(e) => {
            diags.error(&file, None, format!("{e}; nothing was written"));
            None
        }
    }
}

/// `check`'s note for each frozen report that leaves rows out.
fn note_late_rows(metrics: &ProgramMetrics, file: &str, diags: &mut Diagnostics) {
    for r in &metrics.quarters {
        let Some(f) = r.frozen else { continue };
        let rows = f.late_rows + f.removed_rows;
        if rows == 0 {
            continue;
        }
        let n = if rows == 1 {
            "1 row".to_string()
        } else {
            format!("{rows} rows")
        };
        let what = if f.removed_rows == 0 {
            "arrived"
        } else {
            "arrived or were removed"
        };
        diags.note(
            file,
            format!(
                "{n} dated in {} {what} after it was closed; figures as published on {} \
                 (mentorbook build --restate {} publishes them from the current data)",
                r.quarter, f.on, r.quarter
            ),
        );
    }
}
