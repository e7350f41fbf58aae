//! The command line itself: help, completions, colours and progress in pipes.

mod common;

use common::{Run, Workdir, read, repo};

/// Every command, sorted.
const COMMANDS: [&str; 6] = ["build", "check", "completions", "init", "report", "serve"];

/// The commands of the table at the top of docs/cli.md, sorted.
fn documented_commands() -> Vec<String> {
    let doc = read(&repo().join("docs/cli.md"));
    let mut commands: Vec<String> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("| [`mentorbook "))
        .filter_map(|rest| rest.split([' ', '`']).next())
        .map(str::to_string)
        .collect();
    commands.sort();
    commands
}

/// The commands a `--help` lists, without clap's own `help`, sorted.
fn listed_commands(help: &str) -> Vec<String> {
    let list = help
        .split("Commands:\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .unwrap_or_else(|| panic!("no command list in:\n{help}"));
    let mut commands: Vec<String> = list
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect();
    commands.sort();
    commands
}

#[test]
fn the_help_lists_the_documented_commands() {
    assert_eq!(documented_commands(), COMMANDS, "docs/cli.md");
    let w = Workdir::empty();
    for help in [w.run(&["--help"]), w.run(&["help"])] {
        assert_eq!(listed_commands(&help.success().stdout()), COMMANDS);
    }
}

#[test]
fn every_command_has_an_example_in_its_help() {
    let w = Workdir::empty();
    for command in COMMANDS {
        let run = w.run(&[command, "--help"]);
        // `help COMMAND` prints the same.
        assert_eq!(
            w.run(&["help", command]).stdout(),
            run.stdout(),
            "{command}"
        );
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
