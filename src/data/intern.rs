//! Id interning: each distinct id string gets a dense index, stored once in one arena.

use std::hash::BuildHasher;

use foldhash::fast::FixedState;
use hashbrown::HashTable;

/// A fixed seed: the table is never iterated, but fixed hashing keeps runs
/// identical to the instruction, which makes profiles repeatable.
const HASHER: FixedState = FixedState::with_seed(0x6d65_6e74_6f72);

/// Seeds of the hash of ids up to 16 bytes (the hexadecimal digits of pi's
/// fraction, as in foldhash's own constants); fixed for the same reason.
const SEED0: u64 = 0x243f_6a88_85a3_08d3;
const SEED1: u64 = 0x1319_8a2e_0370_7344;
const SEED2: u64 = 0xa409_3822_299f_31d0;

/// Ids up to this many bytes are one word and live whole in the table.
const INLINE: usize = 8;
/// Ids up to this many bytes are two words, hashed without `foldhash`,
/// which costs several times more for such short input.
const TWO_WORDS: usize = 16;

/// The full 128-bit product of `x` and `y`, folded to 64 bits: one
/// multiplication that mixes every input bit into the middle of the result.
#[inline]
fn folded_multiply(x: u64, y: u64) -> u64 {
    let full = u128::from(x) * u128::from(y);
    (full as u64) ^ ((full >> 64) as u64)
}

/// The bytes of an id of at most [`INLINE`] bytes as one zero-padded
/// little-endian word. With the length it identifies the id exactly (the
/// length tells `"a"` from `"a\0"`).
///
/// Two overlapping 4-byte loads rather than a copy into a buffer, which
/// compiles to a `memcpy` call for a variable length.
#[inline]
fn short_word(b: &[u8]) -> u64 {
    debug_assert!(b.len() <= INLINE);
    match *b {
        [] => 0,
        [x] => u64::from(x),
        [x, y] => u64::from(u16::from_le_bytes([x, y])),
        [x, y, z] => u64::from(u16::from_le_bytes([x, y])) | u64::from(z) << 16,
        _ => match (b.first_chunk::<4>(), b.last_chunk::<4>()) {
            (Some(first), Some(last)) => {
                // The last four bytes overlap the first four for lengths
                // under 8; the overlapping bytes are equal, so `|` keeps them.
                u64::from(u32::from_le_bytes(*first))
                    | u64::from(u32::from_le_bytes(*last)) << (8 * (b.len() - 4))
            }
            _ => 0,
        },
    }
}

/// The hash of an id of at most [`INLINE`] bytes from its word, with the
/// length in the multiplier so ids that differ only in trailing NUL bytes
/// still hash apart. One multiply alone left the low bits visibly uneven
/// for sequential ids like `m000001` (chi-squared 4x too high over 1024
/// buckets); a second, as in foldhash, makes them look random.
#[inline]
fn hash_short(word: u64, len: u32) -> u64 {
    folded_multiply(folded_multiply(word ^ SEED0, SEED1 ^ u64::from(len)), SEED2)
}

/// The first and last 8 bytes of a text of at least 8 bytes, as
/// little-endian words. They overlap below 16 bytes, so up to 16 bytes they
/// and the length identify the text exactly.
#[inline]
pub(super) fn end_words(b: &[u8]) -> Option<(u64, u64)> {
    let first = u64::from_le_bytes(*b.first_chunk::<8>()?);
    let last = u64::from_le_bytes(*b.last_chunk::<8>()?);
    Some((first, last))
}

/// The [`end_words`] of an id of 9 to [`TWO_WORDS`] bytes.
#[inline]
fn two_words(b: &[u8]) -> (u64, u64) {
    debug_assert!(b.len() > INLINE && b.len() <= TWO_WORDS);
    end_words(b).unwrap_or((0, 0))
}

/// The hash of an id of 9 to [`TWO_WORDS`] bytes. Both words vary, so a
/// second multiply by a constant spreads the first's result over all bits
/// (as foldhash does) rather than trusting one product of two data words.
#[inline]
fn hash_two_words(lo: u64, hi: u64, len: usize) -> u64 {
    folded_multiply(folded_multiply(lo ^ SEED0, hi ^ SEED1) ^ len as u64, SEED2)
}

/// The hash of an id longer than [`INLINE`] bytes.
#[inline]
fn hash_long(b: &[u8]) -> u64 {
    if b.len() <= TWO_WORDS {
        let (lo, hi) = two_words(b);
        hash_two_words(lo, hi, b.len())
    } else {
        hash_any(b)
    }
}

/// Ids over 16 bytes are rare enough for the general hasher.
#[cold]
fn hash_any(b: &[u8]) -> u64 {
    HASHER.hash_one(b)
}

/// A length as `u32`, saturated: an entry's length only ever filters
/// candidates before the text itself is compared, so saturating is safe.
#[inline]
fn len32(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// Maps id strings to dense `u32` indices in first-seen order.
///
/// Ids live in one byte arena rather than one allocation each, so a million
/// meeting ids cost a few megabytes and no per-row allocation. The table
/// holds 16-byte entries; an id of up to 8 bytes (`m000063`, `p000077`,
/// `c0001`) is stored in its entry whole, so looking it up is one hash, one
/// probe and two compares, and never reads the arena.
///
/// Ids that are a prefix and a number, as database keys usually are
/// (`m000063`, `P-1042`, `10234`), skip the table: they are indexed by their
/// number in a plain vector (see [`Numbered`]), which in a large program is
/// a fraction of the table's size and needs no hashing.
#[derive(Clone, Default, Debug)]
pub struct Interner {
    arena: String,
    /// End offset of each id in `arena`; id `i` spans `ends[i-1]..ends[i]`.
    ends: Vec<usize>,
    table: HashTable<Entry>,
    numbered: Numbered,
}

/// The longest prefix and number of a numbered id.
const MAX_PREFIX: usize = INLINE;
const MAX_DIGITS: usize = 9;
/// The largest number indexed directly, as a bound on the vector (16 MB).
const MAX_NUMBER: u32 = 1 << 22;

/// How the digits of numbered ids are written: zero-padded to one width
/// (`m000063`), or without leading zeros (`P-1042`). Either way a number
/// has exactly one spelling, so the number identifies the id.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Digits {
    Padded(usize),
    Unpadded,
}

/// The shape of numbered ids: a prefix (as a [`short_word`] and length) and
/// how digits are written. The first id that has a shape fixes it; ids of
/// another shape go to the table.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Shape {
    prefix: u64,
    prefix_len: usize,
    digits: Digits,
}

/// The direct index of numbered ids: `slots[number]` is the id's index + 1,
/// or 0 when no id has that number. An id is routed here when it has the
/// fixed shape and its number is under [`MAX_NUMBER`], and nowhere else, so
/// an empty slot means the id was never interned.
#[derive(Clone, Default, Debug)]
struct Numbered {
    shape: Option<Shape>,
    slots: Vec<u32>,
}

/// An id split into a prefix of non-digits and 1 to [`MAX_DIGITS`] digits
/// that run to its end: its shape and number.
#[inline]
fn split_numbered(b: &[u8]) -> Option<(Shape, u32)> {
    let prefix_len = b.iter().position(u8::is_ascii_digit)?;
    let digits = &b[prefix_len..];
    if prefix_len > MAX_PREFIX || digits.len() > MAX_DIGITS {
        return None;
    }
    let mut number = 0u32;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        number = number * 10 + u32::from(d - b'0');
    }
    let digits = if digits.len() > 1 && digits[0] == b'0' {
        Digits::Padded(digits.len())
    } else {
        Digits::Unpadded
    };
    let shape = Shape {
        prefix: short_word(&b[..prefix_len]),
        prefix_len,
        digits,
    };
    Some((shape, number))
}

impl Numbered {
    /// The slot of `id` when it is routed here: it has the fixed shape (a
    /// padded id whose number fills its width, like `m100000`, reads as
    /// unpadded, and fits the padded shape too).
    #[inline]
    fn slot(&self, id: &[u8]) -> Option<usize> {
        let fixed = self.shape?;
        let (shape, number) = split_numbered(id)?;
        let digit_count = id.len() - shape.prefix_len;
        let same_digits = match (fixed.digits, shape.digits) {
            (Digits::Padded(w), _) => w == digit_count,
            (Digits::Unpadded, d) => d == Digits::Unpadded,
        };
        (same_digits
            && shape.prefix == fixed.prefix
            && shape.prefix_len == fixed.prefix_len
            && number < MAX_NUMBER)
            .then_some(number as usize)
    }

    /// Fixes the shape from the first id that has one.
    fn adopt_shape(&mut self, id: &[u8]) {
        if self.shape.is_none() {
            self.shape = split_numbered(id).map(|(shape, _)| shape);
        }
    }

    #[inline]
    fn get(&self, slot: usize) -> Option<u32> {
        self.slots.get(slot).and_then(|&s| s.checked_sub(1))
    }

    fn set(&mut self, slot: usize, index: u32) {
        if self.slots.len() <= slot {
            // Doubling, so that ids in rising order cost amortised O(1).
            let len = (slot + 1)
                .max(self.slots.len() * 2)
                .min(MAX_NUMBER as usize);
            self.slots.resize(len.max(slot + 1), 0);
        }
        self.slots[slot] = index + 1;
    }
}

/// A table entry, 16 bytes so that four share a cache line (the pair ids
/// of a large program then take 2 MB rather than 3 MB).
#[derive(Clone, Copy, Debug)]
struct Entry {
    /// For an id of up to [`INLINE`] bytes, its [`short_word`], which with
    /// `len` is the id itself; for a longer id, its hash (kept so that
    /// growing the table and rejecting near misses never touch the arena).
    word: u64,
    len: u32,
    index: u32,
}

impl Entry {
    /// The hash the entry was inserted with, for growing the table.
    fn hash(&self) -> u64 {
        if self.len as usize <= INLINE {
            hash_short(self.word, self.len)
        } else {
            self.word
        }
    }
}

/// What the table needs to look an id up: its hash, and the `word` and
/// `len` its entry would have.
struct Probe {
    hash: u64,
    word: u64,
    len: u32,
}

impl Probe {
    #[inline]
    fn of(id: &str) -> Probe {
        let b = id.as_bytes();
        if b.len() <= INLINE {
            let word = short_word(b);
            let len = b.len() as u32;
            Probe {
                hash: hash_short(word, len),
                word,
                len,
            }
        } else {
            let hash = hash_long(b);
            Probe {
                hash,
                word: hash,
                len: len32(b.len()),
            }
        }
    }
}

impl Interner {
    /// An interner sized for about `n` ids.
    pub fn with_capacity(n: usize) -> Self {
        Interner {
            arena: String::with_capacity(n * 8),
            ends: Vec::with_capacity(n),
            table: HashTable::with_capacity(n),
            numbered: Numbered::default(),
        }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The id string of an index.
    pub fn get(&self, index: u32) -> &str {
        id_at(&self.arena, &self.ends, index)
    }

    /// The index of an id, if it was interned.
    pub fn find(&self, id: &str) -> Option<u32> {
        if let Some(slot) = self.numbered.slot(id.as_bytes()) {
            return self.numbered.get(slot);
        }
        self.lookup(&Probe::of(id), id)
    }

    /// Interns `id`: `Ok(index)` when new, `Err(index)` when already there.
    ///
    /// A lookup and then, for a new id, `insert_unique`, rather than
    /// hashbrown's `entry`, which reserves room and finds a free slot up
    /// front: most interned ids (the people named in pairs) are already
    /// there, and then cost one lookup (about 30% fewer instructions per
    /// `insert` on a generated program).
    pub fn insert(&mut self, id: &str) -> Result<u32, u32> {
        self.numbered.adopt_shape(id.as_bytes());
        if let Some(slot) = self.numbered.slot(id.as_bytes()) {
            if let Some(index) = self.numbered.get(slot) {
                return Err(index);
            }
            let index = self.push(id);
            self.numbered.set(slot, index);
            return Ok(index);
        }
        let probe = Probe::of(id);
        if let Some(index) = self.lookup(&probe, id) {
            return Err(index);
        }
        let index = self.push(id);
        let entry = Entry {
            word: probe.word,
            len: probe.len,
            index,
        };
        self.table.insert_unique(probe.hash, entry, Entry::hash);
        Ok(index)
    }

    /// Stores a new id's text; its index.
    fn push(&mut self, id: &str) -> u32 {
        let index = self.ends.len() as u32;
        self.arena.push_str(id);
        self.ends.push(self.arena.len());
        index
    }

    /// Interns `id` and returns its index, new or not.
    pub fn intern(&mut self, id: &str) -> u32 {
        match self.insert(id) {
            Ok(i) | Err(i) => i,
        }
    }

    /// A short id is equal to an entry with the same word and length; the
    /// common case, kept free of the long path's arena compare so that it
    /// needs no stack frame of its own.
    #[inline]
    fn lookup(&self, probe: &Probe, id: &str) -> Option<u32> {
        if probe.len as usize <= INLINE {
            self.table
                .find(probe.hash, |e| e.word == probe.word && e.len == probe.len)
                .map(|e| e.index)
        } else {
            self.lookup_long(probe, id)
        }
    }

    /// A long id's `word` is only its hash, and equal hashes prove
    /// nothing, so the arena decides.
    #[inline(never)]
    fn lookup_long(&self, probe: &Probe, id: &str) -> Option<u32> {
        self.table
            .find(probe.hash, |e| {
                e.word == probe.word
                    && e.len == probe.len
                    && id_at(&self.arena, &self.ends, e.index) == id
            })
            .map(|e| e.index)
    }
}

fn id_at<'a>(arena: &'a str, ends: &[usize], index: u32) -> &'a str {
    let i = index as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] };
    &arena[start..ends[i]]
}

/// Finds repeated ids in a column that nothing refers to (`meeting_id`,
/// `goal_id`, `response_id`): ids are noted as rows stream by, and
/// duplicates are found at the end by sorting hashes, which is several
/// times cheaper than a hash table for a million ids.
///
/// Each id costs two appends: a 32-bit hash and a 24-byte record that holds
/// an id of up to 16 bytes inline. At the end a radix sort of a copy of the
/// hashes finds the hash values that occur more than once (a few dozen
/// chance collisions in a million ids, plus the true repeats); only the
/// rows with those hashes are then gathered and their ids compared.
#[derive(Default, Debug)]
pub struct UniqueIds {
    hashes: Vec<u32>,
    noted: Vec<Noted>,
    /// The text of ids over 16 bytes, which `Noted` locates.
    long: String,
}

/// One noted id. Up to 16 bytes, `lo` and `hi` are its words (the
/// [`short_word`], or the two overlapping [`two_words`]) and, with `len`,
/// are the id itself; a longer id spans `lo..hi` of `UniqueIds::long`.
#[derive(Clone, Copy, Debug)]
struct Noted {
    lo: u64,
    hi: u64,
    line: u32,
    len: u32,
}

/// A repeated id: its later line and the line where it first appeared.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Duplicate {
    pub id: String,
    pub line: usize,
    pub first_line: usize,
}

impl UniqueIds {
    pub fn with_capacity(n: usize) -> Self {
        UniqueIds {
            hashes: Vec::with_capacity(n),
            noted: Vec::with_capacity(n),
            long: String::new(),
        }
    }

    pub fn note(&mut self, id: &str, line: usize) {
        let b = id.as_bytes();
        let (lo, hi, hash) = if b.len() <= INLINE {
            let word = short_word(b);
            (word, 0, hash_short(word, b.len() as u32))
        } else if b.len() <= TWO_WORDS {
            let (lo, hi) = two_words(b);
            (lo, hi, hash_two_words(lo, hi, b.len()))
        } else {
            self.push_long(id)
        };
        self.hashes.push((hash >> 32) as u32);
        self.noted.push(Noted {
            lo,
            hi,
            line: line as u32,
            len: len32(b.len()),
        });
    }

    /// Stores an id over 16 bytes; out of line to keep `note` small.
    #[inline(never)]
    fn push_long(&mut self, id: &str) -> (u64, u64, u64) {
        let start = self.long.len();
        self.long.push_str(id);
        (
            start as u64,
            self.long.len() as u64,
            hash_any(id.as_bytes()),
        )
    }

    /// Every repeat, in the order of its line.
    pub fn duplicates(self) -> Vec<Duplicate> {
        let repeated = repeated_values(&self.hashes);
        if repeated.is_empty() {
            return Vec::new();
        }
        // The rows whose hash is repeated, as (hash, row) so that sorting
        // groups them by hash and, within a hash, in row order. A bitmap of
        // the hashes' low 16 bits turns most rows away before the search.
        let mut filter = vec![0u64; 1 << 10];
        for &h in &repeated {
            filter[(h as usize >> 6) & 1023] |= 1 << (h & 63);
        }
        let mut rows: Vec<u64> = self
            .hashes
            .iter()
            .enumerate()
            .filter(|&(_, &h)| {
                filter[(h as usize >> 6) & 1023] & (1 << (h & 63)) != 0
                    && repeated.binary_search(&h).is_ok()
            })
            .map(|(row, &h)| u64::from(h) << 32 | row as u64)
            .collect();
        rows.sort_unstable();
        let mut found = Vec::new();
        for run in rows.chunk_by(|a, b| a >> 32 == b >> 32) {
            self.confirm(run, &mut found);
        }
        found.sort_by_key(|d| d.line);
        found
    }

    /// Checks a run of rows with equal hashes (in row order) for true
    /// repeats: an equal hash alone proves nothing.
    fn confirm(&self, run: &[u64], found: &mut Vec<Duplicate>) {
        let noted = |key: u64| &self.noted[key as u32 as usize];
        for (k, &later) in run.iter().enumerate().skip(1) {
            let later = noted(later);
            // The earliest equal id, so that a repeat is reported against
            // the first line, not the previous repeat.
            if let Some(&first) = run[..k]
                .iter()
                .find(|&&earlier| self.same_id(noted(earlier), later))
            {
                found.push(Duplicate {
                    id: self.id_text(later),
                    line: later.line as usize,
                    first_line: noted(first).line as usize,
                });
            }
        }
    }

    fn same_id(&self, a: &Noted, b: &Noted) -> bool {
        a.len == b.len
            && if a.len as usize <= TWO_WORDS {
                a.lo == b.lo && a.hi == b.hi
            } else {
                self.long.get(a.lo as usize..a.hi as usize)
                    == self.long.get(b.lo as usize..b.hi as usize)
            }
    }

    fn id_text(&self, n: &Noted) -> String {
        let len = n.len as usize;
        if len <= INLINE {
            String::from_utf8_lossy(&n.lo.to_le_bytes()[..len]).into_owned()
        } else if len <= TWO_WORDS {
            // The last word overlaps the first by `16 - len` bytes.
            let mut bytes = n.lo.to_le_bytes().to_vec();
            bytes.extend_from_slice(&n.hi.to_le_bytes()[TWO_WORDS - len..]);
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            self.long
                .get(n.lo as usize..n.hi as usize)
                .unwrap_or_default()
                .to_string()
        }
    }
}

/// The values that occur more than once in `values`, sorted.
fn repeated_values(values: &[u32]) -> Vec<u32> {
    let sorted = radix_sorted(values);
    let mut repeated: Vec<u32> = sorted
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    repeated.dedup();
    repeated
}

/// A sorted copy of `values`: an LSD radix sort, four passes of 8 bits,
/// several times fewer instructions than a comparison sort of a million
/// values. Its speed is bounded by the memory each pass streams through,
/// so it sorts bare 32-bit hashes: radix-sorting (hash, row) `u64` keys
/// instead took about half as long again, and three passes of 11 bits
/// were no faster than four of 8 (2048 write streams rather than 256).
fn radix_sorted(values: &[u32]) -> Vec<u32> {
    if values.len() < 256 {
        // Too few for the counting passes to pay.
        let mut sorted = values.to_vec();
        sorted.sort_unstable();
        return sorted;
    }
    let mut counts = [[0usize; 256]; 4];
    for &v in values {
        for (pass, count) in counts.iter_mut().enumerate() {
            count[(v >> (8 * pass)) as u8 as usize] += 1;
        }
    }
    // Pass one reads `values` itself; later passes ping-pong between
    // `sorted` (empty until pass one) and `spare`.
    let mut sorted: Vec<u32> = Vec::new();
    let mut spare = vec![0u32; values.len()];
    for (pass, count) in counts.iter().enumerate() {
        if count.contains(&values.len()) {
            continue; // every value has the same digit: the pass would copy
        }
        let mut next = [0usize; 256];
        let mut sum = 0;
        for (slot, &c) in next.iter_mut().zip(count) {
            *slot = sum;
            sum += c;
        }
        let from: &[u32] = if sorted.is_empty() { values } else { &sorted };
        for &v in from {
            let digit = (v >> (8 * pass)) as u8 as usize;
            spare[next[digit]] = v;
            next[digit] += 1;
        }
        std::mem::swap(&mut sorted, &mut spare);
        if spare.is_empty() {
            spare = vec![0u32; values.len()];
        }
    }
    if sorted.is_empty() {
        values.to_vec()
    } else {
        sorted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dense_indices_in_first_seen_order() {
        let mut ids = Interner::default();
        assert_eq!(ids.insert("b"), Ok(0));
        assert_eq!(ids.insert("a"), Ok(1));
        assert_eq!(ids.insert("b"), Err(0));
        assert_eq!(ids.intern("c"), 2);
        assert_eq!(ids.find("a"), Some(1));
        assert_eq!(ids.find("z"), None);
        assert_eq!(ids.get(2), "c");
        for n in 0..10_000 {
            ids.intern(&format!("id{n}"));
        }
        assert_eq!(ids.len(), 10_003);
        assert_eq!(ids.find("id9999"), Some(10_002));
        assert_eq!(ids.get(10_002), "id9999");
        // Ids that share their first 8 bytes differ only in the arena.
        assert_eq!(ids.insert("longer-id-1"), Ok(10_003));
        assert_eq!(ids.insert("longer-id-2"), Ok(10_004));
        assert_eq!(ids.find("longer-id-1"), Some(10_003));
        assert_eq!(ids.find("longer-id-3"), None);
        assert_eq!(ids.find("longer-i"), None);
    }

    /// Ids of every length from 0 to 40 bytes (across the 4-, 8- and
    /// 16-byte load boundaries), each with variants that differ only in
    /// the first byte, the last byte or a trailing NUL, plus multi-byte
    /// characters.
    pub(super) fn tricky_ids() -> Vec<String> {
        let mut ids = Vec::new();
        for len in 0..=40 {
            let base: String = (0..len)
                .map(|i| char::from(b'a' + (i % 26) as u8))
                .collect();
            ids.push(base.clone());
            if len > 0 {
                let mut last = base.clone();
                last.pop();
                ids.push(format!("{last}Z"));
                ids.push(format!("Z{}", &base[1..]));
            }
            ids.push(format!("{base}\0"));
            ids.push(format!("{base}é"));
        }
        ids.push("\0".repeat(8));
        ids.push("\0".repeat(9));
        ids.push("\0".repeat(16));
        ids.push("\0".repeat(17));
        ids.sort();
        ids.dedup();
        ids
    }

    #[test]
    fn every_length_and_near_miss_is_told_apart() {
        let ids = tricky_ids();
        // No capacity: the table grows many times, rehashing every entry.
        let mut interner = Interner::default();
        for (n, id) in ids.iter().enumerate() {
            assert_eq!(interner.find(id), None, "{id:?} before insert");
            assert_eq!(interner.insert(id), Ok(n as u32), "{id:?}");
        }
        for (n, id) in ids.iter().enumerate() {
            assert_eq!(interner.insert(id), Err(n as u32), "{id:?}");
            assert_eq!(interner.find(id), Some(n as u32), "{id:?}");
            assert_eq!(interner.get(n as u32), id);
        }
        assert_eq!(interner.find("not there"), None);
        assert_eq!(
            interner.find("abcdefghijklmnopqrstuvwxyzabcdefghijklmnX"),
            None
        );
    }

    #[test]
    fn many_ids_survive_growth() {
        let mut ids = Interner::with_capacity(16);
        for n in 0..200_000u32 {
            // Short (`m000001`), two-word and long ids together.
            let id = match n % 3 {
                0 => format!("m{n:06}"),
                1 => format!("meeting-{n:06}"),
                _ => format!("a-rather-long-identifier-{n:06}"),
            };
            assert_eq!(ids.insert(&id), Ok(n));
        }
        assert_eq!(ids.find("m000000"), Some(0));
        assert_eq!(ids.find("meeting-000001"), Some(1));
        assert_eq!(ids.find("a-rather-long-identifier-199997"), Some(199_997));
        assert_eq!(ids.find("meeting-199999"), Some(199_999));
        assert_eq!(ids.find("m000001"), None);
        assert_eq!(ids.find("meeting-000002"), None);
    }

    /// A long id's entry holds only its hash: an entry with the same hash
    /// and length but other text must not be taken for it.
    #[test]
    fn equal_hash_is_not_equal_long_id() {
        let id = "longer-id-0001";
        let other = "longer-id-0002";
        let probe = Probe::of(id);
        let mut ids = Interner::default();
        // Plant `other` under `id`'s hash, as a hash collision would.
        ids.arena.push_str(other);
        ids.ends.push(ids.arena.len());
        let planted = Entry {
            word: probe.hash,
            len: probe.len,
            index: 0,
        };
        ids.table.insert_unique(probe.hash, planted, Entry::hash);
        assert_eq!(ids.find(id), None);
        assert_eq!(ids.insert(id), Ok(1));
        assert_eq!(ids.find(id), Some(1));
        assert_eq!(ids.get(0), other);
    }

    /// A short id's entry holds the id itself: an entry in the same bucket
    /// with the same hash but another word must not be taken for it.
    #[test]
    fn equal_hash_is_not_equal_short_id() {
        let probe = Probe::of("m000063");
        let mut ids = Interner::default();
        ids.arena.push_str("m000064");
        ids.ends.push(ids.arena.len());
        let planted = Entry {
            word: short_word(b"m000064"),
            len: 7,
            index: 0,
        };
        ids.table.insert_unique(probe.hash, planted, |_| probe.hash);
        assert_eq!(ids.find("m000063"), None);
        assert_eq!(ids.insert("m000063"), Ok(1));
    }

    /// Numbered ids of the fixed shape live in the vector, every other
    /// spelling of the same number in the table, and none is mistaken for
    /// another.
    #[test]
    fn numbered_ids_and_their_near_misses() {
        for first in ["m000063", "P-1", "42"] {
            let mut ids = Interner::default();
            let mut all = vec![first.to_string()];
            for prefix in ["m", "P-", "", "n", "mm"] {
                for digits in [
                    "0", "00", "1", "01", "63", "063", "000063", "100000", "1000000",
                ] {
                    all.push(format!("{prefix}{digits}"));
                    all.push(format!("{prefix}{digits}x"));
                }
            }
            all.push("x4194303".into());
            all.push("x4194304".into());
            all.push("999999999".into());
            all.push("1234567890".into());
            all.sort();
            all.dedup();
            all.retain(|id| id != first);
            all.insert(0, first.to_string());
            for (n, id) in all.iter().enumerate() {
                assert_eq!(ids.find(id), None, "{first}: {id:?} before insert");
                assert_eq!(ids.insert(id), Ok(n as u32), "{first}: {id:?}");
            }
            for (n, id) in all.iter().enumerate() {
                assert_eq!(ids.find(id), Some(n as u32), "{first}: {id:?}");
                assert_eq!(ids.insert(id), Err(n as u32), "{first}: {id:?}");
                assert_eq!(ids.get(n as u32), id);
            }
            assert!(ids.numbered.shape.is_some(), "{first}");
            assert!(ids.numbered.slots.len() <= MAX_NUMBER as usize);
        }
    }

    proptest::proptest! {
        /// The interner against a plain map, on ids from an alphabet that
        /// makes many numbered ids, shapes and near misses.
        #[test]
        fn behaves_as_a_map(ops in proptest::collection::vec(
            (proptest::bool::ANY, proptest::collection::vec(
                proptest::sample::select(vec!["m", "0", "1", "9", "-", "é", "00", "x"]), 0..6)),
            0..200,
        )) {
            let mut ids = Interner::default();
            let mut reference: std::collections::HashMap<String, u32> = Default::default();
            for (insert, parts) in ops {
                let id = parts.concat();
                if insert {
                    let expected = match reference.get(&id) {
                        Some(&i) => Err(i),
                        None => {
                            let i = reference.len() as u32;
                            reference.insert(id.clone(), i);
                            Ok(i)
                        }
                    };
                    proptest::prop_assert_eq!(ids.insert(&id), expected);
                } else {
                    proptest::prop_assert_eq!(ids.find(&id), reference.get(&id).copied());
                }
            }
            for (id, &i) in &reference {
                proptest::prop_assert_eq!(ids.get(i), id.as_str());
            }
        }
    }

    #[test]
    fn short_word_is_the_zero_padded_bytes() {
        for id in tricky_ids().iter().filter(|id| id.len() <= INLINE) {
            let mut bytes = [0u8; 8];
            bytes[..id.len()].copy_from_slice(id.as_bytes());
            assert_eq!(
                short_word(id.as_bytes()),
                u64::from_le_bytes(bytes),
                "{id:?}"
            );
        }
    }
}

#[cfg(test)]
mod unique_tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn finds_each_repeat_against_its_first_line() {
        let mut ids = UniqueIds::with_capacity(4);
        for (id, line) in [("a", 2), ("b", 3), ("a", 4), ("c", 5), ("a", 6), ("b", 9)] {
            ids.note(id, line);
        }
        let dup = |id: &str, line, first_line| Duplicate {
            id: id.into(),
            line,
            first_line,
        };
        assert_eq!(
            ids.duplicates(),
            vec![dup("a", 4, 2), dup("a", 6, 2), dup("b", 9, 3)]
        );
    }

    /// The duplicates of `rows` the slow, obvious way.
    fn expected(rows: &[(String, usize)]) -> Vec<Duplicate> {
        let mut first: HashMap<&str, usize> = HashMap::new();
        let mut found = Vec::new();
        for (id, line) in rows {
            match first.get(id.as_str()) {
                Some(&first_line) => found.push(Duplicate {
                    id: id.clone(),
                    line: *line,
                    first_line,
                }),
                None => {
                    first.insert(id, *line);
                }
            }
        }
        found
    }

    fn duplicates_of(rows: &[(String, usize)]) -> Vec<Duplicate> {
        let mut ids = UniqueIds::default();
        for (id, line) in rows {
            ids.note(id, *line);
        }
        ids.duplicates()
    }

    #[test]
    fn every_length_and_near_miss_is_told_apart() {
        let tricky = super::tests::tricky_ids();
        // Each id once, then every third again and every fifth a third
        // time: a few hundred rows, so the radix sort runs.
        let mut rows: Vec<(String, usize)> = Vec::new();
        let mut line = 2;
        for pass in 0..3 {
            for (n, id) in tricky.iter().enumerate() {
                if pass == 0 || (pass == 1 && n % 3 == 0) || (pass == 2 && n % 5 == 0) {
                    rows.push((id.clone(), line));
                    line += 1;
                }
            }
        }
        assert!(rows.len() > 256);
        let want = expected(&rows);
        assert!(!want.is_empty());
        assert_eq!(duplicates_of(&rows), want);
        // And with fewer rows than the radix sort wants.
        let few = &rows[rows.len() - 100..];
        assert_eq!(duplicates_of(few), expected(few));
    }

    #[test]
    fn many_ids_with_a_few_repeats() {
        let mut rows: Vec<(String, usize)> =
            (0..300_000).map(|n| (format!("mt{n:07}"), n + 2)).collect();
        for (k, n) in [(0, 5), (1, 299_999), (2, 123_456), (3, 5)] {
            rows.push((format!("mt{n:07}"), 300_002 + k));
        }
        let want = expected(&rows);
        assert_eq!(want.len(), 4);
        assert_eq!(duplicates_of(&rows), want);
        assert_eq!(duplicates_of(&rows[..300_000]), vec![]);
    }

    /// Rows whose hashes are equal are compared by their text: only true
    /// repeats are reported, each against its own first line.
    #[test]
    fn equal_hashes_are_not_duplicates() {
        let tricky = super::tests::tricky_ids();
        let mut rows: Vec<(String, usize)> = tricky
            .iter()
            .enumerate()
            .map(|(n, id)| (id.clone(), n + 2))
            .collect();
        for (k, n) in [7, 3, 7, 40, 120].into_iter().enumerate() {
            rows.push((tricky[n].clone(), 1000 + k));
        }
        let mut ids = UniqueIds::default();
        for (id, line) in &rows {
            ids.note(id, *line);
        }
        // As if every id had collided with every other.
        ids.hashes.iter_mut().for_each(|h| *h = 0x5eed);
        assert_eq!(ids.duplicates(), expected(&rows));
    }

    #[test]
    fn radix_sort_sorts() {
        let mut state = 0x1234_5678_u32;
        let mut random = || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state
        };
        let mixed: Vec<u32> = (0..5000).map(|_| random()).collect();
        // Digits that are the same in every value skip their pass.
        let low_byte: Vec<u32> = (0..5000).map(|_| random() & 0xff).collect();
        let middle: Vec<u32> = (0..5000).map(|_| random() & 0x00ff_ff00).collect();
        let same = vec![42; 300];
        for values in [mixed, low_byte, middle, same, vec![3, 1, 2], vec![]] {
            let mut want = values.clone();
            want.sort_unstable();
            assert_eq!(radix_sorted(&values), want);
        }
    }
}
