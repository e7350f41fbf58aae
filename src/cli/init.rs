//! `mentorbook init`: a new program folder with the defaults embedded in the binary.
//!
//! The files are those of the repository's own example program: the
//! handbook (`content/`), `roles.toml`, the example data set (`data/`), a
//! commented starter `mentorbook.toml` and a `.gitignore`.
//!
//! The folder must be missing or empty (a `.git` folder alone counts as
//! empty, so `git init` may come first). With `--force` a non-empty folder
//! is accepted, and only the default files that are missing are written:
//! an existing file is never overwritten, and each one kept is listed. To
//! restore a default file, delete it and run `mentorbook init --force`.
//!
//! `--theme DIR` writes the built-in theme instead (its `templates/` and
//! `static/`, as `mdbook init --theme` does), to edit into a theme of one's
//! own (docs/themes.md, "Starting from the built-in theme").

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use include_dir::{Dir, DirEntry, include_dir};

use super::{Global, counted, error_line};
use crate::site::roles::DEFAULT_ROLES;
use crate::site::templates::DEFAULT_THEME;

static CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");
static DATA: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/data");
const STARTER_CONFIG: &str = include_str!("starter.toml");
/// What a build, `report` and an interrupted write leave in the program
/// folder; `mentorbook.lock` is not among them (docs/program-folder.md).
const GITIGNORE: &str = "# Written by mentorbook: the site, quarterly report files, and what an
# interrupted build or write leaves behind.
/public/
/report-*.html
/.mentorbook-*
/.*.mentorbook-*.tmp
";

#[derive(Args, Debug)]
pub struct InitArgs {
    /// The folder to create (default: --root, else the current folder)
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Write into a non-empty folder: add the missing default files, keep every existing file
    #[arg(long)]
    pub force: bool,
    /// Write the built-in theme (templates and styles) into DIR, to edit, instead of a program
    #[arg(long, value_name = "DIR", conflicts_with = "dir")]
    pub theme: Option<PathBuf>,
}

/// Every default file, by path relative to the new program folder, in a fixed order.
pub(super) fn default_files() -> Vec<(PathBuf, &'static [u8])> {
    let mut files = vec![
        (PathBuf::from("mentorbook.toml"), STARTER_CONFIG.as_bytes()),
        (PathBuf::from("roles.toml"), DEFAULT_ROLES.as_bytes()),
        (PathBuf::from(".gitignore"), GITIGNORE.as_bytes()),
    ];
    embedded(&CONTENT, Path::new("content"), &mut files);
    embedded(&DATA, Path::new("data"), &mut files);
    files
}

fn embedded(dir: &Dir<'static>, under: &Path, out: &mut Vec<(PathBuf, &'static [u8])>) {
    let mut entries: Vec<&DirEntry<'static>> = dir.entries().iter().collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        match entry {
            DirEntry::Dir(d) => embedded(d, under, out),
            DirEntry::File(f) => out.push((under.join(f.path()), f.contents())),
        }
    }
}

/// Every file of the built-in theme, by path relative to the theme folder.
pub(super) fn theme_files() -> Vec<(PathBuf, &'static [u8])> {
    let mut files = Vec::new();
    embedded(&DEFAULT_THEME, Path::new(""), &mut files);
    files
}

pub(super) fn run(global: &Global, args: &InitArgs) -> ExitCode {
    let (dir, files) = match &args.theme {
        Some(theme) => (theme.clone(), theme_files()),
        None => (
            args.dir.clone().unwrap_or_else(|| global.root()),
            default_files(),
        ),
    };
    if dir.exists() && !dir.is_dir() {
        error_line(&format!("{}: exists and is not a folder", dir.display()));
        return ExitCode::from(1);
    }
    let occupied = match occupied(&dir) {
        Ok(occupied) => occupied,
        Err(e) => {
            error_line(&format!("{}: {e}", dir.display()));
            return ExitCode::from(1);
        }
    };
    if occupied && !args.force {
        let what = if args.theme.is_some() {
            "the built-in theme"
        } else {
            "a new program"
        };
        error_line(&format!(
            "{} is not empty: mentorbook init writes {what} only into a new or empty folder (pass --force to add the missing default files; existing files are kept)",
            dir.display()
        ));
        return ExitCode::from(1);
    }
    let mut written = 0;
    let mut kept = Vec::new();
    for (rel, bytes) in files {
        match write_new(&dir.join(&rel), bytes) {
            Ok(true) => written += 1,
            Ok(false) => kept.push(rel),
            Err(e) => {
                error_line(&format!("{}: {e}", dir.join(&rel).display()));
                return ExitCode::from(1);
            }
        }
    }
    if global.quiet {
        return ExitCode::SUCCESS;
    }
    for rel in &kept {
        eprintln!("kept the existing {}", rel.display());
    }
    let kept_note = match kept.len() {
        0 => String::new(),
        n => format!(", kept {n} existing file{}", crate::diag::plural(n)),
    };
    if args.theme.is_some() {
        print_theme_next_steps(&dir, written, &kept_note);
        return ExitCode::SUCCESS;
    }
    println!(
        "Created a mentorbook program in {} ({}{kept_note}). Next:",
        dir.display(),
        counted(written, "file", "files")
    );
    if dir != Path::new(".") {
        println!("  cd {}", dir.display());
    }
    println!("  mentorbook build    # the site into public/");
    println!("  mentorbook serve    # build, serve and rebuild on change");
    ExitCode::SUCCESS
}

/// How to use a theme just written to `dir`.
fn print_theme_next_steps(dir: &Path, written: usize, kept_note: &str) {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "NAME".to_string());
    println!(
        "Wrote the built-in theme to {} ({written} files{kept_note}): templates/ and static/. Next:",
        dir.display()
    );
    let in_themes = dir
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|p| p == "themes");
    if !in_themes {
        println!("  move it to the program folder's themes/{name}/");
    }
    println!("  set theme = \"{name}\" in mentorbook.toml");
    println!(
        "  edit what you want to change and delete the rest: each file falls back to the built-in one"
    );
}

/// Whether `dir` holds anything besides a `.git` folder (missing: no).
fn occupied(dir: &Path) -> io::Result<bool> {
    match fs::read_dir(dir) {
        Ok(entries) => {
            for entry in entries {
                if entry?.file_name() != ".git" {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Writes a file that does not exist yet; `Ok(false)` when one already does
/// (never overwritten, whatever its content).
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut file = match OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(false),
        Err(e) => return Err(e),
    };
    file.write_all(bytes)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_the_example_program() {
        let files = default_files();
        let names: Vec<String> = files
            .iter()
            .map(|(p, _)| p.to_string_lossy().replace('\\', "/"))
            .collect();
        for name in [
            "mentorbook.toml",
            "roles.toml",
            ".gitignore",
            "content/_index.md",
            "content/handbook/welcome.md",
            "data/cohorts.csv",
            "data/pairs.csv",
        ] {
            assert!(names.iter().any(|n| n == name), "{name} missing: {names:?}");
        }
        let mut sorted = names.clone();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "no file twice");
    }
}
