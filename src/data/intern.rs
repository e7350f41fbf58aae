//! Id interning: each distinct id string gets a dense index, stored once in one arena.

use hashbrown::HashTable;

use super::words::{INLINE, hash_long, hash_short, len32, short_word};

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
pub(super) struct Interner {
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
    pub(super) fn with_capacity(n: usize) -> Self {
        Interner {
            arena: String::with_capacity(n * 8),
            ends: Vec::with_capacity(n),
            table: HashTable::with_capacity(n),
            numbered: Numbered::default(),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The id string of an index.
    pub(super) fn get(&self, index: u32) -> &str {
        id_at(&self.arena, &self.ends, index)
    }

    /// The index of an id, if it was interned.
    pub(super) fn find(&self, id: &str) -> Option<u32> {
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
    pub(super) fn insert(&mut self, id: &str) -> Result<u32, u32> {
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
    pub(super) fn intern(&mut self, id: &str) -> u32 {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::words::tests::tricky_ids;

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
}
