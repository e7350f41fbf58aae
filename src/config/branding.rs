//! `[branding]` of mentorbook.toml: the accent colour and the logo as written, each with its line.
//!
//! Whether the accent is readable on the theme's background and whether
//! the logo is a file of the program folder depend on the theme and the
//! folder, so the site checks them (docs/themes.md, "Branding").

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostics, quoted};
use crate::util::colour::Rgb;
use crate::util::text::Lines;

/// The table as written: unknown keys are errors.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBranding {
    accent: Option<Spanned<String>>,
    accent_dark: Option<Spanned<String>>,
    logo: Option<Spanned<String>>,
}

/// A value of `[branding]` with the line it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct At<T> {
    pub value: T,
    pub line: usize,
}

/// `[branding]`, parsed; every key optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Branding {
    /// The config file as messages name it.
    pub file: String,
    /// The accent on the light background (`--accent`).
    pub accent: Option<At<Rgb>>,
    /// The accent on the dark background; derived from `accent` when unset.
    pub accent_dark: Option<At<Rgb>>,
    /// The logo's path relative to the program folder, as written.
    pub logo: Option<At<String>>,
}

/// Reads `[branding]`; a colour that is not `#RRGGBB` is an error at its line.
pub(super) fn parse(
    raw: RawBranding,
    lines: &Lines,
    file: &str,
    diags: &mut Diagnostics,
) -> Branding {
    let mut colour = |value: Option<Spanned<String>>, key: &str| {
        let value = value?;
        let line = lines.line_of(value.span().start);
        match Rgb::parse(value.get_ref().trim(), false) {
            Some(rgb) => Some(At { value: rgb, line }),
            None => {
                diags.error(
                    file,
                    Some(line),
                    format!(
                        "`branding.{key}`: {} is not a colour (expected #RRGGBB, such as \"#0b57a4\")",
                        quoted(value.get_ref())
                    ),
                );
                None
            }
        }
    };
    let accent = colour(raw.accent, "accent");
    let accent_dark = colour(raw.accent_dark, "accent_dark");
    Branding {
        file: file.to_string(),
        accent,
        accent_dark,
        logo: raw.logo.map(|logo| At {
            line: lines.line_of(logo.span().start),
            value: logo.into_inner(),
        }),
    }
}
