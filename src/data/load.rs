//! Loading and validating the six tables into a [`Program`], reporting every problem in one run.

use std::path::Path;

use rustc_hash::FxHashMap;

use crate::config::{Config, TableConfig, TableKind};
use crate::date::Date;
use crate::diag::{Diagnostics, quoted};

use super::fields::{Col, Columns, DateMemo, RowReader, ValueSet, resolve};
use super::intern::{Interner, UniqueIds};
use super::model::*;
use super::source::{self, TableFile};

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
pub fn load(
    root: &Path,
    config: &Config,
    config_file: &str,
    diags: &mut Diagnostics,
) -> Option<Loaded> {
    let errors_before = diags.error_count();
    let files: Vec<Option<TableFile>> = TableKind::ALL
        .iter()
        .map(|&kind| {
            source::locate(
                root,
                &config.data.dir,
                kind,
                table_config(config, kind),
                config_file,
                diags,
            )
        })
        .collect();
    let file = |kind: TableKind| files[kind as usize].as_ref();
    let (Some(cohorts_file), Some(pairs_file)) = (file(TableKind::Cohorts), file(TableKind::Pairs))
    else {
        return None;
    };

    let mut ctx = Context::default();
    let mut rows = RowCounts::default();
    let cohorts = load_cohorts(cohorts_file, config, &mut ctx, &mut rows, diags);
    let participants = file(TableKind::Participants)
        .map(|f| load_participants(f, config, &mut ctx, &mut rows, diags));
    let pairs = load_pairs(pairs_file, config, &mut ctx, &cohorts, &mut rows, diags);

    // The three event tables only read what is loaded so far: load them in parallel.
    let shared = Shared {
        config,
        ctx: &ctx,
        cohorts: &cohorts,
        pairs: &pairs,
    };
    let (meetings, (goals, feedback)) = rayon::join(
        || file(TableKind::Meetings).map(|f| shared.meetings(f)),
        || {
            rayon::join(
                || file(TableKind::Goals).map(|f| shared.goals(f)),
                || file(TableKind::Feedback).map(|f| shared.feedback(f)),
            )
        },
    );
    let meetings = unpack(meetings, &mut rows.meetings, diags);
    let goals = unpack(goals, &mut rows.goals, diags);
    let feedback = unpack(feedback, &mut rows.feedback, diags);

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
            people: ctx.people.len(),
        },
        rows,
    })
}

/// Takes a table loaded on its own: its rows, its count and its diagnostics.
fn unpack<T>(
    loaded: Option<(Vec<T>, usize, Diagnostics)>,
    count: &mut usize,
    diags: &mut Diagnostics,
) -> Option<Vec<T>> {
    loaded.map(|(items, n, d)| {
        *count = n;
        diags.extend(d);
        items
    })
}

fn table_config(config: &Config, kind: TableKind) -> &TableConfig {
    static PLAIN: std::sync::OnceLock<TableConfig> = std::sync::OnceLock::new();
    config.data.tables.get(&kind).unwrap_or_else(|| {
        PLAIN.get_or_init(|| TableConfig {
            delimiter: b',',
            ..TableConfig::default()
        })
    })
}

/// Ids and where they were first seen, for references and duplicate checks.
#[derive(Default)]
struct Context {
    cohort_ids: Interner,
    cohort_files: String,
    cohort_lines: Vec<usize>,
    people: Interner,
    participants_file: String,
    enrolments: Enrolments,
    pair_ids: Interner,
    pairs_file: String,
}

/// Each person's enrolments: (cohort, person) → (role, line). Most people
/// are enrolled once, so the first enrolment sits in a vector indexed by
/// person and only the others need a hash map.
#[derive(Default)]
struct Enrolments {
    first: Vec<Option<(CohortIx, Role, usize)>>,
    more: FxHashMap<(CohortIx, PersonIx), (Role, usize)>,
}

impl Enrolments {
    fn get(&self, cohort: CohortIx, person: PersonIx) -> Option<(Role, usize)> {
        match self.first.get(person as usize).copied().flatten() {
            Some((c, role, line)) if c == cohort => Some((role, line)),
            Some(_) => self.more.get(&(cohort, person)).copied(),
            None => None,
        }
    }

    /// Records an enrolment not already there.
    fn insert(&mut self, cohort: CohortIx, person: PersonIx, role: Role, line: usize) {
        let i = person as usize;
        if self.first.len() <= i {
            self.first.resize(i + 1, None);
        }
        match self.first[i] {
            None => self.first[i] = Some((cohort, role, line)),
            Some(_) => {
                self.more.insert((cohort, person), (role, line));
            }
        }
    }
}

/// The shortest row worth reserving for: a pair id, a date and separators.
const MIN_ROW_BYTES: usize = 16;

/// A vector with room for every row the file could hold, so that loading
/// never copies a table to grow it. Room never written to costs address
/// space only: the system maps memory in as it is first touched. Where the
/// system refuses that much address space (a huge file, strict overcommit),
/// the vector starts empty and grows as rows come, rather than aborting.
fn rows_for<T>(file: &TableFile) -> Vec<T> {
    let mut rows = Vec::new();
    // Growing as rows come is the fallback when this fails, so the error
    // needs no handling.
    let _ = rows.try_reserve_exact(file.size_hint() / MIN_ROW_BYTES);
    rows
}

/// Gives back the room [`rows_for`] reserved beyond the rows read.
fn fitted<T>(mut rows: Vec<T>) -> Vec<T> {
    rows.shrink_to_fit();
    rows
}

/// Reads a table, handing each row to `on_row` with a [`RowReader`].
fn for_each_row(
    file: &TableFile,
    kind: TableKind,
    config: &Config,
    required: &[&str],
    diags: &mut Diagnostics,
    mut check_columns: impl FnMut(&Columns, &mut Diagnostics) -> bool,
    mut on_row: impl FnMut(&mut RowReader),
) -> usize {
    let table = table_config(config, kind);
    let mut count = 0;
    let mut dates = DateMemo::default();
    source::read(
        file,
        kind,
        table.delimiter,
        diags,
        &mut |headers, diags| {
            resolve(kind, table, headers, &file.display, required, diags)
                .filter(|c| check_columns(c, diags))
        },
        &mut |columns: &Columns, row, diags| {
            count += 1;
            let mut reader = RowReader::new(
                row,
                &file.display,
                columns,
                table.date_format.as_deref(),
                diags,
                &mut dates,
            );
            on_row(&mut reader);
        },
    );
    count
}

fn no_extra_check(_: &Columns, _: &mut Diagnostics) -> bool {
    true
}

fn load_cohorts(
    file: &TableFile,
    config: &Config,
    ctx: &mut Context,
    rows: &mut RowCounts,
    diags: &mut Diagnostics,
) -> Vec<Cohort> {
    use super::fields::cols::cohorts as c;
    let mut cohorts = Vec::new();
    let mut slugs: FxHashMap<String, (String, usize)> = FxHashMap::default();
    ctx.cohort_files = file.display.clone();
    rows.cohorts = for_each_row(
        file,
        TableKind::Cohorts,
        config,
        &["cohort_id", "name", "start_date"],
        diags,
        no_extra_check,
        |r| {
            let id = r.required_text(c::COHORT_ID, "an id");
            let name = r.required_text(c::NAME, "a name");
            let start = r.required_date(c::START_DATE);
            let end = r.date(c::END_DATE);
            let description = r.text(c::DESCRIPTION);
            let track = r.text(c::TRACK);
            if let (Some(start), Some(end)) = (start, end)
                && end < start
            {
                r.error(
                    c::END_DATE,
                    format!("{end} is before start_date {start} (expected the same day or later)"),
                );
            }
            let Some(id) = id else { return };
            if let Err(first) = ctx.cohort_ids.insert(id) {
                let line = ctx.cohort_lines[first as usize];
                r.error(
                    c::COHORT_ID,
                    format!("{} is a duplicate (first on line {line})", quoted(id)),
                );
                return;
            }
            let slug = slugify(id);
            if slug.is_empty() {
                r.error(
                    c::COHORT_ID,
                    format!(
                        "{} has no ASCII letter or digit to make a page address from",
                        quoted(id)
                    ),
                );
            } else if slug.len() > MAX_SLUG_LEN {
                r.error(
                    c::COHORT_ID,
                    format!(
                        "{} makes a page address of {} characters, more than the {MAX_SLUG_LEN} a folder name can safely have (expected a shorter id)",
                        quoted(id),
                        slug.len()
                    ),
                );
            } else if is_reserved_name(&slug) {
                r.error(
                    c::COHORT_ID,
                    format!(
                        "{} makes the page address cohorts/{slug}/, a folder name Windows reserves for a device (expected another id, e.g. {slug}-1)",
                        quoted(id)
                    ),
                );
            } else if let Some((other, line)) = slugs.get(&slug) {
                r.error(
                    c::COHORT_ID,
                    format!(
                        "{} and {} (line {line}) would share the page address cohorts/{slug}/ (expected ids that differ in more than case and punctuation)",
                        quoted(id),
                        quoted(other)
                    ),
                );
            }
            ctx.cohort_lines.push(r.line());
            slugs.insert(slug.clone(), (id.to_string(), r.line()));
            let (Some(name), Some(start), false) = (name, start, r.bad) else {
                // Keep indices aligned with the interner; the row is an error anyway.
                cohorts.push(Cohort {
                    id: id.to_string(),
                    slug,
                    name: String::new(),
                    start_date: Date(0),
                    end_date: None,
                    description: None,
                    track: None,
                });
                return;
            };
            cohorts.push(Cohort {
                id: id.to_string(),
                slug,
                name: name.to_string(),
                start_date: start,
                end_date: end,
                description: description.map(str::to_string),
                track: track.map(str::to_string),
            });
        },
    );
    cohorts
}

fn load_participants(
    file: &TableFile,
    config: &Config,
    ctx: &mut Context,
    rows: &mut RowCounts,
    diags: &mut Diagnostics,
) -> Vec<Enrolment> {
    use super::fields::cols::participants as c;
    let kind = TableKind::Participants;
    let roles = ValueSet::new(kind, table_config(config, kind), c::ROLE);
    let mut enrolments = rows_for(file);
    ctx.participants_file = file.display.clone();
    // About 60-70 bytes a row. The table rounds up to a power of two, so
    // an over-estimate can double it and slow every lookup, while an
    // under-estimate only costs a growth or two.
    ctx.people = Interner::with_capacity(file.size_hint() / 64);
    let Context {
        cohort_ids,
        cohort_files,
        people,
        enrolments: by_key,
        ..
    } = ctx;
    rows.participants = for_each_row(
        file,
        kind,
        config,
        &["participant_id", "cohort_id", "role"],
        diags,
        no_extra_check,
        |r| {
            let person = r.required_text(c::PARTICIPANT_ID, "an id");
            let cohort = cohort_ref(r, c::COHORT_ID, cohort_ids, cohort_files);
            let role = r.set_value(&roles, true).map(role_of);
            let (Some(person), Some(cohort), Some(role)) = (person, cohort, role) else {
                return;
            };
            let person_ix = people.intern(person);
            if let Some((_, line)) = by_key.get(cohort, person_ix) {
                r.error(
                    c::PARTICIPANT_ID,
                    format!(
                        "{} is already enrolled in cohort {} (line {line})",
                        quoted(person),
                        quoted(cohort_ids.get(cohort))
                    ),
                );
                return;
            }
            by_key.insert(cohort, person_ix, role, r.line());
            if !r.bad {
                enrolments.push(Enrolment {
                    person: person_ix,
                    cohort,
                    role,
                });
            }
        },
    );
    fitted(enrolments)
}

fn role_of(index: usize) -> Role {
    if index == 0 {
        Role::Mentor
    } else {
        Role::Mentee
    }
}

/// Reads a `cohort_id` reference; reports an unknown cohort.
fn cohort_ref(
    r: &mut RowReader,
    column: Col,
    cohort_ids: &Interner,
    cohorts_file: &str,
) -> Option<CohortIx> {
    let id = r.required_text(column, "a cohort id")?;
    cohort_lookup(r, column, id, cohort_ids, cohorts_file)
}

fn cohort_lookup(
    r: &mut RowReader,
    column: Col,
    id: &str,
    cohort_ids: &Interner,
    cohorts_file: &str,
) -> Option<CohortIx> {
    let found = cohort_ids.find(id);
    if found.is_none() {
        r.error(
            column,
            format!("{} is not a cohort in {cohorts_file}", quoted(id)),
        );
    }
    found
}

fn load_pairs(
    file: &TableFile,
    config: &Config,
    ctx: &mut Context,
    cohorts: &[Cohort],
    rows: &mut RowCounts,
    diags: &mut Diagnostics,
) -> Vec<Pair> {
    use super::fields::cols::pairs as c;
    let kind = TableKind::Pairs;
    let statuses = ValueSet::new(kind, table_config(config, kind), c::STATUS);
    let have_participants = !ctx.participants_file.is_empty();
    let mut pairs = rows_for(file);
    let mut pair_lines: Vec<usize> = Vec::new();
    ctx.pairs_file = file.display.clone();
    // About 58 bytes a row (see `people` on over-estimates).
    ctx.pair_ids = Interner::with_capacity(file.size_hint() / 56);
    let Context {
        cohort_ids,
        cohort_files,
        people,
        participants_file,
        enrolments,
        pair_ids,
        ..
    } = ctx;
    rows.pairs = for_each_row(
        file,
        kind,
        config,
        &[
            c::PAIR_ID.name,
            c::COHORT_ID.name,
            c::MENTOR_ID.name,
            c::MENTEE_ID.name,
            c::MATCHED_ON.name,
        ],
        diags,
        no_extra_check,
        |r| {
            let id = r.required_text(c::PAIR_ID, "an id");
            let cohort = cohort_ref(r, c::COHORT_ID, cohort_ids, cohort_files);
            let mentor = r.required_text(c::MENTOR_ID, "a participant id");
            let mentee = r.required_text(c::MENTEE_ID, "a participant id");
            let matched_on = r.required_date(c::MATCHED_ON);
            let ended_on = r.date(c::ENDED_ON);
            let status = r.set_value(&statuses, false).map(|i| match i {
                0 => PairStatus::Active,
                1 => PairStatus::Completed,
                _ => PairStatus::EndedEarly,
            });
            let Some(id) = id else { return };
            if let Err(first) = pair_ids.insert(id) {
                let line = pair_lines[first as usize];
                r.error(
                    c::PAIR_ID,
                    format!("{} is a duplicate (first on line {line})", quoted(id)),
                );
                return;
            }
            pair_lines.push(r.line());
            let mut person = |column: Col, text: Option<&str>, role: Role| {
                let text = text?;
                let ix = people.intern(text);
                if let Some(cohort) = cohort {
                    match enrolments.get(cohort, ix) {
                        Some((enrolled_as, line)) if enrolled_as != role => r.error(
                            column,
                            format!(
                                "{} is enrolled in cohort {} as a {} ({participants_file}:{line}), not as a {}",
                                quoted(text),
                                quoted(cohort_ids.get(cohort)),
                                enrolled_as.as_str(),
                                role.as_str()
                            ),
                        ),
                        None if have_participants => r.warning(
                            column,
                            format!(
                                "{} is not enrolled in cohort {} in {participants_file}",
                                quoted(text),
                                quoted(cohort_ids.get(cohort))
                            ),
                        ),
                        _ => {}
                    }
                }
                Some(ix)
            };
            let mentor = person(c::MENTOR_ID, mentor, Role::Mentor);
            let mentee = person(c::MENTEE_ID, mentee, Role::Mentee);
            if let (Some(a), Some(b)) = (mentor, mentee)
                && a == b
            {
                r.error(
                    c::MENTEE_ID,
                    format!(
                        "{} is also the pair's mentor (expected two different people)",
                        quoted(people.get(b))
                    ),
                );
            }
            if let (Some(m), Some(e)) = (matched_on, ended_on)
                && e < m
            {
                r.error(
                    c::ENDED_ON,
                    format!("{e} is before matched_on {m} (expected the same day or later)"),
                );
            }
            if let (Some(cohort), Some(m)) = (cohort, matched_on) {
                let c = &cohorts[cohort as usize];
                if m < c.start_date {
                    r.warning(
                        c::MATCHED_ON,
                        format!(
                            "{m} is before cohort {}'s start_date {}",
                            quoted(&c.id),
                            c.start_date
                        ),
                    );
                } else if let Some(end) = c.end_date.filter(|end| m > *end) {
                    r.warning(
                        c::MATCHED_ON,
                        format!("{m} is after cohort {}'s end_date {end}", quoted(&c.id)),
                    );
                }
            }
            match (status, ended_on) {
                (Some(PairStatus::Active), Some(e)) => r.warning(
                    c::STATUS,
                    format!("the pair is `active` but has ended_on {e}"),
                ),
                (Some(s @ (PairStatus::Completed | PairStatus::EndedEarly)), None) => r.warning(
                    c::ENDED_ON,
                    format!(
                        "missing for a pair whose status is `{}` (the pair counts as still running)",
                        if s == PairStatus::Completed { "completed" } else { "ended_early" }
                    ),
                ),
                _ => {}
            }
            let pair = match (cohort, mentor, mentee, matched_on) {
                (Some(cohort), Some(mentor), Some(mentee), Some(matched_on)) => Pair {
                    cohort,
                    mentor,
                    mentee,
                    matched_on,
                    ended_on,
                    status,
                },
                // Keep indices aligned with the interner; the row is an error anyway.
                _ => Pair {
                    cohort: 0,
                    mentor: 0,
                    mentee: 0,
                    matched_on: Date(0),
                    ended_on: None,
                    status: None,
                },
            };
            pairs.push(pair);
        },
    );
    fitted(pairs)
}

/// Reports each repeated id of a column that must be unique.
fn report_duplicates(ids: UniqueIds, file: &str, column: Col, diags: &mut Diagnostics) {
    for d in ids.duplicates() {
        diags.error(
            file,
            Some(d.line),
            format!(
                "column `{}`: {} is a duplicate (first on line {})",
                column.name,
                quoted(&d.id),
                d.first_line
            ),
        );
    }
}

/// Read-only state for loading the event tables, possibly in parallel.
struct Shared<'a> {
    config: &'a Config,
    ctx: &'a Context,
    cohorts: &'a [Cohort],
    pairs: &'a [Pair],
}

impl Shared<'_> {
    /// Reads a `pair_id` reference; reports an unknown pair.
    fn pair_ref(&self, r: &mut RowReader, column: Col, required: bool) -> Option<PairIx> {
        let id = if required {
            r.required_text(column, "a pair id")?
        } else {
            r.text(column)?
        };
        let found = self.ctx.pair_ids.find(id);
        if found.is_none() {
            r.error(
                column,
                format!("{} is not a pair in {}", quoted(id), self.ctx.pairs_file),
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

    fn pair_window_note(&self, pair: PairIx) -> (Date, Option<Date>) {
        let p = &self.pairs[pair as usize];
        (p.matched_on, p.ended_on)
    }

    fn meetings(&self, file: &TableFile) -> (Vec<Meeting>, usize, Diagnostics) {
        use super::fields::cols::meetings as c;
        let mut diags = Diagnostics::new();
        let mut meetings = rows_for(file);
        let mut ids = UniqueIds::with_capacity(file.size_hint() / 48);
        let count = for_each_row(
            file,
            TableKind::Meetings,
            self.config,
            &["pair_id", "date"],
            &mut diags,
            no_extra_check,
            |r| {
                let pair = self.pair_ref(r, c::PAIR_ID, true);
                let date = r.required_date(c::DATE);
                let minutes = r.non_negative(c::DURATION_MINUTES, "minutes");
                if let Some(id) = r.text(c::MEETING_ID) {
                    ids.note(id, r.line());
                }
                let (Some(pair), Some(date), false) = (pair, date, r.bad) else {
                    return;
                };
                let (matched, ended) = self.pair_window_note(pair);
                if date < matched || ended.is_some_and(|e| date > e) {
                    r.warning(
                        c::DATE,
                        format!(
                            "{date} is outside the pair's match window ({matched} to {})",
                            ended.map_or("now".to_string(), |e| e.to_string())
                        ),
                    );
                }
                meetings.push(Meeting {
                    pair,
                    date,
                    duration_minutes: minutes,
                });
            },
        );
        report_duplicates(ids, &file.display, c::MEETING_ID, &mut diags);
        (fitted(meetings), count, diags)
    }

    fn goals(&self, file: &TableFile) -> (Vec<Goal>, usize, Diagnostics) {
        use super::fields::cols::goals as c;
        let kind = TableKind::Goals;
        let statuses = ValueSet::new(kind, table_config(self.config, kind), c::STATUS);
        let keep_titles = self.config.privacy.publish_goal_titles;
        let mut diags = Diagnostics::new();
        let mut goals = rows_for(file);
        let mut ids = UniqueIds::with_capacity(file.size_hint() / 48);
        let count = for_each_row(
            file,
            kind,
            self.config,
            &["goal_id", "pair_id", "created_on", "status"],
            &mut diags,
            no_extra_check,
            |r| {
                let id = r.required_text(c::GOAL_ID, "an id");
                let pair = self.pair_ref(r, c::PAIR_ID, true);
                let created_on = r.required_date(c::CREATED_ON);
                let status = r.set_value(&statuses, true).map(|i| match i {
                    0 => GoalStatus::NotStarted,
                    1 => GoalStatus::InProgress,
                    2 => GoalStatus::Completed,
                    _ => GoalStatus::Abandoned,
                });
                let due_on = r.date(c::DUE_ON);
                let completed_on = r.date(c::COMPLETED_ON);
                let title = if keep_titles { r.text(c::TITLE) } else { None };
                if let Some(id) = id {
                    ids.note(id, r.line());
                }
                let (Some(pair), Some(created_on), Some(status), false) =
                    (pair, created_on, status, r.bad)
                else {
                    return;
                };
                match (status, completed_on) {
                    (GoalStatus::Completed, None) => r.warning(
                        c::COMPLETED_ON,
                        "missing for a completed goal (it counts as completed, but not in on-time or completed-in-period figures)",
                    ),
                    (GoalStatus::Completed, Some(c)) if c < created_on => r.warning(
                        c::COMPLETED_ON,
                        format!("{c} is before created_on {created_on}"),
                    ),
                    (s, Some(c)) if s != GoalStatus::Completed => r.warning(
                        c::COMPLETED_ON,
                        format!("{c} is ignored: the goal's status is not `completed`"),
                    ),
                    _ => {}
                }
                if let Some(due) = due_on.filter(|d| *d < created_on) {
                    r.warning(
                        c::DUE_ON,
                        format!("{due} is before created_on {created_on}"),
                    );
                }
                let (matched, _) = self.pair_window_note(pair);
                if created_on < matched {
                    // Goals set before the match are kept (SPEC §3 counts them), but worth a look.
                    // (No cohort when the cohorts table itself failed to load.)
                    if let Some(cohort) = self.cohort_of(pair)
                        && created_on < cohort.start_date
                    {
                        r.warning(
                            c::CREATED_ON,
                            format!(
                                "{created_on} is before the cohort's start_date {}",
                                cohort.start_date
                            ),
                        );
                    }
                }
                goals.push(Goal {
                    pair,
                    created_on,
                    status,
                    due_on,
                    completed_on: if status == GoalStatus::Completed {
                        completed_on
                    } else {
                        None
                    },
                    title: title.map(str::to_string),
                });
            },
        );
        report_duplicates(ids, &file.display, c::GOAL_ID, &mut diags);
        (fitted(goals), count, diags)
    }

    fn feedback(&self, file: &TableFile) -> (Vec<Feedback>, usize, Diagnostics) {
        use super::fields::cols::feedback as c;
        let kind = TableKind::Feedback;
        let roles = ValueSet::new(kind, table_config(self.config, kind), c::RESPONDENT_ROLE);
        let keep_comments = self.config.privacy.publish_comments;
        let mut diags = Diagnostics::new();
        let mut rows = rows_for(file);
        let mut ids = UniqueIds::with_capacity(file.size_hint() / 48);
        let name = file.display.clone();
        let count = for_each_row(
            file,
            kind,
            self.config,
            &["respondent_role", "submitted_on"],
            &mut diags,
            |columns, diags| {
                let mut ok = true;
                if !columns.has(c::PAIR_ID) && !columns.has(c::COHORT_ID) {
                    diags.error(
                        &name,
                        Some(1),
                        "missing required column `pair_id` or `cohort_id` (the feedback table needs at least one of them)",
                    );
                    ok = false;
                }
                if !columns.has(c::RATING) && !columns.has(c::NPS) {
                    diags.error(
                        &name,
                        Some(1),
                        "missing required column `rating` or `nps` (the feedback table needs at least one of them)",
                    );
                    ok = false;
                }
                ok
            },
            |r| {
                let role = r.set_value(&roles, true).map(role_of);
                let submitted_on = r.required_date(c::SUBMITTED_ON);
                let pair = self.pair_ref(r, c::PAIR_ID, false);
                let cohort_text = r.text(c::COHORT_ID);
                let rating = r.whole_in(c::RATING, 1, 5);
                let nps = r.whole_in(c::NPS, 0, 10);
                let comment = if keep_comments {
                    r.text(c::COMMENT)
                } else {
                    None
                };
                if let Some(id) = r.text(c::RESPONSE_ID) {
                    ids.note(id, r.line());
                }
                let cohort = match (pair, cohort_text) {
                    (_, Some(text)) => {
                        let found = cohort_lookup(
                            r,
                            c::COHORT_ID,
                            text,
                            &self.ctx.cohort_ids,
                            &self.ctx.cohort_files,
                        );
                        if let (Some(found), Some(pair)) = (found, pair) {
                            let pair_cohort = self.pairs[pair as usize].cohort;
                            if pair_cohort != found {
                                r.error(
                                    c::COHORT_ID,
                                    format!(
                                        "{} disagrees with pair {}, which is in cohort {}",
                                        quoted(text),
                                        quoted(self.ctx.pair_ids.get(pair)),
                                        quoted(self.cohort_of(pair).map_or("?", |c| c.id.as_str()))
                                    ),
                                );
                            }
                        }
                        found
                    }
                    (Some(pair), None) => Some(self.pairs[pair as usize].cohort),
                    (None, None) => {
                        if !r.bad {
                            r.error(
                                c::PAIR_ID,
                                "missing value (expected a pair id, or a cohort id in `cohort_id`)",
                            );
                        }
                        None
                    }
                };
                if rating.is_none() && nps.is_none() && !r.bad {
                    let column = if r.columns.has(c::RATING) {
                        c::RATING
                    } else {
                        c::NPS
                    };
                    r.error(
                        column,
                        "missing value (expected a rating from 1 to 5 or an nps from 0 to 10)",
                    );
                }
                let (Some(role), Some(submitted_on), Some(cohort), false) =
                    (role, submitted_on, cohort, r.bad)
                else {
                    return;
                };
                rows.push(Feedback {
                    cohort,
                    pair,
                    role,
                    submitted_on,
                    rating,
                    nps,
                    comment: comment.map(str::to_string),
                });
            },
        );
        report_duplicates(ids, &file.display, c::RESPONSE_ID, &mut diags);
        (fitted(rows), count, diags)
    }
}

/// The longest cohort slug: a folder name must stay well under the 255
/// bytes file systems allow, with room for the output folder's own path.
pub const MAX_SLUG_LEN: usize = 100;

/// Folder names Windows reserves for devices, so a site copied to a
/// Windows share would lose that folder. (Slugs hold no `.`.)
fn is_reserved_name(slug: &str) -> bool {
    let device = |prefix: &str| {
        slug.strip_prefix(prefix)
            .is_some_and(|n| n.len() == 1 && n.bytes().all(|b| b.is_ascii_digit()))
    };
    matches!(slug, "con" | "prn" | "aux" | "nul") || device("com") || device("lpt")
}

#[cfg(test)]
mod enrolment_tests {
    use super::*;

    #[test]
    fn first_and_further_enrolments() {
        let mut e = Enrolments::default();
        e.insert(3, 5, Role::Mentor, 10);
        e.insert(4, 5, Role::Mentee, 11);
        e.insert(3, 0, Role::Mentee, 12);
        assert_eq!(e.get(3, 5), Some((Role::Mentor, 10)));
        assert_eq!(e.get(4, 5), Some((Role::Mentee, 11)));
        assert_eq!(e.get(3, 0), Some((Role::Mentee, 12)));
        assert_eq!(e.get(5, 5), None);
        assert_eq!(e.get(4, 0), None);
        assert_eq!(e.get(3, 1), None);
        assert_eq!(e.get(3, 99), None);
    }
}
