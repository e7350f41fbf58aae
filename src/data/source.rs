//! Reading one table's file, CSV or TOML, as rows of text fields with their line numbers.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::config::{TableConfig, TableKind};
use crate::diag::{Diagnostics, quoted};

/// Where a table comes from.
#[derive(Clone, Debug)]
pub struct TableFile {
    /// The path as shown in messages, relative to the program folder.
    pub display: String,
    pub path: PathBuf,
    pub format: Format,
}

impl TableFile {
    /// The file's size in bytes (0 when unknown), to size tables up front.
    pub fn size_hint(&self) -> usize {
        std::fs::metadata(&self.path).map_or(0, |m| m.len() as usize)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Format {
    Csv,
    Toml,
}

/// Finds a table's file: the config's `path`, else `DIR/NAME.csv` or
/// `DIR/NAME.toml`. `Ok(None)` when an optional table is simply absent.
pub fn locate(
    root: &Path,
    data_dir: &str,
    kind: TableKind,
    table: &TableConfig,
    config_file: &str,
    diags: &mut Diagnostics,
) -> Option<TableFile> {
    let format_of = |p: &str| {
        if p.to_ascii_lowercase().ends_with(".toml") {
            Format::Toml
        } else {
            Format::Csv
        }
    };
    if let Some(path) = &table.path {
        let full = root.join(path);
        if !full.is_file() {
            diags.error(
                config_file,
                None,
                format!(
                    "`data.{}.path`: {} does not exist or is not a file",
                    kind.name(),
                    quoted(path)
                ),
            );
            return None;
        }
        return Some(TableFile {
            display: display_path(path),
            format: format_of(path),
            path: full,
        });
    }
    let dir = data_dir.trim_end_matches('/');
    let candidates: Vec<TableFile> = [("csv", Format::Csv), ("toml", Format::Toml)]
        .into_iter()
        .map(|(ext, format)| {
            let rel = format!("{dir}/{}.{ext}", kind.name());
            TableFile {
                path: root.join(&rel),
                display: display_path(&rel),
                format,
            }
        })
        .filter(|f| f.path.is_file())
        .collect();
    match candidates.as_slice() {
        [] => {
            if kind.required() {
                diags.error(
                    &display_path(&format!("{dir}/{}.csv", kind.name())),
                    None,
                    format!(
                        "the `{}` table is required but neither {dir}/{0}.csv nor {dir}/{0}.toml exists",
                        kind.name()
                    ),
                );
            }
            None
        }
        [one] => Some(one.clone()),
        [csv, toml, ..] => {
            diags.error(
                &toml.display,
                None,
                format!(
                    "both {} and {} exist: keep one, or point `data.{}.path` at the one to read",
                    csv.display,
                    toml.display,
                    kind.name()
                ),
            );
            None
        }
    }
}

fn display_path(p: &str) -> String {
    p.strip_prefix("./").unwrap_or(p).to_string()
}

/// One row, borrowed from the reader: its line and its fields.
pub struct Row<'a> {
    pub line: usize,
    fields: Fields<'a>,
}

enum Fields<'a> {
    Csv(&'a csv::StringRecord),
    Toml(&'a [Option<String>]),
}

/// Trims spaces (Unicode ones too, such as a spreadsheet's no-break space);
/// `None` when nothing is left.
fn trimmed(text: &str) -> Option<&str> {
    let fast = text.trim_ascii();
    let text = match (fast.as_bytes().first(), fast.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii() && z.is_ascii() => fast,
        _ => fast.trim(),
    };
    (!text.is_empty()).then_some(text)
}

impl Row<'_> {
    /// The trimmed text of field `index`; `None` when missing or empty.
    pub fn get(&self, index: usize) -> Option<&str> {
        let text = match &self.fields {
            Fields::Csv(record) => record.get(index)?,
            Fields::Toml(values) => values.get(index)?.as_deref()?,
        };
        trimmed(text)
    }

    /// Whether the row comes from a TOML file, whose native dates are
    /// always accepted whatever the table's `date_format`.
    pub fn is_toml(&self) -> bool {
        matches!(self.fields, Fields::Toml(_))
    }
}

/// Largest file read, as a guard against pointing a table at the wrong file.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// What the header tells the row handler (the resolved columns), or
/// `None` to stop reading.
pub type OnHeader<'f, C> = &'f mut dyn FnMut(&[String], &mut Diagnostics) -> Option<C>;
pub type OnRow<'f, C> = &'f mut dyn FnMut(&C, &Row, &mut Diagnostics);

/// Reads a table file: calls `on_header` with the headers (after BOM and
/// trimming), then `on_row` for each row. Problems with the file itself
/// (unreadable, empty, not UTF-8, ragged rows, TOML syntax) are reported
/// here; returns false when the file could not be read at all.
pub fn read<C>(
    file: &TableFile,
    kind: TableKind,
    delimiter: u8,
    diags: &mut Diagnostics,
    on_header: OnHeader<C>,
    on_row: OnRow<C>,
) -> bool {
    match file.format {
        Format::Csv => read_csv(file, delimiter, diags, on_header, on_row),
        Format::Toml => read_toml(file, kind, diags, on_header, on_row),
    }
}

fn read_csv<C>(
    file: &TableFile,
    delimiter: u8,
    diags: &mut Diagnostics,
    on_header: OnHeader<C>,
    on_row: OnRow<C>,
) -> bool {
    let name = &file.display;
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
    let newlines = Rc::new(RefCell::new(Newlines::default()));
    let counter = NewlineCounter {
        inner: handle,
        offset: 0,
        newlines: Rc::clone(&newlines),
    };
    let mut lines = LineTracker {
        newlines,
        passed: 0,
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(CSV_BUFFER)
        .from_reader(counter);
    let mut record = csv::ByteRecord::new();
    // The header row.
    match reader.read_byte_record(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            diags.error(
                name,
                Some(1),
                "the file is empty (expected a header row naming the columns)",
            );
            return false;
        }
        Err(e) => {
            report_csv_error(name, &e, diags);
            return false;
        }
    }
    let mut headers = Vec::with_capacity(record.len());
    for (i, field) in record.iter().enumerate() {
        let field = if i == 0 {
            field.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(field)
        } else {
            field
        };
        match std::str::from_utf8(field) {
            Ok(s) => headers.push(s.trim().to_string()),
            Err(_) => {
                diags.error(name, Some(1), NOT_UTF8);
                return false;
            }
        }
    }
    let Some(columns) = on_header(&headers, diags) else {
        return false;
    };
    let width = headers.len();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                report_csv_error(name, &e, diags);
                return false;
            }
        }
        let line = lines.record_start(reader.position().byte(), &record);
        if record.len() != width {
            // A blank line inside the file is not a row.
            if record.len() == 1 && record.get(0).is_some_and(|f| f.is_empty()) {
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
        match csv::StringRecord::from_byte_record(std::mem::take(&mut record)) {
            Ok(text) => {
                let row = Row {
                    line,
                    fields: Fields::Csv(&text),
                };
                on_row(&columns, &row, diags);
                record = text.into_byte_record();
            }
            Err(e) => {
                diags.error(name, Some(line), NOT_UTF8);
                record = e.into_byte_record();
            }
        }
    }
    true
}

/// The CSV reader's buffer: it never holds more unread bytes than this.
const CSV_BUFFER: usize = 256 * 1024;

/// Newlines read so far: the offsets of the recent ones, and how many older
/// ones were dropped. A newline more than twice the reader's buffer behind
/// what was read is behind the end of every record still to come, so it
/// need only be counted: memory stays bounded even inside a quoted field of
/// millions of lines (it used to hold 8 bytes per newline of the file).
#[derive(Default)]
struct Newlines {
    recent: VecDeque<u64>,
    dropped: usize,
}

/// Passes bytes through, noting where each newline is, so that a record's
/// line can be told from its byte offset. (The csv crate's own line count
/// skips some newlines inside quoted fields; an editor counts them all.)
struct NewlineCounter<R> {
    inner: R,
    offset: u64,
    newlines: Rc<RefCell<Newlines>>,
}

impl<R: Read> Read for NewlineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut newlines = self.newlines.borrow_mut();
        let offset = self.offset;
        newlines
            .recent
            .extend(memchr::memchr_iter(b'\n', &buf[..n]).map(|i| offset + i as u64));
        self.offset += n as u64;
        let behind = self.offset.saturating_sub(2 * CSV_BUFFER as u64);
        while newlines.recent.front().is_some_and(|&at| at + 1 < behind) {
            newlines.recent.pop_front();
            newlines.dropped += 1;
        }
        Ok(n)
    }
}

/// Tells the line a record starts on from where it ends.
struct LineTracker {
    newlines: Rc<RefCell<Newlines>>,
    passed: usize,
}

impl LineTracker {
    /// `end` is the reader's byte offset just after the record: past its
    /// terminator's first byte (`\n`, or the `\r` of `\r\n`). The record's
    /// last line is the one that terminator ends; its first line is that
    /// many lines up as its fields hold newlines.
    fn record_start(&mut self, end: u64, record: &csv::ByteRecord) -> usize {
        let mut newlines = self.newlines.borrow_mut();
        let before = self.passed;
        self.passed += std::mem::take(&mut newlines.dropped);
        while newlines.recent.front().is_some_and(|&at| at + 1 < end) {
            newlines.recent.pop_front();
            self.passed += 1;
        }
        // One newline passed is the previous record's terminator: then the
        // record holds none, and its fields need no scan (the common case).
        let inside = if self.passed - before <= 1 {
            0
        } else {
            memchr::memchr_iter(b'\n', record.as_slice()).count()
        };
        self.passed + 1 - inside.min(self.passed)
    }
}

const NOT_UTF8: &str = "the text is not UTF-8 (save the export as UTF-8 and try again)";

fn report_csv_error(name: &str, e: &csv::Error, diags: &mut Diagnostics) {
    let line = e.position().map(|p| p.line() as usize);
    let message = match e.kind() {
        csv::ErrorKind::Io(io) => format!("cannot read the file: {io}"),
        csv::ErrorKind::Utf8 { .. } => NOT_UTF8.to_string(),
        _ => format!("cannot read the file as CSV: {e}"),
    };
    diags.error(name, line, message);
}

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
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            diags.error(name, Some(line), NOT_UTF8);
            return false;
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let lines = crate::config::Lines::new(text);
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
    let Some(columns) = on_header(&headers, diags) else {
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
                &columns,
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
