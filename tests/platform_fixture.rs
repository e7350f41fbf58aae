//! The platform-export fixture's mapping against the export's headers and labels.
//!
//! The fixture (written by `examples/generate/`) comes with a
//! `mentorbook.toml` whose mapping must cover every column and label.

mod common;

use common::{read, repo};
use mentorbook::config;
use mentorbook::config::schema::TableKind;
use mentorbook::diag::Diagnostics;

const DIR: &str = "tests/fixtures/platform-export";

#[test]
fn platform_fixture_mapping_matches_the_export() {
    let dir = repo().join(DIR);
    let text = read(&dir.join("mentorbook.toml"));
    let mut diags = Diagnostics::new();
    let config = config::parse(&text, "mentorbook.toml", &mut diags);
    assert!(!diags.has_errors(), "{:?}", diags.report_lines());
    let config = config.expect("config parses");
    for kind in TableKind::ALL {
        let table = &config.data.tables[&kind];
        assert_eq!(table.delimiter, b';');
        assert_eq!(table.date_format.as_deref(), Some("%m/%d/%Y"));
        let csv = read(&dir.join("data").join(format!("{}.csv", kind.name())));
        let csv = csv.strip_prefix('\u{feff}').expect("BOM");
        let (header, _) = csv.split_once("\r\n").expect("CRLF header");
        let headers: Vec<String> = header.split(';').map(str::to_lowercase).collect();
        // The columns of the same program in mentorbook's shape (the
        // repository's data/), which the export must carry under its names.
        let canonical = read(&repo().join("data").join(format!("{}.csv", kind.name())));
        let canonical: Vec<&str> = canonical.lines().next().unwrap_or("").split(',').collect();
        assert!(canonical.len() >= 3, "{}: {canonical:?}", kind.name());
        for column in kind.column_names().iter().filter(|c| canonical.contains(c)) {
            let export = table.columns.get(*column).map_or(*column, String::as_str);
            assert!(
                headers.contains(&export.to_lowercase()),
                "{}: `{column}` (\"{export}\") not in {headers:?}",
                kind.name()
            );
        }
        for (column, labels) in &table.values {
            let allowed = kind
                .set_columns()
                .find(|c| c.name == column)
                .map(|c| c.values)
                .expect("set column");
            assert_eq!(labels.len(), allowed.len(), "{}.{column}", kind.name());
        }
    }
}
