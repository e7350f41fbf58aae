#!/bin/sh
# Builds the fuzz targets with libFuzzer instrumentation on the nightly
# toolchain, the flags `cargo fuzz build` uses (no sanitizer: the code is
# safe Rust; panics, overflows, hangs and blow-ups are what we look for).
# Usage: fuzz/build.sh, then e.g.
#   timeout 200 fuzz/target/x86_64-unknown-linux-gnu/release/csv_load \
#     -max_total_time=180 -timeout=5 -rss_limit_mb=2048 fuzz/corpus/csv_load fuzz/seeds/csv_load
set -eu
cd "$(dirname "$0")"
RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks" \
  cargo +nightly build --release --target x86_64-unknown-linux-gnu --bins "$@"
