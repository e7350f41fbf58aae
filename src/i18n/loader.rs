//! Finding each language's catalogs: built-in, then the theme's `i18n/`, then the program's `i18n/TAG.toml`.
//!
//! The rules (docs/words.md): every key of a program or theme catalog
//! must exist in the built-in English catalog (an error names the closest
//! one); a language with a built-in catalog (or whose base language has
//! one: `pt-PT` reads `pt-BR`'s, `es-MX` reads `es`'s) needs no file; any
//! other language needs a program (or theme) catalog with every key.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use crate::diag::Diagnostics;
use crate::site::templates::DEFAULT_THEME;

use super::catalog::{self, Entry, Text, placeholders};
use super::{Formats, Words};

/// The languages whose catalogs ship in the binary (themes/default/i18n/).
pub const BUILT_IN: [&str; 5] = ["en", "pt-BR", "es", "fr", "de"];

/// The built-in catalog a tag reads: its own (case ignored), else its
/// base language's (`pt-PT` → `pt-BR`); `None` for any other language.
pub fn builtin_catalog_for(tag: &str) -> Option<&'static str> {
    if let Some(exact) = BUILT_IN.iter().find(|b| b.eq_ignore_ascii_case(tag)) {
        return Some(exact);
    }
    let lang = base_language(tag);
    BUILT_IN
        .iter()
        .find(|b| base_language(b).eq_ignore_ascii_case(lang))
        .copied()
}

fn base_language(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

/// A built-in catalog's entries (empty if missing or broken, which the
/// tests rule out).
fn builtin_entries(name: &str) -> BTreeMap<String, Entry> {
    DEFAULT_THEME
        .get_file(format!("i18n/{name}.toml"))
        .and_then(|f| f.contents_utf8())
        .and_then(|text| catalog::parse(text).ok())
        .unwrap_or_default()
}

fn texts(entries: BTreeMap<String, Entry>) -> HashMap<String, Text> {
    entries.into_iter().map(|(k, e)| (k, e.text)).collect()
}

/// The built-in words of a tag (English for a language with no catalog).
pub(crate) fn builtin_words(tag: &str) -> Words {
    let name = builtin_catalog_for(tag).unwrap_or("en");
    let tag = if builtin_catalog_for(tag).is_some() {
        tag
    } else {
        "en"
    };
    let formats = Formats::new(tag)
        .or_else(|| Formats::new("en"))
        .expect("ICU4X has English data");
    Words::new(tag, texts(builtin_entries(name)), formats)
}

/// Every language's words for one program.
#[derive(Debug, Clone)]
pub struct Catalogs {
    /// Tag as the config writes it → words.
    by_tag: BTreeMap<String, Arc<Words>>,
}

impl Default for Catalogs {
    fn default() -> Self {
        Catalogs::english()
    }
}

impl Catalogs {
    /// English alone, built in (tests, and programs with no catalogs).
    pub fn english() -> Catalogs {
        Catalogs {
            by_tag: BTreeMap::from([("en".to_string(), Words::english())]),
        }
    }

    /// The words of each language in `tags`, from the built-in catalogs,
    /// the theme's `THEME/i18n/TAG.toml` and the program's
    /// `i18n/TAG.toml`, later ones overriding earlier ones key by key.
    /// Every problem goes to `diags` (file and line); a language with
    /// problems reads English so the build can go on finding others.
    pub fn load(
        root: &Path,
        theme: Option<&str>,
        tags: &[&str],
        diags: &mut Diagnostics,
    ) -> Catalogs {
        let english = builtin_entries("en");
        let mut by_tag = BTreeMap::new();
        by_tag.insert("en".to_string(), Words::english());
        for tag in tags {
            if let Some(words) = load_one(root, theme, tag, &english, diags) {
                by_tag.insert((*tag).to_string(), Arc::new(words));
            }
        }
        Catalogs { by_tag }
    }

    /// The words of every language loaded.
    pub fn all(&self) -> impl Iterator<Item = &Arc<Words>> {
        self.by_tag.values()
    }

    /// The words of a language (English when it was not loaded).
    pub fn get(&self, tag: &str) -> Arc<Words> {
        self.by_tag
            .get(tag)
            .or_else(|| {
                self.by_tag
                    .iter()
                    .find(|(t, _)| t.eq_ignore_ascii_case(tag))
                    .map(|(_, w)| w)
            })
            .cloned()
            .unwrap_or_else(Words::english)
    }
}

/// A catalog file of the program or theme for a tag, as (shown path, text).
fn find_file(
    root: &Path,
    dir: &str,
    tag: &str,
    diags: &mut Diagnostics,
) -> Option<(String, String)> {
    let mut names = vec![format!("{dir}/{tag}.toml")];
    let lower = format!("{dir}/{}.toml", tag.to_ascii_lowercase());
    if !names.contains(&lower) {
        names.push(lower);
    }
    for shown in names {
        let path = root.join(&shown);
        if !path.is_file() {
            continue;
        }
        return match std::fs::read_to_string(&path) {
            Ok(text) => Some((shown, text)),
            Err(e) => {
                diags.error(&shown, None, format!("cannot read: {e}"));
                None
            }
        };
    }
    None
}

fn load_one(
    root: &Path,
    theme: Option<&str>,
    tag: &str,
    english: &BTreeMap<String, Entry>,
    diags: &mut Diagnostics,
) -> Option<Words> {
    let before = diags.error_count();
    let Some(formats) = Formats::new(tag) else {
        diags.error(
            "mentorbook.toml",
            None,
            format!("language `{tag}`: not a language tag that CLDR knows (write a BCP 47 tag such as `pt-BR`)"),
        );
        return None;
    };
    let builtin = builtin_catalog_for(tag);
    let mut merged: HashMap<String, Text> = builtin
        .map(|b| texts(builtin_entries(b)))
        .unwrap_or_default();
    let mut files = Vec::new();
    if let Some(theme) = theme {
        files.extend(find_file(root, &format!("{theme}/i18n"), tag, diags));
    }
    files.extend(find_file(root, "i18n", tag, diags));
    let mut last_file = None;
    for (shown, text) in files {
        let entries = match catalog::parse(&text) {
            Ok(entries) => entries,
            Err(p) => {
                diags.error(&shown, p.line, p.message);
                continue;
            }
        };
        for (key, entry) in entries {
            if let Some(message) = check_entry(&key, &entry.text, english) {
                diags.error(&shown, Some(entry.line), message);
                continue;
            }
            merged.insert(key, entry.text);
        }
        last_file = Some(shown);
    }
    if builtin.is_none() {
        let missing: Vec<&str> = english
            .keys()
            .filter(|k| !merged.contains_key(*k))
            .map(String::as_str)
            .collect();
        match (&last_file, missing.is_empty()) {
            (_, true) => {}
            (None, false) => diags.error(
                "mentorbook.toml",
                None,
                format!(
                    "language `{tag}` has no built-in catalog (built in: {}): write i18n/{tag}.toml with every key of the English catalog (docs/words.md)",
                    BUILT_IN.join(", ")
                ),
            ),
            (Some(file), false) => diags.error(
                file,
                None,
                format!(
                    "missing {} (`{tag}` has no built-in catalog, so its file needs every key of the English catalog)",
                    name_keys(&missing)
                ),
            ),
        }
    }
    if diags.error_count() > before {
        return None;
    }
    Some(Words::new(tag, merged, formats))
}

/// `key `a``, or `keys `a`, `b`, `c` and 4 more`.
fn name_keys(keys: &[&str]) -> String {
    const SHOWN: usize = 5;
    let listed: Vec<String> = keys.iter().take(SHOWN).map(|k| format!("`{k}`")).collect();
    let more = keys.len().saturating_sub(SHOWN);
    let noun = if keys.len() == 1 { "key" } else { "keys" };
    if more > 0 {
        format!("{noun} {} and {more} more", listed.join(", "))
    } else {
        format!("{noun} {}", listed.join(", "))
    }
}

/// What is wrong with an override of `key`, measured against English:
/// an unknown key (with the closest one), a plain text where English has
/// plural forms or the other way round, a placeholder English lacks.
fn check_entry(key: &str, text: &Text, english: &BTreeMap<String, Entry>) -> Option<String> {
    let Some(reference) = english.get(key) else {
        let closest = english
            .keys()
            .min_by_key(|k| strsim::levenshtein(key, k))
            .map(|k| format!(": the closest key is `{k}`"))
            .unwrap_or_default();
        return Some(format!("unknown key `{key}`{closest}"));
    };
    let allowed: Vec<&str> = match &reference.text {
        Text::Plain(s) => placeholders(s),
        Text::Plural(forms) => forms.values().flat_map(|s| placeholders(s)).collect(),
    };
    let written: Vec<&str> = match (text, &reference.text) {
        (Text::Plain(s), Text::Plain(_)) => placeholders(s),
        (Text::Plural(forms), Text::Plural(_)) => {
            forms.values().flat_map(|s| placeholders(s)).collect()
        }
        (Text::Plain(_), Text::Plural(_)) => {
            return Some(format!(
                "`{key}` takes plural forms (a table with `one`, `other`, … as the language needs)"
            ));
        }
        (Text::Plural(_), Text::Plain(_)) => {
            return Some(format!("`{key}` takes one text, not plural forms"));
        }
    };
    let unknown: Vec<&str> = written
        .into_iter()
        .filter(|p| !allowed.contains(p))
        .collect();
    let first = unknown.first()?;
    let offered: Vec<String> = allowed.iter().map(|p| format!("{{{p}}}")).collect();
    Some(format!(
        "`{key}`: `{{{first}}}` is not one of its placeholders ({})",
        if offered.is_empty() {
            "it has none".to_string()
        } else {
            offered.join(", ")
        }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_tags_read_their_languages_catalog() {
        assert_eq!(builtin_catalog_for("pt-br"), Some("pt-BR"));
        assert_eq!(builtin_catalog_for("pt-PT"), Some("pt-BR"));
        assert_eq!(builtin_catalog_for("es-MX"), Some("es"));
        assert_eq!(builtin_catalog_for("en-GB"), Some("en"));
        assert_eq!(builtin_catalog_for("ar"), None);
    }

    /// Every built-in catalog has exactly English's keys, each with the
    /// same shape (text or plural forms) and no placeholder English lacks.
    #[test]
    fn built_in_catalogs_have_the_same_keys() {
        let english = builtin_entries("en");
        assert!(english.len() > 50, "the English catalog reads");
        for name in BUILT_IN {
            let text = DEFAULT_THEME
                .get_file(format!("i18n/{name}.toml"))
                .and_then(|f| f.contents_utf8())
                .unwrap_or_else(|| panic!("themes/default/i18n/{name}.toml is built in"));
            let entries = catalog::parse(text).unwrap_or_else(|p| panic!("{name}: {p:?}"));
            let missing: Vec<&String> = english
                .keys()
                .filter(|k| !entries.contains_key(*k))
                .collect();
            assert!(missing.is_empty(), "{name} lacks {missing:?}");
            for (key, entry) in &entries {
                assert_eq!(check_entry(key, &entry.text, &english), None, "{name}");
            }
        }
    }

    /// Every `t(key="…")` of the built-in templates names a key of the catalogs.
    #[test]
    fn the_templates_keys_exist() {
        let english = builtin_entries("en");
        let mut stack = vec![DEFAULT_THEME.get_dir("templates").expect("templates")];
        let mut used = 0;
        while let Some(dir) = stack.pop() {
            for file in dir.files() {
                let text = file.contents_utf8().unwrap_or_default();
                for part in text.split("t(key=\"").skip(1) {
                    let key = part.split('"').next().unwrap_or_default();
                    if key.ends_with(['.', '_']) {
                        // A key made in the template (`"status." ~ cohort.status`).
                        continue;
                    }
                    assert!(
                        english.contains_key(key),
                        "{}: {key}",
                        file.path().display()
                    );
                    used += 1;
                }
            }
            stack.extend(dir.dirs());
        }
        assert!(used > 100, "{used}");
    }

    #[test]
    fn names_missing_keys() {
        assert_eq!(name_keys(&["a"]), "key `a`");
        assert_eq!(
            name_keys(&["a", "b", "c", "d", "e", "f", "g"]),
            "keys `a`, `b`, `c`, `d`, `e` and 2 more"
        );
    }
}
