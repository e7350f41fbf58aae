//! `mentorbook check`: validate the program folder (data, content, links, templates) and write nothing.

use std::process::ExitCode;

use clap::Args;

use super::{Global, counted, error_line, print_diagnostics, print_notes};
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
                    "Checked {}, {}, {}, {}, {}, {}, {}: {tally}",
                    counted(r.cohorts, "cohort", "cohorts"),
                    counted(r.participants, "participant", "participants"),
                    counted(r.pairs, "pair", "pairs"),
                    counted(r.meetings, "meeting", "meetings"),
                    counted(r.goals, "goal", "goals"),
                    counted(r.feedback, "feedback row", "feedback rows"),
                    counted(p.handbook.pages().len(), "handbook page", "handbook pages"),
                );
                let privacy = p.metrics.privacy;
                println!(
                    "Privacy: {} withheld ({} for small groups, {} by the local rule, {} by closure); figures determined: {}",
                    counted(privacy.withheld(), "feedback figure", "feedback figures"),
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
