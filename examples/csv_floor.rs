//! The floor for loading a program: parse every CSV file of a data folder
//! with the csv crate and touch every field, validating nothing. The load
//! benchmark (`benches/load.sh`) reports mentorbook's load + validate time
//! as a ratio to this.
//!
//! Usage: `cargo run --release --example csv_floor -- DATA_DIR`

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: csv_floor DATA_DIR");
        return ExitCode::from(2);
    };
    let mut entries: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd.filter_map(Result::ok).map(|e| e.path()).collect(),
        Err(e) => {
            eprintln!("{dir}: {e}");
            return ExitCode::from(1);
        }
    };
    entries.sort();
    let (mut records, mut bytes) = (0u64, 0u64);
    for path in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
    {
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                return ExitCode::from(1);
            }
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .buffer_capacity(256 * 1024)
            .from_reader(file);
        let mut record = csv::ByteRecord::new();
        while let Ok(true) = reader.read_byte_record(&mut record) {
            records += 1;
            bytes += record.iter().map(|f| f.len() as u64).sum::<u64>();
        }
    }
    println!("{records} records, {bytes} field bytes");
    ExitCode::SUCCESS
}
