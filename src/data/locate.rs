//! Finding a table's files: `DIR/NAME.csv|toml` by default, or the config's `path`, a file, a list and globs expanded in name order.

use std::path::{Path, PathBuf};

use crate::config::TableConfig;
use crate::config::schema::TableKind;
use crate::diag::{Diagnostics, quoted};

/// One file a table reads.
#[derive(Clone, Debug)]
pub(super) struct TableFile {
    /// The path as shown in messages, relative to the program folder.
    pub display: String,
    pub path: PathBuf,
    pub format: Format,
}

impl TableFile {
    fn new(root: &Path, rel: &str) -> TableFile {
        let display = rel.strip_prefix("./").unwrap_or(rel).to_string();
        TableFile {
            format: Format::of(&display),
            path: root.join(rel),
            display,
        }
    }

    /// The file's size in bytes (0 when unknown), to size tables up front.
    pub(super) fn size_hint(&self) -> usize {
        std::fs::metadata(&self.path).map_or(0, |m| m.len() as usize)
    }

    /// The file's name without its extension: a constant's `{file}`.
    pub(super) fn stem(&self) -> String {
        self.path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Format {
    Csv,
    Toml,
    /// `.xlsx`, `.xlsm`, `.xlsb`, `.xls` or `.ods`, read through calamine.
    Sheet,
}

impl Format {
    /// By the extension, case-insensitively; anything else is CSV.
    fn of(path: &str) -> Format {
        let ext = Path::new(path)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "toml" => Format::Toml,
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Format::Sheet,
            _ => Format::Csv,
        }
    }
}

/// The files one table reads, in order.
#[derive(Clone, Debug, Default)]
pub(super) struct TableFiles {
    pub files: Vec<TableFile>,
    /// The files as one name for messages about the whole table
    /// (`data/pairs.csv`, or `exports/a.csv, exports/b.csv`).
    pub display: String,
    /// The config file's name, for problems with the table's settings.
    pub config_file: String,
}

impl TableFiles {
    fn of(files: Vec<TableFile>, config_file: &str) -> TableFiles {
        let display = files
            .iter()
            .map(|f| f.display.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        TableFiles {
            files,
            display,
            config_file: config_file.to_string(),
        }
    }

    /// The files' total size in bytes, to size tables up front.
    pub(super) fn size_hint(&self) -> usize {
        self.files.iter().map(TableFile::size_hint).sum()
    }
}

/// Finds a table's files: the config's `path`, else `DIR/NAME.csv` or
/// `DIR/NAME.toml`. `None` when an optional table is simply absent, or
/// after reporting why the files cannot be found.
pub(super) fn locate(
    root: &Path,
    data_dir: &str,
    kind: TableKind,
    table: &TableConfig,
    config_file: &str,
    diags: &mut Diagnostics,
) -> Option<TableFiles> {
    let name = kind.name();
    let settings = &table.files;
    if !settings.path.is_empty() {
        let line = settings.line("path");
        let mut files = Vec::new();
        let mut ok = true;
        for rel in &settings.path {
            match expand(root, rel) {
                Ok(found) if found.is_empty() => {
                    ok = false;
                    let what = if is_glob(rel) {
                        "matches no file"
                    } else {
                        "does not exist or is not a file"
                    };
                    diags.error(
                        config_file,
                        line,
                        format!("`data.{name}.path`: {} {what}", quoted(rel)),
                    );
                }
                Ok(found) => files.extend(found.iter().map(|r| TableFile::new(root, r))),
                Err(e) => {
                    ok = false;
                    diags.error(
                        config_file,
                        line,
                        format!(
                            "`data.{name}.path`: {} is not a valid pattern ({e})",
                            quoted(rel)
                        ),
                    );
                }
            }
        }
        // A file named twice (by two globs, say) is read once.
        let mut seen = std::collections::HashSet::new();
        files.retain(|f| seen.insert(f.path.clone()));
        if ok && settings.sheet.is_some() && files.iter().all(|f| f.format != Format::Sheet) {
            ok = false;
            diags.error(
                config_file,
                settings.line("sheet"),
                format!(
                    "`data.{name}.sheet`: {} is not a spreadsheet (.xlsx, .xls or .ods), which alone has sheets",
                    files.first().map_or(String::new(), |f| f.display.clone())
                ),
            );
        }
        return ok.then(|| TableFiles::of(files, config_file));
    }
    let dir = data_dir.trim_end_matches('/');
    let candidates: Vec<TableFile> = ["csv", "toml"]
        .into_iter()
        .map(|ext| TableFile::new(root, &format!("{dir}/{name}.{ext}")))
        .filter(|f| f.path.is_file())
        .collect();
    match candidates.as_slice() {
        [] => {
            if kind.required() {
                let csv = TableFile::new(root, &format!("{dir}/{name}.csv"));
                diags.error(
                    &csv.display,
                    None,
                    format!(
                        "the `{name}` table is required but neither {dir}/{name}.csv nor {dir}/{name}.toml exists"
                    ),
                );
            }
            None
        }
        [one] => Some(TableFiles::of(vec![one.clone()], config_file)),
        [csv, toml, ..] => {
            diags.error(
                &toml.display,
                None,
                format!(
                    "both {} and {} exist: keep one, or point `data.{name}.path` at the one to read",
                    csv.display, toml.display,
                ),
            );
            None
        }
    }
}

/// Whether a `path` entry is a pattern rather than a file name.
fn is_glob(rel: &str) -> bool {
    rel.contains(['*', '?', '['])
}

/// A `path` entry's files, relative to the program folder, in name order:
/// the file itself when it exists (even if its name has `[` or `*`), else
/// the files the glob matches.
fn expand(root: &Path, rel: &str) -> Result<Vec<String>, glob::PatternError> {
    if root.join(rel).is_file() {
        return Ok(vec![rel.to_string()]);
    }
    if !is_glob(rel) {
        return Ok(Vec::new());
    }
    // The pattern is matched below the program folder, whose own name may
    // hold pattern characters: escape it.
    let base = glob::Pattern::escape(&root.to_string_lossy());
    let pattern = format!("{}/{rel}", base.trim_end_matches('/'));
    let options = glob::MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: true,
    };
    let mut found: Vec<String> = glob::glob_with(&pattern, options)?
        .filter_map(Result::ok)
        .filter(|p| p.is_file())
        .map(|p| {
            // `glob` drops a leading `./` of the pattern from what it finds.
            let rel = p.strip_prefix(root).unwrap_or(&p);
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect();
    found.sort();
    Ok(found)
}

/// What the build reads data from, which the output folder must never
/// hold or replace (docs/privacy.md, "Refused destinations").
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    /// Files read: the output may not be one of them or contain one.
    pub files: Vec<PathBuf>,
    /// Folders read in full (the data folder, the base of a `**` pattern):
    /// the output may not be, contain, or lie inside one of them.
    pub folders: Vec<PathBuf>,
}

/// The data folder, every file each table's `path` names or matches now,
/// and the folder a recursive (`**`) pattern starts from.
pub(super) fn inputs(root: &Path, data_dir: &str, tables: &[&TableConfig]) -> Inputs {
    let mut inputs = Inputs {
        files: Vec::new(),
        folders: vec![root.join(data_dir.trim_end_matches('/'))],
    };
    for rel in tables.iter().flat_map(|t| &t.files.path) {
        if let Ok(found) = expand(root, rel) {
            inputs.files.extend(found.iter().map(|f| root.join(f)));
        }
        if rel.contains("**") {
            let base: PathBuf = Path::new(rel)
                .components()
                .take_while(|c| !is_glob(&c.as_os_str().to_string_lossy()))
                .collect();
            inputs.folders.push(root.join(base));
        }
    }
    inputs
}

/// Files that feed more than one table: each of their messages names the
/// table too (docs/data.md, "Several files, one table; one file, several tables").
pub(super) fn shared_files(tables: &[Option<TableFiles>]) -> Vec<PathBuf> {
    let mut seen: Vec<(PathBuf, usize)> = Vec::new();
    for (t, files) in tables.iter().enumerate() {
        for f in files.iter().flat_map(|f| &f.files) {
            let key = std::fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone());
            match seen.iter_mut().find(|(p, _)| *p == key) {
                Some((_, first)) if *first != t => *first = usize::MAX,
                Some(_) => {}
                None => seen.push((key, t)),
            }
        }
    }
    seen.into_iter()
        .filter(|(_, t)| *t == usize::MAX)
        .map(|(p, _)| p)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::of("a/b.CSV"), Format::Csv);
        assert_eq!(Format::of("a/b.txt"), Format::Csv);
        assert_eq!(Format::of("b.toml"), Format::Toml);
        assert_eq!(Format::of("old log.XLSX"), Format::Sheet);
        assert_eq!(Format::of("x.ods"), Format::Sheet);
        assert_eq!(Format::of("x.xls"), Format::Sheet);
    }

    #[test]
    fn globs_expand_in_name_order_and_literal_names_win() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("ex/deep/er")).expect("mkdir");
        for f in [
            "ex/s-2.csv",
            "ex/s-10.csv",
            "ex/s-1.csv",
            "ex/[a].csv",
            "ex/.s-3.csv",
            "ex/deep/er/s-4.csv",
        ] {
            std::fs::write(root.join(f), "x").expect("write");
        }
        assert_eq!(
            expand(root, "ex/s-*.csv").ok(),
            Some(vec![
                "ex/s-1.csv".to_string(),
                "ex/s-10.csv".to_string(),
                "ex/s-2.csv".to_string()
            ])
        );
        assert_eq!(
            expand(root, "ex/[a].csv").ok(),
            Some(vec!["ex/[a].csv".to_string()])
        );
        assert_eq!(
            expand(root, "ex/**/s-4.csv").ok(),
            Some(vec!["ex/deep/er/s-4.csv".to_string()])
        );
        assert_eq!(expand(root, "ex/none-*.csv").ok(), Some(vec![]));
        assert_eq!(expand(root, "ex/none.csv").ok(), Some(vec![]));
        assert!(expand(root, "ex/[.csv").is_err());
    }
}
