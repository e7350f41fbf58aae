//! The CSV scanner (`data::scan`) against the csv crate, its reference
//! grammar (`ReaderBuilder::new().has_headers(false).flexible(true)`).
//!
//! Byte 0: bits 0-1 pick the delimiter (`,` `;` tab `|`), bits 2-7 the
//! most a read hands out (1 to 64 bytes). Byte 1: bits 0-6 the scanner's
//! starting buffer (0: the usual 256 KiB, else 1 to 127 bytes, so that
//! short inputs go through the refill, grow and retry paths), bit 7 makes
//! every other read fail with `Interrupted`. The rest is the file.
//!
//! Checked for every record: the same fields as the crate's, in the same
//! number, the same number of records; the line is 1 + the line breaks
//! (`\n`, `\r\n` once, lone `\r`) before the record's first byte; `text()`
//! is `Some` exactly when the crate reads the record as a `StringRecord`
//! (every field, unescaped, is UTF-8) and then gives the same strings.
//!
//! No exclusions. The crate validates UTF-8 per field after unescaping
//! (`ByteRecord::validate`), as `text()` does over the unescaped record, so
//! a character split by a quote (`"\xC3"\xA9` is `é` to both) agrees.
//! Both skip one UTF-8 byte-order mark at the start of the file (csv-core
//! does it in `Reader::read_record`, headers or not), so both get the same
//! bytes; a second mark is text to both.

#![no_main]

use std::io::{self, Read};

use libfuzzer_sys::fuzz_target;
use mentorbook::data::scan::Scanner;

const DELIMITERS: &[u8; 4] = b",;\t|";
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Hands out at most `chunk` bytes per read, and with `interrupt` fails
/// every other read with `Interrupted` (which the scanner must retry).
struct Trickle<'a> {
    rest: &'a [u8],
    chunk: usize,
    interrupt: bool,
    calls: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        self.calls += 1;
        if self.interrupt && self.calls % 2 == 1 {
            return Err(io::ErrorKind::Interrupted.into());
        }
        let n = self.rest.len().min(self.chunk).min(out.len());
        out[..n].copy_from_slice(&self.rest[..n]);
        self.rest = &self.rest[n..];
        Ok(n)
    }
}

struct Expected {
    line: usize,
    fields: Vec<Vec<u8>>,
    utf8: bool,
}

/// The csv crate's records, each with the line of its first byte.
fn reference(input: &[u8], delimiter: u8) -> Vec<Expected> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(input);
    let mut out = Vec::new();
    let mut record = csv::ByteRecord::new();
    // Line breaks before `counted`, which only moves forward.
    let (mut counted, mut line) = (0, 1);
    while reader
        .read_byte_record(&mut record)
        .unwrap_or_else(|e| panic!("csv crate on a slice: {e}"))
    {
        // Offsets in the file, the byte-order mark included; the crate's
        // position can sit on the mark or on blank lines before a record.
        let mut first = record.position().map_or(0, |p| p.byte() as usize);
        if first == 0 && input.starts_with(BOM) {
            first = BOM.len();
        }
        while matches!(input.get(first), Some(b'\n' | b'\r')) {
            first += 1;
        }
        assert!(first >= counted, "csv positions went back");
        for i in counted..first {
            match input[i] {
                b'\n' => line += 1,
                b'\r' if input.get(i + 1) != Some(&b'\n') => line += 1,
                _ => {}
            }
        }
        counted = first;
        out.push(Expected {
            line,
            fields: record.iter().map(<[u8]>::to_vec).collect(),
            utf8: csv::StringRecord::from_byte_record(record.clone()).is_ok(),
        });
    }
    out
}

fuzz_target!(|input: &[u8]| {
    let [pick, buffer, file @ ..] = input else {
        return;
    };
    let delimiter = DELIMITERS[usize::from(pick & 3)];
    let chunk = usize::from(pick >> 2) + 1;
    let interrupt = buffer & 0x80 != 0;
    let reader = Trickle {
        rest: file,
        chunk,
        interrupt,
        calls: 0,
    };
    let mut scanner = match buffer & 0x7F {
        0 => Scanner::new(reader, delimiter),
        n => Scanner::with_buffer(reader, delimiter, usize::from(n)),
    };
    let expected = reference(file, delimiter);

    let mut count = 0;
    while let Some(record) = scanner
        .next_record()
        .unwrap_or_else(|e| panic!("in-memory read: {e}"))
    {
        let want = expected
            .get(count)
            .unwrap_or_else(|| panic!("record {count}: the csv crate has only {count}"));
        assert_eq!(record.line, want.line, "record {count}: line");
        let fields: Vec<&[u8]> = (0..record.len())
            .map(|i| {
                record
                    .field(i)
                    .unwrap_or_else(|| panic!("field {i} out of bounds"))
            })
            .collect();
        assert_eq!(fields, want.fields, "record {count}: fields");
        assert!(record.field(record.len()).is_none());
        match record.text() {
            Some(text) => {
                assert!(
                    want.utf8,
                    "record {count}: text() of a field that is not UTF-8"
                );
                assert_eq!(text.len(), want.fields.len());
                assert!(text.field(text.len()).is_none());
                for (i, field) in want.fields.iter().enumerate() {
                    assert_eq!(
                        text.field(i).map(str::as_bytes),
                        Some(&field[..]),
                        "record {count}: text field {i}"
                    );
                }
            }
            None => assert!(
                !want.utf8,
                "record {count}: text() is None for UTF-8 fields"
            ),
        }
        count += 1;
    }
    assert_eq!(count, expected.len(), "record count");
    // The end is sticky.
    assert!(matches!(scanner.next_record(), Ok(None)));
});
