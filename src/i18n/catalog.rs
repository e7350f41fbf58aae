//! One catalog file read: dotted keys to texts or plural forms, each with its line.
//!
//! A catalog is TOML: `[nav]` then `home = "Home"` is the key `nav.home`;
//! a table whose keys are all CLDR plural categories (`zero`, `one`,
//! `two`, `few`, `many`, `other`) is one entry with plural forms.

use std::collections::BTreeMap;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::format::category_of;

/// One entry's text: plain, or one text per plural category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Plain(String),
    /// Category name (`one`, `other`, …) → text.
    Plural(BTreeMap<String, String>),
}

/// An entry and the line it was written on.
#[derive(Debug, Clone)]
pub struct Entry {
    pub text: Text,
    pub line: usize,
}

/// A catalog problem at a line of its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: Option<usize>,
    pub message: String,
}

/// The entries of a catalog's text, by dotted key.
pub fn parse(text: &str) -> Result<BTreeMap<String, Entry>, Problem> {
    let doc = DeTable::parse(text).map_err(|e| Problem {
        line: e.span().map(|s| line_of(text, s.start)),
        message: format!("TOML syntax error: {}", e.message().trim()),
    })?;
    let mut out = BTreeMap::new();
    walk(text, doc.get_ref(), "", &mut out)?;
    Ok(out)
}

fn walk(
    text: &str,
    table: &DeTable,
    prefix: &str,
    out: &mut BTreeMap<String, Entry>,
) -> Result<(), Problem> {
    for (key, value) in table {
        let key_text = key.get_ref().to_string();
        let full = if prefix.is_empty() {
            key_text
        } else {
            format!("{prefix}.{key_text}")
        };
        let line = line_of(text, value.span().start.max(key.span().start));
        match value.get_ref() {
            DeValue::String(s) => {
                out.insert(
                    full,
                    Entry {
                        text: Text::Plain(s.to_string()),
                        line,
                    },
                );
            }
            DeValue::Table(t) if is_plural(t) => {
                let mut forms = BTreeMap::new();
                for (category, form) in t {
                    let DeValue::String(s) = form.get_ref() else {
                        return Err(expected_text(text, &full, form));
                    };
                    forms.insert(category.get_ref().to_string(), s.to_string());
                }
                if !forms.contains_key("other") {
                    return Err(Problem {
                        line: Some(line_of(text, key.span().start)),
                        message: format!(
                            "`{full}`: plural forms need `other` (the form for every count no other category takes)"
                        ),
                    });
                }
                out.insert(
                    full,
                    Entry {
                        text: Text::Plural(forms),
                        line: line_of(text, key.span().start),
                    },
                );
            }
            DeValue::Table(t) => walk(text, t, &full, out)?,
            _ => return Err(expected_text(text, &full, value)),
        }
    }
    Ok(())
}

fn is_plural(table: &DeTable) -> bool {
    !table.is_empty()
        && table
            .iter()
            .all(|(k, _)| category_of(k.get_ref()).is_some())
}

fn expected_text(text: &str, key: &str, value: &Spanned<DeValue>) -> Problem {
    Problem {
        line: Some(line_of(text, value.span().start)),
        message: format!("`{key}`: expected a text (a string) or a table of plural forms"),
    }
}

/// The 1-based line of a byte offset.
pub fn line_of(text: &str, at: usize) -> usize {
    text.get(..at).unwrap_or(text).matches('\n').count() + 1
}

/// The `{name}` placeholders of a text, in order, each once.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !out.contains(&name)
        {
            out.push(name);
        }
        rest = &after[close + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_keys_plurals_and_lines() {
        let text = "[nav]\nhome = \"Home\"\n\n[count.cohorts]\none = \"{n} cohort\"\nother = \"{n} cohorts\"\n";
        let entries = parse(text).unwrap();
        let home = &entries["nav.home"];
        assert_eq!(home.text, Text::Plain("Home".into()));
        assert_eq!(home.line, 2);
        let Text::Plural(forms) = &entries["count.cohorts"].text else {
            panic!("plural expected")
        };
        assert_eq!(forms["one"], "{n} cohort");
        assert_eq!(entries["count.cohorts"].line, 4);
    }

    #[test]
    fn problems_have_lines() {
        let p = parse("[nav]\nhome = 3\n").unwrap_err();
        assert_eq!(p.line, Some(2));
        assert!(p.message.contains("`nav.home`"), "{}", p.message);
        let p = parse("[x]\none = \"a\"\n").unwrap_err();
        assert!(p.message.contains("need `other`"), "{}", p.message);
        let p = parse("a = \"b\"\nc = \n").unwrap_err();
        assert_eq!(p.line, Some(2));
    }

    #[test]
    fn finds_placeholders() {
        assert_eq!(placeholders("{a} to {b}, {a}"), ["a", "b"]);
        assert!(placeholders("{ not one }").is_empty());
    }
}
