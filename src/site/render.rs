//! Writing the handbook: each page with its own small context, then search, 404, sitemap, static files.

use serde::Serialize;
use tera::Context;

use crate::diag::Diagnostics;
use crate::output::SiteFiles;
use crate::util::html::escape_html;

use super::links::{relative, root_prefix};
use super::roles::Role;
use super::{Handbook, Link, Page, ROLE_PAGES, SEARCH_INDEX, SEARCH_PAGE, content, role_pages};

/// One entry of the search index.
#[derive(Serialize)]
struct SearchEntry<'a> {
    title: &'a str,
    url: &'a str,
    description: &'a str,
    headings: Vec<&'a str>,
    text: String,
}

/// How much of a page's text goes into the search index.
const EXCERPT_CHARS: usize = 600;

fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

impl Handbook {
    /// The context every page gets: `site`, `root` (relative prefix to the
    /// site root), `current` (this page's output file), `canonical`,
    /// `title`, `description`, `nav`, `role_links` and empty `breadcrumbs`.
    /// Other stages add their own keys and call [`Handbook::render_page`].
    pub fn base_context(&self, out: &str, title: &str, description: &str) -> Context {
        let mut ctx = Context::new();
        ctx.insert("site", &self.site);
        ctx.insert("root", &root_prefix(out));
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
        ctx.insert(
            "description",
            if description.is_empty() {
                self.site.description.as_str()
            } else {
                description
            },
        );
        ctx.insert("nav_html", &self.nav_html(&root_prefix(out), out));
        ctx.insert("role_links", &self.role_links());
        ctx.insert("breadcrumbs", &Vec::<Link>::new());
        ctx
    }

    /// The navigation as HTML for the page `out`: rendered once per
    /// relative root, then the page's own link marked `aria-current`.
    fn nav_html(&self, root: &str, out: &str) -> String {
        let cached = self
            .nav_html
            .lock()
            .ok()
            .and_then(|cache| cache.get(root).cloned());
        let nav = match cached {
            Some(nav) => nav,
            None => {
                let mut ctx = Context::new();
                ctx.insert("site", &self.site);
                ctx.insert("root", root);
                ctx.insert("current", "");
                ctx.insert("nav", &self.nav);
                ctx.insert("role_links", &self.role_links());
                // A broken nav template is reported when the page itself renders.
                let html = self
                    .render_page("partials/nav.html", &ctx)
                    .unwrap_or_default();
                let nav = std::sync::Arc::new(super::NavHtml::new(html));
                if let Ok(mut cache) = self.nav_html.lock() {
                    cache.insert(root.to_string(), std::sync::Arc::clone(&nav));
                }
                nav
            }
        };
        nav.marking(&escape_html(&format!("{root}{out}")))
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
        let mut ctx = self.base_context(&page.out, &page.title, &page.description);
        if page.is_home {
            // The home page lists the handbook's sections as cards.
            ctx.insert("nav", &self.nav);
        }
        ctx.insert("content", &page.html);
        ctx.insert("toc", &page.toc);
        ctx.insert("breadcrumbs", &page.breadcrumbs);
        ctx.insert("prev", &page.prev);
        ctx.insert("next", &page.next);
        ctx.insert("pages", &page.children);
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
        let mut emit =
            |out: &str, template: &str, ctx: &Context, diags: &mut Diagnostics| match self
                .render_page(template, ctx)
            {
                Ok(html) => {
                    files.add(out, html);
                    count += 1;
                }
                Err(e) => e.report(diags),
            };
        let has_home = self.pages.iter().any(|p| p.is_home);
        if !has_home {
            let mut ctx = self.base_context("index.html", &self.site.title, "");
            for (key, value) in [("content", ""), ("prev", ""), ("next", "")] {
                ctx.insert(key, value);
            }
            ctx.insert("toc", &Vec::<String>::new());
            ctx.insert("pages", &Vec::<Link>::new());
            ctx.insert("nav", &self.nav);
            ctx.extend(home.clone());
            emit("index.html", "home.html", &ctx, diags);
        }
        for page in &self.pages {
            let mut ctx = self.page_context(page);
            if page.is_home {
                ctx.extend(home.clone());
            }
            emit(&page.out, &page.template, &ctx, diags);
        }
        for (slug, out, role) in role_pages(&self.roles) {
            let mut ctx = self.base_context(out, &role.title, &role.summary);
            ctx.insert("role", &RoleView { slug, role });
            emit(out, "role.html", &ctx, diags);
        }
        let mut ctx = self.base_context(SEARCH_PAGE, "Search", "");
        ctx.insert("entries", &self.search_links());
        ctx.insert("search_index", SEARCH_INDEX);
        emit(SEARCH_PAGE, "search.html", &ctx, diags);

        // Served for any missing path, so its links are absolute when they can be.
        let mut ctx = self.base_context("404.html", "Page not found", "");
        let root = format!("{}/", self.site.base_url);
        ctx.insert("root", &root);
        ctx.insert("nav_html", &self.nav_html(&root, "404.html"));
        ctx.insert("canonical", "");
        emit("404.html", "404.html", &ctx, diags);

        files.add(SEARCH_INDEX, self.search_index());
        files.add("sitemap.xml", self.sitemap_xml(sitemap_extra));
        for page in &self.pages {
            for alias in &page.aliases {
                files.add(alias.clone(), redirect(&relative(alias, &page.out)));
            }
        }
        for (path, bytes) in &self.static_files {
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
        for out in outs {
            xml.push_str("  <url><loc>");
            xml.push_str(&escape_html(&self.absolute_url(out)));
            xml.push_str("</loc></url>\n");
        }
        xml.push_str("</urlset>\n");
        xml
    }
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
