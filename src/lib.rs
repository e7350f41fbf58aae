//! mentorbook: a static site and report generator for workplace mentoring programs.
//!
//! The pipeline reads top to bottom: [`config`] → [`data`] (load, validate)
//! → [`metrics`] (pure functions) → [`charts`] → site → output. Nothing below
//! the command line prints.

pub mod build;
pub mod charts;
pub mod cli;
pub mod config;
pub mod data;
pub mod date;
pub mod diag;
pub mod i18n;
pub mod ledger;
pub mod metrics;
pub mod output;
pub mod serve;
pub mod site;
pub mod util;
