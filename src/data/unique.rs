//! Duplicate ids in a column nothing refers to, found at the end by radix-sorting hashes rather than by a hash table per row.

use super::words::{
    INLINE, TWO_WORDS, hash_any, hash_short, hash_two_words, len32, short_word, two_words,
};

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
pub(super) struct UniqueIds {
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
pub(super) struct Duplicate {
    pub id: String,
    pub line: usize,
    pub first_line: usize,
}

impl UniqueIds {
    pub(super) fn with_capacity(n: usize) -> Self {
        UniqueIds {
            hashes: Vec::with_capacity(n),
            noted: Vec::with_capacity(n),
            long: String::new(),
        }
    }

    pub(super) fn note(&mut self, id: &str, line: usize) {
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
    pub(super) fn duplicates(self) -> Vec<Duplicate> {
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
    use std::collections::HashMap;

    use super::*;
    use crate::data::words::tests::tricky_ids;

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
        let tricky = tricky_ids();
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
        let tricky = tricky_ids();
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
