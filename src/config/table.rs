//! One `[data.TABLE]` table of `mentorbook.toml` checked into a [`TableConfig`]: delimiter, date format, column and value mappings, then its files and meaning (docs/data.md).

use std::collections::BTreeMap;

use crate::diag::{Diagnostics, quoted};
use crate::util::text::{Lines, did_you_mean, list};

use super::TableConfig;
use super::meaning::{self, RawMeaning};
use super::parse::RawTable;
use super::schema::TableKind;

pub(super) fn table_config(
    kind: TableKind,
    mut raw: RawTable,
    lines: &Lines,
    file: &str,
    diags: &mut Diagnostics,
) -> TableConfig {
    let name = kind.name();
    let at = |span: std::ops::Range<usize>| Some(lines.line_of(span.start));
    let mut table = TableConfig::plain();
    table.files = super::files::files_config(kind, &mut raw, lines, file, diags);
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
        if kind.column_names().contains(&column.get_ref().as_str()) {
            table.columns.insert(column.get_ref().clone(), header);
        } else {
            diags.error(
                file,
                at(column.span()),
                format!(
                    "`data.{name}.columns`: unknown column `{}`{} (expected one of {})",
                    column.get_ref(),
                    did_you_mean(column.get_ref(), kind.column_names()),
                    list(kind.column_names())
                ),
            );
        }
    }
    let mut meaning = RawMeaning {
        merge_duplicates: raw.merge_duplicates,
        derive: raw.derive,
        respondents: raw.respondents,
        scales: raw.scales,
        lookup: raw.lookup,
        labels: Vec::new(),
    };
    for (column, mapping) in raw.values {
        if kind
            .scored_columns()
            .iter()
            .any(|(c, _, _)| c.name == column.get_ref())
        {
            let labels = mapping
                .into_iter()
                .map(|(n, l)| (n, l.into_vec()))
                .collect();
            meaning.labels.push((column, labels));
            continue;
        }
        let Some(allowed) = kind
            .set_columns()
            .find(|c| c.name == column.get_ref().as_str())
            .map(|c| c.values)
        else {
            let names: Vec<&str> = kind
                .set_columns()
                .map(|c| c.name)
                .chain(kind.scored_columns().iter().map(|(c, _, _)| c.name))
                .collect();
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
            labels_by_value.insert(value.get_ref().clone(), labels.into_vec());
        }
        table
            .values
            .insert(column.get_ref().clone(), labels_by_value);
    }
    table.meaning = meaning::read(kind, meaning, lines, file, diags);
    table
}
