//! Reading a worksheet of an `.xlsx`, `.xls` or `.ods` export through calamine, as rows of text with the sheet's own row numbers.
//!
//! Each cell becomes the text a CSV export of it would hold (docs/data.md,
//! "Spreadsheets"): a date cell its date as `YYYY-MM-DD`, a number its
//! shortest decimal text (an id typed as 1042 reads "1042", not "1042.0"),
//! a duration cell its minutes.

use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, Ods, Range, Reader, Xls, Xlsb, Xlsx};

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
    let opened = catch_unwind(AssertUnwindSafe(|| {
        open_sheet(handle, &extension(file), wanted)
    }));
    let (sheet, range) = match opened {
        Ok(Ok(found)) => found,
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
            return false;
        }
        Ok(Err(Problem::NoSheets)) => {
            diags.error(name, None, "the workbook has no worksheet");
            return false;
        }
        Ok(Err(Problem::Unreadable(e))) => {
            diags.error(name, None, unreadable(file, &e));
            return false;
        }
        Err(_) => {
            diags.error(
                name,
                None,
                unreadable(file, "the reader failed on its content"),
            );
            return false;
        }
    };
    let display = format!("{name}[{sheet}]");
    read_range(&range, &display, settings, diags, on_header, on_row)
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

/// Opens the workbook as its extension says and reads one sheet: the one
/// named (case-insensitively), else the first. The sheet's name as the
/// workbook spells it, and its cells.
fn open_sheet<R: Read + Seek>(
    reader: R,
    ext: &str,
    wanted: Option<&str>,
) -> Result<(String, Range<Data>), Problem> {
    fn sheet_of<R2: Read + Seek, W: Reader<R2>>(
        mut workbook: W,
        wanted: Option<&str>,
    ) -> Result<(String, Range<Data>), Problem>
    where
        W::Error: std::fmt::Display,
    {
        let sheets = workbook.sheet_names();
        let sheet = match wanted {
            Some(w) => sheets
                .iter()
                .find(|s| s.as_str() == w)
                .or_else(|| {
                    sheets
                        .iter()
                        .find(|s| s.trim().eq_ignore_ascii_case(w.trim()))
                })
                .or_else(|| {
                    let w = w.trim().to_lowercase();
                    sheets.iter().find(|s| s.trim().to_lowercase() == w)
                })
                .cloned()
                .ok_or_else(|| Problem::NoSuchSheet {
                    wanted: w.to_string(),
                    sheets: sheets.clone(),
                })?,
            None => sheets.first().cloned().ok_or(Problem::NoSheets)?,
        };
        let range = workbook
            .worksheet_range(&sheet)
            .map_err(|e| Problem::Unreadable(e.to_string()))?;
        Ok((sheet, range))
    }
    let unreadable = |e: &dyn std::fmt::Display| Problem::Unreadable(e.to_string());
    match ext {
        "xls" => sheet_of(Xls::new(reader).map_err(|e| unreadable(&e))?, wanted),
        "xlsb" => sheet_of(Xlsb::new(reader).map_err(|e| unreadable(&e))?, wanted),
        "ods" => sheet_of(Ods::new(reader).map_err(|e| unreadable(&e))?, wanted),
        _ => sheet_of(Xlsx::new(reader).map_err(|e| unreadable(&e))?, wanted),
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

/// Hands the range's header and rows to the callbacks; rows are numbered
/// as the spreadsheet numbers them, and rows with no value are skipped.
fn read_range<C>(
    range: &Range<Data>,
    display: &str,
    settings: &Settings,
    diags: &mut Diagnostics,
    on_header: OnHeader<C>,
    on_row: OnRow<C>,
) -> bool {
    // The used range may start below row 1 (rows above it are empty).
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let height = range.height();
    let width = range.width();
    let is_empty = |cells: &[Data]| cells.iter().all(|c| matches!(c, Data::Empty));
    let mut cells: Vec<String> = vec![String::new(); width];
    let header_index = match settings.table.files.header_row {
        None => range.rows().position(|r| !is_empty(r)),
        Some(row) if row <= first_row + height => {
            let index = row.checked_sub(first_row + 1);
            let empty = index
                .and_then(|i| range.rows().nth(i))
                .is_none_or(&is_empty);
            if empty {
                diags.error(
                    display,
                    Some(row),
                    format!(
                        "the row is empty, so it cannot be the header (`data.{}.header_row`)",
                        settings.kind.name()
                    ),
                );
                return false;
            }
            index
        }
        Some(row) => {
            settings.setting_error(
                "header_row",
                format!(
                    "{row} is past the end of {display} (its last row is {})",
                    first_row + height
                ),
                diags,
            );
            return false;
        }
    };
    let Some(header_index) = header_index else {
        diags.error(
            display,
            None,
            "the sheet is empty (expected a header row naming the columns)",
        );
        return false;
    };
    let mut rows = range.rows().enumerate().skip(header_index);
    let Some((_, header_cells)) = rows.next() else {
        return false;
    };
    let names: Vec<String> = header_cells
        .iter()
        .map(|c| {
            let mut text = String::new();
            cell_text(c, &mut text);
            text.trim().to_string()
        })
        .collect();
    let header = Header {
        names: &names,
        line: first_row + header_index + 1,
        display,
    };
    let Some(layout) = on_header(&header, diags) else {
        return false;
    };
    for (index, row_cells) in rows {
        if is_empty(row_cells) {
            continue;
        }
        for (text, cell) in cells.iter_mut().zip(row_cells) {
            text.clear();
            cell_text(cell, text);
        }
        let row = Row::cells(first_row + index + 1, &cells);
        on_row(&layout, &row, diags);
    }
    true
}

/// Writes a cell as text: what a CSV export of the sheet would hold.
pub(super) fn cell_text(cell: &Data, out: &mut String) {
    use std::fmt::Write;
    match cell {
        Data::Empty => {}
        Data::String(s) => out.push_str(s),
        Data::Int(i) => {
            let _ = write!(out, "{i}");
        }
        // Rust writes the shortest text that reads back as the same
        // number, with no exponent: 1042.0 → "1042", 0.75 → "0.75".
        Data::Float(f) => {
            let _ = write!(out, "{f}");
        }
        Data::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(dt) if dt.is_duration() => {
            // A duration cell ([h]:mm) holds days: its minutes, to the second.
            let minutes = (dt.as_f64() * 1440.0 * 60.0).round() / 60.0;
            let _ = write!(out, "{minutes}");
        }
        Data::DateTime(dt) => match excel_date(dt) {
            Some(date) => {
                let _ = write!(out, "{date}");
            }
            None => {
                let _ = write!(out, "{}", dt.as_f64());
            }
        },
        Data::DateTimeIso(s) => match s.get(..10).and_then(Date::parse_default) {
            Some(date) => {
                let _ = write!(out, "{date}");
            }
            None => out.push_str(s),
        },
        Data::DurationIso(s) => match s.parse::<jiff::SignedDuration>() {
            Ok(d) => {
                let minutes = d.as_secs_f64().round() / 60.0;
                let _ = write!(out, "{minutes}");
            }
            Err(_) => out.push_str(s),
        },
        Data::Error(e) => {
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
        cell_text(&cell, &mut out);
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
                let got = open_sheet(std::io::Cursor::new(bytes.to_vec()), ext, None);
                assert!(matches!(got, Err(Problem::Unreadable(_))), "{ext}");
            }
        }
    }
}
