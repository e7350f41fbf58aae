//! `mentorbook report`: one quarterly report as a self-contained file, without building the site.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::{
    Global, counted, error_line, print_diagnostics, print_failed_preparation, write_stdout,
};
use crate::build::{self, NoProgress, Prepared};
use crate::data::CohortIx;
use crate::diag::Diagnostics;
use crate::metrics::QuarterReport;
use crate::output;
use crate::util::text::{closest, list};

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// The quarter, as its reports are labelled (e.g. 2024-Q2, FY2025-Q1)
    #[arg(long, value_name = "QUARTER")]
    pub quarter: String,
    /// Only this cohort (its cohort_id)
    #[arg(long, value_name = "ID")]
    pub cohort: Option<String>,
    /// The file to write, `-` for standard output
    /// (default: report-QUARTER.html or report-QUARTER-SLUG.html in the current folder)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The report's language, one of the program's `language` and `languages` (default: `language`)
    #[arg(long, value_name = "TAG")]
    pub language: Option<String>,
}

pub(super) fn run(global: &Global, args: &ReportArgs) -> ExitCode {
    let mut diags = Diagnostics::new();
    let prepared = build::prepare(&global.root(), &global.options(), &mut diags, &NoProgress);
    print_diagnostics(&diags, global);
    let Some(prepared) = prepared.filter(|_| !diags.has_errors()) else {
        print_failed_preparation(&diags, "no report was written");
        return ExitCode::from(1);
    };
    let (report, only) = match select(&prepared, &args.quarter, args.cohort.as_deref()) {
        Ok(selected) => selected,
        Err(message) => {
            error_line(&message);
            return ExitCode::from(1);
        }
    };
    let language = match &args.language {
        None => prepared.config.language().to_string(),
        Some(tag) => match language(&prepared, tag) {
            Ok(tag) => tag,
            Err(message) => {
                error_line(&message);
                return ExitCode::from(1);
            }
        },
    };
    let html = match prepared.report_file_in(&language, report, only) {
        Ok(html) => html,
        Err(e) => {
            let mut diags = Diagnostics::new();
            e.report(&mut diags);
            print_diagnostics(&diags, global);
            return ExitCode::from(1);
        }
    };
    let target = args.output.clone().unwrap_or_else(|| {
        let slug = only.map(|c| prepared.program.cohorts[c as usize].slug.as_str());
        default_file(&report.quarter, slug)
    });
    if target == Path::new("-") {
        return write_stdout(html.as_bytes());
    }
    let inputs = crate::data::inputs(
        &global.root(),
        &prepared.config,
        global.options().config_path.as_deref(),
    );
    let written = output::check_inputs(&target, &inputs.files, &inputs.folders)
        .and_then(|()| output::write_file(&target, html.as_bytes()));
    if let Err(e) = written {
        error_line(&e.to_string());
        return ExitCode::from(1);
    }
    if !global.quiet {
        let cohorts = match only {
            Some(c) => format!("cohort {}", prepared.program.cohorts[c as usize].id),
            None => counted(report.cohorts.len(), "cohort", "cohorts"),
        };
        println!(
            "Wrote the {} report ({cohorts}) to {}",
            report.quarter,
            target.display()
        );
    }
    ExitCode::SUCCESS
}

/// The program's language that `--language` names (any case, `_` or `-`),
/// or the message that lists the program's languages.
fn language(p: &Prepared, tag: &str) -> Result<String, String> {
    let canonical = crate::config::languages::canonical_tag(tag.trim());
    let languages: Vec<&str> = p.config.languages.all().collect();
    match canonical
        .as_deref()
        .and_then(|t| p.config.languages.by_lowercase(t))
    {
        Some(t) => Ok(t.to_string()),
        None => Err(format!(
            "--language {tag}: not one of the program's languages (expected {}; add it to `languages` in mentorbook.toml)",
            list(&languages)
        )),
    }
}

/// `report-2024-Q2.html`, or `report-2024-Q2-<slug>.html` for one cohort.
fn default_file(quarter: &str, slug: Option<&str>) -> PathBuf {
    match slug {
        Some(slug) => PathBuf::from(format!("report-{quarter}-{slug}.html")),
        None => PathBuf::from(format!("report-{quarter}.html")),
    }
}

/// The report of `quarter` (matched case-insensitively) and, with `cohort`,
/// the cohort to show; otherwise the message that says what exists.
fn select<'p>(
    p: &'p Prepared,
    quarter: &str,
    cohort: Option<&str>,
) -> Result<(&'p QuarterReport, Option<CohortIx>), String> {
    let quarters: Vec<&str> = p
        .metrics
        .quarters
        .iter()
        .map(|r| r.quarter.as_str())
        .collect();
    let Some(report) = p
        .metrics
        .quarters
        .iter()
        .find(|r| r.quarter.eq_ignore_ascii_case(quarter.trim()))
    else {
        return Err(if quarters.is_empty() {
            format!(
                "no report for quarter `{quarter}`: the program has no quarterly reports (every cohort starts after the data's last date)"
            )
        } else {
            format!(
                "no report for quarter `{quarter}`: the quarters with a report are {}",
                list(&quarters)
            )
        });
    };
    let Some(id) = cohort else {
        return Ok((report, None));
    };
    let ids: Vec<&str> = p.program.cohorts.iter().map(|c| c.id.as_str()).collect();
    let Some(ix) = ids.iter().position(|c| *c == id) else {
        let hint = closest(id, &ids)
            .map(|c| format!(": did you mean `{c}`?"))
            .unwrap_or_default();
        return Err(format!(
            "unknown cohort `{id}`{hint} (the cohorts are {})",
            list(&ids)
        ));
    };
    let ix = ix as CohortIx;
    if report.cohorts.iter().any(|c| c.cohort == ix) {
        return Ok((report, Some(ix)));
    }
    let active: Vec<&str> = p
        .metrics
        .cohorts
        .iter()
        .find(|c| c.cohort == ix)
        .map(|c| c.quarters.iter().map(|q| q.quarter.as_str()).collect())
        .unwrap_or_default();
    Err(if active.is_empty() {
        format!(
            "cohort `{id}` is not in the {} report: it starts after the data's last date ({}), so it is in no report yet",
            report.quarter, p.metrics.as_of
        )
    } else {
        format!(
            "cohort `{id}` is not in the {} report: it was not active in that quarter (its quarters are {})",
            report.quarter,
            list(&active)
        )
    })
}
