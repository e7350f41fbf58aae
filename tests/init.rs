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
    assert_eq!(w.read("program/.gitignore"), "/public\n/.mentorbook-*\n");
    // The handbook, roles and data are the repository's example, byte for byte.
    for folder in ["content", "data"] {
        let written = w.site(&format!("program/{folder}"));
        let example = Site::read(&repo().join(folder));
        assert_eq!(
            written.differences(&example),
            Vec::<String>::new(),
            "{folder}/"
        );
    }
    assert_eq!(
        w.read("program/roles.toml"),
        common::read(&repo().join("roles.toml"))
    );

    let check = w.run(&["--root", "program", "check", "--strict"]);
    assert_eq!(check.code(), 0, "{}", check.stderr());
    let build = w.run(&["--root", "program", "build"]);
    assert_eq!(build.code(), 0, "{}", build.stderr());
    // The same pages as the example's site (only the title and address differ).
    let site = w.site("program/public");
    assert_eq!(
        site.paths().collect::<Vec<_>>(),
        example(2).paths().collect::<Vec<_>>()
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
