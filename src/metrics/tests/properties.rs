//! Property tests on random small programs: a naive re-reading of docs/metrics.md, pooling, invariants.

use proptest::prelude::*;

use super::*;
use crate::metrics::counts::{DAYS_PER_MONTH, ratio};
use crate::metrics::periods::Span;

fn day(offset: i32) -> String {
    // Days from 2024-01-01.
    Date(19_723 + offset).to_string()
}

/// (pair, created, status, due, completed − created)
type GoalRow = (usize, i32, u8, Option<i32>, Option<i32>);
/// (cohort, pair, is mentor, submitted, rating, nps)
type FeedbackRow = (usize, Option<usize>, bool, i32, Option<u8>, Option<u8>);

#[derive(Clone, Debug)]
struct Spec {
    cohorts: Vec<(i32, Option<i32>)>,
    pairs: Vec<(usize, u32, u32, i32, Option<i32>)>,
    meetings: Vec<(usize, i32, Option<u8>)>,
    goals: Vec<GoalRow>,
    feedback: Vec<FeedbackRow>,
    enrolments: Option<Vec<(u32, usize)>>,
    as_of: Option<i32>,
    fiscal: u32,
    quiet_days: u32,
    k: u32,
}

fn spec() -> impl Strategy<Value = Spec> {
    let cohorts = prop::collection::vec((0..300i32, prop::option::of(-20..250i32)), 1..4);
    let pairs = prop::collection::vec(
        (
            0..3usize,
            0..5u32,
            5..10u32,
            -40..420i32,
            prop::option::of(0..200i32),
        ),
        0..8,
    );
    let meetings =
        prop::collection::vec((0..8usize, -40..440i32, prop::option::of(0..120u8)), 0..30);
    let goals = prop::collection::vec(
        (
            0..8usize,
            -60..420i32,
            0..4u8,
            prop::option::of(-60..480i32),
            prop::option::of(-100..200i32),
        ),
        0..12,
    );
    let feedback = prop::collection::vec(
        (
            0..3usize,
            prop::option::of(0..8usize),
            any::<bool>(),
            -20..440i32,
            prop::option::of(1..6u8),
            prop::option::of(0..11u8),
        ),
        0..20,
    );
    let enrolments = prop::option::of(prop::collection::vec((0..11u32, 0..3usize), 0..15));
    (
        cohorts,
        pairs,
        meetings,
        goals,
        feedback,
        enrolments,
        prop::option::of(0..420i32),
        1..13u32,
        prop::sample::select(vec![1u32, 30, 45, 90]),
        1..4u32,
    )
        .prop_map(
            |(cohorts, pairs, meetings, goals, feedback, enrolments, as_of, fiscal, quiet, k)| {
                Spec {
                    cohorts,
                    pairs,
                    meetings,
                    goals,
                    feedback,
                    enrolments,
                    as_of,
                    fiscal,
                    quiet_days: quiet,
                    k,
                }
            },
        )
}

/// Builds a valid program from a spec (references clamped to what exists).
fn build(s: &Spec) -> TestProgram {
    let mut fx = TestProgram::new();
    for (i, &(start, end)) in s.cohorts.iter().enumerate() {
        let end = end.map(|e| day(start + e));
        fx.cohort(&format!("C{i}"), &day(start), end.as_deref());
    }
    let nc = s.cohorts.len();
    for &(c, mentor, mentee, matched, ended) in &s.pairs {
        let ended = ended.map(|e| day(matched + e));
        fx.pair(
            (c % nc) as CohortIx,
            mentor,
            mentee,
            &day(matched),
            ended.as_deref(),
        );
    }
    let np = fx.program.pairs.len();
    if np > 0 {
        for &(p, date, minutes) in &s.meetings {
            fx.meeting((p % np) as u32, &day(date), minutes.map(f64::from));
        }
        for &(p, created, status, due, done) in &s.goals {
            let status = [
                GoalStatus::NotStarted,
                GoalStatus::InProgress,
                GoalStatus::Completed,
                GoalStatus::Abandoned,
            ][usize::from(status)];
            let done = done.map(|x| day(created + x));
            fx.goal(
                (p % np) as u32,
                &day(created),
                status,
                due.map(day).as_deref(),
                done.as_deref(),
            );
        }
    }
    for &(c, pair, mentor, date, rating, nps) in &s.feedback {
        let role = if mentor { Role::Mentor } else { Role::Mentee };
        let (rating, nps) = if rating.is_none() && nps.is_none() {
            (Some(3), None)
        } else {
            (rating, nps)
        };
        match pair.filter(|_| np > 0) {
            Some(p) => fx.feedback((p % np) as u32, role, &day(date), rating, nps),
            None => fx.feedback_row((c % nc) as CohortIx, None, role, &day(date), rating, nps),
        }
    }
    if let Some(rows) = &s.enrolments {
        let mut seen = std::collections::BTreeSet::new();
        fx.program.participants = Some(Vec::new());
        for &(person, c) in rows {
            let c = c % nc;
            if seen.insert((person, c)) {
                // Ids 0–4 are mentors, 5–9 mentees, 10 never matched.
                let role = if person < 5 {
                    Role::Mentor
                } else {
                    Role::Mentee
                };
                fx.enrol(person, c as CohortIx, role);
            }
        }
    }
    fx
}

fn config(s: &Spec) -> Config {
    let mut c = Config::default();
    c.data.as_of = s.as_of.map(|o| Date(19_723 + o));
    c.metrics.fiscal_year_start_month = s.fiscal;
    c.metrics.quiet_days = s.quiet_days;
    c.privacy.min_group_size = s.k;
    c
}

/// The figures of one cohort and period, re-read from docs/metrics.md as naively as possible.
#[derive(Debug, PartialEq)]
struct Naive {
    matched: u64,
    active: u64,
    mentors: u64,
    mentees: u64,
    unmatched: u64,
    meetings: u64,
    pair_days: u64,
    quiet: u64,
    eligible: u64,
    too_early: u64,
    goals: [u64; 4],
    created_in: u64,
    completed_in: u64,
    responses: [u64; 2],
    responded: [u64; 2],
}

fn naive(fx: &TestProgram, as_of: Date, quiet_days: i32, c: usize, s: Span, w: Span) -> Naive {
    let p = &fx.program;
    let r = w.end;
    let window = |i: usize| {
        let pair = &p.pairs[i];
        let end = pair.ended_on.filter(|&e| e <= as_of).unwrap_or(as_of);
        Span::new(pair.matched_on, end).and_then(|x| x.intersect(s))
    };
    let pairs: Vec<usize> = (0..p.pairs.len())
        .filter(|&i| p.pairs[i].cohort as usize == c)
        .collect();
    let active: Vec<usize> = pairs
        .iter()
        .copied()
        .filter(|&i| window(i).is_some_and(|x| x.overlaps(w)))
        .collect();
    let distinct = |f: &dyn Fn(usize) -> u32| {
        let mut ids: Vec<u32> = active.iter().map(|&i| f(i)).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len() as u64
    };
    let meetings = p.meetings.as_deref().unwrap_or(&[]);
    let (mut quiet, mut eligible, mut too_early) = (0, 0, 0);
    for &i in &pairs {
        if !window(i).is_some_and(|x| x.contains(r)) {
            continue;
        }
        if p.pairs[i].matched_on.add_days(quiet_days) <= r {
            eligible += 1;
            let met = meetings.iter().any(|m| {
                m.pair as usize == i
                    && s.contains(m.date)
                    && m.date > r.add_days(-quiet_days)
                    && m.date <= r
            });
            if !met {
                quiet += 1;
            }
        } else {
            too_early += 1;
        }
    }
    let unmatched = p
        .participants
        .iter()
        .flatten()
        .filter(|e| e.cohort as usize == c)
        .filter(|e| {
            !pairs.iter().any(|&i| {
                let pair = &p.pairs[i];
                (pair.mentor == e.person || pair.mentee == e.person) && pair.matched_on <= r
            })
        })
        .count() as u64;
    let mut goals = [0u64; 4];
    let (mut created_in, mut completed_in) = (0, 0);
    for g in p.goals.iter().flatten() {
        if p.pairs[g.pair as usize].cohort as usize != c || g.created_on > r {
            continue;
        }
        let status = match (g.status, g.completed_on) {
            (GoalStatus::Completed, Some(done)) if done > r => GoalStatus::InProgress,
            (s, _) => s,
        };
        goals[status as usize] += 1;
        if w.contains(g.created_on) {
            created_in += 1;
        }
        if status == GoalStatus::Completed && g.completed_on.is_some_and(|x| w.contains(x)) {
            completed_in += 1;
        }
    }
    let mut responses = [0u64; 2];
    let mut responded = [Vec::new(), Vec::new()];
    for f in p.feedback.iter().flatten() {
        if f.cohort as usize != c || !w.contains(f.submitted_on) {
            continue;
        }
        let role = f.role as usize;
        responses[role] += 1;
        if let Some(pair) = f.pair
            && active.contains(&(pair as usize))
        {
            responded[role].push(pair);
        }
    }
    let responded = responded.map(|mut v| {
        v.sort_unstable();
        v.dedup();
        v.len() as u64
    });
    Naive {
        matched: pairs
            .iter()
            .filter(|&&i| p.pairs[i].matched_on <= r)
            .count() as u64,
        active: active.len() as u64,
        mentors: distinct(&|i| p.pairs[i].mentor),
        mentees: distinct(&|i| p.pairs[i].mentee),
        unmatched,
        meetings: meetings
            .iter()
            .filter(|m| p.pairs[m.pair as usize].cohort as usize == c && w.contains(m.date))
            .count() as u64,
        pair_days: active
            .iter()
            .filter_map(|&i| window(i).and_then(|x| x.intersect(w)))
            .map(Span::days)
            .sum(),
        quiet,
        eligible,
        too_early,
        goals,
        created_in,
        completed_in,
        responses,
        responded,
    }
}

fn observed(m: &Metrics) -> Naive {
    let g = &m.goals;
    let f = &m.feedback.by_role;
    Naive {
        matched: m.pairs.matched,
        active: m.pairs.active,
        mentors: m.participants.mentors,
        mentees: m.participants.mentees,
        unmatched: m.participants.unmatched.unwrap_or(0),
        meetings: m.meetings.count,
        pair_days: m.meetings.pair_days,
        quiet: m.meetings.quiet_pairs,
        eligible: m.meetings.eligible_pairs,
        too_early: m.meetings.too_early_pairs,
        goals: [g.not_started, g.in_progress, g.completed, g.abandoned],
        created_in: g.created_in_period,
        completed_in: g.completed_in_period,
        responses: [f.mentor.responses, f.mentee.responses],
        // Recover the numerators from the rates (denominators are active pairs).
        responded: [&f.mentor, &f.mentee].map(|r| {
            r.response_rate
                .map_or(0, |x| (x * m.pairs.active as f64).round() as u64)
        }),
    }
}

fn unit(x: Option<f64>) -> bool {
    x.is_none_or(|v| (0.0..=1.0).contains(&v))
}

fn check_ranges(m: &Metrics) -> Result<(), TestCaseError> {
    prop_assert!(unit(m.participants.match_rate));
    prop_assert!(unit(m.meetings.quiet_share));
    prop_assert!(unit(m.goals.completion_rate));
    prop_assert!(unit(m.goals.on_time_rate));
    prop_assert!(m.meetings.hours >= 0.0 && m.meetings.pair_months >= 0.0);
    prop_assert!(m.meetings.per_pair_month.is_none_or(|v| v >= 0.0));
    for f in m.feedback.roles() {
        prop_assert!(unit(f.response_rate));
        prop_assert!(f.mean_rating.is_none_or(|v| (1.0..=5.0).contains(&v)));
        prop_assert!(f.nps.is_none_or(|v| (-100..=100).contains(&v)));
        let shown = Withheld::Shown;
        prop_assert_eq!(
            f.suppressed,
            f.ratings_withheld != shown || f.nps_withheld != shown
        );
        prop_assert_eq!(f.ratings.is_none(), f.ratings_withheld != shown);
        if f.nps_withheld != shown {
            prop_assert!(f.nps.is_none());
        }
    }
    prop_assert!(m.participants.unmatched <= m.participants.enrolled);
    prop_assert_eq!(
        m.goals.total,
        m.goals.not_started + m.goals.in_progress + m.goals.completed + m.goals.abandoned
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn figures_match_a_naive_reading(s in spec()) {
        let fx = build(&s);
        let Ok(m) = compute(&fx.program, &config(&s)) else {
            // Only a program with no event and no as_of fails.
            prop_assert!(s.as_of.is_none());
            return Ok(());
        };
        let q = i32::try_from(s.quiet_days).unwrap_or(i32::MAX);
        for (c, cm) in m.cohorts.iter().enumerate() {
            let Some(span) = cm.span else {
                prop_assert!(cm.overall.is_none() && cm.quarters.is_empty() && cm.months.is_empty());
                continue;
            };
            let mut periods = vec![(span, cm.overall.as_ref())];
            periods.extend(cm.quarters.iter().map(|q| (q.window, Some(&q.metrics))));
            for (w, metrics) in periods {
                let Some(metrics) = metrics else {
                    return Err(TestCaseError::fail("missing overall"));
                };
                prop_assert_eq!(observed(metrics), naive(&fx, m.as_of, q, c, span, w));
                check_ranges(metrics)?;
            }
            // Monthly and quarterly meetings add up to the overall count.
            let overall = cm.overall.as_ref().map_or(0, |o| o.meetings.count);
            prop_assert_eq!(cm.months.iter().map(|x| x.meetings).sum::<u64>(), overall);
            prop_assert_eq!(
                cm.quarters.iter().map(|x| x.metrics.meetings.count).sum::<u64>(),
                overall
            );
            // Quarters tile S.
            prop_assert_eq!(cm.quarters.first().map(|q| q.window.start), Some(span.start));
            prop_assert_eq!(cm.quarters.last().map(|q| q.window.end), Some(span.end));
        }
    }

    #[test]
    fn program_totals_pool_the_cohorts(s in spec()) {
        let fx = build(&s);
        let Ok(m) = compute(&fx.program, &config(&s)) else { return Ok(()); };
        for (i, report) in m.quarters.iter().enumerate() {
            prop_assert!(i == 0 || m.quarters[i - 1].key < report.key);
            let t = &report.totals;
            check_ranges(t)?;
            let members: Vec<&Metrics> = report.cohorts.iter().map(|c| &c.metrics).collect();
            prop_assert!(!members.is_empty());
            let sum = |f: &dyn Fn(&Metrics) -> u64| members.iter().map(|m| f(m)).sum::<u64>();
            prop_assert_eq!(t.pairs.matched, sum(&|m| m.pairs.matched));
            prop_assert_eq!(t.pairs.active, sum(&|m| m.pairs.active));
            prop_assert_eq!(t.meetings.count, sum(&|m| m.meetings.count));
            prop_assert_eq!(t.meetings.pair_days, sum(&|m| m.meetings.pair_days));
            prop_assert_eq!(t.meetings.pair_months, t.meetings.pair_days as f64 / DAYS_PER_MONTH);
            prop_assert_eq!(t.meetings.quiet_pairs, sum(&|m| m.meetings.quiet_pairs));
            prop_assert_eq!(t.meetings.quiet_share, ratio(t.meetings.quiet_pairs, sum(&|m| m.meetings.eligible_pairs)));
            prop_assert_eq!(t.meetings.too_early_pairs, sum(&|m| m.meetings.too_early_pairs));
            prop_assert_eq!(t.goals.total, sum(&|m| m.goals.total));
            prop_assert_eq!(t.goals.completed, sum(&|m| m.goals.completed));
            prop_assert_eq!(
                t.goals.completion_rate,
                ratio(t.goals.completed, t.goals.total - t.goals.abandoned)
            );
            prop_assert_eq!(t.goals.created_in_period, sum(&|m| m.goals.created_in_period));
            prop_assert_eq!(t.goals.completed_in_period, sum(&|m| m.goals.completed_in_period));
            prop_assert_eq!(t.feedback.all.responses, sum(&|m| m.feedback.all.responses));
            prop_assert_eq!(t.feedback.all.rating_rows, sum(&|m| m.feedback.all.rating_rows));
            prop_assert_eq!(t.feedback.by_role.mentee.nps_rows, sum(&|m| m.feedback.by_role.mentee.nps_rows));
            prop_assert_eq!(t.participants.enrolled, fx.program.participants.as_ref().map(|_| sum(&|m| m.participants.enrolled.unwrap_or(0))));
            prop_assert_eq!(t.participants.unmatched, fx.program.participants.as_ref().map(|_| sum(&|m| m.participants.unmatched.unwrap_or(0))));
            // Distinct mentors and mentees across the cohorts active in the quarter.
            let mut mentors = Vec::new();
            let mut mentees = Vec::new();
            for rc in &report.cohorts {
                let cm = &m.cohorts[rc.cohort as usize];
                let Some(cq) = cm.quarters.iter().find(|x| x.key == report.key) else {
                    return Err(TestCaseError::fail("report cohort without the quarter"));
                };
                prop_assert_eq!(&cq.metrics, &rc.metrics);
                let Some(span) = cm.span else { return Err(TestCaseError::fail("no span")); };
                for (i, pair) in fx.program.pairs.iter().enumerate() {
                    if pair.cohort != rc.cohort {
                        continue;
                    }
                    let end = pair.ended_on.filter(|&e| e <= m.as_of).unwrap_or(m.as_of);
                    if Span::new(pair.matched_on, end)
                        .and_then(|x| x.intersect(span))
                        .is_some_and(|x| x.overlaps(cq.window))
                    {
                        mentors.push(fx.program.pairs[i].mentor);
                        mentees.push(fx.program.pairs[i].mentee);
                    }
                }
            }
            for ids in [&mut mentors, &mut mentees] {
                ids.sort_unstable();
                ids.dedup();
            }
            prop_assert_eq!(t.participants.mentors, mentors.len() as u64);
            prop_assert_eq!(t.participants.mentees, mentees.len() as u64);
            // Every cohort whose span overlaps the quarter is in the report, in table order.
            let expected: Vec<CohortIx> = m.cohorts.iter()
                .filter(|c| c.span.is_some_and(|s| s.start <= report.end && report.start <= s.end))
                .map(|c| c.cohort)
                .collect();
            let got: Vec<CohortIx> = report.cohorts.iter().map(|c| c.cohort).collect();
            prop_assert_eq!(got, expected);
        }
        // Byte-for-byte deterministic output.
        let again = compute(&fx.program, &config(&s));
        prop_assert!(again.is_ok());
        if let Ok(again) = again {
            for (a, b) in m.cohorts.iter().zip(&again.cohorts) {
                prop_assert_eq!(cohort_json(m.as_of, a), cohort_json(again.as_of, b));
            }
            for (a, b) in m.quarters.iter().zip(&again.quarters) {
                prop_assert_eq!(report_json(a), report_json(b));
            }
        }
    }
}
