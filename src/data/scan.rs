//! CSV records as field spans over one read buffer, each with the line it starts on.
//!
//! The grammar is the csv crate's default one (RFC 4180 plus its leniencies),
//! which a differential test holds this scanner to: `"` quotes a field and
//! `""` inside quotes is one quote; a quote inside an unquoted field, or text
//! after a closing quote, is kept as it is; `\n`, `\r\n` and a lone `\r` end a
//! record; blank lines are not records; a quote left open at the end of the
//! file ends there. Rows may have any number of fields.
//!
//! Why not the csv crate itself: loading is most of a large build, and a
//! scanner that splits a whole line in one pass, counts lines as an editor
//! does while it goes (the crate's own count skips newlines inside some
//! quoted fields) and unescapes quotes in place is about three times faster.

// The module is public to the fuzz targets (see data/mod.rs), so its items
// stay `pub` and the lint that asks for `pub(crate)` is off here.
#![cfg_attr(not(fuzzing), allow(unreachable_pub))]

use std::io::{self, Read};

/// The buffer's starting size; it doubles for a record that does not fit.
const INITIAL_BUFFER: usize = 256 * 1024;

/// Reads records from a byte stream.
pub struct Scanner<R> {
    inner: R,
    delimiter: u8,
    buf: Vec<u8>,
    /// Unread bytes are `buf[start..end]`.
    start: usize,
    end: usize,
    eof: bool,
    /// The line (1-based, as an editor counts) of `buf[start]`.
    line: usize,
    /// Whether the byte-order mark at the start of the file was looked for.
    bom_checked: bool,
    /// The current record's fields: offsets from the record's start.
    spans: Vec<(usize, usize)>,
    /// Which of those fields were quoted and need unescaping.
    quoted: Vec<usize>,
}

/// One record, borrowed from the scanner until the next call.
pub struct Record<'a> {
    /// The line the record starts on.
    pub line: usize,
    bytes: &'a [u8],
    /// Field spans relative to `bytes`.
    spans: &'a [(usize, usize)],
}

impl<'a> Record<'a> {
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// A field's bytes (quotes removed).
    pub fn field(&self, index: usize) -> Option<&'a [u8]> {
        let &(a, b) = self.spans.get(index)?;
        self.bytes.get(a..b)
    }

    /// The record as text, or `None` when it is not valid UTF-8. One check
    /// covers every field: the bytes between fields are ASCII.
    pub fn text(&self) -> Option<TextRecord<'a>> {
        let text = std::str::from_utf8(self.bytes).ok()?;
        Some(TextRecord {
            text,
            spans: self.spans,
        })
    }
}

/// A record known to be UTF-8.
#[derive(Clone, Copy)]
pub struct TextRecord<'a> {
    text: &'a str,
    spans: &'a [(usize, usize)],
}

impl<'a> TextRecord<'a> {
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn field(&self, index: usize) -> Option<&'a str> {
        let &(a, b) = self.spans.get(index)?;
        self.text.get(a..b)
    }
}

/// How far one attempt at parsing a record got.
enum Parsed {
    /// A record ends at this offset (its terminator consumed), and the
    /// next one starts on this line.
    Record { next: usize, next_line: usize },
    /// The buffer ends inside the record: read more and try again.
    NeedMore,
    /// No record is left.
    End,
}

impl<R: Read> Scanner<R> {
    pub fn new(inner: R, delimiter: u8) -> Self {
        Self::with_buffer(inner, delimiter, INITIAL_BUFFER)
    }

    /// A scanner whose buffer starts at `size` bytes (at least one), so
    /// that tests and fuzzing reach the refill and retry paths with small
    /// inputs: `fill` reads until the buffer is full, so with the usual
    /// buffer a file shorter than it is parsed in one piece however the
    /// reader hands it out.
    pub fn with_buffer(inner: R, delimiter: u8, size: usize) -> Self {
        Scanner {
            inner,
            delimiter,
            buf: vec![0; size.max(1)],
            start: 0,
            end: 0,
            eof: false,
            line: 1,
            bom_checked: false,
            spans: Vec::new(),
            quoted: Vec::new(),
        }
    }

    /// The next record, or `None` at the end of the file.
    pub fn next_record(&mut self) -> io::Result<Option<Record<'_>>> {
        loop {
            if !self.bom_checked && (self.end >= 3 || self.eof) {
                self.bom_checked = true;
                if self.buf[self.start..self.end].starts_with(b"\xEF\xBB\xBF") {
                    self.start += 3;
                }
            }
            let parsed = if self.bom_checked {
                self.parse()
            } else {
                Parsed::NeedMore
            };
            match parsed {
                Parsed::End => return Ok(None),
                Parsed::NeedMore => self.fill()?,
                Parsed::Record { next, next_line } => {
                    let record_start = self.start;
                    let record_line = self.line;
                    self.unescape_quoted();
                    let record_end = record_start + self.spans.last().map_or(0, |s| s.1);
                    self.start = next;
                    self.line = next_line;
                    return Ok(Some(Record {
                        line: record_line,
                        bytes: &self.buf[record_start..record_end],
                        spans: &self.spans,
                    }));
                }
            }
        }
    }

    /// Moves unread bytes to the front, grows the buffer when a record
    /// fills it, and reads until the buffer is full or the file ends, so
    /// that a long record is parsed again only each time the buffer doubles.
    fn fill(&mut self) -> io::Result<()> {
        if self.eof {
            return Ok(());
        }
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.buf.len() {
            let doubled = self.buf.len() * 2;
            self.buf.resize(doubled, 0);
        }
        while self.end < self.buf.len() {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Parses one record from `start`, noting its fields' raw spans.
    fn parse(&mut self) -> Parsed {
        let bytes = &self.buf[..self.end];
        let end = self.end;
        let eof = self.eof;
        let delimiter = self.delimiter;
        let mut p = self.start;
        let mut line = self.line;
        self.spans.clear();
        self.quoted.clear();

        // Blank lines before the record are not records.
        loop {
            match bytes.get(p) {
                None if eof => {
                    self.start = p;
                    self.line = line;
                    return Parsed::End;
                }
                None => return Parsed::NeedMore,
                Some(b'\n') => p += 1,
                Some(b'\r') => match bytes.get(p + 1) {
                    Some(b'\n') => p += 2,
                    None if !eof => return Parsed::NeedMore,
                    _ => p += 1,
                },
                Some(_) => break,
            }
            line += 1;
        }
        // A record starts at `p`: the offsets parsed so far are kept only
        // when it completes, so that a retry after reading more is clean.
        self.start = p;
        self.line = line;
        if let Some(next) = plain_record(bytes, p, delimiter, &mut self.spans) {
            return Parsed::Record {
                next,
                next_line: line + 1,
            };
        }
        self.spans.clear();

        loop {
            let field_start = p;
            let mut quoted = false;
            if bytes.get(p) == Some(&b'"') {
                quoted = true;
                p += 1;
                loop {
                    match memchr::memchr(b'"', &bytes[p..]) {
                        None if !eof => return Parsed::NeedMore,
                        None => {
                            // An open quote runs to the end of the file.
                            line += count_lines(&bytes[p..]);
                            self.spans
                                .push((field_start - self.start, end - self.start));
                            self.quoted.push(self.spans.len() - 1);
                            return Parsed::Record {
                                next: end,
                                next_line: line,
                            };
                        }
                        Some(i) => {
                            line += count_lines(&bytes[p..p + i]);
                            let quote = p + i;
                            match bytes.get(quote + 1) {
                                Some(b'"') => p = quote + 2,
                                None if !eof => return Parsed::NeedMore,
                                _ => {
                                    p = quote + 1;
                                    break;
                                }
                            }
                        }
                    }
                }
            }
            // Unquoted text (or text after a closing quote) up to the field's end.
            p = field_end(bytes, p, delimiter);
            self.spans.push((field_start - self.start, p - self.start));
            if quoted {
                self.quoted.push(self.spans.len() - 1);
            }
            match bytes.get(p) {
                None if !eof => return Parsed::NeedMore,
                None => {
                    return Parsed::Record {
                        next: p,
                        next_line: line,
                    };
                }
                Some(&b) if b == delimiter => p += 1,
                Some(b'\n') => {
                    return Parsed::Record {
                        next: p + 1,
                        next_line: line + 1,
                    };
                }
                Some(_) => {
                    // `\r`, alone or as the start of `\r\n`.
                    let next = match bytes.get(p + 1) {
                        Some(b'\n') => p + 2,
                        None if !eof => return Parsed::NeedMore,
                        _ => p + 1,
                    };
                    return Parsed::Record {
                        next,
                        next_line: line + 1,
                    };
                }
            }
        }
    }

    /// Removes the quoting of quoted fields in place. What a field loses
    /// becomes spaces after its new end, so the record's bytes stay valid
    /// UTF-8 whenever the fields are.
    fn unescape_quoted(&mut self) {
        let base = self.start;
        for &index in &self.quoted {
            let Some(span) = self.spans.get_mut(index) else {
                continue;
            };
            let (from, to) = (base + span.0, base + span.1);
            let mut write = from;
            let mut read = from + 1;
            let mut in_quotes = true;
            while read < to {
                let b = self.buf[read];
                if in_quotes && b == b'"' {
                    if self.buf.get(read + 1) == Some(&b'"') && read + 1 < to {
                        self.buf[write] = b'"';
                        write += 1;
                        read += 2;
                    } else {
                        in_quotes = false;
                        read += 1;
                    }
                    continue;
                }
                self.buf[write] = b;
                write += 1;
                read += 1;
            }
            self.buf[write..to].fill(b' ');
            span.1 = write - base;
        }
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const LOWS: u64 = 0x7F7F_7F7F_7F7F_7F7F;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` that equals `byte`, exactly (the
/// shorter borrow trick also marks some bytes just above a match).
fn bytes_equal(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    !(((x & LOWS) + LOWS) | x) & HIGHS
}

/// Eight bytes from `at`, if there are eight.
fn word_at(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk = bytes.get(at..at + 8)?;
    let mut word = [0u8; 8];
    word.copy_from_slice(chunk);
    Some(u64::from_le_bytes(word))
}

/// The high bit of each byte of `word` below `limit` (at most 0x80), exactly.
fn bytes_below(word: u64, limit: u8) -> u64 {
    let x = word;
    !(((x & LOWS) + ONES * u64::from(0x80 - limit)) | x) & HIGHS
}

/// The fast path for a record with no quoted field (nearly all of them):
/// eight bytes at a time, each delimiter found ends a field. Fills `spans`
/// (relative to `start`) and returns where the next record starts, or
/// `None` when the record needs the full grammar (a field starting with a
/// quote) or runs past the last whole word of the buffer.
///
/// A quote matters only as a field's first byte (elsewhere it is text), so
/// each word is tested only for the delimiter and for control bytes, of
/// which `\n` and `\r` end the record and the rest are text.
fn plain_record(
    bytes: &[u8],
    start: usize,
    delimiter: u8,
    spans: &mut Vec<(usize, usize)>,
) -> Option<usize> {
    if bytes.get(start) == Some(&b'"') {
        return None;
    }
    let mut field_start = start;
    let mut at = start;
    loop {
        let word = word_at(bytes, at)?;
        let mut events = bytes_equal(word, delimiter) | bytes_below(word, b'\r' + 1);
        while events != 0 {
            let pos = at + (events.trailing_zeros() / 8) as usize;
            events &= events - 1;
            let b = bytes[pos];
            if b == delimiter {
                spans.push((field_start - start, pos - start));
                field_start = pos + 1;
                if bytes.get(field_start) == Some(&b'"') {
                    return None;
                }
            } else if b == b'\n' {
                spans.push((field_start - start, pos - start));
                return Some(pos + 1);
            } else if b == b'\r' {
                // `\r\n` or a lone `\r`; whether the `\n` follows may
                // need the next read.
                let next = match bytes.get(pos + 1) {
                    Some(b'\n') => pos + 2,
                    Some(_) => pos + 1,
                    None => return None,
                };
                spans.push((field_start - start, pos - start));
                return Some(next);
            }
        }
        at += 8;
    }
}

/// The end of unquoted text starting at `from`: the offset of the first
/// delimiter, `\n` or `\r`, or the end of `bytes`. Eight bytes at a time,
/// since most fields are ids and dates of about that length.
fn field_end(bytes: &[u8], from: usize, delimiter: u8) -> usize {
    let mut p = from;
    while let Some(word) = word_at(bytes, p) {
        let found =
            bytes_equal(word, delimiter) | bytes_equal(word, b'\n') | bytes_equal(word, b'\r');
        if found != 0 {
            return p + (found.trailing_zeros() / 8) as usize;
        }
        p += 8;
    }
    while let Some(&b) = bytes.get(p) {
        if b == delimiter || b == b'\n' || b == b'\r' {
            break;
        }
        p += 1;
    }
    p
}

/// Line breaks in a quoted field's text: `\n`, `\r\n` and a lone `\r` each count once.
fn count_lines(bytes: &[u8]) -> usize {
    memchr::memchr2_iter(b'\n', b'\r', bytes)
        .filter(|&i| !(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
        .count()
}

#[cfg(test)]
mod differential;
#[cfg(test)]
mod tests;
