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
use crate::output::{self, SiteFiles};

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
    /// Publish a closed quarter's report again from the current data (e.g. 2025-Q1)
    #[arg(long, value_name = "QUARTER", conflicts_with = "no_ledger")]
    pub restate: Option<String>,
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
        restate: args.restate.clone(),
        ..global.options()
    };
    let mut diags = Diagnostics::new();
    let bar = progress_bar(global, Phase::ALL.len() as u64);
    let out = args
        .output_dir
        .clone()
        .unwrap_or_else(|| root.join("public"));
    // Pages go into the staging folder as they render (docs/architecture.md).
    let built = build::build_into(&root, &options, &mut diags, &bar, |inputs, ledger| {
        if let (true, Some(l)) = (args.locked, ledger.filter(|l| l.changed)) {
            return Err(Stop::Locked(l.file.clone()));
        }
        output::check_inputs(&out, &inputs.files, &inputs.folders)?;
        Ok(SiteFiles::streaming(output::Staging::open(
            &out, &root, args.force,
        )?))
    });
    bar.suspend(|| print_diagnostics(&diags, global));
    let built = match built {
        None => {
            bar.finish_and_clear();
            print_failed_preparation(&diags, "nothing was written");
            return ExitCode::from(1);
        }
        Some(built) => built,
    };
    let mut timer = Timer::new(&bar);
    let written = built.and_then(|mut built| {
        let files = std::mem::take(&mut built.files);
        let ledger = built.ledger.as_ref().filter(|l| l.changed);
        timer.time(Phase::Write, || {
            // The ledger is staged first and put in place only once the site
            // is: a failed build never touches it.
            let staged = ledger
                .map(|l| output::stage_file(&l.path, &l.bytes))
                .transpose()?;
            output::finish_site(&out, &root, files, args.force)?;
            staged.map(output::StagedFile::commit).transpose()?;
            Ok::<(), output::OutputError>(())
        })?;
        Ok(built)
    });
    bar.finish_and_clear();
    let built = match written {
        Ok(built) => built,
        Err(Stop::Locked(file)) => {
            error_line(&format!(
                "{file}: the ledger would change (--locked): nothing was written; build without --locked \
                 where a person reviews what is published (see docs/ci.md)",
            ));
            return ExitCode::from(1);
        }
        Err(Stop::Output(e)) => {
            error_line(&e.to_string());
            error_line("the previous output, if any, and the ledger are untouched");
            return ExitCode::from(1);
        }
    };
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

/// Why a build that prepared its program writes nothing.
enum Stop {
    /// `--locked`, and the ledger (this file) would change.
    Locked(String),
    Output(output::OutputError),
}

impl From<output::OutputError> for Stop {
    fn from(e: output::OutputError) -> Stop {
        Stop::Output(e)
    }
}
