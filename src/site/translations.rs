//! Translated content: `page.TAG.md` and `roles.TAG.toml` sorted into one set of sources per language, untranslated pages falling back to the default language (docs/languages.md).

use std::collections::BTreeMap;
use std::path::Path;

use crate::config::Languages;
use crate::config::languages::{canonical_tag, tag_path};
use crate::diag::{Diagnostics, quoted};

use super::content::{Source, out_path};
use super::roles::{self, Roles};

/// One language's sources: every page of the default language, in its
/// order, as its translation when there is one.
pub struct LanguageSources {
    pub tag: String,
    pub sources: Vec<Source>,
    /// Per source: `true` when it is the default language's page (no translation).
    pub untranslated: Vec<bool>,
}

/// What a content key says of its language: `handbook/a.pt-br.md` is
/// `handbook/a.md` in `pt-br`; `None` for a key with no language suffix.
fn split_key(key: &str) -> Option<(String, &str)> {
    let stem = key.strip_suffix(".md")?;
    let file_at = stem.rfind('/').map_or(0, |i| i + 1);
    let dot = stem[file_at..].rfind('.')? + file_at;
    let suffix = &stem[dot + 1..];
    Some((format!("{}.md", &stem[..dot]), suffix))
}

/// Sorts `all` (every content file read) into the default language's
/// sources and each other language's. A file named for a language that is
/// not listed, or for the default one, is left out with a warning; so is a
/// translation with no original. A translation whose `weight` or template
/// differs from its original's is kept, with a warning (the original's
/// place in the navigation wins).
pub fn split(
    all: Vec<Source>,
    languages: &Languages,
    diags: &mut Diagnostics,
) -> (Vec<Source>, Vec<LanguageSources>) {
    let mut originals = Vec::new();
    let mut translated: BTreeMap<(String, String), Source> = BTreeMap::new();
    for mut s in all {
        let Some((base, suffix)) = split_key(&s.key) else {
            originals.push(s);
            continue;
        };
        let Some(tag) = canonical_tag(suffix) else {
            // `notes.v2.md`: a dot that names no language.
            originals.push(s);
            continue;
        };
        match languages.by_lowercase(&tag) {
            Some(t) if t == languages.default => diags.warning(
                &s.file,
                None,
                format!(
                    "is named for `{t}`, the default language, and is ignored: the default language's page is content/{base}"
                ),
            ),
            Some(t) => {
                let t = t.to_string();
                s.out = out_path(&base);
                s.key = base.clone();
                translated.insert((t, base), s);
            }
            None => diags.warning(
                &s.file,
                None,
                format!(
                    "is a translation into `{tag}`, which is not one of the site's languages, and is ignored (add {} to `languages` in mentorbook.toml)",
                    quoted(&tag)
                ),
            ),
        }
    }
    let mut trees = Vec::new();
    for tag in &languages.others {
        let mut sources = Vec::with_capacity(originals.len());
        let mut untranslated = Vec::with_capacity(originals.len());
        for original in &originals {
            match translated.remove(&(tag.clone(), original.key.clone())) {
                Some(t) => {
                    check_agrees(&t, original, diags);
                    sources.push(Source {
                        weight: original.weight,
                        ..t
                    });
                    untranslated.push(false);
                }
                None => {
                    sources.push(original.clone());
                    untranslated.push(true);
                }
            }
        }
        trees.push(LanguageSources {
            tag: tag.clone(),
            sources,
            untranslated,
        });
    }
    for ((_, base), s) in translated {
        diags.warning(
            &s.file,
            None,
            format!(
                "is a translation of content/{base}, which does not exist (or is a draft): ignored"
            ),
        );
    }
    (originals, trees)
}

/// A translation sits where its original does: a different `weight` or
/// template is a warning naming both values.
fn check_agrees(t: &Source, original: &Source, diags: &mut Diagnostics) {
    if t.weight.is_some() && t.weight != original.weight {
        let shown = |w: Option<i64>| w.map_or("none".to_string(), |w| w.to_string());
        diags.warning(
            &t.file,
            None,
            format!(
                "front matter: `weight` is {} but {} has {}: the original's place in the navigation is used",
                shown(t.weight),
                original.file,
                shown(original.weight)
            ),
        );
    }
    let template = |s: &Source| s.template.as_ref().map(|(name, _)| name.clone());
    if template(t) != template(original) {
        let shown = |n: Option<String>| n.map_or("the default".to_string(), |n| format!("`{n}`"));
        diags.warning(
            &t.file,
            t.template.as_ref().map(|(_, line)| *line),
            format!(
                "front matter: `template` is {} but {} uses {}: the translation is shown with its own",
                shown(template(t)),
                original.file,
                shown(template(original))
            ),
        );
    }
}

/// The built-in role guidance in Brazilian Portuguese, used for the
/// `pt-BR` tree of a program with neither `roles.pt-br.toml` nor `roles.toml`.
pub const DEFAULT_ROLES_PT_BR: &str = include_str!("../../roles.pt-br.toml");

/// The built-in role guidance in a language, when mentorbook ships one.
pub fn built_in_roles(tag: &str) -> Option<&'static str> {
    match tag {
        "en" => Some(roles::DEFAULT_ROLES),
        "pt-BR" => Some(DEFAULT_ROLES_PT_BR),
        _ => None,
    }
}

/// The role guidance of each other language: `roles.TAG.toml` when the
/// program has it; else the built-in guidance in that language when the
/// program has no `roles.toml` either; else the default language's, marked
/// untranslated (`true`). `roles.TAG.toml` for a language not listed is a warning.
pub fn load_roles(
    root: &Path,
    languages: &Languages,
    default: &Roles,
    diags: &mut Diagnostics,
) -> Vec<Option<(Roles, bool)>> {
    let mut found: BTreeMap<String, String> = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(root) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(suffix) = name
                .strip_prefix("roles.")
                .and_then(|n| n.strip_suffix(".toml"))
            else {
                continue;
            };
            let listed = canonical_tag(suffix)
                .and_then(|t| languages.by_lowercase(&t).map(str::to_string))
                .filter(|t| *t != languages.default);
            match listed {
                Some(t) => {
                    found.insert(t, name);
                }
                None => diags.warning(
                    &name,
                    None,
                    format!(
                        "is named for {}, which is not one of the site's other `languages`, and is ignored",
                        quoted(suffix)
                    ),
                ),
            }
        }
    }
    let has_own = root.join("roles.toml").is_file();
    languages
        .others
        .iter()
        .map(|tag| {
            if let Some(file) = found.get(tag) {
                let text = match std::fs::read_to_string(root.join(file)) {
                    Ok(t) => t,
                    Err(e) => {
                        diags.error(file, None, format!("cannot read: {e}"));
                        return None;
                    }
                };
                return roles::parse(&text, file, diags).map(|r| (r, false));
            }
            if !has_own && let Some(text) = built_in_roles(tag) {
                let file = format!("(built-in) roles.{}.toml", tag_path(tag));
                return roles::parse(text, &file, diags).map(|r| (r, false));
            }
            Some((default.clone(), true))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_their_language() {
        assert_eq!(
            split_key("handbook/a.pt-br.md"),
            Some(("handbook/a.md".to_string(), "pt-br"))
        );
        assert_eq!(
            split_key("_index.es.md"),
            Some(("_index.md".to_string(), "es"))
        );
        assert_eq!(split_key("handbook/a.md"), None);
        assert_eq!(split_key("v1.2/a.md"), None);
    }

    #[test]
    fn the_built_in_roles_parse_in_both_languages() {
        for tag in ["en", "pt-BR"] {
            let mut diags = Diagnostics::new();
            let roles = built_in_roles(tag).and_then(|t| roles::parse(t, tag, &mut diags));
            assert!(roles.is_some(), "{tag}: {:?}", diags.report_lines());
        }
    }
}
