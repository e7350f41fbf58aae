//! `mentorbook init`: a new program folder that builds, and the folders it refuses.

mod common;

use std::fs;

use common::Workdir;

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
    for file in [
        "mentorbook.toml",
        "roles.toml",
        "content/_index.md",
        "data/cohorts.csv",
    ] {
        assert!(w.join("program").join(file).is_file(), "{file}");
    }
    assert_eq!(
        fs::read_to_string(w.join("program/.gitignore")).unwrap_or_default(),
        "/public\n/.mentorbook-*\n"
    );

    let check = w.run(&["--root", "program", "check", "--strict"]);
    assert_eq!(check.code(), 0, "{}", check.stderr());
    let build = w.run(&["--root", "program", "build"]);
    assert_eq!(build.code(), 0, "{}", build.stderr());
    let public = w.join("program/public");
    assert!(public.join("cohorts/index.html").is_file());
    assert!(public.join("cohorts/2024-spring/index.html").is_file());
    assert!(public.join("reports/2024-Q2/report.html").is_file());
    assert!(public.join("handbook/index.html").is_file());
}

#[test]
fn the_current_folder_by_default_and_an_existing_empty_folder() {
    let w = Workdir::empty();
    fs::create_dir_all(w.join(".git")).unwrap_or_else(|e| panic!("{e}"));
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
    assert_eq!(
        fs::read_to_string(w.join("program/mentorbook.toml")).unwrap_or_default(),
        "title = \"Mine\"\n"
    );
    assert_eq!(
        fs::read_to_string(w.join("program/notes.txt")).unwrap_or_default(),
        "mine"
    );
    assert!(w.join("program/roles.toml").is_file());
    assert!(w.join("program/data/pairs.csv").is_file());

    w.write("file", "x");
    let run = w.run(&["init", "file"]);
    assert_eq!(run.code(), 1);
    assert_eq!(run.stderr(), "error: file: exists and is not a folder\n");
}
