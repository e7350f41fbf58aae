//! The scanner on hand-made inputs: quoting, line counts, chunked reads, byte-order marks and the word-at-a-time tests.

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
