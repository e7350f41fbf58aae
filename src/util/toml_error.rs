//! TOML errors that name the full key of the value they are about: `data.feedback.columns.pair_id: expected a string, found an array`.
//!
//! serde's type errors say what was expected but not where; the error's
//! span points at the value, so the key is found by walking the document
//! (parsed again, spans kept) to the innermost value whose span holds it.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::quoted;

use super::text::describe_toml_error;

/// A TOML error's message for the user: an unknown key with the closest
/// valid one ([`describe_toml_error`]), a value of the wrong type with its
/// full key and what it should have been.
pub fn describe_toml_error_in(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().trim();
    let plain = || describe_toml_error(e);
    let is_type_error = message.starts_with("invalid type:")
        || message.starts_with("data did not match any variant of untagged enum");
    if !is_type_error {
        return plain();
    }
    let Some(span) = e.span() else {
        return plain();
    };
    let Ok(doc) = DeTable::parse(text) else {
        return plain();
    };
    let mut best: Option<(Vec<String>, &DeValue, usize)> = None;
    let mut path = Vec::new();
    find_value(doc.get_ref(), &span, &mut path, &mut best);
    let Some((path, value, _)) = best else {
        return plain();
    };
    let expected = expected_of(message);
    format!(
        "{}: expected {expected}, found {}",
        path.join("."),
        found_of(value)
    )
}

/// Walks every value, keeping the one with the shortest span holding `span`.
fn find_value<'d>(
    table: &'d DeTable,
    span: &Range<usize>,
    path: &mut Vec<String>,
    best: &mut Option<(Vec<String>, &'d DeValue<'d>, usize)>,
) {
    for (key, value) in table {
        path.push(key_text(key.get_ref()));
        visit(value, span, path, best);
        path.pop();
    }
}

fn visit<'d>(
    value: &'d Spanned<DeValue<'d>>,
    span: &Range<usize>,
    path: &mut Vec<String>,
    best: &mut Option<(Vec<String>, &'d DeValue<'d>, usize)>,
) {
    let at = value.span();
    if at.start <= span.start && span.end <= at.end.max(at.start + 1) {
        let len = at.end - at.start;
        if best.as_ref().is_none_or(|(_, _, l)| len <= *l) {
            *best = Some((path.clone(), value.get_ref(), len));
        }
    }
    match value.get_ref() {
        DeValue::Table(t) => find_value(t, span, path, best),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                if let Some(last) = path.last_mut() {
                    let base = last.clone();
                    *last = format!("{base}[{i}]");
                    visit(item, span, path, best);
                    if let Some(last) = path.last_mut() {
                        *last = base;
                    }
                }
            }
        }
        _ => {}
    }
}

/// A key as the config writes it: bare when it can be, else quoted.
fn key_text(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare { key.to_string() } else { quoted(key) }
}

/// What serde expected, in the config's words.
fn expected_of(message: &str) -> String {
    if message.contains("untagged enum OneOrMany") {
        return "a string or an array of strings".into();
    }
    let expected = message
        .rsplit_once(", expected ")
        .map_or("", |(_, e)| e)
        .trim();
    match expected {
        "i64" | "i32" | "u64" | "u32" | "usize" | "u8" | "u16" | "i8" | "i16" => {
            "a whole number".into()
        }
        "a boolean" => "true or false".into(),
        "a map" => "a table".into(),
        "a sequence" => "an array".into(),
        e if e.starts_with("struct ") => "a table".into(),
        "" => "another type".into(),
        e => e.to_string(),
    }
}

/// What the value is, with the value itself when it is short.
fn found_of(value: &DeValue) -> String {
    match value {
        DeValue::String(s) => format!("a string ({})", quoted(s)),
        DeValue::Integer(i) => format!("an integer ({i})"),
        DeValue::Float(f) => format!("a number ({f})"),
        DeValue::Boolean(b) => format!("a boolean ({b})"),
        DeValue::Datetime(d) => format!("a date ({d})"),
        DeValue::Array(_) => "an array".into(),
        DeValue::Table(_) => "a table".into(),
    }
}

#[cfg(test)]
mod tests {
    use crate::config::parse;
    use crate::diag::Diagnostics;

    fn error(text: &str) -> String {
        let mut diags = Diagnostics::new();
        assert!(parse(text, "mentorbook.toml", &mut diags).is_none());
        diags.report_lines().join("\n")
    }

    #[test]
    fn type_errors_name_the_full_key() {
        let cases = [
            (
                "title = 3\n",
                "error: mentorbook.toml:1: title: expected a string, found an integer (3)",
            ),
            (
                "[data.feedback.columns]\npair_id = [\"a\"]\n",
                "error: mentorbook.toml:2: data.feedback.columns.pair_id: expected a string, found an array",
            ),
            (
                "[data.feedback]\ncolumns = { pair_id = 4 }\n",
                "error: mentorbook.toml:2: data.feedback.columns.pair_id: expected a string, found an integer (4)",
            ),
            (
                "[data.meetings]\nheader_row = \"3\"\n",
                "error: mentorbook.toml:2: data.meetings.header_row: expected a whole number, found a string (\"3\")",
            ),
            (
                "[data.meetings]\npath = 3\n",
                "error: mentorbook.toml:2: data.meetings.path: expected a string or an array of strings, found an integer (3)",
            ),
            (
                "[data.goals.values.status]\ncompleted = [\"Done\", 2]\n",
                "error: mentorbook.toml:2: data.goals.values.status.completed: expected a string or an array of strings, found an array",
            ),
            (
                "[data.meetings.skip_if]\n\"Session status\" = true\n",
                "error: mentorbook.toml:2: data.meetings.skip_if.\"Session status\": expected a string or an array of strings, found a boolean (true)",
            ),
            (
                "[privacy]\npublish_comments = \"yes\"\n",
                "error: mentorbook.toml:2: privacy.publish_comments: expected true or false, found a string (\"yes\")",
            ),
            (
                "[metrics]\nquiet_days = 1.5\n",
                "error: mentorbook.toml:2: metrics.quiet_days: expected a whole number, found a number (1.5)",
            ),
            (
                "[data]\nfeedback = 1\n",
                "error: mentorbook.toml:2: data.feedback: expected a table, found an integer (1)",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(error(text), want, "{text}");
        }
    }

    #[test]
    fn unknown_keys_keep_their_suggestion() {
        assert!(
            error("[data.meetings]\nheader_rows = 2\n")
                .contains("unknown key `header_rows`: did you mean `header_row`?")
        );
    }
}
