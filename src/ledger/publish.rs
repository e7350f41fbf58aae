//! A build against the ledger: what the current data and figures add to it as a new version.

use std::collections::BTreeMap;
use std::fmt;

use crate::config::Config;
use crate::data::{Program, Role};
use crate::metrics::ProgramMetrics;
use crate::metrics::figures::{Metrics, RoleFeedback};
use crate::metrics::periods::QuarterScheme;

use super::{FigureKey, Ledger, NPS, RATINGS, RowSeen, Value};

/// Why the ledger cannot be used with this program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublishError {
    /// Written with another `privacy.min_group_size`.
    OtherK { ledger: u32, config: u32 },
    /// None of its cohorts is in this program's cohorts table.
    OtherProgram { cohorts: usize },
}

impl fmt::Display for PublishError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PublishError::OtherK { ledger, config } => write!(
                f,
                "was written with `privacy.min_group_size = {ledger}`, and mentorbook.toml now says {config}: \
                 set it back, or build with --no-ledger to preview (see docs/privacy.md, \"Publishing over time\")"
            ),
            PublishError::OtherProgram { cohorts } => write!(
                f,
                "was written for another program folder: none of the {cohorts} cohorts it records is in this \
                 program's cohorts table (check `[publish] ledger` in mentorbook.toml)"
            ),
        }
    }
}

impl std::error::Error for PublishError {}

/// The ledger after this build.
pub struct Published {
    pub ledger: Ledger,
    /// Whether it differs from the one read (a new file counts as changed).
    pub changed: bool,
}

/// Checks that `old` belongs to this program, then records the current
/// data's feedback rows and the figures published from them as a new
/// version (only when something changed: the same data twice gives the same
/// ledger).
pub fn publish(
    program: &Program,
    config: &Config,
    metrics: &mut ProgramMetrics,
    old: Option<Ledger>,
) -> Result<Published, PublishError> {
    let k = config.privacy.min_group_size;
    let is_new = old.is_none();
    let old = match old {
        Some(old) => old,
        None => Ledger::new(k, &seed(program, config)),
    };
    if old.k != k {
        return Err(PublishError::OtherK {
            ledger: old.k,
            config: k,
        });
    }
    let cohort_hashes: Vec<u64> = program
        .cohorts
        .iter()
        .map(|c| old.cohort_hash(&c.id))
        .collect();
    if !old.cohorts.is_empty() && !old.cohorts.iter().any(|h| cohort_hashes.contains(h)) {
        return Err(PublishError::OtherProgram {
            cohorts: old.cohorts.len(),
        });
    }
    let mut next = old.clone();
    let v = next.versions.len() as u32;
    let cohort_ix: Vec<u32> = cohort_hashes
        .iter()
        .map(|&h| next.cohort_index(h))
        .collect();
    let seen = rows_seen(program, config, metrics, &next, &cohort_ix);
    let mut changed = next.record_rows(v, &seen);
    for (key, value) in shown_figures(metrics, &cohort_ix) {
        let fresh = match next.figure(&key) {
            None => true,
            Some(f) => f.value != value || next.changed_between(&key, f.last(), v) > 0,
        };
        if fresh {
            next.record_figure(key, v, value);
            changed = true;
        }
    }
    if changed {
        next.versions.push(metrics.as_of);
        Ok(Published {
            ledger: next,
            changed: true,
        })
    } else {
        Ok(Published {
            ledger: old,
            changed: is_new,
        })
    }
}

/// What the row-hash key of a new ledger is derived from: the program's
/// title, cohorts and feedback rows (not guessable without the data).
fn seed(program: &Program, config: &Config) -> Vec<u8> {
    let mut seed = config.title.as_bytes().to_vec();
    for c in &program.cohorts {
        seed.extend_from_slice(c.id.as_bytes());
        seed.push(0);
    }
    for f in program.feedback.as_deref().unwrap_or(&[]) {
        seed.extend_from_slice(&f.submitted_on.0.to_le_bytes());
        seed.extend_from_slice(&[
            f.rating.unwrap_or(255),
            f.nps.unwrap_or(255),
            u8::from(f.role == Role::Mentee),
        ]);
        seed.extend_from_slice(&f.cohort.to_le_bytes());
    }
    seed
}

/// Every feedback row counted in some cohort's span, by place and keyed
/// hash. Two rows with the same content are told apart by their rank among
/// them, so that removing one of them removes one row.
fn rows_seen(
    program: &Program,
    config: &Config,
    metrics: &ProgramMetrics,
    ledger: &Ledger,
    cohort_ix: &[u32],
) -> Vec<RowSeen> {
    let Some(scheme) = QuarterScheme::new(config.metrics.fiscal_year_start_month) else {
        return Vec::new();
    };
    let mut rank: BTreeMap<Vec<u8>, u32> = BTreeMap::new();
    let mut seen = Vec::new();
    for row in program.feedback.as_deref().unwrap_or(&[]) {
        let c = row.cohort as usize;
        let (Some(cohort), Some(&ix)) = (metrics.cohorts.get(c), cohort_ix.get(c)) else {
            continue;
        };
        if !cohort.span.is_some_and(|s| s.contains(row.submitted_on)) {
            continue;
        }
        let rating = row.rating.filter(|r| (1..=5).contains(r));
        let mentee = row.role == Role::Mentee;
        let flags =
            u8::from(mentee) | u8::from(rating.is_some()) << 1 | u8::from(row.nps.is_some()) << 2;
        let mut content = b"row\0".to_vec();
        content.extend_from_slice(program.cohorts[c].id.as_bytes());
        content.push(0);
        content.extend_from_slice(&row.submitted_on.0.to_le_bytes());
        content.extend_from_slice(&[flags, rating.unwrap_or(0), row.nps.unwrap_or(0)]);
        let n = rank.entry(content.clone()).or_default();
        content.extend_from_slice(&n.to_le_bytes());
        *n += 1;
        seen.push(RowSeen {
            cohort: ix,
            quarter: scheme.key_of(row.submitted_on),
            hash: ledger.row_hash(&content),
            flags,
        });
    }
    seen
}

/// The published value of one figure kind of a role, when shown and with rows.
fn value_of(f: &RoleFeedback, kind: u8) -> Option<Value> {
    if kind == RATINGS {
        (f.rating_rows > 0 && !f.ratings_withheld.is_withheld())
            .then_some(f.ratings)
            .flatten()
            .map(Value::Ratings)
    } else {
        (f.nps_rows > 0 && !f.nps_withheld.is_withheld())
            .then_some(f.nps)
            .flatten()
            .map(Value::Nps)
    }
}

/// Every feedback figure the site shows, with its value.
pub(super) fn shown_figures(
    metrics: &ProgramMetrics,
    cohort_ix: &[u32],
) -> Vec<(FigureKey, Value)> {
    let mut out = Vec::new();
    let mut add = |cohort: Option<u32>, quarter: Option<i32>, m: &Metrics| {
        for (role, f) in m.feedback.roles().into_iter().enumerate() {
            for kind in [RATINGS, NPS] {
                if let Some(value) = value_of(f, kind) {
                    let key = FigureKey {
                        cohort,
                        quarter,
                        role: role as u8,
                        kind,
                    };
                    out.push((key, value));
                }
            }
        }
    };
    for (c, cohort) in metrics.cohorts.iter().enumerate() {
        let Some(&ix) = cohort_ix.get(c) else {
            continue;
        };
        if let Some(m) = &cohort.overall {
            add(Some(ix), None, m);
        }
        for q in &cohort.quarters {
            add(Some(ix), Some(q.key), &q.metrics);
        }
    }
    for q in &metrics.quarters {
        add(None, Some(q.key), &q.totals);
    }
    out
}
