//! The HTTP side of `serve`: a few worker threads answering from the
//! published site in memory, and the long-poll endpoint the reload script uses.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use super::inject::{self, POLL_PATH};
use super::paths::{self, Target};
use crate::output::SiteFiles;

/// How long a poll waits for a new build before answering with the same generation.
pub const POLL_WAIT: Duration = Duration::from_secs(20);
/// Threads answering ordinary requests (each poll gets its own thread).
const WORKERS: usize = 4;
/// Polls waiting at once; more are answered at once (the script asks again).
const MAX_POLLERS: usize = 64;
/// How often workers look at the stop flag.
const TICK: Duration = Duration::from_millis(100);
/// The content types of the server's own answers.
const PLAIN_TEXT: &str = "text/plain; charset=utf-8";
const HTML: &str = "text/html; charset=utf-8";

/// What the server shows: the last good site, its generation (bumped on
/// every publish, good or failed) and the errors of the latest failed rebuild.
#[derive(Clone, Default)]
pub struct Published {
    pub files: Arc<SiteFiles>,
    pub generation: u64,
    pub errors: Arc<Vec<String>>,
}

/// The site being served: the rebuild loop publishes into it, the workers
/// answer from it, and polls wait on it for the next generation.
#[derive(Default)]
pub struct LiveSite {
    state: Mutex<Published>,
    changed: Condvar,
    stopping: AtomicBool,
}

impl LiveSite {
    fn lock(&self) -> MutexGuard<'_, Published> {
        // A panicking worker cannot leave the state half-written: it only reads.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn snapshot(&self) -> Published {
        self.lock().clone()
    }

    /// Publishes a good build: served from now on, errors cleared.
    pub fn publish(&self, files: SiteFiles) {
        let mut state = self.lock();
        state.files = Arc::new(files);
        state.errors = Arc::new(Vec::new());
        state.generation += 1;
        self.changed.notify_all();
    }

    /// Publishes a failed build: the last good site stays, with the errors
    /// shown on it. Returns whether there is a good site.
    pub fn publish_errors(&self, errors: Vec<String>) -> bool {
        let mut state = self.lock();
        state.errors = Arc::new(errors);
        state.generation += 1;
        self.changed.notify_all();
        !state.files.is_empty()
    }

    pub fn generation(&self) -> u64 {
        self.lock().generation
    }

    fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        let _guard = self.lock();
        self.changed.notify_all();
    }

    fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }
}

/// The listening server and its worker threads.
pub struct HttpServer {
    addr: SocketAddr,
    site: Arc<LiveSite>,
    workers: Vec<JoinHandle<()>>,
}

impl HttpServer {
    /// Binds `addr` (port 0: any free port) and starts answering from `site`.
    pub fn start(addr: SocketAddr, site: Arc<LiveSite>) -> Result<HttpServer, String> {
        let server = Server::http(addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| format!("cannot listen on {addr}: not an IP address"))?;
        let server = Arc::new(server);
        let pollers = Arc::new(AtomicUsize::new(0));
        let workers = (0..WORKERS)
            .map(|_| {
                let (server, site, pollers) =
                    (Arc::clone(&server), Arc::clone(&site), Arc::clone(&pollers));
                std::thread::spawn(move || work(&server, &site, &pollers))
            })
            .collect();
        Ok(HttpServer {
            addr,
            site,
            workers,
        })
    }

    /// The address actually bound.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops the workers (waiting polls are answered) and waits for them.
    pub fn stop(self) {
        self.site.stop();
        for worker in self.workers {
            let _ = worker.join();
        }
    }
}

fn work(server: &Server, site: &Arc<LiveSite>, pollers: &Arc<AtomicUsize>) {
    while !site.is_stopping() {
        match server.recv_timeout(TICK) {
            Ok(Some(request)) => handle(request, site, pollers),
            Ok(None) => {}
            Err(_) => std::thread::sleep(TICK),
        }
    }
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn respond(
    request: Request,
    status: u16,
    content_type: &str,
    body: Vec<u8>,
    extra: &[(&str, &str)],
) {
    let mut response = Response::from_data(body).with_status_code(StatusCode(status));
    let headers = [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ];
    for (name, value) in headers.iter().chain(extra) {
        if let Some(h) = header(name, value) {
            response.add_header(h);
        }
    }
    // The browser may have gone away: nothing to do about it.
    let _ = request.respond(response);
}

fn handle(request: Request, site: &Arc<LiveSite>, pollers: &Arc<AtomicUsize>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let text = b"405 Method Not Allowed: this server only reads\n".to_vec();
        respond(request, 405, PLAIN_TEXT, text, &[("Allow", "GET, HEAD")]);
        return;
    }
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    if path == POLL_PATH {
        let since = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("since="))
            .and_then(|v| v.parse::<u64>().ok());
        if pollers.fetch_add(1, Ordering::SeqCst) >= MAX_POLLERS {
            pollers.fetch_sub(1, Ordering::SeqCst);
            poll(request, site, None);
            return;
        }
        let (site, pollers) = (Arc::clone(site), Arc::clone(pollers));
        std::thread::spawn(move || {
            poll(request, &site, since);
            pollers.fetch_sub(1, Ordering::SeqCst);
        });
        return;
    }
    let published = site.snapshot();
    let files = &published.files.files;
    match paths::resolve(&url, |p| files.contains_key(p)) {
        Err(refused) => {
            let text = format!("400 Bad Request: {}\n", refused.0).into_bytes();
            respond(request, 400, PLAIN_TEXT, text, &[]);
        }
        Ok(Target::Folder(location)) => {
            let text = format!("Moved to {location}\n").into_bytes();
            respond(request, 301, PLAIN_TEXT, text, &[("Location", &location)]);
        }
        Ok(Target::File(path)) => match files.get(&path) {
            Some(bytes) => {
                let content_type = paths::content_type(&path);
                let body = if content_type == HTML {
                    inject::inject(bytes, published.generation, &published.errors)
                } else {
                    bytes.clone()
                };
                respond(request, 200, content_type, body, &[]);
            }
            None => {
                let (status, page) = match files.get("404.html") {
                    Some(page) => (404, page.clone()),
                    None if files.is_empty() => (
                        503,
                        inject::fallback_page("The site has not been built yet"),
                    ),
                    None => (404, inject::fallback_page("Page not found")),
                };
                let body = inject::inject(&page, published.generation, &published.errors);
                respond(request, status, HTML, body, &[]);
            }
        },
    }
}

/// Answers once the generation differs from `since` (at once when `since`
/// is missing), the server stops, or [`POLL_WAIT`] passes.
fn poll(request: Request, site: &LiveSite, since: Option<u64>) {
    let generation = match since {
        None => site.generation(),
        Some(since) => {
            let state = site.lock();
            let (state, _) = site
                .changed
                .wait_timeout_while(state, POLL_WAIT, |s| {
                    s.generation == since && !site.is_stopping()
                })
                .unwrap_or_else(|e| e.into_inner());
            state.generation
        }
    };
    let body = format!("{{\"generation\":{generation}}}\n").into_bytes();
    respond(request, 200, "application/json", body, &[]);
}
