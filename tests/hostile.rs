//! Hostile input in a program folder, built by the binary.
//!
//! Markup and template syntax in data, dangerous URLs, cohort ids that
//! make bad paths, symlinks out of the program folder, very large files
//! and very many rows. See SECURITY.md for the model.

mod common;

use common::Workdir;

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
    let site = w.build();
    for (path, text) in site.texts() {
        // 7919 × 7907 = 62615533, a number no page holds otherwise.
        assert!(
            !text.contains("62615533"),
            "{path}: `{{{{ 7919*7907 }}}}` was evaluated"
        );
        if !path.ends_with(".json") {
            assert!(!text.contains("<script>alert"), "{path}: script unescaped");
            assert!(!text.contains("<svg onload"), "{path}: svg unescaped");
        }
    }
    let dashboard = site.text("cohorts/c1/index.html");
    // Shown as text: escaped markup, template syntax as written.
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
    // The goal title and the comment are shown (opted in), escaped too.
    assert!(
        dashboard.matches("{{ 7919*7907 }}").count() >= 4,
        "name, track, description, goal title, comment"
    );
    assert!(
        site.text("reports/2024-Q1/index.html")
            .contains("{{ 7919*7907 }}")
    );
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
    let site = w.build();
    for (path, text) in site.texts().filter(|(p, _)| !p.starts_with("handbook/")) {
        assert!(
            !text.contains("href=\"javascript:"),
            "{path}: a data value became a javascript: link"
        );
    }
    assert!(
        site.text("cohorts/c1/index.html")
            .contains("&lt;a href=&quot;javascript:alert(2)&quot;&gt;")
    );
    assert!(
        site.text("handbook/index.html")
            .contains("href=\"javascript:void(0)\"")
    );
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
    let before = w.listing();
    let site = w.build();
    assert!(site.has("cohorts/etc/index.html"));
    assert!(site.has("cohorts/a-b-c/index.html"));
    for new in w.listing().difference(&before) {
        // The ledger is the one file a build writes beside the site (docs/privacy.md).
        assert!(
            new.starts_with("public") || new == "mentorbook.lock",
            "written outside the site: {new}"
        );
    }
    for path in site.paths() {
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
        let errs = with_cohort_ids(ids).build_errors();
        assert!(
            errs.iter().any(|e| e.contains(expected)),
            "{ids:?}: expected {expected:?} in {errs:?}"
        );
    }
    let long = "x".repeat(300);
    let errs = with_cohort_ids(&[&long]).build_errors();
    assert!(
        errs.iter().any(|e| e.contains("300 characters")),
        "{errs:?}"
    );
    // 100 is still fine.
    let ok = "y".repeat(100);
    let site = with_cohort_ids(&[&ok]).build();
    assert!(site.has(&format!("cohorts/{ok}/index.html")));
}

#[cfg(unix)]
#[test]
fn a_content_symlink_out_of_the_program_folder_is_refused() {
    let outside = Workdir::empty();
    outside.write(
        "secret.md",
        "+++\ntitle = \"Secret\"\n+++\nSECRET-TEXT-7f3a\n",
    );
    let w = Workdir::new();
    w.symlink(&outside.join("secret.md"), "content/handbook/secret.md");
    let errs = w.build_errors();
    assert_eq!(
        errs.iter()
            .filter(|e| e.contains("content/handbook/secret.md") && e.contains("symbolic link"))
            .count(),
        1,
        "{errs:?}"
    );
    // A link to a file inside the program folder is read.
    let w = Workdir::new();
    w.write(
        "drafts/page.md",
        "+++\ntitle = \"Inside\"\n+++\nINSIDE-TEXT\n",
    );
    w.symlink(&w.join("drafts/page.md"), "content/handbook/page.md");
    assert!(
        w.build()
            .text("handbook/page/index.html")
            .contains("INSIDE-TEXT")
    );
}

#[test]
fn a_huge_sparse_file_is_refused_by_its_size() {
    let w = Workdir::new();
    // 5 GB of holes: over the 4 GB cap, so refused from its size alone.
    w.write_sparse("data/meetings.csv", 5 * 1024 * 1024 * 1024);
    assert_eq!(
        w.build_errors(),
        ["error: data/meetings.csv: the file is 5368 MB, more than the 4294 MB mentorbook reads"]
    );
}

#[test]
fn a_large_file_of_nul_bytes_under_the_cap_is_an_error_not_a_hang() {
    let w = Workdir::new();
    // 64 MB of NUL: one long header "field" with no newline.
    w.write_sparse("data/meetings.csv", 64 * 1024 * 1024);
    let header = "\\0".repeat(60);
    let missing = |column: &str, instead: &str| {
        format!(
            "error: data/meetings.csv:1: missing required column `{column}` (the file has \"{header}…\"; map another header to it with `[data.meetings.columns]`{instead})"
        )
    };
    assert_eq!(
        w.build_errors(),
        [
            missing(
                "pair_id",
                ", or map `mentor_id`, `mentee_id` or `participant_id` instead"
            ),
            missing("date", "")
        ]
    );
}

/// The figures of one pair with `rows` meetings, all in January 2024.
fn meetings_of_one_pair(rows: usize) -> String {
    let w = Workdir::new();
    let mut csv = String::with_capacity(rows * 32);
    csv.push_str("pair_id,date,duration_minutes\n");
    for i in 0..rows {
        let day = 15 + (i % 15);
        csv.push_str(&format!("p1,2024-01-{day},30\n"));
    }
    w.write("data/meetings.csv", &csv);
    w.build().text("cohorts/c1/metrics.json").to_string()
}

#[test]
fn many_rows_of_one_pair_count_every_row() {
    // Twice the rows, twice the count: every row is counted once, however
    // many the pair has (no time limit: a slow machine is not a failure).
    let rows = 100_000;
    for n in [rows, 2 * rows] {
        let json = meetings_of_one_pair(n);
        assert!(
            json.contains(&format!("\"count\": {n}")),
            "{n} rows:\n{json}"
        );
    }
}
