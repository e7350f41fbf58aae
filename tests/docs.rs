//! The documentation in docs/ checked against the code, so that it cannot drift.
//!
//! - docs/cli.md names every subcommand clap knows (`mentorbook <sub>`) and
//!   every long option (`--flag`), global or per command;
//! - every relative Markdown link in docs/*.md points to an existing file,
//!   and to an existing heading where it names an anchor (GitHub-style slugs).

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

use clap::CommandFactory;
use common::{read, repo};
use mentorbook::cli::Cli;

/// Long options of a command, without the ones clap adds itself.
fn long_flags(cmd: &clap::Command) -> Vec<String> {
    cmd.get_arguments()
        .filter_map(|a| a.get_long())
        .filter(|l| !matches!(*l, "help" | "version"))
        .map(|l| format!("--{l}"))
        .collect()
}

#[test]
fn cli_reference_names_every_command_and_option() {
    let doc = read(&repo().join("docs/cli.md"));
    let cli = Cli::command();
    let mut missing = Vec::new();
    for flag in long_flags(&cli) {
        if !doc.contains(&flag) {
            missing.push(format!("global option {flag}"));
        }
    }
    let mut subcommands = 0;
    for sub in cli.get_subcommands() {
        subcommands += 1;
        let name = sub.get_name();
        if !doc.contains(&format!("mentorbook {name}")) {
            missing.push(format!("`mentorbook {name}`"));
        }
        for flag in long_flags(sub) {
            if !doc.contains(&flag) {
                missing.push(format!("`mentorbook {name}` option {flag}"));
            }
        }
    }
    assert!(subcommands >= 2, "clap knows {subcommands} subcommands");
    assert!(
        missing.is_empty(),
        "docs/cli.md does not mention: {}",
        missing.join(", ")
    );
}

/// The lines of a Markdown file outside fenced code blocks (and outside
/// TOML front matter), with their 1-based numbers.
fn prose_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    let mut front_matter = text.starts_with("+++");
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if front_matter {
            if i > 0 && trimmed.starts_with("+++") {
                front_matter = false;
            }
            continue;
        }
        match fence {
            Some(f) => {
                if trimmed.starts_with(f) {
                    fence = None;
                }
            }
            None if trimmed.starts_with("```") => fence = Some("```"),
            None if trimmed.starts_with("~~~") => fence = Some("~~~"),
            None => out.push((i + 1, line)),
        }
    }
    out
}

/// A line with its inline code spans removed.
fn without_code(line: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for c in line.chars() {
        if c == '`' {
            in_code = !in_code;
        } else if !in_code {
            out.push(c);
        }
    }
    out
}

/// Link destinations of a line: `[text](dest)` and `![alt](dest)`.
fn links(line: &str) -> Vec<String> {
    let line = without_code(line);
    let mut out = Vec::new();
    let mut rest = line.as_str();
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        let mut depth = 0;
        let mut end = None;
        for (i, c) in after.char_indices() {
            match c {
                '(' => depth += 1,
                ')' if depth == 0 => {
                    end = Some(i);
                    break;
                }
                ')' => depth -= 1,
                _ => {}
            }
        }
        let Some(end) = end else { break };
        let dest = after[..end].trim();
        // `[text](dest "title")`
        let dest = dest.split_whitespace().next().unwrap_or("");
        let dest = dest.trim_start_matches('<').trim_end_matches('>');
        out.push(dest.to_string());
        rest = &after[end..];
    }
    out
}

/// Heading text as GitHub renders it for its slug: code marks dropped,
/// links reduced to their text, an explicit `{#id}` ignored.
fn heading_text(raw: &str) -> String {
    let mut text = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' | '*' => {}
            '[' => {}
            ']' if chars.peek() == Some(&'(') => {
                for c in chars.by_ref() {
                    if c == ')' {
                        break;
                    }
                }
            }
            _ => text.push(c),
        }
    }
    text
}

/// GitHub's anchor for a heading: lowercase, punctuation dropped (letters,
/// digits, `-` and `_` kept), each space a `-`.
fn github_slug(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Every anchor of a Markdown file, with `-1`, `-2` for repeated headings,
/// and any `{#id}` set explicitly (the handbook's own syntax).
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    for (_, line) in prose_lines(text) {
        let trimmed = line.trim_start();
        let hashes = trimmed.chars().take_while(|&c| c == '#').count();
        if hashes == 0 || hashes > 6 || !trimmed[hashes..].starts_with(' ') {
            continue;
        }
        let mut raw = trimmed[hashes..].trim().trim_end_matches('#').trim();
        if let Some(open) = raw.rfind("{#")
            && raw.ends_with('}')
        {
            seen.insert(raw[open + 2..raw.len() - 1].to_string());
            raw = raw[..open].trim();
        }
        let base = github_slug(&heading_text(raw));
        let mut slug = base.clone();
        let mut n = 0;
        while seen.contains(&slug) {
            n += 1;
            slug = format!("{base}-{n}");
        }
        seen.insert(slug);
    }
    seen
}

#[test]
fn github_slugs() {
    assert_eq!(
        github_slug("A cohort's metrics.json"),
        "a-cohorts-metricsjson"
    );
    assert_eq!(github_slug("1. Install"), "1-install");
    assert_eq!(
        github_slug(&heading_text("Handbook: `home.html`, `page.html`")),
        "handbook-homehtml-pagehtml"
    );
    assert_eq!(github_slug("Too early pairs"), "too-early-pairs");
    let a =
        anchors("# T\n\n## Notes\n\n```\n## not a heading\n```\n\n## Notes\n## Why {#why-it}\n");
    let want: BTreeSet<String> = ["t", "notes", "notes-1", "why-it", "why"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(a, want);
    assert_eq!(
        links("See [a](b.md#c), `[x](not-a-link)` and [`y [z]`](#w \"t\")."),
        vec!["b.md#c", "#w"]
    );
}

#[test]
fn relative_links_in_docs_resolve() {
    let docs = repo().join("docs");
    let mut pages: Vec<PathBuf> = fs::read_dir(&docs)
        .expect("docs/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 9, "docs/ has {} pages", pages.len());
    let mut broken = Vec::new();
    let mut checked = 0;
    for page in &pages {
        let text = read(page);
        let name = page.file_name().unwrap_or_default().to_string_lossy();
        for (line_no, line) in prose_lines(&text) {
            for dest in links(line) {
                if dest.is_empty()
                    || dest.contains("://")
                    || dest.starts_with("mailto:")
                    || dest.starts_with("@/")
                {
                    continue;
                }
                checked += 1;
                let (path, anchor) = match dest.split_once('#') {
                    Some((p, a)) => (p, Some(a)),
                    None => (dest.as_str(), None),
                };
                let target = if path.is_empty() {
                    page.clone()
                } else {
                    page.parent().unwrap_or(&docs).join(path)
                };
                if !target.exists() {
                    broken.push(format!("docs/{name}:{line_no}: {dest}: no such file"));
                    continue;
                }
                let Some(anchor) = anchor else { continue };
                if target.extension().is_some_and(|x| x == "md")
                    && !anchors(&read(&target)).contains(anchor)
                {
                    broken.push(format!("docs/{name}:{line_no}: {dest}: no such heading"));
                }
            }
        }
    }
    assert!(
        checked > 50,
        "only {checked} links found: is the parser right?"
    );
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn ci_recipes_match_their_files() {
    let doc = read(&repo().join("docs/ci.md"));
    for file in ["docs/ci/github-pages.yml", "docs/ci/gitlab-ci.yml"] {
        let text = read(&repo().join(file));
        assert!(
            doc.contains(&format!("```yaml\n{text}```")),
            "docs/ci.md does not show {file} as it is"
        );
    }
}

/// Every fixture program that docs/data.md names (`tests/fixtures/NAME/`)
/// is shown there with its whole `mentorbook.toml`, as it is: the docs'
/// examples are the fixtures the tests build.
#[test]
fn data_examples_match_their_fixtures() {
    let doc = read(&repo().join("docs/data.md"));
    let fixtures = repo().join("tests/fixtures");
    let mut shown = 0;
    let mut missing = Vec::new();
    for entry in fs::read_dir(&fixtures).expect("tests/fixtures/") {
        let dir = entry.expect("entry").path();
        let name = dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let config = dir.join("mentorbook.toml");
        if !config.is_file() || !doc.contains(&format!("tests/fixtures/{name}/")) {
            continue;
        }
        shown += 1;
        if !doc.contains(&format!("```toml\n{}```", read(&config))) {
            missing.push(name);
        }
    }
    assert!(shown >= 3, "docs/data.md names {shown} fixture programs");
    assert!(
        missing.is_empty(),
        "docs/data.md does not show the mentorbook.toml of: {}",
        missing.join(", ")
    );
}

/// Every `mentorbook --root tests/fixtures/NAME check` shown in docs/data.md
/// is followed by what it really prints, in the order a terminal shows it:
/// problems and notes (standard error, printed first), then the summary.
#[test]
fn check_outputs_in_data_docs_are_real() {
    let doc = read(&repo().join("docs/data.md"));
    let mut shown = 0;
    for (at, _) in doc.match_indices("```sh\nmentorbook --root tests/fixtures/") {
        let block = &doc[at + "```sh\n".len()..];
        let command = block.lines().next().unwrap_or_default();
        let Some(args) = command.strip_prefix("mentorbook ") else {
            continue;
        };
        let args: Vec<&str> = args.split_whitespace().collect();
        let after = &block[command.len()..];
        let expected = after
            .strip_prefix("\n```\n\n```\n")
            .and_then(|rest| rest.split_once("```\n"))
            .map(|(output, _)| output)
            .unwrap_or_else(|| panic!("docs/data.md: `{command}` is not followed by its output"));
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_mentorbook"))
            .current_dir(repo())
            .args(&args)
            .output()
            .expect("mentorbook runs");
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        assert_eq!(printed, expected, "docs/data.md: the output of `{command}`");
        shown += 1;
    }
    assert!(shown >= 4, "docs/data.md shows {shown} check outputs");
}
