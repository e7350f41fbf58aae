//! `mentorbook build` end to end, on the example program and on fixtures.
//!
//! The example's files, its figures as committed snapshots,
//! reproducibility, atomic output, privacy and escaping.

mod common;

use std::collections::BTreeSet;
use std::fs;

use common::{COHORTS, Site, Workdir, example, repo};

/// The staging or retired folders a build left beside its output in `w`.
fn staging_leftovers(w: &Workdir) -> Vec<String> {
    let mut names = w.names();
    names.retain(|n| n.starts_with(".mentorbook-"));
    names
}

/// The dashboards of cohorts that have figures.
fn metrics_dashboards(site: &Site) -> Vec<String> {
    site.texts()
        .filter(|(p, _)| p.starts_with("cohorts/") && p.ends_with("/metrics.json"))
        .filter(|(_, json)| !json.contains("\"overall\": null"))
        .map(|(p, _)| p.replace("metrics.json", "index.html"))
        .collect()
}

#[test]
fn the_example_program_builds_every_page_type() {
    let site = example(2);
    for path in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "handbook/index.html",
        "handbook/setting-goals/index.html",
        "handbook/for-staff/reading-the-dashboards/index.html",
        "roles/mentor/index.html",
        "roles/mentee/index.html",
        "cohorts/index.html",
        "cohorts/2024-spring/index.html",
        "cohorts/2024-spring/metrics.json",
        "reports/index.html",
        "reports/2024-Q2/index.html",
        "reports/2024-Q2/metrics.json",
        "reports/2024-Q2/report.html",
        ".mentorbook-output",
    ] {
        assert!(site.has(path), "{path} missing");
    }
    let dashboards = site
        .paths()
        .filter(|p| {
            p.starts_with("cohorts/") && p.ends_with("/index.html") && p.matches('/').count() == 2
        })
        .count();
    assert_eq!(dashboards, 6, "one dashboard per cohort");
    let sitemap = site.text("sitemap.xml");
    assert!(sitemap.contains("<loc>https://mentoring.example.org/cohorts/2024-spring/</loc>"));
    assert!(sitemap.contains("<loc>https://mentoring.example.org/reports/2024-Q2/</loc>"));
    // Every dashboard draws its charts; the small cohort's feedback is withheld, not drawn.
    let charts = |path: &str| -> Vec<(String, bool, Option<String>)> {
        let html = site.text(path);
        html.split("<figure class=\"chart\" id=\"chart-")
            .skip(1)
            .map(|part| {
                let body = part.split("</figure>").next().unwrap_or_default();
                let id = body.split('"').next().unwrap_or_default().to_string();
                let note = body
                    .split("<p class=\"notice\">")
                    .nth(1)
                    .and_then(|n| n.split("</p>").next())
                    .map(str::to_string);
                (id, body.contains("<svg"), note)
            })
            .collect()
    };
    let dashboards = metrics_dashboards(&site);
    assert_eq!(dashboards.len(), 6, "{dashboards:?}");
    for dashboard in &dashboards {
        let drawn = charts(dashboard);
        let ids: Vec<&str> = drawn.iter().map(|c| c.0.as_str()).collect();
        for id in [
            "meetings-per-month",
            "pair-health",
            "goals-by-status",
            "goals-per-quarter",
            "rating-distribution",
            "mean-rating-per-quarter",
        ] {
            assert!(ids.contains(&id), "{dashboard}: {id} missing from {ids:?}");
        }
        assert!(
            drawn.iter().filter(|c| c.1).count() >= 4,
            "{dashboard} has its charts"
        );
    }
    let small = charts("cohorts/2024-spring/index.html");
    let rating = small.iter().find(|c| c.0 == "rating-distribution");
    assert!(
        rating.is_some_and(|c| !c.1
            && c.2
                .as_deref()
                .is_some_and(|n| n.starts_with("Withheld: fewer than 5 responses"))),
        "{rating:?}"
    );
    let meetings = small.iter().find(|c| c.0 == "meetings-per-month");
    assert!(
        meetings.is_some_and(|c| c.1 && c.2.is_none()),
        "{meetings:?}"
    );
    let dashboard = site.text("cohorts/2024-spring/index.html");
    assert!(
        dashboard.contains("Expectation scorecard")
            && dashboard.contains("roles/mentee/index.html#follow-through")
    );
    assert!(dashboard.contains("href=\"metrics.json\""));

    let home = site.text("index.html");
    assert!(
        home.contains("href=\"reports/2025-Q2/index.html\""),
        "home links the latest report"
    );
}

/// The example's figures are committed under tests/snapshots/metrics/, so a
/// change to any figure shows in review. Set MENTORBOOK_BLESS=1 to rewrite them.
#[test]
fn the_example_figures_match_the_committed_snapshots() {
    let site = example(2);
    let snapshots = repo().join("tests/snapshots/metrics");
    let built: Vec<&str> = site
        .paths()
        .filter(|p| p.ends_with("metrics.json"))
        .collect();
    assert!(built.len() > 10);
    if std::env::var_os("MENTORBOOK_BLESS").is_some() {
        let _ = fs::remove_dir_all(&snapshots);
        for path in &built {
            let dest = snapshots.join(path);
            fs::create_dir_all(dest.parent().unwrap_or(&snapshots))
                .unwrap_or_else(|e| panic!("{e}"));
            fs::write(dest, site.bytes(path)).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let committed = Site::read(&snapshots);
    assert_eq!(
        built,
        committed.paths().collect::<Vec<_>>(),
        "the set of metrics.json files changed (MENTORBOOK_BLESS=1 cargo test to accept)"
    );
    for path in &built {
        assert!(
            committed.bytes(path) == site.bytes(path),
            "{path} differs from tests/snapshots/metrics/{path} (MENTORBOOK_BLESS=1 cargo test to accept)"
        );
    }
}

/// FNV-1a with 64 bits: unlike std's `DefaultHasher`, the same value in
/// every Rust release, so that a committed manifest stays valid.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The manifest of a site: a line per file, with its path, length in
/// bytes and FNV-1a hash, in path order.
fn manifest(site: &Site) -> String {
    let mut out = String::from(
        "# Every file of the example site: path, bytes, FNV-1a 64 (tests/build.rs).\n",
    );
    for path in site.paths() {
        let bytes = site.bytes(path);
        out.push_str(&format!("{path} {} {:016x}\n", bytes.len(), fnv1a64(bytes)));
    }
    out
}

#[test]
fn the_manifest_hash_is_fnv1a_64() {
    // The published test vectors.
    assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
}

/// Every file of the example site, byte for byte, is in the committed
/// tests/snapshots/site.txt (its length and hash): a program of 30 cohorts
/// a quarter or fewer must get exactly the pages it got before the lean
/// tables of large reports (issue 18), and any other change to a page
/// shows in review. Set MENTORBOOK_BLESS=1 to rewrite it.
#[test]
fn the_example_site_matches_the_committed_manifest() {
    let site = example(2);
    let built = manifest(&site);
    let path = repo().join("tests/snapshots/site.txt");
    if std::env::var_os("MENTORBOOK_BLESS").is_some() {
        fs::write(&path, &built).unwrap_or_else(|e| panic!("{e}"));
    }
    let committed = common::read(&path);
    let lines = |text: &str| -> BTreeSet<String> { text.lines().map(str::to_string).collect() };
    let (built_lines, committed_lines) = (lines(&built), lines(&committed));
    let changed: Vec<String> = committed_lines
        .symmetric_difference(&built_lines)
        .map(|line| {
            let side = if built_lines.contains(line) {
                "built:    "
            } else {
                "committed:"
            };
            format!("{side} {line}")
        })
        .collect();
    assert!(
        changed.is_empty(),
        "the example site differs from tests/snapshots/site.txt (MENTORBOOK_BLESS=1 cargo test to accept):\n{}",
        changed.join("\n")
    );
    assert_eq!(built, committed, "the manifest's order or header changed");
}

#[test]
fn builds_are_byte_identical_whatever_the_thread_count() {
    let one = example(1);
    let four = example(4);
    assert_eq!(
        one.differences(&four),
        Vec::<String>::new(),
        "between 1 and 4 threads"
    );
}

#[test]
fn report_html_is_self_contained() {
    let site = example(2);
    let reports: Vec<(&str, &str)> = site
        .texts()
        .filter(|(p, _)| p.ends_with("/report.html"))
        .collect();
    assert!(!reports.is_empty());
    for (path, html) in reports {
        for needle in ["url(", "@import"] {
            assert!(
                !html.contains(needle),
                "{path} refers to another file: {needle}"
            );
        }
        // Its icon travels inside it, as a data: URI; nothing else is linked.
        for attr in ["href=\"", "src=\""] {
            for value in html.split(attr).skip(1) {
                assert!(
                    value.starts_with("data:"),
                    "{path} refers to another file: {attr}{}",
                    &value[..value.find('"').unwrap_or(value.len())]
                );
            }
        }
        assert_eq!(
            html.matches("<link").count(),
            html.matches("<link rel=\"icon\" href=\"data:image/svg+xml;base64,")
                .count(),
            "{path}"
        );
        assert!(html.contains("<link rel=\"icon\""), "{path} has no icon");
        assert!(html.contains("<style>"), "{path} carries its styles");
    }
}

#[test]
fn no_participant_name_or_email_appears_in_any_output_file() {
    let site = example(2);
    let csv = fs::read_to_string(repo().join("data/participants.csv")).unwrap_or_default();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().cloned().unwrap_or_default();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(name), Some(email)) = (col("name"), col("email")) else {
        panic!("participants.csv has name and email columns");
    };
    let mut personal: Vec<String> = Vec::new();
    for record in reader.records().map_while(Result::ok) {
        personal.push(record[name].to_string());
        personal.push(record[email].to_string());
    }
    assert!(personal.len() > 100);
    let all: String = site
        .texts()
        .map(|(_, text)| text)
        .collect::<Vec<_>>()
        .join("\n");
    for value in personal.iter().filter(|v| v.len() > 3) {
        assert!(
            !all.contains(value.as_str()),
            "{value:?} leaked into the output"
        );
    }
}

#[test]
fn data_values_are_escaped_everywhere() {
    let w = Workdir::new();
    w.write(
        "data/cohorts.csv",
        &COHORTS.replace("c1,Spring,", "c1,<script>alert(1)</script> & Co,"),
    );
    w.write(
        "data/meetings.csv",
        "pair_id,date,duration_minutes\np1,2024-01-20,45\np3,2024-09-20,30\n",
    );
    let site = w.build();
    // Pages, SVG and scripts escape it; metrics.json holds it as JSON data.
    for (path, text) in site.texts().filter(|(p, _)| !p.ends_with(".json")) {
        assert!(
            !text.contains("<script>alert(1)"),
            "{path} has the name unescaped"
        );
    }
    let dashboard = site.text("cohorts/c1/index.html");
    assert!(dashboard.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
    let json = site.text("cohorts/c1/metrics.json");
    assert!(
        json.contains(r#""name": "<script>alert(1)</script> & Co""#),
        "JSON keeps the value as data"
    );
}

#[test]
fn build_refuses_a_folder_it_did_not_write_and_keeps_the_previous_site_on_failure() {
    let w = Workdir::new();
    w.write("mine/notes.txt", "keep me");
    let refused = w.run(&["build", "-o", "mine"]);
    assert_eq!(refused.code(), 1);
    assert!(refused.stderr().contains("--force"), "{}", refused.stderr());
    assert_eq!(w.read("mine/notes.txt"), "keep me");

    let before = w.build();
    w.write("data/meetings.csv", "pair_id,date\np1,2024-13-01\n");
    let failed = w.run(&["build"]);
    assert_eq!(failed.code(), 1);
    assert!(
        failed
            .stderr()
            .contains("data/meetings.csv:2: column `date`"),
        "{}",
        failed.stderr()
    );
    assert_eq!(
        w.site("public").differences(&before),
        Vec::<String>::new(),
        "the previous site is untouched"
    );
    let leftovers = staging_leftovers(&w);
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn check_reports_a_broken_content_link_with_its_line() {
    let w = Workdir::new();
    w.write(
        "content/handbook/goals.md",
        "+++\ntitle = \"Goals\"\n+++\n\nIntro.\n\nSee [the missing page](@/handbook/missing.md).\n",
    );
    let run = w.run(&["check"]);
    assert_eq!(run.code(), 1);
    let lines = run.diagnostics();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("error: content/handbook/goals.md:7: link to @/handbook/missing.md"),
        "{lines:?}"
    );
}

#[test]
fn check_reports_data_and_content_problems_in_one_run() {
    let w = Workdir::new();
    w.write("data/meetings.csv", "pair_id,date\np1,someday\n");
    w.write(
        "content/handbook/goals.md",
        "+++\ntitle = \"Goals\"\n+++\n\nSee [gone](@/handbook/gone.md).\n",
    );
    let run = w.run(&["check"]);
    assert_eq!(run.code(), 1);
    let lines = run.diagnostics();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with("error: data/meetings.csv:2: column `date`"),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with("error: content/handbook/goals.md:5: link to @/handbook/gone.md"),
        "{lines:?}"
    );
}

#[test]
fn a_template_that_fails_while_rendering_pages_leaves_the_previous_site() {
    let w = Workdir::new();
    let before = w.build();
    // Parses, so the build starts; fails on the first dashboard it renders.
    w.write(
        "templates/cohort.html",
        "{% extends \"base.html\" %}{% block main %}{{ cohort.no_such_field.deeper }}{% endblock %}\n",
    );
    let failed = w.run(&["build"]);
    assert_eq!(failed.code(), 1, "{}", failed.stderr());
    assert!(
        failed.stderr().contains("templates/cohort.html"),
        "{}",
        failed.stderr()
    );
    assert_eq!(
        w.site("public").differences(&before),
        Vec::<String>::new(),
        "the previous site is untouched"
    );
    let leftovers = staging_leftovers(&w);
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn sections_without_their_table_say_no_data_was_provided() {
    // Only the two required tables: no meetings, goals or feedback.
    let site = Workdir::new().build();
    for cohort in ["c1", "c2"] {
        let path = format!("cohorts/{cohort}/index.html");
        let dashboard = site.text(&path);
        for (chart, table) in [
            ("meetings-per-month", "meetings"),
            ("pair-health", "meetings"),
            ("goals-by-status", "goals"),
            ("rating-distribution", "feedback"),
        ] {
            let body = dashboard
                .split(&format!("id=\"chart-{chart}\">"))
                .nth(1)
                .and_then(|b| b.split("</figure>").next())
                .unwrap_or_else(|| panic!("{path}: {chart} missing"));
            assert!(
                !body.contains("<svg"),
                "{path}: {chart} drawn without its table"
            );
            assert!(
                body.contains(&format!("No {table} data provided.")),
                "{path}: {chart}: {body}"
            );
        }
        // Every pair would look quiet without meetings: the page says why instead.
        assert!(!dashboard.contains("need a check-in"), "{path}");
        assert!(
            dashboard.contains("<dd class=\"kpi-note\">no meetings data provided</dd>"),
            "{path}"
        );
    }
}
