use super::*;
use crate::date::Date;

fn sample() -> Ledger {
    let mut l = Ledger::new(5, b"seed");
    l.versions = vec![Date(19000), Date(19007)];
    l.cohorts = vec![11, 22];
    let seen = |cohort, hash, flags| RowSeen {
        cohort,
        quarter: 8100,
        hash,
        flags,
    };
    l.record_rows(0, &[seen(0, 1, 2), seen(0, 2, 7), seen(1, 3, 6)]);
    l.record_rows(1, &[seen(0, 1, 2), seen(1, 3, 6), seen(1, 4, 6)]);
    l.record_figure(
        FigureKey {
            cohort: Some(0),
            quarter: None,
            role: 2,
            kind: RATINGS,
        },
        0,
        Value::Ratings([1, 0, 2, 0, 3]),
    );
    l.record_figure(
        FigureKey {
            cohort: None,
            quarter: Some(8100),
            role: 0,
            kind: NPS,
        },
        1,
        Value::Nps(-13),
    );
    l
}

#[test]
fn rows_join_and_leave_between_versions() {
    let l = sample();
    // Row 2 left in version 1, row 4 joined in version 1.
    let row = |h: u64| l.rows.iter().find(|r| r.hash == h).copied();
    assert_eq!(row(2).map(|r| (r.added, r.removed)), Some((0, 1)));
    assert_eq!(row(4).map(|r| (r.added, r.removed)), Some((1, PRESENT)));
    assert_eq!(row(1).map(|r| (r.added, r.removed)), Some((0, PRESENT)));
    let all_ratings = FigureKey {
        cohort: None,
        quarter: Some(8100),
        role: 2,
        kind: RATINGS,
    };
    // Rows with a rating: 1 (v0, v1), 2 (v0), 3 (v0, v1), 4 (v1).
    assert_eq!(l.changed_between(&all_ratings, 0, 1), 2);
    assert_eq!(l.changed_between(&all_ratings, 1, 1), 0);
    // The same rows again change nothing.
    let mut again = l.clone();
    let now: Vec<RowSeen> = l
        .rows
        .iter()
        .filter(|r| r.removed == PRESENT)
        .map(|r| RowSeen {
            cohort: r.cohort,
            quarter: r.quarter,
            hash: r.hash,
            flags: r.flags,
        })
        .collect();
    assert!(!again.record_rows(2, &now));
    assert_eq!(again, l);
}

#[test]
fn bytes_round_trip_and_are_compact() {
    let l = sample();
    let bytes = encode(&l);
    assert_eq!(decode(&bytes), Ok(l.clone()));
    assert_eq!(encode(&decode(&bytes).unwrap()), bytes);
    // 4 rows in 2 groups: 8-byte hash, flags, added, removed each.
    let rows_bytes = 4 * 11 + 2 * 4;
    assert!(bytes.len() < 9 + 1 + 1 + 4 + 32 + 1 + 16 + 1 + rows_bytes + 1 + 2 * 12 + 1 + 8 + 8);
}

#[test]
fn damaged_files_are_refused() {
    let bytes = encode(&sample());
    assert_eq!(decode(b"title = 1\n"), Err(LedgerError::NotALedger));
    assert_eq!(decode(b""), Err(LedgerError::NotALedger));
    for cut in 8..bytes.len() {
        assert_eq!(
            decode(&bytes[..cut]),
            Err(LedgerError::Damaged),
            "cut at {cut}"
        );
    }
    let mut flipped = bytes.clone();
    flipped[20] ^= 1;
    assert_eq!(decode(&flipped), Err(LedgerError::Damaged));
    let mut newer = bytes.clone();
    newer[8] = 9;
    assert_eq!(decode(&newer), Err(LedgerError::NewerFormat(9)));
    let mut older = bytes.clone();
    older[8] = 1;
    assert_eq!(decode(&older), Err(LedgerError::OlderFormat(1)));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    /// What the fuzz target `ledger_read` does, in every `cargo test`: a
    /// real ledger's body with bytes changed, inserted or cut, sealed with a
    /// valid checksum so the body's reader is reached, never panics; what
    /// reads writes back to bytes that read the same.
    #[test]
    fn edited_bodies_never_panic_and_round_trip(
        edits in proptest::collection::vec((0usize..4096, proptest::prelude::any::<u8>(), 0u8..3), 1..6),
        cut in proptest::option::of(0usize..4096),
    ) {
        let sealed = encode(&sample());
        let mut body = sealed[..sealed.len() - format::CHECKSUM].to_vec();
        for (at, byte, how) in edits {
            let at = at % (body.len() + 1);
            match how {
                0 if at < body.len() => body[at] = byte,
                1 => body.insert(at, byte),
                _ if at < body.len() => {
                    body.remove(at);
                }
                _ => {}
            }
        }
        if let Some(cut) = cut {
            body.truncate(cut % (body.len() + 1));
        }
        if let Ok(read) = decode(&seal(&body)) {
            let again = encode(&read);
            proptest::prop_assert_eq!(decode(&again), Ok(read));
        }
    }
}
