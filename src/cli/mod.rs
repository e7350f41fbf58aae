//! The command line (SPEC §6): argument parsing, dispatch, and the one place that prints.

mod build;
mod check;
mod serve;

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
    /// Build the site: handbook, cohort dashboards, quarterly reports
    #[command(
        after_help = "Examples:\n  mentorbook build\n  mentorbook build -o site --base-url https://mentoring.example.org/"
    )]
    Build(build::BuildArgs),
    /// Validate the program folder and write nothing
    #[command(after_help = "Example:\n  mentorbook check --strict")]
    Check(check::CheckArgs),
    /// Build in memory, serve on 127.0.0.1, rebuild and reload on change
    #[command(after_help = "Examples:\n  mentorbook serve\n  mentorbook serve -p 0 --open")]
    Serve(serve::ServeArgs),
}

/// Parses the command line, runs the command and returns the exit status:
/// 0 success, 1 errors in the program folder, 2 wrong usage (from clap).
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build::run(&cli.global, &args),
        Command::Check(args) => check::run(&cli.global, &args),
        Command::Serve(args) => serve::run(&cli.global, &args),
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
