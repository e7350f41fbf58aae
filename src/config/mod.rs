//! `mentorbook.toml` as a plain, validated [`Config`]: what each setting holds, and its default (docs/program-folder.md).

mod branding;
mod files;
pub mod languages;
pub mod meaning;
mod parse;
pub mod schema;
mod table;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::date::Date;

pub use branding::{At, Branding};
pub use languages::{Languages, Translation};
pub use parse::parse;
use schema::TableKind;

/// The program config, validated.
#[derive(Clone, Debug)]
pub struct Config {
    pub title: String,
    pub base_url: String,
    pub theme: String,
    pub description: String,
    /// `language`, `languages` and `[translations.TAG]` (docs/languages.md).
    pub languages: Languages,
    pub data: DataConfig,
    pub metrics: MetricsConfig,
    pub privacy: PrivacyConfig,
    pub publish: PublishConfig,
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
    /// Which files and rows the table reads (`path`, `sheet`, `header_row`,
    /// skips and constants).
    pub files: FilesConfig,
    pub delimiter: u8,
    /// strftime-style format replacing the default date shapes.
    pub date_format: Option<String>,
    /// mentorbook column name → the export's header.
    pub columns: BTreeMap<String, String>,
    /// mentorbook column → mentorbook value → the export's labels for it.
    pub values: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// What the rows mean: merged reports, derived tables, scales, lookups.
    pub meaning: meaning::RowMeaning,
}

/// Which files feed a table and which of their rows count (docs/data.md,
/// "Exports in other shapes").
#[derive(Clone, Debug, Default)]
pub struct FilesConfig {
    /// Files or globs relative to the program folder, replacing
    /// `DIR/NAME.csv|toml`; empty for that default.
    pub path: Vec<String>,
    /// The worksheet of a spreadsheet file; the first when `None`.
    pub sheet: Option<String>,
    /// The header's line (1-based), lines above it skipped; the first row when `None`.
    pub header_row: Option<usize>,
    /// Export headers: a row with any of them empty is skipped.
    pub skip_if_empty: Vec<String>,
    /// Export header → labels: a row whose value is one of them is skipped.
    pub skip_if: Vec<(String, Vec<String>)>,
    /// mentorbook column → the text every row takes (`{file}`, `{line}` filled in).
    pub constants: Vec<(String, String)>,
    /// The config line of each of these keys (`path`, `sheet`, `header_row`,
    /// `skip_if_empty`, `skip_if.HEADER`, `constants.COLUMN`), for problems
    /// found only once the files are read.
    pub lines: BTreeMap<String, usize>,
}

impl FilesConfig {
    /// The config line of a key of this table, when the config sets it.
    pub fn line(&self, key: &str) -> Option<usize> {
        self.lines.get(key).copied()
    }
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

/// `[publish]`: the ledger of what was published (docs/privacy.md, "Publishing over time").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishConfig {
    /// The ledger file, relative to the program folder.
    pub ledger: String,
    /// Days after a quarter's end from which it is closed (its report frozen).
    pub close_after_days: u32,
}

impl Default for PublishConfig {
    fn default() -> Self {
        PublishConfig {
            ledger: "mentorbook.lock".into(),
            close_after_days: 14,
        }
    }
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
            languages: Languages::default(),
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
            publish: PublishConfig::default(),
            branding: Branding::default(),
        }
    }
}

impl Config {
    /// The default language's tag (`language`, `en` when unset).
    pub fn language(&self) -> &str {
        &self.languages.default
    }
}

impl DataConfig {
    /// A table's settings: the defaults for a table the config leaves out.
    pub fn table(&self, kind: TableKind) -> &TableConfig {
        static PLAIN: OnceLock<TableConfig> = OnceLock::new();
        self.tables
            .get(&kind)
            .unwrap_or_else(|| PLAIN.get_or_init(TableConfig::plain))
    }
}

impl TableConfig {
    /// A table read as written: comma-separated, default date shapes, no mapping.
    fn plain() -> Self {
        TableConfig {
            delimiter: b',',
            ..TableConfig::default()
        }
    }
}
