//! Cohorts side by side: per headline figure, a small trend for each cohort on one shared scale, its latest value, and every value as a table.

use crate::i18n::Words;

use super::format::counted;
use super::spark::{Spark, spark};
use super::trend::{Period, TREND_FIGURES, TrendFigure};
use super::{Cell, Table};

/// One cohort to compare: its name and its quarters in time order, each
/// with the column (the program's quarter) it falls in.
pub struct Row<'a> {
    pub name: &'a str,
    pub quarters: Vec<(usize, Period<'a>)>,
}

/// One figure across cohorts: small multiples on one scale.
#[derive(Clone, Debug)]
pub struct SideBySide {
    pub figure: &'static TrendFigure,
    /// The value scale every small trend of the figure shares: `0 to 25`.
    /// (They share the time scale too: a cohort's first quarter on the
    /// left, one step per quarter, as many steps as the longest cohort.)
    pub scale: String,
    /// What the figures show, in words: highest and lowest latest values.
    pub description: String,
    /// Per cohort: its small trend over its quarters. Decorative
    /// (`aria-hidden`): the page gives the latest value beside it and
    /// every value in [`SideBySide::table`]; a thousand cohorts would
    /// otherwise make five thousand images to step through.
    pub sparks: Vec<Option<String>>,
    /// Per cohort: its latest quarter's label and value.
    pub latest: Vec<Option<(String, Cell)>>,
    /// Every value: a row per cohort, a column per program quarter (empty
    /// where the cohort was not active).
    pub table: Table,
}

/// Every figure of [`TREND_FIGURES`] for `rows`, with `columns` (labels of
/// the program's quarters in time order) as the table's columns, in page
/// order.
pub fn side_by_side(w: &Words, columns: &[&str], rows: &[Row], k: u32) -> Vec<SideBySide> {
    TREND_FIGURES
        .iter()
        .map(|f| figure(w, f, columns, rows, k))
        .collect()
}

fn figure(
    w: &Words,
    f: &'static TrendFigure,
    columns: &[&str],
    rows: &[Row],
    k: u32,
) -> SideBySide {
    let own: Vec<Vec<Period>> = rows
        .iter()
        .map(|r| r.quarters.iter().map(|(_, p)| *p).collect())
        .collect();
    let published: Vec<_> = own.iter().map(|p| f.over(w, p, k)).collect();
    let top = published
        .iter()
        .flat_map(|p| p.values.iter().flatten())
        .copied()
        .fold(0.0, f64::max);
    let axis = (f.axis)(top);
    let scale = w.fill(
        "dash.dates",
        &[
            ("start", &axis.label_in(w, axis.min)),
            ("end", &axis.label_in(w, axis.max)),
        ],
    );
    let steps = own.iter().map(Vec::len).max().unwrap_or(0);
    let mut headers = vec![w.t("column.cohort")];
    headers.extend(columns);
    let mut table = Table::new(
        w.fill("chart.side.caption", &[("figure", w.t(f.label))]),
        &headers,
    );
    let mut sparks = Vec::new();
    let mut latest = Vec::new();
    for ((row, periods), p) in rows.iter().zip(&own).zip(&published) {
        let mut cells = vec![Cell::from(""); columns.len()];
        for ((column, _), cell) in row.quarters.iter().zip(&p.cells) {
            if let Some(c) = cells.get_mut(*column) {
                *c = cell.clone();
            }
        }
        table.push(std::iter::once(Cell::from(row.name)).chain(cells));
        latest.push(
            periods
                .last()
                .zip(p.cells.last())
                .map(|(q, c)| (q.label.to_string(), c.clone())),
        );
        let mut values = p.values.clone();
        values.resize(steps, None);
        sparks.push(spark(&Spark {
            values: &values,
            withheld: &p.withheld,
            scale: Some((axis.min, axis.max)),
            label: None,
        }));
    }
    SideBySide {
        figure: f,
        description: describe(w, f, rows, &latest, &scale),
        scale,
        sparks,
        latest,
        table,
    }
}

/// The highest and lowest latest values, and how many are withheld.
fn describe(
    w: &Words,
    f: &TrendFigure,
    rows: &[Row],
    latest: &[Option<(String, Cell)>],
    scale: &str,
) -> String {
    let mut shown: Vec<(f64, &str, &str, &str)> = Vec::new();
    let mut withheld = 0;
    for (row, l) in rows.iter().zip(latest) {
        let Some((quarter, cell)) = l else { continue };
        if cell.withheld.is_some() {
            withheld += 1;
            continue;
        }
        let m = row.quarters.last().and_then(|(_, p)| p.metrics);
        if let Some(v) = m.and_then(f.value).filter(|v| v.is_finite()) {
            shown.push((v, row.name, quarter, &cell.text));
        }
    }
    let values = match shown.as_slice() {
        [] => w.t("chart.side.none_shown").to_string(),
        [(_, name, q, text)] => w.fill(
            "chart.side.one",
            &[("value", text), ("cohort", name), ("quarter", q)],
        ),
        _ => {
            let high = shown
                .iter()
                .fold(shown[0], |b, x| if x.0 > b.0 { *x } else { b });
            let low = shown
                .iter()
                .fold(shown[0], |b, x| if x.0 < b.0 { *x } else { b });
            w.fill(
                "chart.side.high_low",
                &[
                    ("high", high.3),
                    ("high_cohort", high.1),
                    ("high_quarter", high.2),
                    ("low", low.3),
                    ("low_cohort", low.1),
                    ("low_quarter", low.2),
                ],
            )
        }
    };
    let withheld = if withheld > 0 {
        counted(w, "chart.side.withheld", withheld)
    } else {
        String::new()
    };
    w.fill(
        "chart.side.description",
        &[
            ("figure", w.t(f.label)),
            ("scale", scale),
            ("values", &values),
            ("withheld", &withheld),
        ],
    )
}
