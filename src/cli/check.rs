//! `mentorbook check`: validate the program folder (data, content, links, templates) and write nothing.

use std::process::ExitCode;

use clap::Args;

use super::{Global, error_line, print_diagnostics, print_notes, thousands};
use crate::build::{self, NoProgress};
use crate::data;
use crate::diag::{Diagnostics, plural};

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Treat warnings as errors
    #[arg(long)]
    pub strict: bool,
}

pub(super) fn run(global: &Global, args: &CheckArgs) -> ExitCode {
    let mut diags = Diagnostics::new();
    let root = global.root();
    let prepared = build::prepare(&root, &global.options(), &mut diags, &NoProgress);
    if prepared.is_none() && !diags.has_errors() {
        // Defensive: a failed preparation always reports why.
        diags.error(
            data::CONFIG_FILE,
            None,
            "the program folder could not be read",
        );
    }
    if args.strict {
        diags.make_warnings_errors();
    }
    print_diagnostics(&diags, global);
    print_notes(&diags, global);
    let (errors, warnings) = (diags.error_count(), diags.warning_count());
    let tally = format!(
        "{errors} error{}, {warnings} warning{}",
        plural(errors),
        plural(warnings)
    );
    match prepared {
        Some(p) if errors == 0 => {
            if !global.quiet {
                let r = p.rows;
                println!(
                    "Checked {} cohorts, {} participants, {} pairs, {} meetings, {} goals, {} feedback rows, {} handbook pages: {tally}",
                    thousands(r.cohorts),
                    thousands(r.participants),
                    thousands(r.pairs),
                    thousands(r.meetings),
                    thousands(r.goals),
                    thousands(r.feedback),
                    thousands(p.handbook.pages().len()),
                );
                let privacy = p.metrics.privacy;
                println!(
                    "Privacy: {} feedback figures withheld ({} for small groups, {} by the local rule, {} by closure); figures determined: {}",
                    privacy.withheld(),
                    privacy.small_group,
                    privacy.subtraction,
                    privacy.closure,
                    privacy.determined
                );
            }
            ExitCode::SUCCESS
        }
        _ => {
            error_line(&format!("the program folder has problems: {tally}"));
            ExitCode::from(1)
        }
    }
}
