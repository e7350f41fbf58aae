//! Id interning: each distinct id string gets a dense index, stored once in one arena.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

/// Maps id strings to dense `u32` indices in first-seen order.
///
/// Ids live in one byte arena rather than one allocation each, so a million
/// meeting ids cost a few megabytes and no per-row allocation.
#[derive(Clone, Default, Debug)]
pub struct Interner {
    arena: String,
    /// End offset of each id in `arena`; id `i` spans `ends[i-1]..ends[i]`.
    ends: Vec<usize>,
    table: HashTable<u32>,
}

impl Interner {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The id string of an index.
    pub fn get(&self, index: u32) -> &str {
        let i = index as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.arena[start..self.ends[i]]
    }

    /// The index of an id, if it was interned.
    pub fn find(&self, id: &str) -> Option<u32> {
        let hash = FxBuildHasher.hash_one(id);
        self.table.find(hash, |&i| self.get(i) == id).copied()
    }

    /// Interns `id`: `Ok(index)` when new, `Err(index)` when already there.
    pub fn insert(&mut self, id: &str) -> Result<u32, u32> {
        let hash = FxBuildHasher.hash_one(id);
        let Interner { arena, ends, table } = self;
        let id_of = |i: u32| {
            let i = i as usize;
            let start = if i == 0 { 0 } else { ends[i - 1] };
            &arena[start..ends[i]]
        };
        if let Some(&existing) = table.find(hash, |&i| id_of(i) == id) {
            return Err(existing);
        }
        let index = ends.len() as u32;
        arena.push_str(id);
        ends.push(arena.len());
        let (arena, ends) = (&*arena, &*ends);
        table.insert_unique(hash, index, |&i| {
            let i = i as usize;
            let start = if i == 0 { 0 } else { ends[i - 1] };
            FxBuildHasher.hash_one(&arena[start..ends[i]])
        });
        Ok(index)
    }

    /// Interns `id` and returns its index, new or not.
    pub fn intern(&mut self, id: &str) -> u32 {
        match self.insert(id) {
            Ok(i) | Err(i) => i,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dense_indices_in_first_seen_order() {
        let mut ids = Interner::new();
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
    }
}
