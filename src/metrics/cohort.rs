//! One cohort's raw counts for its span and each of its quarters, from its bucketed rows.

use crate::data::{CohortIx, GoalStatus, Pair, PersonIx, Program, Role};
use crate::date::Date;

use super::buckets::Buckets;
use super::counts::Counts;
use super::figures::MonthFigures;
use super::periods::{Month, Quarter, QuarterScheme, Span, month_index};

/// Shared inputs of every cohort's computation.
pub(super) struct Inputs<'a> {
    pub program: &'a Program,
    pub buckets: &'a Buckets,
    pub scheme: QuarterScheme,
    pub quiet_days: i32,
}

/// One quarter of a cohort: the quarter, its window W and raw counts.
pub(super) struct QuarterRaw {
    pub quarter: Quarter,
    pub window: Span,
    pub counts: Counts,
}

/// A cohort's raw counts; empty when its span is.
pub(super) struct CohortRaw {
    pub span: Option<Span>,
    pub overall: Counts,
    pub quarters: Vec<QuarterRaw>,
    pub months: Vec<MonthFigures>,
}

/// Accumulates "as of R" counts that hold from one quarter onward.
struct Steps(Vec<i64>);

impl Steps {
    fn new(n: usize) -> Steps {
        Steps(vec![0; n + 1])
    }
    /// +1 for quarters `from..to`.
    fn range(&mut self, from: usize, to: usize) {
        if from < to {
            self.0[from] += 1;
            self.0[to] -= 1;
        }
    }
    /// The running totals, one per quarter.
    fn totals(&self) -> impl Iterator<Item = u64> + '_ {
        let n = self.0.len().saturating_sub(1);
        self.0[..n].iter().scan(0i64, |run, d| {
            *run += d;
            Some(u64::try_from(*run).unwrap_or(0))
        })
    }
}

/// Locates dates among a cohort's quarters arithmetically.
struct Locator {
    scheme: QuarterScheme,
    span: Span,
    first_key: i32,
    /// R of each quarter: the last day of its window.
    refs: Vec<Date>,
}

impl Locator {
    /// The quarter holding `d` (which must lie in S).
    fn index(&self, d: Date) -> usize {
        usize::try_from(self.scheme.key_of(d) - self.first_key).unwrap_or(0)
    }

    /// The first quarter whose R is on or after `d`; `None` when `d` is after S.
    fn first_from(&self, d: Date) -> Option<usize> {
        if d <= self.span.start {
            Some(0)
        } else if d <= self.span.end {
            Some(self.index(d))
        } else {
            None
        }
    }

    fn count(&self) -> usize {
        self.refs.len()
    }
}

pub(super) fn compute(inputs: &Inputs<'_>, cohort: CohortIx, span: Option<Span>) -> CohortRaw {
    let Some(span) = span else {
        return CohortRaw {
            span: None,
            overall: Counts::default(),
            quarters: Vec::new(),
            months: Vec::new(),
        };
    };
    let c = cohort as usize;
    let scheme = inputs.scheme;
    let first_key = scheme.key_of(span.start);
    let last_key = scheme.key_of(span.end);
    let mut quarters: Vec<QuarterRaw> = (first_key..=last_key)
        .map(|key| {
            let quarter = scheme.quarter(key);
            let window = Span {
                start: quarter.start.max(span.start),
                end: quarter.end.min(span.end),
            };
            QuarterRaw {
                quarter,
                window,
                counts: Counts::default(),
            }
        })
        .collect();
    let loc = Locator {
        scheme,
        span,
        first_key,
        refs: quarters.iter().map(|q| q.window.end).collect(),
    };
    let first_month = Month::of(span.start);
    let mut months: Vec<MonthFigures> = (first_month.0..=Month::of(span.end).0)
        .map(|m| MonthFigures {
            month: Month(m),
            meetings: 0,
            active_pairs: 0,
        })
        .collect();
    let mut overall = Counts::default();

    pairs_and_meetings(inputs, c, &loc, &mut overall, &mut quarters, &mut months);
    enrolments(inputs, c, &loc, &mut overall, &mut quarters);
    goals(inputs, c, &loc, &mut overall, &mut quarters);
    feedback(inputs, c, &loc, &mut overall, &mut quarters);

    overall.normalize();
    for q in &mut quarters {
        q.counts.normalize();
    }
    CohortRaw {
        span: Some(span),
        overall,
        quarters,
        months,
    }
}

/// Pairs (matched, active, ids, pair-days, health on R) and their meetings,
/// in one pass over the cohort's pairs: a pair's meetings decide its health.
fn pairs_and_meetings(
    inputs: &Inputs<'_>,
    c: usize,
    loc: &Locator,
    overall: &mut Counts,
    quarters: &mut [QuarterRaw],
    months: &mut [MonthFigures],
) {
    let n = loc.count();
    let mut matched = Steps::new(n);
    // Last meeting date per quarter of the pair being processed.
    let mut last_in: Vec<Option<Date>> = vec![None; n];
    for &p in inputs.buckets.pairs_by_cohort.get(c) {
        let Some(pair) = inputs.program.pairs.get(p as usize) else {
            continue;
        };
        if let Some(from) = loc.first_from(pair.matched_on) {
            matched.range(from, n);
        }
        last_in.iter_mut().for_each(|l| *l = None);
        count_meetings(inputs, p, loc, overall, quarters, months, &mut last_in);
        let Some(window) = inputs
            .buckets
            .pair_windows
            .get(p as usize)
            .copied()
            .flatten()
        else {
            continue;
        };
        overall.active += 1;
        overall.mentors.push(pair.mentor);
        overall.mentees.push(pair.mentee);
        overall.pair_days += window.days();
        count_active_quarters(inputs.quiet_days, pair, window, loc, quarters, &last_in);
        for m in Month::of(window.start).0..=Month::of(window.end).0 {
            if let Some(slot) = month_slot(months, m) {
                slot.active_pairs += 1;
            }
        }
    }
    for (q, m) in quarters.iter_mut().zip(matched.totals()) {
        q.counts.matched = m;
    }
    // Figures "as of R" of the overall period are those of the last quarter (same R).
    if let Some(last) = quarters.last() {
        overall.matched = last.counts.matched;
        overall.quiet = last.counts.quiet;
        overall.eligible = last.counts.eligible;
        overall.too_early = last.counts.too_early;
    }
}

/// Pair `p`'s meetings in S: counts and minutes per period and month, and
/// its last meeting date per quarter into `last_in`.
fn count_meetings(
    inputs: &Inputs<'_>,
    p: u32,
    loc: &Locator,
    overall: &mut Counts,
    quarters: &mut [QuarterRaw],
    months: &mut [MonthFigures],
    last_in: &mut [Option<Date>],
) {
    let meetings = inputs.program.meetings.as_deref().unwrap_or(&[]);
    for &m in inputs.buckets.meetings_by_pair.get(p as usize) {
        let Some(meeting) = meetings.get(m as usize) else {
            continue;
        };
        if !loc.span.contains(meeting.date) {
            continue;
        }
        // One calendar conversion per meeting: its month gives its quarter.
        let month = month_index(meeting.date);
        let i = usize::try_from(loc.scheme.key_of_month(month) - loc.first_key).unwrap_or(0);
        let minutes = meeting.duration_minutes.get().unwrap_or(0.0);
        overall.meetings += 1;
        overall.minutes += minutes;
        if let Some(q) = quarters.get_mut(i) {
            q.counts.meetings += 1;
            q.counts.minutes += minutes;
        }
        if let Some(l) = last_in.get_mut(i) {
            *l = Some(l.map_or(meeting.date, |x| x.max(meeting.date)));
        }
        if let Some(slot) = month_slot(months, month) {
            slot.meetings += 1;
        }
    }
}

/// An active pair's figures in each quarter its `window` overlaps: active,
/// ids, pair-days, and its health on the quarter's R.
fn count_active_quarters(
    quiet_days: i32,
    pair: &Pair,
    window: Span,
    loc: &Locator,
    quarters: &mut [QuarterRaw],
    last_in: &[Option<Date>],
) {
    let (first_q, last_q) = (loc.index(window.start), loc.index(window.end));
    let mut last_met: Option<Date> = None;
    for (i, q) in quarters.iter_mut().enumerate().take(last_q + 1) {
        // Meetings of earlier quarters are all before this quarter's R.
        last_met = last_met.max(last_in[i]);
        if i < first_q {
            continue;
        }
        let counts = &mut q.counts;
        counts.active += 1;
        counts.mentors.push(pair.mentor);
        counts.mentees.push(pair.mentee);
        counts.pair_days += window.intersect(q.window).map_or(0, Span::days);
        let r = q.window.end;
        if window.contains(r) {
            let cutoff = r.add_days(-quiet_days);
            if pair.matched_on <= cutoff {
                counts.eligible += 1;
                // Quiet: no meeting in (R − quiet_days, R].
                if last_met.is_none_or(|d| d <= cutoff) {
                    counts.quiet += 1;
                }
            } else {
                counts.too_early += 1;
            }
        }
    }
}

/// The entry of the month with this [`month_index`] in a cohort's series.
fn month_slot(months: &mut [MonthFigures], month: i32) -> Option<&mut MonthFigures> {
    let first = months.first()?.month.0;
    usize::try_from(month - first)
        .ok()
        .and_then(|i| months.get_mut(i))
}

/// Enrolled and unmatched: an enrolment is matched from the first R on or
/// after the earliest `matched_on` of a pair of the cohort holding the person.
fn enrolments(
    inputs: &Inputs<'_>,
    c: usize,
    loc: &Locator,
    overall: &mut Counts,
    quarters: &mut [QuarterRaw],
) {
    let Some(enrolments) = inputs.program.participants.as_deref() else {
        return;
    };
    let n = loc.count();
    let mut first_match: Vec<(PersonIx, Date)> = Vec::new();
    for &p in inputs.buckets.pairs_by_cohort.get(c) {
        if let Some(pair) = inputs.program.pairs.get(p as usize) {
            first_match.push((pair.mentor, pair.matched_on));
            first_match.push((pair.mentee, pair.matched_on));
        }
    }
    first_match.sort_unstable();
    let mut unmatched = Steps::new(n);
    let rows = inputs.buckets.enrolments_by_cohort.get(c);
    for &e in rows {
        let Some(enrolment) = enrolments.get(e as usize) else {
            continue;
        };
        let at = first_match.partition_point(|&(person, _)| person < enrolment.person);
        let matched_from = first_match
            .get(at)
            .filter(|&&(person, _)| person == enrolment.person)
            .and_then(|&(_, date)| loc.first_from(date))
            .unwrap_or(n);
        unmatched.range(0, matched_from);
    }
    let enrolled = rows.len() as u64;
    for (q, u) in quarters.iter_mut().zip(unmatched.totals()) {
        q.counts.enrolled = enrolled;
        q.counts.unmatched = u;
    }
    overall.enrolled = enrolled;
    overall.unmatched = quarters.last().map_or(0, |q| q.counts.unmatched);
}

const NOT_STARTED: usize = 0;
const IN_PROGRESS: usize = 1;
const COMPLETED: usize = 2;
const ABANDONED: usize = 3;

/// Goals created by R, with their status as of R.
fn goals(
    inputs: &Inputs<'_>,
    c: usize,
    loc: &Locator,
    overall: &mut Counts,
    quarters: &mut [QuarterRaw],
) {
    let Some(goals) = inputs.program.goals.as_deref() else {
        return;
    };
    let n = loc.count();
    let span = loc.span;
    let mut status: [Steps; 4] = std::array::from_fn(|_| Steps::new(n));
    let mut dated = Steps::new(n);
    let mut on_time = Steps::new(n);
    for &g in inputs.buckets.goals_by_cohort.get(c) {
        let Some(goal) = goals.get(g as usize) else {
            continue;
        };
        // Counted from the first quarter whose R is on or after created_on.
        let Some(from) = loc.first_from(goal.created_on) else {
            continue;
        };
        if span.contains(goal.created_on) {
            overall.created_in += 1;
            if let Some(q) = quarters.get_mut(loc.index(goal.created_on)) {
                q.counts.created_in += 1;
            }
        }
        match (goal.status, goal.completed_on) {
            (GoalStatus::Completed, Some(done)) => {
                // In progress until the first R on or after completed_on.
                let completed_from = loc.first_from(done).unwrap_or(n).max(from);
                status[IN_PROGRESS].range(from, completed_from);
                status[COMPLETED].range(completed_from, n);
                if let Some(due) = goal.due_on {
                    dated.range(completed_from, n);
                    if done <= due {
                        on_time.range(completed_from, n);
                    }
                }
                if span.contains(done) {
                    overall.completed_in += 1;
                    let i = loc.index(done);
                    if i >= from
                        && let Some(q) = quarters.get_mut(i)
                    {
                        q.counts.completed_in += 1;
                    }
                }
            }
            (s, _) => {
                let slot = match s {
                    GoalStatus::NotStarted => NOT_STARTED,
                    GoalStatus::InProgress => IN_PROGRESS,
                    GoalStatus::Completed => COMPLETED,
                    GoalStatus::Abandoned => ABANDONED,
                };
                status[slot].range(from, n);
            }
        }
    }
    for (slot, steps) in status.iter().enumerate() {
        for (q, v) in quarters.iter_mut().zip(steps.totals()) {
            q.counts.goals[slot] = v;
        }
    }
    for (q, (d, t)) in quarters
        .iter_mut()
        .zip(dated.totals().zip(on_time.totals()))
    {
        q.counts.goals_dated = d;
        q.counts.goals_on_time = t;
    }
    if let Some(last) = quarters.last() {
        overall.goals = last.counts.goals;
        overall.goals_dated = last.counts.goals_dated;
        overall.goals_on_time = last.counts.goals_on_time;
    }
}

/// Feedback rows submitted in S: responses, ratings, nps and which active
/// pairs responded in which role.
fn feedback(
    inputs: &Inputs<'_>,
    c: usize,
    loc: &Locator,
    overall: &mut Counts,
    quarters: &mut [QuarterRaw],
) {
    let Some(rows) = inputs.program.feedback.as_deref() else {
        return;
    };
    let span = loc.span;
    // (quarter index + 1, or 0 for the overall period; pair; role)
    let mut responded: Vec<(usize, u32, u8)> = Vec::new();
    for &f in inputs.buckets.feedback_by_cohort.get(c) {
        let Some(row) = rows.get(f as usize) else {
            continue;
        };
        if !span.contains(row.submitted_on) {
            continue;
        }
        let role = match row.role {
            Role::Mentor => 0u8,
            Role::Mentee => 1u8,
        };
        let i = loc.index(row.submitted_on);
        let Some(q) = quarters.get_mut(i) else {
            continue;
        };
        for counts in [&mut *overall, &mut q.counts] {
            counts.feedback[usize::from(role)].record(row.rating, row.nps);
        }
        let Some(pair) = row.pair else {
            continue;
        };
        overall.pair_rows = true;
        q.counts.pair_rows = true;
        if let Some(window) = inputs
            .buckets
            .pair_windows
            .get(pair as usize)
            .copied()
            .flatten()
        {
            responded.push((0, pair, role));
            if window.overlaps(q.window) {
                responded.push((i + 1, pair, role));
            }
        }
    }
    responded.sort_unstable();
    responded.dedup();
    for (period, _, role) in responded {
        let counts = match period.checked_sub(1) {
            None => &mut *overall,
            Some(i) => match quarters.get_mut(i) {
                Some(q) => &mut q.counts,
                None => continue,
            },
        };
        counts.feedback[usize::from(role)].responded_pairs += 1;
    }
}
