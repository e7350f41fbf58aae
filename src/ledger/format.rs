//! The ledger file's bytes (docs/privacy.md, "The ledger file"): a compact binary format, written the same way every time.
//!
//! ```text
//! magic "MBLEDGER", format version (1 byte)
//! k, version count, then each version's as-of date (varints; dates as
//!   zigzag differences from the previous one)
//! key (32 bytes)
//! cohorts: count, then 8 bytes each
//! row groups: count; per group cohort, quarter (zigzag), row count; per row
//!   hash (8 bytes), flags (1 byte), added, removed + 1 (0 = present)
//! figures: count; per figure a tag byte (role, kind, cohort?, quarter?),
//!   cohort, quarter, publications (count, then differences), value
//! frozen quarters: count, then each (frozen.rs)
//! checksum: the first 8 bytes of the BLAKE3 hash of everything before
//! ```
//! Every number is an unsigned LEB128 varint unless said otherwise.

use std::fmt;

use crate::date::Date;

use super::frozen::FrozenQuarter;
use super::{FigureKey, FigureRecord, Ledger, PRESENT, RowRecord, Value};

const MAGIC: &[u8; 8] = b"MBLEDGER";
/// Format 2: frozen reports keep each figure kind's kept date. Format 1
/// was written only by development builds before that.
const FORMAT: u8 = 2;
pub(super) const CHECKSUM: usize = 8;

/// Why a ledger file cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LedgerError {
    /// Not a mentorbook ledger at all.
    NotALedger,
    /// A ledger of a newer format.
    NewerFormat(u8),
    /// Cut short, or changed since mentorbook wrote it.
    Damaged,
    /// Written by a development build of mentorbook, in a format no release reads.
    OlderFormat(u8),
}

impl fmt::Display for LedgerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LedgerError::NotALedger => write!(f, "is not a mentorbook ledger"),
            LedgerError::NewerFormat(v) => write!(
                f,
                "was written by a newer mentorbook (ledger format {v}, this one reads {FORMAT}): update mentorbook"
            ),
            LedgerError::OlderFormat(v) => write!(
                f,
                "was written by a development build of mentorbook (ledger format {v}): delete it, and the next build starts a new one"
            ),
            LedgerError::Damaged => write!(
                f,
                "is damaged (cut short or edited since mentorbook wrote it)"
            ),
        }
    }
}

/// Appends numbers in the ledger's encoding.
#[derive(Default)]
pub(super) struct Writer(pub(super) Vec<u8>);

impl Writer {
    pub(super) fn u(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }

    pub(super) fn i(&mut self, v: i64) {
        self.u(((v << 1) ^ (v >> 63)) as u64);
    }

    pub(super) fn byte(&mut self, b: u8) {
        self.0.push(b);
    }

    pub(super) fn fixed(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    pub(super) fn f(&mut self, v: f64) {
        self.fixed(v.to_bits());
    }

    pub(super) fn text(&mut self, s: &str) {
        self.u(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
}

/// Reads numbers in the ledger's encoding; every read fails on missing bytes.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

type R<T> = Result<T, LedgerError>;

impl<'a> Reader<'a> {
    pub(super) fn u(&mut self) -> R<u64> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let part = u64::from(b & 0x7f);
            if shift == 63 && part > 1 {
                return Err(LedgerError::Damaged);
            }
            v |= part << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(LedgerError::Damaged)
    }

    pub(super) fn u32(&mut self) -> R<u32> {
        u32::try_from(self.u()?).map_err(|_| LedgerError::Damaged)
    }

    pub(super) fn i(&mut self) -> R<i64> {
        let v = self.u()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    pub(super) fn i32(&mut self) -> R<i32> {
        i32::try_from(self.i()?).map_err(|_| LedgerError::Damaged)
    }

    /// A count of items each at least `min_bytes` long: refused when the
    /// rest of the file could not hold them.
    pub(super) fn count(&mut self, min_bytes: usize) -> R<usize> {
        let n = usize::try_from(self.u()?).map_err(|_| LedgerError::Damaged)?;
        if n.saturating_mul(min_bytes.max(1)) > self.bytes.len() - self.pos {
            return Err(LedgerError::Damaged);
        }
        Ok(n)
    }

    pub(super) fn byte(&mut self) -> R<u8> {
        let b = *self.bytes.get(self.pos).ok_or(LedgerError::Damaged)?;
        self.pos += 1;
        Ok(b)
    }

    pub(super) fn take(&mut self, n: usize) -> R<&'a [u8]> {
        let end = self.pos.checked_add(n).ok_or(LedgerError::Damaged)?;
        let s = self.bytes.get(self.pos..end).ok_or(LedgerError::Damaged)?;
        self.pos = end;
        Ok(s)
    }

    pub(super) fn fixed(&mut self) -> R<u64> {
        let mut b = [0u8; 8];
        b.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(b))
    }

    pub(super) fn f(&mut self) -> R<f64> {
        Ok(f64::from_bits(self.fixed()?))
    }

    pub(super) fn text(&mut self) -> R<String> {
        let n = self.count(1)?;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| LedgerError::Damaged)
    }
}

/// The ledger's bytes: the same ledger always gives the same bytes.
pub fn encode(ledger: &Ledger) -> Vec<u8> {
    let mut w = Writer::default();
    w.0.extend_from_slice(MAGIC);
    w.byte(FORMAT);
    w.u(u64::from(ledger.k));
    w.u(ledger.versions.len() as u64);
    let mut prev = 0i64;
    for d in &ledger.versions {
        w.i(i64::from(d.0) - prev);
        prev = i64::from(d.0);
    }
    w.0.extend_from_slice(&ledger.key);
    w.u(ledger.cohorts.len() as u64);
    for &c in &ledger.cohorts {
        w.fixed(c);
    }
    let mut rows = ledger.rows.clone();
    rows.sort_unstable();
    let groups = rows.chunk_by(|a, b| (a.cohort, a.quarter) == (b.cohort, b.quarter));
    w.u(groups.clone().count() as u64);
    for group in groups {
        w.u(u64::from(group[0].cohort));
        w.i(i64::from(group[0].quarter));
        w.u(group.len() as u64);
        for r in group {
            w.fixed(r.hash);
            w.byte(r.flags);
            w.u(u64::from(r.added));
            w.u(if r.removed == PRESENT {
                0
            } else {
                u64::from(r.removed) + 1
            });
        }
    }
    let mut figures = ledger.figures.clone();
    figures.sort_by_key(|f| f.key);
    w.u(figures.len() as u64);
    for f in &figures {
        let k = f.key;
        w.byte(
            k.role
                | (k.kind << 2)
                | (u8::from(k.cohort.is_some()) << 3)
                | (u8::from(k.quarter.is_some()) << 4),
        );
        if let Some(c) = k.cohort {
            w.u(u64::from(c));
        }
        if let Some(q) = k.quarter {
            w.i(i64::from(q));
        }
        w.u(f.published.len() as u64);
        let mut prev = 0u32;
        for &v in &f.published {
            w.u(u64::from(v.saturating_sub(prev)));
            prev = v;
        }
        match f.value {
            Value::Ratings(r) => r.iter().for_each(|&n| w.u(n)),
            Value::Nps(n) => w.i(n),
        }
    }
    w.u(ledger.frozen.len() as u64);
    for q in &ledger.frozen {
        q.encode(&mut w);
    }
    let sum = blake3::hash(&w.0);
    w.0.extend_from_slice(&sum.as_bytes()[..CHECKSUM]);
    w.0
}

/// `body` with the checksum a ledger file ends with appended: for tests and
/// the fuzz target, which reach the body's reader through it.
pub fn seal(body: &[u8]) -> Vec<u8> {
    let mut bytes = body.to_vec();
    bytes.extend_from_slice(&blake3::hash(body).as_bytes()[..CHECKSUM]);
    bytes
}

/// Reads a ledger file's bytes.
pub fn decode(bytes: &[u8]) -> Result<Ledger, LedgerError> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(LedgerError::NotALedger);
    }
    let Some(format) = bytes.get(MAGIC.len()).copied() else {
        return Err(LedgerError::Damaged);
    };
    if format > FORMAT {
        return Err(LedgerError::NewerFormat(format));
    }
    if format < FORMAT {
        return Err(LedgerError::OlderFormat(format));
    }
    if bytes.len() < MAGIC.len() + 1 + CHECKSUM {
        return Err(LedgerError::Damaged);
    }
    let (body, sum) = bytes.split_at(bytes.len() - CHECKSUM);
    if &blake3::hash(body).as_bytes()[..CHECKSUM] != sum {
        return Err(LedgerError::Damaged);
    }
    let mut r = Reader {
        bytes: body,
        pos: MAGIC.len() + 1,
    };
    let mut ledger = Ledger {
        k: r.u32()?,
        ..Ledger::default()
    };
    let n = r.count(1)?;
    let mut prev = 0i64;
    for _ in 0..n {
        prev = prev.checked_add(r.i()?).ok_or(LedgerError::Damaged)?;
        ledger
            .versions
            .push(Date(i32::try_from(prev).map_err(|_| LedgerError::Damaged)?));
    }
    ledger.key.copy_from_slice(r.take(32)?);
    let n = r.count(8)?;
    for _ in 0..n {
        ledger.cohorts.push(r.fixed()?);
    }
    let versions = ledger.versions.len() as u32;
    let cohorts = ledger.cohorts.len() as u32;
    let n = r.count(3)?;
    for _ in 0..n {
        let cohort = r.u32()?;
        let quarter = r.i32()?;
        if cohort >= cohorts {
            return Err(LedgerError::Damaged);
        }
        let rows = r.count(11)?;
        for _ in 0..rows {
            let hash = r.fixed()?;
            let flags = r.byte()?;
            let added = r.u32()?;
            let removed = match r.u32()? {
                0 => PRESENT,
                v => v - 1,
            };
            if flags > 7 || added >= versions || (removed != PRESENT && removed <= added) {
                return Err(LedgerError::Damaged);
            }
            ledger.rows.push(RowRecord {
                cohort,
                quarter,
                hash,
                flags,
                added,
                removed,
            });
        }
    }
    if !ledger.rows.is_sorted() {
        return Err(LedgerError::Damaged);
    }
    let n = r.count(4)?;
    for _ in 0..n {
        let tag = r.byte()?;
        let (role, kind) = (tag & 3, (tag >> 2) & 1);
        if role > 2 || tag >> 5 != 0 {
            return Err(LedgerError::Damaged);
        }
        let cohort = if tag & 8 != 0 {
            let c = r.u32()?;
            if c >= cohorts {
                return Err(LedgerError::Damaged);
            }
            Some(c)
        } else {
            None
        };
        let quarter = if tag & 16 != 0 { Some(r.i32()?) } else { None };
        if cohort.is_none() && quarter.is_none() {
            return Err(LedgerError::Damaged);
        }
        let count = r.count(1)?;
        let mut published = Vec::with_capacity(count);
        let mut v = 0u32;
        for i in 0..count {
            let step = r.u32()?;
            if i > 0 && step == 0 {
                return Err(LedgerError::Damaged);
            }
            v = v.checked_add(step).ok_or(LedgerError::Damaged)?;
            if v >= versions {
                return Err(LedgerError::Damaged);
            }
            published.push(v);
        }
        if published.is_empty() {
            return Err(LedgerError::Damaged);
        }
        let value = if kind == 0 {
            let mut counts = [0u64; 5];
            for c in &mut counts {
                *c = r.u()?;
            }
            Value::Ratings(counts)
        } else {
            Value::Nps(r.i()?)
        };
        ledger.figures.push(FigureRecord {
            key: FigureKey {
                cohort,
                quarter,
                role,
                kind,
            },
            published,
            value,
        });
    }
    if !ledger.figures.is_sorted_by(|a, b| a.key < b.key) {
        return Err(LedgerError::Damaged);
    }
    let n = r.count(4)?;
    for _ in 0..n {
        ledger.frozen.push(FrozenQuarter::decode(&mut r, versions)?);
    }
    if !ledger.frozen.is_sorted_by(|a, b| a.key < b.key) || r.pos != body.len() {
        return Err(LedgerError::Damaged);
    }
    Ok(ledger)
}
