#!/usr/bin/env bash
# What the ledger costs on a large program (issue 16): build time with and
# without it, on a first build (no ledger yet), a rebuild of the same data
# (the ledger unchanged) and a rebuild after new feedback rows (a new
# version), and the ledger's size per feedback row.
#
#   benches/ledger.sh [--cohorts N] [--runs N]
#
# The program comes from the project's generator (100 pairs per cohort,
# default 1,000 cohorts: the large benchmark program of BENCHMARKS.md) and
# lives, with the built sites, on tmpfs (/dev/shm, or $LEDGER_DIR). Runs
# alternate between `build --no-ledger` and `build`, so a busy machine slows
# both alike; the medians are printed with their ratio. Not part of
# `cargo test`; see docs/privacy.md ("What the ledger costs").
set -euo pipefail
cd "$(dirname "$0")/.."
cohorts=1000
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --cohorts) cohorts=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
dir=${LEDGER_DIR:-/dev/shm/mentorbook-ledger}
cargo build --release --quiet --bin mentorbook --example generate
bin=$PWD/target/release/mentorbook
rm -rf "$dir"
mkdir -p "$dir"
p=$dir/program
target/release/examples/generate --cohorts "$cohorts" --pairs-per-cohort 100 --out "$p" >/dev/null
printf 'title = "Ledger benchmark program"\n' > "$p/mentorbook.toml"
rows=$(($(wc -l < "$p/data/feedback.csv") - 1))
cp "$p/data/feedback.csv" "$dir/feedback.csv"

# Seconds of one build.
run() { local s e; s=$(date +%s.%N); "$bin" --root "$p" build -q "$@" -o "$dir/site"; e=$(date +%s.%N); echo "$e - $s" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Appends copies of the last `n` feedback rows, one day later, new ids.
more_rows() {
  tail -n "$1" "$dir/feedback.csv" | awk -F, -v OFS=, -v k="$2" '{ $1 = $1 "-more" k; print }' >> "$p/data/feedback.csv"
}

declare -a off first same changed
for i in $(seq "$runs"); do
  cp "$dir/feedback.csv" "$p/data/feedback.csv"
  off+=("$(run --no-ledger)")
  rm -f "$p/mentorbook.lock"
  first+=("$(run)")
  size=$(stat -c %s "$p/mentorbook.lock")
  same+=("$(run)")
  more_rows 40 "$i"
  changed+=("$(run)")
done
m_off=$(printf '%s\n' "${off[@]}" | median)
m_first=$(printf '%s\n' "${first[@]}" | median)
m_same=$(printf '%s\n' "${same[@]}" | median)
m_changed=$(printf '%s\n' "${changed[@]}" | median)
ratio() { echo "scale=3; $1 / $2" | bc; }
echo "program: $cohorts cohorts, $rows feedback rows; $runs runs each, medians"
echo "build --no-ledger:               ${m_off} s"
echo "first build (writes the ledger): ${m_first} s  ($(ratio "$m_first" "$m_off")x)"
echo "rebuild, same data:              ${m_same} s  ($(ratio "$m_same" "$m_off")x)"
echo "rebuild, 40 new rows:            ${m_changed} s  ($(ratio "$m_changed" "$m_off")x)"
echo "ledger after the first build: $size bytes, $(echo "scale=2; $size / $rows" | bc) bytes per feedback row"
echo "ledger after the new rows: $(stat -c %s "$p/mentorbook.lock") bytes"
