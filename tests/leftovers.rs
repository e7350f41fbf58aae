//! Folders a killed build left beside the output: the next build removes
//! those whose process is gone, never a running one's, and says so in one
//! line (docs/privacy.md, "Leftover folders").

mod common;

use common::Workdir;

/// The names in the program folder that are leftovers of some build.
fn leftovers(w: &Workdir) -> Vec<String> {
    w.names()
        .into_iter()
        .filter(|n| n.starts_with(".mentorbook-"))
        .collect()
}

#[test]
fn a_killed_builds_folders_are_removed_by_the_next_build_and_a_running_ones_are_kept() {
    let w = Workdir::new();
    w.build();
    // A real mentorbook process (`serve` runs until stopped) stands for a
    // build still writing: its folders are named after its process id.
    let mut running = w.spawn(&["serve", "-p", "0"]);
    let pid = running.id();
    let (new, old) = (
        format!(".mentorbook-new-public-{pid}"),
        format!(".mentorbook-old-public-{pid}"),
    );
    w.write(&format!("{new}/cohorts/c1/index.html"), "half a site");
    w.write(&format!("{old}/index.html"), "the site before");
    // Another output folder's, and a name that is not a build's: not ours.
    w.write(".mentorbook-new-elsewhere-1/index.html", "x");
    w.write(".mentorbook-new-public-x1/index.html", "x");

    let run = w.run(&["build"]).success();
    assert!(!run.stderr().contains("removed"), "{}", run.stderr());
    assert_eq!(
        leftovers(&w),
        [
            ".mentorbook-new-elsewhere-1",
            new.as_str(),
            ".mentorbook-new-public-x1",
            old.as_str()
        ]
    );

    // kill -9: the process is gone, its folders stay behind.
    running.kill().unwrap_or_else(|e| panic!("kill: {e}"));
    running.wait().unwrap_or_else(|e| panic!("wait: {e}"));
    assert!(w.join(&new).is_dir());
    let run = w.run(&["build"]).success();
    let lines: Vec<String> = run
        .stderr()
        .lines()
        .filter(|l| l.contains(".mentorbook-"))
        .map(str::to_string)
        .collect();
    assert_eq!(
        lines,
        [format!(
            "warning: removed 2 folders beside ./public that builds left when they were killed while writing: {new}, {old}"
        )]
    );
    assert_eq!(
        leftovers(&w),
        [".mentorbook-new-elsewhere-1", ".mentorbook-new-public-x1"]
    );
    assert!(w.join("public/cohorts/c1/index.html").is_file());
    // Once removed, nothing more is said.
    let run = w.run(&["build"]).success();
    assert!(!run.stderr().contains(".mentorbook-"), "{}", run.stderr());
}
