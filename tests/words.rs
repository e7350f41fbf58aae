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
