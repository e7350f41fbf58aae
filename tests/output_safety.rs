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

/// A program whose data lives in `exports/` (not `data/`), with one table
/// read through a recursive pattern and the config outside the folder.
fn program_with_its_own_inputs() -> Workdir {
    let w = Workdir::empty();
    w.write(
        "settings/program.toml",
        "title = \"T\"\n[data]\ndir = \"exports\"\n[data.pairs]\npath = \"logs/**/pairs.csv\"\n",
    );
    w.write("exports/cohorts.csv", COHORTS);
    w.write("logs/2024/pairs.csv", PAIRS);
    w
}

#[test]
fn the_output_never_holds_or_replaces_what_the_build_reads() {
    let w = program_with_its_own_inputs();
    let config = "settings/program.toml";
    let build = |out: &str| w.run(&["--config", config, "build", "-q", "--force", "-o", out]);
    build("public").success();
    let before = w.listing();
    let inside = |out: &str, folder: &str| {
        format!(
            "error: {out}: refusing to write into {folder}, which the build reads data from (choose another output)"
        )
    };
    let replace = |out: &str, input: &str| {
        format!(
            "error: {out}: refusing to replace {input}, which the build reads (choose another output)"
        )
    };
    for (out, message) in [
        ("exports", inside("exports", "exports")),
        ("exports/site", inside("exports/site", "exports")),
        ("logs", inside("logs", "logs")),
        ("logs/2024/site", inside("logs/2024/site", "logs")),
        ("settings", replace("settings", "settings/program.toml")),
        (
            "settings/program.toml",
            replace("settings/program.toml", "settings/program.toml"),
        ),
    ] {
        let run = build(out);
        assert_eq!(run.code(), 1, "{out}: {}", run.stderr());
        assert_eq!(run.stderr().lines().next(), Some(message.as_str()), "{out}");
        assert_eq!(w.listing(), before, "{out} changed the folder");
    }
}

#[test]
fn a_report_never_overwrites_an_input() {
    let w = program_with_its_own_inputs();
    let config = "settings/program.toml";
    let before = w.listing();
    let pairs = w.read("logs/2024/pairs.csv");
    for target in ["logs/2024/pairs.csv", "exports/report.html"] {
        let run = w.run(&[
            "--config",
            config,
            "report",
            "--quarter",
            "2024-Q1",
            "-o",
            target,
        ]);
        assert_eq!(run.code(), 1, "{target}: {}", run.stderr());
        let folder = target.split('/').next().unwrap_or_default();
        assert_eq!(
            run.stderr().lines().next().map(str::to_string),
            Some(format!(
                "error: {target}: refusing to write into {folder}, which the build reads data from (choose another output)"
            )),
        );
    }
    assert_eq!(w.listing(), before);
    assert_eq!(w.read("logs/2024/pairs.csv"), pairs);
}
