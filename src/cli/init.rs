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
//! `--language pt-BR` writes the handbook and role cards in that language
//! as the program's default language (shipped for `en` and `pt-BR`: the
//! example's `content/**/*.pt-br.md` and `roles.pt-br.toml`;
//! docs/languages.md).
//!
//! `--theme DIR` writes the built-in theme instead (its `templates/` and
//! `static/`, as `mdbook init --theme` does), to edit into a theme of one's
//! own (docs/themes.md, "Starting from the built-in theme").

use std::borrow::Cow;
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
    /// The program's default language: the handbook and role cards in it (en or pt-BR)
    #[arg(long, value_name = "TAG", conflicts_with = "theme")]
    pub language: Option<String>,
}

/// The languages whose default handbook and role cards mentorbook ships.
const SHIPPED: [&str; 2] = ["en", "pt-BR"];

/// Every default file, by path relative to the new program folder, in a
/// fixed order, with the handbook and role cards in `language` (one of
/// [`SHIPPED`]): `page.pt-br.md` written as `page.md`, an untranslated page
/// in English.
pub(super) fn default_files(language: &str) -> Vec<(PathBuf, Cow<'static, [u8]>)> {
    let roles = crate::site::translations::built_in_roles(language).unwrap_or(DEFAULT_ROLES);
    let config: Cow<'static, [u8]> = if language == "en" {
        Cow::Borrowed(STARTER_CONFIG.as_bytes())
    } else {
        Cow::Owned(starter_config_in(language).into_bytes())
    };
    let mut files = vec![
        (PathBuf::from("mentorbook.toml"), config),
        (PathBuf::from("roles.toml"), Cow::Borrowed(roles.as_bytes())),
        (
            PathBuf::from(".gitignore"),
            Cow::Borrowed(GITIGNORE.as_bytes()),
        ),
    ];
    let mut content = Vec::new();
    embedded(&CONTENT, Path::new("content"), &mut content);
    let suffix = format!(".{}.md", crate::config::languages::tag_path(language));
    let translated = |p: &Path| {
        let name = p.to_string_lossy();
        SHIPPED
            .iter()
            .filter(|t| **t != "en")
            .any(|t| name.ends_with(&format!(".{}.md", crate::config::languages::tag_path(t))))
    };
    for (path, bytes) in &content {
        if translated(path) {
            continue;
        }
        let name = path.to_string_lossy();
        let own = format!("{}{suffix}", name.trim_end_matches(".md"));
        let text = content
            .iter()
            .find(|(p, _)| language != "en" && p.to_string_lossy() == own)
            .map_or(bytes, |(_, b)| b);
        files.push((path.clone(), text.clone()));
    }
    embedded(&DATA, Path::new("data"), &mut files);
    files
}

/// The starter config with `language` set, and the title and description
/// in that language.
fn starter_config_in(language: &str) -> String {
    let mut text =
        STARTER_CONFIG.replace("# language = \"en\"", &format!("language = \"{language}\""));
    if language == "pt-BR" {
        text = text
            .replace(
                "title = \"Our mentoring program\"",
                "title = \"Nosso programa de mentoria\"",
            )
            .replace(
                "description = \"Handbook, cohort dashboards and quarterly reports.\"",
                "description = \"Manual, painéis das turmas e relatórios trimestrais.\"",
            );
    }
    text
}

fn embedded(dir: &Dir<'static>, under: &Path, out: &mut Vec<(PathBuf, Cow<'static, [u8]>)>) {
    let mut entries: Vec<&DirEntry<'static>> = dir.entries().iter().collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        match entry {
            DirEntry::Dir(d) => embedded(d, under, out),
            DirEntry::File(f) => out.push((under.join(f.path()), Cow::Borrowed(f.contents()))),
        }
    }
}

/// Every file of the built-in theme, by path relative to the theme folder.
pub(super) fn theme_files() -> Vec<(PathBuf, Cow<'static, [u8]>)> {
    let mut files = Vec::new();
    embedded(&DEFAULT_THEME, Path::new(""), &mut files);
    files
}

pub(super) fn run(global: &Global, args: &InitArgs) -> ExitCode {
    let language = match args.language.as_deref().map(shipped) {
        None => "en",
        Some(Ok(tag)) => tag,
        Some(Err(message)) => {
            error_line(&message);
            return ExitCode::from(1);
        }
    };
    let (dir, files) = match &args.theme {
        Some(theme) => (theme.clone(), theme_files()),
        None => (
            args.dir.clone().unwrap_or_else(|| global.root()),
            default_files(language),
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
        match write_new(&dir.join(&rel), &bytes) {
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

/// The shipped language `--language` names (any case, `_` or `-`), or the
/// message saying which are shipped.
fn shipped(tag: &str) -> Result<&'static str, String> {
    crate::config::languages::canonical_tag(tag.trim())
        .and_then(|t| SHIPPED.iter().find(|s| s.eq_ignore_ascii_case(&t)).copied())
        .ok_or_else(|| {
            format!(
                "--language {tag}: mentorbook ships its default handbook in `en` and `pt-BR` only (for another language, start from one of them and translate; docs/languages.md)"
            )
        })
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
        let files = default_files("en");
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
        assert!(
            !names.iter().any(|n| n.ends_with(".pt-br.md")),
            "an English program has no translations: {names:?}"
        );
    }

    #[test]
    fn a_portuguese_program_has_the_handbook_in_portuguese() {
        let files = default_files("pt-BR");
        let text = |name: &str| {
            files
                .iter()
                .find(|(p, _)| p.to_string_lossy().replace('\\', "/") == name)
                .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
                .unwrap_or_default()
        };
        assert!(text("mentorbook.toml").contains("\nlanguage = \"pt-BR\"\n"));
        assert_eq!(
            text("roles.toml"),
            crate::site::translations::DEFAULT_ROLES_PT_BR
        );
        let welcome = CONTENT
            .get_file("handbook/welcome.pt-br.md")
            .map(|f| String::from_utf8_lossy(f.contents()).into_owned());
        assert_eq!(Some(text("content/handbook/welcome.md")), welcome);
        assert!(
            !files
                .iter()
                .any(|(p, _)| p.to_string_lossy().ends_with(".pt-br.md"))
        );
    }
}
