//! Writing the site atomically: into a sibling folder first, swapped in at the end.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as written by mentorbook.
pub const MARKER: &str = ".mentorbook-output";
const MARKER_TEXT: &str =
    "This folder was written by mentorbook; the next build replaces it whole.\n";

/// Every output file, by path relative to the output folder (`/`-separated).
/// A sorted map, so the writing order never depends on how pages were made.
#[derive(Default, Debug, Clone)]
pub struct SiteFiles {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl SiteFiles {
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Why the output could not be written. The previous output is untouched.
#[derive(Debug)]
pub struct OutputError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for OutputError {}

fn fail(path: &Path, message: impl Into<String>) -> OutputError {
    OutputError {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

fn io_fail(path: &Path, e: &io::Error) -> OutputError {
    fail(path, e.to_string())
}

/// The program folder's inputs: the site is never written into them.
const SOURCE_FOLDERS: [&str; 5] = ["content", "data", "templates", "themes", "static"];

/// Refuses output folders that a mistake could make catastrophic: the
/// program folder itself, any folder that contains it, its source folders
/// (content/, data/, ...), `/` and the home folder.
pub fn check_destination(out: &Path, root: &Path) -> Result<(), OutputError> {
    let out_abs = absolute(out);
    let root_abs = absolute(root);
    if out_abs.parent().is_none() {
        return Err(fail(
            out,
            "refusing to write the site to the filesystem root",
        ));
    }
    if root_abs.starts_with(&out_abs) {
        return Err(fail(
            out,
            "refusing to write the site over the program folder or a folder that contains it (choose another --output-dir)",
        ));
    }
    for source in SOURCE_FOLDERS {
        if out_abs.starts_with(root_abs.join(source)) {
            return Err(fail(
                out,
                format!(
                    "refusing to write the site into the program's {source}/ folder, which the build reads (choose another --output-dir)"
                ),
            ));
        }
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolute(&home) == out_abs
    {
        return Err(fail(out, "refusing to write the site over the home folder"));
    }
    Ok(())
}

/// Refuses an output (the site's folder, or a report's file) that is,
/// holds or lies inside what the build reads: `files` may be neither the
/// output nor inside it; `folders` may be neither, nor hold it
/// (docs/privacy.md, "Refused destinations").
pub fn check_inputs(out: &Path, files: &[PathBuf], folders: &[PathBuf]) -> Result<(), OutputError> {
    let out_abs = absolute(out);
    for folder in folders {
        if out_abs.starts_with(absolute(folder)) {
            return Err(fail(
                out,
                format!(
                    "refusing to write into {}, which the build reads data from (choose another output)",
                    shown(folder)
                ),
            ));
        }
    }
    for input in files.iter().chain(folders) {
        if absolute(input).starts_with(&out_abs) {
            return Err(fail(
                out,
                format!(
                    "refusing to replace {}, which the build reads (choose another output)",
                    shown(input)
                ),
            ));
        }
    }
    Ok(())
}

/// A path as the user wrote it, without the `./` of the default `--root .`.
fn shown(path: &Path) -> std::path::Display<'_> {
    path.strip_prefix(".").unwrap_or(path).display()
}

/// An absolute, normalised path: symlinks resolved as far as the path
/// exists, `.` and `..` applied to what is left (so `site/..` is the folder
/// that holds `site`, whether or not `site` exists).
fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = fs::canonicalize(path) {
        return p;
    }
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut result = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                result.pop();
            }
            other => {
                result.push(other);
                if let Ok(real) = fs::canonicalize(&result) {
                    result = real;
                }
            }
        }
    }
    result
}

/// Writes `files` as the folder `out`, replacing what was there only once
/// everything is written. `out` must be missing, empty, or marked as
/// written by mentorbook, unless `force`.
pub fn write_site(
    out: &Path,
    root: &Path,
    files: &SiteFiles,
    force: bool,
) -> Result<(), OutputError> {
    check_destination(out, root)?;
    let out = absolute(out);
    let parent = out
        .parent()
        .ok_or_else(|| fail(&out, "the output folder has no parent folder"))?
        .to_path_buf();
    let name = out
        .file_name()
        .ok_or_else(|| fail(&out, "the output folder has no name"))?
        .to_string_lossy()
        .into_owned();
    if out.exists() {
        if !out.is_dir() {
            return Err(fail(&out, "exists and is not a folder"));
        }
        if !force && !is_replaceable(&out)? {
            return Err(fail(
                &out,
                format!(
                    "is not empty and was not written by mentorbook (no {MARKER} file): choose another folder with --output-dir, or pass --force to replace it"
                ),
            ));
        }
    }
    fs::create_dir_all(&parent).map_err(|e| io_fail(&parent, &e))?;
    let pid = std::process::id();
    let staging = parent.join(format!(".mentorbook-new-{name}-{pid}"));
    let retired = parent.join(format!(".mentorbook-old-{name}-{pid}"));
    remove_if_exists(&staging)?;
    remove_if_exists(&retired)?;

    let previous = out.is_dir().then_some(out.as_path());
    if let Err(e) = write_tree(&staging, files, previous) {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if out.exists() {
        if let Err(e) = fs::rename(&out, &retired) {
            let _ = fs::remove_dir_all(&staging);
            return Err(io_fail(&out, &e));
        }
        if let Err(e) = fs::rename(&staging, &out) {
            // Put the previous site back before reporting.
            let _ = fs::rename(&retired, &out);
            let _ = fs::remove_dir_all(&staging);
            return Err(io_fail(&out, &e));
        }
        remove_tree(&retired)?;
    } else if let Err(e) = fs::rename(&staging, &out) {
        let _ = fs::remove_dir_all(&staging);
        return Err(io_fail(&out, &e));
    }
    Ok(())
}

/// Writes one file atomically: into a temporary file beside it, renamed
/// over `path` once complete, so a reader never sees half a file.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let name = path
        .file_name()
        .ok_or_else(|| fail(path, "is not a file name"))?
        .to_string_lossy()
        .into_owned();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if path.is_dir() {
        return Err(fail(path, "is a folder"));
    }
    let temp = dir.join(format!(".{name}.mentorbook-{}.tmp", std::process::id()));
    let written = fs::write(&temp, bytes).and_then(|()| fs::rename(&temp, path));
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(io_fail(path, &e));
    }
    Ok(())
}

/// A file written completely beside its destination, put in place by
/// [`StagedFile::commit`]; dropped uncommitted, it is removed and the
/// destination never touched.
pub struct StagedFile {
    temp: PathBuf,
    path: PathBuf,
    committed: bool,
}

/// Writes `bytes` into a temporary file beside `path`, to be renamed over it
/// once the rest of the build has succeeded.
pub fn stage_file(path: &Path, bytes: &[u8]) -> Result<StagedFile, OutputError> {
    let name = path
        .file_name()
        .ok_or_else(|| fail(path, "is not a file name"))?
        .to_string_lossy()
        .into_owned();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if path.is_dir() {
        return Err(fail(path, "is a folder"));
    }
    let temp = dir.join(format!(".{name}.mentorbook-{}.tmp", std::process::id()));
    if let Err(e) = fs::write(&temp, bytes) {
        let _ = fs::remove_file(&temp);
        return Err(io_fail(path, &e));
    }
    Ok(StagedFile {
        temp,
        path: path.to_path_buf(),
        committed: false,
    })
}

impl StagedFile {
    /// Renames the staged file over its destination.
    pub fn commit(mut self) -> Result<(), OutputError> {
        self.committed = true;
        fs::rename(&self.temp, &self.path).map_err(|e| {
            let _ = fs::remove_file(&self.temp);
            io_fail(&self.path, &e)
        })
    }
}

impl Drop for StagedFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

fn is_replaceable(dir: &Path) -> Result<bool, OutputError> {
    if dir.join(MARKER).is_file() {
        return Ok(true);
    }
    let mut entries = fs::read_dir(dir).map_err(|e| io_fail(dir, &e))?;
    Ok(entries.next().is_none())
}

fn remove_if_exists(dir: &Path) -> Result<(), OutputError> {
    match fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_fail(dir, &e)),
    }
}

/// Threads for the file system's calls. Creating, writing and removing a
/// file mostly waits on the disk, not the CPU: many calls in flight at once
/// make the write phase short on a slow or busy disk (a site with 1,000
/// pretty-URL pages is 1,000 folders), whatever the number of cores.
const IO_THREADS: usize = 16;

/// Calls `f` on every item from [`IO_THREADS`] plain threads, which block
/// on the disk without spinning (rayon's workers spin for work, which on
/// few cores costs more than the calls); the first error stops the rest.
fn for_each_io<T: Sync>(
    items: &[T],
    f: impl Fn(&T) -> Result<(), OutputError> + Sync,
) -> Result<(), OutputError> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failed: std::sync::Mutex<Option<OutputError>> = std::sync::Mutex::new(None);
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        for _ in 0..IO_THREADS.min(items.len()) {
            scope.spawn(|| {
                use std::sync::atomic::Ordering::Relaxed;
                while !stop.load(Relaxed) {
                    let Some(item) = items.get(next.fetch_add(1, Relaxed)) else {
                        break;
                    };
                    if let Err(e) = f(item) {
                        stop.store(true, Relaxed);
                        if let Ok(mut first) = failed.lock() {
                            first.get_or_insert(e);
                        }
                    }
                }
            });
        }
    });
    match failed.into_inner() {
        Ok(Some(e)) => Err(e),
        _ => Ok(()),
    }
}

fn write_tree(
    staging: &Path,
    files: &SiteFiles,
    previous: Option<&Path>,
) -> Result<(), OutputError> {
    fs::create_dir_all(staging).map_err(|e| io_fail(staging, &e))?;
    fs::write(staging.join(MARKER), MARKER_TEXT).map_err(|e| io_fail(staging, &e))?;
    let paths = files
        .files
        .iter()
        .map(|(rel, bytes)| {
            let old = previous.map(|p| safe_join(p, rel)).transpose()?;
            Ok((safe_join(staging, rel)?, old, bytes))
        })
        .collect::<Result<Vec<_>, OutputError>>()?;
    let mut dirs: Vec<(usize, PathBuf)> = paths
        .iter()
        .flat_map(|(path, _, _)| path.ancestors().skip(1))
        .filter(|dir| dir.starts_with(staging) && *dir != staging)
        .map(|dir| (dir.components().count(), dir.to_path_buf()))
        .collect();
    dirs.sort();
    dirs.dedup();
    for level in dirs.chunk_by(|a, b| a.0 == b.0) {
        for_each_io(&by_parent(level), |siblings| {
            siblings
                .iter()
                .try_for_each(|(_, dir)| fs::create_dir(dir).map_err(|e| io_fail(dir, &e)))
        })?;
    }
    for_each_io(&paths, |(path, old, bytes)| {
        if let Some(old) = old
            && unchanged(old, bytes)
            && fs::hard_link(old, path).is_ok()
        {
            return Ok(());
        }
        fs::write(path, bytes).map_err(|e| io_fail(path, &e))
    })
}

/// Whether the previous site's file at `old` holds exactly `bytes` (a
/// regular file, not a link a user placed there).
fn unchanged(old: &Path, bytes: &[u8]) -> bool {
    match fs::symlink_metadata(old) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            fs::read(old).is_ok_and(|b| b == bytes)
        }
        _ => false,
    }
}

/// Removes a folder we wrote: its files all at once, then its folders,
/// the deepest first (a symbolic link is removed, never followed).
fn remove_tree(dir: &Path) -> Result<(), OutputError> {
    let mut files = Vec::new();
    let mut dirs: Vec<(usize, PathBuf)> = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(|e| fail(dir, e.to_string()))?;
        if entry.file_type().is_dir() {
            dirs.push((entry.depth(), entry.into_path()));
        } else {
            files.push(entry.into_path());
        }
    }
    for_each_io(&files, |path| {
        fs::remove_file(path).map_err(|e| io_fail(path, &e))
    })?;
    dirs.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    for level in dirs.chunk_by(|a, b| a.0 == b.0) {
        for_each_io(&by_parent(level), |siblings| {
            siblings
                .iter()
                .try_for_each(|(_, path)| fs::remove_dir(path).map_err(|e| io_fail(path, &e)))
        })?;
    }
    Ok(())
}

/// Splits folders of one depth, sorted by path, into runs that share a
/// parent. Creating or removing an entry locks its parent folder: one
/// thread per parent does the same work as many, without the threads
/// spinning on that lock (a profile of 1,000 page folders put a sixth of
/// the build in that spinning).
fn by_parent(level: &[(usize, PathBuf)]) -> Vec<&[(usize, PathBuf)]> {
    level
        .chunk_by(|a, b| a.1.parent() == b.1.parent())
        .collect()
}

/// Joins a site path to the output folder, refusing anything that could
/// leave it (`..`, absolute paths, empty segments).
fn safe_join(base: &Path, rel: &str) -> Result<PathBuf, OutputError> {
    let mut path = base.to_path_buf();
    for segment in rel.split('/') {
        if segment.is_empty() || segment == "." || segment == ".." || segment.contains('\\') {
            return Err(fail(
                Path::new(rel),
                "is not a safe output path (a bug in mentorbook: please report it)",
            ));
        }
        path.push(segment);
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(pairs: &[(&str, &str)]) -> SiteFiles {
        let mut s = SiteFiles::default();
        for (p, t) in pairs {
            s.add(*p, t.as_bytes().to_vec());
        }
        s
    }

    #[cfg(unix)]
    #[test]
    fn a_rebuild_links_unchanged_files_and_writes_the_rest()
    -> Result<(), Box<dyn std::error::Error>> {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir()?;
        let root = tmp.path().join("program");
        fs::create_dir_all(&root)?;
        let out = root.join("public");
        let first = site(&[
            ("index.html", "home"),
            ("handbook/a/index.html", "same"),
            ("handbook/b/index.html", "old"),
            ("handbook/c/index.html", "gone"),
        ]);
        write_site(&out, &root, &first, false)?;
        let inode = |rel: &str| fs::metadata(out.join(rel)).map(|m| m.ino());
        let (same, changed) = (
            inode("handbook/a/index.html")?,
            inode("handbook/b/index.html")?,
        );
        // A file the user put in the old site, linked to a page's path: never followed.
        fs::remove_file(out.join("index.html"))?;
        std::os::unix::fs::symlink(out.join("handbook/a/index.html"), out.join("index.html"))?;
        let second = site(&[
            ("index.html", "same"),
            ("handbook/a/index.html", "same"),
            ("handbook/b/index.html", "new!"),
            ("handbook/d/index.html", "added"),
        ]);
        write_site(&out, &root, &second, false)?;
        assert_eq!(
            inode("handbook/a/index.html")?,
            same,
            "unchanged: the same file"
        );
        assert_ne!(
            inode("handbook/b/index.html")?,
            changed,
            "changed: a new file"
        );
        assert_eq!(
            fs::read_to_string(out.join("handbook/b/index.html"))?,
            "new!"
        );
        assert_eq!(
            fs::read_to_string(out.join("handbook/d/index.html"))?,
            "added"
        );
        assert!(!out.join("handbook/c").exists());
        assert!(
            !fs::symlink_metadata(out.join("index.html"))?
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(out.join("index.html"))?, "same");
        Ok(())
    }

    #[test]
    fn writes_replaces_and_refuses() -> Result<(), Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        let root = tmp.path().join("program");
        fs::create_dir_all(&root)?;
        let out = root.join("public");
        write_site(
            &out,
            &root,
            &site(&[("index.html", "one"), ("a/b/c.json", "{}")]),
            false,
        )?;
        assert_eq!(fs::read_to_string(out.join("a/b/c.json"))?, "{}");
        assert!(out.join(MARKER).is_file());
        write_site(&out, &root, &site(&[("index.html", "two")]), false)?;
        assert_eq!(fs::read_to_string(out.join("index.html"))?, "two");
        assert!(!out.join("a").exists(), "the old site is replaced whole");
        let leftovers: Vec<_> = fs::read_dir(&root)?
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(".mentorbook-"))
            .collect();
        assert!(leftovers.is_empty());

        let foreign = root.join("mine");
        fs::create_dir_all(&foreign)?;
        fs::write(foreign.join("notes.txt"), "keep me")?;
        let err = write_site(&foreign, &root, &site(&[("index.html", "x")]), false);
        assert!(err.is_err());
        assert_eq!(fs::read_to_string(foreign.join("notes.txt"))?, "keep me");

        assert!(write_site(&root, &root, &site(&[]), true).is_err());
        assert!(write_site(tmp.path(), &root, &site(&[]), true).is_err());
        assert!(write_site(Path::new("/"), &root, &site(&[]), true).is_err());
        Ok(())
    }

    /// Replacing a site removes every file and folder of the old one, and
    /// only what is inside it: a symbolic link is removed, never followed.
    #[cfg(unix)]
    #[test]
    fn replacing_removes_the_whole_old_site_and_nothing_outside()
    -> Result<(), Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        let root = tmp.path().join("program");
        fs::create_dir_all(&root)?;
        let out = root.join("public");
        let many: Vec<(String, String)> = (0..300)
            .map(|i| {
                (
                    format!("handbook/s{}/p{i}/index.html", i % 7),
                    format!("page {i}"),
                )
            })
            .collect();
        let pairs: Vec<(&str, &str)> = many.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        write_site(&out, &root, &site(&pairs), false)?;
        assert_eq!(
            fs::read_to_string(out.join("handbook/s3/p10/index.html"))?,
            "page 10"
        );
        let outside = tmp.path().join("outside");
        fs::create_dir_all(&outside)?;
        fs::write(outside.join("keep.txt"), "mine")?;
        std::os::unix::fs::symlink(&outside, out.join("handbook/link"))?;
        write_site(&out, &root, &site(&[("index.html", "new")]), false)?;
        let mut left: Vec<String> = walkdir::WalkDir::new(&out)
            .min_depth(1)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| {
                e.path()
                    .strip_prefix(&out)
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            })
            .collect();
        left.sort();
        assert_eq!(left, [MARKER, "index.html"]);
        assert_eq!(fs::read_to_string(outside.join("keep.txt"))?, "mine");
        let names: Vec<String> = fs::read_dir(&root)?
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["public"], "no staging or retired folder left");
        Ok(())
    }

    #[test]
    fn write_file_replaces_whole_and_leaves_no_temporary() -> Result<(), Box<dyn std::error::Error>>
    {
        let tmp = tempfile::tempdir()?;
        let path = tmp.path().join("report.html");
        write_file(&path, b"one")?;
        write_file(&path, b"two")?;
        assert_eq!(fs::read_to_string(&path)?, "two");
        assert!(write_file(tmp.path(), b"x").is_err());
        assert!(write_file(&tmp.path().join("missing/report.html"), b"x").is_err());
        let names: Vec<String> = fs::read_dir(tmp.path())?
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["report.html"]);
        Ok(())
    }

    #[test]
    fn a_failed_write_leaves_the_previous_site() -> Result<(), Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        let out = tmp.path().join("public");
        write_site(
            &out,
            tmp.path().join("p").as_path(),
            &site(&[("index.html", "old")]),
            false,
        )?;
        let bad = site(&[("index.html", "new"), ("../escape.html", "x")]);
        assert!(write_site(&out, tmp.path().join("p").as_path(), &bad, false).is_err());
        assert_eq!(fs::read_to_string(out.join("index.html"))?, "old");
        assert!(!tmp.path().join("escape.html").exists());
        let names: Vec<String> = fs::read_dir(tmp.path())?
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["public"]);
        Ok(())
    }
}
