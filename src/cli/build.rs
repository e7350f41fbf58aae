//! `mentorbook build`: the whole site into the output folder, atomically.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;

use super::{
    Global, counted, error_line, print_diagnostics, print_failed_preparation, print_phases,
    progress_bar,
};
use crate::build::{self, Options, Phase, Timer};
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
}

pub(super) fn run(global: &Global, args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let root = global.root();
    let options = Options {
        base_url: args.base_url.clone(),
        ..global.options()
    };
    let mut diags = Diagnostics::new();
    let bar = progress_bar(global, Phase::ALL.len() as u64);
    let out = args
        .output_dir
        .clone()
        .unwrap_or_else(|| root.join("public"));
    // Pages go into the staging folder as they render (docs/architecture.md).
    let built = build::build_into(&root, &options, &mut diags, &bar, |inputs| {
        output::check_inputs(&out, &inputs.files, &inputs.folders)?;
        output::Staging::open(&out, &root, args.force).map(SiteFiles::streaming)
    });
    bar.suspend(|| print_diagnostics(&diags, global));
    let built = match built {
        None => {
            bar.finish_and_clear();
            print_failed_preparation(&diags, "nothing was written");
            return ExitCode::from(1);
        }
        Some(Err(e)) => Err(e),
        Some(Ok(built)) => Ok(built),
    };
    let mut timer = Timer::new(&bar);
    let written = built.and_then(|mut built| {
        let files = std::mem::take(&mut built.files);
        timer.time(Phase::Write, || {
            output::finish_site(&out, &root, files, args.force)
        })?;
        Ok(built)
    });
    bar.finish_and_clear();
    let built = match written {
        Ok(built) => built,
        Err(e) => {
            error_line(&e.to_string());
            error_line("the previous output, if any, is untouched");
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
