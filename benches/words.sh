#!/usr/bin/env bash
# What the built-in words and CLDR formats (issue 17, src/i18n/) cost,
# against a commit without them, measured in the same run (BENCHMARKS.md,
# "Languages: binary size and build time"):
#
#   1. a clean release build of each (its own empty target folder; crates
#      already downloaded): wall and CPU (user + sys) time;
#   2. the stripped release binary of each, in bytes;
#   3. `mentorbook build` of the large program (1,000 cohorts × 100 pairs,
#      in English, the one language both know), RUNS alternating runs of
#      each binary: medians of wall and CPU time.
#
#   benches/words.sh BASE [RUNS]   (BASE: a commit, e.g. 7f76fa9; RUNS default 3)
#   REUSE=1 benches/words.sh BASE RUNS   (3 alone, with the binaries of the last run)
#
# Everything it writes is under target/bench/words/; the two target
# folders (~1 GB each) are removed once their binaries are kept in bin/.
# Not part of `cargo test` or `.ci/run`.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: benches/words.sh BASE_COMMIT [RUNS]}
runs=${2:-3}
B=target/bench/words
if [ "${REUSE:-}" != 1 ]; then
rm -rf "$B/base-src" "$B/base-target" "$B/new-target" "$B/out" "$B/bin"
mkdir -p "$B/base-src" "$B/out" "$B/bin"
git archive "$base" | tar -x -C "$B/base-src"

# ------------------------------------------------------------ 1. clean builds
clean_build() { # side manifest
  /usr/bin/time -f "%e %U %S" -o "$B/$1.build" \
    cargo build --release --quiet --bin mentorbook --example generate \
    --manifest-path "$2" --target-dir "$PWD/$B/$1-target"
}
clean_build base "$B/base-src/Cargo.toml"
clean_build new Cargo.toml

# ------------------------------------------------------------ 2. binary size
for side in base new; do
  strip -o "$B/$side.stripped" "$B/$side-target/release/mentorbook"
  cp "$B/$side-target/release/mentorbook" "$B/bin/$side"
  cp "$B/$side-target/release/examples/generate" "$B/bin/$side-generate"
  rm -rf "$B/$side-target"
done
rm -rf "$B/base-src"
fi

# ------------------------------------------------------------ 3. large build
big=$B/large
if [ ! -f "$big/mentorbook.toml" ]; then
  rm -rf "$big"
  "$B/bin/base-generate" --cohorts 1000 --pairs-per-cohort 100 --out "$big" >/dev/null
  printf 'title = "Large benchmark program"\n' >"$big/mentorbook.toml"
fi
mkdir -p "$B/out"
: >"$B/runs"
for i in $(seq "$runs"); do
  for side in base new; do
    /usr/bin/time -f "$side %e %U %S" -a -o "$B/runs" \
      "$B/bin/$side" --root "$big" build -q -o "$PWD/$B/out/$side" >/dev/null
  done
done

# ------------------------------------------------------------ report
python3 - "$B" <<'EOF'
import os, statistics, sys
B = sys.argv[1]
def build(side):
    wall, user, sys_ = map(float, open(f"{B}/{side}.build").read().split())
    return wall, user + sys_
bw, bc = build("base"); nw, nc = build("new")
print(f"clean release build: base {bw:.0f} s wall, {bc:.0f} s CPU; new {nw:.0f} s wall, {nc:.0f} s CPU; "
      f"ratio {nw / bw:.2f}x wall, {nc / bc:.2f}x CPU")
bs = os.path.getsize(f"{B}/base.stripped"); ns = os.path.getsize(f"{B}/new.stripped")
print(f"stripped binary: base {bs / 1e6:.2f} MB, new {ns / 1e6:.2f} MB (+{(ns - bs) / 1e6:.2f} MB, {ns / bs:.2f}x)")
runs = {"base": [], "new": []}
for line in open(f"{B}/runs"):
    side, wall, user, sys_ = line.split()
    runs[side].append((float(wall), float(user) + float(sys_)))
med = lambda side, i: statistics.median(r[i] for r in runs[side])
print(f"large program, one language ({len(runs['new'])} alternating runs, medians): "
      f"base {med('base', 0):.2f} s wall, {med('base', 1):.2f} s CPU; "
      f"new {med('new', 0):.2f} s wall, {med('new', 1):.2f} s CPU; "
      f"ratio {med('new', 0) / med('base', 0):.2f}x wall, {med('new', 1) / med('base', 1):.2f}x CPU")
EOF
