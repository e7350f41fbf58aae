//! The program over time, cohorts side by side and withheld marks, on a built fixture site.

mod common;

use common::{Workdir, example};

/// A cohort of 64 characters.
const LONG: &str = "People & Operations mentoring for first-time managers, Winter 2025";

/// "Spring" runs in 2024-Q1 only; no cohort runs in 2024-Q2; the long-named
/// cohort starts in 2024-Q3 and is running on the as-of date, 2024-09-30.
/// Its 2 ratings in 2024-Q3 are fewer than 5: withheld.
fn program() -> Workdir {
    let w = Workdir::empty();
    w.write(
        "mentorbook.toml",
        "title = \"Test program\"\n[data]\nas_of = \"2024-09-30\"\n",
    );
    w.write(
        "data/cohorts.csv",
        &format!(
            "cohort_id,name,start_date,end_date\n\
             c1,Spring,2024-01-08,2024-03-29\n\
             c2,\"{LONG}\",2024-07-01,\n"
        ),
    );
    w.write(
        "data/pairs.csv",
        "pair_id,cohort_id,mentor_id,mentee_id,matched_on,ended_on,status\n\
         p1,c1,ann,bob,2024-01-15,2024-03-29,completed\n\
         p2,c1,ann,cat,2024-02-01,2024-03-29,completed\n\
         p3,c2,dan,eve,2024-07-10,,active\n\
         p4,c2,fay,gus,2024-07-10,,active\n\
         p5,c2,hal,ivy,2024-07-10,,active\n",
    );
    w.write(
        "data/feedback.csv",
        "response_id,cohort_id,pair_id,respondent_role,submitted_on,rating,nps,comment\n\
         r1,,p3,mentee,2024-08-01,4,,\n\
         r2,,p4,mentee,2024-08-02,5,,\n",
    );
    w
}

/// The text of an HTML fragment: tags dropped, entities of the escaper undone.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
}

/// The part of `html` from `start` to the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in the page"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// The body rows of the first table in `html`, cell by cell, as text.
fn rows(html: &str) -> Vec<Vec<String>> {
    let body = between(html, "<tbody>", "</tbody>");
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split("<t")
                .skip(1)
                .filter(|c| c.starts_with("d") || c.starts_with("h"))
                .map(|c| text(&format!("<t{c}")).trim().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn the_reports_index_opens_with_the_program_over_time() {
    let site = program().build();
    let html = site.text("reports/index.html");
    let trends = between(html, "id=\"program-over-time\"", "id=\"every-quarter\"");
    for id in [
        "active-pairs",
        "meetings-per-pair-month",
        "goal-completion",
        "mean-rating",
        "response-rate",
    ] {
        assert!(
            trends.contains(&format!("<figure class=\"chart\" id=\"chart-trend-{id}\">")),
            "no trend of {id}"
        );
    }
    // Every quarter from the first to the last, the one with no cohort included.
    let pairs = between(trends, "id=\"chart-trend-active-pairs\"", "</figure>");
    assert_eq!(
        rows(pairs),
        [["2024-Q1", "2"], ["2024-Q2", "—"], ["2024-Q3", "3"]]
    );
    assert!(pairs.contains("<svg"), "drawn");
    // The withheld quarter: a mark in the table, its reason once below, a shaded gap.
    let rating = between(trends, "id=\"chart-trend-mean-rating\"", "</figure>");
    assert_eq!(
        rows(rating)[2],
        ["2024-Q3", "withheld1: fewer than 5 responses"]
    );
    assert!(rating.contains(
        "<ul class=\"table-notes\">\n  <li><sup aria-hidden=\"true\">1</sup> Withheld: fewer than 5 responses.</li>"
    ));
    // No quarter has a rating to show: no line, the reason instead.
    assert!(!rating.contains("<svg"));
    assert!(rating.contains("<p class=\"notice\">Withheld: fewer than 5 responses</p>"));
    // The table of quarters: newest first, response rate included.
    let table = between(html, "id=\"every-quarter\"", "</section>");
    let quarters = rows(table);
    assert_eq!(quarters.len(), 2);
    assert_eq!(quarters[0][0], "2024-Q3");
    assert_eq!(quarters[0][6], "withheld1: fewer than 5 responses");
    assert_eq!(quarters[0][7], "33.3%");
}

#[test]
fn the_home_page_shows_the_five_as_compact_charts_linking_to_the_reports_index() {
    let site = program().build();
    let html = site.text("index.html");
    let glance = between(html, "id=\"at-a-glance\"", "</section>");
    // The program has no meetings or goals table: those two have no chart.
    for id in ["active-pairs", "mean-rating", "response-rate"] {
        let link = format!("<a href=\"reports/index.html#chart-trend-{id}\"><svg");
        assert!(glance.contains(&link), "no compact chart of {id}: {glance}");
        assert!(glance.contains(&format!(
            "role=\"img\" aria-labelledby=\"mb-home-{id}-title mb-home-{id}-desc\""
        )));
    }
    assert_eq!(glance.matches("class=\"kpi-trend\"").count(), 3);
    assert!(glance.contains("2024-Q1 to 2024-Q3"));
    // The compact chart carries the full chart's words: every quarter.
    assert!(glance.contains(
        "Active pairs in each quarter, 2024-Q1 to 2024-Q3: 2024-Q1 2, 2024-Q2 no value, 2024-Q3 3."
    ));
    let reports = site.text("reports/index.html");
    let goals = between(reports, "id=\"chart-trend-goal-completion\"", "</figure>");
    assert!(goals.contains("No goals data provided."), "{goals}");
}

#[test]
fn the_cohorts_index_compares_cohorts_side_by_side_running_first() {
    let site = program().build();
    let html = site.text("cohorts/index.html");
    let side = between(html, "id=\"side-by-side\"", "id=\"every-value\"");
    let running = side.find(">Running now</h3>").unwrap_or(usize::MAX);
    let ended = side.find(">Ended</h3>").unwrap_or(0);
    assert!(running < ended, "running cohorts come first");
    assert!(
        side.find(LONG.replace('&', "&amp;").as_str())
            .unwrap_or(usize::MAX)
            < ended
    );
    // The long name is whole, its latest values with their quarter.
    let row = between(side, "<li class=\"side-row\">", "</li>");
    let cells = text(row);
    assert!(cells.contains(LONG), "{cells}");
    let cells: Vec<&str> = cells.split_whitespace().collect();
    let cells = cells.join(" ");
    assert!(
        cells.contains("Active pairs 0 to 3 3 in 2024-Q3"),
        "{cells}"
    );
    assert!(
        cells.contains("Meetings per pair-month no meetings data provided —"),
        "{cells}"
    );
    assert!(
        cells.contains("withheld1: fewer than 5 responses in 2024-Q3"),
        "{cells}"
    );
    assert!(
        between(side, "<ul class=\"table-notes\">", "</ul>")
            .contains("Withheld: fewer than 5 responses.")
    );
    // Every value: cohorts by quarter, empty where a cohort was not active.
    let every = between(html, "id=\"every-active-pairs\"", "</details>");
    assert_eq!(
        rows(every),
        [vec![LONG, "", "", "3"], vec!["Spring", "2", "", ""],]
    );
    // The whole span, with the response rate.
    let whole = between(html, "id=\"whole-span\"", "</section>");
    assert!(whole.contains("<th scope=\"col\">Response rate</th>"));
}

#[test]
fn the_change_table_is_left_out_when_there_is_no_previous_quarter() {
    let site = program().build();
    let first = site.text("reports/2024-Q1/index.html");
    assert!(!first.contains("<table class=\"changes\">"));
    assert!(first.contains(
        "2024-Q1 is the program's first quarter with figures: there is no previous quarter to compare with."
    ));
    let after_gap = site.text("reports/2024-Q3/index.html");
    assert!(!after_gap.contains("<table class=\"changes\">"));
    assert!(after_gap.contains(
        "No cohort was active in the quarter before 2024-Q3: there is no previous quarter to compare with."
    ));
    // The self-contained file says the same.
    assert!(
        site.text("reports/2024-Q1/report.html")
            .contains("first quarter with figures")
    );
}

#[test]
fn a_withheld_cell_is_a_mark_never_a_sentence() {
    let example = example(2);
    // The example's reports compare withheld figures with the quarter before.
    let changes = between(
        example.text("reports/2025-Q2/index.html"),
        "<table class=\"changes\">",
        "</table>",
    );
    assert!(changes.contains("withheld<sup class=\"note-ref\" aria-hidden=\"true\">"));
    for site in [program().build(), example] {
        cells_are_marks(&site);
    }
}

fn cells_are_marks(site: &common::Site) {
    for (path, html) in site.pages() {
        // What a sighted reader sees: hidden text removed.
        let mut seen = String::new();
        let mut rest = html;
        while let Some(at) = rest.find("<span class=\"visually-hidden\">") {
            seen.push_str(&rest[..at]);
            let after = &rest[at..];
            rest = &after[after.find("</span>").map_or(after.len(), |e| e + 7)..];
        }
        seen.push_str(rest);
        for cell in seen.split("<td").skip(1) {
            let cell = &cell[..cell.find("</td>").unwrap_or(cell.len())];
            assert!(
                !cell.contains("withheld")
                    || !(cell.contains("fewer than") || cell.contains("worked out")),
                "{path}: a table cell says why it is withheld: {cell}"
            );
        }
    }
}

#[test]
fn before_any_cohort_starts_there_is_no_trend_and_nothing_side_by_side() {
    let w = Workdir::empty();
    w.write(
        "mentorbook.toml",
        "title = \"Test program\"\n[data]\nas_of = \"2024-01-01\"\n",
    );
    w.write(
        "data/cohorts.csv",
        "cohort_id,name,start_date,end_date\nc1,Spring,2024-03-04,\n",
    );
    w.write(
        "data/pairs.csv",
        "pair_id,cohort_id,mentor_id,mentee_id,matched_on,ended_on,status\n",
    );
    let site = w.build();
    let reports = site.text("reports/index.html");
    assert!(!reports.contains("program-over-time"));
    assert!(reports.contains("No quarter has figures yet."));
    let cohorts = site.text("cohorts/index.html");
    assert!(!cohorts.contains("id=\"side-by-side\""));
    assert!(cohorts.contains(">Upcoming</h3>"));
    assert!(!site.text("index.html").contains("kpi-trend"));
}
