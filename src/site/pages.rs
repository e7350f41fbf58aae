//! From parsed sources to pages: link targets, Markdown rendered, breadcrumbs and neighbours.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::diag::Diagnostics;

use super::content::{Source, Tree};
use super::links::{Target, Targets};
use super::markdown;
use super::roles::Roles;
use super::templates::Engine;
use super::{Link, Page, ROLE_PAGES, SEARCH_PAGE, role_pages};

/// Everything `@/` links may point at: every page with its heading ids
/// (found when a link first names one), and the role pages with their
/// card ids.
fn targets<'a>(sources: &'a [Source], roles: &Roles) -> Targets<'a> {
    let mut targets = Targets::default();
    for s in sources {
        targets.by_name.insert(
            s.key.clone(),
            Target {
                out: s.out.clone(),
                body: Some(&s.body),
                anchors: OnceLock::new(),
            },
        );
    }
    for (slug, out, role) in role_pages(roles) {
        let anchors: BTreeSet<String> = role
            .hats
            .iter()
            .chain(&role.expectations)
            .map(|i| i.id.clone())
            .chain(["hats".to_string(), "expectations".to_string()])
            .collect();
        targets.by_name.insert(
            format!("roles/{slug}"),
            Target {
                out: out.to_string(),
                body: None,
                anchors: OnceLock::from(anchors),
            },
        );
    }
    targets
}

/// A link found while rendering a page, to report at its line.
enum Check {
    /// Broken: the message.
    Broken(String),
    /// To another page's heading (the destination as written): checked
    /// once every page's headings are known.
    Anchor(String),
}

fn link(s: &Source) -> Link {
    Link {
        title: s.title.clone(),
        url: s.out.clone(),
        description: s.description.clone(),
    }
}

/// Renders every source's Markdown, reporting broken links, and arranges
/// the results as pages. `engine` (when it loaded) checks `template = ...`.
/// A source `untranslated` marks (the default language's page in another
/// language's tree) links to the page alone when the anchor it names is
/// not on that page's translation.
pub(super) fn build(
    sources: &[Source],
    tree: &Tree,
    roles: &Roles,
    engine: Option<&Engine>,
    untranslated: &[bool],
    diags: &mut Diagnostics,
) -> Vec<Page> {
    let targets = targets(sources, roles);
    check_outputs(sources, diags);
    // Every page's Markdown on every core, each page's links to check kept
    // in order to be reported below, page by page.
    let rendered: Vec<(markdown::Rendered, Vec<(usize, Check)>)> = sources
        .par_iter()
        .enumerate()
        .map(|(i, s)| {
            let mut checks = Vec::new();
            let lenient = untranslated.get(i).copied().unwrap_or(false);
            let rendered = markdown::render(&s.body, s.body_line_offset, &mut |dest, line| {
                let resolved = if lenient {
                    targets.resolve(dest, &s.out).map(|url| (url, false))
                } else {
                    targets.resolve_later(dest, &s.out)
                };
                match resolved {
                    Ok((url, unchecked)) => {
                        if unchecked {
                            checks.push((line, Check::Anchor(dest.to_string())));
                        }
                        Some(url)
                    }
                    Err(_) if lenient && dest.contains('#') => {
                        let page = dest.split('#').next().unwrap_or(dest);
                        targets.resolve(page, &s.out).ok()
                    }
                    Err(message) => {
                        checks.push((line, Check::Broken(message)));
                        None
                    }
                }
            });
            (rendered, checks)
        })
        .collect();
    // The anchors links name are the rendered headings' ids.
    for (s, (r, _)) in sources.iter().zip(&rendered) {
        targets.set_anchors(&s.key, || r.headings.iter().map(|h| h.id.clone()).collect());
    }
    let mut pages = Vec::with_capacity(sources.len());
    for (i, (s, (rendered, checks))) in sources.iter().zip(rendered).enumerate() {
        for (line, check) in checks {
            let broken = match check {
                Check::Broken(message) => Some(message),
                Check::Anchor(dest) => targets.resolve(&dest, &s.out).err(),
            };
            if let Some(message) = broken {
                diags.error(&s.file, Some(line), message);
            }
        }
        let is_home = tree.home == Some(i);
        let template = match &s.template {
            Some((name, line)) => {
                if let Some(engine) = engine
                    && !engine.has(name)
                {
                    diags.error(
                        &s.file,
                        Some(*line),
                        format!(
                            "front matter: template `{name}` not found (looked in templates/, the theme and the built-in templates)"
                        ),
                    );
                }
                name.clone()
            }
            None if is_home => "home.html".to_string(),
            None if s.is_section => "section.html".to_string(),
            None => "page.html".to_string(),
        };
        let (prev, next) = tree.neighbours(i);
        pages.push(Page {
            file: s.file.clone(),
            out: s.out.clone(),
            title: s.title.clone(),
            description: s.description.clone(),
            template,
            toc: markdown::toc(&rendered.headings),
            html: rendered.html,
            headings: rendered.headings,
            text: rendered.text,
            breadcrumbs: tree
                .ancestors(i)
                .into_iter()
                .map(|a| link(&sources[a]))
                .collect(),
            prev: prev.map(|p| link(&sources[p])),
            next: next.map(|n| link(&sources[n])),
            children: tree.children[i]
                .iter()
                .map(|&c| link(&sources[c]))
                .collect(),
            aliases: s.aliases.iter().map(|(a, _)| a.clone()).collect(),
            is_home,
            is_section: s.is_section,
            untranslated: None,
        });
    }
    pages
}

/// Two sources (or an alias) writing the same output file, or a page
/// taking the place of a generated one, is an error.
fn check_outputs(sources: &[Source], diags: &mut Diagnostics) {
    let mut taken: BTreeMap<String, String> = ROLE_PAGES
        .iter()
        .map(|(_, out)| (out.to_string(), "the role cards".to_string()))
        .chain([
            (SEARCH_PAGE.to_string(), "the search page".to_string()),
            ("404.html".to_string(), "the 404 page".to_string()),
        ])
        .collect();
    for s in sources {
        let outs = std::iter::once((s.out.clone(), None))
            .chain(s.aliases.iter().map(|(a, line)| (a.clone(), Some(*line))));
        for (out, line) in outs {
            if let Some(other) = taken.get(&out) {
                diags.error(
                    &s.file,
                    line,
                    format!("writes {out}, which {other} already writes"),
                );
            } else {
                taken.insert(out, s.file.clone());
            }
        }
    }
}
