//! metrics.json (docs/program-folder.md): a cohort's file and a quarterly report's file, byte for byte deterministic.

use serde::Serialize;

use crate::date::Date;

use super::figures::{Metrics, MonthFigures};
use super::{CohortMetrics, CohortQuarter, QuarterReport};

#[derive(Serialize)]
struct CohortFile<'a> {
    cohort: CohortHeader<'a>,
    as_of: Date,
    overall: Option<&'a Metrics>,
    quarters: &'a [CohortQuarter],
    months: &'a [MonthFigures],
}

#[derive(Serialize)]
struct CohortHeader<'a> {
    id: &'a str,
    name: &'a str,
    start_date: Date,
    end_date: Option<Date>,
}

/// Pretty JSON with a trailing newline. Serializing these types cannot fail
/// (string keys, no custom errors); were it to, the result would be empty.
fn pretty<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// A cohort's `cohorts/<slug>/metrics.json`.
pub fn cohort_json(as_of: Date, cohort: &CohortMetrics) -> String {
    pretty(&CohortFile {
        cohort: CohortHeader {
            id: &cohort.id,
            name: &cohort.name,
            start_date: cohort.start_date,
            end_date: cohort.end_date,
        },
        as_of,
        overall: cohort.overall.as_ref(),
        quarters: &cohort.quarters,
        months: &cohort.months,
    })
}

/// A quarter's `reports/<quarter>/metrics.json`.
pub fn report_json(report: &QuarterReport) -> String {
    pretty(report)
}
