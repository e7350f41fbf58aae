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

/// The surfaces links sit on, as custom properties of the theme: the
/// page's background and the panels' (table of contents, cards, figures).
const SURFACES: [&str; 2] = ["--bg", "--panel"];
/// The built-in theme's, for a stylesheet that does not say: light, dark.
const BUILT_IN: [[Rgb; 2]; 2] = [
    [Rgb(0xff, 0xff, 0xff), Rgb(0xf4, 0xf5, 0xf7)],
    [Rgb(0x15, 0x17, 0x1b), Rgb(0x1f, 0x22, 0x28)],
];

/// One colour scheme's surfaces, in the order of [`SURFACES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Scheme {
    name: &'static str,
    surfaces: [Rgb; 2],
}

impl Scheme {
    /// The surface `colour` reads worst on, its custom property, and that contrast.
    fn worst(&self, colour: Rgb) -> (Rgb, &'static str, f64) {
        let mut worst = (self.surfaces[0], SURFACES[0], f64::INFINITY);
        for (surface, var) in self.surfaces.iter().zip(SURFACES) {
            let ratio = colour.contrast(*surface);
            if ratio < worst.2 {
                worst = (*surface, var, ratio);
            }
        }
        worst
    }

    /// The error for `colour` (the value of `key`) when it reads below AA on a surface.
    fn check(&self, colour: Rgb, key: &str, advice: &str) -> Option<String> {
        let (surface, var, ratio) = self.worst(colour);
        (ratio < AA_TEXT).then(|| {
            format!(
                "`branding.{key}`: {colour} has a contrast of {} against {surface}, the theme's {} `{var}`; links need at least 4.5:1 on every surface (WCAG AA): {advice}",
                ratio_text(ratio),
                self.name
            )
        })
    }
}
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
        let [light_scheme, dark_scheme] = schemes(&css);
        let light = accent.value;
        if let Some(message) = light_scheme.check(light, "accent", "choose a darker colour") {
            diags.error(file, Some(accent.line), message);
        }
        let dark = match &branding.accent_dark {
            Some(dark) => {
                if let Some(message) =
                    dark_scheme.check(dark.value, "accent_dark", "choose a lighter colour")
                {
                    diags.error(file, Some(dark.line), message);
                }
                Some(dark.value)
            }
            None => {
                let derived = lighten_until_readable(light, &dark_scheme);
                if derived.is_none() {
                    let (surface, var, _) = dark_scheme.worst(Rgb(0xff, 0xff, 0xff));
                    diags.error(
                        file,
                        Some(accent.line),
                        format!(
                            "`branding.accent`: no shade of {light} between it and white reaches 4.5:1 against {surface}, the theme's dark `{var}` (WCAG AA): set `branding.accent_dark`"
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

/// The accent mixed with white in steps of 5% until it reaches 4.5:1 on
/// every surface of `scheme` (unchanged when it already does); `None` when
/// even white does not.
fn lighten_until_readable(accent: Rgb, scheme: &Scheme) -> Option<Rgb> {
    let white = Rgb(0xff, 0xff, 0xff);
    (0..=20)
        .map(|step| accent.mix(white, f64::from(step) / 20.0))
        .find(|c| scheme.worst(*c).2 >= AA_TEXT)
}

/// The surfaces (`--bg`, `--panel`) a stylesheet gives outside any
/// `@media` rule and inside a `prefers-color-scheme: dark` one (the first
/// of each); the built-in theme's where it gives none, or not as
/// `#rgb`/`#rrggbb`.
fn schemes(css: &str) -> [Scheme; 2] {
    let mut found: [[Option<Rgb>; 2]; 2] = [[None; 2]; 2];
    // For each open block: whether it is an @media rule, and a dark one.
    let mut open: Vec<(bool, bool)> = Vec::new();
    let mut prelude = String::new();
    let mut rest = css;
    'scan: while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |end| &after[end + 2..]);
            continue;
        }
        for (i, var) in SURFACES.iter().enumerate() {
            let Some(after) = rest
                .strip_prefix(var)
                .and_then(|a| a.trim_start().strip_prefix(':'))
            else {
                continue;
            };
            let value = after
                .split([';', '}'])
                .next()
                .and_then(|v| Rgb::parse(v.trim(), true));
            let in_media = open.iter().any(|(media, _)| *media);
            let in_dark = open.iter().any(|(_, dark)| *dark);
            let scheme = match (in_media, in_dark) {
                (_, true) => Some(1),
                (false, false) => Some(0),
                (true, false) => None,
            };
            if let Some(slot) = scheme.map(|s| &mut found[s][i])
                && slot.is_none()
            {
                *slot = value;
            }
            rest = after;
            continue 'scan;
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
    let scheme = |s: usize, name| Scheme {
        name,
        surfaces: [
            found[s][0].unwrap_or(BUILT_IN[s][0]),
            found[s][1].unwrap_or(BUILT_IN[s][1]),
        ],
    };
    [scheme(0, "light"), scheme(1, "dark")]
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

    fn surfaces(css: &str) -> [[Rgb; 2]; 2] {
        schemes(css).map(|s| s.surfaces)
    }

    #[test]
    fn the_surfaces_are_read_from_the_stylesheet() {
        let css = super::super::templates::DEFAULT_THEME
            .get_file("static/assets/style.css")
            .and_then(|f| f.contents_utf8())
            .unwrap_or_default();
        for colour in [
            "--bg: #ffffff",
            "--panel: #f4f5f7",
            "--bg: #15171b",
            "--panel: #1f2228",
        ] {
            assert!(css.contains(colour), "{colour}");
        }
        assert_eq!(surfaces(css), BUILT_IN);
        let custom = "/* { --bg: #000 } */ :root { --bg: #fafafa; --panel : #eee }\n@media print { :root { --bg: #fff; } }\n@media (prefers-color-scheme: dark) {\n  .x { color: red; }\n  :root { --bg:#222; }\n}\n.y { --bg: #123456; }";
        assert_eq!(
            surfaces(custom),
            [
                [Rgb(0xfa, 0xfa, 0xfa), Rgb(0xee, 0xee, 0xee)],
                [Rgb(0x22, 0x22, 0x22), BUILT_IN[1][1]]
            ]
        );
        assert_eq!(surfaces("body { color: red }"), BUILT_IN);
    }

    #[test]
    fn the_dark_accent_is_the_least_lightening_readable_on_every_surface() {
        let white = Rgb(255, 255, 255);
        let [_, dark_scheme] = schemes("");
        let wine = Rgb(0x8a, 0x15, 0x38);
        let step = |s: i32| wine.mix(white, f64::from(s) / 20.0);
        let dark = lighten_until_readable(wine, &dark_scheme);
        let at = (0..=20).find(|&s| Some(step(s)) == dark);
        // Readable on the page (#15171b) and on panels (#1f2228), the
        // lighter of the two, where the step before it is not.
        assert!(
            at.is_some_and(|s| s > 0
                && step(s).contrast(BUILT_IN[1][1]) >= AA_TEXT
                && step(s).contrast(BUILT_IN[1][0]) >= AA_TEXT
                && step(s - 1).contrast(BUILT_IN[1][1]) < AA_TEXT),
            "{dark:?}"
        );
        let light_grey = Rgb(0xee, 0xee, 0xee);
        assert_eq!(
            lighten_until_readable(light_grey, &dark_scheme),
            Some(light_grey)
        );
        let grey = Scheme {
            name: "dark",
            surfaces: [Rgb(0x99, 0x99, 0x99); 2],
        };
        assert_eq!(lighten_until_readable(wine, &grey), None);
    }
}
