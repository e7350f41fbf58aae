//! The command line itself: help, completions, colours and progress in pipes.

mod common;

use common::{Run, Workdir};

const COMMANDS: [&str; 5] = ["build", "check", "report", "init", "completions"];

#[test]
fn every_command_has_an_example_in_its_help() {
    let w = Workdir::empty();
    for command in COMMANDS {
        let run = w.run(&[command, "--help"]);
        assert_eq!(run.code(), 0, "{command}: {}", run.stderr());
        assert!(
            run.stdout().contains("Example"),
            "{command} --help has no example:\n{}",
            run.stdout()
        );
        assert!(run.stdout().contains(&format!("mentorbook {command}")));
    }
    assert!(w.run(&["--help"]).stdout().contains("Example"));
}

#[test]
fn completions_for_every_shell() {
    let w = Workdir::empty();
    let bash = w.run(&["completions", "bash"]);
    assert_eq!(bash.code(), 0, "{}", bash.stderr());
    for command in COMMANDS {
        assert!(
            bash.stdout().contains(command),
            "bash completion lacks {command}"
        );
    }
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let run = w.run(&["completions", shell]);
        assert_eq!(run.code(), 0, "{shell}: {}", run.stderr());
        assert!(run.stdout().contains("report"), "{shell}");
    }
    let bad = w.run(&["completions", "tcsh"]);
    assert_eq!(bad.code(), 2);
    assert_eq!(bad.stdout(), "");
}

/// Any ANSI escape or other control character except newline and tab.
fn has_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
}

#[test]
fn piped_output_has_no_colour_or_progress() {
    let w = Workdir::new();
    w.write("data/pairs.csv", "pair_id,cohort_id\np1,c9\n");
    for no_color in [None, Some(""), Some("1")] {
        let mut command = w.command();
        command.args(["check"]);
        match no_color {
            Some(v) => command.env("NO_COLOR", v),
            None => command.env_remove("NO_COLOR"),
        };
        let run = Run::of(&mut command);
        assert_eq!(run.code(), 1);
        assert!(run.stderr().contains("error: "), "{}", run.stderr());
        assert!(!has_control(&run.stderr()), "{:?}", run.stderr());
    }

    let w = Workdir::new();
    let mut command = w.command();
    command
        .args(["build"])
        .env_remove("NO_COLOR")
        .env_remove("CI");
    let run = Run::of(&mut command);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(!has_control(&run.stderr()), "{:?}", run.stderr());
    assert!(!has_control(&run.stdout()), "{:?}", run.stdout());
    let stdout = run.stdout();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one summary line: {lines:?}");
    assert!(lines[0].starts_with("Built "), "{lines:?}");
}
