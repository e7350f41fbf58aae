//! Staging: a site written beside the output folder a batch at a time, then swapped in whole; a single file staged the same way.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{
    MARKER, MARKER_TEXT, OutputError, absolute, check_destination, fail, for_each_io, io_fail,
    safe_join,
};

/// A site being written: `.mentorbook-new-NAME-PID` beside the output
/// folder `NAME`. [`Staging::finish`] swaps it in; dropped unfinished (an
/// error, a template that failed), it is removed and the output folder is
/// untouched.
#[derive(Debug)]
pub struct Staging {
    /// The output folder (absolute).
    out: PathBuf,
    dir: PathBuf,
    retired: PathBuf,
    /// The output folder as it was, when it held a site: its unchanged
    /// files are hard-linked instead of written again.
    previous: Option<PathBuf>,
    /// Folders created so far inside `dir`.
    made: Mutex<HashSet<PathBuf>>,
    finished: bool,
}

impl Staging {
    /// Checks the output folder (see [`check_destination`]; it must be
    /// missing, empty, or marked as written by mentorbook, unless `force`)
    /// and creates an empty staging folder beside it.
    pub fn open(out: &Path, root: &Path, force: bool) -> Result<Staging, OutputError> {
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
        let dir = parent.join(format!(".mentorbook-new-{name}-{pid}"));
        let retired = parent.join(format!(".mentorbook-old-{name}-{pid}"));
        remove_if_exists(&dir)?;
        remove_if_exists(&retired)?;
        let previous = out.is_dir().then(|| out.clone());
        let staging = Staging {
            out,
            dir,
            retired,
            previous,
            made: Mutex::new(HashSet::new()),
            finished: false,
        };
        fs::create_dir_all(&staging.dir).map_err(|e| io_fail(&staging.dir, &e))?;
        fs::write(staging.dir.join(MARKER), MARKER_TEXT).map_err(|e| io_fail(&staging.dir, &e))?;
        Ok(staging)
    }

    /// Writes a batch of files (site-relative `/`-separated paths) into the
    /// staging folder: their missing folders first, one thread per parent
    /// folder, then the files, each hard-linked from the previous site when
    /// its bytes are unchanged.
    pub fn write(&self, files: &[(&str, &[u8])]) -> Result<(), OutputError> {
        let paths = files
            .iter()
            .map(|&(rel, bytes)| {
                let old = self
                    .previous
                    .as_deref()
                    .map(|p| safe_join(p, rel))
                    .transpose()?;
                Ok((safe_join(&self.dir, rel)?, old, bytes))
            })
            .collect::<Result<Vec<_>, OutputError>>()?;
        let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        let mut dirs: Vec<(usize, PathBuf)> = paths
            .iter()
            .flat_map(|(path, _, _)| path.ancestors().skip(1))
            .filter(|dir| dir.starts_with(&self.dir) && *dir != self.dir && !made.contains(*dir))
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
        made.extend(dirs.into_iter().map(|(_, dir)| dir));
        drop(made);
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

    /// Swaps the staging folder in as the output folder; the previous site
    /// is put back if that fails.
    pub fn finish(mut self) -> Result<(), OutputError> {
        // From here on the folder is this function's to remove or keep.
        self.finished = true;
        let (out, dir, retired) = (&self.out, &self.dir, &self.retired);
        if out.exists() {
            if let Err(e) = fs::rename(out, retired) {
                let _ = fs::remove_dir_all(dir);
                return Err(io_fail(out, &e));
            }
            if let Err(e) = fs::rename(dir, out) {
                // Put the previous site back before reporting.
                let _ = fs::rename(retired, out);
                let _ = fs::remove_dir_all(dir);
                return Err(io_fail(out, &e));
            }
            remove_tree(retired)?;
        } else if let Err(e) = fs::rename(dir, out) {
            let _ = fs::remove_dir_all(dir);
            return Err(io_fail(out, &e));
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
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
pub(super) fn remove_tree(dir: &Path) -> Result<(), OutputError> {
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

#[cfg(test)]
mod tests {
    use super::super::{SiteFiles, finish_site, write_site};
    use super::*;

    /// Every file of `dir` (but the marker) with its text, in path order.
    fn tree(dir: &Path) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.file_name() != MARKER)
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
                let text = fs::read_to_string(e.path()).unwrap_or_default();
                (rel.display().to_string(), text)
            })
            .collect();
        files.sort();
        files
    }

    fn siblings(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Streamed in batches of every size (600 files cross a batch), a site
    /// is the same tree as written at once, unchanged files are linked
    /// from the previous site, and the staging folder is gone.
    #[cfg(unix)]
    #[test]
    fn a_streamed_site_is_the_site_written_at_once() -> Result<(), Box<dyn std::error::Error>> {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir()?;
        let root = tmp.path().join("program");
        fs::create_dir_all(&root)?;
        let files: Vec<(String, String)> = (0..600)
            .map(|i| (format!("cohorts/c{i}/index.html"), format!("page {i}")))
            .chain([("index.html".to_string(), "home".to_string())])
            .collect();
        let mut held = SiteFiles::default();
        for (p, t) in &files {
            held.add(p.clone(), t.clone().into_bytes());
        }
        let (at_once, streamed) = (tmp.path().join("at-once"), root.join("public"));
        write_site(&at_once, &root, &held, false)?;
        let mut stream = SiteFiles::streaming(Staging::open(&streamed, &root, false)?);
        for (p, t) in &files {
            stream.add(p.clone(), t.clone().into_bytes());
        }
        assert_eq!(stream.len(), files.len());
        assert!(stream.files.is_empty(), "nothing held");
        finish_site(&streamed, &root, stream, false)?;
        assert_eq!(tree(&streamed), tree(&at_once));
        assert_eq!(tree(&streamed).len(), 601);
        assert_eq!(siblings(&root), ["public"]);

        let inode = |rel: &str| fs::metadata(streamed.join(rel)).map(|m| m.ino());
        let before = (inode("cohorts/c7/index.html")?, inode("index.html")?);
        let mut again = SiteFiles::streaming(Staging::open(&streamed, &root, false)?);
        again.add("cohorts/c7/index.html", "page 7");
        again.add("index.html", "home, changed");
        finish_site(&streamed, &root, again, false)?;
        assert_eq!(
            inode("cohorts/c7/index.html")?,
            before.0,
            "unchanged: linked"
        );
        assert_ne!(inode("index.html")?, before.1);
        assert_eq!(
            tree(&streamed),
            [
                ("cohorts/c7/index.html".to_string(), "page 7".to_string()),
                ("index.html".to_string(), "home, changed".to_string()),
            ]
        );
        assert_eq!(siblings(&root), ["public"]);
        Ok(())
    }

    /// A build that stops before the end (a template error) drops its
    /// files: the staging folder goes, the previous site stays as it was.
    #[test]
    fn a_stream_dropped_unfinished_leaves_the_previous_site()
    -> Result<(), Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        let root = tmp.path().join("program");
        fs::create_dir_all(&root)?;
        let out = root.join("public");
        let mut first = SiteFiles::default();
        first.add("index.html", "old");
        write_site(&out, &root, &first, false)?;
        let mut stream = SiteFiles::streaming(Staging::open(&out, &root, false)?);
        for i in 0..300 {
            stream.add(format!("p{i}/index.html"), "new");
        }
        assert_eq!(
            siblings(&root).len(),
            2,
            "the staging folder is being written"
        );
        drop(stream);
        assert_eq!(siblings(&root), ["public"]);
        assert_eq!(tree(&out), [("index.html".to_string(), "old".to_string())]);
        Ok(())
    }
}
