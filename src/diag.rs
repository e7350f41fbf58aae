//! Diagnostics: errors and warnings about the program folder, each naming a file and line.

use std::fmt;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Severity {
    Error,
    Warning,
    /// What mentorbook made of the data that the user may not expect
    /// (pairs derived, reports merged): `check` prints notes, never fails on them.
    Note,
}

impl Severity {
    /// The label a printed line starts with, before its `:`.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One printed line: `error: TEXT` or `warning: TEXT`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Line {
    pub severity: Severity,
    pub text: String,
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity.label(), self.text)
    }
}

/// One problem in the program folder, printed as
/// `error: data/meetings.csv:42: column `date`: "2024-13-05" is not a date (...)`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as the user would type it, relative to the program folder.
    pub file: String,
    /// 1-based, as a text editor counts; `None` for a whole-file problem.
    pub line: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    /// The diagnostic as it is printed.
    pub fn line(&self) -> Line {
        let text = match self.line {
            Some(line) => format!("{}:{line}: {}", self.file, self.message),
            None => format!("{}: {}", self.file, self.message),
        };
        Line {
            severity: self.severity,
            text,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.line().fmt(f)
    }
}

/// How many diagnostics of each severity are kept to print; the rest are counted.
pub const MAX_SHOWN: usize = 50;

/// Collects diagnostics, keeping the first [`MAX_SHOWN`] of each severity
/// and counting all of them, so a file with a million bad rows stays cheap.
#[derive(Clone, Default, Debug)]
pub struct Diagnostics {
    shown: Vec<Diagnostic>,
    errors: usize,
    warnings: usize,
    notes: usize,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        let count = match diagnostic.severity {
            Severity::Error => &mut self.errors,
            Severity::Warning => &mut self.warnings,
            Severity::Note => &mut self.notes,
        };
        *count += 1;
        if *count <= MAX_SHOWN {
            self.shown.push(diagnostic);
        }
    }

    pub fn error(&mut self, file: &str, line: Option<usize>, message: impl Into<String>) {
        self.push(Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            line,
            message: message.into(),
        });
    }

    pub fn warning(&mut self, file: &str, line: Option<usize>, message: impl Into<String>) {
        self.push(Diagnostic {
            severity: Severity::Warning,
            file: file.to_string(),
            line,
            message: message.into(),
        });
    }

    /// A note about what was made of a table, printed
    /// `note: SUBJECT: MESSAGE` (the subject is the table's name).
    pub fn note(&mut self, subject: &str, message: impl Into<String>) {
        self.push(Diagnostic {
            severity: Severity::Note,
            file: subject.to_string(),
            line: None,
            message: message.into(),
        });
    }

    /// Prefixes `label: ` to the message of each error and warning about a
    /// file that `is_about` accepts (one file read by several tables names
    /// the table in each message: docs/data.md).
    pub fn label_messages(&mut self, label: &str, is_about: impl Fn(&str) -> bool) {
        for d in &mut self.shown {
            if d.severity != Severity::Note && is_about(&d.file) {
                d.message = format!("{label}: {}", d.message);
            }
        }
    }

    /// Appends another collection, keeping the order: `self` first.
    pub fn extend(&mut self, other: Diagnostics) {
        let (mut hidden_errors, mut hidden_warnings, mut hidden_notes) =
            (other.errors, other.warnings, other.notes);
        for d in other.shown {
            match d.severity {
                Severity::Error => hidden_errors -= 1,
                Severity::Warning => hidden_warnings -= 1,
                Severity::Note => hidden_notes -= 1,
            }
            self.push(d);
        }
        self.errors += hidden_errors;
        self.warnings += hidden_warnings;
        self.notes += hidden_notes;
    }

    pub fn error_count(&self) -> usize {
        self.errors
    }

    pub fn warning_count(&self) -> usize {
        self.warnings
    }

    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// Turns every warning into an error (`--strict`).
    pub fn make_warnings_errors(&mut self) {
        let old = std::mem::take(self);
        for d in old.shown() {
            let severity = match d.severity {
                Severity::Note => Severity::Note,
                _ => Severity::Error,
            };
            self.push(Diagnostic {
                severity,
                ..d.clone()
            });
        }
        // `push` counted only the shown ones; the hidden ones count too.
        self.errors = old.errors + old.warnings;
        self.notes = old.notes;
    }

    /// The kept diagnostics: errors first, then warnings, then notes, each
    /// severity in the order found.
    pub fn shown(&self) -> impl Iterator<Item = &Diagnostic> {
        let of = |severity| self.shown.iter().filter(move |d| d.severity == severity);
        of(Severity::Error)
            .chain(of(Severity::Warning))
            .chain(of(Severity::Note))
    }

    /// The lines to print: the kept diagnostics, each severity followed
    /// by a count of those left out.
    pub fn report(&self) -> Vec<Line> {
        let mut lines = Vec::new();
        for (severity, total) in [
            (Severity::Error, self.errors),
            (Severity::Warning, self.warnings),
            (Severity::Note, self.notes),
        ] {
            let shown = self.shown.iter().filter(|d| d.severity == severity);
            lines.extend(shown.map(Diagnostic::line));
            if total > MAX_SHOWN {
                let rest = total - MAX_SHOWN;
                lines.push(Line {
                    severity,
                    text: format!("... and {rest} more {}{}", severity.label(), plural(rest)),
                });
            }
        }
        lines
    }

    /// [`Diagnostics::report`] as text, without colour.
    pub fn report_lines(&self) -> Vec<String> {
        self.report().iter().map(Line::to_string).collect()
    }
}

pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Shortens a value for a message: the first 60 characters, then `…`.
pub fn excerpt(value: &str) -> String {
    const MAX: usize = 60;
    match value.char_indices().nth(MAX) {
        None => value.to_string(),
        Some((cut, _)) => format!("{}…", &value[..cut]),
    }
}

/// A value quoted for a message, escaped like a Rust string and shortened.
pub fn quoted(value: &str) -> String {
    format!("{:?}", excerpt(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_fifty_and_counts_the_rest() {
        let mut d = Diagnostics::new();
        for line in 1..=60 {
            d.error("data/a.csv", Some(line), "bad");
        }
        d.warning("data/a.csv", Some(1), "odd");
        let lines = d.report_lines();
        assert_eq!(lines.len(), 52);
        assert_eq!(lines[50], "error: ... and 10 more errors");
        assert_eq!(lines[51], "warning: data/a.csv:1: odd");
        d.make_warnings_errors();
        assert_eq!(d.error_count(), 61);
        assert_eq!(d.warning_count(), 0);
    }

    #[test]
    fn quotes_long_values_short() {
        let long = "x".repeat(2_000_000);
        assert_eq!(quoted(&long).chars().count(), 63);
        assert_eq!(quoted("a\"b"), r#""a\"b""#);
    }
}
