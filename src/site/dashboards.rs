//! Cohort dashboards, quarterly reports and their indexes: small page views made from the figures.

use serde::Serialize;
use tera::Context;

use crate::charts::notes::{ChartNote, FigureNote, WITHHELD, Withholding, no_data_description};
use crate::config::{Config, TableKind};
use crate::data::Program;
use crate::metrics::{
    CohortMetrics, Metrics, ProgramMetrics, QuarterReport, RoleFeedback, privacy::Withheld,
};

use super::format::{Kind, NONE, count};
use super::optin::{CommentGroup, CommentIndex, cohort_comments, goal_titles, report_comments};
use super::{Handbook, Link, Roles, role_pages};

/// The glossary page that defines every figure (a handbook page).
pub const GLOSSARY_SOURCE: &str = "handbook/for-staff/reading-the-dashboards.md";

/// A chart as pages show it: SVG (or a note saying why there is none),
/// a text description and the same figures as a table.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ChartView {
    pub id: String,
    /// The table the chart is drawn from (not for templates).
    #[serde(skip)]
    pub source: TableKind,
    pub title: String,
    pub description: String,
    pub svg: Option<String>,
    pub note: Option<String>,
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Presence {
    /// Whether the program has `table` (cohorts and pairs are required).
    pub fn has(&self, table: TableKind) -> bool {
        match table {
            TableKind::Cohorts | TableKind::Pairs => true,
            TableKind::Participants => self.participants,
            TableKind::Meetings => self.meetings,
            TableKind::Goals => self.goals,
            TableKind::Feedback => self.feedback,
        }
    }

    /// Charts whose table the program does not have say so instead of
    /// drawing zeros (docs/data.md: pages that need an optional table say
    /// that no data was provided).
    pub fn mark_absent(&self, charts: Vec<ChartView>) -> Vec<ChartView> {
        charts
            .into_iter()
            .map(|c| {
                if self.has(c.source) {
                    c
                } else {
                    ChartView {
                        description: no_data_description(c.source),
                        svg: None,
                        note: Some(ChartNote::NoData(c.source).to_string()),
                        rows: Vec::new(),
                        ..c
                    }
                }
            })
            .collect()
    }
}

impl From<crate::charts::Chart> for ChartView {
    fn from(c: crate::charts::Chart) -> ChartView {
        ChartView {
            id: c.id,
            source: c.source,
            title: c.title,
            description: c.description,
            svg: c.svg,
            note: c.note,
            caption: c.table.caption,
            headers: c.table.headers,
            rows: c.table.rows,
        }
    }
}

/// One headline figure with its change against the previous period.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Kpi {
    pub label: String,
    pub value: String,
    /// `↑`, `↓` or `→`: the direction in a form that needs no colour.
    pub arrow: Option<String>,
    pub change: Option<String>,
    /// Why the value is missing or what it counts.
    pub note: Option<String>,
    /// The glossary entry (site-relative URL with anchor).
    pub glossary: Option<String>,
}

impl Kpi {
    /// Shows no value, and says which table the program lacks.
    fn without_data(&mut self, table: TableKind) {
        self.value = NONE.to_string();
        self.arrow = None;
        self.change = None;
        self.note = Some(FigureNote::NoData(table).to_string());
    }
}

/// Which optional tables the program has, so pages can say "no data provided".
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Presence {
    pub participants: bool,
    pub meetings: bool,
    pub goals: bool,
    pub feedback: bool,
}

impl Presence {
    pub fn of(program: &Program) -> Presence {
        Presence {
            participants: program.participants.is_some(),
            meetings: program.meetings.is_some(),
            goals: program.goals.is_some(),
            feedback: program.feedback.is_some(),
        }
    }
}

/// What dashboards and reports need besides the figures.
pub struct Setting<'a> {
    pub handbook: &'a Handbook,
    pub metrics: &'a ProgramMetrics,
    pub presence: Presence,
    /// Minimum group size, for "fewer than k responses".
    pub k: u32,
    /// `privacy.min_comment_group_size`: the fewest responses a group of
    /// comments needs to be shown (comments are only loaded when opted in).
    pub comment_k: u32,
    /// The comments to show from, when `privacy.publish_comments` is on.
    pub comments: CommentIndex,
}

impl<'a> Setting<'a> {
    pub fn new(
        config: &Config,
        program: &Program,
        handbook: &'a Handbook,
        metrics: &'a ProgramMetrics,
    ) -> Setting<'a> {
        Setting {
            handbook,
            metrics,
            presence: Presence::of(program),
            k: config.privacy.min_group_size,
            comment_k: config.privacy.min_comment_group_size,
            comments: CommentIndex::new(program, config.privacy.publish_comments),
        }
    }

    /// The glossary URL (site-relative) with an anchor, if the handbook has the page.
    fn glossary(&self, anchor: &str) -> Option<String> {
        self.handbook
            .pages()
            .iter()
            .find(|p| p.file.ends_with(GLOSSARY_SOURCE))
            .map(|p| {
                if anchor.is_empty() {
                    p.out.clone()
                } else {
                    format!("{}#{anchor}", p.out)
                }
            })
    }

    /// A mean rating as shown, and why it has no value.
    fn rating_text(&self, f: &RoleFeedback) -> (String, Option<String>) {
        match Withholding::of(&[f.ratings_withheld], self.k) {
            Some(why) => (
                WITHHELD.to_string(),
                Some(FigureNote::Withheld(why).to_string()),
            ),
            None if f.rating_rows == 0 => {
                (NONE.to_string(), Some(FigureNote::NoRatings.to_string()))
            }
            None => (Kind::Decimal2.show(f.mean_rating), None),
        }
    }

    /// An NPS as shown.
    fn nps_text(&self, f: &RoleFeedback) -> String {
        if f.nps_withheld.is_withheld() {
            WITHHELD.to_string()
        } else if f.nps_rows == 0 {
            NONE.to_string()
        } else {
            Kind::Score.show(f.nps.map(|n| n as f64))
        }
    }

    /// The headline figures of `m`, with changes against `before`.
    pub fn headline(&self, m: &Metrics, before: Option<&Metrics>) -> Vec<Kpi> {
        let kpi = |label: &str, kind: Kind, now: Option<f64>, prev: Option<f64>, anchor: &str| {
            let change = before.and_then(|_| kind.change(now, prev));
            Kpi {
                label: label.to_string(),
                value: kind.show(now),
                arrow: change.as_ref().map(|c| c.0.clone()),
                change: change.map(|c| c.1),
                note: None,
                glossary: self.glossary(anchor),
            }
        };
        let prev = |f: fn(&Metrics) -> Option<f64>| before.and_then(f);
        let mut out = vec![kpi(
            "Active pairs",
            Kind::Count,
            Some(m.pairs.active as f64),
            prev(|b| Some(b.pairs.active as f64)),
            "active-pairs",
        )];
        let mut per_pair = kpi(
            "Meetings per pair-month",
            Kind::Decimal1,
            m.meetings.per_pair_month,
            prev(|b| b.meetings.per_pair_month),
            "meetings-per-pair-month",
        );
        if !self.presence.meetings {
            per_pair.without_data(TableKind::Meetings);
        }
        out.push(per_pair);
        let mut quiet = kpi(
            "Quiet share",
            Kind::Rate,
            m.meetings.quiet_share,
            prev(|b| b.meetings.quiet_share),
            "quiet-share",
        );
        if self.presence.meetings {
            quiet.note = Some(format!(
                "{} of {} pairs need a check-in",
                count(m.meetings.quiet_pairs),
                count(m.meetings.eligible_pairs)
            ));
        } else {
            // Without meetings every pair would look quiet: say why instead.
            quiet.without_data(TableKind::Meetings);
        }
        out.push(quiet);
        let mut goals = kpi(
            "Goal completion",
            Kind::Rate,
            m.goals.completion_rate,
            prev(|b| b.goals.completion_rate),
            "completion-rate",
        );
        if !self.presence.goals {
            goals.without_data(TableKind::Goals);
        }
        out.push(goals);
        let (value, note) = self.rating_text(&m.feedback.all);
        let mut rating = kpi(
            "Mean rating",
            Kind::Decimal2,
            m.feedback.all.mean_rating,
            prev(|b| b.feedback.all.mean_rating),
            "mean-rating",
        );
        rating.value = value;
        rating.note = note;
        if !self.presence.feedback {
            rating.without_data(TableKind::Feedback);
        }
        out.push(rating);
        out.push(kpi(
            "Response rate",
            Kind::Rate,
            m.feedback.all.response_rate,
            prev(|b| b.feedback.all.response_rate),
            "response-rate",
        ));
        out
    }

    /// One row of a per-quarter (or per-cohort) table.
    fn row(&self, label: String, url: Option<String>, m: &Metrics) -> FigureRow {
        FigureRow {
            label,
            url,
            active_pairs: count(m.pairs.active),
            meetings: count(m.meetings.count),
            per_pair_month: Kind::Decimal1.show(m.meetings.per_pair_month),
            quiet: format!(
                "{} ({})",
                count(m.meetings.quiet_pairs),
                Kind::Rate.show(m.meetings.quiet_share)
            ),
            goals_completed: count(m.goals.completed_in_period),
            completion_rate: Kind::Rate.show(m.goals.completion_rate),
            responses: count(m.feedback.all.responses),
            response_rate: Kind::Rate.show(m.feedback.all.response_rate),
            mean_rating: self.rating_text(&m.feedback.all).0,
            nps: self.nps_text(&m.feedback.all),
        }
    }
}

/// A period's first and last day, as text.
#[derive(Clone, Debug, Serialize)]
pub struct Span {
    pub start: String,
    pub end: String,
}

/// The figures of one period as a table row.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct FigureRow {
    pub label: String,
    pub url: Option<String>,
    pub active_pairs: String,
    pub meetings: String,
    pub per_pair_month: String,
    pub quiet: String,
    pub goals_completed: String,
    pub completion_rate: String,
    pub responses: String,
    pub response_rate: String,
    pub mean_rating: String,
    pub nps: String,
}

/// One expectation of `roles.toml` checked against a cohort's figures.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ScoreRow {
    pub role: String,
    /// Site-relative URL of the role card.
    pub url: String,
    pub name: String,
    pub indicator: String,
    pub value: String,
    pub target: String,
    /// "met", "not met" or "no value".
    pub status: String,
}

/// The kind of figure an indicator path names, for showing it and its target.
pub fn kind_of(path: &str) -> Kind {
    let last = path.rsplit('.').next().unwrap_or(path);
    if last.ends_with("_rate") || last.ends_with("_share") {
        Kind::Rate
    } else if last == "mean_rating" {
        Kind::Decimal2
    } else if last == "nps" {
        Kind::Score
    } else if matches!(last, "per_pair_month" | "hours" | "pair_months") {
        Kind::Decimal1
    } else {
        Kind::Count
    }
}

/// The value at a metrics.json path (`meetings.per_pair_month`) of figures
/// already turned into JSON, if a number.
pub fn figure_at(json: &serde_json::Value, path: &str) -> Option<f64> {
    path.split('.')
        .try_fold(json, |value, key| value.get(key))?
        .as_f64()
}

/// Every expectation (and hat) with an indicator, checked against `m`.
pub fn scorecard(roles: &Roles, m: Option<&Metrics>) -> Vec<ScoreRow> {
    // Indicators name figures by their metrics.json path: convert once.
    let json = m.and_then(|m| serde_json::to_value(m).ok());
    let mut rows = Vec::new();
    for (_, out, role) in role_pages(roles) {
        for item in role.hats.iter().chain(&role.expectations) {
            let Some(indicator) = &item.indicator else {
                continue;
            };
            let kind = kind_of(&indicator.path);
            let value = json.as_ref().and_then(|j| figure_at(j, &indicator.path));
            let status = match indicator.is_met(value) {
                Some(true) => "met",
                Some(false) => "not met",
                None => "no value",
            };
            rows.push(ScoreRow {
                role: role.title.clone(),
                url: format!("{out}#{}", item.id),
                name: item.name.clone(),
                indicator: indicator.path.clone(),
                value: kind.show(value),
                target: format!(
                    "{} {}",
                    indicator.op.symbol(),
                    kind.show(Some(indicator.target))
                ),
                status: status.to_string(),
            });
        }
    }
    rows
}

/// Where a cohort stands on the as_of date.
pub fn status_of(c: &CohortMetrics, as_of: crate::date::Date) -> &'static str {
    if c.upcoming {
        "upcoming"
    } else if c.end_date.is_some_and(|end| end < as_of) {
        "ended"
    } else {
        "running"
    }
}

/// `cohorts/<slug>/index.html` and friends.
pub fn cohort_dir(slug: &str) -> String {
    format!("cohorts/{slug}/")
}

pub fn report_dir(quarter: &str) -> String {
    format!("reports/{quarter}/")
}

/// A cohort's identity as pages show it.
#[derive(Clone, Debug, Serialize)]
pub struct CohortInfo {
    pub id: String,
    pub name: String,
    pub url: String,
    pub start_date: String,
    pub end_date: Option<String>,
    pub track: Option<String>,
    pub description: Option<String>,
    pub status: String,
}

fn cohort_info(s: &Setting, program: &Program, c: &CohortMetrics) -> CohortInfo {
    let cohort = &program.cohorts[c.cohort as usize];
    CohortInfo {
        id: c.id.clone(),
        name: c.name.clone(),
        url: format!("{}index.html", cohort_dir(&cohort.slug)),
        start_date: c.start_date.to_string(),
        end_date: c.end_date.map(|d| d.to_string()),
        track: cohort.track.clone(),
        description: cohort.description.clone(),
        status: status_of(c, s.metrics.as_of).to_string(),
    }
}

/// The context of `cohort.html`.
pub fn cohort_context(
    s: &Setting,
    program: &Program,
    c: &CohortMetrics,
    charts: Vec<ChartView>,
) -> Context {
    let info = cohort_info(s, program, c);
    let out = format!(
        "{}index.html",
        cohort_dir(&program.cohorts[c.cohort as usize].slug)
    );
    let mut ctx = s.handbook.base_context(
        &out,
        &c.name,
        &format!(
            "Dashboard of the {} cohort: meetings, goals and feedback.",
            c.name
        ),
    );
    let latest = c.quarters.last();
    let previous = c
        .quarters
        .len()
        .checked_sub(2)
        .and_then(|i| c.quarters.get(i));
    ctx.insert("cohort", &info);
    ctx.insert("as_of", &s.metrics.as_of.to_string());
    ctx.insert(
        "span",
        &c.span.map(|sp| Span {
            start: sp.start.to_string(),
            end: sp.end.to_string(),
        }),
    );
    ctx.insert("latest_quarter", &latest.map(|q| q.quarter.clone()));
    ctx.insert("previous_quarter", &previous.map(|q| q.quarter.clone()));
    ctx.insert(
        "headline",
        &latest
            .map(|q| s.headline(&q.metrics, previous.map(|p| &p.metrics)))
            .unwrap_or_default(),
    );
    ctx.insert(
        "overall_headline",
        &c.overall
            .as_ref()
            .map(|m| s.headline(m, None))
            .unwrap_or_default(),
    );
    ctx.insert("charts", &charts);
    ctx.insert(
        "scorecard",
        &scorecard(s.handbook.roles(), c.overall.as_ref()),
    );
    let mut rows: Vec<FigureRow> = c
        .quarters
        .iter()
        .map(|q| {
            let url = format!("{}index.html", report_dir(&q.quarter));
            s.row(q.quarter.clone(), Some(url), &q.metrics)
        })
        .collect();
    if let Some(m) = &c.overall {
        rows.push(s.row("Whole span".to_string(), None, m));
    }
    ctx.insert("rows", &rows);
    ctx.insert("presence", &s.presence);
    ctx.insert("glossary", &s.glossary(""));
    ctx.insert("k", &s.k);
    ctx.insert("goal_titles", &goal_titles(program, c));
    ctx.insert("comments", &cohort_comments(&s.comments, s.comment_k, c));
    ctx.insert("comment_k", &s.comment_k);
    ctx
}

/// One cohort on the cohorts index.
#[derive(Clone, Debug, Serialize)]
pub struct CohortSummary {
    #[serde(flatten)]
    pub info: CohortInfo,
    pub row: Option<FigureRow>,
    /// A small inline SVG of meetings per pair-month by quarter.
    pub trend: Option<String>,
}

/// The context of `cohorts.html`: cohorts grouped as running, upcoming, ended;
/// each group newest first.
pub fn cohorts_context(s: &Setting, program: &Program, trends: &[Option<String>]) -> Context {
    let mut ctx = s.handbook.base_context(
        "cohorts/index.html",
        "Cohorts",
        "Every cohort of the program with its headline figures.",
    );
    let mut groups: Vec<(&str, Vec<CohortSummary>)> =
        vec![("running", vec![]), ("upcoming", vec![]), ("ended", vec![])];
    for (i, c) in s.metrics.cohorts.iter().enumerate() {
        let info = cohort_info(s, program, c);
        let row = c
            .overall
            .as_ref()
            .map(|m| s.row(c.name.clone(), Some(info.url.clone()), m));
        let summary = CohortSummary {
            info,
            row,
            trend: trends.get(i).cloned().flatten(),
        };
        if let Some(group) = groups
            .iter_mut()
            .find(|(name, _)| *name == summary.info.status)
        {
            group.1.push(summary);
        }
    }
    for (_, list) in &mut groups {
        list.sort_by(|a, b| b.info.start_date.cmp(&a.info.start_date));
    }
    let groups: Vec<CohortGroup> = groups
        .into_iter()
        .filter(|(_, list)| !list.is_empty())
        .map(|(name, cohorts)| CohortGroup {
            title: match name {
                "running" => "Running now",
                "upcoming" => "Upcoming",
                _ => "Ended",
            }
            .to_string(),
            cohorts,
        })
        .collect();
    ctx.insert("groups", &groups);
    ctx.insert("as_of", &s.metrics.as_of.to_string());
    ctx.insert("glossary", &s.glossary(""));
    ctx
}

#[derive(Clone, Debug, Serialize)]
pub struct CohortGroup {
    pub title: String,
    pub cohorts: Vec<CohortSummary>,
}

/// A short list of cohorts that stand out in a quarter.
#[derive(Clone, Debug, Serialize)]
pub struct Highlight {
    pub title: String,
    pub items: Vec<String>,
}

fn highlights(r: &QuarterReport) -> Vec<Highlight> {
    let mut out = Vec::new();
    let mut quiet: Vec<_> = r
        .cohorts
        .iter()
        .filter(|c| c.metrics.meetings.quiet_pairs > 0)
        .collect();
    quiet.sort_by(|a, b| {
        b.metrics
            .meetings
            .quiet_pairs
            .cmp(&a.metrics.meetings.quiet_pairs)
    });
    if !quiet.is_empty() {
        out.push(Highlight {
            title: "Most pairs needing a check-in".into(),
            items: quiet
                .iter()
                .take(3)
                .map(|c| {
                    format!(
                        "{}: {} quiet pairs ({})",
                        c.name,
                        count(c.metrics.meetings.quiet_pairs),
                        Kind::Rate.show(c.metrics.meetings.quiet_share)
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
            title: "Lowest goal completion".into(),
            items: completion
                .iter()
                .take(3)
                .map(|(rate, c)| {
                    format!(
                        "{}: {} of goals completed",
                        c.name,
                        Kind::Rate.show(Some(*rate))
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
    pub previous: Option<String>,
    pub headline: Vec<Kpi>,
    pub rows: Vec<FigureRow>,
    /// Per cohort: the change of its headline figures against its previous quarter.
    pub changes: Vec<CohortChange>,
    pub highlights: Vec<Highlight>,
    pub charts: Vec<ChartView>,
    pub totals: FigureRow,
    /// The program's comments in the quarter, per role (opt-in).
    pub comments: Vec<CommentGroup>,
    pub comment_k: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct CohortChange {
    pub name: String,
    pub url: Option<String>,
    pub kpis: Vec<Kpi>,
}

fn changes_of_one(changes: &[CohortChange]) -> Option<&CohortChange> {
    match changes {
        [one] => Some(one),
        _ => None,
    }
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
    s: &Setting,
    program: &Program,
    r: &QuarterReport,
    only: Option<u32>,
    charts: Vec<ChartView>,
) -> ReportView {
    let previous = s.metrics.previous_report(r);
    let cohorts: Vec<_> = r
        .cohorts
        .iter()
        .filter(|c| only.is_none_or(|o| o == c.cohort))
        .collect();
    let rows = cohorts
        .iter()
        .map(|c| {
            let slug = &program.cohorts[c.cohort as usize].slug;
            s.row(
                c.name.clone(),
                Some(format!("{}index.html", cohort_dir(slug))),
                &c.metrics,
            )
        })
        .collect();
    let changes: Vec<CohortChange> = cohorts
        .iter()
        .map(|c| {
            let metrics = &s.metrics.cohorts[c.cohort as usize];
            let before = metrics
                .quarters
                .iter()
                .find(|q| q.key == r.key - 1)
                .map(|q| &q.metrics);
            let slug = &program.cohorts[c.cohort as usize].slug;
            CohortChange {
                name: c.name.clone(),
                url: Some(format!("{}index.html", cohort_dir(slug))),
                kpis: s.headline(&c.metrics, before),
            }
        })
        .collect();
    // A one-cohort report leads with that cohort's figures, not the program's.
    let (subject, headline) = match (only, changes_of_one(&changes)) {
        (Some(_), Some(one)) => (one.name.clone(), one.kpis.clone()),
        _ => (
            "The program".to_string(),
            s.headline(&r.totals, previous.map(|p| &p.totals)),
        ),
    };
    let report_subset = QuarterReport {
        cohorts: cohorts.iter().map(|c| (*c).clone()).collect(),
        ..r.clone()
    };
    ReportView {
        quarter: r.quarter.clone(),
        start: r.start.to_string(),
        end: r.end.to_string(),
        as_of: s.metrics.as_of.to_string(),
        previous: previous.map(|p| p.quarter.clone()),
        subject,
        headline,
        rows,
        changes,
        highlights: highlights(&report_subset),
        charts,
        totals: s.row("Program".to_string(), None, &r.totals),
        comments: report_comments(&s.comments, s.comment_k, s.metrics, r, only),
        comment_k: s.comment_k,
    }
}

/// One quarter on the reports index.
#[derive(Clone, Debug, Serialize)]
pub struct ReportLink {
    pub quarter: String,
    pub url: String,
    pub start: String,
    pub end: String,
    pub cohorts: usize,
    pub row: FigureRow,
}

/// The context of `reports.html`: every quarter, newest first.
pub fn reports_context(s: &Setting) -> Context {
    let mut ctx = s.handbook.base_context(
        "reports/index.html",
        "Quarterly reports",
        "The program quarter by quarter, across cohorts.",
    );
    let links: Vec<ReportLink> = s
        .metrics
        .quarters
        .iter()
        .rev()
        .map(|r| ReportLink {
            quarter: r.quarter.clone(),
            url: format!("{}index.html", report_dir(&r.quarter)),
            start: r.start.to_string(),
            end: r.end.to_string(),
            cohorts: r.cohorts.len(),
            row: s.row(r.quarter.clone(), None, &r.totals),
        })
        .collect();
    ctx.insert("reports", &links);
    ctx.insert("as_of", &s.metrics.as_of.to_string());
    ctx.insert("glossary", &s.glossary(""));
    ctx
}

/// Keys the home page gets: the latest quarter's headline figures and links.
pub fn home_context(s: &Setting) -> Context {
    let mut ctx = Context::new();
    let latest = s.metrics.quarters.last();
    ctx.insert("as_of", &s.metrics.as_of.to_string());
    ctx.insert(
        "latest_report",
        &latest.map(|r| Link {
            title: r.quarter.clone(),
            url: format!("{}index.html", report_dir(&r.quarter)),
            description: String::new(),
        }),
    );
    ctx.insert(
        "kpis",
        &latest
            .map(|r| s.headline(&r.totals, s.metrics.previous_report(r).map(|p| &p.totals)))
            .unwrap_or_default(),
    );
    let running = s
        .metrics
        .cohorts
        .iter()
        .filter(|c| status_of(c, s.metrics.as_of) == "running")
        .count();
    ctx.insert("running_cohorts", &running);
    ctx.insert("cohort_count", &s.metrics.cohorts.len());
    ctx
}

/// Whether any feedback figure of a quarter was withheld (pages explain why).
pub fn any_withheld(m: &Metrics) -> bool {
    m.feedback
        .roles()
        .iter()
        .any(|f| f.ratings_withheld != Withheld::Shown || f.nps_withheld != Withheld::Shown)
}
