//! What `serve` adds to served HTML pages (never to built files): the
//! reload script and, after a failed rebuild, a banner listing the errors.

use crate::util::html::escape_html;

/// The long-poll endpoint: `GET /__mentorbook/poll?since=GEN` answers
/// `{"generation": N}` as soon as the site's generation differs from `GEN`
/// (or after [`super::http::POLL_WAIT`] with the same one).
pub const POLL_PATH: &str = "/__mentorbook/poll";

/// The reload script: asks the server, over and over, whether a build
/// newer than the page's has been published, and reloads when one has.
fn script(generation: u64) -> String {
    format!(
        "<script data-mentorbook-serve>/* mentorbook serve: reload when the site is rebuilt */\
(function(){{var g={generation};function poll(){{\
fetch(\"{POLL_PATH}?since=\"+g,{{cache:\"no-store\"}})\
.then(function(r){{if(!r.ok)throw r;return r.json();}})\
.then(function(d){{if(d.generation!==g){{location.reload();}}else{{poll();}}}},\
function(){{setTimeout(poll,1000);}});}}poll();}})();</script>\n"
    )
}

/// The banner shown while the latest change does not build.
fn banner(errors: &[String]) -> String {
    let mut lines = String::new();
    for line in errors {
        lines.push_str(&escape_html(line));
        lines.push('\n');
    }
    format!(
        "<div id=\"mentorbook-errors\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;\
max-height:50vh;overflow:auto;z-index:2147483647;margin:0;padding:1em;background:#fff4f4;color:#700;\
border-top:3px solid #c00;font:14px/1.4 ui-monospace,monospace;text-align:left\">\
<strong>mentorbook: the last change does not build; this is the last good site.</strong>\
<pre style=\"white-space:pre-wrap;margin:.5em 0 0;font:inherit;color:inherit;background:none\">{lines}</pre></div>\n"
    )
}

/// `html` with the reload script (and the error banner when `errors` is
/// not empty) inserted before the last `</body>`, or appended.
pub fn inject(html: &[u8], generation: u64, errors: &[String]) -> Vec<u8> {
    let mut extra = String::new();
    if !errors.is_empty() {
        extra.push_str(&banner(errors));
    }
    extra.push_str(&script(generation));
    let at = find_body_end(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The position of the last `</body` (any case).
fn find_body_end(html: &[u8]) -> Option<usize> {
    const TAG: &[u8] = b"</body";
    html.windows(TAG.len())
        .rposition(|w| w.eq_ignore_ascii_case(TAG))
}

/// A page for when no build has succeeded yet, or the site has no 404.html.
pub fn fallback_page(title: &str) -> Vec<u8> {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title></head>\n<body><h1>{t}</h1>\n</body></html>\n",
        t = escape_html(title)
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_body_end() {
        let page = b"<html><body><p>x</p></BODY></html>";
        let out = String::from_utf8_lossy(&inject(page, 7, &[])).into_owned();
        let script_at = out.find("<script data-mentorbook-serve>");
        let body_end = out.find("</BODY>");
        assert!(script_at.is_some() && script_at < body_end, "{out}");
        assert!(out.contains("var g=7;"));
        assert!(out.contains(POLL_PATH));
        assert!(!out.contains("mentorbook-errors"));
    }

    #[test]
    fn errors_are_escaped_in_the_banner() {
        let out = inject(
            b"no body",
            1,
            &["error: a.md:3: <script>alert(1)</script> & co".into()],
        );
        let out = String::from_utf8_lossy(&out).into_owned();
        assert!(out.starts_with("no body<div id=\"mentorbook-errors\""));
        assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
        assert!(!out.contains("<script>alert"));
    }
}
