//! `config::parse` on any text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mentorbook::config;
use mentorbook::diag::Diagnostics;

fuzz_target!(|input: &[u8]| {
    let text = String::from_utf8_lossy(input);
    let mut diags = Diagnostics::new();
    let _ = config::parse(&text, "mentorbook.toml", &mut diags);
});
