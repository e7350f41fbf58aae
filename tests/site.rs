//! The handbook site built from fixture programs and from the repository's own content.

use std::path::Path;

use mentorbook::config::Config;
use mentorbook::diag::Diagnostics;
use mentorbook::output::SiteFiles;
use mentorbook::site::build_handbook;

/// Builds the handbook of `root`: the files, or the diagnostics printed.
fn build(root: &Path, config: &Config) -> Result<SiteFiles, Vec<String>> {
    let mut diags = Diagnostics::new();
    let Some(handbook) = build_handbook(root, config, &mut diags) else {
        return Err(diags.report_lines());
    };
    let mut files = SiteFiles::default();
    handbook.render(&mut files, &mut diags, &tera::Context::new(), &[]);
    if diags.has_errors() {
        return Err(diags.report_lines());
    }
    Ok(files)
}

fn text<'a>(files: &'a SiteFiles, path: &str) -> &'a str {
    let bytes = files
        .files
        .get(path)
        .unwrap_or_else(|| panic!("{path} was not written; files: {:?}", files.files.keys()));
    std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_repository_handbook_builds_with_every_link_resolved() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = Config {
        base_url: "https://mentoring.example.org".into(),
        ..Config::default()
    };
    let files = build(root, &config).unwrap_or_else(|e| panic!("{}", e.join("\n")));
    let mut count = 0;
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        let Ok(rel) = entry.path().strip_prefix(root.join("content")) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if !rel.ends_with(".md") {
            continue;
        }
        let out = mentorbook::site::content::out_path(&rel);
        let html = text(&files, &out);
        assert!(!html.contains("href=\"@/"), "{out} has an unresolved link");
        count += 1;
    }
    assert_eq!(count, 16);
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
        text(&files, page);
    }
    let mentor = text(&files, "roles/mentor/index.html");
    assert!(mentor.contains("id=\"coach\""));
    let welcome = text(&files, "handbook/welcome/index.html");
    assert!(welcome.contains("href=\"../../handbook/confidentiality/index.html\""));
    assert!(welcome.contains("href=\"../../roles/mentor/index.html\""));
    assert!(
        text(&files, "sitemap.xml")
            .contains("<loc>https://mentoring.example.org/handbook/welcome/</loc>")
    );
}

/// Writes the repository's handbook to `$MENTORBOOK_SITE_DUMP` for a look in a browser.
#[test]
fn dump_for_inspection() {
    let Some(out) = std::env::var_os("MENTORBOOK_SITE_DUMP") else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = build(root, &Config::default()).unwrap_or_else(|e| panic!("{}", e.join("\n")));
    for (path, bytes) in &files.files {
        let p = Path::new(&out).join(path);
        std::fs::create_dir_all(p.parent().unwrap_or(Path::new(".")))
            .unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(p, bytes).unwrap_or_else(|e| panic!("{e}"));
    }
}

/// A program folder in a temporary directory.
struct Program {
    dir: tempfile::TempDir,
}

impl Program {
    /// A small handbook: a home page, one section with three pages, a subsection.
    fn new() -> Program {
        let p = Program {
            dir: tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}")),
        };
        p.write(
            "content/_index.md",
            "+++\ntitle = \"Our program\"\n+++\n\nStart with [the guide](@/guide/_index.md).\n",
        );
        p.write(
            "content/guide/_index.md",
            "+++\ntitle = \"Guide\"\nweight = 1\n+++\n\nThe guide.\n",
        );
        p.write(
            "content/guide/zebra.md",
            "+++\ntitle = \"Zebra\"\nweight = 10\n+++\n\nFirst by weight.\n",
        );
        p.write(
            "content/guide/beta.md",
            "+++\ntitle = \"Beta\"\nweight = 20\n+++\n\n## One\n\n## Two\n\n### Two and a half\n\nSee [zebra](@/guide/zebra.md) and the [coach](@/roles/mentor#coach).\n",
        );
        p.write(
            "content/guide/alpha.md",
            "+++\ntitle = \"Alpha\"\nweight = 20\ndescription = \"Same weight as Beta\"\n+++\n\nBack to [Beta, part two](@/guide/beta.md#two).\n",
        );
        p.write(
            "content/guide/staff/_index.md",
            "+++\ntitle = \"Staff\"\nweight = 30\n+++\n\nFor staff.\n",
        );
        p.write(
            "content/guide/staff/routine.md",
            "+++\ntitle = \"Routine\"\n+++\n\nMonthly.\n",
        );
        p.write(
            "content/guide/unfinished.md",
            "+++\ntitle = \"Unfinished\"\ndraft = true\n+++\n\nNot yet.\n",
        );
        p
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.dir.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("mkdir: {e}"));
        }
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    }

    fn build(&self) -> SiteFiles {
        self.build_with(&Config::default())
            .unwrap_or_else(|e| panic!("{}", e.join("\n")))
    }

    fn build_with(&self, config: &Config) -> Result<SiteFiles, Vec<String>> {
        build(self.path(), config)
    }

    /// The errors of a build that must fail.
    fn errors(&self) -> Vec<String> {
        match self.build_with(&Config::default()) {
            Ok(_) => panic!("the build should have failed"),
            Err(lines) => lines,
        }
    }
}

/// The titles of a nav list, in order, from the rendered HTML of `ul` after `marker`.
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
    let p = Program::new();
    let files = p.build();
    for out in [
        "index.html",
        "guide/index.html",
        "guide/zebra/index.html",
        "guide/alpha/index.html",
        "guide/beta/index.html",
        "guide/staff/index.html",
        "guide/staff/routine/index.html",
    ] {
        text(&files, out);
    }
    assert!(
        !files.files.contains_key("guide/unfinished/index.html"),
        "drafts are skipped"
    );

    // Weight first, then title: Zebra (10), Alpha (20), Beta (20), Staff (30).
    let page = text(&files, "guide/alpha/index.html");
    let nav = &page[page.find("class=\"site-nav\"").unwrap_or(0)..];
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
    let routine = text(&files, "guide/staff/routine/index.html");
    assert!(routine.contains("rel=\"prev\" href=\"../../../guide/staff/index.html\""));
    assert!(!routine.contains("rel=\"next\""));
    assert!(routine.contains(
        "<li><a href=\"../../../guide/index.html\">Guide</a></li><li><a href=\"../../../guide/staff/index.html\">Staff</a></li>"
    ), "breadcrumbs:\n{routine}");

    // Sections list their pages in the same order.
    let guide = text(&files, "guide/index.html");
    let list = &guide[guide.find("In this section").unwrap_or(0)..];
    let at = positions(list, &[">Zebra<", ">Alpha<", ">Beta<", ">Staff<"]);
    assert!(at.windows(2).all(|w| w[0] < w[1]), "section order: {at:?}");
}

#[test]
fn internal_links_resolve_to_relative_urls() {
    let p = Program::new();
    let files = p.build();
    let beta = text(&files, "guide/beta/index.html");
    assert!(beta.contains("<a href=\"../../guide/zebra/index.html\">zebra</a>"));
    assert!(beta.contains("<a href=\"../../roles/mentor/index.html#coach\">coach</a>"));
    assert!(beta.contains("<h2 id=\"two\">Two <a class=\"anchor\" href=\"#two\">"));
    assert!(
        beta.contains("class=\"toc\""),
        "three h2/h3 make a table of contents"
    );
    let alpha = text(&files, "guide/alpha/index.html");
    assert!(alpha.contains("href=\"../../guide/beta/index.html#two\""));
    assert!(!alpha.contains("class=\"toc\""));
    let home = text(&files, "index.html");
    assert!(home.contains("href=\"guide/index.html\""));
    assert!(home.contains("href=\"roles/mentee/index.html\""));
}

#[test]
fn broken_links_and_anchors_are_reported_with_file_and_line() {
    let p = Program::new();
    p.write(
        "content/guide/alpha.md",
        "+++\ntitle = \"Alpha\"\n+++\n\nFine: [beta](@/guide/beta.md).\n\nBroken: [gone](@/nowhere/gone.md)\nand [typo](@/guide/beta.md#tow) and [card](@/roles/mentee#coach).\n",
    );
    assert_eq!(
        p.errors(),
        [
            "error: content/guide/alpha.md:7: link to @/nowhere/gone.md: no such page",
            "error: content/guide/alpha.md:8: link to @/guide/beta.md#tow: no such anchor on that page",
            "error: content/guide/alpha.md:8: link to @/roles/mentee#coach: no such anchor on that page",
        ]
    );
    let mut diags = Diagnostics::new();
    assert!(!mentorbook::site::check_handbook(
        p.path(),
        &Config::default(),
        &mut diags
    ));
    assert_eq!(diags.error_count(), 3);
}

#[test]
fn front_matter_problems_name_file_and_line() {
    let p = Program::new();
    p.write(
        "content/guide/alpha.md",
        "+++\ntitle = \"Alpha\"\nweight = 2\nauthor = \"Sam\"\n+++\n\nText.\n",
    );
    p.write(
        "content/guide/beta.md",
        "+++\ntitle = \"Beta\"\n\nNo closing fence.\n",
    );
    let errors = p.errors();
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
    let p = Program::new();
    p.write(
        "content/guide/alpha.md",
        "+++\ntitle = \"<script>alert(1)</script> & more\"\n+++\n\nText.\n",
    );
    let files = p.build();
    for out in [
        "guide/alpha/index.html",
        "guide/beta/index.html",
        "search/index.html",
    ] {
        let html = text(&files, out);
        assert!(!html.contains("<script>alert"), "{out} has the raw title");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp; more")
                || html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"),
            "{out}:\n{html}"
        );
    }
}

#[test]
fn program_templates_override_the_theme_which_overrides_the_built_in() {
    let p = Program::new();
    let config = Config {
        theme: "calm".into(),
        ..Config::default()
    };
    p.write(
        "themes/calm/templates/page.html",
        "{% extends \"base.html\" %}{% block main %}THEME PAGE {{ title }}{% endblock %}",
    );
    p.write(
        "themes/calm/templates/section.html",
        "{% extends \"base.html\" %}{% block main %}THEME SECTION {{ title }}{% endblock %}",
    );
    p.write("themes/calm/static/assets/style.css", "/* calm */");
    // The program's own section.html wins over the theme's and extends it.
    p.write(
        "templates/section.html",
        "{% extends \"theme/section.html\" %}{% block footer %}PROGRAM FOOTER{% endblock %}",
    );
    p.write("static/robots.txt", "User-agent: *\n");
    let files = build(p.path(), &config).unwrap_or_else(|e| panic!("{}", e.join("\n")));
    let page = text(&files, "guide/alpha/index.html");
    assert!(page.contains("THEME PAGE Alpha"), "{page}");
    assert!(
        page.contains("<link rel=\"stylesheet\""),
        "the built-in base.html is used"
    );
    let section = text(&files, "guide/index.html");
    assert!(
        section.contains("THEME SECTION Guide") && section.contains("PROGRAM FOOTER"),
        "{section}"
    );
    // Built-in templates stay where nothing overrides them.
    assert!(text(&files, "roles/mentor/index.html").contains("class=\"card role-card\""));
    assert_eq!(text(&files, "assets/style.css"), "/* calm */");
    assert!(text(&files, "assets/search.js").contains("MENTORBOOK_SEARCH"));
    assert_eq!(text(&files, "robots.txt"), "User-agent: *\n");

    let missing = Config {
        theme: "stormy".into(),
        ..Config::default()
    };
    assert_eq!(
        p.build_with(&missing).err(),
        Some(vec![
            "error: mentorbook.toml: theme `stormy`: no such theme (expected a folder themes/stormy/ with templates/ and static/, or theme = \"default\")".to_string()
        ])
    );
}

#[test]
fn template_errors_name_the_template_and_line() {
    let p = Program::new();
    p.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ title }</h1>\n{% endblock %}\n",
    );
    let errors = p.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("error: templates/page.html:3: column "),
        "{errors:?}"
    );

    // An error while rendering points at the template too.
    let p = Program::new();
    p.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n\n{{ no_such_value.field }}\n{% endblock %}\n",
    );
    let errors = p.errors();
    assert_eq!(errors.len(), 4, "one per page using page.html: {errors:?}");
    assert!(
        errors[0].starts_with("error: templates/page.html:4: column "),
        "{errors:?}"
    );
}

#[test]
fn role_cards_have_ids_from_roles_toml() {
    let p = Program::new();
    p.write(
        "roles.toml",
        "[mentor]\ntitle = \"Guide\"\nsummary = \"You guide.\"\nhats_title = \"Two hats\"\n\
[[mentor.hats]]\nid = \"coach\"\nname = \"Listener\"\nsummary = \"You listen.\"\nquestions = [\"What else?\"]\n\
[[mentor.expectations]]\nid = \"on-time\"\nname = \"On time\"\nsummary = \"Be there.\"\nindicator = \"meetings.per_pair_month\"\ntarget = \">= 1\"\n\
[mentee]\ntitle = \"Learner\"\nsummary = \"You learn.\"\nhats_title = \"Roles\"\n\
[[mentee.hats]]\nid = \"self-coach\"\nname = \"Self-coach\"\nsummary = \"s\"\n",
    );
    let files = p.build();
    let mentor = text(&files, "roles/mentor/index.html");
    assert!(mentor.contains("<section class=\"card role-card\" id=\"coach\""));
    assert!(mentor.contains("<section class=\"card role-card\" id=\"on-time\""));
    assert!(
        mentor.contains("<code>meetings.per_pair_month</code> &gt;= 1"),
        "{mentor}"
    );
    assert!(mentor.contains("<h1>Guide</h1>") && mentor.contains("What else?"));
    p.write(
        "roles.toml",
        "[mentor]\ntitle = \"Guide\"\nsummary = \"s\"\nhats_title = \"h\"\nbogus = 1\n[mentee]\ntitle = \"L\"\nsummary = \"s\"\nhats_title = \"h\"\n",
    );
    let errors = p.errors();
    assert!(
        errors[0].starts_with("error: roles.toml:5: unknown key `bogus`"),
        "{errors:?}"
    );
}

#[test]
fn sitemap_uses_base_url_and_a_fixed_order() {
    let p = Program::new();
    let config = Config {
        base_url: "https://example.org/mentoring/".into(),
        ..Config::default()
    };
    let files = p
        .build_with(&config)
        .unwrap_or_else(|e| panic!("{}", e.join("\n")));
    let sitemap = text(&files, "sitemap.xml");
    let locs: Vec<&str> = sitemap
        .lines()
        .filter_map(|l| l.trim().strip_prefix("<url><loc>"))
        .filter_map(|l| l.strip_suffix("</loc></url>"))
        .collect();
    assert_eq!(
        locs,
        [
            "https://example.org/mentoring/",
            "https://example.org/mentoring/guide/",
            "https://example.org/mentoring/guide/alpha/",
            "https://example.org/mentoring/guide/beta/",
            "https://example.org/mentoring/guide/staff/",
            "https://example.org/mentoring/guide/staff/routine/",
            "https://example.org/mentoring/guide/zebra/",
            "https://example.org/mentoring/roles/mentee/",
            "https://example.org/mentoring/roles/mentor/",
        ]
    );
    let beta = text(&files, "guide/beta/index.html");
    assert!(
        beta.contains(
            "<link rel=\"canonical\" href=\"https://example.org/mentoring/guide/beta/\">"
        )
    );
    let not_found = text(&files, "404.html");
    assert!(not_found.contains("href=\"https://example.org/mentoring/index.html\""));
    // The same input gives the same bytes.
    let again = p
        .build_with(&config)
        .unwrap_or_else(|e| panic!("{}", e.join("\n")));
    assert_eq!(files.files, again.files);
}

#[test]
fn search_index_lists_every_page() {
    let files = Program::new().build();
    let index = text(&files, "search-index.js");
    let json = index
        .strip_prefix("window.MENTORBOOK_SEARCH = ")
        .and_then(|s| s.trim_end().strip_suffix(';'))
        .unwrap_or_else(|| panic!("{index}"));
    let entries: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"));
    let urls: Vec<&str> = entries
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["url"].as_str()).collect())
        .unwrap_or_default();
    assert!(urls.contains(&"guide/beta/index.html") && urls.contains(&"roles/mentor/index.html"));
    let search = text(&files, "search/index.html");
    assert!(
        search.contains("<a href=\"../guide/zebra/index.html\">Zebra</a>"),
        "the list without JavaScript"
    );
}

#[test]
fn a_program_without_content_still_gets_a_home_and_role_pages() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let config = Config {
        title: "Bare".into(),
        ..Config::default()
    };
    let files = build(dir.path(), &config).unwrap_or_else(|e| panic!("{}", e.join("\n")));
    assert!(text(&files, "index.html").contains("<h1>Bare</h1>"));
    assert!(
        text(&files, "roles/mentor/index.html").contains("id=\"coach\""),
        "the built-in roles.toml"
    );
}
