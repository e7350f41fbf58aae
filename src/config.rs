//! `mentorbook.toml`: strict parsing (SPEC §7) into a plain, validated config.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::date::Date;
use crate::diag::{Diagnostics, quoted};

mod branding;
pub use branding::{At, Branding};

/// The six tables of SPEC §2, in the order they are loaded and reported.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum TableKind {
    Cohorts,
    Participants,
    Pairs,
    Meetings,
    Goals,
    Feedback,
}

impl TableKind {
    pub const ALL: [TableKind; 6] = [
        TableKind::Cohorts,
        TableKind::Participants,
        TableKind::Pairs,
        TableKind::Meetings,
        TableKind::Goals,
        TableKind::Feedback,
    ];

    /// The table's name, as in `data/NAME.csv` and `[data.NAME]`.
    pub fn name(self) -> &'static str {
        match self {
            TableKind::Cohorts => "cohorts",
            TableKind::Participants => "participants",
            TableKind::Pairs => "pairs",
            TableKind::Meetings => "meetings",
            TableKind::Goals => "goals",
            TableKind::Feedback => "feedback",
        }
    }

    /// The name of one row, as in a TOML data file's `[[meeting]]`.
    pub fn singular(self) -> &'static str {
        match self {
            TableKind::Cohorts => "cohort",
            TableKind::Participants => "participant",
            TableKind::Pairs => "pair",
            TableKind::Meetings => "meeting",
            TableKind::Goals => "goal",
            TableKind::Feedback => "feedback",
        }
    }

    pub fn required(self) -> bool {
        matches!(self, TableKind::Cohorts | TableKind::Pairs)
    }

    /// Every column mentorbook reads from this table.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            TableKind::Cohorts => &[
                "cohort_id",
                "name",
                "start_date",
                "end_date",
                "description",
                "track",
            ],
            TableKind::Participants => &[
                "participant_id",
                "cohort_id",
                "role",
                "name",
                "email",
                "department",
            ],
            TableKind::Pairs => &[
                "pair_id",
                "cohort_id",
                "mentor_id",
                "mentee_id",
                "matched_on",
                "ended_on",
                "status",
            ],
            TableKind::Meetings => &[
                "pair_id",
                "date",
                "meeting_id",
                "duration_minutes",
                "format",
            ],
            TableKind::Goals => &[
                "goal_id",
                "pair_id",
                "created_on",
                "status",
                "title",
                "due_on",
                "completed_on",
            ],
            TableKind::Feedback => &[
                "respondent_role",
                "submitted_on",
                "pair_id",
                "cohort_id",
                "rating",
                "nps",
                "response_id",
                "comment",
            ],
        }
    }

    /// Columns whose values come from a fixed set, with that set.
    pub fn set_columns(self) -> &'static [(&'static str, &'static [&'static str])] {
        const ROLES: &[&str] = &["mentor", "mentee"];
        match self {
            TableKind::Participants => &[("role", ROLES)],
            TableKind::Pairs => &[("status", &["active", "completed", "ended_early"])],
            TableKind::Goals => &[(
                "status",
                &["not_started", "in_progress", "completed", "abandoned"],
            )],
            TableKind::Feedback => &[("respondent_role", ROLES)],
            TableKind::Cohorts | TableKind::Meetings => &[],
        }
    }
}

/// The program config, validated.
#[derive(Clone, Debug)]
pub struct Config {
    pub title: String,
    pub base_url: String,
    pub theme: String,
    pub description: String,
    pub language: String,
    pub data: DataConfig,
    pub metrics: MetricsConfig,
    pub privacy: PrivacyConfig,
    pub branding: Branding,
}

#[derive(Clone, Debug)]
pub struct DataConfig {
    /// Folder of the data files, relative to the program folder.
    pub dir: String,
    pub as_of: Option<Date>,
    /// Per table, in [`TableKind::ALL`] order.
    pub tables: BTreeMap<TableKind, TableConfig>,
}

#[derive(Clone, Debug, Default)]
pub struct TableConfig {
    /// A file relative to the program folder, replacing `DIR/NAME.csv|toml`.
    pub path: Option<String>,
    pub delimiter: u8,
    /// strftime-style format replacing the default date shapes.
    pub date_format: Option<String>,
    /// mentorbook column name → the export's header.
    pub columns: BTreeMap<String, String>,
    /// mentorbook column → mentorbook value → the export's labels for it.
    pub values: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MetricsConfig {
    pub quiet_days: u32,
    pub fiscal_year_start_month: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PrivacyConfig {
    pub min_group_size: u32,
    pub min_comment_group_size: u32,
    pub publish_comments: bool,
    pub publish_goal_titles: bool,
}

impl Default for MetricsConfig {
    fn default() -> Self {
        MetricsConfig {
            quiet_days: 30,
            fiscal_year_start_month: 1,
        }
    }
}

impl Default for PrivacyConfig {
    fn default() -> Self {
        PrivacyConfig {
            min_group_size: 5,
            min_comment_group_size: 10,
            publish_comments: false,
            publish_goal_titles: false,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Mentoring program".into(),
            base_url: String::new(),
            theme: "default".into(),
            description: String::new(),
            language: "en".into(),
            data: DataConfig {
                dir: "data".into(),
                as_of: None,
                tables: TableKind::ALL
                    .iter()
                    .map(|&k| (k, TableConfig::plain()))
                    .collect(),
            },
            metrics: MetricsConfig::default(),
            privacy: PrivacyConfig::default(),
            branding: Branding::default(),
        }
    }
}

impl TableConfig {
    fn plain() -> Self {
        TableConfig {
            delimiter: b',',
            ..TableConfig::default()
        }
    }
}

// The file as written: every field optional, unknown keys rejected, and
// spans kept where a value needs checking after parsing.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    base_url: Option<String>,
    theme: Option<String>,
    description: Option<String>,
    language: Option<String>,
    #[serde(default)]
    data: RawData,
    #[serde(default)]
    metrics: RawMetrics,
    #[serde(default)]
    privacy: RawPrivacy,
    #[serde(default)]
    branding: branding::RawBranding,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawData {
    dir: Option<String>,
    as_of: Option<Spanned<toml::Value>>,
    cohorts: Option<RawTable>,
    participants: Option<RawTable>,
    pairs: Option<RawTable>,
    meetings: Option<RawTable>,
    goals: Option<RawTable>,
    feedback: Option<RawTable>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTable {
    path: Option<String>,
    delimiter: Option<Spanned<String>>,
    date_format: Option<Spanned<String>>,
    #[serde(default)]
    columns: BTreeMap<Spanned<String>, String>,
    #[serde(default)]
    values: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, OneOrMany>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawMetrics {
    quiet_days: Option<Spanned<i64>>,
    fiscal_year_start_month: Option<Spanned<i64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPrivacy {
    min_group_size: Option<Spanned<i64>>,
    min_comment_group_size: Option<Spanned<i64>>,
    publish_comments: Option<bool>,
    publish_goal_titles: Option<bool>,
}

/// Parses and validates a config file's text. `file` names it in messages.
/// All problems are reported; the config is returned only when there are none.
pub fn parse(text: &str, file: &str, diags: &mut Diagnostics) -> Option<Config> {
    let raw: RawConfig = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let line = e.span().map(|s| line_of(text, s.start));
            diags.error(file, line, describe_toml_error(&e));
            return None;
        }
    };
    let errors_before = diags.error_count();
    let lines = Lines::new(text);
    let at = |span: std::ops::Range<usize>| Some(lines.line_of(span.start));
    let mut config = Config::default();
    if let Some(v) = raw.title {
        config.title = v;
    }
    if let Some(v) = raw.base_url {
        config.base_url = v;
    }
    if let Some(v) = raw.theme {
        config.theme = v;
    }
    if let Some(v) = raw.description {
        config.description = v;
    }
    if let Some(v) = raw.language {
        config.language = v;
    }
    if let Some(dir) = raw.data.dir {
        config.data.dir = dir;
    }
    if let Some(as_of) = raw.data.as_of {
        let span = as_of.span();
        match date_value(as_of.get_ref()) {
            Some(d) => config.data.as_of = Some(d),
            None => diags.error(
                file,
                at(span),
                format!(
                    "`data.as_of`: {} is not a date (expected YYYY-MM-DD)",
                    value_text(as_of.get_ref())
                ),
            ),
        }
    }
    let raw_tables = [
        (TableKind::Cohorts, raw.data.cohorts),
        (TableKind::Participants, raw.data.participants),
        (TableKind::Pairs, raw.data.pairs),
        (TableKind::Meetings, raw.data.meetings),
        (TableKind::Goals, raw.data.goals),
        (TableKind::Feedback, raw.data.feedback),
    ];
    for (kind, raw_table) in raw_tables {
        if let Some(raw_table) = raw_table {
            let table = table_config(kind, raw_table, &lines, file, diags);
            config.data.tables.insert(kind, table);
        }
    }
    let mut int = |value: Option<Spanned<i64>>, key: &str, range: std::ops::RangeInclusive<i64>| {
        let value = value?;
        let v = *value.get_ref();
        if range.contains(&v) {
            Some(v as u32)
        } else {
            diags.error(
                file,
                at(value.span()),
                format!(
                    "`{key}`: {v} is out of range (expected {} to {})",
                    range.start(),
                    range.end()
                ),
            );
            None
        }
    };
    if let Some(v) = int(raw.metrics.quiet_days, "metrics.quiet_days", 1..=3650) {
        config.metrics.quiet_days = v;
    }
    if let Some(v) = int(
        raw.metrics.fiscal_year_start_month,
        "metrics.fiscal_year_start_month",
        1..=12,
    ) {
        config.metrics.fiscal_year_start_month = v;
    }
    if let Some(v) = int(
        raw.privacy.min_group_size,
        "privacy.min_group_size",
        1..=1_000_000,
    ) {
        config.privacy.min_group_size = v;
    }
    if let Some(v) = int(
        raw.privacy.min_comment_group_size,
        "privacy.min_comment_group_size",
        1..=1_000_000,
    ) {
        config.privacy.min_comment_group_size = v;
    }
    if let Some(v) = raw.privacy.publish_comments {
        config.privacy.publish_comments = v;
    }
    if let Some(v) = raw.privacy.publish_goal_titles {
        config.privacy.publish_goal_titles = v;
    }
    config.branding = branding::parse(raw.branding, &lines, file, diags);
    (diags.error_count() == errors_before).then_some(config)
}

fn table_config(
    kind: TableKind,
    raw: RawTable,
    lines: &Lines,
    file: &str,
    diags: &mut Diagnostics,
) -> TableConfig {
    let name = kind.name();
    let at = |span: std::ops::Range<usize>| Some(lines.line_of(span.start));
    let mut table = TableConfig::plain();
    table.path = raw.path;
    if let Some(d) = raw.delimiter {
        let value = d.get_ref();
        match value.as_bytes() {
            [b] if b.is_ascii() && *b != b'"' && *b != b'\n' && *b != b'\r' => {
                table.delimiter = *b;
            }
            _ if value == "\\t" || value.eq_ignore_ascii_case("tab") => table.delimiter = b'\t',
            _ => diags.error(
                file,
                at(d.span()),
                format!(
                    "`data.{name}.delimiter`: {} is not a delimiter (expected one ASCII character, such as \";\" or \"\\t\")",
                    quoted(value)
                ),
            ),
        }
    }
    if let Some(f) = raw.date_format {
        if f.get_ref().contains('%') {
            table.date_format = Some(f.get_ref().clone());
        } else {
            diags.error(
                file,
                at(f.span()),
                format!(
                    "`data.{name}.date_format`: {} has no field (expected a strftime format such as \"%m/%d/%Y\")",
                    quoted(f.get_ref())
                ),
            );
        }
    }
    for (column, header) in raw.columns {
        if kind.columns().contains(&column.get_ref().as_str()) {
            table.columns.insert(column.get_ref().clone(), header);
        } else {
            diags.error(
                file,
                at(column.span()),
                format!(
                    "`data.{name}.columns`: unknown column `{}`{} (expected one of {})",
                    column.get_ref(),
                    did_you_mean(column.get_ref(), kind.columns()),
                    list(kind.columns())
                ),
            );
        }
    }
    for (column, mapping) in raw.values {
        let Some((_, allowed)) = kind
            .set_columns()
            .iter()
            .find(|(c, _)| *c == column.get_ref().as_str())
        else {
            let names: Vec<&str> = kind.set_columns().iter().map(|(c, _)| *c).collect();
            let expected = if names.is_empty() {
                format!("table `{name}` has no column with a fixed set of values")
            } else {
                format!("expected one of {}", list(&names))
            };
            diags.error(
                file,
                at(column.span()),
                format!(
                    "`data.{name}.values`: column `{}` takes no value mapping ({expected})",
                    column.get_ref()
                ),
            );
            continue;
        };
        let mut labels_by_value = BTreeMap::new();
        for (value, labels) in mapping {
            if !allowed.contains(&value.get_ref().as_str()) {
                diags.error(
                    file,
                    at(value.span()),
                    format!(
                        "`data.{name}.values.{}`: unknown value `{}`{} (expected one of {})",
                        column.get_ref(),
                        value.get_ref(),
                        did_you_mean(value.get_ref(), allowed),
                        list(allowed)
                    ),
                );
                continue;
            }
            let labels = match labels {
                OneOrMany::One(l) => vec![l],
                OneOrMany::Many(ls) => ls,
            };
            labels_by_value.insert(value.get_ref().clone(), labels);
        }
        table
            .values
            .insert(column.get_ref().clone(), labels_by_value);
    }
    table
}

/// A date given as a TOML date or as a `YYYY-MM-DD` string.
pub fn date_value(value: &toml::Value) -> Option<Date> {
    match value {
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
            let d = dt.date?;
            Date::from_ymd(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        }
        toml::Value::Datetime(dt) => {
            let d = dt.date?;
            Date::from_ymd(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        }
        toml::Value::String(s) => Date::parse_default(s.trim()),
        _ => None,
    }
}

fn value_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => quoted(s),
        other => other.to_string(),
    }
}

/// The 1-based lines of many byte offsets of one text: its newlines are
/// found once, so each look-up is a binary search rather than a scan from
/// the start (which made files with many rows or links quadratic).
pub struct Lines {
    newlines: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        Lines {
            newlines: memchr::memchr_iter(b'\n', text.as_bytes()).collect(),
        }
    }

    /// The 1-based line of a byte offset, as [`line_of`] counts it.
    pub fn line_of(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&at| at < offset) + 1
    }
}

/// The 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Rewrites serde's "unknown field" messages to name the closest valid key.
pub(crate) fn describe_toml_error(e: &toml::de::Error) -> String {
    let message = e.message().trim();
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((unknown, rest)) = rest.split_once('`')
    {
        let valid: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
        if valid.is_empty() {
            return format!("unknown key `{unknown}`: this table takes no keys");
        }
        return format!(
            "unknown key `{unknown}`{} (expected one of {})",
            did_you_mean(unknown, &valid),
            list(&valid)
        );
    }
    message.to_string()
}

/// `, did you mean `x`?` when a candidate is close enough to be a typo.
pub fn did_you_mean(word: &str, candidates: &[&str]) -> String {
    closest(word, candidates)
        .map(|c| format!(": did you mean `{c}`?"))
        .unwrap_or_default()
}

/// The candidate closest to `word` by edit distance, if plausibly a typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    candidates
        .iter()
        .map(|c| (edit_distance(&word, c), *c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(1) || c.contains(word.as_str()))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

pub(crate) fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        let mut diags = Diagnostics::new();
        let config = parse(text, "mentorbook.toml", &mut diags);
        assert_eq!(config.is_none(), diags.has_errors());
        diags.report_lines()
    }

    #[test]
    fn defaults() {
        let mut diags = Diagnostics::new();
        let config = parse("", "mentorbook.toml", &mut diags);
        let config = config.unwrap_or_default();
        assert_eq!(config.metrics.quiet_days, 30);
        assert_eq!(config.privacy.min_group_size, 5);
        assert_eq!(config.data.dir, "data");
        assert_eq!(config.data.tables[&TableKind::Meetings].delimiter, b',');
    }

    #[test]
    fn unknown_key_names_the_closest_and_its_line() {
        assert_eq!(
            errors("title = \"x\"\n\n[privacy]\nmin_grup_size = 3\n"),
            vec![
                "error: mentorbook.toml:4: unknown key `min_grup_size`: did you mean `min_group_size`? \
                 (expected one of `min_group_size`, `min_comment_group_size`, `publish_comments`, `publish_goal_titles`)"
            ]
        );
    }

    #[test]
    fn mappings_and_dates() {
        let mut diags = Diagnostics::new();
        let text = r#"
[data]
as_of = 2025-06-30
[data.goals]
delimiter = ";"
date_format = "%m/%d/%Y"
columns = { pair_id = "Match ID" }
[data.goals.values.status]
completed = ["Done", "Achieved"]
abandoned = "Dropped"
"#;
        let config = parse(text, "mentorbook.toml", &mut diags);
        assert!(!diags.has_errors(), "{:?}", diags.report_lines());
        let Some(config) = config else { return };
        assert_eq!(
            config.data.as_of.map(|d| d.to_string()),
            Some("2025-06-30".into())
        );
        let goals = &config.data.tables[&TableKind::Goals];
        assert_eq!(goals.delimiter, b';');
        assert_eq!(goals.columns["pair_id"], "Match ID");
        assert_eq!(
            goals.values["status"]["completed"],
            vec!["Done", "Achieved"]
        );
        assert_eq!(goals.values["status"]["abandoned"], vec!["Dropped"]);
    }

    #[test]
    fn bad_values_each_get_a_line() {
        let text = "[data]\nas_of = \"2025-13-01\"\n[data.meetings.columns]\nparid = \"Match\"\n[metrics]\nquiet_days = 0\n";
        assert_eq!(
            errors(text),
            vec![
                "error: mentorbook.toml:2: `data.as_of`: \"2025-13-01\" is not a date (expected YYYY-MM-DD)",
                "error: mentorbook.toml:4: `data.meetings.columns`: unknown column `parid`: did you mean `pair_id`? \
                 (expected one of `pair_id`, `date`, `meeting_id`, `duration_minutes`, `format`)",
                "error: mentorbook.toml:6: `metrics.quiet_days`: 0 is out of range (expected 1 to 3650)",
            ]
        );
    }

    #[test]
    fn syntax_error_has_its_line() {
        let lines = errors("title = \"x\"\nbase_url = \n");
        assert_eq!(lines.len(), 1);
        assert!(
            lines[0].starts_with("error: mentorbook.toml:2: "),
            "{}",
            lines[0]
        );
    }
}
