//! Where each of a table's rows came from when several files feed it: row positions back to file and line.

/// Where each of a table's files sits among the table's row positions
/// (`RowReader::position`): the files in order, each with its display
/// name and the position before its line 1. With one file, a position is
/// its line.
#[derive(Default, Debug)]
pub(super) struct Origins {
    files: Vec<(String, usize)>,
    next_base: usize,
}

impl Origins {
    pub(super) fn start_file(&mut self, display: &str) -> usize {
        let base = self.next_base;
        self.files.push((display.to_string(), base));
        base
    }

    /// Notes a line read, so that the next file starts after it.
    pub(super) fn saw_line(&mut self, base: usize, line: usize) {
        self.next_base = self.next_base.max(base + line + 1);
    }

    /// The files read, as one name for messages about the whole table
    /// (`exports/log.xlsx[Pairs]`, or `a.csv, b.csv`); `None` before any.
    pub(super) fn names(&self) -> Option<String> {
        let names: Vec<&str> = self.files.iter().map(|(f, _)| f.as_str()).collect();
        (!names.is_empty()).then(|| names.join(", "))
    }

    /// The file and line of a position.
    pub(super) fn at(&self, position: usize) -> (&str, usize) {
        let i = self
            .files
            .partition_point(|(_, base)| *base < position)
            .saturating_sub(1);
        match self.files.get(i) {
            Some((file, base)) => (file, position - base),
            None => ("", position),
        }
    }

    /// Where a position is, as seen from a row of `file`: `line 12` in the
    /// same file, else `exports/a.csv:12`.
    pub(super) fn place(&self, position: usize, file: &str) -> String {
        match self.at(position) {
            (f, line) if f == file => format!("line {line}"),
            (f, line) => format!("{f}:{line}"),
        }
    }

    /// `first on line 12`, or `first at exports/a.csv:12` in another file:
    /// where a repeated id first appeared.
    pub(super) fn first(&self, position: usize, file: &str) -> String {
        match self.at(position) {
            (f, line) if f == file => format!("first on line {line}"),
            (f, line) => format!("first at {f}:{line}"),
        }
    }
}
