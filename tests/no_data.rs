//! A program missing an optional table: every page says "no data" wherever a figure needs that table (headline, tables, scorecard, charts, report rows, highlights), never a 0 or a failed target.

mod common;

use common::{Site, Workdir};

/// The common program's two cohorts and three pairs, with every optional
/// table, in 2024.
fn full_program() -> Workdir {
    let w = Workdir::new();
    w.write(
        "data/participants.csv",
        "participant_id,cohort_id,role\nann,c1,mentor\nbob,c1,mentee\ncat,c1,mentee\ndan,c2,mentor\neve,c2,mentee\n",
    );
    w.write(
        "data/meetings.csv",
        "pair_id,date,duration_minutes\np1,2024-02-01,30\np2,2024-03-01,45\np1,2024-04-10,30\np3,2024-09-20,60\n",
    );
    w.write(
        "data/goals.csv",
        "goal_id,pair_id,created_on,status,completed_on\ng1,p1,2024-02-01,completed,2024-05-01\ng2,p2,2024-02-10,in_progress,\ng3,p3,2024-09-20,not_started,\n",
    );
    let mut feedback = String::from("pair_id,respondent_role,submitted_on,rating,nps\n");
    for (pair, day) in [
        ("p1", "03"),
        ("p2", "04"),
        ("p1", "05"),
        ("p2", "06"),
        ("p1", "07"),
        ("p3", "08"),
    ] {
        feedback.push_str(&format!(
            "{pair},mentee,2024-0{}-{day},4,9\n",
            if pair == "p3" { 9 } else { 4 }
        ));
    }
    w.write("data/feedback.csv", &feedback);
    w
}

/// Markup without its tags, entities decoded, spaces collapsed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every piece of `html` from `open` to the next `close`.
fn pieces<'a>(html: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(open) {
        let after = &rest[at..];
        let end = after.find(close).map_or(after.len(), |e| e + close.len());
        out.push(&after[..end]);
        rest = &after[end..];
    }
    out
}

/// A table's header texts and its body rows' cell texts.
fn table(html: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let head = pieces(html, "<thead>", "</thead>").concat();
    let headers = head
        .split("</th>")
        .map(text)
        .filter(|h| !h.is_empty())
        .collect();
    let body = pieces(html, "<tbody>", "</tbody>").concat();
    let rows = body
        .split("</tr>")
        .map(|row| {
            row.replace("</th>", "</td>")
                .split("</td>")
                .map(text)
                .collect::<Vec<_>>()
        })
        .map(|mut cells| {
            cells.pop();
            cells
        })
        .filter(|cells| !cells.is_empty())
        .collect();
    (headers, rows)
}

/// What needs the table: the headers of table columns, the headline
/// labels, the metrics.json group of indicators and the chart titles.
struct Needs {
    table: &'static str,
    columns: &'static [&'static str],
    headline: &'static [&'static str],
    group: &'static str,
    charts: &'static [&'static str],
}

const NEEDS: [Needs; 4] = [
    Needs {
        table: "meetings",
        columns: &[
            "Meetings",
            "Per pair-month",
            "Quiet pairs",
            "Meetings per pair-month",
            "Quiet share",
            "Trend by quarter",
        ],
        headline: &["Meetings per pair-month", "Quiet share"],
        group: "meetings.",
        charts: &[
            "Meetings per month",
            "Pair health",
            "Meetings per pair-month",
        ],
    },
    Needs {
        table: "goals",
        columns: &["Goals completed", "Completion", "Goal completion"],
        headline: &["Goal completion"],
        group: "goals.",
        charts: &[
            "Goals by status",
            "Goals created and completed",
            "Goal completion",
        ],
    },
    Needs {
        table: "feedback",
        columns: &["Responses", "Response rate", "Mean rating", "NPS"],
        headline: &["Mean rating", "Response rate"],
        group: "feedback.",
        charts: &["Feedback ratings", "Mean rating", "Net promoter score"],
    },
    Needs {
        table: "participants",
        columns: &[],
        headline: &[],
        group: "participants.enrolled",
        charts: &[],
    },
];

/// Every dashboard page and report file of the site.
fn dashboard_pages(site: &Site) -> Vec<&str> {
    site.paths()
        .filter(|p| {
            *p == "index.html"
                || ((p.starts_with("cohorts/") || p.starts_with("reports/"))
                    && p.ends_with(".html"))
        })
        .collect()
}

/// What a page shows for figures that need `n.table`, which the program
/// lacks: each problem found, as `page: what`.
fn problems(site: &Site, n: &Needs) -> (Vec<String>, usize) {
    let no_data = format!("no {} data provided", n.table);
    let mut found = Vec::new();
    let mut checked = 0;
    for page in dashboard_pages(site) {
        let html = site.text(page);
        for t in pieces(html, "<table", "</table>") {
            let (headers, rows) = table(t);
            let indicator = headers.iter().position(|h| h == "Indicator");
            for row in &rows {
                for (i, header) in headers.iter().enumerate() {
                    if n.columns.contains(&header.as_str()) {
                        checked += 1;
                        if row.get(i).map(String::as_str) != Some("no data") {
                            found.push(format!("{page}: column {header:?} shows {:?}", row.get(i)));
                        }
                    }
                }
                if let Some(i) = indicator
                    && row.get(i).is_some_and(|p| p.starts_with(n.group))
                {
                    checked += 1;
                    let (value, status) = (&row[i + 1], &row[i + 3]);
                    if *value != no_data || status != "– no value" {
                        found.push(format!(
                            "{page}: indicator {} shows {value:?}, {status:?}",
                            row[i]
                        ));
                    }
                }
            }
        }
        for kpi in pieces(html, "<div class=\"kpi\">", "</div>") {
            let label = text(&pieces(kpi, "<dt>", "</dt>").concat());
            if n.headline.contains(&label.as_str()) {
                checked += 1;
                let value = text(&pieces(kpi, "<dd class=\"kpi-value\">", "</dd>").concat());
                let note = text(&pieces(kpi, "<dd class=\"kpi-note\">", "</dd>").concat());
                if value != "no data" || note != no_data {
                    found.push(format!(
                        "{page}: headline {label:?} shows {value:?} ({note:?})"
                    ));
                }
            }
        }
        for chart in pieces(html, "<figure class=\"chart\"", "</figure>") {
            let title = text(&pieces(chart, "<h3>", "</h3>").concat());
            if n.charts.iter().any(|c| title.starts_with(c)) {
                checked += 1;
                let said = text(chart).contains(&format!("No {} data provided.", n.table));
                if !said || chart.contains("<svg") {
                    found.push(format!("{page}: chart {title:?} is drawn or says nothing"));
                }
            }
        }
        if n.table == "meetings" && html.contains("needing a check-in") {
            found.push(format!("{page}: lists pairs needing a check-in"));
        }
    }
    (found, checked)
}

#[test]
fn every_page_says_no_data_for_each_missing_table() {
    // The full program shows measured figures where these checks look.
    let full = full_program().build();
    for n in &NEEDS[..3] {
        let (found, checked) = problems(&full, n);
        assert!(checked > 20, "{}: only {checked} places checked", n.table);
        assert!(
            found.len() >= checked / 2,
            "{}: with the table present most places should show figures, found {found:?}",
            n.table
        );
    }
    for n in &NEEDS {
        let w = full_program();
        w.remove(&format!("data/{}.csv", n.table));
        let site = w.build();
        let (found, checked) = problems(&site, n);
        let expected_places = if n.table == "participants" { 0 } else { 20 };
        assert!(
            checked >= expected_places,
            "{}: only {checked} places checked",
            n.table
        );
        assert!(
            found.is_empty(),
            "without {}:\n{}",
            n.table,
            found.join("\n")
        );
        // Nothing that needs the table fails a target.
        for page in dashboard_pages(&site) {
            for t in pieces(site.text(page), "<table", "</table>") {
                for row in table(t).1 {
                    let fails = row.iter().any(|c| c.contains("not met"));
                    let of_table = row.iter().any(|c| c.starts_with(n.group));
                    assert!(!(fails && of_table), "{page}: {row:?}");
                }
            }
        }
    }
}
