//! The `mentorbook` binary: everything happens in the library's command line, `mentorbook::cli`.

fn main() -> std::process::ExitCode {
    mentorbook::cli::run()
}
