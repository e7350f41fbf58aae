//! Built-in words: program catalogs override them, bad catalogs are errors at their lines, plural forms and CLDR numbers per language.

mod common;

use common::{Workdir, repo};

/// The English catalog's text, for a program catalog that must have every key.
fn english_catalog() -> String {
    common::read(&repo().join("themes/default/i18n/en.toml"))
}

#[test]
fn a_program_catalog_replaces_a_built_in_string_on_every_page() {
    let w = Workdir::new();
    w.write("i18n/en.toml", "[nav]\nhome = \"Start here\"\n");
    let site = w.build();
    let mut pages = 0;
    for (page, html) in site.pages() {
        if !html.contains("<nav class=\"site-nav\"") {
            continue;
        }
        pages += 1;
        assert!(html.contains(">Start here</a>"), "{page}");
        assert!(!html.contains(">Home</a>"), "{page}");
    }
    assert!(pages > 5, "{pages} pages with the navigation");
}

#[test]
fn an_unknown_key_is_an_error_at_its_line_with_the_closest_key() {
    let w = Workdir::new();
    w.write(
        "i18n/en.toml",
        "# ours\n[nav]\nhome = \"Start\"\nrole_crds = \"Cards\"\n\n[scorecard]\nmet = { one = \"a\", other = \"b\" }\n",
    );
    assert_eq!(
        w.build_errors(),
        [
            "error: i18n/en.toml:4: unknown key `nav.role_crds`: the closest key is `nav.role_cards`",
            "error: i18n/en.toml:7: `scorecard.met` takes one text, not plural forms",
        ]
    );
    w.write("i18n/en.toml", "[nav]\nhome = \"Start\n");
    let errors = w.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("error: i18n/en.toml:2: TOML syntax error:"),
        "{errors:?}"
    );
    w.write("i18n/en.toml", "[home]\nlatest = \"{as_of} {when}\"\n");
    assert_eq!(
        w.build_errors(),
        [
            "error: i18n/en.toml:2: `home.latest`: `{when}` is not one of its placeholders ({as_of}, {running}, {total})"
        ]
    );
}

#[test]
fn a_language_without_a_built_in_catalog_needs_a_complete_one() {
    let w = Workdir::new();
    w.write("mentorbook.toml", "title = \"T\"\nlanguage = \"ar\"\n");
    assert_eq!(
        w.build_errors(),
        [
            "error: mentorbook.toml: language `ar` has no built-in catalog (built in: en, pt-BR, es, fr, de): write i18n/ar.toml with every key of the English catalog (docs/languages.md)"
        ]
    );
    w.write("i18n/ar.toml", "[nav]\nhome = \"الرئيسية\"\n");
    let errors = w.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("error: i18n/ar.toml: missing keys `"),
        "{errors:?}"
    );
    assert!(
        errors[0].ends_with(
            "(`ar` has no built-in catalog, so its file needs every key of the English catalog)"
        ),
        "{errors:?}"
    );
}

/// `ar` has six plural categories; its program catalog gives each a form
/// and the CLDR rules pick them: 0 zero, 1 one, 2 two, 3 few, 11 many, 100 other.
#[test]
fn plural_forms_follow_the_languages_rules() {
    let w = Workdir::new();
    w.write("mentorbook.toml", "title = \"T\"\nlanguage = \"ar\"\n");
    let ar = english_catalog().replace(
        "cohorts = { one = \"{n} cohort\", other = \"{n} cohorts\" }",
        "cohorts = { zero = \"zero:{n}\", one = \"one:{n}\", two = \"two:{n}\", few = \"few:{n}\", many = \"many:{n}\", other = \"other:{n}\" }",
    );
    assert!(ar.contains("zero:{n}"));
    w.write("i18n/ar.toml", &ar);
    let counts = "{% extends \"base.html\" %}{% block main %}<p id=\"counts\">{% for n in [0, 1, 2, 3, 11, 100] %}{{ t(key=\"count.cohorts\", n=n) }};{% endfor %}</p>{% endblock %}";
    w.write("templates/404.html", counts);
    let site = w.build();
    assert!(
        site.text("404.html")
            .contains("<p id=\"counts\">zero:0;one:1;two:2;few:3;many:11;other:100;</p>"),
        "{}",
        site.text("404.html")
    );

    let w = Workdir::new();
    w.write("mentorbook.toml", "title = \"T\"\nlanguage = \"pt-BR\"\n");
    w.write("templates/404.html", counts);
    let site = w.build();
    assert!(
        site.text("404.html").contains(
            "<p id=\"counts\">0 turma;1 turma;2 turmas;3 turmas;11 turmas;100 turmas;</p>"
        ),
        "{}",
        site.text("404.html")
    );
}

/// The built-in words of a language reach the pages, and the page says which language it is in.
#[test]
fn a_built_in_language_words_the_pages() {
    let w = Workdir::new();
    w.write("mentorbook.toml", "title = \"T\"\nlanguage = \"pt-BR\"\n");
    let site = w.build();
    let cohorts = site.text("cohorts/index.html");
    assert!(cohorts.contains("<html lang=\"pt-BR\">"), "{cohorts}");
    assert!(cohorts.contains("<h1>Turmas</h1>"), "{cohorts}");
    assert!(cohorts.contains(">Pular para o conteúdo</a>"), "{cohorts}");
    // A regional tag reads its language's catalog.
    w.write("mentorbook.toml", "title = \"T\"\nlanguage = \"pt-PT\"\n");
    let site = w.build();
    assert!(site.text("cohorts/index.html").contains("<h1>Turmas</h1>"));
}

/// Copies the example program's folder (`content/`, `data/`, `roles.toml`)
/// into `w`, with its config's default language set to `tag` and its other
/// languages left out (this file tests words, not trees).
fn example_in(w: &Workdir, tag: &str) {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
        let entries = std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            let target = to.join(entry.file_name());
            if path.is_dir() {
                copy(&path, &target);
            } else {
                std::fs::copy(&path, &target).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            }
        }
    }
    for dir in ["content", "data"] {
        copy(&repo().join(dir), &w.join(dir));
    }
    w.write("roles.toml", &common::read(&repo().join("roles.toml")));
    // The config without its language keys and [translations.*] tables.
    let config = common::read(&repo().join("mentorbook.toml"));
    let mut kept = format!("language = \"{tag}\"\n");
    let mut skipping = false;
    for line in config.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            skipping = trimmed.starts_with("[translations");
        }
        let language_key = trimmed.starts_with("language ")
            || trimmed.starts_with("language=")
            || trimmed.starts_with("languages");
        if !skipping && !language_key {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    w.write("mentorbook.toml", &kept);
}

/// `html` without its `open … close` elements.
fn without(html: &str, open: &str, close: &str) -> String {
    let mut kept = String::new();
    let mut rest = html;
    while let Some(at) = rest.find(open) {
        kept.push_str(&rest[..at]);
        rest = rest[at..]
            .find(close)
            .map_or("", |end| &rest[at + end + close.len()..]);
    }
    kept.push_str(rest);
    kept
}

/// Text of an HTML page without tags, scripts, styles or charts' SVG.
fn visible_text(html: &str) -> String {
    let html = without(html, "<script", "</script>");
    let html = without(&html, "<style", "</style>");
    let html = without(&html, "<svg", "</svg>");
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// The example program published in Brazilian Portuguese: every dashboard
/// and report writes its numbers, percentages, dates and chart labels as
/// CLDR does for pt-BR, and its built-in words in Portuguese.
#[test]
fn the_example_in_pt_br_writes_numbers_and_dates_the_brazilian_way() {
    let w = Workdir::empty();
    example_in(&w, "pt-BR");
    let site = w.build();
    let dashboards: Vec<(&str, &str)> = site
        .pages()
        .filter(|(p, _)| p.starts_with("cohorts/") || p.starts_with("reports/"))
        .collect();
    assert!(dashboards.len() > 10, "{}", dashboards.len());
    let decimal_point = |text: &str| {
        let b = text.as_bytes();
        (1..b.len().saturating_sub(1))
            .any(|i| b[i] == b'.' && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit())
    };
    for (page, html) in &dashboards {
        assert!(html.contains("<html lang=\"pt-BR\""), "{page}");
        let text = visible_text(html);
        // Quarters (2025-Q1) stay as they are; no English decimal point remains.
        assert!(!decimal_point(&text), "{page}: {text}");
        assert!(
            !text.contains("Withheld") && !text.contains("withheld"),
            "{page}"
        );
    }
    let cohort = site.text("cohorts/2024-spring/index.html");
    let text = visible_text(cohort);
    assert!(text.contains("Encontros por dupla por mês"), "{text}");
    assert!(text.contains("1,4"), "{text}");
    assert!(text.contains("42,9%"), "{text}");
    assert!(text.contains("+7,1 p.p."), "{text}");
    assert!(text.contains("29 de nov. de 2024"), "{text}");
    assert!(text.contains("mai. de 2024"), "{text}");
    // The charts' axes too: ticks of meetings per pair-month.
    assert!(
        dashboards
            .iter()
            .any(|(_, html)| html.contains("mb-label\">0,5<") && !html.contains("mb-label\">0.5<")),
        "no chart with pt-BR tick labels"
    );
}
