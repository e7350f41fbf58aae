//! Derived cohorts and pairs (`[data.cohorts] derive`, `[data.pairs] derive`): made from the other tables' rows when the program has no such file (docs/data.md, "Derived pairs and cohorts").
//!
//! A first, silent pass over the other tables (after their skipped rows)
//! notes each cohort id and each (cohort, mentor, mentee) with its earliest
//! date; the tables are then loaded as usual against what it made, and
//! report their own problems.

use std::path::Path;

use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::config::schema::{Col, Role, TableKind, cols};
use crate::data::intern::Interner;
use crate::data::locate::TableFiles;
use crate::data::model::{Cohort, Pair};
use crate::data::slug::path_slug;
use crate::date::Date;
use crate::diag::{Diagnostics, quoted};

use super::Ids;
use super::cohorts::{Slugs, address_problem};
use super::rows::for_each_row;

/// How messages name the tables a program derives.
pub(super) const DERIVED_COHORTS: &str = "the cohorts derived from the data";
pub(super) const DERIVED_PAIRS: &str = "the pairs derived from the data";

/// Where something was first seen, for messages.
#[derive(Clone, Debug)]
struct Place {
    file: String,
    line: usize,
}

/// A cohort id as the other tables write it.
struct SeenCohort {
    id: String,
    /// The earliest date among its rows (none for participants alone).
    date: Option<Date>,
    place: Place,
}

/// A mentor and mentee named together in a row of an event table.
struct SeenPair {
    kind: TableKind,
    cohort: String,
    mentor: String,
    mentee: String,
    date: Date,
    place: Place,
}

/// What the other tables say about the cohorts and pairs they name.
#[derive(Default)]
pub(super) struct Survey {
    cohorts: Vec<SeenCohort>,
    cohort_at: FxHashMap<String, usize>,
    pairs: Vec<SeenPair>,
    pair_at: FxHashMap<(TableKind, String, String, String), usize>,
}

/// The columns a table names cohorts, dates and people in.
struct Columns {
    kind: TableKind,
    cohort: Col,
    date: Option<Col>,
    /// Mentor and mentee, in the event tables.
    people: Option<(Col, Col)>,
}

const COLUMNS: [Columns; 5] = [
    Columns {
        kind: TableKind::Participants,
        cohort: cols::participants::COHORT_ID,
        date: None,
        people: None,
    },
    Columns {
        kind: TableKind::Pairs,
        cohort: cols::pairs::COHORT_ID,
        date: Some(cols::pairs::MATCHED_ON),
        people: None,
    },
    Columns {
        kind: TableKind::Meetings,
        cohort: cols::meetings::COHORT_ID,
        date: Some(cols::meetings::DATE),
        people: Some((cols::meetings::MENTOR_ID, cols::meetings::MENTEE_ID)),
    },
    Columns {
        kind: TableKind::Goals,
        cohort: cols::goals::COHORT_ID,
        date: Some(cols::goals::CREATED_ON),
        people: Some((cols::goals::MENTOR_ID, cols::goals::MENTEE_ID)),
    },
    Columns {
        kind: TableKind::Feedback,
        cohort: cols::feedback::COHORT_ID,
        date: Some(cols::feedback::SUBMITTED_ON),
        people: Some((cols::feedback::MENTOR_ID, cols::feedback::MENTEE_ID)),
    },
];

/// Reports a derived table that also has a file: the config names one, or
/// `DIR/NAME.csv|toml` exists.
pub(super) fn refuse_file(
    root: &Path,
    config: &Config,
    kind: TableKind,
    config_file: &str,
    diags: &mut Diagnostics,
) {
    let table = config.data.table(kind);
    let name = kind.name();
    let dir = config.data.dir.trim_end_matches('/');
    let file = match table.files.path.first() {
        Some(path) => Some(format!("`data.{name}.path` names {}", quoted(path))),
        None => ["csv", "toml"]
            .iter()
            .map(|ext| format!("{dir}/{name}.{ext}"))
            .find(|rel| root.join(rel).is_file())
            .map(|rel| format!("{rel} exists")),
    };
    if let Some(file) = file {
        diags.error(
            config_file,
            table.meaning.derive_line,
            format!(
                "`data.{name}.derive`: the {name} are derived from the other tables, but {file} (remove `derive = true` to read the file, or the file to derive them)"
            ),
        );
    }
}

/// The silent first pass: the cohort ids (when cohorts are derived) and
/// the mentor and mentee pairs (when pairs are derived) of the other
/// tables' rows. Reports only a table that names pairs by their people
/// without a cohort column, as derived pairs are per cohort.
pub(super) fn survey(
    config: &Config,
    files: &[Option<TableFiles>],
    derive_cohorts: bool,
    derive_pairs: bool,
    diags: &mut Diagnostics,
) -> Survey {
    let mut survey = Survey::default();
    for columns in &COLUMNS {
        let Some(Some(file)) = files.get(columns.kind as usize) else {
            continue;
        };
        let pairs_here = derive_pairs && columns.people.is_some();
        if !derive_cohorts && !pairs_here {
            continue;
        }
        let mut silent = Diagnostics::new();
        let mut no_cohort_column = false;
        let mut header_at: Option<(String, usize)> = None;
        for_each_row(
            file,
            columns.kind,
            config,
            &mut silent,
            |layout, header, _| {
                if let Some((mentor, mentee)) = columns.people {
                    no_cohort_column = pairs_here
                        && layout.has(mentor)
                        && layout.has(mentee)
                        && !layout.has(columns.cohort);
                }
                if no_cohort_column {
                    header_at = Some((header.display.to_string(), header.line));
                }
                !no_cohort_column
            },
            |r| {
                let cohort = r.text(columns.cohort);
                let date = columns.date.and_then(|c| r.date(c));
                let place = Place {
                    file: r.file.to_string(),
                    line: r.line(),
                };
                if derive_cohorts && let Some(cohort) = cohort {
                    survey.cohort(cohort, date, &place);
                }
                if !pairs_here {
                    return;
                }
                let people = columns.people.map(|(m, e)| (r.text(m), r.text(e)));
                if let (Some((Some(mentor), Some(mentee))), Some(cohort), Some(date)) =
                    (people, cohort, date)
                {
                    survey.pair(columns.kind, cohort, mentor, mentee, date, place);
                }
            },
        );
        if let Some((display, line)) = header_at {
            let name = columns.kind.name();
            diags.error(
                &display,
                Some(line),
                format!(
                    "`data.pairs.derive`: the {name} name pairs by their people but have no `cohort_id` column, and derived pairs are per cohort (map one in `[data.{name}.columns]`, or give every row one with `[data.{name}.constants]`)"
                ),
            );
        }
    }
    survey
}

impl Survey {
    fn cohort(&mut self, id: &str, date: Option<Date>, place: &Place) {
        match self.cohort_at.get(id) {
            Some(&at) => {
                let seen = &mut self.cohorts[at];
                seen.date = match (seen.date, date) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
            None => {
                self.cohort_at.insert(id.to_string(), self.cohorts.len());
                self.cohorts.push(SeenCohort {
                    id: id.to_string(),
                    date,
                    place: place.clone(),
                });
            }
        }
    }

    fn pair(
        &mut self,
        kind: TableKind,
        cohort: &str,
        mentor: &str,
        mentee: &str,
        date: Date,
        place: Place,
    ) {
        let key = (
            kind,
            cohort.to_string(),
            mentor.to_string(),
            mentee.to_string(),
        );
        match self.pair_at.get(&key) {
            Some(&at) => {
                let seen = &mut self.pairs[at];
                seen.date = seen.date.min(date);
            }
            None => {
                self.pair_at.insert(key, self.pairs.len());
                self.pairs.push(SeenPair {
                    kind,
                    cohort: cohort.to_string(),
                    mentor: mentor.to_string(),
                    mentee: mentee.to_string(),
                    date,
                    place,
                });
            }
        }
    }
}

/// The derived cohorts, in order of their start date (then id): one per
/// cohort id, named by it, starting on its earliest row, with no end.
/// Interns their ids in `ids`.
pub(super) fn cohorts(survey: &Survey, ids: &mut Ids, diags: &mut Diagnostics) -> Vec<Cohort> {
    ids.cohorts_file = DERIVED_COHORTS.to_string();
    let mut seen: Vec<&SeenCohort> = survey.cohorts.iter().collect();
    seen.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let mut slugs = Slugs::default();
    let mut cohorts = Vec::with_capacity(seen.len());
    for c in seen {
        let Some(start) = c.date else {
            diags.error(
                &c.place.file,
                Some(c.place.line),
                format!(
                    "column `cohort_id`: cohort {} is named only by rows without a date, so its start cannot be derived (`data.cohorts.derive`: give it a pair, meeting, goal or response, or give the cohorts a file)",
                    quoted(&c.id)
                ),
            );
            continue;
        };
        let slug = path_slug(&c.id);
        if let Some(problem) = address_problem(&c.id, &slug, &slugs, &|l| format!("line {l}")) {
            diags.error(
                &c.place.file,
                Some(c.place.line),
                format!("column `cohort_id`: {problem}"),
            );
        }
        slugs.insert(slug.clone(), (c.id.clone(), c.place.line));
        ids.cohorts.intern(&c.id);
        cohorts.push(Cohort {
            id: c.id.clone(),
            slug,
            name: c.id.clone(),
            start_date: start,
            end_date: None,
            description: None,
            track: None,
        });
    }
    diags.note(
        TableKind::Cohorts.name(),
        format!(
            "{} derived from the cohort ids of the other tables (`derive = true`)",
            cohorts.len()
        ),
    );
    cohorts
}

/// The derived pairs, by cohort and then match date: one per (cohort,
/// mentor, mentee) named together in a row, matched on its earliest row,
/// not ended. Interns their people in `ids` and checks them against the
/// participants' enrolments, as the pairs table's rows are.
pub(super) fn pairs(
    survey: &Survey,
    config: &Config,
    ids: &mut Ids,
    cohorts: &[Cohort],
    diags: &mut Diagnostics,
) -> Vec<Pair> {
    // Rows of several tables (and, by name, several spellings) may name
    // the same pair: one per (cohort, mentor, mentee), its earliest date.
    let mut by_key: FxHashMap<(u32, &str, &str), usize> = FxHashMap::default();
    let mut found: Vec<(u32, &SeenPair, Date)> = Vec::new();
    for seen in &survey.pairs {
        // A cohort that is not found is reported by the table's own pass.
        let Some(cohort) = ids.cohort_refs(seen.kind, config).quiet(&seen.cohort) else {
            continue;
        };
        let key = (cohort, seen.mentor.as_str(), seen.mentee.as_str());
        match by_key.get(&key) {
            Some(&at) => found[at].2 = found[at].2.min(seen.date),
            None => {
                by_key.insert(key, found.len());
                found.push((cohort, seen, seen.date));
            }
        }
    }
    // Stable: pairs matched the same day keep the order they were seen in.
    found.sort_by_key(|(cohort, _, date)| (*cohort, *date));
    ids.pairs_file = DERIVED_PAIRS.to_string();
    ids.pairs = Interner::with_capacity(found.len());
    let have_participants = !ids.participants_file.is_empty();
    let mut pairs = Vec::with_capacity(found.len());
    for (cohort, seen, matched_on) in found {
        let cohort_id = cohorts.get(cohort as usize).map_or("?", |c| c.id.as_str());
        let mut person = |column: Col, text: &str, role: Role| {
            let ix = ids.people.intern(text);
            let at = (&seen.place.file, Some(seen.place.line));
            match ids.enrolments.get(cohort, ix) {
                Some((enrolled_as, line)) if enrolled_as != role => diags.error(
                    at.0,
                    at.1,
                    format!(
                        "column `{}`: {} is enrolled in cohort {} as a {} ({}:{line}), not as a {}",
                        column.name,
                        quoted(text),
                        quoted(cohort_id),
                        enrolled_as.as_str(),
                        ids.participants_file,
                        role.as_str()
                    ),
                ),
                None if have_participants => diags.warning(
                    at.0,
                    at.1,
                    format!(
                        "column `{}`: {} is not enrolled in cohort {} in {}",
                        column.name,
                        quoted(text),
                        quoted(cohort_id),
                        ids.participants_file
                    ),
                ),
                _ => {}
            }
            ix
        };
        let (mentor_col, mentee_col) = COLUMNS
            .iter()
            .find(|c| c.kind == seen.kind)
            .and_then(|c| c.people)
            .unwrap_or((cols::meetings::MENTOR_ID, cols::meetings::MENTEE_ID));
        let mentor = person(mentor_col, &seen.mentor, Role::Mentor);
        let mentee = person(mentee_col, &seen.mentee, Role::Mentee);
        if mentor == mentee {
            diags.error(
                &seen.place.file,
                Some(seen.place.line),
                format!(
                    "column `{}`: {} is also the pair's mentor (expected two different people)",
                    mentee_col.name,
                    quoted(&seen.mentee)
                ),
            );
        }
        ids.pairs
            .intern(&format!("{} → {} in {cohort_id}", seen.mentor, seen.mentee));
        pairs.push(Pair {
            cohort,
            mentor,
            mentee,
            matched_on,
            ended_on: None,
            status: None,
        });
    }
    diags.note(
        TableKind::Pairs.name(),
        format!(
            "{} derived from the rows that name a mentor and a mentee (`derive = true`)",
            pairs.len()
        ),
    );
    pairs
}
