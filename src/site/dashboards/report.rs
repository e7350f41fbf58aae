//! A quarterly report's view, shown as a site page and as one self-contained file.

use serde::Serialize;

use crate::charts::many_cohorts;
use crate::data::Program;
use crate::i18n::Words;
use crate::metrics::QuarterReport;
use crate::site::format::FigureKind;

use super::figures::{mark_kpis, mark_rows};
use super::marks::Note;
use super::optin::{CommentGroup, report_comments};
use super::{ChartView, Dashboards, FigureRow, Kpi, cohort_page};

/// A short list of cohorts that stand out in a quarter.
#[derive(Clone, Debug, Serialize)]
pub struct Highlight {
    pub title: String,
    pub items: Vec<String>,
}

/// The cohorts that stand out; quiet pairs only when the program has
/// meetings (without them every pair would look quiet).
fn highlights(w: &Words, r: &QuarterReport, meetings: bool) -> Vec<Highlight> {
    let mut out = Vec::new();
    let mut quiet: Vec<_> = r
        .cohorts
        .iter()
        .filter(|c| meetings && c.metrics.meetings.quiet_pairs > 0)
        .collect();
    quiet.sort_by(|a, b| {
        b.metrics
            .meetings
            .quiet_pairs
            .cmp(&a.metrics.meetings.quiet_pairs)
    });
    if !quiet.is_empty() {
        out.push(Highlight {
            title: w.t("report.most_quiet").into(),
            items: quiet
                .iter()
                .take(3)
                .map(|c| {
                    w.count_of(
                        "report.quiet_pairs",
                        c.metrics.meetings.quiet_pairs,
                        &[
                            ("cohort", &c.name),
                            (
                                "share",
                                &FigureKind::Rate.show(w, c.metrics.meetings.quiet_share),
                            ),
                        ],
                    )
                })
                .collect(),
        });
    }
    let mut completion: Vec<_> = r
        .cohorts
        .iter()
        .filter_map(|c| c.metrics.goals.completion_rate.map(|rate| (rate, c)))
        .collect();
    completion.sort_by(|a, b| a.0.total_cmp(&b.0));
    if !completion.is_empty() {
        out.push(Highlight {
            title: w.t("report.lowest_completion").into(),
            items: completion
                .iter()
                .take(3)
                .map(|(rate, c)| {
                    w.fill(
                        "report.completion",
                        &[
                            ("cohort", &c.name),
                            ("rate", &FigureKind::Rate.show(w, Some(*rate))),
                        ],
                    )
                })
                .collect(),
        });
    }
    out
}

/// A report as both its page and its self-contained file show it.
#[derive(Clone, Debug, Serialize)]
pub struct ReportView {
    /// What the headline figures are of: "The program", or the one cohort's name.
    pub subject: String,
    pub quarter: String,
    pub start: String,
    pub end: String,
    pub as_of: String,
    /// A closed quarter's report published as frozen: when, and what it
    /// leaves out (docs/privacy.md, "Closed quarters").
    pub frozen: Option<FrozenView>,
    pub previous: Option<String>,
    /// The program's first quarter with figures: nothing came before it.
    pub first: bool,
    pub headline: Vec<Kpi>,
    pub rows: Vec<FigureRow>,
    /// The notes under `rows` (why marked cells are withheld).
    pub row_notes: Vec<Note>,
    /// Per cohort: the change of its headline figures against its previous
    /// quarter; empty when no cohort of the report was active in the
    /// quarter before (the page then says there is nothing to compare).
    pub changes: Vec<CohortChange>,
    /// The notes under `changes`.
    pub change_notes: Vec<Note>,
    pub highlights: Vec<Highlight>,
    pub charts: Vec<ChartView>,
    pub totals: FigureRow,
    /// The program's comments in the quarter, per role (opt-in).
    pub comments: Vec<CommentGroup>,
    pub comment_k: u32,
    /// More than 30 cohorts (the charts' limit, [`many_cohorts`]): the
    /// tables are written leaner, so that the report of a quarter of 1,000
    /// cohorts stays under 1 MB; a report of fewer is as it always was
    /// (docs/site.md).
    pub compact: bool,
}

/// What a frozen report says about itself (the words are the catalog's `report.frozen`, `report.restated`, `report.late_rows`, `report.removed_rows`).
#[derive(Clone, Debug, Serialize)]
pub struct FrozenView {
    /// The as-of date of the build that froze or restated it.
    pub on: String,
    pub restated: bool,
    /// Rows dated in the quarter it does not count.
    pub late: u64,
    /// Rows it counts that the data no longer has.
    pub removed: u64,
}

/// One cohort's headline figures in a report, with their changes.
#[derive(Clone, Debug, Serialize)]
pub struct CohortChange {
    pub name: String,
    pub url: Option<String>,
    pub kpis: Vec<Kpi>,
}

impl ReportView {
    /// The same report with no link to another page: for the self-contained file.
    pub fn without_links(&self) -> ReportView {
        let strip = |kpis: &[Kpi]| -> Vec<Kpi> {
            kpis.iter()
                .map(|k| Kpi {
                    glossary: None,
                    ..k.clone()
                })
                .collect()
        };
        ReportView {
            headline: strip(&self.headline),
            rows: self
                .rows
                .iter()
                .map(|r| FigureRow {
                    url: None,
                    ..r.clone()
                })
                .collect(),
            changes: self
                .changes
                .iter()
                .map(|c| CohortChange {
                    name: c.name.clone(),
                    url: None,
                    kpis: strip(&c.kpis),
                })
                .collect(),
            ..self.clone()
        }
    }
}

/// The report of `r`, optionally for one cohort only.
pub fn report_view(
    d: &Dashboards,
    program: &Program,
    r: &QuarterReport,
    only: Option<u32>,
    charts: Vec<ChartView>,
) -> ReportView {
    let previous = d.metrics.previous_report(r);
    let cohorts: Vec<_> = r
        .cohorts
        .iter()
        .filter(|c| only.is_none_or(|o| o == c.cohort))
        .collect();
    let page_of = |cohort: u32| cohort_page(&program.cohorts[cohort as usize].slug);
    let mut rows: Vec<FigureRow> = cohorts
        .iter()
        .map(|c| d.row(c.name.clone(), Some(page_of(c.cohort)), &c.metrics))
        .collect();
    let w = &*d.words;
    let row_notes = mark_rows(w, &mut rows);
    let befores: Vec<_> = cohorts
        .iter()
        .map(|c| {
            d.metrics.cohorts[c.cohort as usize]
                .quarters
                .iter()
                .find(|q| q.key == r.key - 1)
                .map(|q| &q.metrics)
        })
        .collect();
    let mut changes: Vec<CohortChange> = cohorts
        .iter()
        .zip(&befores)
        .map(|(c, before)| CohortChange {
            name: c.name.clone(),
            url: Some(page_of(c.cohort)),
            kpis: d.headline(&c.metrics, *before),
        })
        .collect();
    // A one-cohort report leads with that cohort's figures, not the program's.
    let (subject, headline) = match (only, changes.as_slice()) {
        (Some(_), [one]) => (one.name.clone(), one.kpis.clone()),
        _ => (
            w.t("report.the_program").to_string(),
            d.headline(&r.totals, previous.map(|p| &p.totals)),
        ),
    };
    // With no cohort active in the quarter before, there is no change to show.
    if befores.iter().all(Option::is_none) {
        changes.clear();
    }
    let change_notes = mark_kpis(w, changes.iter_mut().flat_map(|c| c.kpis.iter_mut()));
    let report_subset = QuarterReport {
        cohorts: cohorts.iter().map(|c| (*c).clone()).collect(),
        ..r.clone()
    };
    ReportView {
        quarter: r.quarter.clone(),
        start: w.day(r.start),
        end: w.day(r.end),
        as_of: w.day(r.frozen.map_or(d.metrics.as_of, |f| f.on)),
        frozen: r.frozen.map(|f| FrozenView {
            on: w.day(f.on),
            restated: f.restated,
            late: f.late_rows,
            removed: f.removed_rows,
        }),
        previous: previous.map(|p| p.quarter.clone()),
        first: d.metrics.quarters.first().is_some_and(|q| q.key == r.key),
        subject,
        headline,
        rows,
        row_notes,
        changes,
        change_notes,
        highlights: highlights(w, &report_subset, d.presence.meetings),
        charts,
        totals: d.row(w.t("chart.trend.program").to_string(), None, &r.totals),
        comments: report_comments(&d.comments, d.comment_k, d.metrics, r, only),
        comment_k: d.comment_k,
        compact: many_cohorts(cohorts.len()),
    }
}
