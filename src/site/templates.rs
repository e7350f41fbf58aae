//! Tera templates and static files: built-in theme, a program's theme, a program's own, in that order.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use include_dir::{Dir, include_dir};
use tera::{Context, ErrorKind, Kwargs, State, Tera};
use walkdir::WalkDir;

use crate::diag::Diagnostics;

use super::markdown::heading_id;

/// The built-in theme (`themes/default/` of the repository), compiled in.
pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Name prefix under which the built-in version of every template is also
/// available, so an override can `{% extends "builtin/page.html" %}`.
pub const BUILTIN_PREFIX: &str = "builtin/";
/// Name prefix for the program theme's version of every template.
pub const THEME_PREFIX: &str = "theme/";

/// A template problem: the template's file as the user would find it, line and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl TemplateError {
    pub fn report(&self, diags: &mut Diagnostics) {
        diags.error(&self.file, self.line, self.message.clone());
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for TemplateError {}

/// The template engine with every template loaded, and where each came from.
pub struct Engine {
    tera: Tera,
    /// Template name → the file shown in messages.
    origins: BTreeMap<String, String>,
}

/// One layer of files: name (relative, `/`-separated) → (bytes, file shown in messages).
type Layer = BTreeMap<String, (Vec<u8>, String)>;

/// The program theme's folder, if the config names one. A theme other
/// than `default` must exist as `themes/NAME/`; `default` may be
/// customised by a `themes/default/` folder.
pub fn theme_dir(root: &Path, theme: &str) -> Result<Option<String>, TemplateError> {
    let valid_name = !theme.is_empty()
        && theme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let dir = format!("themes/{theme}");
    if valid_name && root.join(&dir).is_dir() {
        return Ok(Some(dir));
    }
    if theme == "default" {
        return Ok(None);
    }
    Err(TemplateError {
        file: "mentorbook.toml".to_string(),
        line: None,
        message: format!(
            "theme `{theme}`: no such theme (expected a folder {dir}/ with templates/ and static/, or theme = \"default\")"
        ),
    })
}

fn builtin_layer(sub: &str) -> Layer {
    let mut layer = Layer::new();
    let Some(dir) = DEFAULT_THEME.get_dir(sub) else {
        return layer;
    };
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        for file in dir.files() {
            let path = file.path().to_string_lossy().replace('\\', "/");
            let name = path
                .strip_prefix(&format!("{sub}/"))
                .unwrap_or(&path)
                .to_string();
            let shown = format!("(built-in) themes/default/{path}");
            layer.insert(name, (file.contents().to_vec(), shown));
        }
        stack.extend(dir.dirs());
    }
    layer
}

/// Every file under `root/rel`, by path relative to it; a missing folder is an empty layer.
fn folder_layer(root: &Path, rel: &str, diags: &mut Diagnostics) -> Layer {
    let mut layer = Layer::new();
    let base = root.join(rel);
    if !base.is_dir() {
        return layer;
    }
    for entry in WalkDir::new(&base).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.error(rel, None, format!("cannot read: {e}"));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel_path) = entry.path().strip_prefix(&base) else {
            continue;
        };
        let name = rel_path
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let shown = format!("{rel}/{name}");
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                layer.insert(name, (bytes, shown));
            }
            Err(e) => diags.error(&shown, None, format!("cannot read: {e}")),
        }
    }
    layer
}

/// Static files to copy: built-in theme, then the program theme's `static/`,
/// then the program's `static/`, later ones replacing earlier ones.
pub fn load_static(
    root: &Path,
    theme: Option<&str>,
    diags: &mut Diagnostics,
) -> BTreeMap<String, Vec<u8>> {
    let mut files: BTreeMap<String, Vec<u8>> = builtin_layer("static")
        .into_iter()
        .map(|(name, (bytes, _))| (name, bytes))
        .collect();
    let mut layers = Vec::new();
    if let Some(theme) = theme {
        layers.push(folder_layer(root, &format!("{theme}/static"), diags));
    }
    layers.push(folder_layer(root, "static", diags));
    for layer in layers {
        files.extend(layer.into_iter().map(|(name, (bytes, _))| (name, bytes)));
    }
    files
}

impl Engine {
    /// Loads the templates: built-in, then `THEME/templates/`, then the
    /// program's `templates/`, a later file replacing an earlier one of the
    /// same name. Every problem is reported with its file and line.
    pub fn load(root: &Path, theme: Option<&str>, diags: &mut Diagnostics) -> Option<Engine> {
        let builtin = builtin_layer("templates");
        let themed = match theme {
            Some(theme) => folder_layer(root, &format!("{theme}/templates"), diags),
            None => Layer::new(),
        };
        let own = folder_layer(root, "templates", diags);

        let mut chosen: BTreeMap<String, (String, String)> = BTreeMap::new();
        let mut text = |layer: &Layer, prefix: Option<&str>, diags: &mut Diagnostics| {
            for (name, (bytes, shown)) in layer {
                let Ok(source) = String::from_utf8(bytes.clone()) else {
                    diags.error(shown, None, "a template must be UTF-8 text");
                    continue;
                };
                chosen.insert(name.clone(), (source.clone(), shown.clone()));
                if let Some(prefix) = prefix {
                    chosen.insert(format!("{prefix}{name}"), (source, shown.clone()));
                }
            }
        };
        text(&builtin, Some(BUILTIN_PREFIX), diags);
        text(&themed, Some(THEME_PREFIX), diags);
        text(&own, None, diags);

        let origins: BTreeMap<String, String> = chosen
            .iter()
            .map(|(name, (_, shown))| (name.clone(), shown.clone()))
            .collect();
        let mut tera = Tera::new();
        // Templates' `slugify` (docs/themes.md) makes ids as headings get them.
        tera.register_filter("slugify", |s: &str, _: Kwargs, _: &State| heading_id(s));
        let engine_result =
            tera.add_raw_templates(chosen.iter().map(|(name, (source, _))| (name, source)));
        let engine = Engine { tera, origins };
        match engine_result {
            Ok(()) => Some(engine),
            Err(e) => {
                engine.describe(&e, None).report(diags);
                None
            }
        }
    }

    /// Whether a template of this name is loaded.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders a template; an error names the template's file and line.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, TemplateError> {
        self.tera
            .render(name, context)
            .map_err(|e| self.describe(&e, Some(name)))
    }

    fn origin(&self, name: &str) -> String {
        self.origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("template `{name}`"))
    }

    fn describe(&self, e: &tera::Error, rendering: Option<&str>) -> TemplateError {
        let mut message = match e.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
                let span = r.span();
                let kind = if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                    "template syntax error"
                } else {
                    "template error"
                };
                return TemplateError {
                    file: self.origin(r.filename()),
                    line: Some(span.start_line),
                    message: format!(
                        "column {}: {kind}: {}{}",
                        span.start_col + 1,
                        r.message(),
                        causes(e)
                    ),
                };
            }
            ErrorKind::MissingParent { current, parent } => {
                return TemplateError {
                    file: self.origin(current),
                    line: None,
                    message: format!(
                        "extends `{parent}`, which is not a template (names are relative to templates/; built-in ones are also available as `{BUILTIN_PREFIX}NAME`)"
                    ),
                };
            }
            ErrorKind::CircularExtend { tpl, .. } | ErrorKind::CircularInclude { tpl, .. } => {
                return TemplateError {
                    file: self.origin(tpl),
                    line: None,
                    message: e.to_string(),
                };
            }
            _ => e.to_string(),
        };
        message.push_str(&causes(e));
        TemplateError {
            file: rendering.map_or_else(|| "templates".to_string(), |n| self.origin(n)),
            line: None,
            message,
        }
    }
}

/// The messages of the errors behind a Tera error, as `: cause: cause`.
fn causes(e: &tera::Error) -> String {
    let mut out = String::new();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}
