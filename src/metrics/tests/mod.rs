//! Hand-computed figures of tiny programs, one module per subject, and property tests.

mod feedback;
mod goals;
mod json;
mod pairs;
mod perf;
mod periods;
mod properties;
mod withholding;

use super::privacy::Withheld;
use super::testkit::{TestProgram, d};
use super::*;
use crate::config::Config;
use crate::data::{Cohort, Enrolment, Feedback, Goal, GoalStatus, Meeting, Pair, Program, Role};

fn quarter<'a>(m: &'a ProgramMetrics, cohort: usize, label: &str) -> &'a Metrics {
    match m.cohorts[cohort].quarter(label) {
        Some(q) => &q.metrics,
        None => panic!("no quarter {label}"),
    }
}

fn overall(m: &ProgramMetrics, cohort: usize) -> &Metrics {
    match &m.cohorts[cohort].overall {
        Some(o) => o,
        None => panic!("no overall figures"),
    }
}

const MONTH: f64 = 30.4375;
