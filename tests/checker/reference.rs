//! The withholding rules read literally, to hold `metrics::privacy::withhold` to.

use mentorbook::metrics::privacy::{
    CohortWithheld, RowCounts, Withheld, Withholding, determined_small, is_consistent, withhold,
    withhold_checked,
};

use super::{Figures, Key, figures};

use Withheld::{Closure as C, Shown as S, SmallGroup as G, Subtraction as T};

/// Everything docs/privacy.md ("Withheld feedback figures") promises about
/// the withholding of `rows`, which it returns.
pub(crate) fn check_all(rows: &RowCounts, k: u64) -> Withholding {
    assert!(is_consistent(rows));
    let w = withhold(rows, k);
    let f = figures(rows, &w);
    for (key, &n) in &f.rows {
        let st = f.state[key];
        if n == 0 {
            assert_eq!(st, S, "{key:?} has no rows but is withheld");
        } else if n < k {
            assert_eq!(st, G, "{key:?} has {n} < {k} rows");
        } else {
            assert_ne!(st, G, "{key:?} has {n} >= {k} rows");
        }
    }
    let breaks = f.local_breaks(k);
    assert!(breaks.is_empty(), "local rule broken: {breaks:?}");
    let det = f.determined_small(k);
    assert!(det.is_empty(), "determined small figures: {det:?}");
    assert_eq!(determined_small(rows, &w, k), 0);
    assert_eq!(withhold(rows, k), w, "not deterministic");
    assert_eq!(
        withhold_checked(rows, k),
        (w.clone(), 0),
        "the count of the last solve"
    );
    assert_eq!(w, reference(rows, k), "differs from the literal reading");
    w
}

/// A slow, literal reading of the rules of docs/privacy.md on keyed figures: restart from the
/// first family after every withholding; closure decided by the dense
/// checker. `withhold` must agree with it exactly.
fn reference(rows: &RowCounts, k: u64) -> Withholding {
    let blank = Withholding {
        cohorts: rows
            .cohorts
            .iter()
            .map(|c| CohortWithheld {
                overall: [S; 3],
                quarters: vec![[S; 3]; c.quarters.len()],
            })
            .collect(),
        program: vec![[S; 3]; rows.program.len()],
    };
    let mut f = figures(rows, &blank);
    // Closure order.
    let mut order = Vec::new();
    for (c, cr) in rows.cohorts.iter().enumerate() {
        order.extend((0..3).map(|r| Key::Overall(c, r)));
        for (q, _) in &cr.quarters {
            order.extend((0..3).map(|r| Key::CohortQuarter(c, *q, r)));
        }
    }
    for q in 0..rows.program.len() {
        order.extend((0..3).map(|r| Key::Program(q, r)));
    }
    for (key, &n) in &f.rows {
        if n > 0 && n < k {
            f.state.insert(*key, G);
        }
    }
    let local = |f: &mut Figures| {
        'restart: loop {
            for (total, members) in f.families.clone() {
                let broken = f.local_breaks_one(&total, &members, k);
                if !broken {
                    continue;
                }
                let fewest = members
                    .iter()
                    .filter(|m| f.rows[*m] > 0 && f.state[*m] == S)
                    .fold(None::<Key>, |best, m| match best {
                        Some(b) if f.rows[&b] <= f.rows[m] => Some(b),
                        _ => Some(*m),
                    });
                let pick = fewest.unwrap_or(total);
                assert_eq!(f.state[&pick], S);
                f.state.insert(pick, T);
                continue 'restart;
            }
            break;
        }
    };
    local(&mut f);
    loop {
        let det = f.determined_small(k);
        let Some(first) = order.iter().find(|key| det.contains(key)).copied() else {
            break;
        };
        let shows =
            |f: &Figures, line: &[Key]| line.iter().any(|g| f.rows[g] > 0 && f.state[g] == S);
        let overall_line = |c: usize| (0..3).map(|r| Key::Overall(c, r)).collect::<Vec<_>>();
        let program_line = |q: usize| (0..3).map(|r| Key::Program(q, r)).collect::<Vec<_>>();
        let line = match first {
            Key::Overall(c, _) | Key::CohortQuarter(c, _, _) if shows(&f, &overall_line(c)) => {
                overall_line(c)
            }
            Key::CohortQuarter(_, q, _) => {
                assert!(shows(&f, &program_line(q)), "no rule for {first:?}");
                program_line(q)
            }
            Key::Overall(c, r) => {
                let q = rows.cohorts[c]
                    .quarters
                    .iter()
                    .map(|(q, _)| *q)
                    .find(|&q| {
                        f.state[&Key::CohortQuarter(c, q, r)] != S && shows(&f, &program_line(q))
                    })
                    .expect("rule 3 applies");
                program_line(q)
            }
            Key::Program(q, _) if shows(&f, &program_line(q)) => program_line(q),
            Key::Program(q, r) => {
                let c = (0..rows.cohorts.len())
                    .find(|&c| {
                        f.state
                            .get(&Key::CohortQuarter(c, q, r))
                            .is_some_and(|s| *s != S)
                            && shows(&f, &overall_line(c))
                    })
                    .expect("rule 3 applies");
                overall_line(c)
            }
        };
        for g in line {
            if f.rows[&g] > 0 && f.state[&g] == S {
                f.state.insert(g, C);
            }
        }
        local(&mut f);
    }
    Withholding {
        cohorts: rows
            .cohorts
            .iter()
            .enumerate()
            .map(|(c, cr)| CohortWithheld {
                overall: [0, 1, 2].map(|r| f.state[&Key::Overall(c, r)]),
                quarters: cr
                    .quarters
                    .iter()
                    .map(|(q, _)| [0, 1, 2].map(|r| f.state[&Key::CohortQuarter(c, *q, r)]))
                    .collect(),
            })
            .collect(),
        program: (0..rows.program.len())
            .map(|q| [0, 1, 2].map(|r| f.state[&Key::Program(q, r)]))
            .collect(),
    }
}
