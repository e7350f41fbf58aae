//! Id interning: each distinct id string gets a dense index, stored once in one arena.

use std::hash::BuildHasher;

use foldhash::fast::FixedState;
use hashbrown::HashTable;

/// A fixed seed: the table is never iterated, but fixed hashing keeps runs
/// identical to the instruction, which makes profiles repeatable.
const HASHER: FixedState = FixedState::with_seed(0x6d65_6e74_6f72);

/// Maps id strings to dense `u32` indices in first-seen order.
///
/// Ids live in one byte arena rather than one allocation each, so a million
/// meeting ids cost a few megabytes and no per-row allocation. Each table
/// entry keeps the id's hash, so growing the table and rejecting near
/// misses never touch the arena.
#[derive(Clone, Default, Debug)]
pub struct Interner {
    arena: String,
    /// End offset of each id in `arena`; id `i` spans `ends[i-1]..ends[i]`.
    ends: Vec<usize>,
    table: HashTable<Entry>,
}

/// A table entry: the id's hash, and its first 8 bytes and length inline,
/// so that looking up a short id (most are) never reads the arena.
#[derive(Clone, Copy, Debug)]
struct Entry {
    hash: u64,
    prefix: u64,
    len: u32,
    index: u32,
}

fn prefix_of(id: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = id.len().min(8);
    bytes[..n].copy_from_slice(&id.as_bytes()[..n]);
    u64::from_le_bytes(bytes)
}

impl Entry {
    fn matches(&self, hash: u64, prefix: u64, id: &str, arena: &str, ends: &[usize]) -> bool {
        self.hash == hash
            && self.prefix == prefix
            && self.len as usize == id.len()
            && (id.len() <= 8 || id_at(arena, ends, self.index) == id)
    }
}

impl Interner {
    /// An interner sized for about `n` ids.
    pub fn with_capacity(n: usize) -> Self {
        Interner {
            arena: String::with_capacity(n * 8),
            ends: Vec::with_capacity(n),
            table: HashTable::with_capacity(n),
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
        let hash = HASHER.hash_one(id);
        let prefix = prefix_of(id);
        self.table
            .find(hash, |e| {
                e.matches(hash, prefix, id, &self.arena, &self.ends)
            })
            .map(|e| e.index)
    }

    /// Interns `id`: `Ok(index)` when new, `Err(index)` when already there.
    pub fn insert(&mut self, id: &str) -> Result<u32, u32> {
        let hash = HASHER.hash_one(id);
        let prefix = prefix_of(id);
        let Interner { arena, ends, table } = self;
        let entry = table.entry(
            hash,
            |e| e.matches(hash, prefix, id, arena, ends),
            |e| e.hash,
        );
        match entry {
            hashbrown::hash_table::Entry::Occupied(found) => Err(found.get().index),
            hashbrown::hash_table::Entry::Vacant(slot) => {
                let index = ends.len() as u32;
                arena.push_str(id);
                ends.push(arena.len());
                slot.insert(Entry {
                    hash,
                    prefix,
                    len: id.len() as u32,
                    index,
                });
                Ok(index)
            }
        }
    }

    /// Interns `id` and returns its index, new or not.
    pub fn intern(&mut self, id: &str) -> u32 {
        match self.insert(id) {
            Ok(i) | Err(i) => i,
        }
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
#[derive(Default, Debug)]
pub struct UniqueIds {
    arena: String,
    ends: Vec<usize>,
    lines: Vec<u32>,
    hashes: Vec<(u64, u32)>,
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
            arena: String::with_capacity(n * 8),
            ends: Vec::with_capacity(n),
            lines: Vec::with_capacity(n),
            hashes: Vec::with_capacity(n),
        }
    }

    pub fn note(&mut self, id: &str, line: usize) {
        let index = self.ends.len() as u32;
        self.arena.push_str(id);
        self.ends.push(self.arena.len());
        self.lines.push(line as u32);
        self.hashes.push((HASHER.hash_one(id), index));
    }

    /// Every repeat, in the order of its line.
    pub fn duplicates(mut self) -> Vec<Duplicate> {
        self.hashes.sort_unstable();
        let mut found = Vec::new();
        for run in self.hashes.chunk_by(|a, b| a.0 == b.0) {
            if run.len() < 2 {
                continue;
            }
            // Entries are in row order within a run (sorted by index).
            for (k, &(_, later)) in run.iter().enumerate().skip(1) {
                let id = id_at(&self.arena, &self.ends, later);
                if let Some(&(_, first)) = run[..k]
                    .iter()
                    .find(|&&(_, earlier)| id_at(&self.arena, &self.ends, earlier) == id)
                {
                    found.push(Duplicate {
                        id: id.to_string(),
                        line: self.lines[later as usize] as usize,
                        first_line: self.lines[first as usize] as usize,
                    });
                }
            }
        }
        found.sort_by_key(|d| d.line);
        found
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
}

#[cfg(test)]
mod unique_tests {
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
}
