//! The handbook site built from fixture programs and from the repository's own content.

use std::path::Path;

use mentorbook::config::Config;
use mentorbook::diag::Diagnostics;
use mentorbook::output::SiteFiles;
use mentorbook::site::build_handbook;

/// Builds the handbook of `root`: the files, or the diagnostics printed.
fn build(root: &Path, config: &Config) -> Result<SiteFiles, Vec<String>> {
    let mut diags = Diagnostics::new();
    let Some(handbook) = build_handbook(root, config, &mut diags) else {
        return Err(diags.report_lines());
    };
    let mut files = SiteFiles::default();
    handbook.render(&mut files, &mut diags);
    if diags.has_errors() {
        return Err(diags.report_lines());
    }
    Ok(files)
}

fn text<'a>(files: &'a SiteFiles, path: &str) -> &'a str {
    let bytes = files
        .files
        .get(path)
        .unwrap_or_else(|| panic!("{path} was not written; files: {:?}", files.files.keys()));
    std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_repository_handbook_builds_with_every_link_resolved() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = Config {
        base_url: "https://mentoring.example.org".into(),
        ..Config::default()
    };
    let files = build(root, &config).unwrap_or_else(|e| panic!("{}", e.join("\n")));
    let mut count = 0;
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        let Ok(rel) = entry.path().strip_prefix(root.join("content")) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if !rel.ends_with(".md") {
            continue;
        }
        let out = mentorbook::site::content::out_path(&rel);
        let html = text(&files, &out);
        assert!(!html.contains("href=\"@/"), "{out} has an unresolved link");
        count += 1;
    }
    assert_eq!(count, 16);
    for page in [
        "roles/mentor/index.html",
        "roles/mentee/index.html",
        "search/index.html",
        "404.html",
        "sitemap.xml",
        "search-index.js",
        "assets/style.css",
        "assets/search.js",
    ] {
        text(&files, page);
    }
    let mentor = text(&files, "roles/mentor/index.html");
    assert!(mentor.contains("id=\"coach\""));
    let welcome = text(&files, "handbook/welcome/index.html");
    assert!(welcome.contains("href=\"../../handbook/confidentiality/index.html\""));
    assert!(welcome.contains("href=\"../../roles/mentor/index.html\""));
    assert!(
        text(&files, "sitemap.xml")
            .contains("<loc>https://mentoring.example.org/handbook/welcome/</loc>")
    );
}
