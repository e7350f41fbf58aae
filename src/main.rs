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
///
/// Blocks of 128 KiB and more are mapped on their own, always: glibc
/// starts there but raises the threshold each time such a block is freed
/// (up to 32 MiB), after which a table's vector grows inside the heap,
/// copied at each doubling, and what it leaves behind stays mapped. Fixed,
/// a large vector grows in place (mremap) and goes back to the system when
/// freed: 3,000 cohorts 276 → 251 MB, 1,000 cohorts 99 → 91 MB, no change
/// in time (BENCHMARKS.md, "Scale").
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn malloc_arena_per_core() {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let arenas = i32::try_from(cores).unwrap_or(i32::MAX);
    // SAFETY: mallopt only sets malloc parameters; it is called before any
    // other thread exists, and a refusal (0) leaves the default in place.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, arenas);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 << 10);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn malloc_arena_per_core() {}
