//! The handbook site: load (content, roles, templates) once, then render every page into [`SiteFiles`].
//!
//! ```text
//! build_handbook(root, config, diags)   content/ → pages, links checked
//!     .render(files, diags)             pages, roles, search, 404, sitemap, static
//! ```
//! Later stages (dashboards, reports) render their own pages with the same
//! engine and layout through [`Handbook::base_context`] and [`Handbook::render_page`].

pub mod branding;
pub mod content;
pub mod dashboards;
pub mod format;
pub mod markdown;
pub mod nav;
pub mod roles;
pub mod templates;

mod links;
mod markup;
mod pages;
mod render;
pub mod translations;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::config::Config;
use crate::diag::Diagnostics;

pub use links::relative;
pub use markdown::TocEntry;
pub use nav::{NavItem, NavView};
pub use roles::{Indicator, Op, Role, RoleItem, Roles};
pub use templates::{Engine, TemplateError};

/// A link as templates receive it: site-relative `url` (prefix it with `root`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Link {
    pub title: String,
    pub url: String,
    pub description: String,
}

/// The config values templates see as `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteInfo {
    pub title: String,
    pub description: String,
    /// Without a trailing `/`; empty when not set.
    pub base_url: String,
    pub language: String,
    /// Whether the language is written right to left (`dir="rtl"`).
    pub rtl: bool,
    /// The logo's path from the site root (`[branding] logo`), or empty.
    pub logo: String,
    /// `[branding]` accent colours as `#rrggbb` (light, dark), or empty.
    pub accent: String,
    pub accent_dark: String,
}

/// One rendered content page, ready for its template.
#[derive(Debug, Clone)]
pub struct Page {
    pub file: String,
    /// Output file, e.g. `handbook/welcome/index.html`.
    pub out: String,
    pub title: String,
    pub description: String,
    pub template: String,
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub headings: Vec<markdown::Heading>,
    pub text: String,
    pub breadcrumbs: Vec<Link>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    /// A section's pages and subsections, in order.
    pub children: Vec<Link>,
    pub aliases: Vec<String>,
    pub is_home: bool,
    /// A section (`_index.md`): its own entry opens in the navigation.
    pub is_section: bool,
    /// Published in another language's tree in the default language, with
    /// a notice: the default language's tag (docs/languages.md).
    pub untranslated: Option<String>,
}

/// One language's tree of the site, as links between trees need it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TreeInfo {
    /// Canonical tag: `pt-BR`.
    pub tag: String,
    /// The language's name in itself, for the switcher.
    pub name: String,
    /// Where the tree is in the site: `""` for the default language, `pt-br/`.
    pub prefix: String,
}

/// The handbook, loaded and checked: everything needed to render it.
pub struct Handbook {
    engine: std::sync::Arc<Engine>,
    site: SiteInfo,
    /// This tree's language and place in the site.
    tree: TreeInfo,
    /// Every language's tree, the default first (one entry for a one-language site).
    trees: Vec<TreeInfo>,
    /// The other languages' handbooks (only the default language's has any).
    translations: Vec<Handbook>,
    /// Role cards published in the default language, with a notice.
    roles_untranslated: bool,
    pages: Vec<Page>,
    roles: Roles,
    nav: Vec<NavItem>,
    /// The site's static files, shared by every language's handbook
    /// (written once, by the default language's).
    static_files: std::sync::Arc<BTreeMap<String, Vec<u8>>>,
    /// The logo as a `data:` URI, for self-contained pages; or empty.
    logo_inline: String,
    /// `partials/nav.html` rendered once per relative root (`""`, `"../"`,
    /// …) and open section: rendering it per page made a large handbook's
    /// build quadratic.
    nav_html: std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<NavHtml>>>,
    /// Every language's built-in words, as the program's catalogs override them.
    words: std::sync::Arc<crate::i18n::Catalogs>,
}

/// The navigation rendered for one relative root, with where each link's
/// `href="…"` ends, so a page's own link is marked without a search.
pub struct NavHtml {
    html: String,
    /// Link target (as written in the href) → byte offset just after its closing quote.
    links: std::collections::HashMap<String, usize>,
}

impl NavHtml {
    fn new(html: String) -> NavHtml {
        let mut links = std::collections::HashMap::new();
        let mut rest = 0;
        while let Some(at) = html[rest..].find("href=\"") {
            let start = rest + at + "href=\"".len();
            let Some(len) = html[start..].find('"') else {
                break;
            };
            // The first link to a target is the one marked.
            links
                .entry(html[start..start + len].to_string())
                .or_insert(start + len + 1);
            rest = start + len + 1;
        }
        NavHtml { html, links }
    }

    /// The HTML with the link to `target` marked as the current page.
    fn marking(&self, target: &str) -> String {
        match self.links.get(target) {
            Some(&at) => {
                const CURRENT: &str = " aria-current=\"page\"";
                let mut html = String::with_capacity(self.html.len() + CURRENT.len());
                html.push_str(&self.html[..at]);
                html.push_str(CURRENT);
                html.push_str(&self.html[at..]);
                html
            }
            None => self.html.clone(),
        }
    }
}

/// The role pages: (slug, output file).
pub const ROLE_PAGES: [(&str, &str); 2] = [
    ("mentor", "roles/mentor/index.html"),
    ("mentee", "roles/mentee/index.html"),
];
/// Each role with its slug and page: `("mentor", "roles/mentor/index.html", &roles.mentor)`.
pub fn role_pages(roles: &Roles) -> [(&'static str, &'static str, &Role); 2] {
    let [(mentor_slug, mentor_out), (mentee_slug, mentee_out)] = ROLE_PAGES;
    [
        (mentor_slug, mentor_out, &roles.mentor),
        (mentee_slug, mentee_out, &roles.mentee),
    ]
}

/// The search page.
pub const SEARCH_PAGE: &str = "search/index.html";
/// The search index, a script so that search works from `file://` too.
pub const SEARCH_INDEX: &str = "search-index.js";

/// Loads and checks the handbook of the program folder at `root`: content
/// (front matter, internal links and anchors), `roles.toml`, templates and
/// static files. Every problem goes to `diags`; the handbook is returned
/// only when there were no errors.
pub fn build_handbook(root: &Path, config: &Config, diags: &mut Diagnostics) -> Option<Handbook> {
    let before = diags.error_count();
    let theme = match templates::theme_dir(root, &config.theme) {
        Ok(theme) => theme,
        Err(e) => {
            e.report(diags);
            return None;
        }
    };
    let words = std::sync::Arc::new(crate::i18n::Catalogs::load(
        root,
        theme.as_deref(),
        &languages(config),
        diags,
    ));
    let engine = Engine::load(root, theme.as_deref(), std::sync::Arc::clone(&words), diags);
    let mut static_files = templates::load_static(root, theme.as_deref(), diags);
    let brand = branding::apply(root, &config.branding, &mut static_files, diags);
    let static_files = std::sync::Arc::new(static_files);
    let roles = roles::load(root, diags);
    let sources = content::load(&root.join("content"), diags);
    let (mut sources, others) = translations::split(sources, &config.languages, diags);
    // The home page's heading is the site's title unless it sets its own
    // (docs/site.md): the name of the program is written once, in the config.
    for s in sources.iter_mut().filter(|s| s.title.is_empty()) {
        s.title = config.title.clone();
    }
    let roles = roles?;
    let other_roles = translations::load_roles(root, &config.languages, &roles, diags);
    let tree = content::arrange(&sources);
    let pages = pages::build(&sources, &tree, &roles, engine.as_ref(), &[], diags);
    // The other languages are checked even when the default's has errors.
    let engine = std::sync::Arc::new(engine?);
    let trees: Vec<TreeInfo> = config
        .languages
        .all()
        .enumerate()
        .map(|(i, tag)| TreeInfo {
            tag: tag.to_string(),
            name: crate::config::languages::autonym(tag).to_string(),
            prefix: if i == 0 {
                String::new()
            } else {
                format!("{}/", crate::config::languages::tag_path(tag))
            },
        })
        .collect();
    let site = SiteInfo {
        title: config.title.clone(),
        description: config.description.clone(),
        base_url: config.base_url.trim_end_matches('/').to_string(),
        language: config.language().to_string(),
        rtl: crate::config::languages::is_rtl(config.language()),
        logo: brand.logo,
        accent: brand.accent,
        accent_dark: brand.accent_dark,
    };
    let mut translated = Vec::new();
    for ((lang, roles), info) in others.into_iter().zip(other_roles).zip(&trees[1..]) {
        let Some((roles, roles_untranslated)) = roles else {
            continue;
        };
        let translation = config.languages.translations.get(&lang.tag);
        let title = translation
            .and_then(|t| t.title.clone())
            .unwrap_or_else(|| config.title.clone());
        let mut sources = lang.sources;
        // The home page's heading: the site's title in this language,
        // unless the page sets its own.
        for s in sources.iter_mut().filter(|s| s.key == "_index.md") {
            if s.title.is_empty() || s.title == config.title {
                s.title = title.clone();
            }
        }
        let tree = content::arrange(&sources);
        // An untranslated page's problems were reported with its original.
        let mut own = Diagnostics::new();
        let mut pages = pages::build(
            &sources,
            &tree,
            &roles,
            Some(&*engine),
            &lang.untranslated,
            &mut own,
        );
        for d in own.shown() {
            let original = lang
                .untranslated
                .iter()
                .zip(&sources)
                .any(|(&u, s)| u && s.file == d.file);
            if !original {
                diags.push(d.clone());
            }
        }
        let missing = lang.untranslated.iter().filter(|&&u| u).count();
        if missing > 0 {
            diags.warning(
                "content",
                None,
                format!(
                    "{missing} of {} pages {} no `{}` translation yet: published in `{}` with a notice in the `{}` tree",
                    sources.len(),
                    if missing == 1 { "has" } else { "have" },
                    lang.tag,
                    config.language(),
                    info.prefix.trim_end_matches('/'),
                ),
            );
        }
        for (page, untranslated) in pages.iter_mut().zip(&lang.untranslated) {
            if *untranslated {
                page.untranslated = Some(config.language().to_string());
            }
        }
        translated.push(Handbook {
            engine: std::sync::Arc::clone(&engine),
            site: SiteInfo {
                title,
                description: translation
                    .and_then(|t| t.description.clone())
                    .unwrap_or_else(|| config.description.clone()),
                language: lang.tag.clone(),
                rtl: crate::config::languages::is_rtl(&lang.tag),
                ..site.clone()
            },
            tree: info.clone(),
            trees: trees.clone(),
            translations: Vec::new(),
            roles_untranslated,
            logo_inline: brand.logo_inline.clone(),
            nav: tree.nav(&sources),
            pages,
            roles,
            static_files: std::sync::Arc::clone(&static_files),
            nav_html: Default::default(),
            words: std::sync::Arc::clone(&words),
        });
    }
    if diags.error_count() > before {
        return None;
    }
    Some(Handbook {
        engine,
        site,
        tree: trees[0].clone(),
        trees,
        translations: translated,
        roles_untranslated: false,
        logo_inline: brand.logo_inline,
        nav: tree.nav(&sources),
        pages,
        roles,
        static_files,
        nav_html: Default::default(),
        words,
    })
}

/// The languages whose words a program needs: its default `language`,
/// then each of its `languages`.
pub fn languages(config: &Config) -> Vec<&str> {
    config.languages.all().collect()
}

/// Checks the handbook without rendering: what `mentorbook check` reports
/// (front matter, broken `@/` links and anchors, roles, templates).
pub fn check_handbook(root: &Path, config: &Config, diags: &mut Diagnostics) -> bool {
    build_handbook(root, config, diags).is_some()
}

impl Handbook {
    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    pub fn roles(&self) -> &Roles {
        &self.roles
    }

    /// The navigation tree (site-relative URLs), for other stages' pages.
    pub fn nav(&self) -> &[NavItem] {
        &self.nav
    }

    pub fn site(&self) -> &SiteInfo {
        &self.site
    }

    /// The words of the site's default language.
    pub fn words(&self) -> std::sync::Arc<crate::i18n::Words> {
        self.words.get(&self.site.language)
    }

    /// Every loaded language's words.
    pub fn catalogs(&self) -> &crate::i18n::Catalogs {
        &self.words
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// This tree's language and place in the site.
    pub fn tree(&self) -> &TreeInfo {
        &self.tree
    }

    /// Every language's handbook, the default first.
    pub fn languages(&self) -> impl Iterator<Item = &Handbook> {
        std::iter::once(self).chain(&self.translations)
    }

    /// The handbook of one language (by canonical tag, or lowercased).
    pub fn in_language(&self, tag: &str) -> Option<&Handbook> {
        self.languages()
            .find(|h| h.tree.tag.eq_ignore_ascii_case(tag))
    }

    /// Whether this is the default language's tree (at the site root).
    pub fn is_default_language(&self) -> bool {
        self.tree.prefix.is_empty()
    }

    /// Renders any template with a context (built from [`Self::base_context`]).
    pub fn render_page(
        &self,
        template: &str,
        context: &tera::Context,
    ) -> Result<String, TemplateError> {
        self.engine.render(template, context)
    }

    /// The theme's stylesheet, inlined by self-contained pages (report.html).
    pub fn stylesheet(&self) -> String {
        self.static_files
            .get("assets/style.css")
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default()
    }

    /// `html` with each `<link rel="stylesheet" href="…">` to one of the
    /// site's static files replaced by a `<style>` holding the file, for a
    /// page that must stand alone (report.html; docs/themes.md). Links to
    /// anything else are left as they are.
    pub fn inline_stylesheets(&self, html: &str) -> String {
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(at) = rest.find("<link ") {
            let Some(len) = rest[at..].find('>') else {
                break;
            };
            let tag = &rest[at..at + len + 1];
            let target = tag
                .contains("rel=\"stylesheet\"")
                .then(|| tag.split("href=\"").nth(1)?.split('"').next())
                .flatten()
                .map(|href| href.trim_start_matches("./").trim_start_matches("../"))
                .and_then(|path| self.static_files.get(path));
            out.push_str(&rest[..at]);
            match target {
                Some(css) => {
                    out.push_str("<style>\n");
                    out.push_str(&String::from_utf8_lossy(css));
                    out.push_str("</style>");
                }
                None => out.push_str(tag),
            }
            rest = &rest[at + len + 1..];
        }
        out.push_str(rest);
        out
    }

    /// The logo as a `data:` URI, for report.html, which carries its
    /// images inside itself; empty without `[branding] logo`.
    pub fn inline_logo(&self) -> &str {
        &self.logo_inline
    }

    /// The site's icon (`favicon.svg` of the static files, the theme's or a
    /// program's own) as a `data:` URI, for report.html; empty without one.
    pub fn inline_icon(&self) -> String {
        self.static_files
            .get("favicon.svg")
            .map(|svg| crate::util::data_uri::data_uri("image/svg+xml", svg))
            .unwrap_or_default()
    }

    /// The absolute URL of an output file (`base_url` + pretty path).
    pub fn absolute_url(&self, out: &str) -> String {
        format!(
            "{}/{}{}",
            self.site.base_url,
            self.tree.prefix,
            content::pretty_url(out)
        )
    }
}
