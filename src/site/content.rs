//! The `content/` folder: front matter, pages and sections, pretty URLs and reading order.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;
use walkdir::WalkDir;

use super::nav::NavItem;
use crate::diag::{Diagnostics, quoted};
use crate::util::text::{Lines, describe_toml_error, line_of};

/// The front matter keys a page may set, between `+++` lines.
#[derive(Deserialize, Debug, Default, Clone)]
#[serde(deny_unknown_fields)]
struct RawFront {
    title: Option<String>,
    description: Option<String>,
    weight: Option<i64>,
    draft: Option<bool>,
    template: Option<Spanned<String>>,
    aliases: Option<Vec<Spanned<String>>>,
}

/// One Markdown file of `content/`, front matter parsed, body not yet rendered.
#[derive(Debug, Clone)]
pub struct Source {
    /// As the user would type it: `content/handbook/welcome.md`.
    pub file: String,
    /// The path after `content/`, as links name it: `handbook/welcome.md`.
    pub key: String,
    /// Output file: `handbook/welcome/index.html`.
    pub out: String,
    pub title: String,
    pub description: String,
    /// `None` sorts after every weighted page.
    pub weight: Option<i64>,
    /// A template replacing `page.html`/`section.html`, with its line.
    pub template: Option<(String, usize)>,
    /// Output files that redirect here (`handbook/old-name/index.html`), with their lines.
    pub aliases: Vec<(String, usize)>,
    pub is_section: bool,
    /// Drafts are parsed (so their errors show) but not published.
    pub draft: bool,
    /// The Markdown after the closing `+++`.
    pub body: String,
    /// Lines before the body (front matter and its fences), to number body lines as in the file.
    pub body_line_offset: usize,
}

impl Source {
    /// The folder that holds this page's children, for sections (`handbook/`, `` for the home page).
    fn section_dir(&self) -> Option<&str> {
        self.is_section
            .then(|| self.key.strip_suffix("_index.md").unwrap_or_default())
    }

    /// The folder the file is in: `handbook/` for `handbook/welcome.md`.
    fn dir(&self) -> &str {
        match self.key.rfind('/') {
            Some(i) => &self.key[..=i],
            None => "",
        }
    }
}

/// The output file of a content key: pretty URLs.
pub fn out_path(key: &str) -> String {
    let stem = key.strip_suffix(".md").unwrap_or(key);
    match stem.strip_suffix("_index") {
        Some(dir) => format!("{dir}index.html"),
        None => format!("{stem}/index.html"),
    }
}

/// The folder URL of an output file, for canonical links and the sitemap:
/// `handbook/welcome/index.html` → `handbook/welcome/`.
pub fn pretty_url(out: &str) -> &str {
    out.strip_suffix("index.html").unwrap_or(out)
}

/// Splits `+++` front matter from the body and parses it strictly.
/// `file` names the file in messages.
pub fn parse_source(file: &str, key: &str, text: &str, diags: &mut Diagnostics) -> Option<Source> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != "+++" {
        diags.error(
            file,
            Some(1),
            "expected front matter: a `+++` line, TOML with at least `title = \"...\"`, then `+++`",
        );
        return None;
    }
    let front_start = first.len();
    let mut offset = front_start;
    let mut close = None;
    for line in lines {
        if line.trim_end() == "+++" {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((front_end, body_start)) = close else {
        diags.error(
            file,
            Some(1),
            "the front matter opened here is never closed (add a `+++` line after it)",
        );
        return None;
    };
    let front = &text[front_start..front_end];
    // TOML spans count from the front matter; the file has one fence line before it.
    let lines = Lines::new(front);
    let at = |span: Option<std::ops::Range<usize>>| span.map(|s| lines.line_of(s.start) + 1);
    let raw: RawFront = match toml::from_str(front) {
        Ok(raw) => raw,
        Err(e) => {
            diags.error(
                file,
                at(e.span()).or(Some(2)),
                format!("front matter: {}", describe_toml_error(&e)),
            );
            return None;
        }
    };
    // The home page may leave its title to the config's `title` (filled in
    // by the caller, `[translations.TAG]`'s for a translation); every other
    // page names itself.
    let title = match raw.title {
        Some(title) => title,
        // The home page, or its translation (`_index.pt-br.md`).
        None if key.starts_with("_index.") && !key.contains('/') => String::new(),
        None => {
            diags.error(
                file,
                Some(1),
                "front matter: `title` is required (add `title = \"...\"`)",
            );
            return None;
        }
    };
    let mut aliases = Vec::new();
    for alias in raw.aliases.unwrap_or_default() {
        let line = lines.line_of(alias.span().start) + 1;
        match alias_out(alias.get_ref()) {
            Some(out) => aliases.push((out, line)),
            None => diags.error(
                file,
                Some(line),
                format!(
                    "front matter: alias {} is not a path inside the site (expected e.g. \"handbook/old-name/\")",
                    quoted(alias.get_ref())
                ),
            ),
        }
    }
    Some(Source {
        file: file.to_string(),
        key: key.to_string(),
        out: out_path(key),
        title,
        description: raw.description.unwrap_or_default(),
        weight: raw.weight,
        template: raw
            .template
            .map(|t| (t.get_ref().clone(), lines.line_of(t.span().start) + 1)),
        aliases,
        is_section: key == "_index.md" || key.ends_with("/_index.md"),
        draft: raw.draft.unwrap_or(false),
        body: text[body_start..].to_string(),
        body_line_offset: line_of(text, body_start) - 1,
    })
}

/// The output file of an alias: `/handbook/old/` or `handbook/old` → `handbook/old/index.html`,
/// `old.html` stays a file. `None` for paths that could leave the site.
fn alias_out(alias: &str) -> Option<String> {
    let trimmed = alias.trim().trim_start_matches('/');
    let segments: Vec<&str> = trimmed.split('/').filter(|s| !s.is_empty()).collect();
    let safe = !segments.is_empty()
        && segments
            .iter()
            .all(|s| *s != "." && *s != ".." && !s.contains('\\'));
    if !safe {
        return None;
    }
    let path = segments.join("/");
    Some(if path.ends_with(".html") {
        path
    } else {
        format!("{path}/index.html")
    })
}

/// Every content file under `dir`, in a fixed order, read and parsed.
/// Drafts are left out, and so is everything under a draft section.
/// A program without `content/` has an empty handbook.
pub fn load(dir: &Path, diags: &mut Diagnostics) -> Vec<Source> {
    let mut sources = Vec::new();
    if !dir.is_dir() {
        return sources;
    }
    let mut draft_dirs: Vec<String> = Vec::new();
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let shown = e
                    .path()
                    .map(|p| display(dir, p))
                    .unwrap_or_else(|| "content".into());
                diags.error(&shown, None, format!("cannot read: {e}"));
                continue;
            }
        };
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        if entry.file_type().is_symlink() {
            // A link is read only when it leads to a file inside the
            // program folder: a page must not publish a file from elsewhere
            // on the machine (say, a link to ~/.ssh/config in a shared repo).
            let shown = display(dir, entry.path());
            let root = dir.parent().unwrap_or(dir);
            let inside = match (
                std::fs::canonicalize(entry.path()),
                std::fs::canonicalize(root),
            ) {
                (Ok(target), Ok(root)) => target.starts_with(&root) && target.is_file(),
                _ => false,
            };
            if !inside {
                diags.error(
                    &shown,
                    None,
                    "is a symbolic link to something outside the program folder (or to a folder, or to nothing): mentorbook reads only files inside the program folder; copy the file into content/ instead",
                );
                continue;
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        let key = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let file = format!("content/{key}");
        if !key.ends_with(".md") {
            diags.warning(
                &file,
                None,
                "not a Markdown page, ignored (put images and downloads in static/)",
            );
            continue;
        }
        if let Some(bad) = key
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/')))
        {
            diags.error(
                &file,
                None,
                format!(
                    "the file name has {bad:?}, which makes a poor URL (use letters, digits, `-` and `_`)"
                ),
            );
            continue;
        }
        if draft_dirs.iter().any(|d| key.starts_with(d.as_str())) {
            continue;
        }
        let text = match std::fs::read_to_string(entry.path()) {
            Ok(t) => t,
            Err(e) => {
                diags.error(&file, None, format!("cannot read: {e}"));
                continue;
            }
        };
        match parse_source(&file, &key, &text, diags) {
            Some(source) if source.draft => {
                if let Some(dir) = source.section_dir()
                    && !dir.is_empty()
                {
                    draft_dirs.push(dir.to_string());
                }
            }
            Some(source) => sources.push(source),
            None => {}
        }
    }
    // `_index.md` sorts after pages named `a...`, so a draft section also
    // removes pages of its folder read before it.
    sources.retain(|s| !draft_dirs.iter().any(|d| s.key.starts_with(d.as_str())));
    sources
}

fn display(base: &Path, path: &Path) -> String {
    match path.strip_prefix(base) {
        Ok(rel) => format!("content/{}", rel.display()),
        Err(_) => path.display().to_string(),
    }
}

/// Pages and sections arranged: the tree, the reading order, each page's parents.
#[derive(Debug, Clone)]
pub struct Tree {
    /// Index into the sources of the home page (`content/_index.md`), if any.
    pub home: Option<usize>,
    /// Children of each source (empty for pages), ordered by weight then title.
    pub children: Vec<Vec<usize>>,
    /// The top level: children of the home page.
    pub top: Vec<usize>,
    /// The section each source belongs to (`None` at the top).
    pub parent: Vec<Option<usize>>,
    /// Every source but the home page, depth first: the reading order.
    pub reading_order: Vec<usize>,
    /// Where each source is in the reading order (`None` for the home page).
    position: Vec<Option<usize>>,
}

/// Arranges sources into sections. A page belongs to the nearest folder
/// above it that has an `_index.md`; the home page holds the top level.
pub fn arrange(sources: &[Source]) -> Tree {
    let home = sources.iter().position(|s| s.key == "_index.md");
    // Each section by its folder, so that finding a page's owner costs its
    // depth rather than a pass over every page.
    let sections: std::collections::HashMap<&str, usize> = sources
        .iter()
        .enumerate()
        .filter(|(_, s)| s.key != "_index.md")
        .filter_map(|(i, s)| s.section_dir().map(|d| (d, i)))
        .collect();
    let mut parent = vec![None; sources.len()];
    let mut children = vec![Vec::new(); sources.len()];
    let mut top = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        if Some(i) == home {
            continue;
        }
        // For a section, look from the folder above its own.
        let mut dir = s.dir();
        if s.is_section {
            dir = parent_dir(dir);
        }
        let owner = loop {
            let found = sections.get(dir).copied();
            if found.is_some() || dir.is_empty() {
                break found;
            }
            dir = parent_dir(dir);
        };
        parent[i] = owner;
        match owner {
            Some(p) => children[p].push(i),
            None => top.push(i),
        }
    }
    let order = |list: &mut Vec<usize>| {
        list.sort_by(|&a, &b| {
            let (a, b) = (&sources[a], &sources[b]);
            let weight = |s: &Source| (s.weight.is_none(), s.weight.unwrap_or_default());
            weight(a)
                .cmp(&weight(b))
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.key.cmp(&b.key))
        })
    };
    for list in children.iter_mut() {
        order(list);
    }
    order(&mut top);
    let mut reading_order = Vec::new();
    fn walk(i: usize, children: &[Vec<usize>], out: &mut Vec<usize>) {
        out.push(i);
        for &c in &children[i] {
            walk(c, children, out);
        }
    }
    for &i in &top {
        walk(i, &children, &mut reading_order);
    }
    let mut position = vec![None; sources.len()];
    for (at, &i) in reading_order.iter().enumerate() {
        position[i] = Some(at);
    }
    Tree {
        home,
        children,
        top,
        parent,
        reading_order,
        position,
    }
}

/// `handbook/for-staff/` → `handbook/`; `handbook/` → ``.
fn parent_dir(dir: &str) -> &str {
    let trimmed = dir.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(i) => &trimmed[..=i],
        None => "",
    }
}

impl Tree {
    /// The navigation tree below the home page.
    pub fn nav(&self, sources: &[Source]) -> Vec<NavItem> {
        self.top
            .iter()
            .map(|&i| self.nav_item(i, sources))
            .collect()
    }

    fn nav_item(&self, i: usize, sources: &[Source]) -> NavItem {
        let s = &sources[i];
        NavItem {
            title: s.title.clone(),
            url: s.out.clone(),
            description: s.description.clone(),
            children: self.children[i]
                .iter()
                .map(|&c| self.nav_item(c, sources))
                .collect(),
        }
    }

    /// The sections above a source, outermost first (the home page not included).
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut at = self.parent[i];
        while let Some(p) = at {
            out.push(p);
            at = self.parent[p];
        }
        out.reverse();
        out
    }

    /// The pages before and after a source in reading order.
    pub fn neighbours(&self, i: usize) -> (Option<usize>, Option<usize>) {
        match self.position.get(i).copied().flatten() {
            Some(pos) => (
                pos.checked_sub(1).map(|p| self.reading_order[p]),
                self.reading_order.get(pos + 1).copied(),
            ),
            None => (None, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Source>, Vec<String>) {
        let mut diags = Diagnostics::new();
        let s = parse_source("content/a.md", "a.md", text, &mut diags);
        (s, diags.report_lines())
    }

    #[test]
    fn pretty_urls() {
        assert_eq!(
            out_path("handbook/getting-started.md"),
            "handbook/getting-started/index.html"
        );
        assert_eq!(out_path("handbook/_index.md"), "handbook/index.html");
        assert_eq!(out_path("_index.md"), "index.html");
        assert_eq!(pretty_url("handbook/index.html"), "handbook/");
    }

    #[test]
    fn front_matter_is_strict_and_numbered() {
        let (s, errors) = parse("+++\ntitle = \"A\"\nweight = 3\n+++\n\nBody\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert!(
            matches!(&s, Some(s) if s.title == "A" && s.weight == Some(3) && s.body_line_offset == 4 && s.body == "\nBody\n")
        );

        let (_, errors) = parse("+++\ntitle = \"A\"\ncolour = \"red\"\n+++\n");
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with("error: content/a.md:3: front matter: unknown key `colour`"),
            "{errors:?}"
        );

        let (_, errors) = parse("+++\ntitle = \"A\"\n\nBody\n");
        assert_eq!(
            errors,
            [
                "error: content/a.md:1: the front matter opened here is never closed (add a `+++` line after it)"
            ]
        );

        let (_, errors) = parse("+++\ntitle = \"A\"\nweight = = 2\n+++\n");
        assert!(errors[0].starts_with("error: content/a.md:3: front matter:"));

        let (_, errors) = parse("+++\ndescription = \"x\"\n+++\n");
        assert!(errors[0].contains("`title` is required"));

        let (s, errors) = parse("+++\ntitle = \"A\"\ndraft = true\n+++\n");
        assert!(s.is_some_and(|s| s.draft) && errors.is_empty());
    }

    #[test]
    fn aliases_stay_inside_the_site() {
        assert_eq!(
            alias_out("/old/page/").as_deref(),
            Some("old/page/index.html")
        );
        assert_eq!(alias_out("old.html").as_deref(), Some("old.html"));
        assert_eq!(alias_out("../etc"), None);
        assert_eq!(alias_out("/"), None);
    }
}
