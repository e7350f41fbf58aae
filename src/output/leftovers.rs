//! Folders left beside the output by a build that was killed while writing: found by their process id, removed by the next build.
//!
//! A build writes into `.mentorbook-new-NAME-PID` and retires the previous
//! site as `.mentorbook-old-NAME-PID` (PID: the build's process id). A
//! build killed in between leaves them behind, the size of a site each.
//! The next build into `NAME` removes those whose process is gone, and
//! never one of a build still running (docs/privacy.md, "Leftover folders").

use std::fs;
use std::path::{Path, PathBuf};

use super::OutputError;
use super::staging::remove_tree;

/// Removes the staging and retired folders of output folder `name` in
/// `parent` whose build is no longer running (and not this process's);
/// returns their names, in name order.
pub(super) fn remove(parent: &Path, name: &str) -> Result<Vec<String>, OutputError> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(Vec::new());
    };
    let mut gone: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let file = e.file_name().to_str()?.to_string();
            let pid = pid_of(&file, name)?;
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            (is_dir && pid != std::process::id() && !running(pid)).then(|| (file, e.path()))
        })
        .collect();
    gone.sort();
    for (_, path) in &gone {
        remove_tree(path)?;
    }
    Ok(gone.into_iter().map(|(file, _)| file).collect())
}

/// The process id in `.mentorbook-new-NAME-PID` or `.mentorbook-old-NAME-PID`.
fn pid_of(file: &str, name: &str) -> Option<u32> {
    let rest = file
        .strip_prefix(".mentorbook-new-")
        .or_else(|| file.strip_prefix(".mentorbook-old-"))?;
    let pid = rest.strip_prefix(name)?.strip_prefix('-')?;
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether process `pid` exists. Where that cannot be told (no `/proc`),
/// every process counts as running: a leftover is then kept, never a
/// running build's folder removed.
fn running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_strictly() {
        assert_eq!(pid_of(".mentorbook-new-public-123", "public"), Some(123));
        assert_eq!(pid_of(".mentorbook-old-public-9", "public"), Some(9));
        assert_eq!(pid_of(".mentorbook-new-site-a-77", "site-a"), Some(77));
        // Another output folder's, or not ours at all.
        assert_eq!(pid_of(".mentorbook-new-site-a-77", "site"), None);
        assert_eq!(pid_of(".mentorbook-new-public-", "public"), None);
        assert_eq!(pid_of(".mentorbook-new-public-12x", "public"), None);
        assert_eq!(pid_of("public-123", "public"), None);
        assert_eq!(pid_of(".mentorbook-new-public-+12", "public"), None);
    }

    #[test]
    fn this_process_runs() {
        assert!(running(std::process::id()));
    }
}
