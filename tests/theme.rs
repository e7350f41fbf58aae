//! Making the site a program's own: [branding], the favicon, base.html's blocks, init --theme and template errors at their lines.

mod common;

use common::{Site, Workdir};

/// A 1×1 PNG, for a logo that is not SVG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0x0f, 0x00, 0x00,
    0x01, 0x01, 0x00, 0x05, 0x18, 0xd8, 0x4e, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];
const LOGO: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"5\"/></svg>";

/// Every HTML page a build writes for readers (the self-contained report files apart).
fn site_pages(site: &Site) -> Vec<(&str, &str)> {
    site.pages()
        .filter(|(p, _)| !p.ends_with("/report.html"))
        .collect()
}

/// The relative root of a page: `../` per folder (404.html uses base_url, empty here).
fn root_of(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

#[test]
fn accent_and_logo_reach_every_page_and_the_report_file() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        "title = \"Acme mentoring\"\n\n[branding]\naccent = \"#8A1538\"\nlogo = \"static/brand/logo.svg\"\n",
    );
    w.write("static/brand/logo.svg", LOGO);
    let site = w.build();
    let css = site.text("assets/style.css");
    // Appended after the theme's own rules, so it wins; the dark accent is
    // the accent lightened until it reads on the dark background.
    let rules = &css[css
        .rfind("/* [branding] in mentorbook.toml */")
        .unwrap_or(0)..];
    assert!(rules.contains(":root { --accent: #8a1538; }"), "{rules}");
    let dark = rules
        .split("@media (prefers-color-scheme: dark) {\n  :root { --accent: ")
        .nth(1)
        .and_then(|r| r.get(..7))
        .unwrap_or_else(|| panic!("no dark accent in {rules}"));
    assert_ne!(dark, "#8a1538");
    assert_eq!(site.text("brand/logo.svg"), LOGO);
    let pages = site_pages(&site);
    assert!(pages.len() > 10);
    for (page, html) in &pages {
        if *page == "404.html" {
            continue;
        }
        let logo = format!(
            "<a class=\"site-title\" href=\"{0}index.html\"><img class=\"site-logo\" src=\"{0}brand/logo.svg\" alt=\"\"><span>Acme mentoring</span></a>",
            root_of(page)
        );
        assert!(html.contains(&logo), "{page} has no logo:\n{html}");
    }
    let report = site.text("reports/2024-Q1/report.html");
    assert!(report.contains("--accent: #8a1538;"), "the report's styles");
    assert!(
        report.contains("<img class=\"site-logo\" src=\"data:image/svg+xml;base64,"),
        "the report's logo travels inside it"
    );
    let (followed, broken) = site.links(None);
    assert!(broken.is_empty() && followed > 100, "{broken:?}");

    // A logo outside static/ is published beside the styles.
    w.write(
        "mentorbook.toml",
        "title = \"Acme\"\n[branding]\nlogo = \"brand/Logo.PNG\"\n",
    );
    w.write_bytes("brand/Logo.PNG", PNG);
    let site = w.build();
    assert_eq!(site.bytes("assets/logo.png"), PNG);
    assert!(site.text("index.html").contains("src=\"assets/logo.png\""));
    assert!(
        site.text("reports/2024-Q1/report.html")
            .contains("src=\"data:image/png;base64,iVBORw0KGgo")
    );
    assert!(
        !site.text("assets/style.css").contains("/* [branding] in"),
        "no accent, no rules"
    );
}

#[test]
fn an_explicit_dark_accent_is_used_as_it_is() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        "title = \"T\"\n[branding]\naccent = \"#0b57a4\"\naccent_dark = \"#FF9EB5\"\n",
    );
    let css = w.build().text("assets/style.css").to_string();
    assert!(css.ends_with(
        "\n/* [branding] in mentorbook.toml */\n:root { --accent: #0b57a4; }\n@media (prefers-color-scheme: dark) {\n  :root { --accent: #ff9eb5; }\n}\n"
    ), "{css}");
}

#[test]
fn unreadable_accents_and_bad_logos_are_errors_at_their_lines() {
    let w = Workdir::new();
    w.mkdir("static/folder.svg");
    w.write("notes.txt", "not an image");
    w.write(
        "mentorbook.toml",
        "title = \"T\"\n\n[branding]\naccent = \"#ffcc00\"\naccent_dark = \"#333333\"\nlogo = \"../outside.svg\"\n",
    );
    let expected = [
        "error: mentorbook.toml:4: `branding.accent`: #ffcc00 has a contrast of 1.38:1 against #f4f5f7, the theme's light `--panel`; links need at least 4.5:1 on every surface (WCAG AA): choose a darker colour",
        "error: mentorbook.toml:5: `branding.accent_dark`: #333333 has a contrast of 1.26:1 against #1f2228, the theme's dark `--panel`; links need at least 4.5:1 on every surface (WCAG AA): choose a lighter colour",
        "error: mentorbook.toml:6: `branding.logo`: \"../outside.svg\" is outside the program folder (expected a path inside it, such as \"static/logo.svg\")",
    ];
    assert_eq!(w.build_errors(), expected);
    let check = w.run(&["check"]);
    assert_eq!(check.code(), 1);
    assert_eq!(check.diagnostics(), expected, "check finds them too");

    // #767676 reads on white (4.54:1), not on the panels links also sit on.
    w.write(
        "mentorbook.toml",
        "title = \"T\"\n[branding]\naccent = \"#767676\"\n",
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: mentorbook.toml:3: `branding.accent`: #767676 has a contrast of 4.16:1 against #f4f5f7, the theme's light `--panel`; links need at least 4.5:1 on every surface (WCAG AA): choose a darker colour"
        ]
    );

    let logo = |value: &str| {
        w.write(
            "mentorbook.toml",
            &format!("title = \"T\"\n[branding]\nlogo = \"{value}\"\n"),
        );
        w.build_errors()
    };
    let at_line_3 = |why: &str, value: &str| {
        vec![format!(
            "error: mentorbook.toml:3: `branding.logo`: \"{value}\" {why}"
        )]
    };
    assert_eq!(
        logo("/etc/hostname"),
        at_line_3(
            "is outside the program folder (expected a path inside it, such as \"static/logo.svg\")",
            "/etc/hostname"
        )
    );
    assert_eq!(
        logo("static/missing.svg"),
        at_line_3(
            "does not exist (the path is relative to the program folder)",
            "static/missing.svg"
        )
    );
    assert_eq!(
        logo("static/folder.svg"),
        at_line_3("is a folder (expected an image file)", "static/folder.svg")
    );
    assert_eq!(
        logo("notes.txt"),
        at_line_3(
            "is not an image a browser shows (expected .svg, .png, .jpg, .gif, .webp or .avif)",
            "notes.txt"
        )
    );
    #[cfg(unix)]
    {
        let outside = Workdir::empty();
        outside.write("secret.svg", LOGO);
        w.symlink(&outside.join("secret.svg"), "static/linked.svg");
        assert_eq!(
            logo("static/linked.svg"),
            at_line_3(
                "leads outside the program folder (through a symbolic link)",
                "static/linked.svg"
            )
        );
    }

    w.write(
        "mentorbook.toml",
        "title = \"T\"\n[branding]\naccent = \"navy\"\nbadge = 1\n",
    );
    let errors = w.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(
            "error: mentorbook.toml:4: unknown key `badge` (expected one of `accent`, `accent_dark`, `logo`)"
        ),
        "{errors:?}"
    );
    w.write(
        "mentorbook.toml",
        "title = \"T\"\n[branding]\naccent = \"navy\"\n",
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: mentorbook.toml:3: `branding.accent`: \"navy\" is not a colour (expected #RRGGBB, such as \"#0b57a4\")"
        ]
    );
}

/// The check reads the backgrounds from the stylesheet the site uses, and
/// names the config file given with --config.
#[test]
fn the_contrast_is_checked_against_the_themes_own_backgrounds() {
    let w = Workdir::new();
    w.write(
        "themes/grey/static/assets/style.css",
        ":root { --bg: #f0f0f0; --accent: #333; }\n@media (prefers-color-scheme: dark) { :root { --bg: #9a9a9a; } }\n",
    );
    w.write(
        "other.toml",
        "title = \"T\"\ntheme = \"grey\"\n[branding]\naccent = \"#0b57a4\"\n",
    );
    let run = w.run(&["--config", "other.toml", "build"]);
    assert_eq!(run.code(), 1);
    assert_eq!(
        run.diagnostics(),
        [
            "error: other.toml:4: `branding.accent`: no shade of #0b57a4 between it and white reaches 4.5:1 against #9a9a9a, the theme's dark `--bg` (WCAG AA): set `branding.accent_dark`"
        ]
    );
}

#[test]
fn every_page_has_an_icon_a_program_may_replace() {
    let w = Workdir::new();
    let site = w.build();
    assert!(site.text("favicon.svg").starts_with("<svg"));
    assert!(
        site.bytes("favicon.ico").starts_with(&[0, 0, 1, 0]),
        "an ICO file"
    );
    for (page, html) in site_pages(&site) {
        let root = if page == "404.html" {
            "/".to_string()
        } else {
            root_of(page)
        };
        assert!(
            html.contains(&format!(
                "<link rel=\"icon\" href=\"{root}favicon.svg\" type=\"image/svg+xml\">"
            )),
            "{page}"
        );
    }
    w.write("static/favicon.svg", LOGO);
    let site = w.build();
    assert_eq!(site.text("favicon.svg"), LOGO);
    // base64 of the program's icon, inside the report file.
    assert!(
        site.text("reports/2024-Q1/report.html")
            .contains("<link rel=\"icon\" href=\"data:image/svg+xml;base64,PHN2ZyB4bWxucz0i")
    );
}

#[test]
fn header_nav_and_footer_blocks_and_a_head_block_for_the_report_file() {
    let w = Workdir::new();
    w.write(
        "content/guide/_index.md",
        "+++\ntitle = \"Guide\"\n+++\n\nText.\n",
    );
    w.write(
        "templates/base.html",
        "{% extends \"builtin/base.html\" %}\n{% block head %}<link rel=\"stylesheet\" href=\"{{ root }}assets/extra.css\">{% endblock %}\n{% block header %}<p class=\"banner\">ACME HEADER</p>{{ super() }}{% endblock %}\n{% block nav %}<p>ACME NAV</p>{% endblock %}\n{% block footer %}ACME FOOTER{% endblock %}\n",
    );
    w.write(
        "templates/report_file.html",
        "{% extends \"builtin/report_file.html\" %}\n{% block head %}<link rel=\"stylesheet\" href=\"{{ root }}assets/extra.css\">{% endblock %}\n",
    );
    w.write("static/assets/extra.css", ".banner { color: #8a1538; }\n");
    let site = w.build();
    for page in [
        "index.html",
        "guide/index.html",
        "cohorts/index.html",
        "reports/2024-Q1/index.html",
    ] {
        let html = site.text(page);
        let root = root_of(page);
        assert!(
            html.contains(&format!(
                "<link rel=\"stylesheet\" href=\"{root}assets/extra.css\">"
            )),
            "{page}"
        );
        assert!(
            html.contains("<header class=\"site-header\"><p class=\"banner\">ACME HEADER</p>"),
            "{page}"
        );
        assert!(
            html.contains("class=\"site-title\""),
            "super() keeps the title: {page}"
        );
        assert!(
            html.contains(
                "<nav class=\"site-nav\" aria-label=\"Handbook\"><p>ACME NAV</p>\n  </nav>"
            ),
            "{page}"
        );
        assert!(!html.contains("class=\"nav\""), "{page}");
        assert!(
            html.contains("<footer class=\"site-footer\">ACME FOOTER\n</footer>"),
            "{page}"
        );
    }
    // The report file carries the stylesheet its head block links.
    let report = site.text("reports/2024-Q1/report.html");
    assert!(
        report.contains("<style>\n.banner { color: #8a1538; }\n</style>"),
        "{report}"
    );
    assert!(!report.contains("extra.css"));
}

#[test]
fn template_errors_name_the_file_and_line_in_every_layer() {
    let w = Workdir::new();
    w.write("mentorbook.toml", "title = \"T\"\ntheme = \"calm\"\n");
    w.write(
        "templates/page.html",
        "{% extends \"builtin/page.html\" %}\n\n{% block sidebar %}x{% endblock %}\n",
    );
    w.write(
        "themes/calm/templates/section.html",
        "{% extends \"base.html\" %}\n{% block main %}\n  {% include \"partials/missing.html\" %}\n{% endblock %}\n",
    );
    w.write(
        "themes/calm/templates/partials/toc.html",
        "{{ toc | no_such_filter }}\n",
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: templates/page.html:3: column 10: template error: Block `sidebar` is not defined in any parent template (the built-in blocks are base.html: title, head, header, nav, main, footer; page.html: article_class, content, after_content; see docs/themes.md)",
            "error: themes/calm/templates/partials/toc.html:1: column 10: template error: Unknown filter `no_such_filter`",
            "error: themes/calm/templates/section.html:3: column 14: template error: Unknown template `partials/missing.html`",
        ]
    );

    let w = Workdir::new();
    w.write("mentorbook.toml", "title = \"T\"\ntheme = \"calm\"\n");
    w.write(
        "themes/calm/templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ title }\n{% endblock %}\n",
    );
    w.write("templates/role.html", "\n\n{% extends \"gone.html\" %}\n");
    let errors = w.build_errors();
    assert_eq!(
        errors.len(),
        1,
        "Tera stops at the first syntax error: {errors:?}"
    );
    assert!(
        errors[0].starts_with("error: themes/calm/templates/page.html:3: column "),
        "{errors:?}"
    );
    w.write(
        "themes/calm/templates/page.html",
        "{% extends \"base.html\" %}\n",
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: templates/role.html:3: extends `gone.html`, which is not a template (names are relative to templates/; built-in ones are also available as `builtin/NAME`)"
        ]
    );
}

/// `init --theme` writes the built-in theme as it is: a program using it
/// builds the same site as one using the built-in theme.
#[test]
fn init_theme_writes_the_built_in_theme_to_edit() {
    let w = Workdir::new();
    let built_in = w.build();
    let run = w.run(&["init", "--theme", "themes/acme"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(
        run.stdout()
            .starts_with("Wrote the built-in theme to themes/acme (")
            && run
                .stdout()
                .contains("  set theme = \"acme\" in mentorbook.toml\n"),
        "{}",
        run.stdout()
    );
    for file in [
        "themes/acme/templates/base.html",
        "themes/acme/templates/partials/nav.html",
        "themes/acme/templates/report_file.html",
        "themes/acme/static/assets/style.css",
        "themes/acme/static/favicon.svg",
    ] {
        assert!(w.join(file).is_file(), "{file}");
    }
    w.write(
        "mentorbook.toml",
        "title = \"Test program\"\ntheme = \"acme\"\n",
    );
    assert_eq!(w.build().differences(&built_in), Vec::<String>::new());

    let again = w.run(&["init", "--theme", "themes/acme"]);
    assert_eq!(again.code(), 1);
    assert_eq!(
        again.stderr(),
        "error: themes/acme is not empty: mentorbook init writes the built-in theme only into a new or empty folder (pass --force to add the missing default files; existing files are kept)\n"
    );
    let elsewhere = w.run(&["init", "--theme", "my-theme"]);
    assert!(
        elsewhere
            .stdout()
            .contains("  move it to the program folder's themes/my-theme/\n"),
        "{}",
        elsewhere.stdout()
    );
    assert_eq!(w.run(&["init", "x", "--theme", "y"]).code(), 2);
}

/// The program's name is written once, as `title`: the home page's heading,
/// every page's title and the footer follow it.
#[test]
fn the_title_is_the_one_source_of_the_programs_name() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        "title = \"Globex mentoring\"\ndescription = \"Guides and figures.\"\n",
    );
    w.write(
        "content/_index.md",
        "+++\ndescription = \"Welcome.\"\n+++\n\nHello.\n",
    );
    w.write(
        "content/guide/_index.md",
        "+++\ntitle = \"Guide\"\n+++\n\nNo description here.\n",
    );
    let site = w.build();
    let home = site.text("index.html");
    assert!(home.contains("<title>Globex mentoring</title>"), "{home}");
    assert!(home.contains("<h1>Globex mentoring</h1>"), "{home}");
    assert!(home.contains("<p class=\"lead\">Welcome.</p>"));
    let guide = site.text("guide/index.html");
    assert!(guide.contains("<title>Guide · Globex mentoring</title>"));
    assert!(guide.contains("<p>Globex mentoring: Guides and figures.</p>"));
    // No subtitle of its own, and not the site's either; the site's
    // description stays the meta description.
    assert!(!guide.contains("class=\"lead\""), "{guide}");
    assert!(guide.contains("<meta name=\"description\" content=\"Guides and figures.\">"));
    // A home page may still name itself; any other page must.
    w.write(
        "content/_index.md",
        "+++\ntitle = \"Welcome to Globex\"\n+++\n",
    );
    assert!(
        w.build()
            .text("index.html")
            .contains("<h1>Welcome to Globex</h1>")
    );
    w.write("content/guide/_index.md", "+++\ndescription = \"x\"\n+++\n");
    assert_eq!(
        w.build_errors(),
        [
            "error: content/guide/_index.md:1: front matter: `title` is required (add `title = \"...\"`)"
        ]
    );
}
