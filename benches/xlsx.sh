#!/usr/bin/env bash
# Loading a ~56 MB .xlsx export against the same rows as CSV (issue 14).
#
#   benches/xlsx.sh [RUNS]        (default 5; alternating runs, medians)
#
# The input is the large benchmark program's 780,402 meetings (see
# benches/load.sh) with seven more columns mentorbook does not read, written
# once by examples/xlsx_bench.rs into target/bench/xlsx/: as one worksheet
# (date cells, number cells, shared strings) and as CSV. Both programs
# share the large program's cohorts and pairs; only the meetings' file
# differs. Each run is examples/load_only.rs: data::open, nothing else, on
# one thread and on all cores, with its peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
big=target/bench/large
dir=target/bench/xlsx
cargo build --release --quiet --example generate --example xlsx_bench --example load_only
if [ ! -f "$big/data/meetings.csv" ]; then
  target/release/examples/generate --cohorts 1000 --pairs-per-cohort 100 --out "$big" >/dev/null
  printf 'title = "Large benchmark program"\n' > "$big/mentorbook.toml"
fi
if [ ! -f "$dir/exports/meetings.xlsx" ]; then
  target/release/examples/xlsx_bench "$big" "$dir" >/dev/null
fi
mkdir -p "$dir/data"
cp "$big/data/cohorts.csv" "$big/data/pairs.csv" "$dir/data/"
for f in xlsx csv; do
  printf '[data.meetings]\npath = "exports/meetings.%s"\n' "$f" > "$dir/$f.toml"
done
printf '[data.meetings]\npath = "exports/none.csv"\n' > "$dir/none.toml"
touch "$dir/exports/none.csv"
printf 'pair_id,date\n' > "$dir/exports/none.csv"

# Milliseconds of one load and its peak resident memory in MB.
probe() { # THREADS CONFIG
  local out
  out=$(RAYON_NUM_THREADS=$1 /usr/bin/time -f '%M' target/release/examples/load_only "$dir" "$dir/$2.toml" 2>&1)
  printf '%s %s\n' "$(echo "$out" | awk '/ ms:/ {print $1}')" "$(echo "$out" | tail -1 | awk '{printf "%.0f", $1/1024}')"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A ms mem
for _ in $(seq "$runs"); do
  for t in 1 0; do
    for f in none csv xlsx; do
      read -r m r < <(probe "$t" "$f")
      ms[$t$f]+="$m "; mem[$t$f]+="$r "
    done
  done
done
med() { tr ' ' '\n' | grep . | median; }
xbytes=$(stat -c %s "$dir/exports/meetings.xlsx")
cbytes=$(stat -c %s "$dir/exports/meetings.csv")
echo "input: 780402 meetings; xlsx $(awk -v b="$xbytes" 'BEGIN {printf "%.1f", b/1e6}') MB, the same rows as CSV $(awk -v b="$cbytes" 'BEGIN {printf "%.1f", b/1e6}') MB; $(nproc) cores, median of $runs"
for t in 1 0; do
  label=$([ "$t" = 1 ] && echo "1 thread " || echo "all cores")
  n=$(echo "${ms[${t}none]}" | med); c=$(echo "${ms[${t}csv]}" | med); x=$(echo "${ms[${t}xlsx]}" | med)
  cm=$(echo "${mem[${t}csv]}" | med); xm=$(echo "${mem[${t}xlsx]}" | med)
  echo "$label: cohorts + pairs alone ${n} ms; with meetings.csv ${c} ms (${cm} MB peak); with meetings.xlsx ${x} ms (${xm} MB peak)"
  awk -v n="$n" -v c="$c" -v x="$x" -v l="$label" 'BEGIN {printf "%s: the meetings alone: CSV %d ms, xlsx %d ms, ratio xlsx/CSV %.1f\n", l, c-n, x-n, (x-n)/(c-n)}'
done
