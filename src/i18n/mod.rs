//! Built-in words and their formats per language: catalogs (built-in, theme, program) and CLDR formatting.
//!
//! ```text
//! Catalogs::load(root, theme, tags, diags)   en + the languages asked for
//!     .get("pt-BR") → Arc<Words>             one language's words and formats
//! words.t("nav.home") · words.fill(key, args) · words.count_of(key, n)
//! words.count(n) · decimal · percent · date · month
//! ```
//! Charts and page views take a `&Words` and never load catalogs
//! themselves; templates reach the same words through `t(key=…)` and the
//! filters of [`template`]. See docs/languages.md.

pub mod catalog;
pub mod format;
pub mod loader;
pub mod template;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

pub use catalog::Text;
pub use format::{Formats, NONE};
pub use loader::{BUILT_IN, Catalogs, builtin_catalog_for};

/// One language's words (the built-in catalog with the theme's and the
/// program's overrides) and its number and date formats.
#[derive(Debug)]
pub struct Words {
    tag: String,
    texts: HashMap<String, Text>,
    formats: Formats,
}

static ENGLISH: LazyLock<Arc<Words>> = LazyLock::new(|| Arc::new(loader::builtin_words("en")));

impl Words {
    /// The built-in English words, as a site without `language` reads.
    pub fn english() -> Arc<Words> {
        Arc::clone(&ENGLISH)
    }

    /// The built-in words of one of [`BUILT_IN`]'s languages (or a
    /// regional tag of one); English for any other tag.
    pub fn builtin(tag: &str) -> Words {
        loader::builtin_words(tag)
    }

    pub(crate) fn new(tag: &str, texts: HashMap<String, Text>, formats: Formats) -> Words {
        Words {
            tag: tag.to_string(),
            texts,
            formats,
        }
    }

    /// The language's tag as the config writes it (`pt-BR`).
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// The language's number and date formats.
    pub fn formats(&self) -> &Formats {
        &self.formats
    }

    /// The text of a key (a plural entry's `other` form); the key itself
    /// when no catalog has it (a test holds every key used to exist).
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        match self.texts.get(key) {
            Some(Text::Plain(s)) => s,
            Some(Text::Plural(forms)) => forms.get("other").map_or(key, String::as_str),
            None => key,
        }
    }

    /// A key's text with its `{name}` placeholders filled.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.t(key), args)
    }

    /// A counted phrase: the key's plural form for `n` (by the language's
    /// CLDR rules, `other` when the catalog lacks the category), with
    /// `{n}` the count as the language writes it.
    pub fn count_of(&self, key: &str, n: u64, args: &[(&str, &str)]) -> String {
        let form = self.plural_form(key, n);
        let count = self.formats.whole(n);
        let mut all: Vec<(&str, &str)> = vec![("n", &count)];
        all.extend_from_slice(args);
        fill(form, &all)
    }

    /// The form of a plural key for a CLDR category (`other` when the
    /// catalog lacks it), placeholders left as written.
    pub fn form_of<'a>(&'a self, key: &'a str, category: &str) -> &'a str {
        match self.texts.get(key) {
            Some(Text::Plural(forms)) => forms
                .get(category)
                .or_else(|| forms.get("other"))
                .map_or(key, String::as_str),
            Some(Text::Plain(s)) => s,
            None => key,
        }
    }

    /// The form of a key for the count `n`.
    pub fn plural_form<'a>(&'a self, key: &'a str, n: u64) -> &'a str {
        match self.texts.get(key) {
            Some(Text::Plural(forms)) => {
                let category = format::category_name(self.formats.category(n));
                forms
                    .get(category)
                    .or_else(|| forms.get("other"))
                    .map_or(key, String::as_str)
            }
            Some(Text::Plain(s)) => s,
            None => key,
        }
    }

    /// `1,234` (en), `1.234` (pt-BR).
    pub fn count(&self, n: u64) -> String {
        self.formats.count(n)
    }

    /// A whole number as a table cell or label: ungrouped in English
    /// (`1234`, as the site has always written them), grouped otherwise.
    pub fn whole(&self, n: u64) -> String {
        self.formats.whole(n)
    }

    /// A number with `places` decimals, or `—`.
    pub fn decimal(&self, value: Option<f64>, places: usize) -> String {
        self.formats.decimal(value, places)
    }

    /// A fraction as a percentage with one decimal, or `—`.
    pub fn percent(&self, rate: Option<f64>) -> String {
        self.formats.percent(rate)
    }

    /// A date as the language writes it (ISO in English).
    pub fn date(&self, date: jiff::civil::Date) -> String {
        self.formats.date(date)
    }

    /// One of the program's dates (`crate::date::Date`) as the language writes it.
    pub fn day(&self, date: crate::date::Date) -> String {
        let (y, m, d) = date.ymd();
        match jiff::civil::Date::new(y as i16, m as i8, d as i8) {
            Ok(civil) => self.formats.date(civil),
            Err(_) => date.to_string(),
        }
    }

    /// A calendar month as the language writes it (`2025-03` in English).
    pub fn month(&self, year: i16, month: i8) -> String {
        self.formats.month(year, month)
    }

    /// Every key this language has, sorted.
    pub fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.texts.keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }
}

/// `text` with each `{name}` replaced by its value; unknown names stay.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    if args.is_empty() || !text.contains('{') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (Cow::Borrowed(*v), close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(&v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders() {
        assert_eq!(fill("{a} to {b}", &[("a", "x"), ("b", "y")]), "x to y");
        assert_eq!(fill("{a} {c}", &[("a", "x")]), "x {c}");
        assert_eq!(fill("no {", &[("a", "x")]), "no {");
    }

    #[test]
    fn counts_by_plural_rules() {
        let pt = Words::builtin("pt-BR");
        assert_eq!(pt.count_of("count.cohorts", 1, &[]), "1 turma");
        assert_eq!(pt.count_of("count.cohorts", 2, &[]), "2 turmas");
        assert_eq!(pt.count_of("count.cohorts", 1234, &[]), "1.234 turmas");
        let en = Words::english();
        assert_eq!(en.count_of("count.cohorts", 1, &[]), "1 cohort");
        assert_eq!(en.count_of("count.cohorts", 5, &[]), "5 cohorts");
        assert_eq!(en.t("no.such.key"), "no.such.key");
    }
}
