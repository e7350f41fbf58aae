//! `mentorbook check`: validate the program folder, write nothing.

use std::process::ExitCode;

use clap::Args;

use super::{Global, print_diagnostics, thousands};
use crate::data;
use crate::diag::{Diagnostics, plural};

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Treat warnings as errors
    #[arg(long)]
    pub strict: bool,
}

pub fn run(global: &Global, args: &CheckArgs) -> ExitCode {
    let mut diags = Diagnostics::new();
    let folder = data::open(&global.root(), global.config.as_deref(), &mut diags);
    if args.strict {
        diags.make_warnings_errors();
    }
    print_diagnostics(&diags, global);
    let (errors, warnings) = (diags.error_count(), diags.warning_count());
    let tally = format!(
        "{errors} error{}, {warnings} warning{}",
        plural(errors),
        plural(warnings)
    );
    match folder {
        Some(folder) if errors == 0 => {
            if !global.quiet {
                let r = folder.loaded.rows;
                println!(
                    "Checked {} cohorts, {} participants, {} pairs, {} meetings, {} goals, {} feedback rows: {tally}",
                    thousands(r.cohorts),
                    thousands(r.participants),
                    thousands(r.pairs),
                    thousands(r.meetings),
                    thousands(r.goals),
                    thousands(r.feedback),
                );
            }
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("error: the program folder has problems: {tally}");
            ExitCode::from(1)
        }
    }
}
