//! The command line (SPEC §6): argument parsing, dispatch, and the one place that prints.

mod build;
mod check;
mod init;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::diag::Diagnostics;

#[derive(Parser, Debug)]
#[command(
    name = "mentorbook",
    version,
    about = "Build a mentoring program's handbook, cohort dashboards and quarterly reports",
    after_help = "Examples:\n  mentorbook check --strict\n  mentorbook --root ./my-program check"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options accepted before or after the command.
#[derive(Args, Debug, Clone)]
pub struct Global {
    /// The program folder (default: the current folder)
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The config file (default: ROOT/mentorbook.toml)
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Print only errors
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more about what is done
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

impl Global {
    pub fn root(&self) -> PathBuf {
        self.root.clone().unwrap_or_else(|| PathBuf::from("."))
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Write a new program folder with the defaults: config, handbook, roles, example data
    #[command(
        after_help = "Examples:\n  mentorbook init my-program\n  mentorbook init . --force    # add the missing default files, keep the rest"
    )]
    Init(init::InitArgs),
    /// Build the site: handbook, cohort dashboards, quarterly reports
    #[command(
        after_help = "Examples:\n  mentorbook build\n  mentorbook build -o site --base-url https://mentoring.example.org/"
    )]
    Build(build::BuildArgs),
    /// Validate the program folder and write nothing
    #[command(after_help = "Example:\n  mentorbook check --strict")]
    Check(check::CheckArgs),
    /// Write one quarterly report as a self-contained file, without building the site
    #[command(
        after_help = "Examples:\n  mentorbook report --quarter 2024-Q2\n  mentorbook report --quarter 2024-Q2 --cohort 2024-spring -o spring.html\n  mentorbook report --quarter 2024-Q2 -o - > report.html"
    )]
    Report(report::ReportArgs),
}

/// Parses the command line, runs the command and returns the exit status:
/// 0 success, 1 errors in the program folder, 2 wrong usage (from clap).
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Init(args) => init::run(&cli.global, &args),
        Command::Build(args) => build::run(&cli.global, &args),
        Command::Check(args) => check::run(&cli.global, &args),
        Command::Report(args) => report::run(&cli.global, &args),
    }
}

/// Prints diagnostics to standard error.
pub(crate) fn print_diagnostics(diags: &Diagnostics, global: &Global) {
    for line in diags.report_lines() {
        if global.quiet && line.starts_with("warning") {
            continue;
        }
        eprintln!("{line}");
    }
}

/// Prints one `error: MESSAGE` line to standard error.
pub(crate) fn error_line(message: &str) {
    eprintln!("error: {message}");
}

/// The closing line of a command that stopped on the program folder's errors.
pub(crate) fn print_failed_preparation(diags: &Diagnostics, what: &str) {
    let errors = diags.error_count();
    error_line(&format!(
        "{what}: the program folder has {errors} error{}",
        crate::diag::plural(errors)
    ));
}

/// Formats a count with thousands separators: 1234567 → "1,234,567".
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
