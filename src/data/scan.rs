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
mod tests {
    use super::*;

    /// Every record of `input` as (line, fields), read through a reader
    /// that hands out `chunk` bytes at a time.
    fn scan(input: &[u8], delimiter: u8, chunk: usize) -> Vec<(usize, Vec<String>)> {
        scan_with(input, delimiter, chunk, INITIAL_BUFFER)
    }

    /// As `scan`, with a buffer of `buffer` bytes to start with: `fill`
    /// reads until the buffer is full, so only an input longer than the
    /// buffer is parsed in pieces.
    fn scan_with(
        input: &[u8],
        delimiter: u8,
        chunk: usize,
        buffer: usize,
    ) -> Vec<(usize, Vec<String>)> {
        records_of(input, delimiter, chunk, buffer)
            .into_iter()
            .map(|(line, fields)| {
                let text = fields
                    .iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect();
                (line, text)
            })
            .collect()
    }

    /// Every record of `input` as (line, field bytes), read through a
    /// reader that hands out `chunk` bytes at a time into a buffer that
    /// starts at `buffer` bytes.
    pub(super) fn records_of(
        input: &[u8],
        delimiter: u8,
        chunk: usize,
        buffer: usize,
    ) -> Vec<(usize, Vec<Vec<u8>>)> {
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(out.len());
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut scanner = Scanner::with_buffer(Trickle(input, chunk), delimiter, buffer);
        let mut out = Vec::new();
        while let Some(record) = scanner.next_record().expect("in-memory read") {
            let fields = (0..record.len())
                .map(|i| record.field(i).unwrap_or_default().to_vec())
                .collect();
            out.push((record.line, fields));
        }
        out
    }

    fn rows(expected: &[(usize, &[&str])]) -> Vec<(usize, Vec<String>)> {
        expected
            .iter()
            .map(|(line, fields)| (*line, fields.iter().map(|f| f.to_string()).collect()))
            .collect()
    }

    #[test]
    fn plain_quoted_and_escaped_fields() {
        let input = b"a,b,c\n1,\"two, too\",\"say \"\"hi\"\"\"\n,,\n";
        assert_eq!(
            scan(input, b',', 1 << 20),
            rows(&[
                (1, &["a", "b", "c"]),
                (2, &["1", "two, too", "say \"hi\""]),
                (3, &["", "", ""]),
            ])
        );
    }

    #[test]
    fn lines_count_as_an_editor_does() {
        // Quoted newlines of each kind, blank lines, CRLF and lone CR.
        let input = b"h1,h2\r\n\"a\nb\",x\r\n\r\n\"c\r\nd\re\",y\rlast,z";
        assert_eq!(
            scan(input, b',', 1 << 20),
            rows(&[
                (1, &["h1", "h2"]),
                (2, &["a\nb", "x"]),
                (5, &["c\r\nd\re", "y"]),
                (8, &["last", "z"]),
            ])
        );
    }

    #[test]
    fn leniencies_match_the_csv_crate() {
        let input = b"ab\"c,\"x\"y\"z,\"open\nto the end";
        let expected = rows(&[(1, &["ab\"c", "xy\"z", "open\nto the end"])]);
        assert_eq!(scan(input, b',', 1 << 20), expected);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(&input[..]);
        let theirs: Vec<Vec<String>> = reader
            .byte_records()
            .map(|r| {
                r.expect("in-memory read")
                    .iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect()
            })
            .collect();
        assert_eq!(theirs, vec![expected[0].1.clone()]);
    }

    #[test]
    fn byte_order_mark_and_other_delimiters() {
        let input = b"\xEF\xBB\xBF\"id\";name\n1;\"A;B\"\n";
        assert_eq!(
            scan(input, b';', 1 << 20),
            rows(&[(1, &["id", "name"]), (2, &["1", "A;B"])])
        );
        assert_eq!(scan(b"", b',', 16), rows(&[]));
        assert_eq!(scan(b"\n\r\n\n", b',', 16), rows(&[]));
        assert_eq!(scan(b"\xEF\xBB", b',', 16), rows(&[(1, &["\u{FFFD}"])]));
    }

    #[test]
    fn any_chunking_reads_the_same() {
        let mut input = b"id,comment\n".to_vec();
        for i in 0..200 {
            input.extend_from_slice(format!("{i},\"line one\r\nline \"\"{i}\"\"\"\r\n").as_bytes());
        }
        let whole = scan(&input, b',', usize::MAX);
        assert_eq!(whole.len(), 201);
        assert_eq!(
            whole[200],
            (400, vec!["199".into(), "line one\r\nline \"199\"".into()])
        );
        for chunk in [1, 2, 3, 7, 64, 4096] {
            assert_eq!(scan(&input, b',', chunk), whole, "chunk {chunk}");
            // A small buffer: every record is cut, refilled and retried.
            for buffer in [1, 2, 5, 16, 100] {
                assert_eq!(
                    scan_with(&input, b',', chunk, buffer),
                    whole,
                    "chunk {chunk}, buffer {buffer}"
                );
            }
        }
    }

    #[test]
    fn a_record_longer_than_the_buffer() {
        let long = "x".repeat(3 * INITIAL_BUFFER);
        let input = format!("a,b\n1,\"{long}\"\n2,y\n");
        let got = scan(input.as_bytes(), b',', 1 << 16);
        assert_eq!(got.len(), 3);
        assert_eq!(got[1].1[1].len(), long.len());
        assert_eq!(got[2], (3, vec!["2".into(), "y".into()]));
    }

    #[test]
    fn field_ends_word_at_a_time_as_byte_at_a_time() {
        let naive = |bytes: &[u8], from: usize, d: u8| {
            (from..bytes.len())
                .find(|&i| [d, b'\n', b'\r'].contains(&bytes[i]))
                .unwrap_or(bytes.len())
        };
        // Every position of each stop byte among bytes that make borrows.
        for stop in [b',', b'\t', b'\n', b'\r'] {
            for filler in [0u8, 1, b'a', 0x7F, 0x80, 0xFF, b'+', b'-'] {
                for len in 0..20 {
                    for at in 0..=len {
                        let mut bytes = vec![filler; len];
                        if at < len {
                            bytes[at] = stop;
                        }
                        for from in 0..=len.min(3) {
                            let d = if stop == b'\t' { b'\t' } else { b',' };
                            assert_eq!(
                                field_end(&bytes, from, d),
                                naive(&bytes, from, d),
                                "{bytes:?} from {from}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn word_tests_are_exact() {
        for a in 0..=255u8 {
            for b in [0u8, 1, 9, 10, 13, 14, 0x2C, 0x2D, 0x7F, 0x80, 0x8D, 0xFF] {
                let word = u64::from_le_bytes([b, a, b, a, a, b, 0, a]);
                let expect = |hit: &dyn Fn(u8) -> bool| {
                    let mut mask = 0u64;
                    for (i, byte) in word.to_le_bytes().into_iter().enumerate() {
                        if hit(byte) {
                            mask |= 0x80 << (8 * i);
                        }
                    }
                    mask
                };
                assert_eq!(bytes_equal(word, b','), expect(&|x| x == b','));
                assert_eq!(bytes_equal(word, a), expect(&|x| x == a));
                assert_eq!(bytes_below(word, 14), expect(&|x| x < 14));
                assert_eq!(bytes_below(word, 0x80), expect(&|x| x < 0x80));
            }
        }
    }

    #[test]
    fn unescaped_records_stay_text() {
        let mut scanner = Scanner::new(&b"\"\xC3\xA9\"\"x\",\"\xE2\x82\xAC\"\n"[..], b',');
        let record = scanner.next_record().expect("read").expect("a record");
        let text = record.text().expect("UTF-8");
        assert_eq!(text.field(0), Some("é\"x"));
        assert_eq!(text.field(1), Some("€"));
        let mut scanner = Scanner::new(&b"ok,\xFF\n"[..], b',');
        let record = scanner.next_record().expect("read").expect("a record");
        assert!(record.text().is_none());
    }

    /// The csv crate's records read as text (`StringRecord`, which checks
    /// each field after unescaping), or `None` when it finds no UTF-8.
    fn csv_text(input: &[u8]) -> Vec<Option<Vec<String>>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(input);
        let mut record = csv::ByteRecord::new();
        let mut out = Vec::new();
        while reader
            .read_byte_record(&mut record)
            .expect("in-memory read")
        {
            out.push(
                csv::StringRecord::from_byte_record(record.clone())
                    .ok()
                    .map(|r| r.iter().map(str::to_string).collect()),
            );
        }
        out
    }

    fn our_text(input: &[u8]) -> Vec<Option<Vec<String>>> {
        let mut scanner = Scanner::new(input, b',');
        let mut out = Vec::new();
        while let Some(record) = scanner.next_record().expect("in-memory read") {
            out.push(record.text().map(|t| {
                (0..t.len())
                    .map(|i| t.field(i).expect("in bounds").to_string())
                    .collect()
            }));
        }
        out
    }

    #[test]
    fn a_character_split_by_a_quote_is_text_as_for_the_csv_crate() {
        // Both check UTF-8 after unescaping: C3 '"' A9 is "é" to both...
        let input = b"\"\xC3\"\xA9,x\n";
        let expected = vec![Some(vec!["é".to_string(), "x".to_string()])];
        assert_eq!(our_text(input), expected);
        assert_eq!(csv_text(input), expected);
        // ...and field by field: C3 ',' A9 is not text to either.
        let input = b"\xC3,\xA9\n\"\xC3\",\xA9\n";
        assert_eq!(our_text(input), vec![None, None]);
        assert_eq!(csv_text(input), vec![None, None]);
    }

    #[test]
    fn one_byte_order_mark_is_skipped_as_the_csv_crate_does() {
        // csv-core skips a mark at the start of the file, headers or not;
        // a second one is text. So does the scanner, whatever the buffer.
        let input = b"\xEF\xBB\xBF\xEF\xBB\xBFa,b\n";
        let expected = vec![Some(vec!["\u{FEFF}a".to_string(), "b".to_string()])];
        assert_eq!(our_text(input), expected);
        assert_eq!(csv_text(input), expected);
        for buffer in [1, 2, 3, 4, 7] {
            assert_eq!(
                scan_with(b"\xEF\xBB\xBF\n\r\n\"a\",b", b',', 1, buffer),
                rows(&[(3, &["a", "b"])]),
                "buffer {buffer}"
            );
        }
    }
}

#[cfg(test)]
mod differential {
    //! The csv crate as the reference grammar, and an independent line count.
    use super::*;
    use proptest::prelude::*;

    /// Line of the byte at `offset`, counting `\n`, `\r\n` and lone `\r`.
    fn line_at(input: &[u8], offset: usize) -> usize {
        let mut line = 1;
        let mut i = 0;
        while i < offset {
            match input[i] {
                b'\n' => line += 1,
                b'\r' if input.get(i + 1) != Some(&b'\n') => line += 1,
                _ => {}
            }
            i += 1;
        }
        line
    }

    fn reference(input: &[u8], delimiter: u8) -> Vec<(usize, Vec<Vec<u8>>)> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(input);
        let mut out = Vec::new();
        let mut record = csv::ByteRecord::new();
        while reader
            .read_byte_record(&mut record)
            .expect("in-memory read")
        {
            // The crate's position can sit on the byte-order mark or the
            // blank lines before a record.
            let mut s = record.position().map_or(0, |p| p.byte() as usize);
            if s == 0 && input.starts_with(b"\xEF\xBB\xBF") {
                s = 3;
            }
            while matches!(input.get(s), Some(b'\n' | b'\r')) {
                s += 1;
            }
            out.push((
                line_at(input, s),
                record.iter().map(<[u8]>::to_vec).collect(),
            ));
        }
        out
    }

    use super::tests::records_of as ours;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn same_records_as_the_csv_crate(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just(&b"a"[..]), Just(&b"bc"[..]), Just(&b","[..]), Just(&b";"[..]),
                    Just(&b"\""[..]), Just(&b"\"\""[..]), Just(&b"\n"[..]), Just(&b"\r"[..]),
                    Just(&b"\r\n"[..]), Just(&b" "[..]), Just("é".as_bytes()),
                ],
                0..40,
            ),
            semicolon in any::<bool>(),
            chunk in 1usize..9,
            buffer in 1usize..24,
            bom in any::<bool>(),
        ) {
            let mut input: Vec<u8> = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
            input.extend(parts.concat());
            let delimiter = if semicolon { b';' } else { b',' };
            // Both skip one byte-order mark at the start (csv-core does, headers or not).
            let expected = reference(&input, delimiter);
            // A small buffer makes records straddle refills; the usual one reads all at once.
            prop_assert_eq!(ours(&input, delimiter, chunk, buffer), expected.clone());
            prop_assert_eq!(ours(&input, delimiter, usize::MAX, INITIAL_BUFFER), expected);
        }
    }
}
