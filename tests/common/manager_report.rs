//! The manager-report fixture's workbook (tests/fixtures/manager-report/exports/ops-2025.xlsx): a vendor's per-pair report with title lines, an `Unmatched` row, a totals row and mentee names masked as `Mentee`.
//!
//! `cargo run --example manager_report` writes it; tests/fixtures.rs holds
//! the committed file to what this writes.

use super::xlsx::{Cell, Sheet, d, n, t, workbook};

/// The fixture's path in the repository.
pub(crate) const PATH: &str = "tests/fixtures/manager-report/exports/ops-2025.xlsx";

/// The workbook's bytes.
pub(crate) fn manager_report() -> Vec<u8> {
    let pair = |id: f64, mentor: &str, matched: &str, status: &str, ended: Cell, sessions: f64| {
        vec![
            n(id),
            t(mentor),
            t("Mentee"),
            d(matched),
            t(status),
            ended,
            n(sessions),
        ]
    };
    let pairs = vec![
        vec![t("Acme Corp · Mentoring manager report")],
        vec![t(
            "Program: Operations mentoring 2025 · generated 2025-07-01",
        )],
        vec![],
        vec![
            t("Match ID"),
            t("Mentor"),
            t("Mentee"),
            t("Matched"),
            t("Status"),
            t("Ended"),
            t("Sessions"),
        ],
        pair(
            1042.0,
            "Ana Souza",
            "2025-01-13",
            "Active",
            Cell::Blank,
            3.0,
        ),
        pair(
            1043.0,
            "Ben Okafor",
            "2025-01-20",
            "Completed",
            d("2025-05-30"),
            2.0,
        ),
        pair(1044.0, "Chen Wei", "2025-02-03", "Active", Cell::Blank, 1.0),
        vec![
            Cell::Blank,
            t("Unmatched"),
            t("Mentee"),
            Cell::Blank,
            t("Unmatched"),
            Cell::Blank,
            n(0.0),
        ],
        vec![
            t("Total"),
            Cell::Blank,
            Cell::Blank,
            Cell::Blank,
            Cell::Blank,
            Cell::Blank,
            n(6.0),
        ],
    ];
    let session = |id: f64, date: &str, minutes: f64, kind: &str| {
        vec![n(id), d(date), Cell::Minutes(minutes), t(kind)]
    };
    let sessions = vec![
        vec![t("Sessions held")],
        vec![],
        vec![t("Match ID"), t("Date"), t("Length"), t("Type")],
        session(1042.0, "2025-01-20", 45.0, "Video"),
        session(1042.0, "2025-02-17", 60.0, "Video"),
        session(1042.0, "2025-03-17", 30.0, "In person"),
        session(1043.0, "2025-01-27", 60.0, "Video"),
        session(1043.0, "2025-03-03", 45.0, "Video"),
        session(1044.0, "2025-02-10", 50.0, "Video"),
        vec![t("Total"), Cell::Blank, Cell::Minutes(290.0), Cell::Blank],
    ];
    workbook(&[
        Sheet {
            name: "Pairs",
            first_row: 1,
            rows: pairs,
        },
        Sheet {
            name: "Sessions",
            first_row: 1,
            rows: sessions,
        },
    ])
}
