//! The ledger of what was published (docs/privacy.md, "Publishing over time"): its model, and how a build adds a version.
//!
//! The ledger is private, like the data. It records:
//! - every *version*: the as-of date of each build that published something new;
//! - every feedback row that a published figure was computed from, as a
//!   keyed hash with its place (cohort, quarter, role, which figure kinds it
//!   holds) and the versions it was present in (added, removed);
//! - every feedback figure published, with the versions at which a fresh
//!   value of it was published and its last value;
//! - the frozen reports of closed quarters.
//!
//! It sits after `metrics` in the pipeline: [`publish`] takes the figures
//! of the current data and the ledger read, and records a new version.
//! Nothing here reads or writes files: `format.rs` turns a [`Ledger`] into
//! bytes and back, `build` reads the file and `cli` writes it.

mod closed;
mod format;
mod frozen;
mod publish;
mod versions;

use std::borrow::Cow;

use crate::date::Date;

pub use format::{LedgerError, decode, encode, seal};
pub use frozen::{FrozenCohort, FrozenQuarter};
pub use publish::{PublishError, Published, publish};

/// A row still present in the latest version has this `removed` value.
pub const PRESENT: u32 = u32::MAX;

/// Feedback figure kinds, as the privacy rules handle them.
pub const RATINGS: u8 = 0;
pub const NPS: u8 = 1;

/// Everything published so far (see the module docs).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ledger {
    /// `privacy.min_group_size` the ledger was written with.
    pub k: u32,
    /// The key of the row hashes, derived from the data of the first build.
    pub key: [u8; 32],
    /// The as-of date of each version, oldest first.
    pub versions: Vec<Date>,
    /// Hashes of the cohort ids, in order of first appearance; rows and
    /// figures name cohorts by their index here.
    pub cohorts: Vec<u64>,
    /// Sorted by (cohort, quarter, hash, flags).
    pub rows: Vec<RowRecord>,
    /// Sorted by [`FigureKey`].
    pub figures: Vec<FigureRecord>,
    /// Frozen quarterly reports, by quarter key.
    pub frozen: Vec<FrozenQuarter>,
}

/// One feedback row, by place and keyed hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowRecord {
    /// Index into [`Ledger::cohorts`].
    pub cohort: u32,
    /// The quarter key of its date.
    pub quarter: i32,
    pub hash: u64,
    /// Bit 0: mentee (else mentor); bit 1: has a rating; bit 2: has an nps.
    pub flags: u8,
    /// The first version it was present in.
    pub added: u32,
    /// The first version it was no longer present in, or [`PRESENT`].
    pub removed: u32,
}

impl RowRecord {
    pub fn role(&self) -> usize {
        usize::from(self.flags & 1)
    }

    /// Whether the row counts for figure kind `kind`.
    pub fn holds(&self, kind: u8) -> bool {
        self.flags & (2 << kind) != 0
    }

    /// Whether the row was present in version `v`.
    pub fn present_in(&self, v: u32) -> bool {
        self.added <= v && v < self.removed
    }

    /// Place and hash: what makes two records the same row.
    pub fn identity(&self) -> (u32, i32, u64, u8) {
        (self.cohort, self.quarter, self.hash, self.flags)
    }
}

/// Which figure: a cohort's (overall or quarter) or the program's quarter,
/// one role (0 mentor, 1 mentee, 2 all) and one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FigureKey {
    /// Index into [`Ledger::cohorts`], or `None` for the program.
    pub cohort: Option<u32>,
    /// The quarter key, or `None` for a cohort's overall period.
    pub quarter: Option<i32>,
    pub role: u8,
    pub kind: u8,
}

impl FigureKey {
    /// Whether a row counts towards this figure.
    pub fn counts(&self, row: &RowRecord) -> bool {
        self.cohort.is_none_or(|c| c == row.cohort)
            && self.quarter.is_none_or(|q| q == row.quarter)
            && (self.role == 2 || usize::from(self.role) == row.role())
            && row.holds(self.kind)
    }
}

/// A published feedback value: the rating counts (1–5), or the nps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    Ratings([u64; 5]),
    Nps(i64),
}

/// A figure's publications.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FigureRecord {
    pub key: FigureKey,
    /// The versions at which a fresh value was published, ascending.
    pub published: Vec<u32>,
    /// The value published at the last of them.
    pub value: Value,
}

impl FigureRecord {
    /// The version of the last value published.
    pub fn last(&self) -> u32 {
        self.published.last().copied().unwrap_or(0)
    }
}

/// A feedback row of the current data, as the ledger sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RowSeen {
    /// Index into the cohort hashes passed to [`Ledger::next`].
    pub cohort: u32,
    pub quarter: i32,
    pub hash: u64,
    pub flags: u8,
}

impl Ledger {
    /// An empty ledger for `k`, with the row-hash key derived from `seed`
    /// (the data of the first build: not guessable without it).
    pub fn new(k: u32, seed: &[u8]) -> Ledger {
        let key = blake3::derive_key("mentorbook ledger 2026-12 row key", seed);
        Ledger {
            k,
            key,
            ..Ledger::default()
        }
    }

    /// The keyed hash of a row's content.
    pub fn row_hash(&self, content: &[u8]) -> u64 {
        let h = blake3::keyed_hash(&self.key, content);
        let mut b = [0u8; 8];
        b.copy_from_slice(&h.as_bytes()[..8]);
        u64::from_le_bytes(b)
    }

    /// The keyed hash of a cohort id.
    pub fn cohort_hash(&self, id: &str) -> u64 {
        let mut content = b"cohort\0".to_vec();
        content.extend_from_slice(id.as_bytes());
        self.row_hash(&content)
    }

    /// The index of a cohort hash, added when new.
    pub fn cohort_index(&mut self, hash: u64) -> u32 {
        match self.cohorts.iter().position(|&h| h == hash) {
            Some(i) => i as u32,
            None => {
                self.cohorts.push(hash);
                (self.cohorts.len() - 1) as u32
            }
        }
    }

    /// The latest version, if any.
    pub fn latest(&self) -> Option<u32> {
        self.versions.len().checked_sub(1).map(|v| v as u32)
    }

    /// The as-of date of version `v`.
    pub fn date_of(&self, v: u32) -> Option<Date> {
        self.versions.get(v as usize).copied()
    }

    /// The record of a figure.
    pub fn figure(&self, key: &FigureKey) -> Option<&FigureRecord> {
        self.figures
            .binary_search_by(|f| f.key.cmp(key))
            .ok()
            .map(|i| &self.figures[i])
    }

    /// Rows that count towards `key` and were present in exactly one of
    /// versions `a` and `b` (a version past the latest means "now": rows
    /// not removed).
    ///
    /// Rows are kept sorted by place (cohort, then quarter: a loaded ledger
    /// is checked sorted, [`Ledger::record_rows`] sorts), so a cohort's
    /// figure reads only its cohort's rows, not every row of the program:
    /// once per figure, a scan of all rows grew with cohorts × rows.
    pub fn changed_between(&self, key: &FigureKey, a: u32, b: u32) -> u64 {
        let rows = match (key.cohort, key.quarter) {
            (None, _) => &self.rows[..],
            (Some(c), None) => self.place(|r| r.cohort.cmp(&c)),
            (Some(c), Some(q)) => self.place(|r| r.cohort.cmp(&c).then(r.quarter.cmp(&q))),
        };
        rows.iter()
            .filter(|r| key.counts(r) && r.present_in(a) != r.present_in(b))
            .count() as u64
    }

    /// The rows whose place `at` says is equal (in the rows' order).
    fn place(&self, at: impl Fn(&RowRecord) -> std::cmp::Ordering) -> &[RowRecord] {
        let start = self.rows.partition_point(|r| at(r).is_lt());
        let end = self.rows.partition_point(|r| at(r).is_le());
        &self.rows[start..end.max(start)]
    }

    /// The rows of the current data recorded as version `v` (the next one):
    /// rows not yet present are added, present rows no longer seen removed.
    /// Returns whether any row changed.
    pub fn record_rows(&mut self, v: u32, seen: &[RowSeen]) -> bool {
        // Both lists in place order (a no-op for a loaded ledger and for
        // `publish`, which sorts `seen`), then one merge: a map of every
        // seen row cost ~35 MB at 3,000 cohorts (BENCHMARKS.md, "Scale").
        self.rows.sort_unstable();
        let sorted: Cow<[RowSeen]> = if seen.is_sorted() {
            Cow::Borrowed(seen)
        } else {
            let mut copy = seen.to_vec();
            copy.sort_unstable();
            Cow::Owned(copy)
        };
        let identity = |r: &RowSeen| (r.cohort, r.quarter, r.hash, r.flags);
        // Each present row takes one seen row of its identity, in order; a
        // present row left without one was removed, a seen row left over is new.
        let mut new = Vec::new();
        let mut next = 0;
        let mut changed = false;
        for row in self.rows.iter_mut().filter(|r| r.removed == PRESENT) {
            let id = row.identity();
            while next < sorted.len() && identity(&sorted[next]) < id {
                new.push(sorted[next]);
                next += 1;
            }
            if next < sorted.len() && identity(&sorted[next]) == id {
                next += 1;
            } else {
                row.removed = v;
                changed = true;
            }
        }
        new.extend_from_slice(&sorted[next..]);
        changed |= !new.is_empty();
        self.rows.reserve_exact(new.len());
        self.rows.extend(new.into_iter().map(|r| RowRecord {
            cohort: r.cohort,
            quarter: r.quarter,
            hash: r.hash,
            flags: r.flags,
            added: v,
            removed: PRESENT,
        }));
        self.rows.sort_unstable();
        changed
    }

    /// Records a fresh publication of `key` at version `v`.
    pub fn record_figure(&mut self, key: FigureKey, v: u32, value: Value) {
        match self.figures.binary_search_by(|f| f.key.cmp(&key)) {
            Ok(i) => {
                let f = &mut self.figures[i];
                if f.published.last() != Some(&v) {
                    f.published.push(v);
                }
                f.value = value;
            }
            Err(i) => self.figures.insert(
                i,
                FigureRecord {
                    key,
                    published: vec![v],
                    value,
                },
            ),
        }
    }
}

#[cfg(test)]
mod tests;
