#!/usr/bin/env bash
# The performance figures of issue 7 (BENCHMARKS.md), each as a ratio to a
# baseline measured in the same run, alternating runs, medians:
#
#   1. figures: `mentorbook build` of a large program (1,000 cohorts × 100
#      pairs, ~83 MB of CSV) vs DuckDB computing the same per-cohort,
#      per-quarter figures from the same CSV files (benches/figures.sql),
#      with a sanity check that both agree; plus mentorbook's `-v` phases.
#   2. pages: `mentorbook build` of 1,000 handbook pages in 20 sections vs
#      `mdbook build` of the same text and chapters (benches/gen_pages.py),
#      and the bytes of a page; with MB_BEFORE=path/to/an/older/mentorbook,
#      that binary's pages too (bytes only).
#   3. peak memory (max RSS) of the large build vs its input CSV bytes.
#   4. the example program (the repo root) vs copying its output (`cp -r`)
#      and vs the csv floor of its data (examples/csv_floor.rs).
#
#   benches/compare.sh [RUNS] [pages]   (default 5; the example program: 4×RUNS;
#                                        "pages": figure 2 alone, no DuckDB needed)
#
# Needs the Rust toolchain, python3 with venv, and access to crates.io and
# PyPI: it installs DuckDB into target/bench/venv and mdBook into
# target/bench/mdbook on first use (mdBook takes a few minutes to compile).
# The builds replace their previous output (as a rebuild does), so the
# "write output" phase includes removing the old files; the example program
# is also built into a new folder. Everything it writes is under target/bench/. Not part of `cargo test` or
# `.ci/run`. Both tools use all cores.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
only=${2:-all}
B=target/bench
mkdir -p "$B/out"
log=$B/compare.log
: >"$log"

# ------------------------------------------------------------------ tools
cargo build --release --quiet --bin mentorbook --example generate --example csv_floor
MB=target/release/mentorbook
PY=$B/venv/bin/python
if [ "$only" = pages ]; then
  PY=python3
elif ! "$PY" -c 'import duckdb' 2>/dev/null; then
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
# The generator and the schema it writes the columns of.
s=$(stamp <(cat examples/generate/*.rs src/config/schema.rs) "${args[@]}")
if [ "$only" != pages ] && [ "$(cat "$big/.stamp" 2>/dev/null)" != "$s" ]; then
  rm -rf "$big"
  target/release/examples/generate "${args[@]}" --out "$big" >/dev/null
  printf 'title = "Large benchmark program"\n' >"$big/mentorbook.toml"
  echo "$s" >"$big/.stamp"
fi
pages=$B/pages
s=$(stamp benches/gen_pages.py --pages 1000 --sections 20)
if [ "$(cat "$pages/.stamp" 2>/dev/null)" != "$s" ]; then
  rm -rf "$pages"
  "$PY" benches/gen_pages.py --pages 1000 --sections 20 --out "$pages"
  echo "$s" >"$pages/.stamp"
fi
big_bytes=$( (cat "$big"/data/*.csv 2>/dev/null || true) | wc -c)
ex_bytes=$(cat data/*.csv | wc -c)

# ------------------------------------------------------------------ helpers
# run NAME CMD...: runs CMD (its output to $B/last.txt and the log) and
# appends to the arrays NAME_wall, NAME_cpu (user + sys, ms) and NAME_rss
# (max RSS, KB). Wall time from EPOCHREALTIME (no process started to read
# the clock); CPU time and RSS from /usr/bin/time (10 ms resolution).
run() {
  local name=$1
  shift
  local -n w=${name}_wall c=${name}_cpu r=${name}_rss
  local t0=$EPOCHREALTIME
  /usr/bin/time -f '%U %S %M' -o "$B/time.txt" "$@" >"$B/last.txt" 2>&1
  local t1=$EPOCHREALTIME
  cat "$B/last.txt" >>"$log"
  local u s m
  read -r u s m < <(tail -1 "$B/time.txt")
  w+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", (b - a) * 1000}')")
  c+=("$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.0f", (u + s) * 1000}')")
  r+=("$m")
}
declare -a mbl_wall=() mbl_cpu=() mbl_rss=() duck_wall=() duck_cpu=() duck_rss=()
declare -a mbp_wall=() mbp_cpu=() mbp_rss=() mdp_wall=() mdp_cpu=() mdp_rss=()
declare -a mbe_wall=() mbe_cpu=() mbe_rss=() cpe_wall=() cpe_cpu=() cpe_rss=()
declare -a fle_wall=() fle_cpu=() fle_rss=() warm_wall=() warm_cpu=() warm_rss=()
declare -a mbf_wall=() mbf_cpu=() mbf_rss=()
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
spread() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {printf "%s-%s", a[1], a[NR]}'; }
ratio() { awk -v x="$1" -v y="$2" 'BEGIN {if (y > 0) printf "%.3f", x / y; else printf "n/a"}'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN {if (r == "n/a") print "n/a"; else print (r <= t ? "target <= " t ": MET" : "target <= " t ": MISSED")}'; }
mbytes() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b / 1e6}'; }
# line LABEL NAME: "LABEL  wall W ms (min-max)  cpu C ms (min-max)"
line() {
  local -n w=${2}_wall c=${2}_cpu
  printf '%-34s wall %8s ms (%s)   cpu %8s ms (%s)\n' "$1" "$(median "${w[@]}")" "$(spread "${w[@]}")" "$(median "${c[@]}")" "$(spread "${c[@]}")"
}
# ratios LABEL A B TARGET: wall and cpu ratios of the medians of A and B.
ratios() {
  local -n aw=${2}_wall ac=${2}_cpu bw=${3}_wall bc=${3}_cpu
  local rw rc
  rw=$(ratio "$(median "${aw[@]}")" "$(median "${bw[@]}")")
  rc=$(ratio "$(median "${ac[@]}")" "$(median "${bc[@]}")")
  printf '%-52s wall %s   cpu %s' "$1" "$rw" "$rc"
  if [ -n "${4:-}" ]; then printf '   %s (wall)' "$(verdict "$rw" "$4")"; fi
  echo
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "versions: $($MB --version 2>/dev/null | head -1), duckdb $("$PY" -c 'import duckdb; print(duckdb.__version__)' 2>/dev/null || echo -), $("$MDBOOK" --version)"
echo "runs: $runs alternating runs per figure (after one warm-up run each), medians (min–max)"

# ------------------------------------------------------------------ 1 + 3: figures, memory
if [ "$only" != pages ]; then
mb_large=("$MB" -v build --root "$big" -o "$B/out/large" --force)
duck=("$PY" benches/duckdb_figures.py "$big/data" "$B/figures.csv")
run warm "${mb_large[@]}"
run warm "${duck[@]}"
echo
echo "== 1. figures: large program, $(mbytes "$big_bytes") of CSV ($(($(wc -l <"$big/data/meetings.csv") - 1)) meeting rows)"
"$PY" benches/check_figures.py "$B/figures.csv" "$B/out/large" || true
: >"$B/phases.tsv"
declare -a sql=()
for i in $(seq "$runs"); do
  run mbl "${mb_large[@]}"
  sed -n 's/^  \(.*[^ ]\)  *\([0-9.]*\) ms$/\1\t\2/p' "$B/last.txt" >>"$B/phases.tsv"
  run duck "${duck[@]}"
  sql+=("$(sed -n 's/^duckdb sql: \([0-9]*\) ms$/\1/p' "$B/last.txt")")
done
phase() { mapfile -t v < <(awk -F'\t' -v p="$1" '$1 == p {print $2}' "$B/phases.tsv"); median "${v[@]}"; }
line "mentorbook build (whole site)" mbl
line "duckdb figures.sql (python process)" duck
q=$(median "${sql[@]}")
echo "duckdb figures.sql, SQL only (in-process): wall $q ms ($(spread "${sql[@]}"))"
echo "mentorbook -v phases, wall (medians):"
cut -f1 "$B/phases.tsv" | awk '!seen[$0]++' | while IFS= read -r p; do
  printf '  %-30s %8s ms\n' "$p" "$(phase "$p")"
done
load=$(phase "load and validate data")
fig=$(phase "compute figures")
lf=$(awk -v a="$load" -v b="$fig" 'BEGIN {printf "%.1f", a + b}')
ratios "ratio whole build / duckdb process:" mbl duck
echo "ratio (load and validate + figures) / duckdb SQL:    wall $(ratio "$lf" "$q")   $(verdict "$(ratio "$lf" "$q")" 0.5) (wall)"
echo "ratio figures phase alone / duckdb SQL:              wall $(ratio "$fig" "$q")"

echo
echo "== 3. peak memory of the large build"
r=$(median "${mbl_rss[@]}")
rd=$(median "${duck_rss[@]}")
echo "mentorbook max RSS: $(mbytes $((r * 1024))) (input CSV $(mbytes "$big_bytes")); duckdb (python process) max RSS: $(mbytes $((rd * 1024)))"
echo "ratio max RSS / input bytes: $(ratio $((r * 1024)) "$big_bytes")  $(verdict "$(ratio $((r * 1024)) "$big_bytes")" 0.5)"
fi

# ------------------------------------------------------------------ 2: pages
mb_pages=("$MB" build --root "$pages/mentorbook" -o "$B/out/pages-mentorbook" --force)
md_pages=("$MDBOOK" build "$pages/mdbook" -d "$(pwd)/$B/out/pages-mdbook")
run warm "${mb_pages[@]}"
run warm "${md_pages[@]}"
echo
echo "== 2. pages: 1,000 handbook pages in 20 sections ($(mbytes "$(find "$pages"/mentorbook/content/handbook -name 'page-*.md' -exec cat {} + | wc -c)") of Markdown)"
for i in $(seq "$runs"); do
  run mbp "${mb_pages[@]}"
  run mdp "${md_pages[@]}"
done
line "mentorbook build ($(find "$B/out/pages-mentorbook" -name '*.html' | wc -l) html files)" mbp
line "mdbook build ($(find "$B/out/pages-mdbook" -name '*.html' | wc -l) html files)" mdp
ratios "ratio mentorbook / mdbook:" mbp mdp 0.05
# per_page DIR PATTERN: the mean size of the handbook's pages (the sections' own pages apart).
per_page() { find "$1" -path "$2" -print0 | xargs -0 cat | wc -c | awk -v n="$(find "$1" -path "$2" | wc -l)" '{printf "%.1f KB (%d pages)", $1 / n / 1000, n}'; }
echo "bytes per page: mentorbook $(per_page "$B/out/pages-mentorbook" '*/page-*/index.html'), mdbook $(per_page "$B/out/pages-mdbook" '*/page-*.html')"
if [ -n "${MB_BEFORE:-}" ]; then
  "$MB_BEFORE" build --root "$pages/mentorbook" -o "$B/out/pages-before" --force -q
  echo "bytes per page with $MB_BEFORE: $(per_page "$B/out/pages-before" '*/page-*/index.html')"
fi

# ------------------------------------------------------------------ 4: example program
if [ "$only" != pages ]; then
mb_example=("$MB" build --root . -o "$B/out/example" --force)
run warm "${mb_example[@]}"
n=$((runs * 4))
for i in $(seq "$n"); do
  run mbe "${mb_example[@]}"
  rm -rf "$B/out/example-fresh"
  run mbf "$MB" build --root . -o "$B/out/example-fresh"
  rm -rf "$B/out/example-copy"
  run cpe cp -r "$B/out/example" "$B/out/example-copy"
  run fle target/release/examples/csv_floor data
done
e=$(median "${mbe_wall[@]}")
echo
echo "== 4. the example program ($(mbytes "$ex_bytes") of CSV, $(find "$B/out/example" -type f | wc -l) output files, $n runs)"
line "mentorbook build (replacing)" mbe
line "mentorbook build (into a new folder)" mbf
line "cp -r of its output" cpe
line "csv floor of its data/" fle
f=$(median "${mbf_wall[@]}")
echo "mentorbook build, replacing its output: $(awk -v e="$e" 'BEGIN {print (e <= 50 ? "target <= 50 ms: MET" : "target <= 50 ms: MISSED")}') (wall median $e ms)"
echo "mentorbook build, into a new folder:    $(awk -v e="$f" 'BEGIN {print (e <= 50 ? "target <= 50 ms: MET" : "target <= 50 ms: MISSED")}') (wall median $f ms)"
ratios "ratio mentorbook / cp -r:" mbe cpe
ratios "ratio mentorbook / csv floor:" mbe fle
fi
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
