//! Deterministic example data for mentorbook (the tables of docs/data.md).
//!
//! ```text
//! cargo run --release --example generate -- --cohorts 6 --pairs-per-cohort 20 --out .
//! cargo run --release --example generate -- --shape platform --out tests/fixtures/platform-export
//! ```
//!
//! Writes `OUT/data/{cohorts,participants,pairs,meetings,goals,feedback}.csv`.
//! The same arguments always give byte-identical files: the generator uses
//! only std, the library and its own seeded PRNG (xoshiro256** seeded by
//! splitmix64), so no crate update can change the data.
//!
//! Every event (meeting, goal created/completed, feedback, match, end) falls
//! inside its pair's window `[matched_on, ended_on or LAST_DAY]`, inside its
//! cohort's span, and on or before `LAST_DAY` (in program.rs); one meeting
//! is dated exactly on it, so the data's `as_of` is always 2025-06-30. Cohorts start in six
//! waves, every four months from September 2023; with more than six cohorts
//! several start in each wave (a large organisation running parallel tracks).
//!
//! `--shape platform` writes the same underlying data as a mentoring
//! platform's export would look (other headers and column order, extra
//! columns, US dates, `;`, BOM, CRLF, value labels) plus the
//! `OUT/mentorbook.toml` mapping that reads it.
//!
//! Tables, columns and set values come from the library's schema
//! (`mentorbook::config::schema`), so the files always match what
//! mentorbook reads; only their column order is the generator's own.
//!
//! `program.rs` makes the rows, `tables.rs` writes them in either shape,
//! `content.rs` holds the texts they say and `rng.rs` the PRNG.

mod content;
mod program;
mod rng;
mod tables;

use std::fs;
use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use tables::{Shape, TABLES, platform_config};

const USAGE: &str = "\
usage: generate [--cohorts N] [--pairs-per-cohort M] [--out DIR] [--seed S] [--shape plain|platform]

  --cohorts N            number of cohorts (default 6)
  --pairs-per-cohort M   pairs in a regular cohort (default 20)
  --out DIR              program folder to write DIR/data/*.csv into (default .)
  --seed S               PRNG seed (default 42)
  --shape plain|platform plain mentorbook CSVs (default), or a platform export
                         plus DIR/mentorbook.toml mapping it";

struct Args {
    cohorts: usize,
    pairs: usize,
    out: PathBuf,
    seed: u64,
    shape: Shape,
}

fn parse_args() -> Result<Option<Args>, String> {
    let mut args = Args {
        cohorts: 6,
        pairs: 20,
        out: PathBuf::from("."),
        seed: 42,
        shape: Shape::Plain,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let (key, inline) = match arg.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if key == "-h" || key == "--help" {
            return Ok(None);
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{key} needs a value"))
        };
        match key.as_str() {
            "--cohorts" => args.cohorts = number(&key, &value()?)?,
            "--pairs-per-cohort" => args.pairs = number(&key, &value()?)?,
            "--out" => args.out = PathBuf::from(value()?),
            "--seed" => args.seed = number(&key, &value()?)? as u64,
            "--shape" => {
                args.shape = match value()?.as_str() {
                    "plain" => Shape::Plain,
                    "platform" => Shape::Platform,
                    other => {
                        return Err(format!(
                            "--shape: unknown shape \"{other}\" (expected plain or platform)"
                        ));
                    }
                }
            }
            other => return Err(format!("unknown argument \"{other}\"")),
        }
    }
    if args.cohorts == 0 || args.pairs == 0 {
        return Err("--cohorts and --pairs-per-cohort must be at least 1".into());
    }
    if args.cohorts > 100_000 || args.pairs > 100_000 {
        return Err("--cohorts and --pairs-per-cohort must be at most 100000".into());
    }
    Ok(Some(args))
}

fn number(key: &str, text: &str) -> Result<usize, String> {
    text.parse()
        .map_err(|_| format!("{key}: \"{text}\" is not a whole number"))
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = std::time::Instant::now();
    let result = program::generate(&args).and_then(|counts| {
        if args.shape == Shape::Platform {
            let path = args.out.join("mentorbook.toml");
            fs::write(&path, platform_config())
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        }
        Ok(counts)
    });
    match result {
        Ok(counts) => {
            let summary: Vec<String> = TABLES
                .iter()
                .zip(counts.rows)
                .map(|(t, rows)| format!("{} {rows}", t.kind.name()))
                .collect();
            eprintln!(
                "wrote {} ({}) in {:.2}s",
                args.out.join("data").display(),
                summary.join(", "),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
