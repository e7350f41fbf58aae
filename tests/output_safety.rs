//! Output safety: the site is written only inside a safe output folder.
//!
//! The output folder is never the program folder, a folder containing it,
//! one of its source folders, `/` or the home folder.

mod common;

use std::path::Path;

use common::{COHORTS, PAIRS, Workdir};
use mentorbook::output::{SiteFiles, check_destination, write_site};

#[test]
fn refuses_dangerous_destinations() {
    let w = Workdir::new();
    let root = w.path();
    let refused = [
        root.to_path_buf(),
        root.join("."),
        root.join("public/.."),
        root.parent().unwrap_or(root).to_path_buf(),
        Path::new("/").to_path_buf(),
        root.join("content"),
        root.join("data"),
        root.join("data/site"),
        root.join("templates"),
        root.join("static"),
        root.join("themes/default"),
    ];
    for out in &refused {
        assert!(
            check_destination(out, root).is_err(),
            "{} was accepted",
            out.display()
        );
        assert!(
            write_site(out, root, &SiteFiles::default(), true).is_err(),
            "{} was written even with force",
            out.display()
        );
    }
    if let Some(home) = std::env::var_os("HOME") {
        let home = Path::new(&home);
        if home.is_dir() && !root.starts_with(home) {
            assert!(check_destination(home, root).is_err(), "home accepted");
        }
    }
    for ok in [
        root.join("public"),
        root.join("out/site"),
        root.join("contents"),
    ] {
        assert!(
            check_destination(&ok, root).is_ok(),
            "{} refused",
            ok.display()
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_to_the_program_folder_is_refused_too() {
    let w = Workdir::new();
    let elsewhere = Workdir::empty();
    elsewhere.symlink(w.path(), "link");
    assert!(check_destination(&elsewhere.join("link"), w.path()).is_err());
    elsewhere.symlink(w.path().parent().unwrap_or(w.path()), "parent");
    assert!(check_destination(&elsewhere.join("parent"), w.path()).is_err());
}

#[test]
fn hostile_site_paths_write_nothing_anywhere() {
    let w = Workdir::new();
    let before = w.listing();
    for bad in [
        "../escape.html",
        "/etc/escape",
        "a//b.html",
        "a/./b.html",
        "a\\..\\b",
        "",
    ] {
        let mut files = SiteFiles::default();
        files.add("index.html", "ok");
        files.add(bad, "x");
        assert!(
            write_site(&w.join("public"), w.path(), &files, false).is_err(),
            "{bad:?}"
        );
        assert_eq!(w.listing(), before, "{bad:?} left files behind");
    }
}

#[test]
fn a_build_writes_only_inside_its_output_folder() {
    let w = Workdir::new();
    w.write("data/cohorts.csv", &COHORTS.replace("\nc1,", "\n../../c1,"));
    w.write("data/pairs.csv", &PAIRS.replace(",c1,", ",../../c1,"));
    let before = w.listing();
    w.run(&["build", "-q", "-o", "out/site"]).success();
    let after = w.listing();
    for new in after.difference(&before) {
        // The ledger is the one file a build writes beside the site (docs/privacy.md).
        assert!(
            new == "out" || new.starts_with("out/site") || new == "mentorbook.lock",
            "written outside the output folder: {new}"
        );
    }
    assert!(w.join("out/site/cohorts/c1/index.html").is_file());
    // Refused destinations leave the program folder as it was.
    let before = w.listing();
    for out in [".", "..", "data", "content"] {
        let run = w.run(&["build", "-q", "--force", "-o", out]);
        assert_ne!(run.code(), 0, "{out}");
    }
    assert_eq!(w.listing(), before);
}

#[test]
fn dot_dot_after_a_missing_folder_is_resolved_before_checking() {
    // Found while writing these tests: `public/..` with no `public` used to
    // pass the check (its last component has no name to walk up from).
    let w = Workdir::new();
    for out in ["public/..", "missing/deeper/../..", "./public/../data"] {
        assert!(
            check_destination(&w.join(out), w.path()).is_err(),
            "{out} accepted"
        );
    }
    assert!(check_destination(&w.join("missing/../public"), w.path()).is_ok());
}
