//! `mentorbook init`: a new program folder that builds, and the folders it refuses.

mod common;

use common::{Site, Workdir, example, repo};

#[test]
fn a_new_program_builds_with_dashboards() {
    let w = Workdir::empty();
    let run = w.run(&["init", "program"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let out = run.stdout();
    assert!(
        out.starts_with("Created a mentorbook program in program ("),
        "{out}"
    );
    assert!(out.contains("  cd program\n"), "{out}");
    assert!(out.contains("  mentorbook build"), "{out}");
    assert!(out.contains("  mentorbook serve"), "{out}");
    assert!(w.join("program/mentorbook.toml").is_file());
    assert!(w.join("program/.gitignore").is_file());
    // The handbook, roles and data are the repository's example, byte for
    // byte; its translations (`page.pt-br.md`) are for `init --language pt-BR`.
    for folder in ["content", "data"] {
        let written = w.site(&format!("program/{folder}"));
        let example = Site::read(&repo().join(folder));
        let differences: Vec<String> = written
            .differences(&example)
            .into_iter()
            .filter(|d| !d.ends_with(".pt-br.md only in the second"))
            .collect();
        assert_eq!(differences, Vec::<String>::new(), "{folder}/");
        assert!(!written.paths().any(|p| p.ends_with(".pt-br.md")));
    }
    assert_eq!(
        w.read("program/roles.toml"),
        common::read(&repo().join("roles.toml"))
    );

    let check = w.run(&["--root", "program", "check", "--strict"]);
    assert_eq!(check.code(), 0, "{}", check.stderr());
    let build = w.run(&["--root", "program", "build"]);
    assert_eq!(build.code(), 0, "{}", build.stderr());
    // The same pages as the example's site (only the title and address
    // differ, and the example publishes in pt-BR too, under pt-br/).
    let site = w.site("program/public");
    assert_eq!(
        site.paths().collect::<Vec<_>>(),
        example(2)
            .paths()
            .filter(|p| !p.starts_with("pt-br/"))
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_current_folder_by_default_and_an_existing_empty_folder() {
    let w = Workdir::empty();
    w.mkdir(".git");
    let run = w.run(&["init"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(!run.stdout().contains("cd "), "{}", run.stdout());
    assert!(w.join("mentorbook.toml").is_file());
}

#[test]
fn a_non_empty_folder_is_refused_and_force_keeps_existing_files() {
    let w = Workdir::empty();
    w.write("program/notes.txt", "mine");
    w.write("program/mentorbook.toml", "title = \"Mine\"\n");
    let run = w.run(&["init", "program"]);
    assert_eq!(run.code(), 1);
    assert_eq!(
        run.stderr(),
        "error: program is not empty: mentorbook init writes a new program only into a new or empty folder (pass --force to add the missing default files; existing files are kept)\n"
    );
    assert!(!w.join("program/roles.toml").exists(), "nothing written");

    let run = w.run(&["init", "program", "--force"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(run.stderr(), "kept the existing mentorbook.toml\n");
    assert!(
        run.stdout().contains(", kept 1 existing file)"),
        "{}",
        run.stdout()
    );
    assert_eq!(w.read("program/mentorbook.toml"), "title = \"Mine\"\n");
    assert_eq!(w.read("program/notes.txt"), "mine");
    assert!(w.join("program/roles.toml").is_file());
    assert!(w.join("program/data/pairs.csv").is_file());

    w.write("file", "x");
    let run = w.run(&["init", "file"]);
    assert_eq!(run.code(), 1);
    assert_eq!(run.stderr(), "error: file: exists and is not a folder\n");
}

/// Runs git in `dir`; its stdout.
fn git(dir: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("git (needed by this test): {e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The .gitignore init writes keeps out what mentorbook writes into the
/// program folder (the site, report files, leftovers of an interrupted
/// write), and nothing a program keeps in git, `mentorbook.lock` included.
#[test]
fn the_gitignore_covers_what_mentorbook_writes_and_nothing_else() {
    let w = Workdir::empty();
    w.run(&["init", "program", "-q"]).success();
    let dir = w.join("program");
    w.run(&["--root", "program", "build", "-q"]).success();
    let report = w
        .command()
        .current_dir(&dir)
        .args(["report", "--quarter", "2025-Q2", "-q"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        report.status.success(),
        "{}",
        String::from_utf8_lossy(&report.stderr)
    );
    assert!(
        dir.join("report-2025-Q2.html").is_file(),
        "report writes report-QUARTER.html here"
    );
    let ignored = [
        "public/index.html",
        "report-2025-Q2.html",
        "report-2025-Q2-2025-spring.html",
        ".mentorbook-new-public-4242/index.html",
        ".mentorbook-old-public-4242/index.html",
        ".mentorbook.lock.mentorbook-4242.tmp",
        ".report-2025-Q2.html.mentorbook-4242.tmp",
    ];
    let kept = [
        "mentorbook.toml",
        "mentorbook.lock",
        "roles.toml",
        "content/_index.md",
        "data/pairs.csv",
        "static/report-logo.svg",
        "themes/acme/templates/base.html",
        "docs/public/notes.md",
    ];
    for rel in ignored.iter().chain(&kept) {
        w.write(&format!("program/{rel}"), "x");
    }
    git(&dir, &["init", "-q"]);
    let is_ignored = |rel: &str| {
        !git(&dir, &["check-ignore", "--no-index", rel])
            .trim()
            .is_empty()
    };
    for rel in ignored {
        assert!(is_ignored(rel), "{rel} should be ignored");
    }
    for rel in kept {
        assert!(!is_ignored(rel), "{rel} should be kept in git");
    }
}
