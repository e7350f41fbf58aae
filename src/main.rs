//! The `mentorbook` binary: everything happens in the library's command line, `mentorbook::cli`.

fn main() -> std::process::ExitCode {
    one_malloc_arena();
    mentorbook::cli::run()
}

/// glibc's malloc gives each thread that allocates an arena of its own and
/// keeps what is freed in it: with the build's worker threads, that memory
/// was most of the peak RSS beyond the data (docs/architecture.md,
/// "Memory"). One arena costs no measurable time on this workload.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn one_malloc_arena() {
    // SAFETY: mallopt only sets a malloc parameter; it is called before any
    // other thread exists, and a refusal (0) leaves the default in place.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn one_malloc_arena() {}
