//! Text helpers for messages: line numbers from byte offsets, "did you mean" suggestions, lists of names, TOML errors.

/// The 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The 1-based line of the first byte of a file that is not UTF-8.
pub fn line_of_invalid_utf8(e: &std::string::FromUtf8Error) -> usize {
    let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
    valid.iter().filter(|&&b| b == b'\n').count() + 1
}

/// The 1-based lines of many byte offsets of one text: its newlines are
/// found once, so each look-up is a binary search rather than a scan from
/// the start (which made files with many rows or links quadratic).
pub struct Lines {
    newlines: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        Lines {
            newlines: memchr::memchr_iter(b'\n', text.as_bytes()).collect(),
        }
    }

    /// The 1-based line of a byte offset, as [`line_of`] counts it.
    pub fn line_of(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&at| at < offset) + 1
    }
}

/// `: did you mean `x`?` when a candidate is close enough to be a typo.
pub fn did_you_mean(word: &str, candidates: &[&str]) -> String {
    closest(word, candidates)
        .map(|c| format!(": did you mean `{c}`?"))
        .unwrap_or_default()
}

/// The candidate closest to `word` by edit distance, if plausibly a typo:
/// within a third of the longer word's length (at least one edit), or
/// containing the word. Case is ignored on `word`'s side only, since the
/// candidates are mentorbook's own lowercase names.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(&word, c), *c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(1) || c.contains(word.as_str()))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The id (or name) closest to `word`, if plausibly a typo, by the rule
/// of [`closest`] with case ignored on both sides, as written: for values
/// in the data (`P-1042`, a cohort's name), not mentorbook's own names.
/// An exact match is not a suggestion.
pub fn closest_id<'a>(written: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let word = written.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c == written {
            continue;
        }
        let folded = c.to_lowercase();
        let d = strsim::levenshtein(&word, &folded);
        let close = d <= (folded.len().max(word.len()) / 3).max(1)
            || (word.len() >= 3 && folded.contains(word.as_str()));
        if close && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// A count with its noun, singular or plural: `1 row`, `12 rows`.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Names as a message lists them: `` `a`, `b`, `c` ``.
pub fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A TOML parse error's message, with serde's "unknown field" rewritten to
/// name the closest valid key.
pub fn describe_toml_error(e: &toml::de::Error) -> String {
    let message = e.message().trim();
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((unknown, rest)) = rest.split_once('`')
    {
        let valid: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
        if valid.is_empty() {
            return format!("unknown key `{unknown}`: this table takes no keys");
        }
        return format!(
            "unknown key `{unknown}`{} (expected one of {})",
            did_you_mean(unknown, &valid),
            list(&valid)
        );
    }
    message.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_agree_with_line_of() {
        let text = "a\nbc\n\nd";
        let lines = Lines::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(lines.line_of(offset), line_of(text, offset), "{offset}");
        }
    }

    #[test]
    fn suggestions() {
        let names = ["pair_id", "date", "meeting_id", "duration_minutes"];
        assert_eq!(closest("parid", &names), Some("pair_id"));
        assert_eq!(closest("DATE", &names), Some("date"));
        assert_eq!(closest("duration", &names), Some("duration_minutes"));
        assert_eq!(closest("cohort", &names), None);
        assert_eq!(did_you_mean("dat", &names), ": did you mean `date`?");
        assert_eq!(did_you_mean("zzzzzz", &names), "");
        assert_eq!(list(&["a", "b"]), "`a`, `b`");
        let ids = ["P-1042", "P-2042", "m000063", "Spring 2025"];
        assert_eq!(closest_id("p-1042", ids.into_iter()), Some("P-1042"));
        assert_eq!(closest_id("P-1043", ids.into_iter()), Some("P-1042"));
        assert_eq!(closest_id("m00063", ids.into_iter()), Some("m000063"));
        assert_eq!(
            closest_id("spring 2024", ids.into_iter()),
            Some("Spring 2025")
        );
        assert_eq!(closest_id("x9", ids.into_iter()), None);
        assert_eq!(closest_id("P-1042", ["P-1042"].into_iter()), None);
    }

    #[test]
    fn the_line_of_invalid_utf8() {
        let bytes = b"ok\nstill ok\nnot \xFF ok\n".to_vec();
        let e = String::from_utf8(bytes).err();
        assert_eq!(e.map(|e| line_of_invalid_utf8(&e)), Some(3));
    }
}
