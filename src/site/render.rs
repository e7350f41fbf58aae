//! Writing the handbook: each page with its own small context, then search, 404, sitemap, static files.

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diag::Diagnostics;
use crate::output::SiteFiles;
use crate::util::html::escape_html;

use super::links::{relative, root_prefix};
use super::markdown::EXCERPT_CHARS;
use super::roles::Role;
use super::{Handbook, Link, Page, ROLE_PAGES, SEARCH_INDEX, SEARCH_PAGE, content, role_pages};

/// Handbook pages rendered at a time (in parallel), then added in order.
const PAGES_AT_A_TIME: usize = 64;

/// One entry of the search index.
#[derive(Serialize)]
struct SearchEntry<'a> {
    title: &'a str,
    url: &'a str,
    description: &'a str,
    headings: Vec<&'a str>,
    text: String,
}

/// How much of a page's text goes into the search index: its first
/// [`EXCERPT_CHARS`] characters.
fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

impl Handbook {
    /// The context every page gets: `site`, `root` (relative prefix to the
    /// root of this language's tree), `assets` (relative prefix to the site
    /// root, where static files are: the same as `root` in the default
    /// language), `languages` (the switcher and `hreflang` alternates: empty
    /// on a one-language site), `current` (this page's output file in its tree), `canonical`,
    /// `title`, `description` (the page's own, possibly empty),
    /// `nav_html`, `role_links` and empty `breadcrumbs`.
    /// Other stages add their own keys and call [`Handbook::render_page`].
    pub fn base_context(&self, out: &str, title: &str, description: &str) -> Context {
        self.context(out, title, description, &[])
    }

    /// [`Self::base_context`] with the navigation opened along `path`, the
    /// sections holding the page (outermost first, the page itself last
    /// when it is a section).
    fn context(&self, out: &str, title: &str, description: &str, path: &[&str]) -> Context {
        let root = root_prefix(out);
        let mut ctx = Context::new();
        ctx.insert("site", &self.site);
        ctx.insert("root", &root);
        ctx.insert("assets", &root_prefix(&self.site_path(out)));
        ctx.insert("languages", &self.language_links(out));
        // Where a dashboard's metrics.json is: beside it in the default
        // language's tree, the one tree that has it.
        let data_dir = if self.is_default_language() {
            String::new()
        } else {
            let dir = out.rfind('/').map_or("", |i| &out[..=i]);
            format!("{}{dir}", root_prefix(&self.site_path(out)))
        };
        ctx.insert("data_dir", &data_dir);
        ctx.insert("current", out);
        ctx.insert(
            "canonical",
            &if self.site.base_url.is_empty() {
                String::new()
            } else {
                self.absolute_url(out)
            },
        );
        ctx.insert("title", title);
        // A page without a description has none: the site's is no subtitle
        // for it (base.html still uses it for the meta description).
        ctx.insert("description", description);
        ctx.insert("nav_html", &self.nav_html(&root, out, path));
        ctx.insert("role_links", &self.role_links());
        ctx.insert("breadcrumbs", &Vec::<Link>::new());
        ctx
    }

    /// The navigation as HTML for the page `out`, opened along `path`:
    /// rendered once per relative root and open section, then the page's
    /// own link marked `aria-current`. Pages of one section share one
    /// rendering, and each rendering holds only the levels it shows, so a
    /// large handbook costs a rendering per section, not a pass over every
    /// page for every page.
    fn nav_html(&self, root: &str, out: &str, path: &[&str]) -> String {
        let key = format!("{root}\n{}", path.last().copied().unwrap_or_default());
        let cached = self
            .nav_html
            .lock()
            .ok()
            .and_then(|cache| cache.get(&key).cloned());
        let nav = match cached {
            Some(nav) => nav,
            None => {
                let mut ctx = Context::new();
                ctx.insert("site", &self.site);
                ctx.insert("root", root);
                ctx.insert("current", "");
                ctx.insert("nav", &super::nav::nav_view(&self.nav, path));
                ctx.insert("role_links", &self.role_links());
                // A broken nav template is reported when the page itself renders.
                let html = self
                    .render_page("partials/nav.html", &ctx)
                    .unwrap_or_default();
                let nav = std::sync::Arc::new(super::NavHtml::new(html));
                if let Ok(mut cache) = self.nav_html.lock() {
                    cache.insert(key, std::sync::Arc::clone(&nav));
                }
                nav
            }
        };
        nav.marking(&escape_html(&format!("{root}{out}")))
    }

    /// An output file of this tree as a path from the site root: `pt-br/…`.
    pub fn site_path(&self, out: &str) -> String {
        format!("{}{out}", self.tree.prefix)
    }

    /// The same page in every language, for the switcher and `hreflang`:
    /// nothing on a one-language site. Every tree has every page (an
    /// untranslated one in the default language), so the page is at `out`
    /// in each tree.
    fn language_links(&self, out: &str) -> Vec<LanguageLink> {
        if self.trees.len() < 2 {
            return Vec::new();
        }
        let from = self.site_path(out);
        self.trees
            .iter()
            .map(|t| {
                let to = format!("{}{out}", t.prefix);
                LanguageLink {
                    tag: t.tag.clone(),
                    name: t.name.clone(),
                    url: relative(&from, &to),
                    href: if self.site.base_url.is_empty() {
                        relative(&from, &to)
                    } else {
                        format!("{}/{}", self.site.base_url, content::pretty_url(&to))
                    },
                    current: t.tag == self.tree.tag,
                    rtl: crate::config::languages::is_rtl(&t.tag),
                }
            })
            .collect()
    }

    fn role_links(&self) -> Vec<Link> {
        role_pages(&self.roles)
            .into_iter()
            .map(|(_, out, role)| Link {
                title: role.title.clone(),
                url: out.to_string(),
                description: role.summary.clone(),
            })
            .collect()
    }

    fn page_context(&self, page: &Page) -> Context {
        let mut path: Vec<&str> = page.breadcrumbs.iter().map(|b| b.url.as_str()).collect();
        if page.is_section && !page.is_home {
            path.push(&page.out);
        }
        let mut ctx = self.context(&page.out, &page.title, &page.description, &path);
        if page.is_home {
            // The home page lists the top level as cards.
            ctx.insert("nav", &super::nav::nav_view(&self.nav, &[]));
        }
        ctx.insert("content", &page.html);
        ctx.insert("toc", &page.toc);
        ctx.insert("breadcrumbs", &page.breadcrumbs);
        ctx.insert("prev", &page.prev);
        ctx.insert("next", &page.next);
        ctx.insert("pages", &page.children);
        if let Some(lang) = &page.untranslated {
            ctx.insert("untranslated", lang);
        }
        ctx
    }

    /// Renders the whole handbook into `files`: content pages, role cards,
    /// search page and index, 404, sitemap, alias redirects and static
    /// files. `home` adds keys to the home page's context (the program's
    /// headline figures); `sitemap_extra` lists other stages' pages for the
    /// sitemap. Template errors go to `diags`. Returns the number of pages.
    pub fn render(
        &self,
        files: &mut SiteFiles,
        diags: &mut Diagnostics,
        home: &Context,
        sitemap_extra: &[&str],
    ) -> usize {
        let mut count = 0;
        // A broken template breaks every page that uses it: say so once.
        let mut errors: Vec<super::TemplateError> = Vec::new();
        let mut add = |out: &str, page: Result<String, super::TemplateError>| match page {
            Ok(html) => {
                files.add(out, html);
                count += 1;
            }
            Err(e) => {
                if !errors.contains(&e) {
                    errors.push(e);
                }
            }
        };
        let has_home = self.pages.iter().any(|p| p.is_home);
        if !has_home {
            let mut ctx = self.base_context("index.html", &self.site.title, "");
            for (key, value) in [("content", ""), ("prev", ""), ("next", "")] {
                ctx.insert(key, value);
            }
            ctx.insert("toc", &Vec::<String>::new());
            ctx.insert("pages", &Vec::<Link>::new());
            ctx.insert("nav", &super::nav::nav_view(&self.nav, &[]));
            ctx.extend(home.clone());
            add("index.html", self.render_page("home.html", &ctx));
        }
        // On every core, a chunk at a time, added in order: a large
        // handbook's pages are never all in memory at once.
        for chunk in self.pages.chunks(PAGES_AT_A_TIME) {
            let rendered: Vec<_> = chunk
                .par_iter()
                .map(|page| {
                    let mut ctx = self.page_context(page);
                    if page.is_home {
                        ctx.extend(home.clone());
                    }
                    self.render_page(&page.template, &ctx)
                })
                .collect();
            for (page, html) in chunk.iter().zip(rendered) {
                add(&page.out, html);
            }
        }
        for (slug, out, role) in role_pages(&self.roles) {
            let mut ctx = self.base_context(out, &role.title, &role.summary);
            ctx.insert("role", &RoleView { slug, role });
            if self.roles_untranslated {
                ctx.insert("untranslated", &self.trees[0].tag);
            }
            add(out, self.render_page("role.html", &ctx));
        }
        let words = self.words();
        let mut ctx = self.base_context(SEARCH_PAGE, words.t("base.search"), "");
        ctx.insert("entries", &self.search_links());
        ctx.insert("search_index", SEARCH_INDEX);
        add(SEARCH_PAGE, self.render_page("search.html", &ctx));

        // Served for any missing path, so its links are absolute when they
        // can be; one for the site, in the default language.
        if self.is_default_language() {
            let mut ctx = self.base_context("404.html", words.t("404.title"), "");
            let root = format!("{}/", self.site.base_url);
            ctx.insert("root", &root);
            ctx.insert("assets", &root);
            ctx.insert("languages", &Vec::<LanguageLink>::new());
            ctx.insert("nav_html", &self.nav_html(&root, "404.html", &[]));
            ctx.insert("canonical", "");
            add("404.html", self.render_page("404.html", &ctx));
        }

        for e in errors {
            e.report(diags);
        }
        files.add(SEARCH_INDEX, self.search_index());
        if !self.is_default_language() {
            // One sitemap and one copy of the static files serve every tree.
            for page in &self.pages {
                for alias in &page.aliases {
                    files.add(alias.clone(), redirect(&relative(alias, &page.out)));
                }
            }
            return count;
        }
        files.add("sitemap.xml", self.sitemap_xml(sitemap_extra));
        for page in &self.pages {
            for alias in &page.aliases {
                files.add(alias.clone(), redirect(&relative(alias, &page.out)));
            }
        }
        for (path, bytes) in self.static_files.iter() {
            files.add(path.clone(), bytes.clone());
        }
        count
    }

    /// Every page and role page, in reading order: the search page's list without JavaScript.
    fn search_links(&self) -> Vec<Link> {
        self.pages
            .iter()
            .map(|p| Link {
                title: p.title.clone(),
                url: p.out.clone(),
                description: p.description.clone(),
            })
            .chain(self.role_links())
            .collect()
    }

    /// The search index as a script defining `window.MENTORBOOK_SEARCH`
    /// (a script rather than JSON so that it loads from `file://` too).
    pub fn search_index(&self) -> String {
        let mut entries: Vec<SearchEntry> = self
            .pages
            .iter()
            .map(|p| SearchEntry {
                title: &p.title,
                url: &p.out,
                description: &p.description,
                headings: p.headings.iter().map(|h| h.title.as_str()).collect(),
                text: excerpt(&p.text),
            })
            .collect();
        for (_, out, role) in role_pages(&self.roles) {
            let items = role.hats.iter().chain(&role.expectations);
            entries.push(SearchEntry {
                title: &role.title,
                url: out,
                description: &role.summary,
                headings: items.clone().map(|i| i.name.as_str()).collect(),
                text: excerpt(
                    &items
                        .map(|i| i.summary.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            });
        }
        let json = serde_json::to_string(&entries).unwrap_or_else(|_| "[]".to_string());
        format!("window.MENTORBOOK_SEARCH = {json};\n")
    }

    /// `sitemap.xml`: every handbook page and role page, plus `extra` output
    /// files (dashboards, reports), as absolute URLs, sorted.
    pub fn sitemap_xml(&self, extra: &[&str]) -> String {
        let mut outs: Vec<&str> = self.pages.iter().map(|p| p.out.as_str()).collect();
        if !self.pages.iter().any(|p| p.is_home) {
            outs.push("index.html");
        }
        outs.extend(ROLE_PAGES.iter().map(|(_, out)| *out));
        outs.extend(extra);
        outs.sort_unstable_by_key(|out| content::pretty_url(out));
        outs.dedup();
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        if self.trees.len() > 1 {
            return self.sitemap_with_alternates(&outs);
        }
        for out in outs {
            xml.push_str("  <url><loc>");
            xml.push_str(&escape_html(&self.absolute_url(out)));
            xml.push_str("</loc></url>\n");
        }
        xml.push_str("</urlset>\n");
        xml
    }
}

impl Handbook {
    /// The sitemap of a site in several languages: every page of every
    /// tree, each listing the same page in every language (`xhtml:link`,
    /// as search engines read alternates).
    fn sitemap_with_alternates(&self, outs: &[&str]) -> String {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
        );
        let url = |prefix: &str, out: &str| {
            escape_html(&format!(
                "{}/{prefix}{}",
                self.site.base_url,
                content::pretty_url(out)
            ))
        };
        for tree in &self.trees {
            for out in outs {
                xml.push_str("  <url><loc>");
                xml.push_str(&url(&tree.prefix, out));
                xml.push_str("</loc>");
                for other in &self.trees {
                    xml.push_str("<xhtml:link rel=\"alternate\" hreflang=\"");
                    xml.push_str(&other.tag);
                    xml.push_str("\" href=\"");
                    xml.push_str(&url(&other.prefix, out));
                    xml.push_str("\"/>");
                }
                xml.push_str("</url>\n");
            }
        }
        xml.push_str("</urlset>\n");
        xml
    }
}

/// One language of the switcher and of the `hreflang` alternates.
#[derive(Serialize)]
struct LanguageLink {
    tag: String,
    /// The language's name in itself.
    name: String,
    /// The same page in that language, relative to this page.
    url: String,
    /// The same, absolute when the site has a `base_url`.
    href: String,
    /// This page's own language.
    current: bool,
    rtl: bool,
}

/// A role as `role.html` receives it.
#[derive(Serialize)]
struct RoleView<'a> {
    slug: &'a str,
    #[serde(flatten)]
    role: &'a Role,
}

/// A page that sends the reader on to `to` (a relative URL), without JavaScript.
fn redirect(to: &str) -> String {
    let to = escape_html(to);
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Moved</title>\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n<link rel=\"canonical\" href=\"{to}\"></head>\n<body><p>This page has moved to <a href=\"{to}\">{to}</a>.</p></body></html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_short() {
        assert_eq!(excerpt("short"), "short");
        assert_eq!(excerpt(&"é".repeat(700)).chars().count(), EXCERPT_CHARS + 1);
    }
}
