//! The words in templates: `t(key=…)` and the filters `count`, `decimal`, `percent`, `date`, `month`.
//!
//! Each reads the page's language from the context: `lang` when a page
//! sets it, else `site.language` (docs/themes.md, "Words and numbers").
//! `t(key=…, n=5)` picks the plural form for 5 and fills `{n}`;
//! `t(key=…, category="few")` gives one form as written, `{n}` left for a
//! script to fill (the search page's count, docs/words.md).
//! In HTML, `t` escapes the catalog's text and every argument that is not
//! already safe, and returns safe HTML, so an argument may carry a link.

use std::collections::HashMap;
use std::sync::Arc;

use tera::{Kwargs, State, Tera, Value};

use super::{Catalogs, Words};

/// The language a page is rendered in.
fn words_of(catalogs: &Catalogs, state: &State) -> Arc<Words> {
    if let Ok(Some(lang)) = state.get::<Value>("lang")
        && let Some(lang) = lang.as_str()
    {
        return catalogs.get(lang);
    }
    let site: Option<Value> = state.get::<Value>("site").ok().flatten();
    let tag = site
        .as_ref()
        .and_then(Value::as_map)
        .and_then(|m| m.get(&tera::value::Key::Str("language")))
        .and_then(Value::as_str)
        .unwrap_or("en");
    catalogs.get(tag)
}

/// A catalog's text for HTML: `&`, `<`, `>` and `"` escaped; an
/// apostrophe, common in prose and harmless in text and double-quoted
/// attributes, kept as written.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Every language's texts as `t(key=…)` gives them in HTML with no other
/// argument, by the words they are from (their address, as
/// [`words_of`] returns them) and key: escaped once for the build, where
/// escaping them call by call was a twentieth of rendering dashboards.
type EscapedTexts = HashMap<usize, HashMap<String, Value>>;

fn address(words: &Arc<Words>) -> usize {
    Arc::as_ptr(words) as usize
}

fn escaped_texts(catalogs: &Catalogs) -> EscapedTexts {
    let english = Words::english();
    std::iter::once(&english)
        .chain(catalogs.all())
        .map(|words| {
            let texts = words
                .keys()
                .into_iter()
                .map(|key| {
                    let text = escape_text(words.t(key));
                    (key.to_string(), Value::safe_string(&text))
                })
                .collect();
            (address(words), texts)
        })
        .collect()
}

/// Registers `t` and the filters on a Tera instance (before templates are added).
pub fn register(tera: &mut Tera, catalogs: Arc<Catalogs>) {
    let c = Arc::clone(&catalogs);
    let escaped = escaped_texts(&catalogs);
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<Value> {
            let words = words_of(&c, state);
            let key: &str = kwargs.must_get::<&str>("key")?;
            let escape = state.autoescaping_enabled();
            if escape
                && kwargs.iter().nth(1).is_none()
                && let Some(text) = escaped.get(&address(&words)).and_then(|t| t.get(key))
            {
                return Ok(text.clone());
            }
            let key = key.to_string();
            let mut args: Vec<(String, String)> = Vec::new();
            let mut n: Option<u64> = None;
            let mut category: Option<String> = None;
            for (name, value) in kwargs.iter() {
                let Some(name) = name.as_str() else { continue };
                if name == "key" {
                    continue;
                }
                if name == "category" {
                    category = value.as_str().map(str::to_string);
                    continue;
                }
                if name == "n" {
                    n = value
                        .as_u64()
                        .or_else(|| value.as_f64().map(|f| f.max(0.0) as u64))
                        .or_else(|| value.as_str().and_then(|s| s.parse().ok()));
                    continue;
                }
                let text = value.to_string();
                let text = if escape && !value.is_safe() {
                    state.escape(&text)?
                } else {
                    text
                };
                args.push((name.to_string(), text));
            }
            let form = match (n, &category) {
                (_, Some(category)) => words.form_of(&key, category),
                (Some(n), None) => {
                    args.push(("n".into(), words.whole(n)));
                    words.plural_form(&key, n)
                }
                (None, None) => words.t(&key),
            };
            let form = if escape {
                escape_text(form)
            } else {
                form.to_string()
            };
            let pairs: Vec<(&str, &str)> =
                args.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            let out = super::fill(&form, &pairs);
            Ok(if escape {
                Value::safe_string(&out)
            } else {
                Value::from(out)
            })
        },
    );
    let c = Arc::clone(&catalogs);
    tera.register_filter("count", move |v: f64, _: Kwargs, state: &State| {
        words_of(&c, state).count(v.max(0.0) as u64)
    });
    let c = Arc::clone(&catalogs);
    tera.register_filter(
        "decimal",
        move |v: f64, kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let places = kwargs.get::<u64>("places")?.unwrap_or(1) as usize;
            Ok(words_of(&c, state).decimal(Some(v), places))
        },
    );
    let c = Arc::clone(&catalogs);
    tera.register_filter("percent", move |v: f64, _: Kwargs, state: &State| {
        words_of(&c, state).percent(Some(v))
    });
    let c = Arc::clone(&catalogs);
    tera.register_filter("date", move |v: &str, _: Kwargs, state: &State| match v
        .parse::<jiff::civil::Date>()
    {
        Ok(d) => words_of(&c, state).date(d),
        Err(_) => v.to_string(),
    });
    let c = catalogs;
    tera.register_filter("month", move |v: &str, _: Kwargs, state: &State| {
        let parsed = v
            .split_once('-')
            .and_then(|(y, m)| Some((y.parse::<i16>().ok()?, m.parse::<i8>().ok()?)));
        match parsed {
            Some((y, m)) => words_of(&c, state).month(y, m),
            None => v.to_string(),
        }
    });
}
