//! The ledger on generated histories, through the real pipeline: no small group of rows is ever determined across versions.

mod checker;
mod common;

use std::collections::BTreeSet;

use checker::versions::{Audit, Row};
use common::Workdir;
use proptest::prelude::*;

/// A generated row: cohort (0, 1), mentee, day (0..150 from 2025-01-13:
/// two quarters), rating, nps (or none).
type GenRow = (bool, bool, u16, u8, Option<u8>);

/// What changes between two versions: rows added, indices (modulo the rows
/// present) removed, and edited (removed and replaced by a new row).
type GenStep = (Vec<GenRow>, Vec<usize>, Vec<(usize, GenRow)>);

fn gen_row() -> impl Strategy<Value = GenRow> {
    (
        any::<bool>(),
        any::<bool>(),
        0u16..150,
        1u8..=5,
        proptest::option::of(0u8..=10),
    )
}

fn gen_step() -> impl Strategy<Value = GenStep> {
    (
        proptest::collection::vec(gen_row(), 0..6),
        proptest::collection::vec(any::<usize>(), 0..3),
        proptest::collection::vec((any::<usize>(), gen_row()), 0..2),
    )
}

fn program() -> Workdir {
    let w = Workdir::empty();
    w.write(
        "data/cohorts.csv",
        "cohort_id,name,start_date,end_date\nc1,Winter,2025-01-06,\nc2,Spring,2025-01-06,\n",
    );
    let mut pairs = String::from("pair_id,cohort_id,mentor_id,mentee_id,matched_on\n");
    for p in 1..=8 {
        let c = if p <= 4 { "c1" } else { "c2" };
        pairs.push_str(&format!("p{p},{c},m{p},e{p},2025-01-10\n"));
    }
    w.write("data/pairs.csv", &pairs);
    w
}

struct History {
    lines: Vec<String>,
    audit: Audit,
}

impl History {
    fn add(&mut self, r: GenRow) -> usize {
        let (c2, mentee, day, rating, nps) = r;
        let d = jiff::civil::date(2025, 1, 13)
            .checked_add(jiff::Span::new().days(i64::from(day)))
            .expect("date");
        let pair = if c2 { 5 } else { 1 } + usize::from(day % 4);
        let i = self.lines.len();
        self.lines.push(format!(
            "r{i},,p{pair},{},{d},{rating},{},\n",
            if mentee { "mentee" } else { "mentor" },
            nps.map(|n| n.to_string()).unwrap_or_default()
        ));
        self.audit.rows.push(Row {
            cohort: if c2 { "c2" } else { "c1" }.into(),
            quarter: format!("{}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
            mentee,
            rating: true,
            nps: nps.is_some(),
        });
        i
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]

    /// Random sequences of 2 to 6 versions (rows added, removed, edited
    /// between them), k = 2..10: no withheld group of 1 to k − 1 rows, and
    /// no single row, is determined by all the versions together.
    #[test]
    fn no_small_group_is_determined_across_versions(
        k in 2u32..=10,
        first in proptest::collection::vec(gen_row(), 4..24),
        steps in proptest::collection::vec(gen_step(), 1..=5),
    ) {
        let w = program();
        let mut h = History { lines: Vec::new(), audit: Audit::default() };
        let mut present: Vec<usize> = first.into_iter().map(|r| h.add(r)).collect();
        let version = |present: &[usize], h: &mut History| {
            w.write(
                "mentorbook.toml",
                &format!(
                    "title = \"Generated\"\n[data]\nas_of = \"2025-06-30\"\n[privacy]\n\
                     min_group_size = {k}\n[publish]\nclose_after_days = 3650\n"
                ),
            );
            let mut text = String::from(
                "response_id,cohort_id,pair_id,respondent_role,submitted_on,rating,nps,comment\n",
            );
            for &i in present {
                text.push_str(&h.lines[i]);
            }
            w.write("data/feedback.csv", &text);
            let site = w.build();
            h.audit.add_version(present, site.texts());
        };
        version(&present, &mut h);
        for (added, removed, edited) in steps {
            for r in removed {
                if !present.is_empty() {
                    let at = r % present.len();
                    present.remove(at);
                }
            }
            for (r, new) in edited {
                if !present.is_empty() {
                    let at = r % present.len();
                    present[at] = h.add(new);
                }
            }
            for r in added {
                present.push(h.add(r));
            }
            present.sort_unstable();
            version(&present, &mut h);
        }
        for kind in 0..2 {
            prop_assert_eq!(h.audit.determined_rows(kind), Vec::<usize>::new());
            prop_assert_eq!(
                h.audit.determined_groups(kind, k as usize),
                Vec::<BTreeSet<usize>>::new()
            );
        }
    }
}
