//! `mentorbook serve`: build the site in memory, serve it, rebuild what a
//! change touches and reload the open pages.
//!
//! ```text
//! run(options, stop, report)
//!   http::HttpServer      workers answer from the published site (pretty URLs, 404.html)
//!   rebuild::Rebuilder    handbook / data / everything
//!   cache::RenderCache    cohort charts and pages reused by hash
//!   watch::Watcher        notify events → debounced batches of changes
//! ```
//! Served HTML pages get a reload script (and, while the latest change does
//! not build, a banner with its errors): see [`inject`]. Built files are
//! never changed. Nothing here prints: the caller gets [`Event`]s.

pub mod cache;
pub mod http;
pub mod inject;
pub mod paths;
pub mod rebuild;
pub mod watch;

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::build::Options;
use crate::data::CONFIG_FILE;
use crate::diag::Diagnostics;

use self::http::{HttpServer, LiveSite};
use self::rebuild::{Changes, Rebuilder, Rebuilt};
use self::watch::{Batch, Watcher};

/// The default port.
pub const DEFAULT_PORT: u16 = 1111;
/// How often the stop flag is looked at.
const TICK: Duration = Duration::from_millis(100);

/// What `serve` needs.
pub struct ServeOptions {
    pub root: PathBuf,
    pub build: Options,
    /// Where to listen; port 0 picks a free port.
    pub addr: SocketAddr,
}

/// What happens while serving, for the caller to show.
pub enum Event<'a> {
    /// Listening at this URL (the site may not be built yet).
    Listening(&'a str),
    /// A build was published. `since_change` is the time from the first
    /// file event of the batch to the publish (debounce included).
    Built {
        rebuilt: &'a Rebuilt,
        took: Duration,
        since_change: Option<Duration>,
        paths: &'a [PathBuf],
        warnings: &'a Diagnostics,
    },
    /// A build failed; the last good site (if any: `has_site`) is still
    /// served, with the errors shown on it.
    Failed {
        diags: &'a Diagnostics,
        has_site: bool,
    },
    /// The watcher reported a problem; serving goes on.
    WatchProblem(String),
}

/// Why serving could not start or go on.
#[derive(Debug)]
pub struct ServeError(pub String);

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ServeError {}

/// The URL of a bound address, as a browser takes it (`0.0.0.0` → `127.0.0.1`).
pub fn url_of(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, addr.port()))
}

/// Serves until `stop` is set: listens, builds, then rebuilds on every
/// change. Returns an error only when serving cannot start.
pub fn run(
    options: ServeOptions,
    stop: &AtomicBool,
    mut report: impl FnMut(Event),
) -> Result<(), ServeError> {
    let root = options.root.canonicalize().map_err(|e| {
        ServeError(format!(
            "{}: cannot open the program folder: {e}",
            options.root.display()
        ))
    })?;
    let config = match &options.build.config_path {
        Some(p) => absolute(p),
        None => root.join(CONFIG_FILE),
    };
    let site = Arc::new(LiveSite::default());
    let server = HttpServer::start(options.addr, Arc::clone(&site)).map_err(ServeError)?;
    let url = url_of(server.addr());
    // Links that use base_url (the 404 page, canonical links) point here.
    let build_options = Options {
        base_url: Some(url.trim_end_matches('/').to_string()),
        ..options.build
    };
    report(Event::Listening(&url));

    let mut rebuilder = Rebuilder::new(&root, build_options);
    // Watching starts before the first build, so a file saved while it
    // runs (say, the fix of the error it reports) is not missed.
    let mut watcher = match Watcher::start(&root, &config, &rebuilder.data_dir()) {
        Ok(w) => Some(w),
        Err(e) => {
            report(Event::WatchProblem(format!(
                "cannot watch {}: {e}; pages will not rebuild on change",
                root.display()
            )));
            None
        }
    };
    rebuild(&mut rebuilder, &site, None, &mut report);
    // The config of the first good build may name another data folder.
    if let Some(w) = watcher.as_mut()
        && let Err(e) = w.watch_data(&rebuilder.data_dir())
    {
        report(Event::WatchProblem(format!(
            "watching the program folder: {e}"
        )));
    }
    while !stop.load(Ordering::SeqCst) {
        let Some(w) = watcher.as_mut() else {
            std::thread::sleep(TICK);
            continue;
        };
        match w.next(TICK, &rebuilder.data_dir()) {
            Ok(Some(batch)) => rebuild(&mut rebuilder, &site, Some(&batch), &mut report),
            Ok(None) => {}
            Err(e) => {
                report(Event::WatchProblem(e));
                std::thread::sleep(TICK);
            }
        }
    }
    server.stop();
    Ok(())
}

/// Rebuilds after `batch` (everything without one: the first build),
/// publishes the outcome and reports it.
fn rebuild(
    rebuilder: &mut Rebuilder,
    site: &LiveSite,
    batch: Option<&Batch>,
    report: &mut impl FnMut(Event),
) {
    let started = Instant::now();
    let mut diags = Diagnostics::new();
    let changes = batch.map_or(Changes::ALL, |b| b.changes);
    match rebuilder.rebuild(changes, &mut diags) {
        Some((files, rebuilt)) => {
            site.publish(files);
            report(Event::Built {
                rebuilt: &rebuilt,
                took: started.elapsed(),
                since_change: batch.map(|b| b.first_event.elapsed()),
                paths: batch.map_or(&[], |b| &b.paths),
                warnings: &diags,
            });
        }
        None => {
            if !diags.has_errors() {
                diags.error(CONFIG_FILE, None, "the site could not be built");
            }
            let has_site = site.publish_errors(diags.report_lines());
            report(Event::Failed {
                diags: &diags,
                has_site,
            });
        }
    }
}

fn absolute(path: &Path) -> PathBuf {
    path.canonicalize()
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}
