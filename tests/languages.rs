//! A program in three languages (en, pt-BR, es): every page in every tree, untranslated pages with their notice, the switcher, hreflang, the sitemap, search, reports, and bad input (docs/languages.md).

mod common;

use std::collections::BTreeSet;

use common::{Workdir, check_ok};

const BASE: &str = "https://mentoring.example.org";

/// en by default, pt-BR and es besides; `guide/a.md` translated into both,
/// the home page into pt-BR only, `guide/b.md` into neither.
fn three_languages() -> Workdir {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        &format!(
            "title = \"Our program\"\nbase_url = \"{BASE}/\"\nlanguages = [\"pt-BR\", \"es\"]\n\n\
             [translations.pt-BR]\ntitle = \"Nosso programa\"\ndescription = \"Manual e painéis\"\n"
        ),
    );
    w.write(
        "content/_index.md",
        "+++\ntitle = \"Our program\"\n+++\n\nWelcome. Read [the guide](@/guide/a.md#first-steps).\n",
    );
    w.write(
        "content/_index.pt-br.md",
        "+++\ntitle = \"Nosso programa\"\n+++\n\nBoas-vindas. Leia [o guia](@/guide/a.md#primeiros-passos).\n",
    );
    w.write(
        "content/guide/_index.md",
        "+++\ntitle = \"Guide\"\nweight = 1\n+++\n\nThe guide.\n",
    );
    w.write(
        "content/guide/a.md",
        "+++\ntitle = \"Getting started\"\nweight = 1\n+++\n\n## First steps\n\nStart here, then [the next page](@/guide/b.md).\n",
    );
    w.write(
        "content/guide/a.pt-br.md",
        "+++\ntitle = \"Primeiros passos\"\nweight = 1\n+++\n\n## Primeiros passos\n\nComece por aqui e depois veja [a próxima página](@/guide/b.md).\n",
    );
    w.write(
        "content/guide/a.es.md",
        "+++\ntitle = \"Primeros pasos\"\n+++\n\n## Primeros pasos\n\nEmpieza aquí.\n",
    );
    w.write(
        "content/guide/b.md",
        "+++\ntitle = \"Going further\"\nweight = 2\n+++\n\nOnly in English, for now.\n",
    );
    w.write(
        "roles.pt-br.toml",
        &common::read(&common::repo().join("roles.pt-br.toml")),
    );
    w
}

/// The HTML pages of the tree at `prefix` (`""`, `pt-br/`), as paths inside it.
fn tree(site: &common::Site, prefix: &str) -> BTreeSet<String> {
    site.paths()
        .filter(|p| p.ends_with(".html"))
        .filter_map(|p| p.strip_prefix(prefix))
        .filter(|p| !prefix.is_empty() || !(p.starts_with("pt-br/") || p.starts_with("es/")))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_page_is_in_every_language_with_its_alternates() {
    let w = three_languages();
    let site = w.build();
    let en = tree(&site, "");
    let mut without_404 = en.clone();
    without_404.remove("404.html");
    assert!(en.contains("guide/b/index.html"), "{en:?}");
    assert!(en.contains("cohorts/index.html"), "{en:?}");
    for prefix in ["pt-br/", "es/"] {
        assert_eq!(tree(&site, prefix), without_404, "the pages of {prefix}");
    }
    let trees = [("", "en"), ("pt-br/", "pt-BR"), ("es/", "es")];
    for (prefix, tag) in trees {
        for page in &without_404 {
            let path = format!("{prefix}{page}");
            let html = site.text(&path);
            if page.ends_with("report.html") {
                // The self-contained report: its language, no links.
                assert!(html.contains(&format!("<html lang=\"{tag}\">")), "{path}");
                continue;
            }
            assert!(
                html.contains(&format!("<html lang=\"{tag}\">")),
                "{path}: lang"
            );
            let pretty = page.strip_suffix("index.html").unwrap_or(page);
            for (other_prefix, other_tag) in trees {
                let alternate = format!(
                    "<link rel=\"alternate\" hreflang=\"{other_tag}\" href=\"{BASE}/{other_prefix}{pretty}\">"
                );
                assert!(html.contains(&alternate), "{path}: {alternate}");
                // The switcher goes to the same page in the other language.
                if other_tag != tag {
                    let depth = path.matches('/').count();
                    let link = format!(
                        "<a href=\"{}{other_prefix}{page}\" hreflang=\"{other_tag}\" lang=\"{other_tag}\">",
                        "../".repeat(depth)
                    );
                    assert!(html.contains(&link), "{path}: {link}");
                } else {
                    assert!(
                        html.contains(&format!("<span aria-current=\"true\" lang=\"{tag}\">")),
                        "{path}: the current language"
                    );
                }
            }
        }
    }
    // Every link of every page, the switcher's and hreflang's included, leads somewhere.
    let (followed, broken) = site.links(Some(BASE));
    assert!(followed > 500, "{followed}");
    assert_eq!(broken, Vec::<String>::new());

    // The site's title and description in pt-BR; es keeps the default's.
    let home = site.text("pt-br/index.html");
    assert!(home.contains("<title>Nosso programa</title>"), "{home}");
    assert!(home.contains("<meta name=\"description\" content=\"Manual e painéis\">"));
    assert!(
        site.text("es/index.html")
            .contains("<title>Our program</title>")
    );
    // A translated page links inside its own tree, anchors translated.
    assert!(
        home.contains("href=\"guide/a/index.html#primeiros-passos\""),
        "{home}"
    );
    let a = site.text("pt-br/guide/a/index.html");
    assert!(a.contains("Comece por aqui"));
    assert!(a.contains("href=\"../../guide/b/index.html\""), "{a}");
    // Static files and metrics.json once, at the root.
    for path in site.paths() {
        assert!(
            !(path.starts_with("pt-br/") || path.starts_with("es/"))
                || !(path.ends_with("metrics.json")
                    || path.ends_with(".css")
                    || path.ends_with(".svg")
                    || path.ends_with("sitemap.xml")
                    || path.ends_with("404.html")),
            "{path} is written once, at the root"
        );
    }
    assert!(site.has("cohorts/c1/metrics.json"));
    let dashboard = site.text("pt-br/cohorts/c1/index.html");
    assert!(dashboard.contains("href=\"../../../cohorts/c1/metrics.json\""));
    assert!(dashboard.contains("href=\"../../../assets/style.css\""));
}

#[test]
fn untranslated_pages_carry_a_notice_and_the_default_language() {
    let w = three_languages();
    let site = w.build();
    let notice = "class=\"untranslated-notice\"";
    for (path, untranslated) in [
        ("pt-br/guide/b/index.html", true),
        ("pt-br/guide/index.html", true),
        ("pt-br/guide/a/index.html", false),
        ("pt-br/index.html", false),
        ("pt-br/roles/mentor/index.html", false),
        ("es/guide/a/index.html", false),
        ("es/guide/b/index.html", true),
        ("es/index.html", true),
        ("es/roles/mentee/index.html", true),
        ("guide/b/index.html", false),
    ] {
        let html = site.text(path);
        assert_eq!(html.contains(notice), untranslated, "{path}");
        assert_eq!(html.contains("<div lang=\"en\">"), untranslated, "{path}");
    }
    let b = site.text("es/guide/b/index.html");
    assert!(b.contains("Only in English, for now."));
    // Role cards: pt-BR's own file, es the default language's.
    assert!(
        site.text("pt-br/roles/mentor/index.html")
            .contains("Os quatro chapéus")
    );
    assert!(
        site.text("es/roles/mentor/index.html")
            .contains("The four hats")
    );

    // `check` says it once per language, with the count.
    let (stderr, _) = check_ok(&w);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("translation"))
        .collect();
    assert_eq!(
        lines,
        [
            "warning: content: 2 of 4 pages have no `pt-BR` translation yet: published in `en` with a notice in the `pt-br` tree",
            "warning: content: 3 of 4 pages have no `es` translation yet: published in `en` with a notice in the `es` tree",
        ]
    );
}

#[test]
fn the_sitemap_and_search_are_per_language() {
    let w = three_languages();
    let site = w.build();
    let sitemap = site.text("sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    let urls: Vec<&str> = sitemap.lines().filter(|l| l.contains("<url>")).collect();
    let pages = tree(&site, "")
        .into_iter()
        .filter(|p| p.ends_with("index.html") && *p != "search/index.html")
        .count();
    assert_eq!(urls.len(), 3 * pages, "every page of every tree but search");
    for line in &urls {
        assert_eq!(
            line.matches("<xhtml:link rel=\"alternate\"").count(),
            3,
            "{line}"
        );
    }
    assert!(sitemap.contains(&format!(
        "<url><loc>{BASE}/es/guide/a/</loc><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"{BASE}/guide/a/\"/><xhtml:link rel=\"alternate\" hreflang=\"pt-BR\" href=\"{BASE}/pt-br/guide/a/\"/><xhtml:link rel=\"alternate\" hreflang=\"es\" href=\"{BASE}/es/guide/a/\"/></url>"
    )));

    let en = site.text("search-index.js");
    let pt = site.text("pt-br/search-index.js");
    let es = site.text("es/search-index.js");
    assert!(en.contains("\"Getting started\"") && !en.contains("Primeiros passos"));
    assert!(pt.contains("\"Primeiros passos\"") && !pt.contains("\"Getting started\""));
    assert!(es.contains("\"Primeros pasos\"") && es.contains("\"Going further\""));
    let search = site.text("pt-br/search/index.html");
    assert!(
        search.contains("<script src=\"../search-index.js\" defer></script>"),
        "{search}"
    );
    assert!(search.contains("<script src=\"../../assets/search.js\" defer></script>"));
}

#[test]
fn a_report_in_each_language() {
    let w = three_languages();
    for (flag, tag) in [
        (None, "en"),
        (Some("pt-BR"), "pt-BR"),
        (Some("ES"), "es"),
        (Some("pt_br"), "pt-BR"),
    ] {
        let mut args = vec!["report", "--quarter", "2024-Q2", "-o", "r.html", "-q"];
        if let Some(flag) = flag {
            args.extend(["--language", flag]);
        }
        w.run(&args).success();
        let html = w.read("r.html");
        assert!(html.contains(&format!("<html lang=\"{tag}\">")), "{tag}");
    }
    let run = w.run(&["report", "--quarter", "2024-Q2", "--language", "fr"]);
    assert_eq!(run.code(), 1);
    assert_eq!(
        run.stderr().lines().last().unwrap_or_default(),
        "error: --language fr: not one of the program's languages (expected `en`, `pt-BR`, `es`; add it to `languages` in mentorbook.toml)"
    );
}

#[test]
fn bad_language_input_names_the_file_and_line() {
    let w = three_languages();
    w.write(
        "content/guide/a.fr.md",
        "+++\ntitle = \"Premiers pas\"\n+++\n",
    );
    w.write("content/guide/a.en.md", "+++\ntitle = \"Again\"\n+++\n");
    w.write("content/guide/gone.es.md", "+++\ntitle = \"Nada\"\n+++\n");
    w.write(
        "content/guide/b.pt-br.md",
        "+++\ntitle = \"Indo além\"\nweight = 7\ntemplate = \"page.html\"\n+++\n\nTexto.\n",
    );
    w.write("roles.de.toml", "");
    let (stderr, _) = check_ok(&w);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning: ") && !l.contains("translation yet"))
        .collect();
    assert_eq!(
        lines,
        [
            "warning: content/guide/a.en.md: is named for `en`, the default language, and is ignored: the default language's page is content/guide/a.md",
            "warning: content/guide/a.fr.md: is a translation into `fr`, which is not one of the site's languages, and is ignored (add \"fr\" to `languages` in mentorbook.toml)",
            "warning: content/guide/b.pt-br.md: front matter: `weight` is 7 but content/guide/b.md has 2: the original's place in the navigation is used",
            "warning: content/guide/b.pt-br.md:4: front matter: `template` is `page.html` but content/guide/b.md uses the default: the translation is shown with its own",
            "warning: content/guide/gone.es.md: is a translation of content/guide/gone.md, which does not exist (or is a draft): ignored",
            "warning: roles.de.toml: is named for \"de\", which is not one of the site's other `languages`, and is ignored",
        ]
    );

    // A broken link in a translation is an error at its line; its
    // original's problems are reported once, not once per language.
    for file in [
        "content/guide/a.en.md",
        "content/guide/a.fr.md",
        "content/guide/gone.es.md",
        "roles.de.toml",
    ] {
        w.remove(file);
    }
    w.write(
        "content/guide/b.pt-br.md",
        "+++\ntitle = \"Indo além\"\n+++\n\nVeja [isto](@/guide/c.md).\n",
    );
    w.write(
        "content/guide/b.md",
        "+++\ntitle = \"Going further\"\nweight = 2\n+++\n\nSee [this](@/guide/d.md).\n",
    );
    let errors: Vec<String> = w
        .build_errors()
        .into_iter()
        .filter(|e| e.starts_with("error: "))
        .collect();
    assert_eq!(
        errors,
        [
            "error: content/guide/b.md:6: link to @/guide/d.md: no such page: did you mean `@/guide/a.md`?",
            "error: content/guide/b.pt-br.md:5: link to @/guide/c.md: no such page: did you mean `@/guide/a.md`?",
        ]
    );

    w.write(
        "content/guide/b.md",
        "+++\ntitle = \"Going further\"\n+++\n",
    );
    w.write(
        "mentorbook.toml",
        "title = \"x\"\nlanguages = [\"pt-BR\", \"pt-br\", \"español\"]\n",
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: mentorbook.toml:2: `languages`: \"pt-BR\" is listed twice (each language is listed once)",
            "error: mentorbook.toml:2: `languages`: \"español\" is not a language tag (expected a BCP 47 tag such as \"en\", \"pt-BR\" or \"zh-Hant\")",
        ]
    );
}

#[test]
fn init_writes_a_program_in_portuguese() {
    let w = Workdir::empty();
    w.run(&["init", "--language", "pt-BR", "prog", "-q"])
        .success();
    let config = w.read("prog/mentorbook.toml");
    assert!(config.contains("\nlanguage = \"pt-BR\"\n"), "{config}");
    assert!(w.read("prog/roles.toml").contains("Os quatro chapéus"));
    assert!(!w.listing().iter().any(|n| n.contains(".pt-br.")));
    let run = w.run(&["--root", "prog", "build", "-q"]).success();
    assert_eq!(run.stderr(), "");
    let site = w.site("prog/public");
    assert!(site.text("index.html").contains("<html lang=\"pt-BR\">"));
    assert!(!site.has("pt-br/index.html"));

    let run = w.run(&["init", "--language", "fr", "other"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains(
            "--language fr: mentorbook ships its default handbook in `en` and `pt-BR` only"
        )
    );
}

/// A right-to-left language (`ar`, its catalog given by the program):
/// `dir="rtl"` on its pages, and a theme whose layout mirrors by logical
/// CSS properties while charts keep reading left to right.
#[test]
fn a_right_to_left_language_mirrors_the_layout() {
    let w = Workdir::new();
    w.write(
        "mentorbook.toml",
        "title = \"Our program\"\nlanguages = [\"ar\"]\n[translations.ar]\ntitle = \"برنامجنا\"\n",
    );
    let catalog = common::read(&common::repo().join("themes/default/i18n/en.toml"))
        .replace("skip = \"Skip to content\"", "skip = \"انتقل إلى المحتوى\"")
        .replace("home = \"Home\"", "home = \"الرئيسية\"");
    assert!(catalog.contains("الرئيسية"));
    w.write("i18n/ar.toml", &catalog);
    w.write(
        "content/guide/a.md",
        "+++\ntitle = \"Getting started\"\n+++\n\nStart here.\n",
    );
    w.write(
        "content/guide/a.ar.md",
        "+++\ntitle = \"البداية\"\n+++\n\nابدأ من هنا.\n",
    );
    let site = w.build();
    for (path, html) in site.pages() {
        if path.ends_with("report.html") {
            continue;
        }
        let rtl = path.starts_with("ar/");
        let expected = if rtl {
            "<html lang=\"ar\" dir=\"rtl\">"
        } else {
            "<html lang=\"en\">"
        };
        assert!(html.contains(expected), "{path}: {expected}");
        if path != "404.html" {
            // The switcher names each language in its own direction.
            assert!(
                html.contains("hreflang=\"ar\" lang=\"ar\" dir=\"rtl\">العربية</a>")
                    || html.contains(
                        "<span aria-current=\"true\" lang=\"ar\" dir=\"rtl\">العربية</span>"
                    ),
                "{path}"
            );
        }
    }
    let page = site.text("ar/guide/a/index.html");
    assert!(page.contains(">انتقل إلى المحتوى</a>"), "{page}");
    assert!(page.contains("ابدأ من هنا."));
    assert!(
        site.text("ar/index.html")
            .contains("<title>برنامجنا</title>")
    );

    let css = site.text("assets/style.css");
    for physical in [
        "margin-left",
        "margin-right",
        "padding-left",
        "padding-right",
        "border-left",
        "border-right",
        "text-align: left",
        "text-align: right",
        "float:",
    ] {
        assert!(!css.contains(physical), "style.css uses {physical}");
    }
    assert!(css.contains("svg { direction: ltr; }"));
}
