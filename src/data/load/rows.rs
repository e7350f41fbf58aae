//! What every table's loader shares: reading its files' rows through a [`RowReader`], sizing its vector, and reporting duplicate ids and unknown cohorts.

use std::cell::{Cell, RefCell};

use crate::config::Config;
use crate::config::schema::{Col, TableKind};
use crate::data::fields::{DateMemo, Layout, RowReader, resolve};
use crate::data::locate::TableFiles;
use crate::data::model::CohortIx;
use crate::data::origins::Origins;
use crate::data::skip::Skips;
use crate::data::source::{self, Header, Settings};
use crate::data::unique::UniqueIds;

use super::lookup::CohortRefs;
use crate::diag::{Diagnostics, quoted};

/// The shortest row worth reserving for: a pair id, a date and separators.
const MIN_ROW_BYTES: usize = 16;

/// A vector with room for every row the files could hold, so that loading
/// never copies a table to grow it. Room never written to costs address
/// space only: the system maps memory in as it is first touched. Where the
/// system refuses that much address space (a huge file, strict overcommit),
/// the vector starts empty and grows as rows come, rather than aborting.
pub(super) fn rows_for<T>(files: &TableFiles) -> Vec<T> {
    let mut rows = Vec::new();
    // Growing as rows come is the fallback when this fails, so the error
    // needs no handling.
    let _ = rows.try_reserve_exact(files.size_hint() / MIN_ROW_BYTES);
    rows
}

/// Gives back the room [`rows_for`] reserved beyond the rows read.
pub(super) fn fitted<T>(mut rows: Vec<T>) -> Vec<T> {
    rows.shrink_to_fit();
    rows
}

/// What reading a table's files gave: how many rows were read (skipped
/// rows not counted), and where they came from.
pub(super) struct TableRead {
    pub rows: usize,
    pub origins: Origins,
}

/// Reads a table from each of its files in order, handing each row to
/// `on_row` with a [`RowReader`]. `check_layout` may reject a file's
/// columns beyond the schema's required ones (then none of its rows is
/// read). Rows the config skips are counted for `check`'s note and
/// otherwise ignored.
pub(super) fn for_each_row(
    files: &TableFiles,
    kind: TableKind,
    config: &Config,
    diags: &mut Diagnostics,
    mut check_layout: impl FnMut(&Layout, &Header, &mut Diagnostics) -> bool,
    mut on_row: impl FnMut(&mut RowReader),
) -> TableRead {
    let table = config.data.table(kind);
    let settings = Settings {
        kind,
        table,
        config_file: &files.config_file,
    };
    let mut count = 0;
    let mut dates = DateMemo::default();
    let skips = RefCell::new(Skips::new(table));
    let origins = RefCell::new(Origins::default());
    for file in &files.files {
        // The constants with this file's name filled in; `{line}` per row.
        let stem = file.stem();
        let templates: Vec<String> = table
            .files
            .constants
            .iter()
            .map(|(_, t)| t.replace("{file}", &stem))
            .collect();
        let per_row = templates.iter().any(|t| t.contains("{line}"));
        let mut constants = templates.clone();
        let (file_base, last_line) = (Cell::new(0), Cell::new(0));
        source::read(
            file,
            &settings,
            diags,
            &mut |header, diags| {
                let base = origins.borrow_mut().start_file(header.display);
                file_base.set(base);
                last_line.set(header.line);
                let layout = resolve(kind, table, header, &files.config_file, diags)
                    .filter(|layout| check_layout(layout, header, diags));
                let skips = skips.borrow();
                let file_skips = if skips.any() {
                    Some(skips.resolve(kind, table, header, diags)?)
                } else {
                    None
                };
                Some((layout?, file_skips, header.display.to_string(), base))
            },
            &mut |(layout, file_skips, display, base), row, diags| {
                let base = *base;
                if let Some(file_skips) = file_skips
                    && skips.borrow_mut().skips(file_skips, row)
                {
                    return;
                }
                count += 1;
                if per_row {
                    let line = row.line.to_string();
                    for (c, t) in constants.iter_mut().zip(&templates) {
                        *c = t.replace("{line}", &line);
                    }
                }
                let mut reader = RowReader::new(
                    row,
                    display,
                    layout,
                    table.date_format.as_deref(),
                    diags,
                    &mut dates,
                );
                reader.constants = &constants;
                reader.base = base;
                reader.origins = Some(&origins);
                on_row(&mut reader);
                last_line.set(row.line);
            },
        );
        origins
            .borrow_mut()
            .saw_line(file_base.get(), last_line.get());
    }
    if let Some(note) = skips.borrow().note() {
        diags.note(kind.name(), note);
    }
    TableRead {
        rows: count,
        origins: origins.into_inner(),
    }
}

/// The `check_layout` of a table the schema's required columns suffice for.
pub(super) fn schema_columns_suffice(_: &Layout, _: &Header, _: &mut Diagnostics) -> bool {
    true
}

/// Reports each repeated id of a column that must be unique, across the
/// table's files.
pub(super) fn report_duplicates(
    ids: UniqueIds,
    origins: &Origins,
    column: Col,
    diags: &mut Diagnostics,
) {
    for d in ids.duplicates() {
        let (file, line) = origins.at(d.line);
        diags.error(
            file,
            Some(line),
            format!(
                "column `{}`: {} is a duplicate ({})",
                column.name,
                quoted(&d.id),
                origins.first(d.first_line, file)
            ),
        );
    }
}

/// Reads a required `cohort_id` reference; reports an unknown cohort.
pub(super) fn cohort_ref(r: &mut RowReader, column: Col, cohorts: &CohortRefs) -> Option<CohortIx> {
    let text = r.required_text(column, "a cohort id")?;
    cohorts.find(r, column, text)
}
