//! Figures per cohort, quarter and program (docs/metrics.md), with small feedback figures withheld (docs/privacy.md).
//!
//! [`compute`] buckets every table once (by cohort, meetings by pair),
//! computes each cohort's raw counts for its span and its quarters in
//! parallel (a date's quarter is found arithmetically), pools the cohort
//! quarters into program quarters, derives the figures, then withholds
//! small feedback figures. Output order never depends on the thread count.
//!
//! Readings where the definitions leave room (docs/metrics.md, "Readings
//! mentorbook chose"; each also documented where it is implemented):
//! - A pair's `ended_on` (and any event) after as_of is ignored: the pair
//!   counts as still running at as_of. Pair `status` is not used for
//!   windows: dates decide.
//! - `quiet_pairs` looks only at meetings inside S (like every cohort
//!   figure); "matched at least quiet_days before R" uses the pair's own
//!   `matched_on`, even when that is before the cohort's start.
//! - Meetings count when dated in W, whether or not inside their pair's
//!   window (the cohort's pairs, dated in W); the loader warns.
//! - `hours` = (Σ duration_minutes) / 60, summed in table order.
//! - `response_rate`'s null rule is the group's: when no feedback row of
//!   the group in W (either role) carries a `pair_id`, the overall and both
//!   role rates are null; otherwise a role with no paired row shows 0.
//! - `completed_in_period` counts a goal only once it is counted at all
//!   (`created_on <= R`).
//! - A cohort whose `end_date` is before its `start_date` is a load error
//!   (data/cohorts.csv); should one reach this module anyway, it has an
//!   empty span like an upcoming one (no figures, in no report).
//! - `suppressed` is true when either figure kind (ratings or nps) of that
//!   group is withheld.

mod buckets;
mod cohort;
mod counts;
pub mod exact;
pub mod figures;
mod json;
pub mod periods;
pub mod privacy;
mod union_find;
mod withhold;

#[cfg(test)]
pub(crate) mod testkit;
#[cfg(test)]
mod tests;

use std::fmt;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::config::schema::TableKind;
use crate::data::{CohortIx, Program};
use crate::date::Date;

use buckets::Buckets;
use cohort::CohortRaw;
use counts::Counts;
use periods::{QuarterScheme, Span};
pub use privacy::PrivacySummary;

pub use figures::{
    ByRole, FeedbackFigures, GoalFigures, MeetingFigures, Metrics, MonthFigures, PairFigures,
    ParticipantFigures, RoleFeedback,
};
pub use json::{cohort_json, report_json};
pub use periods::{Month, Quarter};

/// Why metrics cannot be computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MetricsError {
    /// No `data.as_of` in the config and no dated event in the data.
    NoDatedEvent,
    /// `metrics.fiscal_year_start_month` outside 1–12.
    BadFiscalStartMonth(u32),
    /// A cohort's span is longer than [`MAX_SPAN_YEARS`]: almost surely a
    /// mistyped date, which would otherwise make a page per quarter for
    /// centuries (a 1 KB export made 16,000 pages in fuzzing).
    SpanTooLong {
        cohort: String,
        start: Date,
        end: Date,
        as_of: Date,
    },
}

/// The longest cohort span mentorbook reports on.
pub const MAX_SPAN_YEARS: i32 = 100;

impl fmt::Display for MetricsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MetricsError::NoDatedEvent => write!(
                f,
                "no dated event in the data and no `data.as_of` in the config: \
                 set `as_of` under [data] in mentorbook.toml"
            ),
            MetricsError::BadFiscalStartMonth(m) => write!(
                f,
                "`metrics.fiscal_year_start_month` is {m}, expected a month from 1 to 12"
            ),
            MetricsError::SpanTooLong {
                cohort,
                start,
                end,
                as_of,
            } => write!(
                f,
                "cohort {cohort:?} would span {start} to {end}, more than {MAX_SPAN_YEARS} years: \
                 check its start_date and end_date, and the latest event date in the data \
                 ({as_of}, the as_of date unless `data.as_of` is set), for a mistyped year"
            ),
        }
    }
}

impl std::error::Error for MetricsError {}

/// Every figure of the program.
#[derive(Clone, Debug)]
pub struct ProgramMetrics {
    pub as_of: Date,
    /// In cohorts-table order (upcoming cohorts included).
    pub cohorts: Vec<CohortMetrics>,
    /// Program quarters in time order: every quarter some cohort's span overlaps.
    pub quarters: Vec<QuarterReport>,
    pub privacy: PrivacySummary,
}

impl ProgramMetrics {
    /// The report of the quarter labelled `label` (e.g. `2024-Q2`).
    pub fn report(&self, label: &str) -> Option<&QuarterReport> {
        self.quarters.iter().find(|q| q.quarter == label)
    }

    /// The report of the quarter just before `report` (`None` when that
    /// quarter had no active cohort or `report` is the first).
    pub fn previous_report(&self, report: &QuarterReport) -> Option<&QuarterReport> {
        self.quarters.iter().find(|q| q.key == report.key - 1)
    }
}

/// One cohort's figures: its span, each quarter, and the monthly series.
#[derive(Clone, Debug)]
pub struct CohortMetrics {
    pub cohort: CohortIx,
    pub id: String,
    pub name: String,
    pub start_date: Date,
    pub end_date: Option<Date>,
    /// S; `None` when empty.
    pub span: Option<Span>,
    /// `start_date` after as_of.
    pub upcoming: bool,
    /// Over S; `None` when S is empty.
    pub overall: Option<Metrics>,
    /// Quarters overlapping S, in time order.
    pub quarters: Vec<CohortQuarter>,
    /// Calendar months overlapping S, in time order.
    pub months: Vec<MonthFigures>,
}

impl CohortMetrics {
    /// The cohort's figures in the quarter labelled `label`.
    pub fn quarter(&self, label: &str) -> Option<&CohortQuarter> {
        self.quarters.iter().find(|q| q.quarter == label)
    }
}

/// A cohort's figures in one quarter (over W = quarter ∩ S).
#[derive(Clone, Debug, Serialize)]
pub struct CohortQuarter {
    pub quarter: String,
    /// The quarter's own first and last day.
    pub start: Date,
    pub end: Date,
    /// Orders quarters in time; consecutive quarters differ by one.
    #[serde(skip)]
    pub key: i32,
    /// W; its end is R.
    #[serde(skip)]
    pub window: Span,
    /// Index of this quarter's report in [`ProgramMetrics::quarters`].
    #[serde(skip)]
    pub report: usize,
    #[serde(flatten)]
    pub metrics: Metrics,
}

/// A program quarter: pooled totals and every cohort active in it.
#[derive(Clone, Debug, Serialize)]
pub struct QuarterReport {
    pub quarter: String,
    pub start: Date,
    pub end: Date,
    #[serde(skip)]
    pub key: i32,
    #[serde(flatten)]
    pub totals: Metrics,
    pub cohorts: Vec<ReportCohort>,
    /// A closed quarter's report published as frozen in the ledger
    /// (docs/privacy.md, "Closed quarters"); `None` for current figures.
    #[serde(skip)]
    pub frozen: Option<FrozenNote>,
}

/// When a frozen report's figures were published, and what they leave out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrozenNote {
    /// The as-of date of the build that froze (or restated) it.
    pub on: Date,
    /// Whether that build was a `--restate` of it.
    pub restated: bool,
    /// Rows dated in the quarter that the data has now and the report does
    /// not count (meetings, goals created, feedback responses).
    pub late_rows: u64,
    /// Rows it counts that the data no longer has.
    pub removed_rows: u64,
}

/// One cohort's figures in a quarterly report.
#[derive(Clone, Debug, Serialize)]
pub struct ReportCohort {
    #[serde(skip)]
    pub cohort: CohortIx,
    pub id: String,
    pub name: String,
    #[serde(flatten)]
    pub metrics: Metrics,
}

/// Computes every figure of docs/metrics.md and withholds feedback figures
/// as docs/privacy.md says.
pub fn compute(program: &Program, config: &Config) -> Result<ProgramMetrics, MetricsError> {
    let fiscal = config.metrics.fiscal_year_start_month;
    let scheme = QuarterScheme::new(fiscal).ok_or(MetricsError::BadFiscalStartMonth(fiscal))?;
    let as_of = periods::as_of(program, config).ok_or(MetricsError::NoDatedEvent)?;
    let spans = cohort_spans(program, as_of)?;
    let buckets = Buckets::new(program, &spans);
    let inputs = cohort::Inputs {
        program,
        buckets: &buckets,
        scheme,
        quiet_days: i32::try_from(config.metrics.quiet_days).unwrap_or(i32::MAX / 2),
    };
    let raws: Vec<CohortRaw> = spans
        .par_iter()
        .enumerate()
        .map(|(c, &span)| cohort::compute(&inputs, c as CohortIx, span))
        .collect();
    let pooled = PooledQuarters::of(&raws);

    let tables = Tables {
        participants: program.participants.is_some(),
        asked: config.data.table(TableKind::Feedback).meaning.respondents.0,
    };
    let mut cohorts = cohort_metrics(program, &raws, &pooled, as_of, tables);
    let mut totals: Vec<Metrics> = pooled
        .counts
        .iter()
        .map(|counts| counts.figures(tables.participants, tables.asked))
        .collect();
    // The working tables are freed before the privacy step, whose own
    // tables would otherwise stack on them (docs/architecture.md, "Memory").
    drop(raws);
    drop(buckets);
    crate::util::memory::release_free_memory();
    let privacy = withhold::withhold_feedback(&mut cohorts, &mut totals, config);
    let quarters = quarter_reports(scheme, &pooled.keys, totals, &cohorts);
    Ok(ProgramMetrics {
        as_of,
        cohorts,
        quarters,
        privacy,
    })
}

/// Each cohort's span S (`None` when empty), refusing any longer than
/// [`MAX_SPAN_YEARS`].
fn cohort_spans(program: &Program, as_of: Date) -> Result<Vec<Option<Span>>, MetricsError> {
    let spans: Vec<Option<Span>> = program
        .cohorts
        .iter()
        .map(|c| periods::cohort_span(c, as_of))
        .collect();
    for (c, span) in program.cohorts.iter().zip(&spans) {
        if let Some(span) = span
            && span.start.days_until(span.end) > MAX_SPAN_YEARS * 366
        {
            return Err(MetricsError::SpanTooLong {
                cohort: c.id.clone(),
                start: span.start,
                end: span.end,
                as_of,
            });
        }
    }
    Ok(spans)
}

/// The program quarters: the union of the cohorts' quarters, in time order,
/// with the cohorts' counts pooled.
struct PooledQuarters {
    keys: Vec<i32>,
    counts: Vec<Counts>,
}

impl PooledQuarters {
    fn of(raws: &[CohortRaw]) -> PooledQuarters {
        let mut keys: Vec<i32> = raws
            .iter()
            .flat_map(|r| r.quarters.iter().map(|q| q.quarter.key))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let mut pooled = PooledQuarters {
            counts: vec![Counts::default(); keys.len()],
            keys,
        };
        for raw in raws {
            for q in &raw.quarters {
                let report = pooled.report_of(q.quarter.key);
                if let Some(p) = pooled.counts.get_mut(report) {
                    p.add(&q.counts);
                }
            }
        }
        pooled.counts.par_iter_mut().for_each(Counts::normalize);
        pooled
    }

    /// The index of the program quarter with this key.
    fn report_of(&self, key: i32) -> usize {
        self.keys.binary_search(&key).unwrap_or(0)
    }
}

/// What the figures depend on beyond the counts: whether the participants
/// table exists, and the roles asked for feedback.
#[derive(Clone, Copy)]
struct Tables {
    participants: bool,
    asked: [bool; 2],
}

/// Each cohort's figures, before privacy.
fn cohort_metrics(
    program: &Program,
    raws: &[CohortRaw],
    pooled: &PooledQuarters,
    as_of: Date,
    tables: Tables,
) -> Vec<CohortMetrics> {
    raws.par_iter()
        .zip(program.cohorts.par_iter())
        .enumerate()
        .map(|(c, (raw, cohort))| CohortMetrics {
            cohort: c as CohortIx,
            id: cohort.id.clone(),
            name: cohort.name.clone(),
            start_date: cohort.start_date,
            end_date: cohort.end_date,
            span: raw.span,
            upcoming: cohort.start_date > as_of,
            overall: raw
                .span
                .map(|_| raw.overall.figures(tables.participants, tables.asked)),
            quarters: raw
                .quarters
                .iter()
                .map(|q| CohortQuarter {
                    quarter: q.quarter.label.clone(),
                    start: q.quarter.start,
                    end: q.quarter.end,
                    key: q.quarter.key,
                    window: q.window,
                    report: pooled.report_of(q.quarter.key),
                    metrics: q.counts.figures(tables.participants, tables.asked),
                })
                .collect(),
            months: raw.months.clone(),
        })
        .collect()
}

/// The quarterly reports: each program quarter's totals and, in table order,
/// the (already withheld) figures of every cohort active in it.
fn quarter_reports(
    scheme: QuarterScheme,
    keys: &[i32],
    totals: Vec<Metrics>,
    cohorts: &[CohortMetrics],
) -> Vec<QuarterReport> {
    let mut quarters: Vec<QuarterReport> = keys
        .iter()
        .zip(totals)
        .map(|(&key, totals)| {
            let q = scheme.quarter(key);
            QuarterReport {
                quarter: q.label,
                start: q.start,
                end: q.end,
                key,
                totals,
                cohorts: Vec::new(),
                frozen: None,
            }
        })
        .collect();
    for c in cohorts {
        for q in &c.quarters {
            if let Some(report) = quarters.get_mut(q.report) {
                report.cohorts.push(ReportCohort {
                    cohort: c.cohort,
                    id: c.id.clone(),
                    name: c.name.clone(),
                    metrics: q.metrics.clone(),
                });
            }
        }
    }
    quarters
}
