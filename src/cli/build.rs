//! `mentorbook build`: the whole site into the output folder, atomically.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;

use super::{
    Global, counted, error_line, print_diagnostics, print_failed_preparation, print_phases,
    progress_bar,
};
use crate::build::{self, LedgerUse, Options, Phase, Timer};
use crate::diag::Diagnostics;
use crate::output;

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// The output folder (default: ROOT/public)
    #[arg(short = 'o', long = "output-dir", value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// The address the site is published at (replaces the config's base_url)
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Replace the output folder even if mentorbook did not write it
    #[arg(long)]
    pub force: bool,
    /// Fail (exit 1, nothing written) if the build would change the ledger: for CI
    #[arg(long, conflicts_with = "no_ledger")]
    pub locked: bool,
    /// Build as if there were no ledger, and write none (a preview)
    #[arg(long)]
    pub no_ledger: bool,
}

pub(super) fn run(global: &Global, args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let root = global.root();
    let options = Options {
        base_url: args.base_url.clone(),
        ledger: if args.no_ledger {
            LedgerUse::Off
        } else {
            LedgerUse::Use
        },
        ..global.options()
    };
    let mut diags = Diagnostics::new();
    let bar = progress_bar(global, Phase::ALL.len() as u64);
    let built = build::build(&root, &options, &mut diags, &bar);
    bar.suspend(|| print_diagnostics(&diags, global));
    let Some(built) = built else {
        bar.finish_and_clear();
        print_failed_preparation(&diags, "nothing was written");
        return ExitCode::from(1);
    };
    let out = args
        .output_dir
        .clone()
        .unwrap_or_else(|| root.join("public"));
    let ledger = built.ledger.as_ref().filter(|l| l.changed);
    if let (true, Some(l)) = (args.locked, ledger) {
        bar.finish_and_clear();
        error_line(&format!(
            "{}: the ledger would change (--locked): nothing was written; build without --locked \
             where a person reviews what is published (see docs/ci.md)",
            l.file
        ));
        return ExitCode::from(1);
    }
    let mut timer = Timer::new(&bar);
    let written = timer.time(Phase::Write, || {
        output::check_inputs(&out, &built.inputs.files, &built.inputs.folders)?;
        // The ledger is staged first and put in place only once the site is:
        // a failed build never touches it.
        let staged = ledger
            .map(|l| output::stage_file(&l.path, &l.bytes))
            .transpose()?;
        output::write_site(&out, &root, &built.files, args.force)?;
        staged.map(output::StagedFile::commit).transpose()?;
        Ok::<(), output::OutputError>(())
    });
    bar.finish_and_clear();
    if let Err(e) = written {
        error_line(&e.to_string());
        error_line("the previous output, if any, and the ledger are untouched");
        return ExitCode::from(1);
    }
    if global.verbose > 0 {
        print_phases(built.phases.iter().chain(timer.phases()));
    }
    if !global.quiet {
        println!(
            "Built {} and {} in {:.2} s into {}",
            counted(built.pages, "page", "pages"),
            counted(built.charts, "chart", "charts"),
            started.elapsed().as_secs_f64(),
            out.display()
        );
    }
    ExitCode::SUCCESS
}
