//! Loading the six tables into a [`Program`] in dependency order, reporting every problem in one run; one module per table.

mod cohorts;
mod feedback;
mod goals;
mod meetings;
mod pairs;
mod participants;
mod rows;

use std::path::Path;

use crate::config::Config;
use crate::config::schema::{Col, TableKind};
use crate::date::Date;
use crate::diag::{Diagnostics, quoted};

use super::fields::RowReader;
use super::intern::Interner;
use super::locate::{self, TableFiles};
use super::model::{Cohort, Pair, PairIx, Program};
use super::origins::Origins;
use participants::Enrolments;

/// What was read, for `mentorbook check`'s summary line.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct RowCounts {
    pub cohorts: usize,
    pub participants: usize,
    pub pairs: usize,
    pub meetings: usize,
    pub goals: usize,
    pub feedback: usize,
}

/// The loaded program, or `None` when any error was reported.
pub struct Loaded {
    pub program: Program,
    pub rows: RowCounts,
}

/// Loads every table of the program folder at `root`. Errors and warnings
/// go to `diags`; the program is returned only when there is no error.
pub(super) fn load(
    root: &Path,
    config: &Config,
    config_file: &str,
    diags: &mut Diagnostics,
) -> Option<Loaded> {
    let errors_before = diags.error_count();
    let files: Vec<Option<TableFiles>> = TableKind::ALL
        .iter()
        .map(|&kind| {
            let table = config.data.table(kind);
            locate::locate(root, &config.data.dir, kind, table, config_file, diags)
        })
        .collect();
    if diags.error_count() > errors_before {
        return None;
    }
    let file = |kind: TableKind| files[kind as usize].as_ref();
    let (Some(cohorts_file), Some(pairs_file)) = (file(TableKind::Cohorts), file(TableKind::Pairs))
    else {
        return None;
    };
    // A file that feeds several tables: each message about it names the table.
    let shared = locate::shared_files(&files);
    let label = |kind: TableKind, d: &mut Diagnostics| label_shared(kind, file(kind), &shared, d);

    // Each table checks its references against the ids of those before it.
    let mut ids = Ids::default();
    let mut rows = RowCounts::default();
    let mut own = Diagnostics::new();
    let (cohorts, n) = cohorts::load(cohorts_file, config, &mut ids, &mut own);
    label(TableKind::Cohorts, &mut own);
    diags.extend(std::mem::take(&mut own));
    rows.cohorts = n;
    let participants = file(TableKind::Participants).map(|f| {
        let (enrolments, n) = participants::load(f, config, &mut ids, &mut own);
        rows.participants = n;
        enrolments
    });
    label(TableKind::Participants, &mut own);
    diags.extend(std::mem::take(&mut own));
    let (pairs, n) = pairs::load(pairs_file, config, &mut ids, &cohorts, &mut own);
    label(TableKind::Pairs, &mut own);
    diags.extend(own);
    rows.pairs = n;

    // The three event tables only read what is loaded so far: load them in parallel.
    let refs = Referenced {
        config,
        ids: &ids,
        cohorts: &cohorts,
        pairs: &pairs,
    };
    let (meetings, (goals, feedback)) = rayon::join(
        || {
            on_its_own(file(TableKind::Meetings), |f, d| {
                meetings::load(&refs, f, d)
            })
        },
        || {
            rayon::join(
                || on_its_own(file(TableKind::Goals), |f, d| goals::load(&refs, f, d)),
                || {
                    on_its_own(file(TableKind::Feedback), |f, d| {
                        feedback::load(&refs, f, d)
                    })
                },
            )
        },
    );
    let (mut m, mut g, mut f) = (meetings, goals, feedback);
    for (kind, d) in [
        (TableKind::Meetings, m.as_mut().map(|a| &mut a.2)),
        (TableKind::Goals, g.as_mut().map(|a| &mut a.2)),
        (TableKind::Feedback, f.as_mut().map(|a| &mut a.2)),
    ] {
        if let Some(d) = d {
            label(kind, d);
        }
    }
    let meetings = unpack(m, &mut rows.meetings, diags);
    let goals = unpack(g, &mut rows.goals, diags);
    let feedback = unpack(f, &mut rows.feedback, diags);

    if diags.error_count() > errors_before {
        return None;
    }
    Some(Loaded {
        program: Program {
            cohorts,
            pairs,
            participants,
            meetings,
            goals,
            feedback,
            people: ids.people.len(),
        },
        rows,
    })
}

/// A table's rows, the count of its file's rows, and its own diagnostics.
type Apart<T> = (Vec<T>, usize, Diagnostics);

/// Names the table in each message about a file that also feeds another
/// table (`exports/log.csv:14: meetings: column ...`, docs/data.md).
fn label_shared(
    kind: TableKind,
    files: Option<&TableFiles>,
    shared: &[std::path::PathBuf],
    diags: &mut Diagnostics,
) {
    let Some(files) = files else { return };
    let names: Vec<&str> = files
        .files
        .iter()
        .filter(|f| {
            let path = std::fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone());
            shared.contains(&path)
        })
        .map(|f| f.display.as_str())
        .collect();
    if names.is_empty() {
        return;
    }
    diags.label_messages(kind.name(), |file| {
        names.iter().any(|n| {
            file.strip_prefix(n)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('['))
        })
    });
}

/// Loads a table, if the folder has it, with diagnostics of its own, so
/// that tables can load in parallel.
fn on_its_own<T>(
    file: Option<&TableFiles>,
    load: impl FnOnce(&TableFiles, &mut Diagnostics) -> (Vec<T>, usize),
) -> Option<Apart<T>> {
    file.map(|file| {
        let mut diags = Diagnostics::new();
        let (items, count) = load(file, &mut diags);
        (items, count, diags)
    })
}

/// Takes a table loaded on its own: its rows, its count and its diagnostics.
fn unpack<T>(
    loaded: Option<Apart<T>>,
    count: &mut usize,
    diags: &mut Diagnostics,
) -> Option<Vec<T>> {
    loaded.map(|(items, n, d)| {
        *count = n;
        diags.extend(d);
        items
    })
}

/// The ids read so far, with the files they came from and each person's
/// enrolments: what later tables check their references against.
#[derive(Default)]
struct Ids {
    cohorts: Interner,
    cohorts_file: String,
    people: Interner,
    /// Empty when the folder has no participants table.
    participants_file: String,
    /// Where the participants' rows came from (enrolments keep positions).
    participants_origins: Origins,
    enrolments: Enrolments,
    pairs: Interner,
    pairs_file: String,
}

/// What the event tables refer to: the cohorts and pairs with their ids.
/// Read-only, so that the event tables load in parallel.
struct Referenced<'a> {
    config: &'a Config,
    ids: &'a Ids,
    cohorts: &'a [Cohort],
    pairs: &'a [Pair],
}

impl Referenced<'_> {
    /// Reads a `pair_id` reference; reports an unknown pair.
    fn pair_ref(&self, r: &mut RowReader, column: Col, required: bool) -> Option<PairIx> {
        let id = if required {
            r.required_text(column, "a pair id")?
        } else {
            r.text(column)?
        };
        let found = self.ids.pairs.find(id);
        if found.is_none() {
            r.error(
                column,
                format!("{} is not a pair in {}", quoted(id), self.ids.pairs_file),
            );
        }
        found
    }

    /// The pair's cohort; `None` when the cohorts table could not be read,
    /// so the pairs' cohort indices point at nothing.
    fn cohort_of(&self, pair: PairIx) -> Option<&Cohort> {
        let p = self.pairs.get(pair as usize)?;
        self.cohorts.get(p.cohort as usize)
    }

    /// The days the pair met: from `matched_on` to `ended_on` if it ended.
    fn pair_window(&self, pair: PairIx) -> (Date, Option<Date>) {
        let p = &self.pairs[pair as usize];
        (p.matched_on, p.ended_on)
    }
}
