//! `mentorbook build`: the whole site into the output folder, atomically.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;

use super::{
    Global, error_line, print_diagnostics, print_failed_preparation, progress_bar, thousands,
};
use crate::build::{self, Options};
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

pub fn run(global: &Global, args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let root = global.root();
    let options = Options {
        config_path: global.config.clone(),
        base_url: args.base_url.clone(),
    };
    let mut diags = Diagnostics::new();
    // The build's phases, then writing the output.
    let bar = progress_bar(global, build::BUILD_PHASES + 1);
    let step = |phase: &'static str| {
        bar.inc(1);
        bar.set_message(phase);
    };
    let built = build::build_with_progress(&root, &options, &mut diags, &step);
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
    let write_started = Instant::now();
    step("write output");
    let written = output::write_site(&out, &root, &built.files, args.force);
    bar.finish_and_clear();
    if let Err(e) = written {
        error_line(&e.to_string());
        error_line("the previous output, if any, is untouched");
        return ExitCode::from(1);
    }
    if global.verbose > 0 {
        for (phase, took) in &built.phases {
            eprintln!("  {phase:<28} {:>8.1} ms", took.as_secs_f64() * 1000.0);
        }
        eprintln!(
            "  {:<28} {:>8.1} ms",
            "write output",
            write_started.elapsed().as_secs_f64() * 1000.0
        );
    }
    if !global.quiet {
        println!(
            "Built {} pages and {} charts in {:.2} s into {}",
            thousands(built.pages),
            thousands(built.charts),
            started.elapsed().as_secs_f64(),
            out.display()
        );
    }
    ExitCode::SUCCESS
}
