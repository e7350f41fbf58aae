//! Reading `mentorbook.toml`: the file as written (every key optional, unknown keys rejected), checked value by value into a [`Config`].

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::date::Date;
use crate::diag::{Diagnostics, quoted};
use crate::util::text::{Lines, line_of};
use crate::util::toml_error::describe_toml_error_in;

use super::Config;
use super::schema::TableKind;

// The file as written: every field optional, unknown keys rejected, and
// spans kept where a value needs checking after parsing.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    base_url: Option<String>,
    theme: Option<String>,
    description: Option<String>,
    language: Option<Spanned<String>>,
    languages: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    translations: BTreeMap<Spanned<String>, super::languages::RawTranslation>,
    #[serde(default)]
    data: RawData,
    #[serde(default)]
    metrics: RawMetrics,
    #[serde(default)]
    privacy: RawPrivacy,
    #[serde(default)]
    publish: RawPublish,
    #[serde(default)]
    branding: super::branding::RawBranding,
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
pub(super) struct RawTable {
    // Which files and rows (config/files.rs).
    pub(super) path: Option<Spanned<OneOrMany>>,
    pub(super) sheet: Option<Spanned<String>>,
    pub(super) header_row: Option<Spanned<i64>>,
    pub(super) skip_if_empty: Option<Spanned<OneOrMany>>,
    #[serde(default)]
    pub(super) skip_if: BTreeMap<Spanned<String>, Spanned<OneOrMany>>,
    #[serde(default)]
    pub(super) constants: BTreeMap<Spanned<String>, Spanned<String>>,
    // How the values read.
    pub(super) delimiter: Option<Spanned<String>>,
    pub(super) date_format: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) columns: BTreeMap<Spanned<String>, String>,
    #[serde(default)]
    pub(super) values: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, OneOrMany>>,
    // What the rows mean: checked in meaning.rs.
    pub(super) merge_duplicates: Option<Spanned<bool>>,
    pub(super) derive: Option<Spanned<bool>>,
    pub(super) respondents: Option<Spanned<toml::Value>>,
    #[serde(default)]
    pub(super) scales: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    pub(super) lookup: BTreeMap<Spanned<String>, Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum OneOrMany {
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

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPublish {
    ledger: Option<Spanned<String>>,
    close_after_days: Option<Spanned<i64>>,
}

/// Parses and validates a config file's text. `file` names it in messages.
/// All problems are reported; the config is returned only when there are none.
pub fn parse(text: &str, file: &str, diags: &mut Diagnostics) -> Option<Config> {
    let raw: RawConfig = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let line = e.span().map(|s| line_of(text, s.start));
            diags.error(file, line, describe_toml_error_in(text, &e));
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
    config.languages = super::languages::parse(
        super::languages::RawLanguages {
            language: raw.language,
            languages: raw.languages,
            translations: raw.translations,
        },
        &lines,
        file,
        diags,
    );
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
            let table = super::table::table_config(kind, raw_table, &lines, file, diags);
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
    if let Some(v) = int(
        raw.publish.close_after_days,
        "publish.close_after_days",
        0..=3650,
    ) {
        config.publish.close_after_days = v;
    }
    if let Some(path) = raw.publish.ledger {
        let span = path.span();
        let path = path.into_inner();
        if path.trim().is_empty() || path.ends_with('/') || path.ends_with('\\') {
            diags.error(
                file,
                at(span),
                format!(
                    "`publish.ledger`: {} is not a file name (expected a path such as \"mentorbook.lock\")",
                    quoted(&path)
                ),
            );
        } else {
            config.publish.ledger = path;
        }
    }
    config.branding = super::branding::parse(raw.branding, &lines, file, diags);
    (diags.error_count() == errors_before).then_some(config)
}

impl OneOrMany {
    pub(super) fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(l) => vec![l],
            OneOrMany::Many(ls) => ls,
        }
    }
}

/// A date given as a TOML date, the date of a TOML date-time, or a
/// `YYYY-MM-DD` string.
fn date_value(value: &toml::Value) -> Option<Date> {
    match value {
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
                 (expected one of `pair_id`, `date`, `meeting_id`, `duration_minutes`, `format`, \
                 `cohort_id`, `mentor_id`, `mentee_id`, `participant_id`)",
                "error: mentorbook.toml:6: `metrics.quiet_days`: 0 is out of range (expected 1 to 3650)",
            ]
        );
    }

    #[test]
    fn what_rows_mean() {
        let text = r#"
[data.meetings]
merge_duplicates = true
[data.pairs]
derive = true
[data.feedback]
respondents = "mentee"
scales = { rating = [0, 1] }
[data.feedback.values.rating]
5 = ["Very satisfied", "Excellent"]
1 = "Very dissatisfied"
[data.feedback.values.nps]
10 = "Certainly"
[data.feedback.lookup]
cohort_id = "name"
"#;
        let mut diags = Diagnostics::new();
        let config = parse(text, "mentorbook.toml", &mut diags);
        assert!(!diags.has_errors(), "{:?}", diags.report_lines());
        let Some(config) = config else { return };
        let table = |k| &config.data.tables[&k].meaning;
        assert!(table(TableKind::Meetings).merge_duplicates);
        assert!(table(TableKind::Pairs).derive);
        assert!(!table(TableKind::Cohorts).derive);
        let feedback = table(TableKind::Feedback);
        assert_eq!(feedback.respondents.0, [false, true]);
        assert_eq!(
            feedback.rating_scale.map(|s| s.text()),
            Some("[0, 1]".into())
        );
        assert_eq!(
            feedback.rating_labels,
            vec![
                (1, vec!["Very dissatisfied".to_string()]),
                (
                    5,
                    vec!["Very satisfied".to_string(), "Excellent".to_string()]
                )
            ]
        );
        assert_eq!(
            feedback.nps_labels,
            vec![(10, vec!["Certainly".to_string()])]
        );
        assert!(feedback.cohort_by_name);
        assert!(config.data.tables[&TableKind::Feedback].values.is_empty());
    }

    #[test]
    fn what_rows_mean_misused() {
        let text = "[data.goals]\nmerge_duplicates = true\nderive = true\n\
                    [data.goals.lookup]\ncohort = \"name\"\n\
                    [data.cohorts.lookup]\ncohort_id = \"name\"\n\
                    [data.feedback.lookup]\ncohort_id = \"title\"\n\
                    [data.feedback.values.rating]\n6 = \"Superb\"\n\
                    [data.feedback.values.score]\n5 = \"Superb\"\n";
        assert_eq!(
            errors(text),
            vec![
                "error: mentorbook.toml:7: `data.cohorts.lookup`: the cohorts table refers to no cohort by name",
                "error: mentorbook.toml:2: `data.goals.merge_duplicates`: only `[data.meetings]` takes this key \
                 (meetings reported by both sides)",
                "error: mentorbook.toml:3: `data.goals.derive`: only `[data.cohorts]` and `[data.pairs]` take this key \
                 (goals are never derived)",
                "error: mentorbook.toml:5: `data.goals.lookup`: unknown column `cohort`: did you mean `cohort_id`? \
                 (only `cohort_id` can be looked up, by the cohorts' `name`)",
                "error: mentorbook.toml:12: `data.feedback.values`: column `score` takes no value mapping \
                 (expected one of `respondent_role`, `rating`, `nps`)",
                "error: mentorbook.toml:11: `data.feedback.values.rating`: \"6\" is not a rating on mentorbook's scale \
                 (expected a whole number from 1 to 5)",
                "error: mentorbook.toml:9: `data.feedback.lookup.cohort_id`: \"title\" is not a cohorts column to match \
                 (expected \"name\")",
            ]
        );
    }

    #[test]
    fn languages_are_bcp47_tags_listed_once() {
        let mut diags = Diagnostics::new();
        let text = "language = \"pt-br\"\nlanguages = [\"ES\", \"ar\"]\n[translations.es]\ntitle = \"Programa\"\n";
        let config = parse(text, "mentorbook.toml", &mut diags);
        assert!(!diags.has_errors(), "{:?}", diags.report_lines());
        let Some(config) = config else { return };
        assert_eq!(config.language(), "pt-BR");
        assert_eq!(config.languages.others, ["es", "ar"]);
        assert_eq!(
            config.languages.translations["es"].title.as_deref(),
            Some("Programa")
        );

        let text = "language = \"english\"\nlanguages = [\n  \"pt-BR\",\n  \"pt_br\",\n  \"en\",\n  \"x y\",\n]\n[translations.fr]\ntitle = \"Programme\"\n";
        assert_eq!(
            errors(text),
            vec![
                "error: mentorbook.toml:1: `language`: \"english\" is not a language tag (expected a BCP 47 tag such as \"en\", \"pt-BR\" or \"zh-Hant\")",
                "error: mentorbook.toml:4: `languages`: \"pt-BR\" is listed twice (each language is listed once)",
                "error: mentorbook.toml:5: `languages`: \"en\" is listed twice (it is already the default `language`)",
                "error: mentorbook.toml:6: `languages`: \"x y\" is not a language tag (expected a BCP 47 tag such as \"en\", \"pt-BR\" or \"zh-Hant\")",
                "error: mentorbook.toml:8: `translations.fr`: not one of the site's `languages`",
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
