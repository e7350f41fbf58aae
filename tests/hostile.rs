//! Hostile input: markup and template syntax in data, dangerous URLs,
//! cohort ids that make bad paths, symlinks out of the program folder,
//! very large files and very many rows. See SECURITY.md for the model.

mod common;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use common::Workdir;
use mentorbook::build::{self, Options};
use mentorbook::diag::Diagnostics;

/// Builds in memory: every output file as text, or the diagnostics.
fn build(w: &Workdir) -> Result<BTreeMap<String, String>, Vec<String>> {
    let mut diags = Diagnostics::new();
    match build::build(
        w.path(),
        &Options::default(),
        &mut diags,
        &build::NoProgress,
    ) {
        Some(built) => Ok(built
            .files
            .files
            .into_iter()
            .map(|(p, b)| (p, String::from_utf8_lossy(&b).into_owned()))
            .collect()),
        None => Err(diags.shown().map(|d| d.to_string()).collect()),
    }
}

fn errors(w: &Workdir) -> Vec<String> {
    match build(w) {
        Ok(_) => panic!("the build should fail"),
        Err(e) => e,
    }
}

const PAYLOADS: [&str; 4] = [
    "<script>alert(1)</script>",
    "\"><svg onload=alert(1)>",
    "{{ 7919*7907 }}",
    "{% raw %}",
];

fn csv_field(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

#[test]
fn markup_and_template_syntax_in_data_show_literally() {
    let w = Workdir::new();
    let all = PAYLOADS.join(" ");
    w.write(
        "mentorbook.toml",
        "title = \"Test\"\n[privacy]\nmin_group_size = 2\npublish_goal_titles = true\npublish_comments = true\nmin_comment_group_size = 1\n",
    );
    w.write(
        "data/cohorts.csv",
        &format!(
            "cohort_id,name,start_date,end_date,track,description\nc1,{f},2024-01-08,2024-06-30,{f},{f}\nc2,Autumn,2024-09-02,,,\n",
            f = csv_field(&all)
        ),
    );
    w.write(
        "data/goals.csv",
        &format!(
            "goal_id,pair_id,title,created_on,status\ng1,p1,{},2024-01-20,in_progress\n",
            csv_field(&all)
        ),
    );
    w.write(
        "data/feedback.csv",
        &format!(
            "respondent_role,submitted_on,pair_id,rating,comment\nmentee,2024-02-01,p1,4,{}\n",
            csv_field(&all)
        ),
    );
    let files = build(&w).unwrap_or_else(|e| panic!("{e:?}"));
    for (path, text) in files.iter().filter(|(p, _)| !p.ends_with(".json")) {
        assert!(!text.contains("<script>alert"), "{path}: script unescaped");
        assert!(!text.contains("<svg onload"), "{path}: svg unescaped");
    }
    let dashboard = &files["cohorts/c1/index.html"];
    // Shown as text: escaped markup, template syntax as written, not evaluated
    // (7919 × 7907 = 62615533, a number no page holds otherwise).
    assert!(
        dashboard.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || dashboard.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{dashboard}"
    );
    assert!(
        dashboard.contains("{{ 7919*7907 }}"),
        "template syntax shown as written"
    );
    assert!(dashboard.contains("{% raw %}"));
    assert!(
        !dashboard.contains("62615533"),
        "`{{{{ 7919*7907 }}}}` was evaluated"
    );
    // The goal title and the comment are shown (opted in), escaped too.
    assert!(
        dashboard.matches("{{ 7919*7907 }}").count() >= 4,
        "name, track, description, goal title, comment"
    );
    let report = &files["reports/2024-Q1/index.html"];
    assert!(report.contains("{{ 7919*7907 }}") && !report.contains("62615533"));
}

#[test]
fn javascript_urls_are_links_only_when_a_trusted_author_writes_them() {
    let w = Workdir::new();
    // Data: shown as text, never a link.
    w.write(
        "data/cohorts.csv",
        "cohort_id,name,start_date,end_date,description\nc1,[click](javascript:alert(1)),2024-01-08,2024-06-30,\"<a href=\"\"javascript:alert(2)\"\">x</a>\"\nc2,Autumn,2024-09-02,,\n",
    );
    // Content: handbook authors are trusted (they can edit templates too);
    // their Markdown, links included, is rendered as written.
    w.write(
        "content/handbook/_index.md",
        "+++\ntitle = \"Handbook\"\n+++\n[run](javascript:void(0))\n",
    );
    let files = build(&w).unwrap_or_else(|e| panic!("{e:?}"));
    for (path, text) in files.iter().filter(|(p, _)| !p.starts_with("handbook/")) {
        assert!(
            !text.contains("href=\"javascript:"),
            "{path}: a data value became a javascript: link"
        );
    }
    assert!(
        files["cohorts/c1/index.html"].contains("&lt;a href=&quot;javascript:alert(2)&quot;&gt;")
    );
    assert!(files["handbook/index.html"].contains("href=\"javascript:void(0)\""));
}

fn with_cohort_ids(ids: &[&str]) -> Workdir {
    let w = Workdir::new();
    let mut cohorts = String::from("cohort_id,name,start_date\n");
    for id in ids {
        cohorts.push_str(&format!("{},Name,2024-01-08\n", csv_field(id)));
    }
    w.write("data/cohorts.csv", &cohorts);
    let first = ids.first().copied().unwrap_or("c1");
    w.write(
        "data/pairs.csv",
        &format!(
            "pair_id,cohort_id,mentor_id,mentee_id,matched_on\np1,{},ann,bob,2024-01-15\n",
            csv_field(first)
        ),
    );
    w
}

#[test]
fn path_like_cohort_ids_stay_inside_cohorts() {
    let w = with_cohort_ids(&["../../etc", "a/b\\c"]);
    let files = build(&w).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(files.contains_key("cohorts/etc/index.html"));
    assert!(files.contains_key("cohorts/a-b-c/index.html"));
    for path in files.keys() {
        assert!(
            !path
                .split('/')
                .any(|s| s == ".." || s == "." || s.is_empty()),
            "{path}"
        );
    }
}

#[test]
fn unusable_cohort_ids_are_errors() {
    let cases: [(&[&str], &str); 5] = [
        (&["..", "c1"], "no ASCII letter or digit"),
        (&["CON", "c1"], "Windows reserves"),
        (&["lpt1", "c1"], "Windows reserves"),
        (&["Spring", "spring"], "would share the page address"),
        (&["c1", ""], "cohort_id"),
    ];
    for (ids, expected) in cases {
        let errs = errors(&with_cohort_ids(ids));
        assert!(
            errs.iter().any(|e| e.contains(expected)),
            "{ids:?}: expected {expected:?} in {errs:?}"
        );
    }
    let long = "x".repeat(300);
    let errs = errors(&with_cohort_ids(&[&long]));
    assert!(
        errs.iter().any(|e| e.contains("300 characters")),
        "{errs:?}"
    );
    // 100 is still fine.
    let ok = "y".repeat(100);
    assert!(build(&with_cohort_ids(&[&ok])).is_ok());
}

#[cfg(unix)]
#[test]
fn a_content_symlink_out_of_the_program_folder_is_refused() {
    let outside = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, "+++\ntitle = \"Secret\"\n+++\nSECRET-TEXT-7f3a\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let w = Workdir::new();
    std::fs::create_dir_all(w.join("content/handbook")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(&secret, w.join("content/handbook/secret.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    let errs = errors(&w);
    assert!(
        errs.iter()
            .any(|e| e.contains("content/handbook/secret.md") && e.contains("symbolic link")),
        "{errs:?}"
    );
    // A link to a file inside the program folder is read.
    let w = Workdir::new();
    w.write(
        "drafts/page.md",
        "+++\ntitle = \"Inside\"\n+++\nINSIDE-TEXT\n",
    );
    std::fs::create_dir_all(w.join("content/handbook")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(w.join("drafts/page.md"), w.join("content/handbook/page.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    let files = build(&w).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(files["handbook/page/index.html"].contains("INSIDE-TEXT"));
}

#[test]
fn a_huge_sparse_file_is_refused_quickly() {
    let w = Workdir::new();
    let file = std::fs::File::create(w.join("data/meetings.csv")).unwrap_or_else(|e| panic!("{e}"));
    // 5 GB of holes: over the 4 GB cap, nothing read.
    file.set_len(5 * 1024 * 1024 * 1024)
        .unwrap_or_else(|e| panic!("{e}"));
    let start = Instant::now();
    let errs = errors(&w);
    assert!(start.elapsed() < Duration::from_secs(10));
    assert!(
        errs.iter()
            .any(|e| e.contains("data/meetings.csv") && e.contains("more than the")),
        "{errs:?}"
    );
}

#[test]
fn a_large_file_of_nul_bytes_under_the_cap_is_an_error_not_a_hang() {
    let w = Workdir::new();
    // 64 MB of NUL: one long header "field" with no newline.
    let file = std::fs::File::create(w.join("data/meetings.csv")).unwrap_or_else(|e| panic!("{e}"));
    file.set_len(64 * 1024 * 1024)
        .unwrap_or_else(|e| panic!("{e}"));
    let start = Instant::now();
    let errs = errors(&w);
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
    assert!(
        errs.iter().any(|e| e.contains("data/meetings.csv")),
        "{errs:?}"
    );
}

#[test]
fn many_rows_of_one_pair_stay_fast() {
    let w = Workdir::new();
    let rows = 200_000;
    let mut csv = String::with_capacity(rows * 32);
    csv.push_str("pair_id,date,duration_minutes\n");
    for i in 0..rows {
        let day = 15 + (i % 15);
        csv.push_str(&format!("p1,2024-01-{day},30\n"));
    }
    w.write("data/meetings.csv", &csv);
    let start = Instant::now();
    let files = build(&w).unwrap_or_else(|e| panic!("{e:?}"));
    let took = start.elapsed();
    assert!(took < Duration::from_secs(20), "took {took:?}");
    assert!(files["cohorts/c1/metrics.json"].contains(&format!("\"count\": {rows}")));
}
