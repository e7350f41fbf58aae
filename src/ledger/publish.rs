//! A build against the ledger: what the current data and figures add to it as a new version.

use std::collections::BTreeMap;
use std::fmt;

use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::data::{Program, Role};
use crate::metrics::ProgramMetrics;
use crate::metrics::figures::{Metrics, RoleFeedback};
use crate::metrics::periods::QuarterScheme;

use super::{FigureKey, Ledger, NPS, RATINGS, RowSeen, Value};
use super::{closed, versions};
use crate::metrics::privacy::Withheld;

/// Why the ledger cannot be used with this program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublishError {
    /// Written with another `privacy.min_group_size`.
    OtherK { ledger: u32, config: u32 },
    /// None of its cohorts is in this program's cohorts table.
    OtherProgram { cohorts: usize },
    /// `--restate QUARTER` names no closed quarter.
    NotClosed {
        quarter: String,
        close_after_days: u32,
    },
}

impl fmt::Display for PublishError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PublishError::OtherK { ledger, config } => write!(
                f,
                "the ledger was written with `privacy.min_group_size = {ledger}`, and mentorbook.toml now says {config}: \
                 set it back, or build with --no-ledger to preview (see docs/privacy.md, \"Publishing over time\")"
            ),
            PublishError::OtherProgram { cohorts } => write!(
                f,
                "the ledger was written for another program folder: none of the {cohorts} cohorts it records is in this \
                 program's cohorts table (check `[publish] ledger` in mentorbook.toml)"
            ),
            PublishError::NotClosed {
                quarter,
                close_after_days,
            } => write!(
                f,
                "--restate {quarter}: not a closed quarter of this program (a quarter with a report \
                 closes {close_after_days} days after its end: `publish.close_after_days`)"
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
    restate: Option<&str>,
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
    // No copy of the ledger read: unless something changed, it is `next`
    // less the cohorts `cohort_index` added (nothing else changes then).
    let cohorts_read = old.cohorts.len();
    let mut next = old;
    let v = next.versions.len() as u32;
    let cohort_ix: Vec<u32> = cohort_hashes
        .iter()
        .map(|&h| next.cohort_index(h))
        .collect();
    let mut seen = rows_seen(program, config, metrics, &next, &cohort_ix);
    seen.sort_unstable();
    let mut changed = next.record_rows(v, &seen);
    drop(seen);
    let close_after_days = config.publish.close_after_days;
    let to_freeze =
        closed::publish_frozen_reports(program, metrics, &next, close_after_days, restate)
            .map_err(|quarter| PublishError::NotClosed {
                quarter,
                close_after_days,
            })?;
    // A frozen report published again repeats an older version's figures.
    let repeated: Vec<i32> = metrics
        .quarters
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            !to_freeze.contains(i) && next.frozen.binary_search_by_key(&r.key, |f| f.key).is_ok()
        })
        .map(|(_, r)| r.key)
        .collect();
    let as_of_of = |v: u32| next.date_of(v);
    let mut fresh: Vec<(FigureKey, Value)> = Vec::new();
    for kind in [RATINGS, NPS] {
        let mut current = Vec::new();
        visit(metrics, &cohort_ix, &repeated, kind, |key, f| {
            let rows = if kind == RATINGS {
                f.rating_rows
            } else {
                f.nps_rows
            };
            if rows == 0 {
                return;
            }
            let shown = value_of(f, kind).is_some();
            let prior = next.figure(&key);
            current.push(versions::Current {
                key,
                rows,
                shown,
                changed: prior.map_or(rows, |p| next.changed_between(&key, p.last(), v)),
                published: prior.is_some(),
            });
        });
        let decisions = versions::decide(&next, kind, v, u64::from(k), &current);
        let by_key: BTreeMap<FigureKey, versions::Decision> =
            current.iter().map(|c| c.key).zip(decisions).collect();
        visit(
            metrics,
            &cohort_ix,
            &repeated,
            kind,
            |key, f| match by_key.get(&key) {
                Some(versions::Decision::Fresh) => {
                    if let Some(value) = value_of(f, kind) {
                        fresh.push((key, value));
                    }
                }
                Some(versions::Decision::Kept) => {
                    if let Some(p) = next.figure(&key) {
                        keep(f, kind, p.value, as_of_of(p.last()));
                    }
                }
                Some(versions::Decision::Withheld) => {
                    let (r, n) = (f.ratings_withheld, f.nps_withheld);
                    if kind == RATINGS {
                        f.withhold(Withheld::Closure, n);
                    } else {
                        f.withhold(r, Withheld::Closure);
                    }
                }
                _ => {}
            },
        );
    }
    for (key, value) in fresh {
        next.record_figure(key, v, value);
        changed = true;
    }
    sync_reports(metrics, &repeated);
    closed::freeze_reports(metrics, &mut next, v, &to_freeze, restate);
    changed |= !to_freeze.is_empty();
    if changed {
        next.versions.push(metrics.as_of);
        Ok(Published {
            ledger: next,
            changed: true,
        })
    } else {
        next.cohorts.truncate(cohorts_read);
        Ok(Published {
            ledger: next,
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
    // The rank of a row among those of the same content, keyed by what
    // the content is made of (the cohort's index stands for its id, which
    // is unique): a map of small fixed keys rather than of the content's
    // bytes, which cost ~18 MB at 1,000 cohorts (BENCHMARKS.md, "Scale").
    let mut rank: FxHashMap<(u32, i32, [u8; 3]), u32> = FxHashMap::default();
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
        let n = rank
            .entry((
                row.cohort,
                row.submitted_on.0,
                [flags, rating.unwrap_or(0), row.nps.unwrap_or(0)],
            ))
            .or_default();
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

/// Calls `f` on every feedback figure of one kind the site publishes from
/// the current data (a frozen report's program figures, in `repeated`, are
/// an older version's).
fn visit(
    metrics: &mut ProgramMetrics,
    cohort_ix: &[u32],
    repeated: &[i32],
    kind: u8,
    mut f: impl FnMut(FigureKey, &mut RoleFeedback),
) {
    let mut group = |cohort: Option<u32>, quarter: Option<i32>, m: &mut Metrics| {
        for (role, fb) in m.feedback.roles_mut().into_iter().enumerate() {
            let key = FigureKey {
                cohort,
                quarter,
                role: role as u8,
                kind,
            };
            f(key, fb);
        }
    };
    for (c, cohort) in metrics.cohorts.iter_mut().enumerate() {
        let Some(&ix) = cohort_ix.get(c) else {
            continue;
        };
        if let Some(m) = cohort.overall.as_mut() {
            group(Some(ix), None, m);
        }
        for q in &mut cohort.quarters {
            group(Some(ix), Some(q.key), &mut q.metrics);
        }
    }
    for q in &mut metrics.quarters {
        if !repeated.contains(&q.key) {
            group(None, Some(q.key), &mut q.totals);
        }
    }
}

/// The reports' copies of each cohort's quarter figures, as the rule left
/// the cohorts' own (frozen reports keep theirs).
fn sync_reports(metrics: &mut ProgramMetrics, repeated: &[i32]) {
    let ProgramMetrics {
        cohorts, quarters, ..
    } = metrics;
    for r in quarters.iter_mut().filter(|r| !repeated.contains(&r.key)) {
        for rc in &mut r.cohorts {
            let own = cohorts
                .get(rc.cohort as usize)
                .and_then(|c| c.quarters.iter().find(|q| q.key == r.key));
            if let Some(q) = own {
                rc.metrics = q.metrics.clone();
            }
        }
    }
}

/// Shows a figure's last published value instead of the current one.
fn keep(f: &mut RoleFeedback, kind: u8, value: Value, on: Option<crate::date::Date>) {
    match value {
        Value::Ratings(counts) if kind == RATINGS => {
            let n: u64 = counts.iter().sum();
            let sum: u64 = counts.iter().zip(1u64..).map(|(c, v)| c * v).sum();
            f.ratings = Some(counts);
            f.mean_rating = (n > 0).then(|| sum as f64 / n as f64);
            f.ratings_kept = on;
        }
        Value::Nps(nps) if kind == NPS => {
            f.nps = Some(nps);
            f.nps_kept = on;
        }
        _ => return,
    }
    f.published_as_of = match (f.ratings_kept, f.nps_kept) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
}
