//! Loading the six tables into a [`Program`] in dependency order, reporting every problem in one run; one module per table.

mod cohorts;
mod derive;
mod feedback;
mod goals;
mod lookup;
mod meetings;
mod merge;
mod pairs;
mod participants;
mod people;
mod placeholder;
mod rows;
mod scores;

use std::path::Path;

use crate::config::Config;
use crate::config::schema::TableKind;
use crate::date::Date;
use crate::diag::Diagnostics;

use super::intern::Interner;
use super::locate::{self, TableFiles};
use super::model::{Cohort, Pair, PairIx, Program};
use super::origins::Origins;
use lookup::{CohortNames, CohortRefs};
use participants::Enrolments;
use people::PeopleIndex;

/// Past this many bytes of event tables (meetings, goals, feedback), they
/// load one after the other rather than in parallel: each table's id
/// checks (`UniqueIds`, ~28 bytes a row) are freed before the next starts,
/// which at 3,000 cohorts takes ~60 MB off the load's peak for a few
/// percent of the time (BENCHMARKS.md, "Scale"). Below it, a program is
/// small enough for the speed of loading in parallel.
const LOAD_APART_BYTES: usize = 16 << 20;

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
    let derived = |kind: TableKind| config.data.table(kind).meaning.derive;
    let files: Vec<Option<TableFiles>> = TableKind::ALL
        .iter()
        .map(|&kind| {
            if derived(kind) {
                derive::refuse_file(root, config, kind, config_file, diags);
                return None;
            }
            let table = config.data.table(kind);
            locate::locate(root, &config.data.dir, kind, table, config_file, diags)
        })
        .collect();
    let file = |kind: TableKind| files[kind as usize].as_ref();
    let (derive_cohorts, derive_pairs) = (derived(TableKind::Cohorts), derived(TableKind::Pairs));
    if (file(TableKind::Cohorts).is_none() && !derive_cohorts)
        || (file(TableKind::Pairs).is_none() && !derive_pairs)
        || diags.error_count() > errors_before
    {
        return None;
    }
    // A file that feeds several tables: each message about it names the table.
    let shared = locate::shared_files(&files);
    let label = |kind: TableKind, d: &mut Diagnostics| label_shared(kind, file(kind), &shared, d);
    let survey = (derive_cohorts || derive_pairs)
        .then(|| derive::survey(config, &files, derive_cohorts, derive_pairs, diags));
    // A table that cannot give derived pairs their cohort makes every row
    // an error: one message says why.
    if diags.error_count() > errors_before {
        return None;
    }

    // Each table checks its references against the ids of those before it.
    let mut ids = Ids::default();
    let mut rows = RowCounts::default();
    let mut own = Diagnostics::new();
    let cohorts = match (file(TableKind::Cohorts), &survey) {
        (Some(f), _) => {
            let (cohorts, n) = cohorts::load(f, config, &mut ids, &mut own);
            rows.cohorts = n;
            cohorts
        }
        (None, Some(survey)) => {
            let cohorts = derive::cohorts(survey, &mut ids, &mut own);
            rows.cohorts = cohorts.len();
            cohorts
        }
        (None, None) => return None,
    };
    label(TableKind::Cohorts, &mut own);
    diags.extend(std::mem::take(&mut own));
    ids.cohort_names = CohortNames::of(&cohorts);
    let participants = file(TableKind::Participants).map(|f| {
        let (enrolments, n) = participants::load(f, config, &mut ids, &mut own);
        rows.participants = n;
        enrolments
    });
    label(TableKind::Participants, &mut own);
    diags.extend(std::mem::take(&mut own));
    let pairs = match (file(TableKind::Pairs), &survey) {
        (Some(f), _) => {
            let (pairs, n) = pairs::load(f, config, &mut ids, &cohorts, &mut own);
            rows.pairs = n;
            pairs
        }
        (None, Some(survey)) => {
            let pairs = derive::pairs(survey, config, &mut ids, &cohorts, &mut own);
            rows.pairs = pairs.len();
            pairs
        }
        (None, None) => return None,
    };
    // Pairs with errors stand in as zeros, which would all look alike.
    if diags.error_count() == errors_before && !own.has_errors() {
        placeholder::warn(&pairs, &ids.people, &ids.pairs_file, &mut own);
    }
    label(TableKind::Pairs, &mut own);
    diags.extend(own);

    // The three event tables only read what is loaded so far: a small
    // program loads them in parallel.
    let people = PeopleIndex::of(&pairs, ids.people.len());
    let refs = Referenced {
        config,
        ids: &ids,
        cohorts: &cohorts,
        pairs: &pairs,
        people: &people,
        derived_pairs: derive_pairs,
    };
    let load_meetings = || {
        on_its_own(file(TableKind::Meetings), |f, d| {
            meetings::load(&refs, f, d)
        })
    };
    let load_goals = || on_its_own(file(TableKind::Goals), |f, d| goals::load(&refs, f, d));
    let load_feedback = || {
        on_its_own(file(TableKind::Feedback), |f, d| {
            feedback::load(&refs, f, d)
        })
    };
    let event_bytes: usize = [TableKind::Meetings, TableKind::Goals, TableKind::Feedback]
        .into_iter()
        .filter_map(file)
        .map(TableFiles::size_hint)
        .sum();
    let (meetings, (goals, feedback)) = if event_bytes > LOAD_APART_BYTES {
        // One after the other, each table's id checks freed before the
        // next: in parallel they were most of the load's peak.
        (load_meetings(), (load_goals(), load_feedback()))
    } else {
        rayon::join(load_meetings, || rayon::join(load_goals, load_feedback))
    };
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
    cohort_names: CohortNames,
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
    /// Each person's pairs, to find a pair named by its people.
    people: &'a PeopleIndex,
    /// The pairs were derived from the event tables (`[data.pairs] derive`).
    derived_pairs: bool,
}

impl Ids {
    /// How `kind`'s rows find the cohort they name.
    fn cohort_refs(&self, kind: TableKind, config: &Config) -> CohortRefs<'_> {
        CohortRefs {
            ids: &self.cohorts,
            names: &self.cohort_names,
            file: &self.cohorts_file,
            table: kind,
            by_name: config.data.table(kind).meaning.cohort_by_name,
        }
    }
}

impl Referenced<'_> {
    /// How `kind`'s rows find the cohort they name.
    fn cohort_refs(&self, kind: TableKind) -> CohortRefs<'_> {
        self.ids.cohort_refs(kind, self.config)
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
