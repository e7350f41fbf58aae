//! Short texts as machine words: the loads and multiply hashes that the interner, the duplicate finder and the date memo share.
//!
//! Ids of a data export are mostly short (`m000063`, `mt0012345`), and a
//! general-purpose hasher costs several times more than the text itself
//! for such input; these functions treat a text of up to 16 bytes as one
//! or two little-endian words, which with its length identify it exactly.

use std::hash::BuildHasher;

use foldhash::fast::FixedState;

/// A fixed seed: the table is never iterated, but fixed hashing keeps runs
/// identical to the instruction, which makes profiles repeatable.
const HASHER: FixedState = FixedState::with_seed(0x6d65_6e74_6f72);

/// Seeds of the hash of ids up to 16 bytes (the hexadecimal digits of pi's
/// fraction, as in foldhash's own constants); fixed for the same reason.
const SEED0: u64 = 0x243f_6a88_85a3_08d3;
const SEED1: u64 = 0x1319_8a2e_0370_7344;
const SEED2: u64 = 0xa409_3822_299f_31d0;

/// Ids up to this many bytes are one word (and live whole in the interner's table).
pub(super) const INLINE: usize = 8;
/// Ids up to this many bytes are two words, hashed without `foldhash`,
/// which costs several times more for such short input.
pub(super) const TWO_WORDS: usize = 16;

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
pub(super) fn short_word(b: &[u8]) -> u64 {
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
pub(super) fn hash_short(word: u64, len: u32) -> u64 {
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
pub(super) fn two_words(b: &[u8]) -> (u64, u64) {
    debug_assert!(b.len() > INLINE && b.len() <= TWO_WORDS);
    end_words(b).unwrap_or((0, 0))
}

/// The hash of an id of 9 to [`TWO_WORDS`] bytes. Both words vary, so a
/// second multiply by a constant spreads the first's result over all bits
/// (as foldhash does) rather than trusting one product of two data words.
#[inline]
pub(super) fn hash_two_words(lo: u64, hi: u64, len: usize) -> u64 {
    folded_multiply(folded_multiply(lo ^ SEED0, hi ^ SEED1) ^ len as u64, SEED2)
}

/// The hash of an id longer than [`INLINE`] bytes.
#[inline]
pub(super) fn hash_long(b: &[u8]) -> u64 {
    if b.len() <= TWO_WORDS {
        let (lo, hi) = two_words(b);
        hash_two_words(lo, hi, b.len())
    } else {
        hash_any(b)
    }
}

/// Ids over 16 bytes are rare enough for the general hasher.
#[cold]
pub(super) fn hash_any(b: &[u8]) -> u64 {
    HASHER.hash_one(b)
}

/// A length as `u32`, saturated: an entry's length only ever filters
/// candidates before the text itself is compared, so saturating is safe.
#[inline]
pub(super) fn len32(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Ids of every length from 0 to 40 bytes (across the 4-, 8- and
    /// 16-byte load boundaries), each with variants that differ only in
    /// the first byte, the last byte or a trailing NUL, plus multi-byte
    /// characters.
    pub(in crate::data) fn tricky_ids() -> Vec<String> {
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
