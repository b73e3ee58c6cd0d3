#!/usr/bin/env bash
# fuzz.sh [SECONDS]: builds every libFuzzer target (the `fuzz` preset: clang, ASan, UBSan)
# and runs each from its corpus for an equal share of SECONDS (default 30, at least 1 s
# each). New inputs go to a scratch directory, so fuzz/corpus/ is left as it is; a crash,
# leak or time-out fails the run and its input is kept in build/fuzz/crashes/ to replay
# (NAME_replay DIR in the ci build, or build/fuzz/fuzz/NAME FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${1:-30}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target fuzzers
mapfile -t fuzzers < <(grep -v '^$' build/fuzz/fuzzers.txt)
each=$((budget / ${#fuzzers[@]}))
[ "$each" -ge 1 ] || each=1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT INT TERM
mkdir -p build/fuzz/crashes
for name in "${fuzzers[@]}"; do
  mkdir "$scratch/$name"
  log=$scratch/$name.log
  if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    timeout $((each + 60)) "build/fuzz/fuzz/$name" -max_total_time="$each" -timeout=10 \
      -rss_limit_mb=2048 -artifact_prefix="build/fuzz/crashes/$name-" \
      "$scratch/$name" "fuzz/corpus/$name" >"$log" 2>&1; then
    tail -40 "$log" >&2
    echo "fuzz.sh: $name failed; its input is in build/fuzz/crashes/" >&2
    exit 1
  fi
  runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)
  echo "fuzz.sh: $name: ${runs:-?} runs in ${each}s, no failure"
done
