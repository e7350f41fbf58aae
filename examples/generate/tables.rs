//! The files as written: each table's columns (the library's schema), the platform export's shape of them, and the CSV writer.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use mentorbook::config::schema::{Col, GoalStatus, PairStatus, Role, TableKind, cols};

use crate::content::GOAL_CATEGORIES;
use crate::rng::mix;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Plain,
    Platform,
}

/// How a platform column is made.
#[derive(Clone, Copy)]
enum Src {
    /// A mentorbook column as is.
    Col(Col),
    /// A date column, written `%m/%d/%Y`.
    Date(Col),
    /// A set column, written with the platform's labels (several labels for
    /// one value alternate, derived from the row number).
    Label(Col, &'static [(&'static str, &'static [&'static str])]),
    /// A value of the canonical row after mentorbook's columns (by its
    /// place among those), which only the platform writes.
    Hidden(usize),
    /// A column mentorbook does not know, derived from the row.
    Extra(fn(&[&str], u64) -> String),
}

impl Src {
    /// The mentorbook column the platform column holds, if any.
    fn column(self) -> Option<Col> {
        match self {
            Src::Col(c) | Src::Date(c) | Src::Label(c, _) => Some(c),
            Src::Hidden(_) | Src::Extra(_) => None,
        }
    }
}

pub(crate) struct TableSpec {
    pub(crate) kind: TableKind,
    /// mentorbook's columns, in the order of the plain file and of the
    /// canonical row.
    columns: &'static [Col],
    /// The platform's columns, in its order.
    platform: &'static [(&'static str, Src)],
}

impl TableSpec {
    /// The place of a column's value in the canonical row.
    fn position(&self, column: Col) -> usize {
        self.columns
            .iter()
            .position(|c| *c == column)
            .unwrap_or_else(|| panic!("{}: no column {}", self.kind.name(), column.name))
    }
}

const ROLE_LABELS: &[(&str, &[&str])] = &[
    (Role::Mentor.as_str(), &["Mentor"]),
    (Role::Mentee.as_str(), &["Mentee"]),
];
const PAIR_STATUS_LABELS: &[(&str, &[&str])] = &[
    (PairStatus::Active.as_str(), &["Active"]),
    (PairStatus::Completed.as_str(), &["Completed"]),
    (PairStatus::EndedEarly.as_str(), &["Ended Early"]),
];
const GOAL_STATUS_LABELS: &[(&str, &[&str])] = &[
    (GoalStatus::NotStarted.as_str(), &["Not Started"]),
    (GoalStatus::InProgress.as_str(), &["In Progress"]),
    (GoalStatus::Completed.as_str(), &["Done", "Achieved"]),
    (GoalStatus::Abandoned.as_str(), &["Dropped"]),
];

fn yes_no(_: &[&str], row: u64) -> String {
    if mix(row ^ 0x5EED).is_multiple_of(4) {
        "Yes"
    } else {
        "No"
    }
    .into()
}

pub(crate) const COHORTS: TableSpec = {
    use cols::cohorts::*;
    TableSpec {
        kind: TableKind::Cohorts,
        columns: &[COHORT_ID, NAME, START_DATE, END_DATE, TRACK, DESCRIPTION],
        platform: &[
            ("Program", Src::Extra(|_, _| "Mentoring@Example".into())),
            ("Cohort Code", Src::Col(COHORT_ID)),
            ("Cohort Name", Src::Col(NAME)),
            ("Track", Src::Col(TRACK)),
            ("Start Date", Src::Date(START_DATE)),
            ("End Date", Src::Date(END_DATE)),
            (
                "Capacity",
                Src::Extra(|_, row| (20 + mix(row) % 21).to_string()),
            ),
            ("Description", Src::Col(DESCRIPTION)),
        ],
    }
};

pub(crate) const PARTICIPANTS: TableSpec = {
    use cols::participants::*;
    TableSpec {
        kind: TableKind::Participants,
        columns: &[PARTICIPANT_ID, COHORT_ID, ROLE, NAME, EMAIL, DEPARTMENT],
        platform: &[
            ("Cohort Code", Src::Col(COHORT_ID)),
            ("Person ID", Src::Col(PARTICIPANT_ID)),
            ("Full Name", Src::Col(NAME)),
            ("Email Address", Src::Col(EMAIL)),
            ("Role", Src::Label(ROLE, ROLE_LABELS)),
            ("Department", Src::Col(DEPARTMENT)),
            (
                "Location",
                Src::Extra(|_, row| {
                    ["London", "Berlin", "Remote", "Lisbon", "New York"][(mix(row) % 5) as usize]
                        .into()
                }),
            ),
            ("Opted In To Directory", Src::Extra(yes_no)),
        ],
    }
};

pub(crate) const PAIRS: TableSpec = {
    use cols::pairs::*;
    TableSpec {
        kind: TableKind::Pairs,
        columns: &[
            PAIR_ID, COHORT_ID, MENTOR_ID, MENTEE_ID, MATCHED_ON, ENDED_ON, STATUS,
        ],
        platform: &[
            ("Match ID", Src::Col(PAIR_ID)),
            ("Match Status", Src::Label(STATUS, PAIR_STATUS_LABELS)),
            ("Cohort Code", Src::Col(COHORT_ID)),
            ("Mentee ID", Src::Col(MENTEE_ID)),
            ("Mentor ID", Src::Col(MENTOR_ID)),
            ("Match Date", Src::Date(MATCHED_ON)),
            ("End Date", Src::Date(ENDED_ON)),
            (
                "Match Score",
                Src::Extra(|_, row| (55 + mix(row) % 44).to_string()),
            ),
            (
                "Matched By",
                Src::Extra(|_, row| {
                    if mix(row ^ 7).is_multiple_of(5) {
                        "Program team"
                    } else {
                        "Algorithm"
                    }
                    .into()
                }),
            ),
        ],
    }
};

pub(crate) const MEETINGS: TableSpec = {
    use cols::meetings::*;
    TableSpec {
        kind: TableKind::Meetings,
        columns: &[MEETING_ID, PAIR_ID, DATE, DURATION_MINUTES, FORMAT],
        platform: &[
            ("Meeting Date", Src::Date(DATE)),
            ("Match ID", Src::Col(PAIR_ID)),
            ("Session ID", Src::Col(MEETING_ID)),
            ("Meeting Type", Src::Col(FORMAT)),
            ("Length (min)", Src::Col(DURATION_MINUTES)),
            (
                "Logged By",
                Src::Extra(|_, row| {
                    if mix(row).is_multiple_of(3) {
                        "Mentor"
                    } else {
                        "Mentee"
                    }
                    .into()
                }),
            ),
            ("Notes Added", Src::Extra(yes_no)),
        ],
    }
};

pub(crate) const GOALS: TableSpec = {
    use cols::goals::*;
    TableSpec {
        kind: TableKind::Goals,
        columns: &[
            GOAL_ID,
            PAIR_ID,
            TITLE,
            CREATED_ON,
            DUE_ON,
            STATUS,
            COMPLETED_ON,
        ],
        platform: &[
            ("Match ID", Src::Col(PAIR_ID)),
            ("Goal ID", Src::Col(GOAL_ID)),
            ("Goal", Src::Col(TITLE)),
            (
                "Category",
                Src::Extra(|_, row| GOAL_CATEGORIES[(mix(row) % 4) as usize].into()),
            ),
            ("Goal Status", Src::Label(STATUS, GOAL_STATUS_LABELS)),
            ("Created", Src::Date(CREATED_ON)),
            ("Target Date", Src::Date(DUE_ON)),
            ("Completed", Src::Date(COMPLETED_ON)),
            ("Private", Src::Extra(yes_no)),
        ],
    }
};

/// The canonical feedback row carries one hidden value after the
/// mentorbook columns: the survey's name, written only by the platform.
pub(crate) const FEEDBACK: TableSpec = {
    use cols::feedback::*;
    TableSpec {
        kind: TableKind::Feedback,
        columns: &[
            RESPONSE_ID,
            COHORT_ID,
            PAIR_ID,
            RESPONDENT_ROLE,
            SUBMITTED_ON,
            RATING,
            NPS,
            COMMENT,
        ],
        platform: &[
            ("Response ID", Src::Col(RESPONSE_ID)),
            ("Submitted", Src::Date(SUBMITTED_ON)),
            ("Survey", Src::Hidden(0)),
            ("Role", Src::Label(RESPONDENT_ROLE, ROLE_LABELS)),
            ("Cohort Code", Src::Col(COHORT_ID)),
            ("Match ID", Src::Col(PAIR_ID)),
            ("Likelihood to recommend", Src::Col(NPS)),
            ("Rating (1-5)", Src::Col(RATING)),
            ("Comments", Src::Col(COMMENT)),
            ("Anonymous", Src::Extra(yes_no)),
        ],
    }
};

pub(crate) const TABLES: [&TableSpec; 6] = [
    &COHORTS,
    &PARTICIPANTS,
    &PAIRS,
    &MEETINGS,
    &GOALS,
    &FEEDBACK,
];

pub(crate) struct CsvOut {
    spec: &'static TableSpec,
    shape: Shape,
    out: BufWriter<File>,
    rows: u64,
}

impl CsvOut {
    pub(crate) fn create(dir: &Path, spec: &'static TableSpec, shape: Shape) -> io::Result<CsvOut> {
        let path = dir.join(format!("{}.csv", spec.kind.name()));
        let file = File::create(&path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        let mut csv = CsvOut {
            spec,
            shape,
            out: BufWriter::with_capacity(1 << 16, file),
            rows: 0,
        };
        if shape == Shape::Platform {
            csv.out.write_all("\u{feff}".as_bytes())?;
        }
        let headers: Vec<&str> = match shape {
            Shape::Plain => spec.columns.iter().map(|c| c.name).collect(),
            Shape::Platform => spec.platform.iter().map(|(h, _)| *h).collect(),
        };
        csv.write_fields(headers.iter().copied())?;
        Ok(csv)
    }

    fn delimiter(&self) -> u8 {
        match self.shape {
            Shape::Plain => b',',
            Shape::Platform => b';',
        }
    }

    fn write_fields<'a>(&mut self, fields: impl Iterator<Item = &'a str>) -> io::Result<()> {
        let delim = self.delimiter();
        for (i, f) in fields.enumerate() {
            if i > 0 {
                self.out.write_all(&[delim])?;
            }
            let needs_quotes = f
                .bytes()
                .any(|b| b == delim || b == b'"' || b == b'\n' || b == b'\r');
            if needs_quotes {
                self.out.write_all(b"\"")?;
                self.out.write_all(f.replace('"', "\"\"").as_bytes())?;
                self.out.write_all(b"\"")?;
            } else {
                self.out.write_all(f.as_bytes())?;
            }
        }
        match self.shape {
            Shape::Plain => self.out.write_all(b"\n"),
            Shape::Platform => self.out.write_all(b"\r\n"),
        }
    }

    /// One row, given as the canonical values (mentorbook's columns in
    /// `spec.columns` order, then any hidden values).
    pub(crate) fn row(&mut self, values: &[&str]) -> io::Result<()> {
        self.rows += 1;
        match self.shape {
            Shape::Plain => self.write_fields(values[..self.spec.columns.len()].iter().copied()),
            Shape::Platform => {
                let row_no = self.rows ^ ((self.spec.kind.name().len() as u64) << 40);
                let mut cells: Vec<String> = Vec::with_capacity(self.spec.platform.len());
                for (_, src) in self.spec.platform {
                    let value = |column| values[self.spec.position(column)];
                    let cell = match *src {
                        Src::Col(c) => value(c).to_string(),
                        Src::Date(c) => us_date(value(c)),
                        Src::Hidden(i) => values[self.spec.columns.len() + i].to_string(),
                        Src::Label(c, labels) => {
                            let v = value(c);
                            match labels.iter().find(|(k, _)| *k == v) {
                                Some((_, ls)) => {
                                    ls[(mix(row_no) % ls.len() as u64) as usize].into()
                                }
                                None => v.to_string(),
                            }
                        }
                        Src::Extra(f) => f(values, row_no),
                    };
                    cells.push(cell);
                }
                self.write_fields(cells.iter().map(String::as_str))
            }
        }
    }

    pub(crate) fn finish(mut self) -> io::Result<u64> {
        self.out.flush()?;
        Ok(self.rows)
    }
}

/// The `mentorbook.toml` that reads the platform export.
pub(crate) fn platform_config() -> String {
    let mut s = String::from(
        "# Reads the example platform export in data/ (written by\n\
         # `cargo run --release --example generate -- --shape platform`).\n\
         title = \"Example mentoring program (platform export)\"\n",
    );
    // Columns left out of the mapping are matched by name, case-insensitively.
    let unmapped = ["track", "description", "department"];
    for spec in TABLES {
        let name = spec.kind.name();
        s.push_str(&format!(
            "\n[data.{name}]\ndelimiter = \";\"\ndate_format = \"%m/%d/%Y\"\n\n[data.{name}.columns]\n"
        ));
        for column in spec.columns {
            if unmapped.contains(&column.name) {
                continue;
            }
            let header = spec
                .platform
                .iter()
                .find_map(|(h, src)| (src.column() == Some(*column)).then_some(*h));
            if let Some(h) = header {
                s.push_str(&format!("{} = \"{h}\"\n", column.name));
            }
        }
        for (_, src) in spec.platform {
            if let Src::Label(column, labels) = *src {
                s.push_str(&format!("\n[data.{name}.values.{}]\n", column.name));
                for (value, ls) in labels {
                    let quoted: Vec<String> = ls.iter().map(|l| format!("\"{l}\"")).collect();
                    s.push_str(&format!("{value} = [{}]\n", quoted.join(", ")));
                }
            }
        }
    }
    s
}

/// `YYYY-MM-DD` → `MM/DD/YYYY`; anything else (an empty cell) unchanged.
fn us_date(iso: &str) -> String {
    let b = iso.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        format!("{}/{}/{}", &iso[5..7], &iso[8..10], &iso[0..4])
    } else {
        iso.to_string()
    }
}
