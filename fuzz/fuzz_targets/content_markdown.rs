//! A content file: front matter (`parse_source`), then its body through `markdown::render`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mentorbook::diag::Diagnostics;
use mentorbook::site::{content, markdown};

fuzz_target!(|input: &[u8]| {
    let text = String::from_utf8_lossy(input);
    let mut diags = Diagnostics::new();
    let body_only = markdown::render(&text, 0, &mut |dest, _line| Some(dest.replace("@/", "/")));
    let _ = markdown::toc(&body_only.headings);
    if let Some(source) =
        content::parse_source("content/page.md", "handbook/page.md", &text, &mut diags)
    {
        let r = markdown::render(&source.body, source.body_line_offset, &mut |dest, line| {
            (line % 2 == 0).then(|| dest.to_string())
        });
        let _ = markdown::toc(&r.headings);
    }
});
