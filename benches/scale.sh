#!/usr/bin/env bash
# Whole builds at 300, 1,000 and 3,000 cohorts (issue 18): does the cost grow
# in a straight line with the input, and does memory stay below it?
#
#   benches/scale.sh [--runs N] [--with-10000] [--baseline BIN]
#
# Inputs come from the project's generator (100 pairs per cohort) and live,
# with the built sites, on tmpfs (/dev/shm, or $SCALE_DIR) so that the disk
# does not take part. Runs alternate between the sizes (and, with
# --baseline, between this build and another mentorbook binary, say main's
# copied aside), so a busy machine slows every size alike. For each size it
# prints the medians of wall time and peak RSS (/usr/bin/time's %M), per MB
# of CSV input, and the ratio of each per-MB figure to the 300-cohort one.
# Not part of `cargo test`; see BENCHMARKS.md ("Scale").
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
sizes=(300 1000 3000)
base=
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --with-10000) sizes+=(10000); shift ;;
    --baseline) base=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 2; }
dir=${SCALE_DIR:-/dev/shm/mentorbook-scale}
cargo build --release --quiet --bin mentorbook --example generate
bin=target/release/mentorbook
mkdir -p "$dir"
bytes=()
for n in "${sizes[@]}"; do
  p=$dir/c$n
  if [ ! -f "$p/data/meetings.csv" ] || [ "$p/.stamp" -ot target/release/examples/generate ]; then
    rm -rf "$p"
    target/release/examples/generate --cohorts "$n" --pairs-per-cohort 100 --out "$p" >/dev/null
    printf 'title = "Scale benchmark program"\n' > "$p/mentorbook.toml"
    touch "$p/.stamp"
  fi
  bytes+=("$(cat "$p"/data/*.csv | wc -c)")
done

now() { date +%s%N; }
# One build: prints "MS KB" (wall milliseconds, peak RSS in kilobytes).
one() {
  local b=$1 n=$2 t0 t1 kb
  t0=$(now)
  kb=$(/usr/bin/time -f '%M' "$b" build -q -o "$dir/out$n" --force --root "$dir/c$n" 2>&1 >/dev/null | tail -1)
  t1=$(now)
  echo "$(( (t1 - t0) / 1000000 )) $kb"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A ms rss bms brss
for _ in $(seq "$runs"); do
  for n in "${sizes[@]}"; do
    read -r t k < <(one "$bin" "$n")
    ms[$n]+="$t "; rss[$n]+="$k "
    if [ -n "$base" ]; then
      read -r t k < <(one "$base" "$n")
      bms[$n]+="$t "; brss[$n]+="$k "
    fi
  done
done
med() { tr ' ' '\n' <<<"$1" | grep . | median; }
table() {
  local label=$1; local -n m=$2 r=$3
  local i=0 ms0= rss0=
  echo "$label ($(nproc) cores, median of $runs runs, output on $dir)"
  printf '%8s %9s %9s %8s %9s %8s %8s %8s\n' cohorts "CSV MB" "wall ms" ms/MB "RSS MB" RSS/MB "ms/MB÷" "RSS/MB÷"
  for n in "${sizes[@]}"; do
    local t k mb
    t=$(med "${m[$n]}"); k=$(med "${r[$n]}"); mb=$(awk -v b="${bytes[$i]}" 'BEGIN {print b/1e6}')
    local mpm rpm
    mpm=$(awk -v t="$t" -v mb="$mb" 'BEGIN {printf "%.2f", t/mb}')
    rpm=$(awk -v k="$k" -v mb="$mb" 'BEGIN {printf "%.3f", k*1024/1e6/mb}')
    [ -z "$ms0" ] && { ms0=$mpm; rss0=$rpm; }
    printf '%8s %9.1f %9s %8s %9.1f %8s %8.2f %8.2f\n' "$n" "$mb" "$t" "$mpm" \
      "$(awk -v k="$k" 'BEGIN {print k*1024/1e6}')" "$rpm" \
      "$(awk -v a="$mpm" -v b="$ms0" 'BEGIN {print a/b}')" "$(awk -v a="$rpm" -v b="$rss0" 'BEGIN {print a/b}')"
    i=$((i + 1))
  done
}
table "this build: $bin" ms rss
if [ -n "$base" ]; then
  echo
  table "baseline: $base" bms brss
  echo
  echo "this build / baseline, wall:"
  for n in "${sizes[@]}"; do
    awk -v n="$n" -v a="$(med "${ms[$n]}")" -v b="$(med "${bms[$n]}")" 'BEGIN {printf "  %s cohorts: %.2f\n", n, a/b}'
  done
fi
printf "(RSS/MB: peak RSS over CSV input, the issue's target is <= 1; ms/MB÷ and RSS/MB÷: each\n size's per-MB figure over the 300-cohort one, the target is <= 1.3)\n"
