//! What every table's loader shares: reading its rows through a [`RowReader`], sizing its vector, and reporting duplicate ids and unknown cohorts.

use crate::config::Config;
use crate::config::schema::{Col, TableKind};
use crate::data::fields::{DateMemo, Layout, RowReader, resolve};
use crate::data::model::CohortIx;
use crate::data::source::{self, TableFile};
use crate::data::unique::UniqueIds;

use super::lookup::CohortRefs;
use crate::diag::{Diagnostics, quoted};

/// The shortest row worth reserving for: a pair id, a date and separators.
const MIN_ROW_BYTES: usize = 16;

/// A vector with room for every row the file could hold, so that loading
/// never copies a table to grow it. Room never written to costs address
/// space only: the system maps memory in as it is first touched. Where the
/// system refuses that much address space (a huge file, strict overcommit),
/// the vector starts empty and grows as rows come, rather than aborting.
pub(super) fn rows_for<T>(file: &TableFile) -> Vec<T> {
    let mut rows = Vec::new();
    // Growing as rows come is the fallback when this fails, so the error
    // needs no handling.
    let _ = rows.try_reserve_exact(file.size_hint() / MIN_ROW_BYTES);
    rows
}

/// Gives back the room [`rows_for`] reserved beyond the rows read.
pub(super) fn fitted<T>(mut rows: Vec<T>) -> Vec<T> {
    rows.shrink_to_fit();
    rows
}

/// Reads a table, handing each row to `on_row` with a [`RowReader`].
/// `check_layout` may reject the file's columns beyond the schema's
/// required ones (then no row is read). Returns how many rows were read.
pub(super) fn for_each_row(
    file: &TableFile,
    kind: TableKind,
    config: &Config,
    diags: &mut Diagnostics,
    mut check_layout: impl FnMut(&Layout, &mut Diagnostics) -> bool,
    mut on_row: impl FnMut(&mut RowReader),
) -> usize {
    let table = config.data.table(kind);
    let mut count = 0;
    let mut dates = DateMemo::default();
    source::read(
        file,
        kind,
        table.delimiter,
        diags,
        &mut |headers, diags| {
            resolve(kind, table, headers, &file.display, diags)
                .filter(|layout| check_layout(layout, diags))
        },
        &mut |layout: &Layout, row, diags| {
            count += 1;
            let mut reader = RowReader::new(
                row,
                &file.display,
                layout,
                table.date_format.as_deref(),
                diags,
                &mut dates,
            );
            on_row(&mut reader);
        },
    );
    count
}

/// The `check_layout` of a table the schema's required columns suffice for.
pub(super) fn schema_columns_suffice(_: &Layout, _: &mut Diagnostics) -> bool {
    true
}

/// Reports each repeated id of a column that must be unique.
pub(super) fn report_duplicates(ids: UniqueIds, file: &str, column: Col, diags: &mut Diagnostics) {
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

/// Reads a required `cohort_id` reference; reports an unknown cohort.
pub(super) fn cohort_ref(r: &mut RowReader, column: Col, cohorts: &CohortRefs) -> Option<CohortIx> {
    let text = r.required_text(column, "a cohort id")?;
    cohorts.find(r, column, text)
}
