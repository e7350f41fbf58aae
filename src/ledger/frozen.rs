//! A closed quarter's report as it was first published after closing, and its bytes in the ledger.

use crate::metrics::figures::{
    ByRole, FeedbackFigures, GoalFigures, MeetingFigures, Metrics, PairFigures, ParticipantFigures,
    RoleFeedback,
};
use crate::metrics::privacy::Withheld;

use super::format::{LedgerError, Reader, Writer};

type R<T> = Result<T, LedgerError>;

/// A frozen quarterly report (docs/privacy.md, "Closed quarters").
#[derive(Clone, Debug, PartialEq)]
pub struct FrozenQuarter {
    /// The quarter key.
    pub key: i32,
    /// The version whose figures it holds.
    pub frozen: u32,
    /// Whether that version was a `--restate` of it.
    pub restated: bool,
    pub totals: Metrics,
    pub cohorts: Vec<FrozenCohort>,
}

/// One cohort of a frozen report, as published.
#[derive(Clone, Debug, PartialEq)]
pub struct FrozenCohort {
    pub id: String,
    pub name: String,
    pub metrics: Metrics,
}

impl FrozenQuarter {
    pub(super) fn encode(&self, w: &mut Writer) {
        w.i(i64::from(self.key));
        w.u(u64::from(self.frozen));
        w.byte(u8::from(self.restated));
        metrics(w, &self.totals);
        w.u(self.cohorts.len() as u64);
        for c in &self.cohorts {
            w.text(&c.id);
            w.text(&c.name);
            metrics(w, &c.metrics);
        }
    }

    pub(super) fn decode(r: &mut Reader<'_>, versions: u32) -> R<FrozenQuarter> {
        let key = r.i32()?;
        let frozen = r.u32()?;
        if frozen >= versions {
            return Err(LedgerError::Damaged);
        }
        let restated = match r.byte()? {
            0 => false,
            1 => true,
            _ => return Err(LedgerError::Damaged),
        };
        let totals = read_metrics(r)?;
        let n = r.count(40)?;
        let mut cohorts = Vec::with_capacity(n);
        for _ in 0..n {
            cohorts.push(FrozenCohort {
                id: r.text()?,
                name: r.text()?,
                metrics: read_metrics(r)?,
            });
        }
        Ok(FrozenQuarter {
            key,
            frozen,
            restated,
            totals,
            cohorts,
        })
    }
}

fn opt_f(w: &mut Writer, v: Option<f64>) {
    match v {
        None => w.byte(0),
        Some(v) => {
            w.byte(1);
            w.f(v);
        }
    }
}

fn opt_u(w: &mut Writer, v: Option<u64>) {
    match v {
        None => w.byte(0),
        Some(v) => {
            w.byte(1);
            w.u(v);
        }
    }
}

fn read_opt_f(r: &mut Reader<'_>) -> R<Option<f64>> {
    match r.byte()? {
        0 => Ok(None),
        1 => Ok(Some(r.f()?)),
        _ => Err(LedgerError::Damaged),
    }
}

fn read_opt_u(r: &mut Reader<'_>) -> R<Option<u64>> {
    match r.byte()? {
        0 => Ok(None),
        1 => Ok(Some(r.u()?)),
        _ => Err(LedgerError::Damaged),
    }
}

fn withheld_byte(w: Withheld) -> u8 {
    match w {
        Withheld::Shown => 0,
        Withheld::SmallGroup => 1,
        Withheld::Subtraction => 2,
        Withheld::Closure => 3,
    }
}

fn read_withheld(r: &mut Reader<'_>) -> R<Withheld> {
    Ok(match r.byte()? {
        0 => Withheld::Shown,
        1 => Withheld::SmallGroup,
        2 => Withheld::Subtraction,
        3 => Withheld::Closure,
        _ => return Err(LedgerError::Damaged),
    })
}

fn metrics(w: &mut Writer, m: &Metrics) {
    w.u(m.pairs.matched);
    w.u(m.pairs.active);
    let p = &m.participants;
    w.u(p.mentors);
    w.u(p.mentees);
    opt_u(w, p.enrolled);
    opt_u(w, p.unmatched);
    opt_f(w, p.match_rate);
    let g = &m.meetings;
    w.u(g.count);
    w.f(g.hours);
    w.f(g.pair_months);
    opt_f(w, g.per_pair_month);
    w.u(g.quiet_pairs);
    opt_f(w, g.quiet_share);
    w.u(g.too_early_pairs);
    w.u(g.eligible_pairs);
    w.u(g.pair_days);
    let o = &m.goals;
    for v in [
        o.total,
        o.not_started,
        o.in_progress,
        o.completed,
        o.abandoned,
    ] {
        w.u(v);
    }
    opt_f(w, o.completion_rate);
    opt_f(w, o.on_time_rate);
    w.u(o.created_in_period);
    w.u(o.completed_in_period);
    for f in m.feedback.roles() {
        feedback(w, f);
    }
}

fn feedback(w: &mut Writer, f: &RoleFeedback) {
    w.u(f.responses);
    opt_f(w, f.response_rate);
    w.byte(u8::from(f.asked) | (u8::from(f.suppressed) << 1));
    opt_f(w, f.mean_rating);
    match f.ratings {
        None => w.byte(0),
        Some(r) => {
            w.byte(1);
            r.iter().for_each(|&n| w.u(n));
        }
    }
    match f.nps {
        None => w.byte(0),
        Some(n) => {
            w.byte(1);
            w.i(n);
        }
    }
    w.u(f.rating_rows);
    w.u(f.nps_rows);
    w.byte(withheld_byte(f.ratings_withheld));
    w.byte(withheld_byte(f.nps_withheld));
    for d in [f.published_as_of, f.ratings_kept, f.nps_kept] {
        match d {
            None => w.byte(0),
            Some(d) => {
                w.byte(1);
                w.i(i64::from(d.0));
            }
        }
    }
}

fn read_date(r: &mut Reader<'_>) -> R<Option<crate::date::Date>> {
    match r.byte()? {
        0 => Ok(None),
        1 => Ok(Some(crate::date::Date(r.i32()?))),
        _ => Err(LedgerError::Damaged),
    }
}

fn read_metrics(r: &mut Reader<'_>) -> R<Metrics> {
    let pairs = PairFigures {
        matched: r.u()?,
        active: r.u()?,
    };
    let participants = ParticipantFigures {
        mentors: r.u()?,
        mentees: r.u()?,
        enrolled: read_opt_u(r)?,
        unmatched: read_opt_u(r)?,
        match_rate: read_opt_f(r)?,
    };
    let meetings = MeetingFigures {
        count: r.u()?,
        hours: r.f()?,
        pair_months: r.f()?,
        per_pair_month: read_opt_f(r)?,
        quiet_pairs: r.u()?,
        quiet_share: read_opt_f(r)?,
        too_early_pairs: r.u()?,
        eligible_pairs: r.u()?,
        pair_days: r.u()?,
    };
    let goals = GoalFigures {
        total: r.u()?,
        not_started: r.u()?,
        in_progress: r.u()?,
        completed: r.u()?,
        abandoned: r.u()?,
        completion_rate: read_opt_f(r)?,
        on_time_rate: read_opt_f(r)?,
        created_in_period: r.u()?,
        completed_in_period: r.u()?,
    };
    let mentor = read_feedback(r)?;
    let mentee = read_feedback(r)?;
    let all = read_feedback(r)?;
    Ok(Metrics {
        pairs,
        participants,
        meetings,
        goals,
        feedback: FeedbackFigures {
            all,
            by_role: ByRole { mentor, mentee },
        },
    })
}

fn read_feedback(r: &mut Reader<'_>) -> R<RoleFeedback> {
    let responses = r.u()?;
    let response_rate = read_opt_f(r)?;
    let flags = r.byte()?;
    if flags > 3 {
        return Err(LedgerError::Damaged);
    }
    let mean_rating = read_opt_f(r)?;
    let ratings = match r.byte()? {
        0 => None,
        1 => {
            let mut c = [0u64; 5];
            for n in &mut c {
                *n = r.u()?;
            }
            Some(c)
        }
        _ => return Err(LedgerError::Damaged),
    };
    let nps = match r.byte()? {
        0 => None,
        1 => Some(r.i()?),
        _ => return Err(LedgerError::Damaged),
    };
    Ok(RoleFeedback {
        responses,
        response_rate,
        asked: flags & 1 != 0,
        suppressed: flags & 2 != 0,
        mean_rating,
        ratings,
        nps,
        rating_rows: r.u()?,
        nps_rows: r.u()?,
        ratings_withheld: read_withheld(r)?,
        nps_withheld: read_withheld(r)?,
        published_as_of: read_date(r)?,
        ratings_kept: read_date(r)?,
        nps_kept: read_date(r)?,
    })
}
