//! The scanner against the csv crate as the reference grammar, with an independent line count, on random inputs.

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
