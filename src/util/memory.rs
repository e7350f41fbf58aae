//! Giving memory the build has freed back to the system between phases (docs/architecture.md, "Memory").

/// Returns the free memory of every malloc arena to the system. glibc
/// keeps what a phase freed (the loader's id checks, the rows released
/// once the figures are computed) mapped in its arenas, where it counts
/// towards the peak of every later phase; `malloc_trim` hands the free
/// pages back. A few milliseconds per call (BENCHMARKS.md, "Scale").
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn release_free_memory() {
    // SAFETY: malloc_trim only walks glibc's own arenas under their locks;
    // it frees nothing that is in use.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Elsewhere the allocator keeps its own counsel.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release_free_memory() {}
