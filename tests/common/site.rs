//! The files of a folder by `/`-separated path: mostly a site the binary wrote.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

pub(crate) struct Site {
    files: BTreeMap<String, Vec<u8>>,
}

/// `path` relative to `base`, with `/` between its parts.
pub(super) fn relative(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

impl Site {
    /// Every file under `dir` (a symbolic link is not followed).
    pub(crate) fn read(dir: &Path) -> Site {
        let mut files = BTreeMap::new();
        for entry in walkdir::WalkDir::new(dir) {
            let entry = entry.unwrap_or_else(|e| panic!("walk {}: {e}", dir.display()));
            if entry.file_type().is_file() {
                let bytes = std::fs::read(entry.path())
                    .unwrap_or_else(|e| panic!("{}: {e}", entry.path().display()));
                files.insert(relative(dir, entry.path()), bytes);
            }
        }
        Site { files }
    }

    pub(crate) fn len(&self) -> usize {
        self.files.len()
    }

    pub(crate) fn has(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    pub(crate) fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    pub(crate) fn bytes(&self, path: &str) -> &[u8] {
        self.files.get(path).unwrap_or_else(|| {
            panic!(
                "{path} was not written; the site has {:?}",
                self.files.keys().take(80).collect::<Vec<_>>()
            )
        })
    }

    /// The file at `path` as text (every file mentorbook writes is UTF-8,
    /// but for images: the theme's favicon.ico, a program's static images).
    pub(crate) fn text(&self, path: &str) -> &str {
        std::str::from_utf8(self.bytes(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Every file as text, images left out.
    pub(crate) fn texts(&self) -> impl Iterator<Item = (&str, &str)> {
        const IMAGES: [&str; 6] = [".ico", ".png", ".jpg", ".jpeg", ".gif", ".webp"];
        self.paths()
            .filter(|p| !IMAGES.iter().any(|ext| p.ends_with(ext)))
            .map(|p| (p, self.text(p)))
    }

    /// The paths that are only in one of the sites or differ between them.
    pub(crate) fn differences(&self, other: &Site) -> Vec<String> {
        let mut paths: Vec<&String> = self.files.keys().chain(other.files.keys()).collect();
        paths.sort();
        paths.dedup();
        paths
            .into_iter()
            .filter_map(|p| match (self.files.get(p), other.files.get(p)) {
                (Some(a), Some(b)) if a == b => None,
                (Some(_), Some(_)) => Some(format!("{p} differs")),
                (Some(_), None) => Some(format!("{p} only in the first")),
                _ => Some(format!("{p} only in the second")),
            })
            .collect()
    }

    /// Every HTML page.
    pub(crate) fn pages(&self) -> impl Iterator<Item = (&str, &str)> {
        self.texts().filter(|(p, _)| p.ends_with(".html"))
    }
}

/// The `href` and `src` values of a page, unescaped as far as `&amp;`.
fn references(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        for part in html.split(attr).skip(1) {
            if let Some(end) = part.find('"') {
                out.push(part[..end].replace("&amp;", "&"));
            }
        }
    }
    out
}

/// `link` followed from the folder `dir` (`a/b/` or empty), `..` resolved;
/// `None` when it climbs out of the site.
fn resolve(dir: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for segment in link.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if link.is_empty() || link.ends_with('/') {
        path.push_str(if path.is_empty() {
            "index.html"
        } else {
            "/index.html"
        });
    }
    Some(path)
}

impl Site {
    /// Follows every link of every page: how many were followed, and the
    /// ones that do not lead to a file of the site or to an `id` on it
    /// (`PAGE: LINK`). Links with a scheme (`https:`, `mailto:`, ...) are
    /// left out, except the ones starting with `base_url`.
    pub(crate) fn links(&self, base_url: Option<&str>) -> (usize, Vec<String>) {
        let mut followed = 0;
        let mut broken = Vec::new();
        for (page, html) in self.pages() {
            let dir = page.rfind('/').map_or("", |i| &page[..=i]);
            for link in references(html) {
                let local = match base_url.and_then(|b| link.strip_prefix(b)) {
                    Some(rest) => Some(("", rest)),
                    None if link.contains(':') || link.starts_with("//") => None,
                    None => Some((dir, link.as_str())),
                };
                let Some((from, rest)) = local else { continue };
                followed += 1;
                let (rest, anchor) = match rest.split_once('#') {
                    Some((p, a)) => (p, Some(a)),
                    None => (rest, None),
                };
                let rest = rest.split('?').next().unwrap_or_default();
                let target = if rest.is_empty() && from == dir {
                    Some(page.to_string())
                } else {
                    resolve(from, rest)
                };
                let ok = target.is_some_and(|t| {
                    self.has(&t)
                        && anchor.is_none_or(|a| {
                            a.is_empty() || self.text(&t).contains(&format!(" id=\"{a}\""))
                        })
                });
                if !ok {
                    broken.push(format!("{page}: {link}"));
                }
            }
        }
        (followed, broken)
    }
}

/// The paths only: a site's bytes make unreadable failure messages
/// (compare sites with [`Site::differences`]).
impl fmt::Debug for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.files.keys()).finish()
    }
}
