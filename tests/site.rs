//! The handbook site built from fixture programs and from the repository's own content.

mod common;

use common::{Workdir, example, repo};

/// A program with a small handbook: a home page, one section with three
/// pages, a subsection, and a draft.
fn handbook() -> Workdir {
    let w = Workdir::new();
    w.write(
        "content/_index.md",
        "+++\ntitle = \"Our program\"\n+++\n\nStart with [the guide](@/guide/_index.md).\n",
    );
    w.write(
        "content/guide/_index.md",
        "+++\ntitle = \"Guide\"\nweight = 1\n+++\n\nThe guide.\n",
    );
    w.write(
        "content/guide/zebra.md",
        "+++\ntitle = \"Zebra\"\nweight = 10\n+++\n\nFirst by weight.\n",
    );
    w.write(
        "content/guide/beta.md",
        "+++\ntitle = \"Beta\"\nweight = 20\n+++\n\n## One\n\n## Two\n\n### Two and a half\n\nSee [zebra](@/guide/zebra.md) and the [coach](@/roles/mentor#coach).\n",
    );
    w.write(
        "content/guide/alpha.md",
        "+++\ntitle = \"Alpha\"\nweight = 20\ndescription = \"Same weight as Beta\"\n+++\n\nBack to [Beta, part two](@/guide/beta.md#two).\n",
    );
    w.write(
        "content/guide/staff/_index.md",
        "+++\ntitle = \"Staff\"\nweight = 30\n+++\n\nFor staff.\n",
    );
    w.write(
        "content/guide/staff/routine.md",
        "+++\ntitle = \"Routine\"\n+++\n\nMonthly.\n",
    );
    w.write(
        "content/guide/unfinished.md",
        "+++\ntitle = \"Unfinished\"\ndraft = true\n+++\n\nNot yet.\n",
    );
    w
}

/// The output page of a content file: pretty URLs (docs/site.md).
fn out_path(content: &str) -> String {
    let stem = content.strip_suffix(".md").unwrap_or(content);
    match stem.strip_suffix("_index") {
        Some(dir) => format!("{dir}index.html"),
        None => format!("{stem}/index.html"),
    }
}

#[test]
fn the_repository_handbook_builds_with_every_link_resolved() {
    let site = example(2);
    let content = repo().join("content");
    let mut count = 0;
    for entry in walkdir::WalkDir::new(&content) {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        let Ok(rel) = entry.path().strip_prefix(&content) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if !rel.ends_with(".md") {
            continue;
        }
        // The example publishes in en and pt-BR (docs/languages.md): every
        // page in both trees, a translation at its original's place.
        if let Some(original) = rel.strip_suffix(".pt-br.md") {
            let out = format!("pt-br/{}", out_path(&format!("{original}.md")));
            assert!(site.has(&out), "{rel} has no page {out}");
            continue;
        }
        let out = out_path(&rel);
        assert!(site.has(&out), "{rel} has no page {out}");
        assert!(site.has(&format!("pt-br/{out}")), "{rel} has no pt-BR page");
        count += 1;
    }
    assert_eq!(count, 16);
    // Every link of every page, the handbook's and the dashboards' alike.
    let (followed, broken) = site.links(Some("https://mentoring.example.org/"));
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(followed > 1000, "only {followed} links followed");
    for (path, html) in site.pages() {
        assert!(!html.contains("href=\"@/"), "{path} has an unresolved link");
    }
    for page in [
        "roles/mentor/index.html",
        "roles/mentee/index.html",
        "search/index.html",
        "404.html",
        "sitemap.xml",
        "search-index.js",
        "assets/style.css",
        "assets/search.js",
    ] {
        site.text(page);
    }
    let mentor = site.text("roles/mentor/index.html");
    assert!(mentor.contains("id=\"coach\""));
    let welcome = site.text("handbook/welcome/index.html");
    assert!(welcome.contains("href=\"../../handbook/confidentiality/index.html\""));
    assert!(welcome.contains("href=\"../../roles/mentor/index.html\""));
    assert!(
        site.text("sitemap.xml")
            .contains("<loc>https://mentoring.example.org/handbook/welcome/</loc>")
    );
}

/// Where each of `needles` first occurs in `html` (a panic if one is missing).
fn positions(html: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| {
            html.find(n)
                .unwrap_or_else(|| panic!("{n} not in the page:\n{html}"))
        })
        .collect()
}

#[test]
fn pages_get_pretty_urls_nav_order_and_neighbours() {
    let site = handbook().build();
    for page in [
        "index.html",
        "guide/index.html",
        "guide/zebra/index.html",
        "guide/alpha/index.html",
        "guide/beta/index.html",
        "guide/staff/index.html",
        "guide/staff/routine/index.html",
    ] {
        site.text(page);
    }
    assert!(
        !site.has("guide/unfinished/index.html"),
        "drafts are skipped"
    );

    // Weight first, then title: Zebra (10), Alpha (20), Beta (20), Staff (30).
    let page = site.text("guide/alpha/index.html");
    let nav = &page[page.find("class=\"site-nav\"").unwrap_or(0)..];
    let at = positions(nav, &[">Zebra<", ">Alpha<", ">Beta<", ">Staff<"]);
    assert!(at.windows(2).all(|w| w[0] < w[1]), "nav order: {at:?}");
    let routine = site.text("guide/staff/routine/index.html");
    let nav = &routine[routine.find("class=\"site-nav\"").unwrap_or(0)..];
    let at = positions(
        nav,
        &[">Zebra<", ">Alpha<", ">Beta<", ">Staff<", ">Routine<"],
    );
    assert!(at.windows(2).all(|w| w[0] < w[1]), "nav order: {at:?}");
    assert!(
        page.contains("<a href=\"../../guide/alpha/index.html\" aria-current=\"page\">Alpha</a>")
    );

    // Reading order: Guide, Zebra, Alpha, Beta, Staff, Routine.
    assert!(page.contains("rel=\"prev\" href=\"../../guide/zebra/index.html\""));
    assert!(page.contains("rel=\"next\" href=\"../../guide/beta/index.html\""));
    let routine = site.text("guide/staff/routine/index.html");
    assert!(routine.contains("rel=\"prev\" href=\"../../../guide/staff/index.html\""));
    assert!(!routine.contains("rel=\"next\""));
    assert!(routine.contains(
        "<li><a href=\"../../../guide/index.html\">Guide</a></li><li><a href=\"../../../guide/staff/index.html\">Staff</a></li>"
    ), "breadcrumbs:\n{routine}");

    // Sections list their pages in the same order.
    let guide = site.text("guide/index.html");
    let list = &guide[guide.find("In this section").unwrap_or(0)..];
    let at = positions(list, &[">Zebra<", ">Alpha<", ">Beta<", ">Staff<"]);
    assert!(at.windows(2).all(|w| w[0] < w[1]), "section order: {at:?}");
}

#[test]
fn internal_links_resolve_to_relative_urls() {
    let site = handbook().build();
    let beta = site.text("guide/beta/index.html");
    assert!(beta.contains("<a href=\"../../guide/zebra/index.html\">zebra</a>"));
    assert!(beta.contains("<a href=\"../../roles/mentor/index.html#coach\">coach</a>"));
    assert!(beta.contains("<h2 id=\"two\">Two <a class=\"anchor\" href=\"#two\">"));
    assert!(
        beta.contains("class=\"toc\""),
        "three h2/h3 make a table of contents"
    );
    let alpha = site.text("guide/alpha/index.html");
    assert!(alpha.contains("href=\"../../guide/beta/index.html#two\""));
    assert!(!alpha.contains("class=\"toc\""));
    let home = site.text("index.html");
    assert!(home.contains("href=\"guide/index.html\""));
    assert!(home.contains("href=\"roles/mentee/index.html\""));
    let (followed, broken) = site.links(None);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(followed > 300, "only {followed} links followed");
}

#[test]
fn broken_links_and_anchors_are_reported_with_file_and_line() {
    let w = handbook();
    w.write(
        "content/guide/alpha.md",
        "+++\ntitle = \"Alpha\"\n+++\n\nFine: [beta](@/guide/beta.md).\n\nBroken: [gone](@/nowhere/gone.md)\nand [typo](@/guide/beta.md#tow) and [card](@/roles/mentee#coach).\n",
    );
    let expected = [
        "error: content/guide/alpha.md:7: link to @/nowhere/gone.md: no such page",
        "error: content/guide/alpha.md:8: link to @/guide/beta.md#tow: no such anchor on that page",
        "error: content/guide/alpha.md:8: link to @/roles/mentee#coach: no such anchor on that page",
    ];
    assert_eq!(w.build_errors(), expected);
    let check = w.run(&["check"]);
    assert_eq!(check.code(), 1);
    assert_eq!(check.diagnostics(), expected, "check finds them too");
}

/// A misspelt page gets the page it most likely meant, never the section's
/// `_index.md` (docs/site.md): pages are offered for pages, sections for sections.
#[test]
fn misspelt_links_are_offered_pages_not_section_indexes() {
    let w = handbook();
    w.write(
        "content/guide/alpha.md",
        "+++\ntitle = \"Alpha\"\n+++\n\n[a](@/guide/zebar.md) [b](@/guide/index.md) [c](@/gide/_index.md) [d](@/guide/staff/routin.md)\n",
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: content/guide/alpha.md:5: link to @/guide/zebar.md: no such page: did you mean `@/guide/zebra.md`?",
            "error: content/guide/alpha.md:5: link to @/guide/index.md: no such page",
            "error: content/guide/alpha.md:5: link to @/gide/_index.md: no such page: did you mean `@/guide/_index.md`?",
            "error: content/guide/alpha.md:5: link to @/guide/staff/routin.md: no such page: did you mean `@/guide/staff/routine.md`?",
        ]
    );
}

#[test]
fn front_matter_problems_name_file_and_line() {
    let w = handbook();
    w.write(
        "content/guide/alpha.md",
        "+++\ntitle = \"Alpha\"\nweight = 2\nauthor = \"Sam\"\n+++\n\nText.\n",
    );
    w.write(
        "content/guide/beta.md",
        "+++\ntitle = \"Beta\"\n\nNo closing fence.\n",
    );
    let errors = w.build_errors();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0]
            .starts_with("error: content/guide/alpha.md:4: front matter: unknown key `author`"),
        "{errors:?}"
    );
    assert_eq!(
        errors[1],
        "error: content/guide/beta.md:1: the front matter opened here is never closed (add a `+++` line after it)"
    );
}

#[test]
fn titles_are_escaped() {
    let w = handbook();
    w.write(
        "content/guide/alpha.md",
        "+++\ntitle = \"<script>alert(1)</script> & more\"\n+++\n\nText.\n",
    );
    let site = w.build();
    for (page, html) in site.pages() {
        assert!(!html.contains("<script>alert"), "{page} has the raw title");
    }
    for out in [
        "guide/alpha/index.html",
        "guide/beta/index.html",
        "search/index.html",
    ] {
        let html = site.text(out);
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp; more")
                || html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"),
            "{out}:\n{html}"
        );
    }
}

#[test]
fn program_templates_override_the_theme_which_overrides_the_built_in() {
    let w = handbook();
    w.write("mentorbook.toml", "title = \"Themed\"\ntheme = \"calm\"\n");
    w.write(
        "themes/calm/templates/page.html",
        "{% extends \"base.html\" %}{% block main %}THEME PAGE {{ title }}{% endblock %}",
    );
    w.write(
        "themes/calm/templates/section.html",
        "{% extends \"base.html\" %}{% block main %}THEME SECTION {{ title }}{% endblock %}",
    );
    w.write("themes/calm/static/assets/style.css", "/* calm */");
    // The program's own section.html wins over the theme's and extends it.
    w.write(
        "templates/section.html",
        "{% extends \"theme/section.html\" %}{% block footer %}PROGRAM FOOTER{% endblock %}",
    );
    w.write("static/robots.txt", "User-agent: *\n");
    let site = w.build();
    let page = site.text("guide/alpha/index.html");
    assert!(page.contains("THEME PAGE Alpha"), "{page}");
    assert!(
        page.contains("<link rel=\"stylesheet\""),
        "the built-in base.html is used"
    );
    let section = site.text("guide/index.html");
    assert!(
        section.contains("THEME SECTION Guide") && section.contains("PROGRAM FOOTER"),
        "{section}"
    );
    // Built-in templates stay where nothing overrides them.
    assert!(
        site.text("roles/mentor/index.html")
            .contains("class=\"card role-card\"")
    );
    assert_eq!(site.text("assets/style.css"), "/* calm */");
    assert!(site.text("assets/search.js").contains("MENTORBOOK_SEARCH"));
    assert_eq!(site.text("robots.txt"), "User-agent: *\n");

    w.write(
        "mentorbook.toml",
        "title = \"Themed\"\ntheme = \"stormy\"\n",
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: mentorbook.toml: theme `stormy`: no such theme (expected a folder themes/stormy/ with templates/ and static/, or theme = \"default\")"
        ]
    );
}

#[test]
fn template_errors_name_the_template_and_line() {
    let w = handbook();
    w.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ title }</h1>\n{% endblock %}\n",
    );
    let errors = w.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("error: templates/page.html:3: column "),
        "{errors:?}"
    );

    // An error while rendering points at the template too.
    let w = handbook();
    w.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n\n{{ no_such_value.field }}\n{% endblock %}\n",
    );
    // Once, however many pages use page.html.
    let errors = w.build_errors();
    assert_eq!(
        errors,
        [
            "error: templates/page.html:4: column 4: template error: Variable `no_such_value` is not defined. Available variables: assets, breadcrumbs, canonical, content, current, data_dir, description, languages, nav_html, next, pages, prev, role_links, root, site, title, toc"
        ]
    );
}

#[test]
fn role_cards_have_ids_from_roles_toml() {
    let w = handbook();
    w.write(
        "roles.toml",
        "[mentor]\ntitle = \"Guide\"\nsummary = \"You guide.\"\nhats_title = \"Two hats\"\n\
[[mentor.hats]]\nid = \"coach\"\nname = \"Listener\"\nsummary = \"You listen.\"\nquestions = [\"What else?\"]\n\
[[mentor.expectations]]\nid = \"on-time\"\nname = \"On time\"\nsummary = \"Be there.\"\nindicator = \"meetings.per_pair_month\"\ntarget = \">= 1\"\n\
[mentee]\ntitle = \"Learner\"\nsummary = \"You learn.\"\nhats_title = \"Roles\"\n\
[[mentee.hats]]\nid = \"self-coach\"\nname = \"Self-coach\"\nsummary = \"s\"\n",
    );
    let site = w.build();
    let mentor = site.text("roles/mentor/index.html");
    assert!(mentor.contains("<section class=\"card role-card\" id=\"coach\""));
    assert!(mentor.contains("<section class=\"card role-card\" id=\"on-time\""));
    assert!(
        mentor.contains("<code>meetings.per_pair_month</code> &gt;= 1"),
        "{mentor}"
    );
    assert!(mentor.contains("<h1>Guide</h1>") && mentor.contains("What else?"));
    w.write(
        "roles.toml",
        "[mentor]\ntitle = \"Guide\"\nsummary = \"s\"\nhats_title = \"h\"\nbogus = 1\n[mentee]\ntitle = \"L\"\nsummary = \"s\"\nhats_title = \"h\"\n",
    );
    let errors = w.build_errors();
    assert!(
        errors[0].starts_with("error: roles.toml:5: unknown key `bogus`"),
        "{errors:?}"
    );
}

#[test]
fn sitemap_uses_base_url_and_a_fixed_order() {
    let w = handbook();
    w.write(
        "mentorbook.toml",
        "title = \"Test program\"\nbase_url = \"https://example.org/mentoring/\"\n",
    );
    let site = w.build();
    let sitemap = site.text("sitemap.xml");
    let locs: Vec<&str> = sitemap
        .lines()
        .filter_map(|l| l.trim().strip_prefix("<url><loc>"))
        .filter_map(|l| l.strip_suffix("</loc></url>"))
        .collect();
    assert_eq!(
        locs,
        [
            "https://example.org/mentoring/",
            "https://example.org/mentoring/cohorts/",
            "https://example.org/mentoring/cohorts/c1/",
            "https://example.org/mentoring/cohorts/c2/",
            "https://example.org/mentoring/guide/",
            "https://example.org/mentoring/guide/alpha/",
            "https://example.org/mentoring/guide/beta/",
            "https://example.org/mentoring/guide/staff/",
            "https://example.org/mentoring/guide/staff/routine/",
            "https://example.org/mentoring/guide/zebra/",
            "https://example.org/mentoring/reports/",
            "https://example.org/mentoring/reports/2024-Q1/",
            "https://example.org/mentoring/reports/2024-Q2/",
            "https://example.org/mentoring/reports/2024-Q3/",
            "https://example.org/mentoring/roles/mentee/",
            "https://example.org/mentoring/roles/mentor/",
        ]
    );
    let beta = site.text("guide/beta/index.html");
    assert!(
        beta.contains(
            "<link rel=\"canonical\" href=\"https://example.org/mentoring/guide/beta/\">"
        )
    );
    let not_found = site.text("404.html");
    assert!(not_found.contains("href=\"https://example.org/mentoring/index.html\""));
    // The same input gives the same bytes.
    assert_eq!(w.build().differences(&site), Vec::<String>::new());
}

#[test]
fn search_index_lists_every_page() {
    let site = handbook().build();
    let index = site.text("search-index.js");
    let json = index
        .strip_prefix("window.MENTORBOOK_SEARCH = ")
        .and_then(|s| s.trim_end().strip_suffix(';'))
        .unwrap_or_else(|| panic!("{index}"));
    let entries: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"));
    let mut urls: Vec<&str> = entries
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["url"].as_str()).collect())
        .unwrap_or_default();
    urls.sort_unstable();
    // Every handbook and role page (drafts left out); dashboards and reports are not prose.
    let pages = [
        "guide/alpha/index.html",
        "guide/beta/index.html",
        "guide/index.html",
        "guide/staff/index.html",
        "guide/staff/routine/index.html",
        "guide/zebra/index.html",
        "index.html",
        "roles/mentee/index.html",
        "roles/mentor/index.html",
    ];
    assert_eq!(urls, pages);
    // The list without JavaScript links each of them.
    let search = site.text("search/index.html");
    for page in pages {
        assert!(
            search.contains(&format!("<a href=\"../{page}\">")),
            "{page} is not in the list:\n{search}"
        );
    }
    assert!(search.contains("<a href=\"../guide/zebra/index.html\">Zebra</a>"));
}

#[test]
fn a_program_without_content_still_gets_a_home_and_role_pages() {
    let w = Workdir::new();
    w.write("mentorbook.toml", "title = \"Bare\"\n");
    let site = w.build();
    assert!(site.text("index.html").contains("<h1>Bare</h1>"));
    assert!(
        site.text("roles/mentor/index.html")
            .contains("id=\"coach\""),
        "the built-in roles.toml"
    );
}

/// The handbook with every Markdown feature (tests/fixtures/markdown-handbook,
/// also checked in a browser by tests/browser/handbook.mjs) builds strictly,
/// and each feature comes out in its accessible form.
#[test]
fn every_markdown_feature_renders_accessibly() {
    let fixture = repo().join("tests/fixtures/markdown-handbook");
    let w = Workdir::empty();
    let root = fixture.to_string_lossy().into_owned();
    w.run(&["--root", &root, "check", "--strict"]).success();
    w.run(&["--root", &root, "build", "-q", "-o", "site"])
        .success();
    let site = w.site("site");
    let (followed, broken) = site.links(Some("https://fixture.example.org/handbook/"));
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(followed > 300, "{followed}");
    let extensions = site.text("markdown/extensions/index.html");
    for needle in [
        "<li class=\"task\"><input type=\"checkbox\" disabled checked aria-label=\"Done\"> Agree how often to meet</li>",
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table: Week, Mentor does, Mentee does, Together, Where, Length, Notes, Follow-up\"><table>",
        "<blockquote class=\"alert alert-caution\">\n<p class=\"alert-title\">Caution</p>",
        "<dt>Quiet pair</dt>\n<dd>A pair with no meeting in the last 30 days.</dd>\n<dd>It needs a check-in.</dd>",
        "<a href=\"#fn:1\" id=\"fnref:1-2\">",
        "<section class=\"footnotes\" aria-label=\"Footnotes\">",
        "<h2 id=\"custom-id\" class=\"special\">",
        "<del>also struck</del>",
    ] {
        assert!(
            extensions.contains(needle),
            "{needle} not in:\n{extensions}"
        );
    }
    let commonmark = site.text("markdown/commonmark/index.html");
    assert!(
        commonmark.contains("<h2 id=\"main-1\">Main"),
        "a heading never takes the skip link's id"
    );
    assert_eq!(commonmark.matches(" id=\"main\"").count(), 1);
    assert!(commonmark.contains("<img src=\"../../images/pairs.svg\" alt=\"Two circles, joined: a mentor and a mentee\" title=\"A pair\" />"));
    assert!(commonmark.contains("<summary>A disclosure</summary>"));

    // The sidebar opens the sections holding the page, and no other.
    let sidebar = |page: &str| {
        let html = site.text(page);
        let start = html.find("<nav class=\"site-nav\"").unwrap_or(0);
        let end = html[start..]
            .find("</nav>")
            .map_or(html.len(), |e| start + e);
        html[start..end].to_string()
    };
    let bottom = sidebar("markdown/deep/deeper/bottom/index.html");
    for open in [
        "markdown/index.html",
        "markdown/deep/index.html",
        "markdown/deep/deeper/index.html",
    ] {
        assert!(
            bottom.contains(&format!(
                "<li class=\"open\"><a href=\"../../../../{open}\">"
            )),
            "{open}:\n{bottom}"
        );
    }
    assert!(bottom.contains(
        "<li class=\"closed\"><a href=\"../../../../elsewhere/index.html\">Another section</a></li>"
    ));
    assert!(bottom.contains("<a href=\"../../../../markdown/deep/deeper/bottom/index.html\" aria-current=\"page\">The bottom page</a>"));
    let elsewhere = sidebar("elsewhere/one/index.html");
    assert!(elsewhere.contains("<li class=\"closed\"><a href=\"../../markdown/index.html\">Every Markdown feature</a></li>"), "{elsewhere}");
    assert!(
        !elsewhere.contains("commonmark"),
        "a closed section lists no pages"
    );
    assert!(elsewhere.contains(
        "<li class=\"open\"><a href=\"../../elsewhere/index.html\">Another section</a><ul>"
    ));
    // Its section page lists what the sidebar leaves out.
    assert!(
        site.text("markdown/index.html")
            .contains("<a href=\"../markdown/commonmark/index.html\">CommonMark</a>")
    );
}
