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
    /// Template name → its source, to find a line Tera does not give.
    sources: BTreeMap<String, String>,
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
    /// `t(key=…)` and the number and date filters read `words`
    /// ([`crate::i18n::template`]).
    pub fn load(
        root: &Path,
        theme: Option<&str>,
        words: std::sync::Arc<crate::i18n::Catalogs>,
        diags: &mut Diagnostics,
    ) -> Option<Engine> {
        let builtin = builtin_layer("templates");
        let themed = match theme {
            Some(theme) => folder_layer(root, &format!("{theme}/templates"), diags),
            None => Layer::new(),
        };
        let own = folder_layer(root, "templates", diags);

        // Each layer under its own prefix (the program's own templates under
        // none): Tera looks a name up as written, then under `theme/`, then
        // under `builtin/`, which is the override order, and a component a
        // higher layer defines replaces the lower one's.
        let mut chosen: BTreeMap<String, (String, String)> = BTreeMap::new();
        for (layer, prefix) in [
            (&builtin, BUILTIN_PREFIX),
            (&themed, THEME_PREFIX),
            (&own, ""),
        ] {
            for (name, (bytes, shown)) in layer {
                let Ok(source) = String::from_utf8(bytes.clone()) else {
                    diags.error(shown, None, "a template must be UTF-8 text");
                    continue;
                };
                chosen.insert(format!("{prefix}{name}"), (source, shown.clone()));
            }
        }

        let origins: BTreeMap<String, String> = chosen
            .iter()
            .map(|(name, (_, shown))| (name.clone(), shown.clone()))
            .collect();
        let mut tera = Tera::new();
        if let Err(e) = tera.set_fallback_prefixes([THEME_PREFIX, BUILTIN_PREFIX]) {
            diags.error("templates", None, e.to_string());
            return None;
        }
        // Templates' `slugify` (docs/themes.md) makes ids as headings get them.
        tera.register_filter("slugify", |s: &str, _: Kwargs, _: &State| heading_id(s));
        crate::i18n::template::register(&mut tera, words);
        let engine_result =
            tera.add_raw_templates(chosen.iter().map(|(name, (source, _))| (name, source)));
        let sources = chosen
            .into_iter()
            .map(|(name, (source, _))| (name, source))
            .collect();
        let engine = Engine {
            tera,
            origins,
            sources,
        };
        match engine_result {
            Ok(()) => Some(engine),
            Err(e) => {
                for problem in engine.describe_all(&e, None) {
                    problem.report(diags);
                }
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

    /// The line of a template's `{% extends ... %}`, for messages about its parent.
    fn extends_line(&self, name: &str) -> Option<usize> {
        let source = self.sources.get(name)?;
        let at = source.find("extends")?;
        Some(source[..at].matches('\n').count() + 1)
    }

    /// The first problem of a Tera error (see [`Self::describe_all`]).
    fn describe(&self, e: &tera::Error, rendering: Option<&str>) -> TemplateError {
        let mut all = self.describe_all(e, rendering);
        all.swap_remove(0)
    }

    /// Every problem a Tera error holds, each at its template's file and
    /// line as the user finds them (docs/themes.md: `templates/NAME:LINE:
    /// column COL: ...`). Never empty.
    fn describe_all(&self, e: &tera::Error, rendering: Option<&str>) -> Vec<TemplateError> {
        let message = match e.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
                let span = r.span();
                let kind = if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                    "template syntax error"
                } else {
                    "template error"
                };
                return vec![TemplateError {
                    file: self.origin(r.filename()),
                    line: Some(span.start_line),
                    message: format!(
                        "column {}: {kind}: {}{}",
                        span.start_col + 1,
                        r.message(),
                        causes(e)
                    ),
                }];
            }
            ErrorKind::MissingParent { current, parent } => {
                return vec![TemplateError {
                    file: self.origin(current),
                    line: self.extends_line(current),
                    message: format!(
                        "extends `{parent}`, which is not a template (names are relative to templates/; built-in ones are also available as `{BUILTIN_PREFIX}NAME`)"
                    ),
                }];
            }
            ErrorKind::CircularExtend { tpl, .. } => {
                return vec![TemplateError {
                    file: self.origin(tpl),
                    line: self.extends_line(tpl),
                    message: e.to_string(),
                }];
            }
            ErrorKind::CircularInclude { tpl, .. } => {
                return vec![TemplateError {
                    file: self.origin(tpl),
                    line: None,
                    message: e.to_string(),
                }];
            }
            ErrorKind::Msg(text) => {
                let found: Vec<TemplateError> = reports(text)
                    .into_iter()
                    .map(|r| TemplateError {
                        file: self.origin(&r.template),
                        line: Some(r.line),
                        message: format!(
                            "column {}: template error: {}{}",
                            r.column,
                            r.message,
                            hint(&r.message)
                        ),
                    })
                    .collect();
                if !found.is_empty() {
                    return found;
                }
                e.to_string()
            }
            _ => e.to_string(),
        };
        vec![TemplateError {
            file: rendering.map_or_else(|| "templates".to_string(), |n| self.origin(n)),
            line: None,
            message: format!("{message}{}", causes(e)),
        }]
    }
}

/// One problem of Tera's checks after parsing (an unknown block, include,
/// filter, test, function or component).
#[derive(Debug, PartialEq, Eq)]
struct Report {
    template: String,
    line: usize,
    column: usize,
    message: String,
}

/// Tera gives those checks' problems as one text of reports, each
/// `error: MESSAGE` then ` --> NAME:LINE:COLUMN` and the source line,
/// separated by blank lines (its `reporting.rs`).
fn reports(text: &str) -> Vec<Report> {
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(message) = line.strip_prefix("error: ") else {
            continue;
        };
        let Some(place) = lines
            .peek()
            .and_then(|l| l.trim_start().strip_prefix("--> "))
        else {
            continue;
        };
        let mut parts = place.rsplitn(3, ':');
        let (Some(column), Some(line), Some(template)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if let (Ok(line), Ok(column)) = (line.parse(), column.parse()) {
            out.push(Report {
                template: template.to_string(),
                line,
                column,
                message: message.to_string(),
            });
        }
    }
    out
}

/// The blocks a user template can fill, by built-in template.
pub const BLOCKS: [(&str, &[&str]); 2] = [
    (
        "base.html",
        &["title", "head", "header", "nav", "main", "footer"],
    ),
    ("page.html", &["article_class", "content", "after_content"]),
];

/// What to do about a problem Tera names.
fn hint(message: &str) -> String {
    if message.starts_with("Block `") {
        let listed: Vec<String> = BLOCKS
            .iter()
            .map(|(template, blocks)| format!("{template}: {}", blocks.join(", ")))
            .collect();
        format!(
            " (the built-in blocks are {}; see docs/themes.md)",
            listed.join("; ")
        )
    } else {
        String::new()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_are_read_with_their_places() {
        let text = "error: Block `header` is not defined in any parent template\n --> page.html:2:10\n  |\n2 | {% block header %}\n  |          ^^^^^^\n\nerror: Unknown template `nope.html`\n  --> partials/x.html:14:3\n   |\n14 | {% include \"nope.html\" %}\n\nnote: something else\n --> other.html:1:1";
        assert_eq!(
            reports(text),
            [
                Report {
                    template: "page.html".into(),
                    line: 2,
                    column: 10,
                    message: "Block `header` is not defined in any parent template".into()
                },
                Report {
                    template: "partials/x.html".into(),
                    line: 14,
                    column: 3,
                    message: "Unknown template `nope.html`".into()
                }
            ]
        );
        assert!(reports("Component `x` is defined in both `a` and `b`").is_empty());
    }

    /// The blocks the hint lists are those the built-in templates define
    /// (page.html's beside those it fills from base.html).
    #[test]
    fn the_hint_lists_the_built_in_blocks() {
        let blocks_of = |template: &str| -> Vec<String> {
            let file = DEFAULT_THEME
                .get_file(format!("templates/{template}"))
                .and_then(|f| f.contents_utf8())
                .unwrap_or_default();
            let mut names: Vec<String> = file
                .match_indices("block ")
                .filter(|(at, _)| file[..*at].trim_end_matches(['-', ' ']).ends_with("{%"))
                .filter_map(|(at, _)| file[at + 6..].split([' ', '%', '-']).next())
                .map(str::to_string)
                .collect();
            names.sort_unstable();
            names.dedup();
            names
        };
        let base = blocks_of("base.html");
        let mut listed: Vec<&str> = BLOCKS[0].1.to_vec();
        listed.sort_unstable();
        assert_eq!(base, listed, "base.html");
        let own: Vec<String> = blocks_of("page.html")
            .into_iter()
            .filter(|b| !base.contains(b))
            .collect();
        let mut listed: Vec<&str> = BLOCKS[1].1.to_vec();
        listed.sort_unstable();
        assert_eq!(own, listed, "page.html");
    }
}
