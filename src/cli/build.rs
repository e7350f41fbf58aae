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
    let mut timer = Timer::new(&bar);
    let written = timer.time(Phase::Write, || {
        output::check_inputs(&out, &built.inputs.files, &built.inputs.folders)?;
        output::write_site(&out, &root, &built.files, args.force)
    });
    bar.finish_and_clear();
    if let Err(e) = written {
        error_line(&e.to_string());
        error_line("the previous output, if any, is untouched");
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
