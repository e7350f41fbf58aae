//! Writing the site atomically: into a sibling folder first, swapped in at the end.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

mod leftovers;
mod staging;

pub use staging::{StagedFile, Staging, stage_file};

/// The file that marks a folder as written by mentorbook.
pub const MARKER: &str = ".mentorbook-output";
const MARKER_TEXT: &str =
    "This folder was written by mentorbook; the next build replaces it whole.\n";

/// Every output file, by path relative to the output folder (`/`-separated).
/// A sorted map, so the writing order never depends on how pages were made.
///
/// A build's files can instead be [streamed](SiteFiles::streaming) into
/// the staging folder as they are added, so that a large site is never
/// held in memory whole; `files` then holds nothing.
#[derive(Default, Debug)]
pub struct SiteFiles {
    pub files: BTreeMap<String, Vec<u8>>,
    stream: Option<Stream>,
    /// Put before every path added: a language's folder while its tree
    /// renders (docs/languages.md).
    prefix: String,
}

/// Files on their way into a staging folder, a batch at a time.
#[derive(Debug)]
struct Stream {
    staging: Staging,
    pending: Vec<(String, Vec<u8>)>,
    pending_bytes: usize,
    written: usize,
    /// The first write that failed; nothing is written after it.
    failed: Option<OutputError>,
}

/// A streamed batch is written once it holds this many bytes or files:
/// large enough for the writing threads to overlap, small against a site.
const BATCH_BYTES: usize = 4 << 20;
const BATCH_FILES: usize = 256;

impl Stream {
    fn flush(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        self.pending_bytes = 0;
        if self.failed.is_some() || pending.is_empty() {
            return;
        }
        let batch: Vec<(&str, &[u8])> = pending
            .iter()
            .map(|(rel, bytes)| (rel.as_str(), bytes.as_slice()))
            .collect();
        match self.staging.write(&batch) {
            Ok(()) => self.written += batch.len(),
            Err(e) => self.failed = Some(e),
        }
    }
}

impl SiteFiles {
    /// Files that go into `staging` as they are added ([`finish_site`]
    /// swaps it in); dropped unfinished, the staging folder is removed.
    pub fn streaming(staging: Staging) -> SiteFiles {
        SiteFiles {
            files: BTreeMap::new(),
            prefix: String::new(),
            stream: Some(Stream {
                staging,
                pending: Vec::new(),
                pending_bytes: 0,
                written: 0,
                failed: None,
            }),
        }
    }

    /// Adds the files that follow under `prefix` (`""`: the site's root).
    pub fn set_prefix(&mut self, prefix: &str) {
        self.prefix = prefix.to_string();
    }

    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        let path: String = if self.prefix.is_empty() {
            path.into()
        } else {
            format!("{}{}", self.prefix, path.into())
        };
        match &mut self.stream {
            None => {
                self.files.insert(path, bytes.into());
            }
            Some(stream) => {
                let bytes = bytes.into();
                stream.pending_bytes += bytes.len();
                stream.pending.push((path, bytes));
                if stream.pending_bytes >= BATCH_BYTES || stream.pending.len() >= BATCH_FILES {
                    stream.flush();
                }
            }
        }
    }

    /// How many files were added (held, or streamed).
    pub fn len(&self) -> usize {
        self.files.len()
            + self
                .stream
                .as_ref()
                .map_or(0, |s| s.written + s.pending.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
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
    let staging = Staging::open(out, root, force)?;
    let all: Vec<(&str, &[u8])> = files
        .files
        .iter()
        .map(|(rel, bytes)| (rel.as_str(), bytes.as_slice()))
        .collect();
    staging.write(&all)?;
    staging.finish()
}

/// Finishes a site: the files still held are written, then the staging
/// folder of a streamed site (or a new one) is swapped in as `out`.
pub fn finish_site(
    out: &Path,
    root: &Path,
    mut files: SiteFiles,
    force: bool,
) -> Result<(), OutputError> {
    match files.stream.take() {
        None => write_site(out, root, &files, force),
        Some(mut stream) => {
            stream.flush();
            if let Some(e) = stream.failed {
                return Err(e);
            }
            let rest: Vec<(&str, &[u8])> = files
                .files
                .iter()
                .map(|(rel, bytes)| (rel.as_str(), bytes.as_slice()))
                .collect();
            stream.staging.write(&rest)?;
            stream.staging.finish()
        }
    }
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
