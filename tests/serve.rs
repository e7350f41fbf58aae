//! `mentorbook serve`: the binary on a small program, spoken to over plain TCP.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Child;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::{COHORTS, Workdir};

/// How long any wait in these tests may take: a guard against a server
/// that never rebuilds, not a speed requirement (a debug build of two
/// language trees on two loaded cores once took over 10 s).
const BOUND: Duration = Duration::from_secs(30);
/// The first build of a debug binary on a busy machine may take longer.
const START_BOUND: Duration = Duration::from_secs(60);

/// A running `mentorbook serve -p 0`, killed when dropped.
struct Served {
    child: Child,
    port: u16,
    stderr: Receiver<String>,
}

impl Served {
    /// Starts serving and waits for the first good build.
    fn start(w: &Workdir) -> Served {
        let served = Served::spawn(w);
        served.wait_for("/", START_BOUND, |status, _| status == 200);
        served
    }

    /// Starts serving and waits only for the URL.
    fn spawn(w: &Workdir) -> Served {
        let mut child = w.spawn(&["serve", "-p", "0", "-v"]);
        let (out_tx, out_rx) = channel();
        let (err_tx, stderr) = channel();
        if let Some(out) = child.stdout.take() {
            std::thread::spawn(move || {
                for line in BufReader::new(out).lines().map_while(Result::ok) {
                    let _ = out_tx.send(line);
                }
            });
        }
        if let Some(err) = child.stderr.take() {
            std::thread::spawn(move || {
                for line in BufReader::new(err).lines().map_while(Result::ok) {
                    let _ = err_tx.send(line);
                }
            });
        }
        let first = out_rx
            .recv_timeout(START_BOUND)
            .unwrap_or_else(|e| panic!("no URL on stdout: {e}"));
        let url = first
            .strip_prefix("Serving on http://127.0.0.1:")
            .unwrap_or_else(|| panic!("unexpected first line: {first:?}"));
        let port = url
            .trim_end_matches('/')
            .parse()
            .unwrap_or_else(|e| panic!("port in {first:?}: {e}"));
        Served {
            child,
            port,
            stderr,
        }
    }

    /// `GET target` over a fresh connection: (status, headers, body).
    fn get(&self, target: &str) -> (u16, String, String) {
        let mut stream =
            TcpStream::connect(("127.0.0.1", self.port)).unwrap_or_else(|e| panic!("connect: {e}"));
        stream
            .set_read_timeout(Some(BOUND))
            .unwrap_or_else(|e| panic!("timeout: {e}"));
        write!(
            stream,
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap_or_else(|e| panic!("send: {e}"));
        let mut raw = Vec::new();
        stream
            .read_to_end(&mut raw)
            .unwrap_or_else(|e| panic!("read {target}: {e}"));
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("status line of {target}: {head:?}"));
        (status, head.to_ascii_lowercase(), body.to_string())
    }

    /// Asks for `target` until `ok(status, body)`, for at most `bound`.
    fn wait_for(&self, target: &str, bound: Duration, ok: impl Fn(u16, &str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let (status, _, body) = self.get(target);
            if ok(status, &body) {
                return body;
            }
            if started.elapsed() > bound {
                let log: Vec<String> = self.stderr.try_iter().collect();
                panic!(
                    "{target} did not change in {bound:?}: status {status}\n{body}\nserver log:\n{}",
                    log.join("\n")
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn program() -> Workdir {
    let w = Workdir::new();
    w.write(
        "content/_index.md",
        "+++\ntitle = \"Our program\"\n+++\n\nSee [the guide](@/guide/hello.md).\n",
    );
    w.write(
        "content/guide/hello.md",
        "+++\ntitle = \"Hello\"\n+++\n\nThe first version.\n",
    );
    w
}

#[test]
fn serves_the_site_and_rebuilds_on_change() {
    let w = program();
    let s = Served::start(&w);

    let (status, head, home) = s.get("/");
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(home.contains("<script data-mentorbook-serve>"));
    assert!(home.contains("/__mentorbook/poll"));

    let (status, _, page) = s.get("/guide/hello/");
    assert_eq!(status, 200);
    assert!(page.contains("The first version."));
    let (status, head, _) = s.get("/guide/hello");
    assert_eq!(status, 301);
    assert!(head.contains("location: /guide/hello/"), "{head}");

    let (status, head, sitemap) = s.get("/sitemap.xml");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: application/xml"), "{head}");
    assert!(
        !sitemap.contains("mentorbook-serve"),
        "only HTML gets the script"
    );
    let (status, head, _) = s.get("/assets/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/css"), "{head}");

    let (status, _, missing) = s.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(missing.contains("<script data-mentorbook-serve>"));

    let (status, _, poll) = s.get("/__mentorbook/poll");
    assert_eq!(status, 200);
    assert!(poll.starts_with("{\"generation\":"), "{poll}");

    w.write(
        "content/guide/hello.md",
        "+++\ntitle = \"Hello\"\n+++\n\nThe second version.\n",
    );
    s.wait_for("/guide/hello/", BOUND, |status, body| {
        status == 200 && body.contains("The second version.")
    });

    // A broken edit: the last good site stays, with the error on it.
    w.write(
        "content/guide/broken.md",
        "+++\ntitle = \n+++\n\n<b>oops</b>\n",
    );
    let page = s.wait_for("/guide/hello/", BOUND, |_, body| {
        body.contains("id=\"mentorbook-errors\"")
    });
    assert!(page.contains("The second version."));
    assert!(page.contains("content/guide/broken.md:2"), "{page}");
    w.remove("content/guide/broken.md");
    s.wait_for("/guide/hello/", BOUND, |status, body| {
        status == 200 && !body.contains("mentorbook-errors")
    });

    // Data: the cohorts index shows the new name.
    w.write(
        "data/cohorts.csv",
        &COHORTS.replace("c1,Spring", "c1,Springtime"),
    );
    s.wait_for("/cohorts/", BOUND, |status, body| {
        status == 200 && body.contains("Springtime")
    });
}

#[test]
fn a_folder_that_does_not_build_yet_is_served_once_fixed() {
    let w = program();
    w.write("content/guide/hello.md", "+++\ntitle = \n+++\n");
    let s = Served::spawn(&w);
    let page = s.wait_for("/", START_BOUND, |status, body| {
        status == 503 && body.contains("id=\"mentorbook-errors\"")
    });
    assert!(page.contains("content/guide/hello.md:2"), "{page}");
    w.write(
        "content/guide/hello.md",
        "+++\ntitle = \"Hello\"\n+++\n\nFixed.\n",
    );
    s.wait_for("/guide/hello/", BOUND, |status, body| {
        status == 200 && body.contains("Fixed.") && !body.contains("mentorbook-errors")
    });
}

#[test]
fn requests_outside_the_site_are_refused() {
    let w = program();
    let s = Served::start(&w);
    for target in [
        "/../Cargo.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fCargo.toml",
        "/..%5cCargo.toml",
        "/..\\Cargo.toml",
        "/guide/../../mentorbook.toml",
        "//etc/passwd",
        "/%00",
        "/mentorbook.toml",
        "/data/pairs.csv",
    ] {
        let (status, _, body) = s.get(target);
        assert!(status == 400 || status == 404, "{target}: status {status}");
        assert!(
            !body.contains("root:") && !body.contains("[package]") && !body.contains("title ="),
            "{target} leaked a file: {body}"
        );
    }
}

#[test]
fn built_files_never_get_the_serve_script() {
    let w = program();
    let site = w.build();
    assert!(site.len() > 10);
    for (path, text) in site.texts() {
        assert!(
            !text.contains("__mentorbook") && !text.contains("mentorbook-serve"),
            "{path}"
        );
    }
}

/// A translated page (`page.pt-br.md`) and translated role cards are
/// rebuilt in their language's tree when their file changes.
#[test]
fn a_translated_page_is_rebuilt_when_its_file_changes() {
    let w = program();
    w.write(
        "mentorbook.toml",
        "title = \"Test program\"\nlanguages = [\"pt-BR\"]\n",
    );
    w.write(
        "content/guide/hello.pt-br.md",
        "+++\ntitle = \"Olá\"\n+++\n\nA primeira versão.\n",
    );
    let s = Served::start(&w);
    let page = s.wait_for("/pt-br/guide/hello/", BOUND, |status, _| status == 200);
    assert!(page.contains("A primeira versão."), "{page}");
    assert!(page.contains("<html lang=\"pt-BR\">"), "{page}");

    w.write(
        "content/guide/hello.pt-br.md",
        "+++\ntitle = \"Olá\"\n+++\n\nA segunda versão.\n",
    );
    s.wait_for("/pt-br/guide/hello/", BOUND, |status, body| {
        status == 200 && body.contains("A segunda versão.")
    });
    // The original is untouched by its translation.
    let (_, _, original) = s.get("/guide/hello/");
    assert!(original.contains("The first version."), "{original}");

    let roles = common::repo().join("roles.pt-br.toml");
    let roles = common::read(&roles).replace("title = \"Mentor\"", "title = \"Mentor voluntário\"");
    w.write("roles.pt-br.toml", &roles);
    s.wait_for("/pt-br/roles/mentor/", BOUND, |status, body| {
        status == 200 && body.contains("Mentor voluntário")
    });
}
