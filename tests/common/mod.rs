//! The one test harness: a program folder, the binary run on it, the site it writes.

#![allow(dead_code)]

pub(crate) mod manager_report;
mod run;
mod site;
pub(crate) mod xlsx;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

use assert_cmd::Command;
use mentorbook::data;
use mentorbook::diag::Diagnostics;

pub(crate) use run::Run;
pub(crate) use site::Site;

/// The smallest valid program: two cohorts, three pairs.
pub(crate) const COHORTS: &str = "cohort_id,name,start_date,end_date\n\
c1,Spring,2024-01-08,2024-06-30\n\
c2,Autumn,2024-09-02,\n";
pub(crate) const PAIRS: &str = "pair_id,cohort_id,mentor_id,mentee_id,matched_on,ended_on,status\n\
p1,c1,ann,bob,2024-01-15,2024-06-30,completed\n\
p2,c1,ann,cat,2024-02-01,,active\n\
p3,c2,dan,eve,2024-09-10,,active\n";

/// The repository: its example program is the main fixture, its docs/ are tested too.
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A text file, or a panic naming it.
pub(crate) fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The repository's example program built by the binary on `threads` threads.
pub(crate) fn example(threads: usize) -> Site {
    let w = Workdir::empty();
    let mut command = w.command();
    command
        .env("RAYON_NUM_THREADS", threads.to_string())
        .arg("--root")
        .arg(repo())
        .args(["build", "-q", "--no-ledger", "-o"])
        .arg(w.join("site"));
    Run::of(&mut command).success();
    w.site("site")
}

/// Loads a program folder through the library, for tests of the loaded
/// data itself: the folder and the warnings, or every line that stopped it.
pub(crate) fn load(root: &Path) -> Result<(data::Folder, Vec<String>), Vec<String>> {
    let mut diags = Diagnostics::new();
    match data::open(root, None, &mut diags) {
        Some(folder) => Ok((folder, diags.report_lines())),
        None => Err(diags.report_lines()),
    }
}

pub(crate) struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    /// A folder with a config and the two required tables.
    pub(crate) fn new() -> Workdir {
        let w = Workdir::empty();
        w.write("mentorbook.toml", "title = \"Test program\"\n");
        w.write("data/cohorts.csv", COHORTS);
        w.write("data/pairs.csv", PAIRS);
        w
    }

    pub(crate) fn empty() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}")),
        }
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub(crate) fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub(crate) fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.join(rel);
        self.mkdir_for(&path);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    }

    /// A file of `len` bytes that are never written: a sparse file of NULs.
    pub(crate) fn write_sparse(&self, rel: &str, len: u64) {
        let path = self.join(rel);
        self.mkdir_for(&path);
        std::fs::File::create(&path)
            .and_then(|f| f.set_len(len))
            .unwrap_or_else(|e| panic!("sparse {rel}: {e}"));
    }

    /// `rel` as a symbolic link to `target`.
    #[cfg(unix)]
    pub(crate) fn symlink(&self, target: &Path, rel: &str) {
        let path = self.join(rel);
        self.mkdir_for(&path);
        std::os::unix::fs::symlink(target, &path).unwrap_or_else(|e| panic!("symlink {rel}: {e}"));
    }

    pub(crate) fn mkdir(&self, rel: &str) {
        std::fs::create_dir_all(self.join(rel)).unwrap_or_else(|e| panic!("mkdir {rel}: {e}"));
    }

    fn mkdir_for(&self, path: &Path) {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("mkdir: {e}"));
        }
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        read(&self.join(rel))
    }

    pub(crate) fn read_bytes(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub(crate) fn remove(&self, rel: &str) {
        std::fs::remove_file(self.join(rel)).unwrap_or_else(|e| panic!("remove {rel}: {e}"));
    }

    /// The names in the folder itself, sorted.
    pub(crate) fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path())
            .unwrap_or_else(|e| panic!("read_dir: {e}"))
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Every file and folder under the folder, by `/`-separated relative
    /// path; a symbolic link is listed, not followed.
    pub(crate) fn listing(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for entry in walkdir::WalkDir::new(self.path()).min_depth(1) {
            let entry = entry.unwrap_or_else(|e| panic!("walk: {e}"));
            out.insert(site::relative(self.path(), entry.path()));
        }
        out
    }

    /// `mentorbook` to run in the folder, for tests that set its environment.
    pub(crate) fn command(&self) -> Command {
        let mut command =
            Command::cargo_bin("mentorbook").unwrap_or_else(|e| panic!("binary: {e}"));
        command.current_dir(self.path());
        command
    }

    /// Starts `mentorbook ARGS` in the folder and returns at once, with its
    /// stdout and stderr piped, for a command that runs until stopped (`serve`).
    pub(crate) fn spawn(&self, args: &[&str]) -> Child {
        std::process::Command::new(env!("CARGO_BIN_EXE_mentorbook"))
            .current_dir(self.path())
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn: {e}"))
    }

    /// Runs `mentorbook ARGS` in the folder.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        Run::of(self.command().args(args))
    }

    /// `mentorbook build` into `public/`, which must succeed: the site written.
    pub(crate) fn build(&self) -> Site {
        self.run(&["build", "-q"]).success();
        self.site("public")
    }

    /// `mentorbook build`, which must fail and write nothing: the diagnostics.
    pub(crate) fn build_errors(&self) -> Vec<String> {
        let before = self.listing();
        let run = self.run(&["build"]);
        assert_eq!(run.code(), 1, "the build should fail:\n{}", run.stderr());
        assert!(
            run.stderr()
                .lines()
                .last()
                .is_some_and(|l| l.starts_with("error: nothing was written: ")),
            "{}",
            run.stderr()
        );
        assert_eq!(self.listing(), before, "a failed build wrote files");
        run.diagnostics()
    }

    /// The files of the site in `rel`, an output folder.
    pub(crate) fn site(&self, rel: &str) -> Site {
        Site::read(&self.join(rel))
    }
}

/// Runs `check`, which must succeed: its stderr (warnings and notes) and stdout.
pub(crate) fn check_ok(w: &Workdir) -> (String, String) {
    let run = w.run(&["check"]);
    assert_eq!(run.code(), 0, "stderr:\n{}", run.stderr());
    (run.stderr(), run.stdout())
}

/// The summary line's count of one table, named in the singular
/// (`meeting` finds `... 4 meetings, ...` and `... 1 meeting, ...`).
pub(crate) fn checked(stdout: &str, noun: &str) -> usize {
    let line = stdout.lines().next().unwrap_or_default();
    let at = line
        .find(&format!(" {noun}"))
        .unwrap_or_else(|| panic!("{noun} in {line}"));
    let before = &line[..at];
    let number = before.rsplit(' ').next().unwrap_or_default();
    number
        .parse()
        .unwrap_or_else(|e| panic!("{number:?} in {line}: {e}"))
}
