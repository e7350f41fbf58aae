//! From a request's target to a file of the in-memory site, refusing anything that could leave it.

/// What a request target asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A site file (`/`-separated, relative), e.g. `cohorts/x/index.html`.
    File(String),
    /// A folder asked for without its trailing `/`: redirect to this path (`/cohorts/x/`).
    Folder(String),
}

/// Why a request target is refused (400 Bad Request).
#[derive(Debug, PartialEq, Eq)]
pub struct Refused(pub &'static str);

/// Resolves a request target (`/cohorts/x/?q=1`) against the site's files:
/// query and fragment dropped, percent-decoding checked, pretty URLs
/// (`/a/` → `a/index.html`). Refuses `..` and `.` segments (plain or
/// encoded), encoded `/` and `\`, backslashes, NUL and other control
/// characters, empty segments and anything not starting with `/`.
/// `exists` tells whether the site has a file, to redirect `/a` to `/a/`.
pub fn resolve(target: &str, exists: impl Fn(&str) -> bool) -> Result<Target, Refused> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let Some(rest) = path.strip_prefix('/') else {
        return Err(Refused("the path must start with /"));
    };
    let decoded = decode(rest)?;
    if decoded.contains('\\') {
        return Err(Refused("backslashes are not allowed"));
    }
    if decoded.chars().any(char::is_control) {
        return Err(Refused("control characters are not allowed"));
    }
    let folder = decoded.is_empty() || decoded.ends_with('/');
    let trimmed = decoded.strip_suffix('/').unwrap_or(&decoded);
    if !trimmed.is_empty() {
        for segment in trimmed.split('/') {
            match segment {
                "" => return Err(Refused("empty path segments are not allowed")),
                "." | ".." => return Err(Refused("relative path segments are not allowed")),
                _ => {}
            }
        }
    }
    if folder {
        return Ok(Target::File(format!("{decoded}index.html")));
    }
    if !exists(&decoded) && exists(&format!("{decoded}/index.html")) {
        return Ok(Target::Folder(format!("/{rest}/")));
    }
    Ok(Target::File(decoded))
}

/// Percent-decodes a path, refusing malformed escapes, encoded `/` and `\`
/// (a segment must not hide a separator) and text that is not UTF-8.
fn decode(raw: &str) -> Result<String, Refused> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or(Refused("malformed percent-encoding"))?;
            if hex == b'/' || hex == b'\\' {
                return Err(Refused("encoded separators are not allowed"));
            }
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| Refused("the path is not UTF-8"))
}

/// The content type of a site file, from its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str) -> bool {
        matches!(path, "index.html" | "cohorts/x/index.html" | "a b.css")
    }

    fn file(target: &str) -> Result<Target, Refused> {
        resolve(target, site)
    }

    #[test]
    fn pretty_urls_and_files() {
        let f = |p: &str| Ok(Target::File(p.to_string()));
        assert_eq!(file("/"), f("index.html"));
        assert_eq!(file("/?x=1#top"), f("index.html"));
        assert_eq!(file("/cohorts/x/"), f("cohorts/x/index.html"));
        assert_eq!(
            file("/cohorts/x"),
            Ok(Target::Folder("/cohorts/x/".to_string()))
        );
        assert_eq!(file("/a%20b.css"), f("a b.css"));
        assert_eq!(file("/missing.html"), f("missing.html"));
    }

    #[test]
    fn refuses_what_could_leave_the_site() {
        for bad in [
            "/../Cargo.toml",
            "/..",
            "/a/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E/x",
            "/..%2fCargo.toml",
            "/a%2Fb",
            "/..%5cCargo.toml",
            "/a\\b",
            "/./index.html",
            "//etc/passwd",
            "/a//b",
            "/a%00.html",
            "/a\0",
            "/%zz",
            "/%2",
            "/%ff",
            "Cargo.toml",
            "http://host/../x",
            "*",
        ] {
            assert!(file(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("search-index.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("c/metrics.json"), "application/json");
        assert_eq!(content_type("chart.SVG"), "image/svg+xml");
        assert_eq!(
            content_type("sitemap.xml"),
            "application/xml; charset=utf-8"
        );
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
