//! The per-table keys that say which files feed a table and which of their rows count: `path`, `sheet`, `header_row`, skips, constants (docs/data.md, "Exports in other shapes").

use std::ops::Range;

use crate::diag::{Diagnostics, quoted};
use crate::util::text::{Lines, did_you_mean, list};

use super::FilesConfig;
use super::parse::{OneOrMany, RawTable};
use super::schema::TableKind;

/// The largest `header_row`: a title block of a million lines is a mistake.
const MAX_HEADER_ROW: i64 = 1_000_000;

/// Takes the table's file and row keys out of `raw`, checking each value;
/// each problem is reported at its line.
pub(super) fn files_config(
    kind: TableKind,
    raw: &mut RawTable,
    lines: &Lines,
    file: &str,
    diags: &mut Diagnostics,
) -> FilesConfig {
    let name = kind.name();
    let mut out = FilesConfig::default();
    let mut error = |span: Range<usize>, key: &str, message: String| {
        diags.error(
            file,
            Some(lines.line_of(span.start)),
            format!("`data.{name}.{key}`: {message}"),
        );
    };
    let line = |span: Range<usize>| lines.line_of(span.start);

    if let Some(path) = raw.path.take() {
        let span = path.span();
        out.lines.insert("path".into(), line(span.clone()));
        let paths = path.into_inner().strings();
        if paths.is_empty() {
            error(
                span.clone(),
                "path",
                "the list is empty (expected at least one file)".into(),
            );
        }
        for p in paths {
            if p.trim().is_empty() {
                error(
                    span.clone(),
                    "path",
                    "a path is empty (expected a file name)".into(),
                );
            } else {
                out.path.push(p);
            }
        }
    }
    if let Some(sheet) = raw.sheet.take() {
        out.lines.insert("sheet".into(), line(sheet.span()));
        if sheet.get_ref().trim().is_empty() {
            error(
                sheet.span(),
                "sheet",
                "is empty (expected a worksheet's name)".into(),
            );
        } else {
            out.sheet = Some(sheet.into_inner());
        }
    }
    if let Some(row) = raw.header_row.take() {
        out.lines.insert("header_row".into(), line(row.span()));
        let v = *row.get_ref();
        if (1..=MAX_HEADER_ROW).contains(&v) {
            out.header_row = Some(v as usize);
        } else {
            error(
                row.span(),
                "header_row",
                format!("{v} is out of range (expected the header's line, 1 to {MAX_HEADER_ROW})"),
            );
        }
    }
    if let Some(headers) = raw.skip_if_empty.take() {
        let span = headers.span();
        out.lines.insert("skip_if_empty".into(), line(span.clone()));
        for h in headers.into_inner().strings() {
            if h.trim().is_empty() {
                error(
                    span.clone(),
                    "skip_if_empty",
                    "a header is empty (expected the export's header names)".into(),
                );
            } else {
                out.skip_if_empty.push(h);
            }
        }
    }
    for (header, labels) in std::mem::take(&mut raw.skip_if) {
        let key = format!("skip_if.{}", header.get_ref());
        out.lines.insert(key.clone(), line(header.span()));
        let labels = labels.into_inner().strings();
        if labels.is_empty() {
            error(
                header.span(),
                &key,
                "the list is empty (expected the labels of rows to skip)".into(),
            );
            continue;
        }
        out.skip_if.push((header.into_inner(), labels));
    }
    let mapped: Vec<(String, usize)> = raw
        .columns
        .keys()
        .map(|k| (k.get_ref().clone(), line(k.span())))
        .collect();
    for (column, text) in std::mem::take(&mut raw.constants) {
        let key = format!("constants.{}", column.get_ref());
        out.lines.insert(key.clone(), line(column.span()));
        if !kind.column_names().contains(&column.get_ref().as_str()) {
            error(
                column.span(),
                "constants",
                format!(
                    "unknown column `{}`{} (expected one of {})",
                    column.get_ref(),
                    did_you_mean(column.get_ref(), kind.column_names()),
                    list(kind.column_names())
                ),
            );
            continue;
        }
        if let Some((_, at)) = mapped.iter().find(|(c, _)| c == column.get_ref()) {
            error(
                column.span(),
                &key,
                format!(
                    "the column is also mapped to a header in `data.{name}.columns` (line {at}): keep one of the two"
                ),
            );
            continue;
        }
        if let Err(unknown) = check_template(text.get_ref()) {
            error(
                text.span(),
                &key,
                format!(
                    "{} has an unknown placeholder `{{{unknown}}}` (expected `{{file}}` or `{{line}}`)",
                    quoted(text.get_ref())
                ),
            );
            continue;
        }
        out.constants.push((column.into_inner(), text.into_inner()));
    }
    out
}

impl OneOrMany {
    /// The value as a list: one string is a list of one.
    fn strings(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// The constant's text is plain text with `{file}` and `{line}`: `Err` with
/// the first other `{word}` (most likely a typo such as `{File}`).
fn check_template(text: &str) -> Result<(), String> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let word = &after[..close];
        let is_word = !word.is_empty()
            && word
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if is_word && word != "file" && word != "line" {
            return Err(word.to_string());
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse;

    fn parsed(text: &str) -> (Option<FilesConfig>, Vec<String>) {
        let mut diags = Diagnostics::new();
        let config = parse(text, "mentorbook.toml", &mut diags);
        let files = config.map(|c| c.data.tables[&TableKind::Meetings].files.clone());
        (files, diags.report_lines())
    }

    #[test]
    fn every_key_read() {
        let (files, errors) = parsed(
            r#"
[data.meetings]
path = ["exports/a-*.csv", "exports/old.xlsx"]
sheet = "Sessions"
header_row = 3
skip_if_empty = "completed_at"
[data.meetings.skip_if]
"Session status" = ["Cancelled", "No-show"]
[data.meetings.constants]
meeting_id = "{file}-{line}"
"#,
        );
        assert_eq!(errors, Vec::<String>::new());
        let files = files.expect("config");
        assert_eq!(files.path, ["exports/a-*.csv", "exports/old.xlsx"]);
        assert_eq!(files.sheet.as_deref(), Some("Sessions"));
        assert_eq!(files.header_row, Some(3));
        assert_eq!(files.skip_if_empty, ["completed_at"]);
        assert_eq!(
            files.skip_if,
            [(
                "Session status".to_string(),
                vec!["Cancelled".to_string(), "No-show".to_string()]
            )]
        );
        assert_eq!(
            files.constants,
            [("meeting_id".to_string(), "{file}-{line}".to_string())]
        );
        assert_eq!(files.line("path"), Some(3));
        assert_eq!(files.line("header_row"), Some(5));
        assert_eq!(files.line("skip_if.Session status"), Some(8));
        assert_eq!(files.line("constants.meeting_id"), Some(10));
    }

    #[test]
    fn bad_values_name_their_key_and_line() {
        let (_, errors) = parsed(
            "[data.meetings]\npath = []\nheader_row = 0\nsheet = \" \"\n\
             [data.meetings.columns]\npair_id = \"Match\"\n\
             [data.meetings.constants]\npair_id = \"x\"\ndat = \"y\"\nmeeting_id = \"{File}\"\n\
             [data.meetings.skip_if]\nStatus = []\n",
        );
        assert_eq!(
            errors,
            [
                "error: mentorbook.toml:2: `data.meetings.path`: the list is empty (expected at least one file)",
                "error: mentorbook.toml:4: `data.meetings.sheet`: is empty (expected a worksheet's name)",
                "error: mentorbook.toml:3: `data.meetings.header_row`: 0 is out of range (expected the header's line, 1 to 1000000)",
                "error: mentorbook.toml:12: `data.meetings.skip_if.Status`: the list is empty (expected the labels of rows to skip)",
                "error: mentorbook.toml:9: `data.meetings.constants`: unknown column `dat`: did you mean `date`? \
                 (expected one of `pair_id`, `date`, `meeting_id`, `duration_minutes`, `format`, \
                 `cohort_id`, `mentor_id`, `mentee_id`, `participant_id`)",
                "error: mentorbook.toml:10: `data.meetings.constants.meeting_id`: \"{File}\" has an unknown placeholder `{File}` (expected `{file}` or `{line}`)",
                "error: mentorbook.toml:8: `data.meetings.constants.pair_id`: the column is also mapped to a header in `data.meetings.columns` (line 6): keep one of the two",
            ]
        );
    }
}
