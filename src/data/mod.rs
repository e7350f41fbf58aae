//! The data tables (docs/data.md): loading, mapping and validation into a [`Program`].

mod fields;
mod intern;
mod load;
mod locate;
pub mod model;
mod origins;
// Public only to the fuzz targets (fuzz/build.sh passes `--cfg fuzzing`).
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod scan;
#[cfg(not(fuzzing))]
mod scan;
mod sheet;
mod skip;
mod slug;
mod source;
mod unique;
mod words;

use std::path::Path;

pub use load::{Loaded, RowCounts};
pub use locate::Inputs;
pub use model::*;
pub use slug::path_slug;

use crate::config::{self, Config};
use crate::diag::Diagnostics;
use crate::util::text::line_of_invalid_utf8;

/// The config file's name in a program folder.
pub const CONFIG_FILE: &str = "mentorbook.toml";

/// A program folder, read and validated.
pub struct Folder {
    pub config: Config,
    pub loaded: Loaded,
}

/// Reads the config and every table of the program folder at `root`.
/// `config_path` overrides `root/mentorbook.toml`. Returns the folder only
/// when no error was reported; warnings may be in `diags` either way.
pub fn open(root: &Path, config_path: Option<&Path>, diags: &mut Diagnostics) -> Option<Folder> {
    let (config, shown) = read_config(root, config_path, diags)?;
    let loaded = load::load(root, &config, &shown, diags)?;
    Some(Folder { config, loaded })
}

/// Reads and validates the config file: the config and the file's name as
/// messages show it.
pub fn read_config(
    root: &Path,
    config_path: Option<&Path>,
    diags: &mut Diagnostics,
) -> Option<(Config, String)> {
    let (path, shown) = match config_path {
        Some(p) => (p.to_path_buf(), p.display().to_string()),
        None => (root.join(CONFIG_FILE), CONFIG_FILE.to_string()),
    };
    let text = match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                diags.error(
                    &shown,
                    Some(line_of_invalid_utf8(&e)),
                    "the text is not UTF-8 (save the file as UTF-8 and try again)",
                );
                return None;
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            diags.error(
                &shown,
                None,
                format!(
                    "not found in {} (run `mentorbook init` to start a program folder, or pass --root)",
                    root.display()
                ),
            );
            return None;
        }
        Err(e) => {
            diags.error(&shown, None, format!("cannot read the file: {e}"));
            return None;
        }
    };
    let config = config::parse(&text, &shown, diags)?;
    Some((config, shown))
}

/// Loads every table with a config already read.
pub fn load_tables(
    root: &Path,
    config: &Config,
    config_file: &str,
    diags: &mut Diagnostics,
) -> Option<Loaded> {
    load::load(root, config, config_file, diags)
}

/// What a build of `config` reads: its config file, data folder and table
/// files (docs/privacy.md, "Refused destinations").
pub fn inputs(root: &Path, config: &Config, config_path: Option<&Path>) -> Inputs {
    let tables: Vec<&config::TableConfig> = config.data.tables.values().collect();
    let mut inputs = locate::inputs(root, &config.data.dir, &tables);
    inputs
        .files
        .push(config_path.map_or_else(|| root.join(CONFIG_FILE), Path::to_path_buf));
    inputs
}
