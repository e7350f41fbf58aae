fn main() -> std::process::ExitCode {
    mentorbook::cli::run()
}
