//! Deterministic example data for mentorbook (the tables of docs/data.md).
//!
//! ```text
//! cargo run --release --example generate -- --cohorts 6 --pairs-per-cohort 20 --out .
//! cargo run --release --example generate -- --shape platform --out tests/fixtures/platform-export
//! ```
//!
//! Writes `OUT/data/{cohorts,participants,pairs,meetings,goals,feedback}.csv`.
//! The same arguments always give byte-identical files: the generator uses
//! only std and its own seeded PRNG (xoshiro256** seeded by splitmix64), so
//! no crate update can change the data.
//!
//! Every event (meeting, goal created/completed, feedback, match, end) falls
//! inside its pair's window `[matched_on, ended_on or LAST_DAY]`, inside its
//! cohort's span, and on or before [`LAST_DAY`]; one meeting is dated exactly
//! on it, so the data's `as_of` is always 2025-06-30. Cohorts start in six
//! waves, every four months from September 2023; with more than six cohorts
//! several start in each wave (a large organisation running parallel tracks).
//!
//! `--shape platform` writes the same underlying data as a mentoring
//! platform's export would look (other headers and column order, extra
//! columns, US dates, `;`, BOM, CRLF, value labels) plus the
//! `OUT/mentorbook.toml` mapping that reads it.
//!
//! Tables, columns and set values come from the library's schema
//! (`mentorbook::config::schema`), so the files always match what
//! mentorbook reads; only their column order is the generator's own.

use mentorbook::config::schema::{Col, GoalStatus, PairStatus, Role, TableKind, cols};
use mentorbook::date::Date;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The last day of the data: no event is dated after it.
const LAST_DAY: (i32, u32, u32) = (2025, 6, 30);
const WAVES: usize = 6;

const USAGE: &str = "\
usage: generate [--cohorts N] [--pairs-per-cohort M] [--out DIR] [--seed S] [--shape plain|platform]

  --cohorts N            number of cohorts (default 6)
  --pairs-per-cohort M   pairs in a regular cohort (default 20)
  --out DIR              program folder to write DIR/data/*.csv into (default .)
  --seed S               PRNG seed (default 42)
  --shape plain|platform plain mentorbook CSVs (default), or a platform export
                         plus DIR/mentorbook.toml mapping it";

// ---------------------------------------------------------------- PRNG

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A stateless hash of a number, for derived columns that must not consume
/// the main generator.
fn mix(x: u64) -> u64 {
    let mut s = x;
    splitmix64(&mut s)
}

/// xoshiro256**.
struct Rng([u64; 4]);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut s = seed;
        Rng([
            splitmix64(&mut s),
            splitmix64(&mut s),
            splitmix64(&mut s),
            splitmix64(&mut s),
        ])
    }

    fn next_u64(&mut self) -> u64 {
        let s = &mut self.0;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`; `lo` when the range is empty.
    fn range(&mut self, lo: i32, hi: i32) -> i32 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo) as u64 + 1) as i32
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// An index drawn with the given weights.
    fn weighted(&mut self, weights: &[u64]) -> usize {
        let total: u64 = weights.iter().sum();
        let mut r = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}

// ---------------------------------------------------------------- dates

/// Days since 1970-01-01 of a civil date (the generator's dates are
/// constants and day counts, always valid).
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    Date::from_ymd(y, m, d).map_or(0, |date| date.0)
}

fn iso(day: i32) -> String {
    Date(day).to_string()
}

fn iso_opt(day: Option<i32>) -> String {
    day.map(iso).unwrap_or_default()
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

/// 0 = Monday.
fn weekday(day: i32) -> i32 {
    (day + 3).rem_euclid(7)
}

// ---------------------------------------------------------------- content

const SEASONS: [(&str, &str); 3] = [
    ("autumn", "Autumn"),
    ("winter", "Winter"),
    ("spring", "Spring"),
];

/// Tracks in cohort order; the third is the small cohort.
const TRACKS: [&str; 6] = [
    "Engineering",
    "Product & Design",
    "Leadership",
    "Engineering",
    "People & Operations",
    "Engineering",
];

fn track_description(track: &str) -> &'static str {
    match track {
        "Engineering" => {
            "Pairs experienced engineers with those early in their career: code review habits, design docs, on-call and growing scope."
        }
        "Product & Design" => {
            "Product managers and designers mentoring across disciplines; discovery, \"saying no\" and working with engineering."
        }
        "Leadership" => {
            "A small circle for new people managers: first 1:1s, feedback, hiring and difficult conversations."
        }
        _ => {
            "Open to everyone in People, Finance and Operations; career conversations, visibility and cross-team projects."
        }
    }
}

const SYLLABLES: [&str; 32] = [
    "ka", "lo", "mi", "ra", "tes", "vin", "da", "no", "el", "sa", "ber", "tin", "jo", "ha", "lu",
    "ne", "mar", "ko", "ri", "an", "to", "vel", "si", "den", "lé", "fa", "gun", "ip", "ros", "be",
    "ya", "zø",
];

const DEPARTMENTS: [&str; 11] = [
    "Engineering",
    "Product",
    "Design",
    "Data",
    "Sales",
    "Customer Success",
    "Finance",
    "People",
    "Marketing",
    "Legal",
    "Operations",
];

const GOAL_TITLES: [&str; 30] = [
    "Lead a design review",
    "Present at the engineering all-hands",
    "Write a design doc for the billing migration",
    "Run a retrospective for the team",
    "Improve estimation, planning and follow-up",
    "Get comfortable giving feedback to peers",
    "Build a network outside my department",
    "Prepare for promotion to senior",
    "Learn the basics of SQL",
    "Shadow a customer call every month",
    "Mentor an intern over the summer",
    "Own the on-call rotation for a quarter",
    "Speak up in planning meetings",
    "Publish an internal blog post",
    "Delegate more, do less myself",
    "Understand the company's financials",
    "Run my first hiring interview",
    "Set boundaries and protect focus time",
    "Write a \"how we work\" page for the team",
    "Ship a small feature end to end",
    "Learn to say no to low-priority requests",
    "Improve written communication",
    "Get certified in project management",
    "Facilitate a workshop",
    "Plan my next career step",
    "Reduce meeting load by a third",
    "Give a talk at a meetup",
    "Pair with a designer on a prototype",
    "Build a dashboard for my team's metrics",
    "Handle a difficult conversation with confidence",
];

const GOAL_CATEGORIES: [&str; 4] = ["Skills", "Career", "Visibility", "Wellbeing"];

const COMMENTS: [&str; 16] = [
    "Great sessions, very practical.",
    "We struggled to find time, but it was worth it.",
    "My mentor said \"just ship it\" and it worked.",
    "Helpful; would like more structure in the first month.",
    "Not enough time together.",
    "Loved it! Learned a lot about stakeholder management, planning and prioritising.",
    "The goal template felt like \"homework\", otherwise good.",
    "Meetings were cancelled often.",
    "Would recommend to every new joiner.",
    "Good match, different department; new perspective.",
    "Hard to keep momentum over the summer.",
    "Fine.",
    "Too many surveys, honestly.",
    "I finally understand how \"the roadmap\" gets made.",
    "Great mentee, asked sharp questions.\nLooking forward to the next cohort.",
    "Could the programme team suggest topics for each month?",
];

const KICKOFF_COMMENT: &str =
    "Kick-off was useful.\nPlease share the slides; and the \"first meeting\" checklist, too.";

const FORMATS: [&str; 3] = ["video", "in person", "phone"];
const DURATIONS: [&str; 8] = ["30", "45", "45", "60", "60", "60", "75", "90"];

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn ascii_fold(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'é' => Some('e'),
            'ø' => Some('o'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

struct Person {
    name: String,
    email: String,
    department: &'static str,
}

fn new_person(rng: &mut Rng) -> Person {
    let mut first = String::new();
    for _ in 0..rng.range(2, 3) {
        first.push_str(rng.pick(&SYLLABLES));
    }
    let mut last = String::new();
    for _ in 0..rng.range(2, 3) {
        last.push_str(rng.pick(&SYLLABLES));
    }
    let (first, last) = (capitalised(&first), capitalised(&last));
    let email = format!("{}.{}@example.com", ascii_fold(&first), ascii_fold(&last));
    Person {
        name: format!("{first} {last}"),
        email,
        department: rng.pick(&DEPARTMENTS),
    }
}

// ---------------------------------------------------------------- output

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
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

struct TableSpec {
    kind: TableKind,
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

const COHORTS: TableSpec = {
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

const PARTICIPANTS: TableSpec = {
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

const PAIRS: TableSpec = {
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

const MEETINGS: TableSpec = {
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

const GOALS: TableSpec = {
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
const FEEDBACK: TableSpec = {
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

const TABLES: [&TableSpec; 6] = [
    &COHORTS,
    &PARTICIPANTS,
    &PAIRS,
    &MEETINGS,
    &GOALS,
    &FEEDBACK,
];

struct CsvOut {
    spec: &'static TableSpec,
    shape: Shape,
    out: BufWriter<File>,
    rows: u64,
}

impl CsvOut {
    fn create(dir: &Path, spec: &'static TableSpec, shape: Shape) -> io::Result<CsvOut> {
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
    fn row(&mut self, values: &[&str]) -> io::Result<()> {
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

    fn finish(mut self) -> io::Result<u64> {
        self.out.flush()?;
        Ok(self.rows)
    }
}

/// The `mentorbook.toml` that reads the platform export.
fn platform_config() -> String {
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

// ---------------------------------------------------------------- generation

struct Args {
    cohorts: usize,
    pairs: usize,
    out: PathBuf,
    seed: u64,
    shape: Shape,
}

fn parse_args() -> Result<Option<Args>, String> {
    let mut args = Args {
        cohorts: 6,
        pairs: 20,
        out: PathBuf::from("."),
        seed: 42,
        shape: Shape::Plain,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let (key, inline) = match arg.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if key == "-h" || key == "--help" {
            return Ok(None);
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{key} needs a value"))
        };
        match key.as_str() {
            "--cohorts" => args.cohorts = number(&key, &value()?)?,
            "--pairs-per-cohort" => args.pairs = number(&key, &value()?)?,
            "--out" => args.out = PathBuf::from(value()?),
            "--seed" => args.seed = number(&key, &value()?)? as u64,
            "--shape" => {
                args.shape = match value()?.as_str() {
                    "plain" => Shape::Plain,
                    "platform" => Shape::Platform,
                    other => {
                        return Err(format!(
                            "--shape: unknown shape \"{other}\" (expected plain or platform)"
                        ));
                    }
                }
            }
            other => return Err(format!("unknown argument \"{other}\"")),
        }
    }
    if args.cohorts == 0 || args.pairs == 0 {
        return Err("--cohorts and --pairs-per-cohort must be at least 1".into());
    }
    if args.cohorts > 100_000 || args.pairs > 100_000 {
        return Err("--cohorts and --pairs-per-cohort must be at most 100000".into());
    }
    Ok(Some(args))
}

fn number(key: &str, text: &str) -> Result<usize, String> {
    text.parse()
        .map_err(|_| format!("{key}: \"{text}\" is not a whole number"))
}

fn digits(n: usize) -> usize {
    n.max(1).to_string().len()
}

fn id(prefix: &str, width: usize, n: usize) -> String {
    format!("{prefix}{n:0width$}")
}

struct Meeting {
    date: i32,
    pair: usize,
    duration: &'static str,
    format: &'static str,
}

struct Goal {
    created: i32,
    pair: usize,
    title: &'static str,
    due: Option<i32>,
    status: GoalStatus,
    completed: Option<i32>,
}

struct Response {
    date: i32,
    /// Pair number, or `None` for a cohort-level row.
    pair: Option<usize>,
    role: Role,
    rating: String,
    nps: String,
    comment: &'static str,
    survey: &'static str,
}

struct Counts {
    rows: [u64; 6],
}

fn generate(args: &Args) -> io::Result<Counts> {
    let data_dir = args.out.join("data");
    fs::create_dir_all(&data_dir)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", data_dir.display())))?;
    let shape = args.shape;
    let mut cohorts_csv = CsvOut::create(&data_dir, &COHORTS, shape)?;
    let mut participants_csv = CsvOut::create(&data_dir, &PARTICIPANTS, shape)?;
    let mut pairs_csv = CsvOut::create(&data_dir, &PAIRS, shape)?;
    let mut meetings_csv = CsvOut::create(&data_dir, &MEETINGS, shape)?;
    let mut goals_csv = CsvOut::create(&data_dir, &GOALS, shape)?;
    let mut feedback_csv = CsvOut::create(&data_dir, &FEEDBACK, shape)?;

    let n = args.cohorts;
    let m = args.pairs;
    let last = days_from_civil(LAST_DAY.0, LAST_DAY.1, LAST_DAY.2);
    let named_cohorts = n <= WAVES;
    let w_cohort = digits(n).max(4);
    let w_person = digits(n * (2 * m + 3)).max(4);
    let w_pair = digits(n * m).max(5);
    let w_meeting = digits(n * m * 25).max(5);
    let w_goal = digits(n * m * 5).max(5);
    let w_response = digits(n * (4 * m + 4)).max(5);

    let mut rng = Rng::new(args.seed);
    let mut persons: Vec<Person> = Vec::new();
    let mut mentor_pool: Vec<usize> = Vec::new();
    let mut mentee_pool: Vec<usize> = Vec::new();
    let (mut pair_no, mut meeting_no, mut goal_no, mut response_no) = (0usize, 0, 0, 0);

    for i in 0..n {
        // ---- the cohort
        let wave = WAVES - 1 - (n - 1 - i) * WAVES / n;
        let month0 = 2023 * 12 + 8 + 4 * wave as i32; // 0-based months since year 0
        let (year, month) = (month0 / 12, (month0 % 12) as u32 + 1);
        let first = days_from_civil(year, month, 1);
        let start = if named_cohorts {
            first + (7 - weekday(first)) % 7 // the first Monday
        } else {
            first + rng.range(0, 27)
        };
        let planned_end = start + rng.range(182, 270);
        let is_last = i == n - 1;
        let end_date = if is_last { None } else { Some(planned_end) };
        let ongoing = end_date.is_none_or(|e| e > last);
        // The day the cohort's events stop: its end, or the data's last day.
        let cohort_end = end_date.map_or(last, |e| e.min(last));
        // One small cohort (few pairs, few responses) per 50, the third first.
        let small = i % 50 == 2;
        let track = TRACKS[i % TRACKS.len()];
        let (season_id, season) = SEASONS[wave % 3];
        let cohort_id = if named_cohorts {
            format!("{year}-{season_id}")
        } else {
            id("c", w_cohort, i + 1)
        };
        let name = if track == "Leadership" {
            format!("Leadership Circle, {season} {year}")
        } else if named_cohorts {
            format!("{track} mentoring, {season} {year}")
        } else {
            format!("{track} mentoring {}, {season} {year}", i + 1)
        };
        cohorts_csv.row(&[
            &cohort_id,
            &name,
            &iso(start),
            &iso_opt(end_date),
            track,
            track_description(track),
        ])?;

        // ---- participants: mentors (one or two mentees each) and mentees
        let n_pairs = if small { (m / 4).max(3) } else { m };
        let mut mentor_slots: Vec<usize> = Vec::new(); // mentor of each pair
        let mut mentors: Vec<usize> = Vec::new();
        let mut in_cohort: Vec<usize> = Vec::new();
        let mut remaining = n_pairs;
        while remaining > 0 {
            let take = if remaining >= 2 && rng.chance(30) {
                2
            } else {
                1
            };
            let p = pick_person(&mut rng, &mentor_pool, 30, &mut in_cohort, &mut persons);
            mentors.push(p);
            mentor_slots.extend(std::iter::repeat_n(p, take));
            remaining -= take;
        }
        let unmatched = if small { 0 } else { rng.range(0, 2) as usize };
        let mentees: Vec<usize> = (0..n_pairs + unmatched)
            .map(|_| pick_person(&mut rng, &mentee_pool, 5, &mut in_cohort, &mut persons))
            .collect();
        for (role, people) in [(Role::Mentor, &mentors), (Role::Mentee, &mentees)] {
            for &p in people.iter() {
                let person = &persons[p];
                participants_csv.row(&[
                    &id("p", w_person, p + 1),
                    &cohort_id,
                    role.as_str(),
                    &person.name,
                    &person.email,
                    person.department,
                ])?;
            }
        }

        // ---- pairs, with their meetings, goals and feedback
        let mut meetings: Vec<Meeting> = Vec::new();
        let mut goals: Vec<Goal> = Vec::new();
        let mut responses: Vec<Response> = Vec::new();
        let mid_survey = start + (planned_end - start) / 2 + rng.range(0, 7);
        let respond_percent = if small { 25 } else { 75 };
        for j in 0..n_pairs {
            pair_no += 1;
            let pair = pair_no;
            // The pair whose meeting on the last day fixes the data's as_of.
            let anchor = is_last && j == 0;
            let matched = if rng.chance(90) || anchor {
                start + rng.range(0, 20)
            } else {
                start + rng.range(30, ((cohort_end - start) / 2).max(30))
            }
            .min(cohort_end);
            let (status, ended) = if !ongoing {
                if rng.chance(12) && cohort_end - matched > 60 {
                    let e = matched + rng.range(30, cohort_end - matched - 14);
                    (PairStatus::EndedEarly, Some(e))
                } else {
                    let e = (cohort_end - rng.range(0, 5)).max(matched);
                    (PairStatus::Completed, Some(e))
                }
            } else if !anchor && rng.chance(10) && last - matched > 50 {
                let e = matched + rng.range(30, last - matched - 7);
                (PairStatus::EndedEarly, Some(e))
            } else {
                (PairStatus::Active, None)
            };
            let window_end = ended.unwrap_or(cohort_end);
            pairs_csv.row(&[
                &id("m", w_pair, pair),
                &cohort_id,
                &id("p", w_person, mentor_slots[j] + 1),
                &id("p", w_person, mentees[j] + 1),
                &iso(matched),
                &iso_opt(ended),
                status.as_str(),
            ])?;

            // meetings every 2–4 weeks; some pairs go quiet for a while,
            // some stop meeting well before the end.
            let stop = if status == PairStatus::Active && !anchor && rng.chance(10) {
                (last - rng.range(35, 75)).max(matched)
            } else {
                window_end
            };
            let gap_at = if rng.chance(15) { rng.range(1, 5) } else { -1 };
            let mut day = matched + rng.range(0, 10);
            let mut k = 0;
            let mut latest = None;
            while day <= stop {
                meetings.push(Meeting {
                    date: day,
                    pair,
                    duration: if rng.chance(6) {
                        ""
                    } else {
                        rng.pick(&DURATIONS)
                    },
                    format: FORMATS[rng.weighted(&[6, 3, 1])],
                });
                latest = Some(day);
                day += rng.range(14, 24) + if rng.chance(20) { 4 } else { 0 };
                if k == gap_at {
                    day += rng.range(50, 80);
                }
                k += 1;
            }
            if anchor && latest != Some(last) {
                meetings.push(Meeting {
                    date: last,
                    pair,
                    duration: "60",
                    format: "video",
                });
            }

            // goals
            let window = window_end - matched;
            let weights: &[u64] = match status {
                // not_started, in_progress, completed, abandoned
                PairStatus::Completed => &[10, 15, 55, 20],
                PairStatus::EndedEarly => &[20, 25, 25, 30],
                PairStatus::Active => &[15, 45, 30, 10],
            };
            for _ in 0..rng.range(1, 5) {
                let created = if rng.chance(80) {
                    matched + rng.range(0, window.min(45))
                } else {
                    matched + rng.range(0, window)
                };
                let due = if rng.chance(10) {
                    None
                } else {
                    Some(created + rng.range(30, 120))
                };
                let status = GoalStatus::ALL[rng.weighted(weights)];
                let completed = (status == GoalStatus::Completed)
                    .then(|| (created + rng.range(10, 120)).min(window_end));
                goals.push(Goal {
                    created,
                    pair,
                    title: rng.pick(&GOAL_TITLES),
                    due,
                    status,
                    completed,
                });
            }

            // feedback: a mid-point survey and an end (or exit) survey per role
            let end_survey = match status {
                PairStatus::Completed => ended.map(|e| e - rng.range(0, 10)),
                PairStatus::EndedEarly => ended.map(|e| e - rng.range(0, 3)),
                PairStatus::Active => None,
            };
            for role in Role::ALL {
                let mid = mid_survey + rng.range(0, 14);
                let surveys = [
                    (Some(mid), "Mid-point check-in"),
                    (
                        end_survey,
                        if status == PairStatus::EndedEarly {
                            "Exit survey"
                        } else {
                            "End of programme"
                        },
                    ),
                ];
                for (date, survey) in surveys {
                    let Some(date) = date else { continue };
                    let responds = rng.chance(respond_percent);
                    if !responds || date < matched || date > window_end {
                        continue;
                    }
                    let (rating, nps) = rating_and_nps(&mut rng);
                    let comment = if rng.chance(20) {
                        rng.pick(&COMMENTS)
                    } else {
                        ""
                    };
                    responses.push(Response {
                        date,
                        pair: Some(pair),
                        role,
                        rating,
                        nps,
                        comment,
                        survey,
                    });
                }
            }
        }
        // cohort-level kick-off pulse rows, not tied to a pair
        for k in 0..rng.range(2, 4) {
            let date = (start + rng.range(7, 14)).min(cohort_end);
            let role = if rng.chance(50) {
                Role::Mentor
            } else {
                Role::Mentee
            };
            let (rating, nps) = rating_and_nps(&mut rng);
            let comment = if rng.chance(20) {
                rng.pick(&COMMENTS)
            } else {
                ""
            };
            // The first cohort's first kick-off row always carries a
            // multi-line comment, to exercise quoted line breaks.
            let comment = if i == 0 && k == 0 {
                KICKOFF_COMMENT
            } else {
                comment
            };
            responses.push(Response {
                date,
                pair: None,
                role,
                rating,
                nps,
                comment,
                survey: "Kick-off pulse",
            });
        }

        // write the cohort's events in date order (stable: ties keep pair order)
        meetings.sort_by_key(|x| (x.date, x.pair));
        for x in &meetings {
            meeting_no += 1;
            meetings_csv.row(&[
                &id("mt", w_meeting, meeting_no),
                &id("m", w_pair, x.pair),
                &iso(x.date),
                x.duration,
                x.format,
            ])?;
        }
        goals.sort_by_key(|g| (g.created, g.pair));
        for g in &goals {
            goal_no += 1;
            goals_csv.row(&[
                &id("g", w_goal, goal_no),
                &id("m", w_pair, g.pair),
                g.title,
                &iso(g.created),
                &iso_opt(g.due),
                g.status.as_str(),
                &iso_opt(g.completed),
            ])?;
        }
        // Roles by name ("mentee" first), as the files have always had them.
        responses.sort_by_key(|r| (r.date, r.pair, r.role.as_str()));
        for r in &responses {
            response_no += 1;
            feedback_csv.row(&[
                &id("r", w_response, response_no),
                &cohort_id,
                &r.pair.map(|p| id("m", w_pair, p)).unwrap_or_default(),
                r.role.as_str(),
                &iso(r.date),
                &r.rating,
                &r.nps,
                r.comment,
                r.survey,
            ])?;
        }

        mentor_pool.extend(mentors.iter().copied());
        mentee_pool.extend(mentees.iter().copied());
    }

    Ok(Counts {
        rows: [
            cohorts_csv.finish()?,
            participants_csv.finish()?,
            pairs_csv.finish()?,
            meetings_csv.finish()?,
            goals_csv.finish()?,
            feedback_csv.finish()?,
        ],
    })
}

/// A rating 1–5 and an NPS answer 0–10 that agree with it; a few rows
/// carry only one of them.
/// A person for a cohort: with `percent` chance someone from `pool` (an
/// earlier enrolment in the same role) not yet in this cohort, else someone new.
fn pick_person(
    rng: &mut Rng,
    pool: &[usize],
    percent: u64,
    in_cohort: &mut Vec<usize>,
    persons: &mut Vec<Person>,
) -> usize {
    if !pool.is_empty() && rng.chance(percent) {
        for _ in 0..3 {
            let p = rng.pick(pool);
            if !in_cohort.contains(&p) {
                in_cohort.push(p);
                return p;
            }
        }
    }
    persons.push(new_person(rng));
    persons.len() - 1
}

fn rating_and_nps(rng: &mut Rng) -> (String, String) {
    let rating = rng.weighted(&[3, 5, 15, 40, 37]) as i32 + 1;
    let (lo, hi) = match rating {
        5 => (8, 10),
        4 => (7, 10),
        3 => (5, 8),
        2 => (2, 6),
        _ => (0, 4),
    };
    let nps = rng.range(lo, hi);
    match rng.weighted(&[84, 8, 8]) {
        0 => (rating.to_string(), nps.to_string()),
        1 => (rating.to_string(), String::new()),
        _ => (String::new(), nps.to_string()),
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = std::time::Instant::now();
    let result = generate(&args).and_then(|counts| {
        if args.shape == Shape::Platform {
            let path = args.out.join("mentorbook.toml");
            fs::write(&path, platform_config())
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        }
        Ok(counts)
    });
    match result {
        Ok(counts) => {
            let summary: Vec<String> = TABLES
                .iter()
                .zip(counts.rows)
                .map(|(t, rows)| format!("{} {rows}", t.kind.name()))
                .collect();
            eprintln!(
                "wrote {} ({}) in {:.2}s",
                args.out.join("data").display(),
                summary.join(", "),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
