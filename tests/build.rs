//! `mentorbook build` end to end: the example program's files, its figures as
//! committed snapshots, reproducibility, atomic output, privacy and escaping.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::Workdir;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir`, by `/`-separated relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(rel, fs::read(&path).unwrap_or_default());
            }
        }
    }
    files
}

/// The staging or retired folders a build left beside its output in `dir`.
fn staging_leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".mentorbook-"))
                .collect()
        })
        .unwrap_or_default()
}

/// Builds the repository's example program into a temporary folder.
fn build_example(threads: &str) -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let site = out.path().join("site");
    let status = assert_cmd::Command::cargo_bin("mentorbook")
        .unwrap_or_else(|e| panic!("{e}"))
        .env("RAYON_NUM_THREADS", threads)
        .args(["--root"])
        .arg(repo())
        .args(["build", "-q", "-o"])
        .arg(&site)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let files = tree(&site);
    (out, files)
}

fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    let bytes = files.get(path).unwrap_or_else(|| {
        panic!(
            "{path} missing; have {:?}",
            files.keys().take(80).collect::<Vec<_>>()
        )
    });
    String::from_utf8_lossy(bytes).into_owned()
}

/// The dashboards of cohorts that have figures.
fn metrics_dashboards(files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    files
        .keys()
        .filter(|p| p.starts_with("cohorts/") && p.ends_with("/metrics.json"))
        .filter(|p| !String::from_utf8_lossy(&files[*p]).contains("\"overall\": null"))
        .map(|p| p.replace("metrics.json", "index.html"))
        .collect()
}

#[test]
fn the_example_program_builds_every_page_type() {
    let (_tmp, files) = build_example("2");
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
        assert!(files.contains_key(path), "{path} missing");
    }
    let dashboards = files
        .keys()
        .filter(|p| {
            p.starts_with("cohorts/") && p.ends_with("/index.html") && p.matches('/').count() == 2
        })
        .count();
    assert_eq!(dashboards, 6, "one dashboard per cohort");
    let sitemap = text(&files, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://mentoring.example.org/cohorts/2024-spring/</loc>"));
    assert!(sitemap.contains("<loc>https://mentoring.example.org/reports/2024-Q2/</loc>"));
    // Every dashboard draws its charts; the small cohort's feedback is withheld, not drawn.
    let charts = |path: &str| -> Vec<(String, bool, Option<String>)> {
        let html = text(&files, path);
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
    let small = charts("cohorts/2024-spring/index.html");
    let ids: Vec<&str> = small.iter().map(|c| c.0.as_str()).collect();
    for id in [
        "meetings-per-month",
        "pair-health",
        "goals-by-status",
        "goals-per-quarter",
        "rating-distribution",
        "mean-rating-per-quarter",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
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
    for c in &metrics_dashboards(&files) {
        assert!(
            charts(c).iter().filter(|c| c.1).count() >= 4,
            "{c} has its charts"
        );
    }
    let dashboard = text(&files, "cohorts/2024-spring/index.html");
    assert!(
        dashboard.contains("Expectation scorecard")
            && dashboard.contains("roles/mentee/index.html#follow-through")
    );
    assert!(dashboard.contains("href=\"metrics.json\""));

    let home = text(&files, "index.html");
    assert!(
        home.contains("href=\"reports/2025-Q2/index.html\""),
        "home links the latest report"
    );
}

/// The example's figures are committed under tests/snapshots/metrics/, so a
/// change to any figure shows in review. Set MENTORBOOK_BLESS=1 to rewrite them.
#[test]
fn the_example_figures_match_the_committed_snapshots() {
    let (_tmp, files) = build_example("2");
    let snapshots = repo().join("tests/snapshots/metrics");
    let built: BTreeMap<&String, &Vec<u8>> = files
        .iter()
        .filter(|(p, _)| p.ends_with("metrics.json"))
        .collect();
    assert!(built.len() > 10);
    if std::env::var_os("MENTORBOOK_BLESS").is_some() {
        let _ = fs::remove_dir_all(&snapshots);
        for (path, bytes) in &built {
            let dest = snapshots.join(path);
            fs::create_dir_all(dest.parent().unwrap_or(&snapshots))
                .unwrap_or_else(|e| panic!("{e}"));
            fs::write(dest, bytes).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let committed = tree(&snapshots);
    let committed: BTreeMap<&String, &Vec<u8>> = committed.iter().collect();
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        committed.keys().collect::<Vec<_>>(),
        "the set of metrics.json files changed (MENTORBOOK_BLESS=1 cargo test to accept)"
    );
    for (path, bytes) in &built {
        assert!(
            committed.get(path) == Some(bytes),
            "{path} differs from tests/snapshots/metrics/{path} (MENTORBOOK_BLESS=1 cargo test to accept)"
        );
    }
}

#[test]
fn builds_are_byte_identical_whatever_the_thread_count() {
    let (_a, one) = build_example("1");
    let (_b, four) = build_example("4");
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        four.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &one {
        assert!(
            four.get(path) == Some(bytes),
            "{path} differs between 1 and 4 threads"
        );
    }
}

#[test]
fn report_html_is_self_contained() {
    let (_tmp, files) = build_example("2");
    let reports: Vec<&String> = files
        .keys()
        .filter(|p| p.ends_with("/report.html"))
        .collect();
    assert!(!reports.is_empty());
    for path in reports {
        let html = text(&files, path);
        for needle in ["href=", "src=", "<link", "url(", "@import"] {
            assert!(
                !html.contains(needle),
                "{path} refers to another file: {needle}"
            );
        }
        assert!(html.contains("<style>"), "{path} carries its styles");
    }
}

#[test]
fn no_participant_name_or_email_appears_in_any_output_file() {
    let (_tmp, files) = build_example("2");
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
    let all: String = files
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
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
        "cohort_id,name,start_date,end_date\nc1,<script>alert(1)</script> & Co,2024-01-08,2024-06-30\nc2,Autumn,2024-09-02,\n",
    );
    w.write(
        "data/meetings.csv",
        "pair_id,date,duration_minutes\np1,2024-01-20,45\np3,2024-09-20,30\n",
    );
    let run = w.run(&["build", "-q"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let files = tree(&w.join("public"));
    // Pages, SVG and scripts escape it; metrics.json holds it as JSON data.
    for (path, bytes) in files.iter().filter(|(p, _)| !p.ends_with(".json")) {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("<script>alert(1)"),
            "{path} has the name unescaped"
        );
    }
    let dashboard = text(&files, "cohorts/c1/index.html");
    assert!(dashboard.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
    let json = text(&files, "cohorts/c1/metrics.json");
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
    assert_eq!(
        fs::read_to_string(w.join("mine/notes.txt")).unwrap_or_default(),
        "keep me"
    );

    let ok = w.run(&["build", "-q"]);
    assert_eq!(ok.code(), 0, "{}", ok.stderr());
    let before = tree(&w.join("public"));
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
        tree(&w.join("public")),
        before,
        "the previous site is untouched"
    );
    let leftovers = staging_leftovers(w.path());
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
    let ok = w.run(&["build", "-q"]);
    assert_eq!(ok.code(), 0, "{}", ok.stderr());
    let before = tree(&w.join("public"));
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
        tree(&w.join("public")),
        before,
        "the previous site is untouched"
    );
    let leftovers = staging_leftovers(w.path()).len();
    assert_eq!(leftovers, 0);
}

#[test]
fn sections_without_their_table_say_no_data_was_provided() {
    // Only the two required tables: no meetings, goals or feedback.
    let w = Workdir::new();
    let run = w.run(&["build", "-q"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let files = tree(&w.join("public"));
    let dashboard = text(&files, "cohorts/c1/index.html");
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
            .unwrap_or_else(|| panic!("{chart} missing"));
        assert!(!body.contains("<svg"), "{chart} drawn without its table");
        assert!(
            body.contains(&format!("No {table} data provided.")),
            "{chart}: {body}"
        );
    }
    // Every pair would look quiet without meetings: the page says why instead.
    assert!(!dashboard.contains("need a check-in"));
    assert!(dashboard.contains("<dd class=\"kpi-note\">no meetings data provided</dd>"));
}
