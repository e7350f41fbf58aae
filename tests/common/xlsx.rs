//! Spreadsheets for tests, written with rust_xlsxwriter: sheets of text, number and date cells.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// One cell of a test sheet.
#[derive(Clone, Debug)]
pub(crate) enum Cell {
    Text(String),
    Number(f64),
    /// A date cell (`yyyy-mm-dd` format): year, month, day.
    Date(u16, u8, u8),
    /// A duration cell (`[h]:mm` format), in minutes.
    Minutes(f64),
    Blank,
}

pub(crate) fn t(text: &str) -> Cell {
    Cell::Text(text.to_string())
}

pub(crate) fn n(value: f64) -> Cell {
    Cell::Number(value)
}

/// A date cell from `YYYY-MM-DD`.
pub(crate) fn d(date: &str) -> Cell {
    let parts: Vec<u32> = date
        .split('-')
        .map(|p| p.parse().unwrap_or_else(|e| panic!("{date}: {e}")))
        .collect();
    Cell::Date(parts[0] as u16, parts[1] as u8, parts[2] as u8)
}

/// One sheet: its name, the row its first line goes to (1-based, as the
/// spreadsheet numbers rows) and its rows.
pub(crate) struct Sheet<'a> {
    pub name: &'a str,
    pub first_row: u32,
    pub rows: Vec<Vec<Cell>>,
}

/// A workbook of these sheets, as the bytes of an .xlsx file. The file's
/// creation time is fixed, so the same sheets give the same bytes.
pub(crate) fn workbook(sheets: &[Sheet]) -> Vec<u8> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2025, 7, 1).unwrap_or_else(|e| panic!("{e}"));
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let duration = Format::new().set_num_format("[h]:mm");
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(sheet.name).unwrap_or_else(|e| panic!("{e}"));
        for (i, row) in sheet.rows.iter().enumerate() {
            let r = sheet.first_row - 1 + i as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                let done = match cell {
                    Cell::Text(s) => ws.write_string(r, c, s).map(|_| ()),
                    Cell::Number(v) => ws.write_number(r, c, *v).map(|_| ()),
                    Cell::Date(y, m, day) => {
                        let value =
                            ExcelDateTime::from_ymd(*y, *m, *day).unwrap_or_else(|e| panic!("{e}"));
                        ws.write_datetime_with_format(r, c, &value, &date)
                            .map(|_| ())
                    }
                    Cell::Minutes(m) => ws
                        .write_number_with_format(r, c, m / 1440.0, &duration)
                        .map(|_| ()),
                    Cell::Blank => Ok(()),
                };
                done.unwrap_or_else(|e| panic!("{e}"));
            }
        }
    }
    book.save_to_buffer().unwrap_or_else(|e| panic!("{e}"))
}
