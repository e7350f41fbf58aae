//! What one run of the binary printed, and how it exited.

use std::process::Output;

use assert_cmd::Command;

pub(crate) struct Run(pub Output);

impl Run {
    pub(crate) fn of(command: &mut Command) -> Run {
        Run(command.output().unwrap_or_else(|e| panic!("run: {e}")))
    }

    pub(crate) fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }

    /// The run itself, once it has exited 0 (otherwise a panic with its stderr).
    pub(crate) fn success(self) -> Run {
        assert_eq!(self.code(), 0, "stderr:\n{}", self.stderr());
        self
    }

    pub(crate) fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }

    pub(crate) fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }

    /// The stderr lines that are diagnostics (`error: FILE...` / `warning: ...`),
    /// without the closing line that counts them.
    pub(crate) fn diagnostics(&self) -> Vec<String> {
        self.stderr()
            .lines()
            .filter(|l| !(l.starts_with("error: ") && l.contains("the program folder has ")))
            .map(str::to_string)
            .collect()
    }

    /// The number of errors the closing line counts (0 without one).
    pub(crate) fn error_count(&self) -> usize {
        let stderr = self.stderr();
        let Some(tally) = stderr
            .lines()
            .rfind(|l| l.starts_with("error: ") && l.contains("the program folder has "))
        else {
            return 0;
        };
        let after = tally
            .split("the program folder has ")
            .nth(1)
            .unwrap_or_default();
        let after = after.strip_prefix("problems: ").unwrap_or(after);
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        digits
            .parse()
            .unwrap_or_else(|e| panic!("count in {tally:?}: {e}"))
    }
}
