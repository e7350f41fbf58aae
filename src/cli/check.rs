//! `mentorbook check`: validate the program folder (data, content, links, templates) and write nothing.

use std::process::ExitCode;

use clap::Args;

use super::{Global, counted, error_line, print_diagnostics, print_notes, thousands};
use crate::build::{self, NoProgress};
use crate::data;
use crate::diag::{Diagnostics, plural};
use crate::metrics::privacy::PrivacySummary;

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
                println!(
                    "{}",
                    privacy_line(p.metrics.privacy, p.config.privacy.min_group_size)
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

/// The privacy line in plain words (docs/privacy.md, "The check privacy
/// line"): how many feedback figures were withheld and why, and how many
/// withheld figures the published ones would still give away (always 0;
/// anything else is a bug, and the line says not to publish).
fn privacy_line(p: PrivacySummary, k: u32) -> String {
    let figures = |n: usize| format!("{} feedback figure{}", thousands(n), plural(n));
    let mut line = format!(
        "Privacy: {} withheld: {} from fewer than {k} responses, {} more so that those cannot be worked out by subtraction, {} more so that they cannot be worked out by combining totals",
        figures(p.withheld()),
        thousands(p.small_group),
        thousands(p.subtraction),
        thousands(p.closure),
    );
    if p.determined == 0 {
        line.push_str("; none can be worked out from what is published (see docs/privacy.md)");
    } else {
        line.push_str(&format!(
            "; {} could still be worked out from what is published: do not publish, and report this as a bug (see docs/privacy.md)",
            thousands(p.determined)
        ));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_privacy_line_in_plain_words() {
        let summary = |small_group, subtraction, closure, determined| PrivacySummary {
            small_group,
            subtraction,
            closure,
            determined,
        };
        assert_eq!(
            privacy_line(summary(49, 56, 0, 0), 5),
            "Privacy: 105 feedback figures withheld: 49 from fewer than 5 responses, 56 more so that those cannot be worked out by subtraction, 0 more so that they cannot be worked out by combining totals; none can be worked out from what is published (see docs/privacy.md)"
        );
        assert_eq!(
            privacy_line(summary(1, 0, 0, 1), 10),
            "Privacy: 1 feedback figure withheld: 1 from fewer than 10 responses, 0 more so that those cannot be worked out by subtraction, 0 more so that they cannot be worked out by combining totals; 1 could still be worked out from what is published: do not publish, and report this as a bug (see docs/privacy.md)"
        );
    }
}
