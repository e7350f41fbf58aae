#!/usr/bin/env bash
# The performance figures of issue 7 (BENCHMARKS.md), each as a ratio to a
# baseline measured in the same run, alternating runs, medians:
#
#   1. figures: `mentorbook build` of a large program (1,000 cohorts × 100
#      pairs, ~83 MB of CSV) vs DuckDB computing the same per-cohort,
#      per-quarter figures from the same CSV files (benches/figures.sql),
#      with a sanity check that both agree; plus mentorbook's `-v` phases.
#   2. pages: `mentorbook build` of 1,000 handbook pages vs `mdbook build`
#      of the same text (benches/gen_pages.py).
#   3. peak memory (max RSS) of the large build vs its input CSV bytes.
#   4. the example program (the repo root) vs copying its output (`cp -r`)
#      and vs the csv floor of its data (examples/csv_floor.rs).
#
#   benches/compare.sh [RUNS]        (default 5; the example program: 4×RUNS)
#
# Needs the Rust toolchain, python3 with venv, and access to crates.io and
# PyPI: it installs DuckDB into target/bench/venv and mdBook into
# target/bench/mdbook on first use (mdBook takes a few minutes to compile).
# Everything it writes is under target/bench/. Not part of `cargo test` or
# `.ci/run`. Both tools use all cores.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
B=target/bench
mkdir -p "$B/out"
log=$B/compare.log
: >"$log"

# ------------------------------------------------------------------ tools
cargo build --release --quiet --bin mentorbook --example generate --example csv_floor
MB=target/release/mentorbook
PY=$B/venv/bin/python
if ! "$PY" -c 'import duckdb' 2>/dev/null; then
  python3 -m venv "$B/venv"
  "$B/venv/bin/pip" install --quiet duckdb
fi
MDBOOK=$B/mdbook/bin/mdbook
if [ ! -x "$MDBOOK" ]; then
  echo "installing mdBook into $B/mdbook (a few minutes, once)..." >&2
  cargo install mdbook --locked --quiet --root "$B/mdbook"
fi

# ------------------------------------------------------------------ inputs
# Regenerated when the generator or its arguments change.
stamp() { { sha256sum "$1"; echo "${@:2}"; } | sha256sum | cut -c1-16; }
big=$B/large
args=(--cohorts 1000 --pairs-per-cohort 100)
s=$(stamp examples/generate.rs "${args[@]}")
if [ "$(cat "$big/.stamp" 2>/dev/null)" != "$s" ]; then
  rm -rf "$big"
  target/release/examples/generate "${args[@]}" --out "$big" >/dev/null
  printf 'title = "Large benchmark program"\n' >"$big/mentorbook.toml"
  echo "$s" >"$big/.stamp"
fi
pages=$B/pages
s=$(stamp benches/gen_pages.py --pages 1000)
if [ "$(cat "$pages/.stamp" 2>/dev/null)" != "$s" ]; then
  rm -rf "$pages"
  "$PY" benches/gen_pages.py --pages 1000 --out "$pages"
  echo "$s" >"$pages/.stamp"
fi
big_bytes=$(cat "$big"/data/*.csv | wc -c)
ex_bytes=$(cat data/*.csv | wc -c)

# ------------------------------------------------------------------ helpers
# ms NAME CMD...: runs CMD (output to the log) and appends its wall time in
# ms to the array NAME. EPOCHREALTIME: no process is started to read the clock.
ms() {
  local -n acc=$1
  shift
  local t0=$EPOCHREALTIME
  "$@" >>"$log" 2>&1
  local t1=$EPOCHREALTIME
  acc+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", (b - a) * 1000}')")
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
spread() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {printf "%s–%s", a[1], a[NR]}'; }
ratio() { awk -v x="$1" -v y="$2" 'BEGIN {printf "%.3f", x / y}'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN {print (r <= t ? "target <= " t ": MET" : "target <= " t ": MISSED")}'; }
mbytes() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b / 1e6}'; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "versions: $($MB --version 2>/dev/null | head -1), duckdb $("$PY" -c 'import duckdb; print(duckdb.__version__)'), $("$MDBOOK" --version)"
echo "runs: $runs alternating runs per figure (after one warm-up run each), medians (min–max)"

# ------------------------------------------------------------------ 1 + 3: figures, memory
mb_large() {
  /usr/bin/time -f '%M' -o "$B/rss.txt" \
    "$MB" -v build --root "$big" -o "$B/out/large" --force 2>"$B/phases.txt"
}
duck() {
  /usr/bin/time -f '%M' -o "$B/rss-duck.txt" \
    "$PY" benches/duckdb_figures.py "$big/data" "$B/figures.csv" 2>"$B/duck.txt"
}
mb_large >>"$log" 2>&1
duck >>"$log" 2>&1
echo
echo "== 1. figures: large program, $(mbytes "$big_bytes") of CSV ($(wc -l <"$big/data/meetings.csv") meeting rows)"
"$PY" benches/check_figures.py "$B/figures.csv" "$B/out/large" || true
build=() duckp=() rss=() rss_duck=() sql=() phase_log=()
: >"$B/phases.tsv"
for i in $(seq "$runs"); do
  ms build mb_large
  rss+=("$(tail -1 "$B/rss.txt")")
  sed -n 's/^  \(.*[^ ]\)  *\([0-9.]*\) ms$/\1\t\2/p' "$B/phases.txt" >>"$B/phases.tsv"
  ms duckp duck
  rss_duck+=("$(tail -1 "$B/rss-duck.txt")")
  sql+=("$(sed -n 's/^duckdb sql: \([0-9]*\) ms$/\1/p' "$B/duck.txt")")
done
phase() { mapfile -t v < <(awk -F'\t' -v p="$1" '$1 == p {print $2}' "$B/phases.tsv"); median "${v[@]}"; }
b=$(median "${build[@]}")
d=$(median "${duckp[@]}")
q=$(median "${sql[@]}")
load=$(phase "load and validate data")
fig=$(phase "compute figures")
echo "mentorbook build (whole site), process:  $b ms  ($(spread "${build[@]}"))"
echo "duckdb figures.sql, process (python):     $d ms  ($(spread "${duckp[@]}"))"
echo "duckdb figures.sql, in-process SQL only:  $q ms  ($(spread "${sql[@]}"))"
echo "mentorbook -v phases (medians):"
cut -f1 "$B/phases.tsv" | awk '!seen[$0]++' | while IFS= read -r p; do
  printf '  %-30s %8s ms\n' "$p" "$(phase "$p")"
done
lf=$(awk -v a="$load" -v b="$fig" 'BEGIN {printf "%.1f", a + b}')
echo "ratio whole build / duckdb process:                 $(ratio "$b" "$d")"
echo "ratio (load and validate + figures) / duckdb SQL:   $(ratio "$lf" "$q")  $(verdict "$(ratio "$lf" "$q")" 0.5)"
echo "ratio figures phase alone / duckdb SQL:             $(ratio "$fig" "$q")"

echo
echo "== 3. peak memory of the large build"
r=$(median "${rss[@]}")
rd=$(median "${rss_duck[@]}")
echo "mentorbook max RSS: $(mbytes $((r * 1024))) (input CSV $(mbytes "$big_bytes")); duckdb max RSS: $(mbytes $((rd * 1024)))"
echo "ratio max RSS / input bytes: $(ratio $((r * 1024)) "$big_bytes")  $(verdict "$(ratio $((r * 1024)) "$big_bytes")" 0.5)"

# ------------------------------------------------------------------ 2: pages
mb_pages() { "$MB" build --root "$pages/mentorbook" -o "$B/out/pages-mentorbook" --force; }
md_pages() { "$MDBOOK" build "$pages/mdbook" -d "$(pwd)/$B/out/pages-mdbook"; }
mb_pages >>"$log" 2>&1
md_pages >>"$log" 2>&1
echo
echo "== 2. pages: 1,000 handbook pages ($(cat "$pages"/mentorbook/content/handbook/*.md | wc -c | xargs -I{} awk -v b={} 'BEGIN {printf "%.1f MB", b/1e6}') of Markdown)"
mbp=() mdp=()
for i in $(seq "$runs"); do
  ms mbp mb_pages
  ms mdp md_pages
done
a=$(median "${mbp[@]}")
m=$(median "${mdp[@]}")
echo "mentorbook build: $a ms  ($(spread "${mbp[@]}")), $(find "$B/out/pages-mentorbook" -name '*.html' | wc -l) html files"
echo "mdbook build:     $m ms  ($(spread "${mdp[@]}")), $(find "$B/out/pages-mdbook" -name '*.html' | wc -l) html files"
echo "ratio mentorbook / mdbook: $(ratio "$a" "$m")  $(verdict "$(ratio "$a" "$m")" 0.1)"

# ------------------------------------------------------------------ 4: example program
mb_example() { "$MB" build --root . -o "$B/out/example" --force; }
floor_example() { target/release/examples/csv_floor data; }
mb_example >>"$log" 2>&1
n=$((runs * 4))
mbe=() cpe=() fle=()
for i in $(seq "$n"); do
  ms mbe mb_example
  rm -rf "$B/out/example-copy"
  ms cpe cp -r "$B/out/example" "$B/out/example-copy"
  ms fle floor_example
done
e=$(median "${mbe[@]}")
c=$(median "${cpe[@]}")
f=$(median "${fle[@]}")
echo
echo "== 4. the example program ($(mbytes "$ex_bytes") of CSV, $(find "$B/out/example" -type f | wc -l) output files, $n runs)"
echo "mentorbook build:          $e ms  ($(spread "${mbe[@]}"))  $(awk -v e="$e" 'BEGIN {print (e <= 50 ? "target <= 50 ms: MET" : "target <= 50 ms: MISSED")}')"
echo "cp -r of its output:       $c ms  ($(spread "${cpe[@]}"))  ratio $(ratio "$e" "$c")"
echo "csv floor of its data/:    $f ms  ($(spread "${fle[@]}"))  ratio $(ratio "$e" "$f")"
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
