//! Writes the spreadsheet benchmark's input (benches/xlsx.sh): the large benchmark program's meetings as an .xlsx workbook of about 50 MB, and the same rows as CSV.
//!
//! Usage: `cargo run --release --example xlsx_bench -- LARGE_DIR OUT_DIR`
//! reads LARGE_DIR/data/meetings.csv and writes OUT_DIR/exports/meetings.xlsx
//! and OUT_DIR/exports/meetings.csv with its 780,402 rows (a sheet holds at
//! most 1,048,576) and, as a platform's export has them, seven columns
//! mentorbook does not read: a session uid, two e-mails, a location, a note, a logged-at
//! date-time and a status. Dates are date cells, durations number cells,
//! the rest text, in a sheet written with shared strings as a spreadsheet
//! program saves it.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::process::ExitCode;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(large), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: xlsx_bench LARGE_DIR OUT_DIR");
        return ExitCode::from(2);
    };
    match write(large, out) {
        Ok(rows) => {
            println!("wrote {out}/exports/meetings.xlsx and .csv: {rows} rows");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("xlsx_bench: {e}");
            ExitCode::from(1)
        }
    }
}

/// The columns mentorbook does not read, after the table's own.
const EXTRA: [&str; 7] = [
    "session_uid",
    "mentor_email",
    "mentee_email",
    "location",
    "notes",
    "logged_at",
    "status",
];

fn write(large: &str, out: &str) -> Result<usize, Box<dyn std::error::Error>> {
    let source = std::fs::File::open(format!("{large}/data/meetings.csv"))?;
    let lines: Vec<String> = BufReader::new(source).lines().collect::<Result<_, _>>()?;
    let (header, rows) = lines.split_first().ok_or("meetings.csv is empty")?;
    let names: Vec<&str> = header.split(',').chain(EXTRA).collect();
    std::fs::create_dir_all(format!("{out}/exports"))?;
    let mut csv = BufWriter::new(std::fs::File::create(format!(
        "{out}/exports/meetings.csv"
    ))?);
    writeln!(csv, "{}", names.join(","))?;
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let date_time = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let sheet = book.add_worksheet_with_low_memory()?;
    sheet.set_name("Sessions")?;
    for (c, name) in names.iter().enumerate() {
        sheet.write_string(0, c as u16, *name)?;
    }
    let places = [
        "Lisbon",
        "Berlin",
        "Toronto",
        "Remote",
        "São Paulo",
        "Nairobi",
    ];
    let mut r = 1u32;
    for row in rows {
        // meeting_id,pair_id,date,duration_minutes,format (no quoting in this file)
        let mut fields: Vec<String> = row.split(',').map(str::to_string).collect();
        let (pair, day) = (fields[1].clone(), fields[2].clone());
        let n = r as usize;
        fields.extend([
            format!("{:016x}", splitmix(n as u64)),
            format!("mentor.{pair}@example.org"),
            format!("mentee.{pair}@example.org"),
            places[n % places.len()].to_string(),
            format!(
                "Talked through goal {} and agreed the next step",
                n % 99_991
            ),
            format!("{day} {:02}:{:02}", 8 + n % 10, n % 60),
            if n.is_multiple_of(17) {
                "rescheduled"
            } else {
                "held"
            }
            .to_string(),
        ]);
        writeln!(csv, "{}", fields.join(","))?;
        for (c, field) in fields.iter().enumerate() {
            let c = c as u16;
            match names[c as usize] {
                "date" => {
                    let d = ExcelDateTime::parse_from_str(field)?;
                    sheet.write_datetime_with_format(r, c, &d, &date)?;
                }
                "logged_at" => {
                    let d = ExcelDateTime::parse_from_str(field)?;
                    sheet.write_datetime_with_format(r, c, &d, &date_time)?;
                }
                "duration_minutes" if !field.is_empty() => {
                    sheet.write_number(r, c, field.parse::<f64>()?)?;
                }
                _ if field.is_empty() => {}
                _ => {
                    sheet.write_string(r, c, field)?;
                }
            }
        }
        r += 1;
    }
    csv.flush()?;
    book.save(format!("{out}/exports/meetings.xlsx"))?;
    Ok(r as usize - 1)
}

/// A well-mixed 64-bit number from a counter (SplitMix64), for uids.
fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
