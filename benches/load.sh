#!/usr/bin/env bash
# Load + validate throughput on a large generated program (issue 2), as a
# ratio to the floor of parsing the same CSV files with the csv crate alone.
#
#   benches/load.sh [RUNS] [BASELINE]   (default 5; alternating runs, medians)
#
# Runs on one thread (RAYON_NUM_THREADS=1) and on all cores. BASELINE is
# another mentorbook binary (say, main's, built and copied aside) run in
# the same alternation, so that a change is measured against the code
# before it on the same busy machine.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
base=${2:-}
big=target/bench/large
cargo build --release --quiet --bin mentorbook --example generate --example csv_floor
if [ ! -f "$big/data/meetings.csv" ]; then
  target/release/examples/generate --cohorts 1000 --pairs-per-cohort 100 --out "$big" >/dev/null
  printf 'title = "Large benchmark program"\n' > "$big/mentorbook.toml"
fi
bytes=$(cat "$big"/data/*.csv | wc -c)

now() { date +%s%N; }
time_ms() { local t0; t0=$(now); "$@" >/dev/null; echo $(( ($(now) - t0) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# The "load and validate data" phase of `build -v` (check and build also
# compute figures and render, which this benchmark leaves out).
load_ms() {
  "$@" build -v -o target/bench/load-out --force --root "$big" 2>&1 >/dev/null |
    awk '/load and validate data/ {printf "%.0f", $(NF-1)}'
}
floor=(); one=(); all=(); bone=(); ball=()
for _ in $(seq "$runs"); do
  floor+=("$(time_ms target/release/examples/csv_floor "$big/data")")
  one+=("$(RAYON_NUM_THREADS=1 load_ms target/release/mentorbook)")
  all+=("$(load_ms target/release/mentorbook)")
  if [ -n "$base" ]; then
    bone+=("$(RAYON_NUM_THREADS=1 load_ms "$base")")
    ball+=("$(load_ms "$base")")
  fi
done
f=$(printf '%s\n' "${floor[@]}" | median)
o=$(printf '%s\n' "${one[@]}" | median)
a=$(printf '%s\n' "${all[@]}" | median)
mbps() { awk -v b="$bytes" -v ms="$1" 'BEGIN {printf "%.0f", b / 1e6 / (ms / 1000)}'; }
ratio() { awk -v x="$1" -v y="$2" 'BEGIN {printf "%.2f", x / y}'; }
echo "input: $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b/1e6}') MB of CSV, $(nproc) cores, median of $runs"
echo "csv crate parse only (floor):       ${f} ms  $(mbps "$f") MB/s"
echo "mentorbook load + validate, 1 thread: ${o} ms  $(mbps "$o") MB/s  ratio to floor $(ratio "$o" "$f")"
echo "mentorbook load + validate, all cores: ${a} ms  $(mbps "$a") MB/s  ratio to floor $(ratio "$a" "$f")"
if [ -n "$base" ]; then
  bo=$(printf '%s\n' "${bone[@]}" | median)
  ba=$(printf '%s\n' "${ball[@]}" | median)
  echo "baseline $base, 1 thread: ${bo} ms  ratio to floor $(ratio "$bo" "$f"); this build / baseline $(ratio "$o" "$bo")"
  echo "baseline $base, all cores: ${ba} ms  ratio to floor $(ratio "$ba" "$f"); this build / baseline $(ratio "$a" "$ba")"
fi
