//! Writes the manager-report fixture's workbook (tests/fixtures/manager-report/exports/ops-2025.xlsx).
//!
//! `cargo run --example manager_report`: the sheets are in
//! tests/common/manager_report.rs, shared with the test that holds the
//! committed file to them.

#[path = "../tests/common/xlsx.rs"]
#[allow(dead_code)]
mod xlsx;

#[path = "../tests/common/manager_report.rs"]
mod manager_report;

fn main() {
    let bytes = manager_report::manager_report();
    if let Err(e) = std::fs::write(manager_report::PATH, &bytes) {
        eprintln!("{}: {e}", manager_report::PATH);
        std::process::exit(1);
    }
    println!("wrote {} ({} bytes)", manager_report::PATH, bytes.len());
}
