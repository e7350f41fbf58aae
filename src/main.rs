//! The `mentorbook` binary: everything happens in the library's command line, `mentorbook::cli`.

fn main() -> std::process::ExitCode {
    malloc_arena_per_core();
    mentorbook::cli::run()
}

/// glibc's malloc gives each thread that allocates an arena of its own (up
/// to 8 per core) and keeps what is freed in it: with the build's worker
/// and I/O threads, that memory was most of the peak RSS beyond the data
/// (docs/architecture.md, "Memory"). One arena per core keeps nearly all
/// of the saving; a single arena made the threads queue on its lock (a
/// 300-cohort build 0.38 → 0.23 s, 1,000 handbook pages 0.24 → 0.17 s with
/// one per core; BENCHMARKS.md, "Scale").
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn malloc_arena_per_core() {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let arenas = i32::try_from(cores).unwrap_or(i32::MAX);
    // SAFETY: mallopt only sets a malloc parameter; it is called before any
    // other thread exists, and a refusal (0) leaves the default in place.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, arenas);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn malloc_arena_per_core() {}
