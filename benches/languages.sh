#!/usr/bin/env bash
# A large program built in one language and in two (issue 17): what does
# the second language's tree cost? The target is two languages in at most
# 1.6× the time of one.
#
#   benches/languages.sh [RUNS] [COHORTS]    (default 5 runs, 300 cohorts)
#
# The data comes from the project's generator (100 pairs per cohort), the
# handbook and role cards from the example program: "one" has the English
# pages and `language = "en"`; "two" has the same plus their pt-BR
# translations and `languages = ["pt-BR"]`. Both live, with their sites,
# on tmpfs (/dev/shm, or $LANGUAGES_DIR) so the disk takes no part. Runs
# alternate one, two, one, two…, so a busy machine slows both alike; it
# prints the medians of wall time and of CPU time (user + system, from
# /usr/bin/time) and the ratio two ÷ one of each. Not part of `cargo test`;
# see BENCHMARKS.md ("Languages: two trees").
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cohorts=${2:-300}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 2; }
dir=${LANGUAGES_DIR:-/dev/shm/mentorbook-languages}
cargo build --release --quiet --bin mentorbook --example generate
bin=target/release/mentorbook
mkdir -p "$dir"
stamp="$cohorts $(sha256sum target/release/examples/generate | cut -c1-16) $(find content roles*.toml -type f -exec sha256sum {} + | sha256sum | cut -c1-16)"
if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$dir/one" "$dir/two"
  target/release/examples/generate --cohorts "$cohorts" --pairs-per-cohort 100 --out "$dir/one" >/dev/null
  cp -r content roles.toml "$dir/one/"
  find "$dir/one/content" -name '*.pt-br.md' -delete
  printf 'title = "Languages benchmark program"\nlanguage = "en"\n' > "$dir/one/mentorbook.toml"
  cp -r "$dir/one" "$dir/two"
  cp -r content roles.pt-br.toml "$dir/two/"
  printf 'title = "Languages benchmark program"\nlanguage = "en"\nlanguages = ["pt-BR"]\n' > "$dir/two/mentorbook.toml"
  echo "$stamp" > "$dir/.stamp"
fi

now() { date +%s%N; }
# One build: prints "WALL_MS CPU_MS".
one() {
  local name=$1 t0 t1 cpu
  t0=$(now)
  cpu=$(/usr/bin/time -f '%U %S' "$bin" build -q -o "$dir/out-$name" --force --no-ledger --root "$dir/$name" 2>&1 >/dev/null | tail -1)
  t1=$(now)
  echo "$(( (t1 - t0) / 1000000 )) $(awk -v u="${cpu% *}" -v s="${cpu#* }" 'BEGIN {printf "%d", (u + s) * 1000}')"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# A warm-up of each, not counted (the first build fills the page cache).
one one >/dev/null
one two >/dev/null
declare -A wall cpu
for _ in $(seq "$runs"); do
  for name in one two; do
    read -r w c < <(one "$name")
    wall[$name]+="$w "; cpu[$name]+="$c "
  done
done
med() { tr ' ' '\n' <<<"$1" | grep . | median; }
w1=$(med "${wall[one]}"); w2=$(med "${wall[two]}")
c1=$(med "${cpu[one]}"); c2=$(med "${cpu[two]}")
p1=$(find "$dir/out-one" -name '*.html' | wc -l); p2=$(find "$dir/out-two" -name '*.html' | wc -l)
echo "Languages: $cohorts cohorts × 100 pairs, $(nproc) cores, median of $runs alternating runs, output on $dir"
printf '%-14s %8s %9s %9s\n' build "HTML" "wall ms" "CPU ms"
printf '%-14s %8s %9s %9s\n' "one (en)" "$p1" "$w1" "$c1"
printf '%-14s %8s %9s %9s\n' "two (en+pt-BR)" "$p2" "$w2" "$c2"
awk -v w1="$w1" -v w2="$w2" -v c1="$c1" -v c2="$c2" \
  'BEGIN {printf "two ÷ one: wall %.2f×, CPU %.2f× (target ≤ 1.6×)\n", w2 / w1, c2 / c1}'
