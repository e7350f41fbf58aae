//! `language`, `languages` and `[translations.TAG]` of mentorbook.toml: BCP 47 tags checked, each language once (docs/languages.md).

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostics, quoted};
use crate::util::text::{Lines, did_you_mean};

/// `[translations.TAG]` as written.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTranslation {
    title: Option<String>,
    description: Option<String>,
}

/// The site's title and description in one of its other languages; `None`
/// keeps the default language's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Translation {
    pub title: Option<String>,
    pub description: Option<String>,
}

/// The three language keys of the config as written.
pub(super) struct RawLanguages {
    pub(super) language: Option<Spanned<String>>,
    pub(super) languages: Option<Vec<Spanned<String>>>,
    pub(super) translations: BTreeMap<Spanned<String>, RawTranslation>,
}

/// What the config says about languages: the default, then the others in
/// the order written, each in its canonical spelling (`pt-BR`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Languages {
    pub default: String,
    pub others: Vec<String>,
    /// By canonical tag, for the other languages only.
    pub translations: BTreeMap<String, Translation>,
}

impl Default for Languages {
    fn default() -> Self {
        Languages {
            default: "en".into(),
            others: Vec::new(),
            translations: BTreeMap::new(),
        }
    }
}

impl Languages {
    /// Every language, the default first.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.default.as_str()).chain(self.others.iter().map(String::as_str))
    }

    /// The listed language whose lowercased tag is `lower` (a file name's `pt-br`).
    pub fn by_lowercase(&self, lower: &str) -> Option<&str> {
        self.all().find(|t| t.eq_ignore_ascii_case(lower))
    }
}

/// Checks the language keys: every tag well-formed BCP 47, none listed
/// twice (the default included), every `[translations.TAG]` a listed language.
pub(super) fn parse(
    raw: RawLanguages,
    lines: &Lines,
    file: &str,
    diags: &mut Diagnostics,
) -> Languages {
    let at = |span: std::ops::Range<usize>| Some(lines.line_of(span.start));
    let mut out = Languages::default();
    if let Some(tag) = raw.language {
        match canonical_tag(tag.get_ref()) {
            Some(t) => out.default = t,
            None => diags.error(file, at(tag.span()), invalid("language", tag.get_ref())),
        }
    }
    for tag in raw.languages.unwrap_or_default() {
        let Some(t) = canonical_tag(tag.get_ref()) else {
            diags.error(file, at(tag.span()), invalid("languages", tag.get_ref()));
            continue;
        };
        if out.all().any(|seen| seen == t) {
            let why = if t == out.default {
                "it is already the default `language`"
            } else {
                "each language is listed once"
            };
            diags.error(
                file,
                at(tag.span()),
                format!("`languages`: {} is listed twice ({why})", quoted(&t)),
            );
            continue;
        }
        out.others.push(t);
    }
    for (tag, raw) in raw.translations {
        let listed =
            canonical_tag(tag.get_ref()).filter(|t| out.others.contains(t) || *t == out.default);
        match listed {
            Some(t) => {
                out.translations.insert(
                    t,
                    Translation {
                        title: raw.title,
                        description: raw.description,
                    },
                );
            }
            None => {
                let others: Vec<&str> = out.others.iter().map(String::as_str).collect();
                diags.error(
                    file,
                    at(tag.span()),
                    format!(
                        "`translations.{}`: not one of the site's `languages`{}",
                        tag.get_ref(),
                        did_you_mean(tag.get_ref(), &others)
                    ),
                );
            }
        }
    }
    out
}

fn invalid(key: &str, tag: &str) -> String {
    format!(
        "`{key}`: {} is not a language tag (expected a BCP 47 tag such as \"en\", \"pt-BR\" or \"zh-Hant\")",
        quoted(tag)
    )
}

/// A well-formed BCP 47 tag in its canonical case (`pt-br` → `pt-BR`,
/// `ZH-hant-tw` → `zh-Hant-TW`), or `None`. Language (2–3 letters),
/// then optional script (4 letters), region (2 letters or 3 digits),
/// variants (5–8 alphanumerics, or a digit and 3), extensions and a
/// private part; `-` or `_` between subtags.
pub fn canonical_tag(tag: &str) -> Option<String> {
    let subtags: Vec<&str> = tag.split(['-', '_']).collect();
    let alpha = |s: &str| s.bytes().all(|b| b.is_ascii_alphabetic());
    let alnum = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric());
    let first = subtags.first()?;
    if !(alpha(first) && matches!(first.len(), 2 | 3)) {
        return None;
    }
    let mut out = vec![first.to_ascii_lowercase()];
    let mut rest = &subtags[1..];
    if let Some(s) = rest.first()
        && s.len() == 4
        && alpha(s)
    {
        let mut script = s.to_ascii_lowercase();
        script[..1].make_ascii_uppercase();
        out.push(script);
        rest = &rest[1..];
    }
    if let Some(s) = rest.first()
        && ((s.len() == 2 && alpha(s)) || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit())))
    {
        out.push(s.to_ascii_uppercase());
        rest = &rest[1..];
    }
    while let Some(s) = rest.first() {
        let variant = alnum(s)
            && (matches!(s.len(), 5..=8) || (s.len() == 4 && s.as_bytes()[0].is_ascii_digit()));
        if !variant {
            break;
        }
        out.push(s.to_ascii_lowercase());
        rest = &rest[1..];
    }
    // Extensions (a singleton then subtags of 2–8) and a private part (`x-…`).
    while let Some(s) = rest.first() {
        if s.len() != 1 || !alnum(s) {
            return None;
        }
        let private = s.eq_ignore_ascii_case("x");
        let min = if private { 1 } else { 2 };
        let count = rest[1..]
            .iter()
            .take_while(|p| alnum(p) && p.len() >= min && p.len() <= 8 && (private || p.len() != 1))
            .count();
        if count == 0 {
            return None;
        }
        out.extend(rest[..=count].iter().map(|p| p.to_ascii_lowercase()));
        rest = &rest[count + 1..];
        if private && !rest.is_empty() {
            return None;
        }
    }
    Some(out.join("-"))
}

/// A tag's folder and file-name form: lowercased (`pt-BR` → `pt-br`).
pub fn tag_path(tag: &str) -> String {
    tag.to_ascii_lowercase()
}

/// Whether a language is written right to left (Arabic, Hebrew, Persian,
/// Urdu and a few more), by its primary subtag or its script.
pub fn is_rtl(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or_default().to_ascii_lowercase();
    let script = parts.next().filter(|s| s.len() == 4);
    match script {
        Some(s) if ["Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm"].contains(&s) => true,
        Some(_) => false,
        None => [
            "ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug", "iw",
        ]
        .contains(&lang.as_str()),
    }
}

/// A language's name in itself, for the language switcher; the tag when
/// mentorbook does not know it (a program can still name it in its catalog).
pub fn autonym(tag: &str) -> &str {
    const NAMES: &[(&str, &str)] = &[
        ("en", "English"),
        ("pt-BR", "Português (Brasil)"),
        ("pt", "Português"),
        ("pt-PT", "Português (Portugal)"),
        ("es", "Español"),
        ("fr", "Français"),
        ("de", "Deutsch"),
        ("it", "Italiano"),
        ("nl", "Nederlands"),
        ("ar", "العربية"),
        ("he", "עברית"),
        ("fa", "فارسی"),
        ("ja", "日本語"),
        ("zh", "中文"),
    ];
    NAMES
        .iter()
        .find(|(t, _)| *t == tag)
        .map_or(tag, |(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_checked_and_put_in_canonical_case() {
        for (written, canonical) in [
            ("en", "en"),
            ("pt-br", "pt-BR"),
            ("PT_BR", "pt-BR"),
            ("zh-hant-tw", "zh-Hant-TW"),
            ("es-419", "es-419"),
            ("sl-rozaj-biske", "sl-rozaj-biske"),
            ("de-CH-1996", "de-CH-1996"),
            ("en-u-ca-gregory", "en-u-ca-gregory"),
            ("ast", "ast"),
        ] {
            assert_eq!(
                canonical_tag(written).as_deref(),
                Some(canonical),
                "{written}"
            );
        }
        for bad in [
            "",
            "e",
            "english",
            "pt-",
            "pt--br",
            "pt BR",
            "123",
            "pt-BR-x",
            "en-u",
            "português",
        ] {
            assert_eq!(canonical_tag(bad), None, "{bad}");
        }
    }

    #[test]
    fn right_to_left() {
        for tag in ["ar", "he", "fa", "ar-EG", "az-Arab"] {
            assert!(is_rtl(tag), "{tag}");
        }
        for tag in ["en", "pt-BR", "uz-Latn", "arn"] {
            assert!(!is_rtl(tag), "{tag}");
        }
    }
}
