//! Reading one table's file, CSV, TOML or a spreadsheet, as rows of text fields with their line numbers.

use std::fs::File;
use std::io::Read;

use crate::config::TableConfig;
use crate::config::schema::TableKind;
use crate::diag::Diagnostics;
use crate::util::text::{Lines, line_of_invalid_utf8};

use super::locate::{Format, TableFile};
use super::scan::{Scanner, TextRecord};
use super::sheet;

/// One row, borrowed from the reader: its line and its fields.
pub(super) struct Row<'a> {
    pub line: usize,
    fields: Fields<'a>,
}

enum Fields<'a> {
    Csv(TextRecord<'a>),
    Toml(&'a [Option<String>]),
    /// A spreadsheet row's cells as text (empty for an empty cell).
    Cells(&'a [String]),
}

/// Trims spaces (Unicode ones too, such as a spreadsheet's no-break space);
/// `None` when nothing is left.
fn trimmed(text: &str) -> Option<&str> {
    // Most fields start and end with a visible ASCII character: nothing to trim.
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (None, _) => return None,
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => return Some(text),
        _ => {}
    }
    let fast = text.trim_ascii();
    let text = match (fast.as_bytes().first(), fast.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii() && z.is_ascii() => fast,
        _ => fast.trim(),
    };
    (!text.is_empty()).then_some(text)
}

impl<'a> Row<'a> {
    /// The trimmed text of field `index`; `None` when missing or empty.
    pub(super) fn get(&self, index: usize) -> Option<&str> {
        let text = match &self.fields {
            Fields::Csv(record) => record.field(index)?,
            Fields::Toml(values) => values.get(index)?.as_deref()?,
            Fields::Cells(cells) => cells.get(index)?,
        };
        trimmed(text)
    }

    /// Whether the row comes from a file with dates of its own (TOML dates,
    /// spreadsheet date cells, written `YYYY-MM-DD`), which are always
    /// accepted whatever the table's `date_format`.
    pub(super) fn has_native_dates(&self) -> bool {
        matches!(self.fields, Fields::Toml(_) | Fields::Cells(_))
    }

    /// A spreadsheet row.
    pub(super) fn cells(line: usize, cells: &'a [String]) -> Row<'a> {
        Row {
            line,
            fields: Fields::Cells(cells),
        }
    }
}

/// Largest file read, as a guard against pointing a table at the wrong file.
pub(super) const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// A file's header row, as the row handler needs it.
pub(super) struct Header<'h> {
    /// The header names (after BOM and trimming), in field order.
    pub names: &'h [String],
    /// The header's line (a spreadsheet's row number).
    pub line: usize,
    /// The file as messages name it: with the sheet, `log.xlsx[Sessions]`.
    pub display: &'h str,
}

/// What the header tells the row handler (where each column is), or
/// `None` to stop reading.
pub(super) type OnHeader<'f, C> = &'f mut dyn FnMut(&Header, &mut Diagnostics) -> Option<C>;
pub(super) type OnRow<'f, C> = &'f mut dyn FnMut(&C, &Row, &mut Diagnostics);

/// How to read a table's files, from its config.
pub(super) struct Settings<'s> {
    pub kind: TableKind,
    pub table: &'s TableConfig,
    /// The config file's name, for problems with a setting.
    pub config_file: &'s str,
}

impl Settings<'_> {
    /// Reports a problem with a setting of the table at its config line.
    pub(super) fn setting_error(&self, key: &str, message: String, diags: &mut Diagnostics) {
        diags.error(
            self.config_file,
            self.table.files.line(key),
            format!("`data.{}.{key}`: {message}", self.kind.name()),
        );
    }
}

/// Reads a table file: calls `on_header` with the headers, then `on_row`
/// for each row below them. Problems with the file itself (unreadable,
/// empty, not UTF-8, ragged rows, TOML syntax, not a spreadsheet) are
/// reported here; returns false when the file could not be read at all.
pub(super) fn read<C>(
    file: &TableFile,
    settings: &Settings,
    diags: &mut Diagnostics,
    on_header: OnHeader<C>,
    on_row: OnRow<C>,
) -> bool {
    match file.format {
        Format::Csv => read_csv(file, settings, diags, on_header, on_row),
        Format::Toml => {
            if settings.table.files.header_row.is_some() {
                settings.setting_error(
                    "header_row",
                    format!(
                        "{} is a TOML file, which has no header row (remove the setting)",
                        file.display
                    ),
                    diags,
                );
                return false;
            }
            read_toml(file, settings.kind, diags, on_header, on_row)
        }
        Format::Sheet => sheet::read(file, settings, diags, on_header, on_row),
    }
}

fn read_csv<C>(
    file: &TableFile,
    settings: &Settings,
    diags: &mut Diagnostics,
    on_header: OnHeader<C>,
    on_row: OnRow<C>,
) -> bool {
    let name = &file.display;
    let delimiter = settings.table.delimiter;
    let header_row = settings.table.files.header_row.unwrap_or(1);
    let handle = match File::open(&file.path) {
        Ok(h) => h,
        Err(e) => {
            diags.error(name, None, format!("cannot read the file: {e}"));
            return false;
        }
    };
    if let Ok(meta) = handle.metadata()
        && meta.len() > MAX_FILE_BYTES
    {
        diags.error(
            name,
            None,
            format!(
                "the file is {} MB, more than the {} MB mentorbook reads",
                meta.len() / 1_000_000,
                MAX_FILE_BYTES / 1_000_000
            ),
        );
        return false;
    }
    let mut scanner = Scanner::new(handle, delimiter);
    // The header row: the first record, or the one on `header_row`'s line
    // (the title lines above it, whatever their width, are skipped).
    let mut last_line = 0;
    let (headers, header_line) = loop {
        match scanner.next_record() {
            Ok(Some(record)) if record.line < header_row => last_line = record.line,
            Ok(Some(record)) if record.line > header_row && header_row > 1 => {
                diags.error(
                    name,
                    Some(header_row),
                    format!(
                        "line {header_row} does not start a row, so it cannot be the header (`data.{}.header_row`; the next row starts on line {})",
                        settings.kind.name(),
                        record.line
                    ),
                );
                return false;
            }
            Ok(Some(record)) => {
                let Some(text) = record.text() else {
                    diags.error(name, Some(record.line), NOT_UTF8);
                    return false;
                };
                let names = (0..text.len())
                    .map(|i| text.field(i).unwrap_or_default().trim().to_string())
                    .collect::<Vec<String>>();
                break (names, record.line);
            }
            Ok(None) if header_row > 1 => {
                settings.setting_error(
                    "header_row",
                    format!(
                        "{header_row} is past the end of {name} (its last row starts on line {last_line})"
                    ),
                    diags,
                );
                return false;
            }
            Ok(None) => {
                diags.error(
                    name,
                    Some(1),
                    "the file is empty (expected a header row naming the columns)",
                );
                return false;
            }
            Err(e) => {
                diags.error(name, None, format!("cannot read the file: {e}"));
                return false;
            }
        }
    };
    let header = Header {
        names: &headers,
        line: header_line,
        display: name,
    };
    let Some(layout) = on_header(&header, diags) else {
        return false;
    };
    let width = headers.len();
    loop {
        let record = match scanner.next_record() {
            Ok(Some(record)) => record,
            Ok(None) => break,
            Err(e) => {
                diags.error(name, None, format!("cannot read the file: {e}"));
                return false;
            }
        };
        let line = record.line;
        if record.len() != width {
            // A line holding only `""` is as blank as an empty one.
            if record.len() == 1 && record.field(0).is_some_and(<[u8]>::is_empty) {
                continue;
            }
            diags.error(
                name,
                Some(line),
                format!(
                    "the row has {} field{} but the header has {width} (check the delimiter and the quoting)",
                    record.len(),
                    crate::diag::plural(record.len())
                ),
            );
            continue;
        }
        // One UTF-8 check for the whole record; the fields are then text.
        match record.text() {
            Some(text) => {
                let row = Row {
                    line,
                    fields: Fields::Csv(text),
                };
                on_row(&layout, &row, diags);
            }
            None => diags.error(name, Some(line), NOT_UTF8),
        }
    }
    true
}

pub(super) const NOT_UTF8: &str = "the text is not UTF-8 (save the export as UTF-8 and try again)";

fn read_toml<C>(
    file: &TableFile,
    kind: TableKind,
    diags: &mut Diagnostics,
    on_header: OnHeader<C>,
    on_row: OnRow<C>,
) -> bool {
    use std::collections::BTreeMap;
    use toml::Spanned;

    let name = &file.display;
    let mut bytes = Vec::new();
    let read = File::open(&file.path).and_then(|mut f| f.read_to_end(&mut bytes));
    if let Err(e) = read {
        diags.error(name, None, format!("cannot read the file: {e}"));
        return false;
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            diags.error(name, Some(line_of_invalid_utf8(&e)), NOT_UTF8);
            return false;
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let lines = Lines::new(text);
    let line_of = |offset: usize| lines.line_of(offset);
    type Rows = Vec<Spanned<BTreeMap<String, toml::Value>>>;
    let doc: BTreeMap<String, Rows> = match toml::from_str(text) {
        Ok(d) => d,
        Err(e) => {
            let line = e.span().map(|s| line_of(s.start));
            let message = e.message().trim();
            let message =
                if message.contains("expected a sequence") || message.contains("expected a map") {
                    format!(
                        "{message} (each row is a table written `[[{}]]`)",
                        kind.singular()
                    )
                } else {
                    message.to_string()
                };
            diags.error(name, line, message);
            return false;
        }
    };
    let mut rows: Rows = Vec::new();
    for (key, table_rows) in doc {
        if key == kind.singular() || key == kind.name() {
            rows.extend(table_rows);
        } else {
            let line = table_rows.first().map(|r| line_of(r.span().start));
            diags.error(
                name,
                line,
                format!(
                    "unknown key `{key}` (expected rows written `[[{}]]`)",
                    kind.singular()
                ),
            );
        }
    }
    rows.sort_by_key(|r| r.span().start);
    // Headers in order of first use; a map to find each key's column, so
    // that rows with many different keys stay linear.
    let mut headers: Vec<String> = Vec::new();
    let mut column_of: std::collections::HashMap<String, usize> = Default::default();
    for row in &rows {
        for key in row.get_ref().keys() {
            if !column_of.contains_key(key) {
                column_of.insert(key.clone(), headers.len());
                headers.push(key.clone());
            }
        }
    }
    let header = Header {
        names: &headers,
        line: rows.first().map_or(1, |r| line_of(r.span().start)),
        display: name,
    };
    let Some(layout) = on_header(&header, diags) else {
        return false;
    };
    // One value per header, reset after each row only where the row set one.
    let mut values: Vec<Option<String>> = vec![None; headers.len()];
    let mut set: Vec<usize> = Vec::new();
    for row in rows {
        let line = line_of(row.span().start);
        let fields = row.into_inner();
        for i in set.drain(..) {
            values[i] = None;
        }
        let mut ok = true;
        for (header, value) in fields {
            let Some(&i) = column_of.get(&header) else {
                continue;
            };
            let text = match value {
                toml::Value::String(s) => s,
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Float(f) => f.to_string(),
                toml::Value::Boolean(b) => b.to_string(),
                toml::Value::Datetime(d) => d.to_string(),
                toml::Value::Array(_) | toml::Value::Table(_) => {
                    diags.error(
                        name,
                        Some(line),
                        format!(
                            "column `{header}`: expected a single value, not an array or table"
                        ),
                    );
                    ok = false;
                    continue;
                }
            };
            values[i] = Some(text);
            set.push(i);
        }
        if ok {
            on_row(
                &layout,
                &Row {
                    line,
                    fields: Fields::Toml(&values),
                },
                diags,
            );
        }
    }
    true
}
