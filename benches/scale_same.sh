#!/usr/bin/env bash
# "No figure changes" at scale (issue 18): every metrics.json of a large
# generated program built by this tree equals the one built by BASELINE, a
# mentorbook binary from before the change (say, main's, copied aside).
#
#   benches/scale_same.sh BASELINE [COHORTS]   (default 1000 cohorts)
#
# Exits 1 if a metrics.json differs or exists on one side only. Also counts
# the other files that differ, for information: report pages change past 30
# cohorts a quarter (docs/site.md), nothing else should. Not part of
# `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: benches/scale_same.sh BASELINE [COHORTS]}
n=${2:-1000}
dir=${SCALE_DIR:-/dev/shm/mentorbook-scale}
cargo build --release --quiet --bin mentorbook --example generate
p=$dir/c$n
if [ ! -f "$p/data/meetings.csv" ] || [ "$p/.stamp" -ot target/release/examples/generate ]; then
  rm -rf "$p"
  target/release/examples/generate --cohorts "$n" --pairs-per-cohort 100 --out "$p" >/dev/null 2>&1
  printf 'title = "Scale benchmark program"\n' > "$p/mentorbook.toml"
  touch "$p/.stamp"
fi
target/release/mentorbook build -q -o "$dir/same-new" --force --root "$p"
"$base" build -q -o "$dir/same-old" --force --root "$p"
list() { (cd "$1" && find . -type f ! -name .mentorbook-output | sort); }
metrics() { list "$1" | grep '/metrics\.json$' || true; }
if ! diff <(metrics "$dir/same-old") <(metrics "$dir/same-new") >/dev/null; then
  echo "the metrics.json files are not the same set:"
  diff <(metrics "$dir/same-old") <(metrics "$dir/same-new") | head
  exit 1
fi
count=0; differ=0
while read -r f; do
  count=$((count + 1))
  cmp -s "$dir/same-old/$f" "$dir/same-new/$f" || { differ=$((differ + 1)); echo "differs: $f"; }
done < <(metrics "$dir/same-new")
others=0
while read -r f; do
  case "$f" in */metrics.json) continue ;; esac
  cmp -s "$dir/same-old/$f" "$dir/same-new/$f" 2>/dev/null || others=$((others + 1))
done < <(list "$dir/same-new")
echo "$n cohorts: $count metrics.json files, $differ differ; $others other files differ or are new"
[ "$differ" -eq 0 ]
