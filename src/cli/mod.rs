//! The command line (docs/cli.md): argument parsing, dispatch, and the one place that prints.

mod build;
mod check;
mod init;
mod report;
mod serve;

use std::ffi::OsStr;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, CommandFactory, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::build::{Options, Phase, Progress};
use crate::diag::{Diagnostics, Line, Severity};

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

    /// The build's options from the command line: `--config`, and the
    /// config's `base_url`.
    pub fn options(&self) -> Options {
        Options {
            config_path: self.config.clone(),
            base_url: None,
            ledger: Default::default(),
            restate: None,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Write a new program folder with the defaults: config, handbook, roles, example data
    #[command(
        after_help = "Examples:\n  mentorbook init my-program\n  mentorbook init . --force    # add the missing default files, keep the rest\n  mentorbook init --theme themes/acme    # the built-in templates and styles, to edit"
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
    /// Print a shell completion script to standard output
    #[command(
        after_help = "Examples:\n  mentorbook completions bash > ~/.local/share/bash-completion/completions/mentorbook\n  mentorbook completions zsh > ~/.zfunc/_mentorbook\n  mentorbook completions fish > ~/.config/fish/completions/mentorbook.fish"
    )]
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Build in memory, serve on 127.0.0.1, rebuild and reload on change
    #[command(after_help = "Examples:\n  mentorbook serve\n  mentorbook serve -p 0 --open")]
    Serve(serve::ServeArgs),
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
        Command::Completions { shell } => {
            let mut command = Cli::command();
            let name = command.get_name().to_string();
            // Into memory first: clap_complete panics when its writer fails.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, name, &mut script);
            write_stdout(&script)
        }
        Command::Serve(args) => serve::run(&cli.global, &args),
    }
}

/// Prints diagnostics to standard error (not the warnings with `-q`, and
/// never the notes: only `check` prints those, with [`print_notes`]).
pub(crate) fn print_diagnostics(diags: &Diagnostics, global: &Global) {
    let colour = stderr_colour();
    for line in diags.report() {
        if line.severity == Severity::Note || (global.quiet && line.severity == Severity::Warning) {
            continue;
        }
        eprintln!("{}", paint(&line, colour));
    }
}

/// Prints the notes to standard error (none with `-q`).
pub(crate) fn print_notes(diags: &Diagnostics, global: &Global) {
    if global.quiet {
        return;
    }
    let colour = stderr_colour();
    for line in diags.report() {
        if line.severity == Severity::Note {
            eprintln!("{}", paint(&line, colour));
        }
    }
}

/// Prints one `error: MESSAGE` line to standard error.
pub(crate) fn error_line(message: &str) {
    print_line(Severity::Error, message);
}

/// Prints one `warning: MESSAGE` line to standard error.
pub(crate) fn warning_line(message: &str) {
    print_line(Severity::Warning, message);
}

fn print_line(severity: Severity, message: &str) {
    let line = Line {
        severity,
        text: message.to_string(),
    };
    eprintln!("{}", paint(&line, stderr_colour()));
}

/// With `-v`: how long each phase took, one line each.
pub(crate) fn print_phases<'a>(phases: impl IntoIterator<Item = &'a (Phase, Duration)>) {
    for (phase, took) in phases {
        eprintln!("  {phase:<28} {:>8.1} ms", ms(*took));
    }
}

/// A duration in milliseconds, as the log lines show it.
pub(crate) fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Whether a build shows its progress on standard error: only on a
/// terminal, not with `-q`, and not in CI (`CI` set and not empty).
pub(crate) fn show_progress(is_terminal: bool, quiet: bool, ci: Option<&OsStr>) -> bool {
    is_terminal && !quiet && ci.is_none_or(OsStr::is_empty)
}

/// A progress bar of `steps` steps on standard error, or a hidden one
/// that draws nothing (see [`show_progress`]).
pub(crate) fn progress_bar(global: &Global, steps: u64) -> ProgressBar {
    let shown = show_progress(
        std::io::stderr().is_terminal(),
        global.quiet,
        std::env::var_os("CI").as_deref(),
    );
    if !shown {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(steps), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} [{pos}/{len}] {msg} ({elapsed})") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(100));
    bar
}

/// The bar moves one step as each phase starts, and shows its name.
impl Progress for ProgressBar {
    fn start(&self, phase: Phase) {
        self.inc(1);
        self.set_message(phase.name());
    }
}

/// Whether standard error gets coloured labels: only on a terminal, and
/// only while `NO_COLOR` is unset or empty (https://no-color.org).
pub(crate) fn use_colour(is_terminal: bool, no_color: Option<&OsStr>) -> bool {
    is_terminal && no_color.is_none_or(OsStr::is_empty)
}

fn stderr_colour() -> bool {
    use_colour(
        std::io::stderr().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
    )
}

/// The line with its `error:` (bold red) or `warning:` (bold yellow)
/// label coloured, when `colour`; otherwise the line as it is.
fn paint(line: &Line, colour: bool) -> String {
    if !colour {
        return line.to_string();
    }
    let code = match line.severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Note => "1;36",
    };
    format!(
        "\x1b[{code}m{}:\x1b[0m {}",
        line.severity.label(),
        line.text
    )
}

/// Writes `bytes` to standard output; a closed pipe (`| head`) is not an error.
pub(crate) fn write_stdout(bytes: &[u8]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            error_line(&format!("standard output: {e}"));
            ExitCode::from(1)
        }
    }
}

/// The closing line of a command that stopped on the program folder's errors.
pub(crate) fn print_failed_preparation(diags: &Diagnostics, what: &str) {
    let errors = diags.error_count();
    error_line(&format!(
        "{what}: the program folder has {errors} error{}",
        crate::diag::plural(errors)
    ));
}

/// A count with thousands separators and its noun, singular or plural:
/// `1 cohort`, `1,234 cohorts`.
pub(crate) fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// Formats a count with thousands separators: 1234567 → "1,234,567".
pub(crate) fn thousands(n: usize) -> String {
    // The terminal speaks English (docs/cli.md).
    crate::i18n::Words::english().count(n as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(use_colour(true, None));
        assert!(use_colour(true, Some(OsStr::new(""))));
        assert!(!use_colour(true, Some(OsStr::new("1"))));
        assert!(!use_colour(true, Some(OsStr::new("0"))));
        assert!(!use_colour(false, None));
        assert!(!use_colour(false, Some(OsStr::new(""))));
    }

    #[test]
    fn progress_only_on_a_terminal_outside_ci_and_quiet() {
        assert!(show_progress(true, false, None));
        assert!(show_progress(true, false, Some(OsStr::new(""))));
        assert!(!show_progress(true, false, Some(OsStr::new("true"))));
        assert!(!show_progress(true, true, None));
        assert!(!show_progress(false, false, None));
    }

    #[test]
    fn paint_colours_only_the_label() {
        let line = |severity, text: &str| Line {
            severity,
            text: text.to_string(),
        };
        assert_eq!(
            paint(&line(Severity::Error, "data/x.csv:2: bad"), true),
            "\x1b[1;31merror:\x1b[0m data/x.csv:2: bad"
        );
        assert_eq!(
            paint(&line(Severity::Warning, "w"), true),
            "\x1b[1;33mwarning:\x1b[0m w"
        );
        assert_eq!(
            paint(&line(Severity::Error, "plain"), false),
            "error: plain"
        );
        assert_eq!(
            paint(&line(Severity::Error, "a.md:1: warning: b"), true),
            "\x1b[1;31merror:\x1b[0m a.md:1: warning: b"
        );
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(counted(1, "cohort", "cohorts"), "1 cohort");
        assert_eq!(counted(0, "cohort", "cohorts"), "0 cohorts");
        assert_eq!(counted(1234, "page", "pages"), "1,234 pages");
    }
}
