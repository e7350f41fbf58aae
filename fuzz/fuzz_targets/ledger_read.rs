//! `ledger::decode` on any bytes: byte 0 even seals the rest with a valid checksum, so the body's reader is reached.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mentorbook::ledger;

fuzz_target!(|input: &[u8]| {
    let Some((&first, rest)) = input.split_first() else {
        return;
    };
    let bytes = if first % 2 == 0 {
        let body = rest.get(..rest.len().saturating_sub(8)).unwrap_or(&[]);
        ledger::seal(body)
    } else {
        rest.to_vec()
    };
    if let Ok(read) = ledger::decode(&bytes) {
        // What was read writes back to bytes that read the same.
        let again = ledger::encode(&read);
        let reread = ledger::decode(&again).expect("a written ledger reads back");
        assert_eq!(ledger::encode(&reread), again);
    }
});
