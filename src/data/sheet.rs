//! Reading a worksheet of an `.xlsx`, `.xls` or `.ods` export through calamine, as rows of text with the sheet's own row numbers.
//!
//! Each cell becomes the text a CSV export of it would hold (docs/data.md,
//! "Spreadsheets"): a date cell its date as `YYYY-MM-DD`, a number its
//! shortest decimal text (an id typed as 1042 reads "1042", not "1042.0"),
//! a duration cell its minutes.

use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, DataRef, Ods, Reader, Xls, Xlsb, Xlsx, XlsxCellReader};

use crate::date::Date;
use crate::diag::{Diagnostics, quoted};

use super::locate::TableFile;
use super::source::{Header, OnHeader, OnRow, Row, Settings};

/// Reads the table's sheet of a workbook (see [`super::source::read`]).
pub(super) fn read<C>(
    file: &TableFile,
    settings: &Settings,
    diags: &mut Diagnostics,
    on_header: OnHeader<C>,
    on_row: OnRow<C>,
) -> bool {
    let name = &file.display;
    match std::fs::metadata(&file.path) {
        Ok(meta) if meta.len() == 0 => {
            diags.error(
                name,
                None,
                "the file is empty (expected a spreadsheet workbook)",
            );
            return false;
        }
        Ok(meta) if meta.len() > super::source::MAX_FILE_BYTES => {
            diags.error(
                name,
                None,
                format!(
                    "the file is {} MB, more than the {} MB mentorbook reads",
                    meta.len() / 1_000_000,
                    super::source::MAX_FILE_BYTES / 1_000_000
                ),
            );
            return false;
        }
        Ok(_) => {}
        Err(e) => {
            diags.error(name, None, format!("cannot read the file: {e}"));
            return false;
        }
    }
    let handle = match File::open(&file.path) {
        Ok(h) => BufReader::new(h),
        Err(e) => {
            diags.error(name, None, format!("cannot read the file: {e}"));
            return false;
        }
    };
    let wanted = settings.table.files.sheet.as_deref();
    // calamine is not ours to fix: should it panic on a malformed file,
    // that is one error about the file, not a crash.
    let read = catch_unwind(AssertUnwindSafe(|| {
        with_sheet(handle, &extension(file), wanted, &mut |sheet, rows| {
            let display = format!("{name}[{sheet}]");
            read_rows(rows, &display, settings, diags, on_header, on_row)
        })
    }));
    match read {
        Ok(Ok(read)) => read,
        Ok(Err(Problem::NoSuchSheet { wanted, sheets })) => {
            settings.setting_error(
                "sheet",
                format!(
                    "{} has no sheet {} (its sheets: {})",
                    file.display,
                    quoted(&wanted),
                    sheets
                        .iter()
                        .map(|s| quoted(s))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                diags,
            );
            false
        }
        Ok(Err(Problem::NoSheets)) => {
            diags.error(name, None, "the workbook has no worksheet");
            false
        }
        Ok(Err(Problem::Unreadable(e))) => {
            diags.error(name, None, unreadable(file, &e));
            false
        }
        Err(_) => {
            diags.error(
                name,
                None,
                unreadable(file, "the reader failed on its content"),
            );
            false
        }
    }
}

/// Why a sheet could not be had.
enum Problem {
    NoSuchSheet { wanted: String, sheets: Vec<String> },
    NoSheets,
    Unreadable(String),
}

fn extension(file: &TableFile) -> String {
    file.path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// A sheet's rows as text, one at a time.
trait SheetRows {
    /// Fills `cells` with the next row that holds a value, by column, and
    /// returns its row number as the spreadsheet shows it; `None` at the end.
    fn next_row(&mut self, cells: &mut Vec<String>) -> Result<Option<usize>, String>;
}

/// What reads a sheet once it is found: its name and its rows.
type OnSheet<'f> = &'f mut dyn FnMut(&str, &mut dyn SheetRows) -> bool;

/// Opens the workbook as its extension says, finds the sheet (the one
/// named, case-insensitively, else the first) and hands its rows to
/// `on_sheet`. An .xlsx sheet is streamed cell by cell; the other formats
/// are read whole by calamine first.
fn with_sheet<R: Read + Seek>(
    reader: R,
    ext: &str,
    wanted: Option<&str>,
    on_sheet: OnSheet,
) -> Result<bool, Problem> {
    let unreadable = |e: &dyn std::fmt::Display| Problem::Unreadable(e.to_string());
    match ext {
        "xls" => whole_sheet(
            Xls::new(reader).map_err(|e| unreadable(&e))?,
            wanted,
            on_sheet,
        ),
        "xlsb" => whole_sheet(
            Xlsb::new(reader).map_err(|e| unreadable(&e))?,
            wanted,
            on_sheet,
        ),
        "ods" => whole_sheet(
            Ods::new(reader).map_err(|e| unreadable(&e))?,
            wanted,
            on_sheet,
        ),
        _ => {
            let mut book: Xlsx<R> = Xlsx::new(reader).map_err(|e| unreadable(&e))?;
            let sheet = pick_sheet(book.sheet_names(), wanted)?;
            let cells = book
                .worksheet_cells_reader(&sheet)
                .map_err(|e| unreadable(&e))?;
            let mut rows = StreamedRows {
                cells,
                pending: None,
                done: false,
            };
            Ok(on_sheet(&sheet, &mut rows))
        }
    }
}

/// The sheet named (exactly, then case-insensitively), else the first.
fn pick_sheet(sheets: Vec<String>, wanted: Option<&str>) -> Result<String, Problem> {
    let Some(w) = wanted else {
        return sheets.into_iter().next().ok_or(Problem::NoSheets);
    };
    let folded = w.trim().to_lowercase();
    sheets
        .iter()
        .find(|s| s.as_str() == w)
        .or_else(|| sheets.iter().find(|s| s.trim().to_lowercase() == folded))
        .cloned()
        .ok_or_else(|| Problem::NoSuchSheet {
            wanted: w.to_string(),
            sheets: sheets.clone(),
        })
}

fn whole_sheet<R: Read + Seek, W: Reader<R>>(
    mut workbook: W,
    wanted: Option<&str>,
    on_sheet: OnSheet,
) -> Result<bool, Problem>
where
    W::Error: std::fmt::Display,
{
    let sheet = pick_sheet(workbook.sheet_names(), wanted)?;
    let range = workbook
        .worksheet_range(&sheet)
        .map_err(|e| Problem::Unreadable(e.to_string()))?;
    let mut rows = WholeRows {
        // The used range may start below row 1 (rows above it are empty).
        first_row: range.start().map_or(0, |(row, _)| row as usize),
        rows: range.rows().enumerate(),
    };
    Ok(on_sheet(&sheet, &mut rows))
}

/// The rows of a sheet read whole.
struct WholeRows<'r> {
    first_row: usize,
    rows: std::iter::Enumerate<calamine::Rows<'r, Data>>,
}

impl SheetRows for WholeRows<'_> {
    fn next_row(&mut self, cells: &mut Vec<String>) -> Result<Option<usize>, String> {
        for (index, row) in self.rows.by_ref() {
            if row.iter().all(|c| matches!(c, Data::Empty)) {
                continue;
            }
            cells.resize(row.len(), String::new());
            for (text, cell) in cells.iter_mut().zip(row) {
                text.clear();
                cell_text(Value::from(cell), text);
            }
            return Ok(Some(self.first_row + index + 1));
        }
        Ok(None)
    }
}

/// The rows of an .xlsx sheet as its cells stream by, in row order, each
/// at its own column (so a sheet's columns count from A).
struct StreamedRows<'a, R: Read + Seek> {
    cells: XlsxCellReader<'a, R>,
    /// The first cell of the next row, read to find where this one ends.
    pending: Option<calamine::Cell<DataRef<'a>>>,
    /// Whether the reader said the sheet ended (asking again is an error).
    done: bool,
}

impl<R: Read + Seek> SheetRows for StreamedRows<'_, R> {
    fn next_row(&mut self, cells: &mut Vec<String>) -> Result<Option<usize>, String> {
        let mut row: Option<u32> = None;
        let mut any = false;
        loop {
            let cell = match self.pending.take() {
                Some(cell) => Some(cell),
                None if self.done => None,
                None => self.cells.next_cell().map_err(|e| e.to_string())?,
            };
            let Some(cell) = cell else {
                self.done = true;
                return Ok(row.filter(|_| any).map(|r| r as usize + 1));
            };
            let (r, c) = cell.get_position();
            match row {
                Some(current) if current != r => {
                    if any {
                        self.pending = Some(cell);
                        return Ok(Some(current as usize + 1));
                    }
                    row = Some(r);
                    cells.clear();
                }
                None => {
                    row = Some(r);
                    cells.clear();
                }
                Some(_) => {}
            }
            let value = Value::from(cell.get_value());
            if matches!(value, Value::Empty) {
                continue;
            }
            let c = c as usize;
            // A column far to the right of a sparse row is no reason to
            // hold a million empty cells: columns stop at Excel's last, XFD.
            if c >= MAX_COLUMNS {
                continue;
            }
            if cells.len() <= c {
                cells.resize(c + 1, String::new());
            }
            let text = &mut cells[c];
            text.clear();
            cell_text(value, text);
            any = any || !text.is_empty();
        }
    }
}

/// Excel's widest sheet: columns A to XFD.
const MAX_COLUMNS: usize = 16_384;

/// One cell's value, whichever way calamine read it.
#[derive(Clone, Copy)]
enum Value<'a> {
    Empty,
    Text(&'a str),
    Int(i64),
    Float(f64),
    Bool(bool),
    DateTime(&'a calamine::ExcelDateTime),
    DateTimeIso(&'a str),
    DurationIso(&'a str),
    Error(&'a calamine::CellErrorType),
}

impl<'a> From<&'a Data> for Value<'a> {
    fn from(cell: &'a Data) -> Value<'a> {
        match cell {
            Data::Empty => Value::Empty,
            Data::String(s) => Value::Text(s),
            Data::Int(i) => Value::Int(*i),
            Data::Float(f) => Value::Float(*f),
            Data::Bool(b) => Value::Bool(*b),
            Data::DateTime(d) => Value::DateTime(d),
            Data::DateTimeIso(s) => Value::DateTimeIso(s),
            Data::DurationIso(s) => Value::DurationIso(s),
            Data::Error(e) => Value::Error(e),
        }
    }
}

impl<'a> From<&'a DataRef<'_>> for Value<'a> {
    fn from(cell: &'a DataRef<'_>) -> Value<'a> {
        match cell {
            DataRef::Empty => Value::Empty,
            DataRef::String(s) => Value::Text(s),
            DataRef::SharedString(s) => Value::Text(s),
            DataRef::Int(i) => Value::Int(*i),
            DataRef::Float(f) => Value::Float(*f),
            DataRef::Bool(b) => Value::Bool(*b),
            DataRef::DateTime(d) => Value::DateTime(d),
            DataRef::DateTimeIso(s) => Value::DateTimeIso(s),
            DataRef::DurationIso(s) => Value::DurationIso(s),
            DataRef::Error(e) => Value::Error(e),
        }
    }
}

/// The message for a file calamine could not read, with a hint when the
/// file is plainly text (a CSV export renamed `.xlsx`, say).
fn unreadable(file: &TableFile, why: &str) -> String {
    let mut head = [0u8; 512];
    let n = File::open(&file.path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let head = &head[..n];
    // Text: no control bytes but tabs and line breaks (a zip starts `PK\x03\x04`).
    let looks_like_text = n > 0
        && head
            .iter()
            .all(|&b| !b.is_ascii_control() || b"\t\r\n".contains(&b));
    let ext = extension(file);
    let hint = if looks_like_text {
        " (the file is text, not a workbook: if it is CSV, name it .csv)"
    } else {
        ""
    };
    format!("cannot be read as a .{ext} spreadsheet: {why}{hint}")
}

/// Hands the sheet's header and rows to the callbacks; rows are numbered
/// as the spreadsheet numbers them, and rows with no value are skipped.
fn read_rows<C>(
    rows: &mut dyn SheetRows,
    display: &str,
    settings: &Settings,
    diags: &mut Diagnostics,
    on_header: OnHeader<C>,
    on_row: OnRow<C>,
) -> bool {
    let mut cells: Vec<String> = Vec::new();
    let failed = |e: String, diags: &mut Diagnostics| {
        diags.error(
            display,
            None,
            format!("cannot be read as a spreadsheet: {e}"),
        );
        false
    };
    let wanted = settings.table.files.header_row;
    let mut last = 0;
    let header_line = loop {
        match rows.next_row(&mut cells) {
            Err(e) => return failed(e, diags),
            Ok(Some(line)) => match wanted {
                None => break line,
                Some(w) if line == w => break line,
                Some(w) if line < w => last = line,
                Some(w) => {
                    diags.error(
                        display,
                        Some(w),
                        format!(
                            "the row is empty, so it cannot be the header (`data.{}.header_row`)",
                            settings.kind.name()
                        ),
                    );
                    return false;
                }
            },
            Ok(None) => {
                match wanted {
                    None => diags.error(
                        display,
                        None,
                        "the sheet is empty (expected a header row naming the columns)",
                    ),
                    Some(w) => settings.setting_error(
                        "header_row",
                        format!("{w} is past the end of {display} (its last row is {last})"),
                        diags,
                    ),
                }
                return false;
            }
        }
    };
    let names: Vec<String> = cells.iter().map(|c| c.trim().to_string()).collect();
    let header = Header {
        names: &names,
        line: header_line,
        display,
    };
    let Some(layout) = on_header(&header, diags) else {
        return false;
    };
    loop {
        match rows.next_row(&mut cells) {
            Err(e) => return failed(e, diags),
            Ok(None) => return true,
            Ok(Some(line)) => {
                let row = Row::cells(line, &cells);
                on_row(&layout, &row, diags);
            }
        }
    }
}

/// Writes a cell as text: what a CSV export of the sheet would hold.
fn cell_text(cell: Value, out: &mut String) {
    use std::fmt::Write;
    match cell {
        Value::Empty => {}
        Value::Text(s) => out.push_str(s),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        // Rust writes the shortest text that reads back as the same
        // number, with no exponent: 1042.0 → "1042", 0.75 → "0.75".
        Value::Float(f) => {
            let _ = write!(out, "{f}");
        }
        Value::Bool(b) => out.push_str(if b { "TRUE" } else { "FALSE" }),
        Value::DateTime(dt) if dt.is_duration() => {
            // A duration cell ([h]:mm) holds days: its minutes, to the second.
            let minutes = (dt.as_f64() * 1440.0 * 60.0).round() / 60.0;
            let _ = write!(out, "{minutes}");
        }
        Value::DateTime(dt) => match excel_date(dt) {
            Some(date) => {
                let _ = write!(out, "{date}");
            }
            None => {
                let _ = write!(out, "{}", dt.as_f64());
            }
        },
        Value::DateTimeIso(s) => match s.get(..10).and_then(Date::parse_default) {
            Some(date) => {
                let _ = write!(out, "{date}");
            }
            None => out.push_str(s),
        },
        Value::DurationIso(s) => match s.parse::<jiff::SignedDuration>() {
            Ok(d) => {
                let minutes = d.as_secs_f64().round() / 60.0;
                let _ = write!(out, "{minutes}");
            }
            Err(_) => out.push_str(s),
        },
        Value::Error(e) => {
            let _ = write!(out, "{e}");
        }
    }
}

/// The date of a date or date-time cell: its serial day counted by
/// calamine, which knows the workbook's epoch (1899-12-30, or 1904-01-01
/// for old Mac workbooks) and Excel's phantom 1900-02-29, then checked to
/// exist by jiff. Outside Excel's own range (year 1900 to 9999), `None`.
fn excel_date(dt: &calamine::ExcelDateTime) -> Option<Date> {
    const MAX_SERIAL: f64 = 2_958_466.0;
    let serial = dt.as_f64();
    if !(serial.is_finite() && (1.0..MAX_SERIAL).contains(&serial)) {
        return None;
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    Date::from_ymd(i32::from(y), u32::from(m), u32::from(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    fn text(cell: Data) -> String {
        let mut out = String::new();
        cell_text(Value::from(&cell), &mut out);
        out
    }

    #[test]
    fn cells_read_as_their_csv_text() {
        assert_eq!(text(Data::Float(1042.0)), "1042");
        assert_eq!(text(Data::Float(0.75)), "0.75");
        assert_eq!(text(Data::Float(45.5)), "45.5");
        assert_eq!(text(Data::Int(7)), "7");
        assert_eq!(text(Data::String(" x ".into())), " x ");
        assert_eq!(text(Data::Empty), "");
        let date = |v: f64, t| Data::DateTime(ExcelDateTime::new(v, t, false));
        // 45292 is 2024-01-01 (epoch 1899-12-30); the time of day is dropped.
        assert_eq!(
            text(date(45292.0, ExcelDateTimeType::DateTime)),
            "2024-01-01"
        );
        assert_eq!(
            text(date(45292.99, ExcelDateTimeType::DateTime)),
            "2024-01-01"
        );
        assert_eq!(text(date(61.0, ExcelDateTimeType::DateTime)), "1900-03-01");
        // Excel's phantom 1900-02-29 is no date.
        assert_eq!(text(date(60.0, ExcelDateTimeType::DateTime)), "60");
        assert_eq!(text(date(-3.0, ExcelDateTimeType::DateTime)), "-3");
        // A 45-minute duration cell holds 45/1440 of a day.
        assert_eq!(
            text(date(45.0 / 1440.0, ExcelDateTimeType::TimeDelta)),
            "45"
        );
        let mac = Data::DateTime(ExcelDateTime::new(
            0.0 + 1.0,
            ExcelDateTimeType::DateTime,
            true,
        ));
        assert_eq!(text(mac), "1904-01-02");
        assert_eq!(
            text(Data::DateTimeIso("2024-03-05T10:30:00".into())),
            "2024-03-05"
        );
        assert_eq!(text(Data::DurationIso("PT1H30M".into())), "90");
    }

    #[test]
    fn bytes_that_are_no_workbook_are_an_error_not_a_panic() {
        for bytes in [
            &b""[..],
            b"pair_id,date\np1,2024-01-01\n",
            b"PK\x03\x04garbage",
        ] {
            for ext in ["xlsx", "xls", "xlsb", "ods"] {
                let got = with_sheet(
                    std::io::Cursor::new(bytes.to_vec()),
                    ext,
                    None,
                    &mut |_, _| true,
                );
                assert!(matches!(got, Err(Problem::Unreadable(_))), "{ext}");
            }
        }
    }
}
