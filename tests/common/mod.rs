//! A program folder in a temporary directory, and the binary run on it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

pub struct Workdir {
    dir: tempfile::TempDir,
}

/// The smallest valid program: two cohorts, three pairs.
pub const COHORTS: &str = "cohort_id,name,start_date,end_date\n\
c1,Spring,2024-01-08,2024-06-30\n\
c2,Autumn,2024-09-02,\n";
pub const PAIRS: &str = "pair_id,cohort_id,mentor_id,mentee_id,matched_on,ended_on,status\n\
p1,c1,ann,bob,2024-01-15,2024-06-30,completed\n\
p2,c1,ann,cat,2024-02-01,,active\n\
p3,c2,dan,eve,2024-09-10,,active\n";

impl Workdir {
    /// A folder with a config and the two required tables.
    pub fn new() -> Workdir {
        let w = Workdir::empty();
        w.write("mentorbook.toml", "title = \"Test program\"\n");
        w.write("data/cohorts.csv", COHORTS);
        w.write("data/pairs.csv", PAIRS);
        w
    }

    pub fn empty() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}")),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("mkdir: {e}"));
        }
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.join(rel)).unwrap_or_else(|e| panic!("remove {rel}: {e}"));
    }

    /// `mentorbook` to run in the folder, for tests that set its environment.
    pub fn command(&self) -> Command {
        let mut command =
            Command::cargo_bin("mentorbook").unwrap_or_else(|e| panic!("binary: {e}"));
        command.current_dir(self.path());
        command
    }

    /// Runs `mentorbook ARGS` in the folder.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(self.command().args(args))
    }
}

pub struct Run(pub Output);

impl Run {
    pub fn of(command: &mut Command) -> Run {
        Run(command.output().unwrap_or_else(|e| panic!("run: {e}")))
    }

    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }

    /// The stderr lines that are diagnostics (`error: FILE...` / `warning: ...`),
    /// without the closing tally.
    pub fn diagnostics(&self) -> Vec<String> {
        self.stderr()
            .lines()
            .filter(|l| !l.starts_with("error: the program folder has problems"))
            .map(str::to_string)
            .collect()
    }
}
