//! Cohort dashboards, quarterly reports, their indexes and the home page's figures: page views made from the figures.
//!
//! Every view is made from one [`Dashboards`] (the figures, the handbook
//! they are rendered with, the tables present and the privacy settings):
//!
//! | module | owns |
//! |---|---|
//! | `figures` | headline figures ([`Kpi`]) and table rows ([`FigureRow`]) |
//! | `charts` | charts as pages show them ([`ChartView`]), tables the program lacks |
//! | `marks` | withheld cells of a table: a short mark, each reason once under it ([`Marks`]) |
//! | `scorecard` | `roles.toml` indicators checked against a cohort ([`ScoreRow`]) |
//! | `cohort` | a cohort's page and where it stands ([`CohortStatus`]) |
//! | `report` | a quarterly report, as a page and as a file ([`ReportView`]) |
//! | `indexes` | the cohorts and reports index pages |
//! | `home` | the figures the home page shows |
//! | `trends` | the program over time: its quarters, trend charts, compact charts |
//! | `side` | cohorts side by side on the cohorts index |
//! | `optin` | goal titles and comments, when `[privacy]` opts in |

mod charts;
mod cohort;
mod figures;
mod home;
mod indexes;
mod marks;
mod optin;
mod report;
mod scorecard;
mod side;
mod trends;

use serde::Serialize;

use crate::config::Config;
use crate::config::schema::TableKind;
use crate::data::Program;
use crate::metrics::ProgramMetrics;

use super::Handbook;

pub use charts::ChartView;
pub use cohort::{CohortInfo, CohortStatus, cohort_context};
pub use figures::{FigureRow, Kpi};
pub use home::home_context;
pub use indexes::{CohortGroup, CohortSummary, ReportLink, cohorts_context, reports_context};
pub use marks::{CellView, Marks, Note};
pub use optin::{CommentGroup, CommentIndex, GoalTitleIndex, GoalTitles, cohort_comments};
pub use report::{CohortChange, Highlight, ReportView, report_view};
pub use scorecard::{ScoreRow, ScoreStatus};
pub use side::{SideBySideView, side_by_side_rows};
pub use trends::{ProgramQuarter, TRENDS_ANCHOR, TrendView, program_periods, with_trends};

/// The glossary page that defines every figure (a handbook page).
pub const GLOSSARY_SOURCE: &str = "handbook/for-staff/reading-the-dashboards.md";

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
}

/// What the dashboard pages are made from: the figures, the handbook that
/// renders them, the tables present and the privacy settings.
pub struct Dashboards<'a> {
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
    /// The goal titles to show, when `privacy.publish_goal_titles` is on.
    pub goal_titles: GoalTitleIndex,
    /// The glossary page's URL (site-relative), if the handbook has it:
    /// found once, not once per figure.
    glossary_page: Option<String>,
    /// `metrics.fiscal_year_start_month`: labels a quarter without figures.
    pub fiscal_start: u32,
    /// The words and number formats of the handbook's language.
    pub words: std::sync::Arc<crate::i18n::Words>,
}

impl<'a> Dashboards<'a> {
    pub fn new(
        config: &Config,
        program: &Program,
        handbook: &'a Handbook,
        metrics: &'a ProgramMetrics,
    ) -> Dashboards<'a> {
        Dashboards {
            handbook,
            metrics,
            presence: Presence::of(program),
            k: config.privacy.min_group_size,
            comment_k: config.privacy.min_comment_group_size,
            comments: CommentIndex::new(program, config.privacy.publish_comments),
            goal_titles: GoalTitleIndex::new(program),
            glossary_page: handbook
                .pages()
                .iter()
                .find(|p| p.file.ends_with(GLOSSARY_SOURCE))
                .map(|p| p.out.clone()),
            fiscal_start: config.metrics.fiscal_year_start_month,
            words: handbook.words(),
        }
    }

    /// The glossary URL (site-relative) with an anchor, if the handbook has the page.
    fn glossary(&self, anchor: &str) -> Option<String> {
        self.glossary_page.as_ref().map(|out| {
            if anchor.is_empty() {
                out.clone()
            } else {
                format!("{out}#{anchor}")
            }
        })
    }
}

/// `cohorts/<slug>/`: the folder of a cohort's page and metrics.json.
pub fn cohort_dir(slug: &str) -> String {
    format!("cohorts/{slug}/")
}

/// `reports/<quarter>/`: the folder of a report's page, file and metrics.json.
pub fn report_dir(quarter: &str) -> String {
    format!("reports/{quarter}/")
}

/// A cohort's page (site-relative).
fn cohort_page(slug: &str) -> String {
    format!("{}index.html", cohort_dir(slug))
}

/// A quarterly report's page (site-relative).
fn report_page(quarter: &str) -> String {
    format!("{}index.html", report_dir(quarter))
}
