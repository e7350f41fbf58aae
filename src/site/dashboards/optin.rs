//! Opt-in personal text on dashboards and reports: goal titles and feedback comments, where `[privacy]` allows them.
//!
//! What the settings allow, and why comments are shown by cells only, is
//! in docs/privacy.md.

use serde::Serialize;

use crate::data::Program;
use crate::date::Date;
use crate::metrics::periods::Span as Window;
use crate::metrics::{CohortMetrics, ProgramMetrics, QuarterReport};

/// The goal titles of one status, for the cohort dashboard.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct GoalTitles {
    pub status: String,
    /// Sorted by text: the order says nothing about pairs or dates.
    pub titles: Vec<String>,
}

/// One goal with a title, as the cohort dashboard needs it.
struct TitledGoal {
    created_on: Date,
    completed_on: Option<Date>,
    status: crate::data::GoalStatus,
    title: String,
}

/// The goals that have a title, by cohort, indexed once per build so that a
/// cohort page reads only its own goals (not every goal of the program).
/// Empty unless titles were loaded (`privacy.publish_goal_titles`).
#[derive(Default)]
pub struct GoalTitleIndex {
    by_cohort: std::collections::HashMap<u32, Vec<TitledGoal>>,
}

impl GoalTitleIndex {
    pub fn new(program: &Program) -> GoalTitleIndex {
        let mut index = GoalTitleIndex::default();
        for g in program.goals.iter().flatten() {
            let Some(title) = &g.title else { continue };
            let Some(pair) = program.pairs.get(g.pair as usize) else {
                continue;
            };
            index
                .by_cohort
                .entry(pair.cohort)
                .or_default()
                .push(TitledGoal {
                    created_on: g.created_on,
                    completed_on: g.completed_on,
                    status: g.status,
                    title: title.to_string(),
                });
        }
        index
    }
}

/// With `privacy.publish_goal_titles` (titles are only loaded then): the
/// titles of the cohort's goals created by R, by status as of R, counted
/// as the goal figures count them. No pair id or date goes with them.
pub(super) fn goal_titles(
    w: &crate::i18n::Words,
    index: &GoalTitleIndex,
    c: &CohortMetrics,
) -> Vec<GoalTitles> {
    use crate::data::GoalStatus;
    let (Some(goals), Some(span)) = (index.by_cohort.get(&c.cohort), c.span) else {
        return Vec::new();
    };
    let order = [
        (GoalStatus::NotStarted, "goal.not_started"),
        (GoalStatus::InProgress, "goal.in_progress"),
        (GoalStatus::Completed, "goal.completed"),
        (GoalStatus::Abandoned, "goal.abandoned"),
    ];
    let mut by_status: Vec<Vec<String>> = vec![Vec::new(); order.len()];
    for g in goals {
        if g.created_on > span.end {
            continue;
        }
        let status = match g.status {
            GoalStatus::Completed if g.completed_on.is_some_and(|d| d > span.end) => {
                GoalStatus::InProgress
            }
            other => other,
        };
        if let Some(i) = order.iter().position(|(s, _)| *s == status) {
            by_status[i].push(g.title.clone());
        }
    }
    order
        .iter()
        .zip(by_status)
        .filter(|(_, titles)| !titles.is_empty())
        .map(|((_, label), mut titles)| {
            titles.sort();
            GoalTitles {
                status: w.t(label).to_string(),
                titles,
            }
        })
        .collect()
}

/// Feedback comments of one group and role, as pages show them.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CommentGroup {
    /// The period: a quarter label.
    pub label: String,
    pub role: String,
    /// Responses of the role in the group (not only those with a comment).
    pub responses: usize,
    /// Sorted by text, so the order does not follow the data.
    pub comments: Vec<String>,
}

/// One cell of comments: a cohort's responses of one role in one quarter
/// (in W). Every other group (a cohort's whole span, a program quarter) is
/// a union of such cells, so a cell is the unit that is shown or not:
/// comments of a cell with fewer than `comment_k` responses appear nowhere.
/// Showing a small cell's comments inside a larger group would let anyone
/// holding two overlapping lists (the cohort's and the quarter's) intersect
/// them and recover the small cell's comments.
struct Cell {
    responses: usize,
    comments: Vec<String>,
}

/// One cohort's responses in one role: every date, sorted, and the
/// comments with their dates, sorted by date.
type Responses = (Vec<Date>, Vec<(Date, String)>);

/// Feedback by cohort and role, indexed once per build, so each cell is
/// two binary searches rather than a pass over every response.
#[derive(Default)]
pub struct CommentIndex {
    by_group: std::collections::HashMap<(u32, crate::data::Role), Responses>,
}

impl CommentIndex {
    /// The index of `program`'s comments; empty unless `publish` (the
    /// loader keeps comments only when `privacy.publish_comments` is on).
    pub fn new(program: &Program, publish: bool) -> CommentIndex {
        let mut index = CommentIndex::default();
        if !publish {
            return index;
        }
        for f in program.feedback.iter().flatten() {
            let (dates, comments) = index.by_group.entry((f.cohort, f.role)).or_default();
            dates.push(f.submitted_on);
            if let Some(text) = &f.comment {
                comments.push((f.submitted_on, text.to_string()));
            }
        }
        for (dates, comments) in index.by_group.values_mut() {
            dates.sort_unstable();
            comments.sort();
        }
        index
    }

    fn cell(&self, cohort: u32, window: Window, role: crate::data::Role) -> Cell {
        let Some((dates, comments)) = self.by_group.get(&(cohort, role)) else {
            return Cell {
                responses: 0,
                comments: Vec::new(),
            };
        };
        let within = |d: &Date| window.contains(*d);
        let first = dates.partition_point(|d| *d < window.start);
        let responses = dates[first..].iter().take_while(|d| within(d)).count();
        let first = comments.partition_point(|(d, _)| *d < window.start);
        let comments = comments[first..]
            .iter()
            .take_while(|(d, _)| within(d))
            .map(|(_, text)| text.clone())
            .collect();
        Cell {
            responses,
            comments,
        }
    }
}

/// Whether the page may show this cell's comments.
fn shown(comment_k: u32, cell: &Cell) -> bool {
    !cell.comments.is_empty() && cell.responses >= comment_k as usize
}

fn group(
    label: &str,
    role: crate::data::Role,
    responses: usize,
    mut comments: Vec<String>,
) -> CommentGroup {
    comments.sort();
    CommentGroup {
        label: label.to_string(),
        role: role.as_str().to_string(),
        responses,
        comments,
    }
}

/// A cohort's comments, quarter by quarter and per role, for the cells
/// that reach `comment_k` (`privacy.min_comment_group_size`).
pub fn cohort_comments(
    comments: &CommentIndex,
    comment_k: u32,
    c: &CohortMetrics,
) -> Vec<CommentGroup> {
    let mut out = Vec::new();
    for q in &c.quarters {
        for role in crate::data::Role::ALL {
            let cell = comments.cell(c.cohort, q.window, role);
            if shown(comment_k, &cell) {
                out.push(group(&q.quarter, role, cell.responses, cell.comments));
            }
        }
    }
    out
}

/// A program quarter's comments per role: the shown cells of its cohorts
/// (only `only`, for a one-cohort report), pooled and sorted.
pub(super) fn report_comments(
    index: &CommentIndex,
    comment_k: u32,
    metrics: &ProgramMetrics,
    r: &QuarterReport,
    only: Option<u32>,
) -> Vec<CommentGroup> {
    let mut out = Vec::new();
    for role in crate::data::Role::ALL {
        let mut responses = 0;
        let mut comments = Vec::new();
        for rc in r
            .cohorts
            .iter()
            .filter(|c| only.is_none_or(|o| o == c.cohort))
        {
            let Some(q) = metrics
                .cohorts
                .get(rc.cohort as usize)
                .and_then(|c| c.quarter(&r.quarter))
            else {
                continue;
            };
            let cell = index.cell(rc.cohort, q.window, role);
            if shown(comment_k, &cell) {
                responses += cell.responses;
                comments.extend(cell.comments);
            }
        }
        if !comments.is_empty() {
            out.push(group(&r.quarter, role, responses, comments));
        }
    }
    out
}
