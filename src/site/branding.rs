//! `[branding]` applied: the accent checked against the theme's backgrounds and added to its stylesheet, the logo checked and published.
//!
//! The accent becomes the `--accent` custom property (docs/themes.md,
//! "Branding"), appended to the site's `assets/style.css`, so the pages and
//! the self-contained report.html (which inlines that stylesheet) take it
//! alike. One colour cannot be readable on both a white and a near-black
//! background, so the dark colour scheme gets `accent_dark`, or else the
//! accent lightened until it is.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use crate::config::Branding;
use crate::diag::{Diagnostics, quoted};
use crate::util::colour::{AA_TEXT, Rgb, ratio_text};
use crate::util::data_uri::{data_uri, image_type};

/// The built-in theme's backgrounds, for a stylesheet that does not say.
const LIGHT_BG: Rgb = Rgb(0xff, 0xff, 0xff);
const DARK_BG: Rgb = Rgb(0x15, 0x17, 0x1b);
/// The stylesheet the accent is added to.
const STYLESHEET: &str = "assets/style.css";

/// What the pages need of the branding.
#[derive(Clone, Debug, Default)]
pub struct Brand {
    /// `#rrggbb`, or empty without `branding.accent`.
    pub accent: String,
    /// The dark scheme's accent, or empty.
    pub accent_dark: String,
    /// The logo's site path (e.g. `logo.svg`), or empty.
    pub logo: String,
    /// The logo as a `data:` URI, for report.html; empty without a logo.
    pub logo_inline: String,
}

/// Checks `[branding]` and applies it to `static_files`; problems go to
/// `diags` at the config's lines.
pub fn apply(
    root: &Path,
    branding: &Branding,
    static_files: &mut BTreeMap<String, Vec<u8>>,
    diags: &mut Diagnostics,
) -> Brand {
    let mut brand = Brand::default();
    let file = branding.file.as_str();
    if let Some(accent) = &branding.accent {
        let css = static_files
            .get(STYLESHEET)
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default();
        let (light_bg, dark_bg) = backgrounds(&css);
        let light = accent.value;
        let ratio = light.contrast(light_bg);
        if ratio < AA_TEXT {
            diags.error(
                file,
                Some(accent.line),
                format!(
                    "`branding.accent`: {light} has a contrast of {} against the theme's light background {light_bg}; text needs at least 4.5:1 (WCAG AA): choose a darker colour",
                    ratio_text(ratio)
                ),
            );
        }
        let dark = match &branding.accent_dark {
            Some(dark) => {
                let ratio = dark.value.contrast(dark_bg);
                if ratio < AA_TEXT {
                    diags.error(
                        file,
                        Some(dark.line),
                        format!(
                            "`branding.accent_dark`: {} has a contrast of {} against the theme's dark background {dark_bg}; text needs at least 4.5:1 (WCAG AA): choose a lighter colour",
                            dark.value,
                            ratio_text(ratio)
                        ),
                    );
                }
                Some(dark.value)
            }
            None => {
                let derived = lighten_until_readable(light, dark_bg);
                if derived.is_none() {
                    diags.error(
                        file,
                        Some(accent.line),
                        format!(
                            "`branding.accent`: no shade of {light} between it and white reaches 4.5:1 against the theme's dark background {dark_bg} (WCAG AA): set `branding.accent_dark`"
                        ),
                    );
                }
                derived
            }
        };
        if let Some(dark) = dark {
            brand.accent = light.to_string();
            brand.accent_dark = dark.to_string();
            let rules = format!(
                "\n/* [branding] in {file} */\n:root {{ --accent: {light}; }}\n@media (prefers-color-scheme: dark) {{\n  :root {{ --accent: {dark}; }}\n}}\n"
            );
            static_files
                .entry(STYLESHEET.to_string())
                .or_default()
                .extend_from_slice(rules.as_bytes());
        }
    }
    if let Some(logo) = &branding.logo
        && let Some((out, bytes, mime)) = read_logo(root, &logo.value, file, logo.line, diags)
    {
        brand.logo_inline = data_uri(mime, &bytes);
        brand.logo = out.clone();
        static_files.insert(out, bytes);
    }
    brand
}

/// The accent mixed with white in steps of 5% until it reaches 4.5:1
/// against `bg` (unchanged when it already does); `None` when even white
/// does not.
fn lighten_until_readable(accent: Rgb, bg: Rgb) -> Option<Rgb> {
    let white = Rgb(0xff, 0xff, 0xff);
    (0..=20)
        .map(|step| accent.mix(white, f64::from(step) / 20.0))
        .find(|c| c.contrast(bg) >= AA_TEXT)
}

/// The `--bg` a stylesheet gives outside any `@media` rule and inside a
/// `prefers-color-scheme: dark` one (the first of each); the built-in
/// theme's where it gives none, or not as `#rgb`/`#rrggbb`.
fn backgrounds(css: &str) -> (Rgb, Rgb) {
    let mut light = None;
    let mut dark = None;
    // For each open block: whether it is an @media rule, and a dark one.
    let mut open: Vec<(bool, bool)> = Vec::new();
    let mut prelude = String::new();
    let mut rest = css;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |end| &after[end + 2..]);
            continue;
        }
        if let Some(after) = rest.strip_prefix("--bg:") {
            let value = after
                .split([';', '}'])
                .next()
                .and_then(|v| Rgb::parse(v.trim(), true));
            let in_media = open.iter().any(|(media, _)| *media);
            let in_dark = open.iter().any(|(_, dark)| *dark);
            if in_dark && dark.is_none() {
                dark = value;
            } else if !in_media && light.is_none() {
                light = value;
            }
            rest = after;
            continue;
        }
        match c {
            '{' => {
                let p = prelude.trim();
                let media = p.starts_with("@media");
                let squeezed: String = p.chars().filter(|c| !c.is_whitespace()).collect();
                open.push((
                    media,
                    media && squeezed.contains("prefers-color-scheme:dark"),
                ));
                prelude.clear();
            }
            '}' => {
                open.pop();
                prelude.clear();
            }
            ';' => prelude.clear(),
            _ => prelude.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    (light.unwrap_or(LIGHT_BG), dark.unwrap_or(DARK_BG))
}

/// The logo's site path, bytes and media type, or `None` after reporting
/// why it cannot be published: a path outside the program folder (`..`,
/// absolute, or through a link), a missing file, a folder, not an image.
fn read_logo(
    root: &Path,
    path: &str,
    file: &str,
    line: usize,
    diags: &mut Diagnostics,
) -> Option<(String, Vec<u8>, &'static str)> {
    let mut error = |why: String| {
        diags.error(
            file,
            Some(line),
            format!("`branding.logo`: {} {why}", quoted(path)),
        );
        None
    };
    let rel = Path::new(path);
    let inside = !path.is_empty()
        && rel
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !inside {
        return error(
            "is outside the program folder (expected a path inside it, such as \"static/logo.svg\")"
                .to_string(),
        );
    }
    let (Ok(target), Ok(folder)) = (
        std::fs::canonicalize(root.join(rel)),
        std::fs::canonicalize(root),
    ) else {
        return error("does not exist (the path is relative to the program folder)".to_string());
    };
    if !target.starts_with(&folder) {
        return error("leads outside the program folder (through a symbolic link)".to_string());
    }
    if target.is_dir() {
        return error("is a folder (expected an image file)".to_string());
    }
    let Some(mime) = image_type(path) else {
        return error(
            "is not an image a browser shows (expected .svg, .png, .jpg, .gif, .webp or .avif)"
                .to_string(),
        );
    };
    let bytes = match std::fs::read(&target) {
        Ok(bytes) => bytes,
        Err(e) => return error(format!("cannot be read: {e}")),
    };
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    // A logo in static/ is published where static/ puts it; one elsewhere goes beside the styles.
    let out = match parts.split_first() {
        Some((first, rest)) if first == "static" && !rest.is_empty() => rest.join("/"),
        _ => {
            let ext = path
                .rsplit_once('.')
                .map_or("", |(_, e)| e)
                .to_ascii_lowercase();
            format!("assets/logo.{ext}")
        }
    };
    Some((out, bytes, mime))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backgrounds_are_read_from_the_stylesheet() {
        let css = super::super::templates::DEFAULT_THEME
            .get_file("static/assets/style.css")
            .and_then(|f| f.contents_utf8())
            .unwrap_or_default();
        assert!(css.contains("--bg: #ffffff") && css.contains("--bg: #15171b"));
        assert_eq!(backgrounds(css), (LIGHT_BG, DARK_BG));
        let custom = "/* { --bg: #000 } */ :root { --bg: #fafafa; }\n@media print { :root { --bg: #fff; } }\n@media (prefers-color-scheme: dark) {\n  .x { color: red; }\n  :root { --bg:#222; }\n}\n.y { --bg: #123456; }";
        assert_eq!(
            backgrounds(custom),
            (Rgb(0xfa, 0xfa, 0xfa), Rgb(0x22, 0x22, 0x22))
        );
        assert_eq!(backgrounds("body { color: red }"), (LIGHT_BG, DARK_BG));
    }

    #[test]
    fn the_dark_accent_is_the_least_lightening_that_is_readable() {
        let white = Rgb(255, 255, 255);
        let navy = Rgb(0x0b, 0x57, 0xa4);
        let step = |s: i32| navy.mix(white, f64::from(s) / 20.0);
        let dark = lighten_until_readable(navy, DARK_BG);
        let at = (0..=20).find(|&s| Some(step(s)) == dark);
        assert!(
            at.is_some_and(|s| s > 0
                && step(s).contrast(DARK_BG) >= AA_TEXT
                && step(s - 1).contrast(DARK_BG) < AA_TEXT),
            "{dark:?}"
        );
        let light_grey = Rgb(0xee, 0xee, 0xee);
        assert_eq!(
            lighten_until_readable(light_grey, DARK_BG),
            Some(light_grey)
        );
        assert_eq!(lighten_until_readable(navy, Rgb(0xcc, 0xcc, 0xcc)), None);
    }
}
