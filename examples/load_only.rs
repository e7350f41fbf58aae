//! Loads and validates a program folder's data and nothing else, printing how long it took: the spreadsheet benchmark's probe (benches/xlsx.sh).
//!
//! Usage: `cargo run --release --example load_only -- ROOT [CONFIG]`

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use mentorbook::data;
use mentorbook::diag::Diagnostics;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(root) = args.first() else {
        eprintln!("usage: load_only ROOT [CONFIG]");
        return ExitCode::from(2);
    };
    let config = args.get(1).map(Path::new);
    let mut diags = Diagnostics::new();
    let start = Instant::now();
    let folder = data::open(Path::new(root), config, &mut diags);
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    for line in diags.report_lines() {
        eprintln!("{line}");
    }
    match folder {
        Some(f) => {
            let r = f.loaded.rows;
            println!(
                "{ms:.0} ms: {} cohorts, {} pairs, {} meetings",
                r.cohorts, r.pairs, r.meetings
            );
            ExitCode::SUCCESS
        }
        None => ExitCode::from(1),
    }
}
