#!/usr/bin/env bash
# before_after.sh: the same benchmarks of two builds, interleaved in one run, so a change is
# judged on the same machine under the same load.
#
#   bash bench/before_after.sh OLD_BUILD NEW_BUILD [ROUNDS] [FILTER]
#
# OLD_BUILD and NEW_BUILD are release build directories holding bench/registry_bench and
# bench/phonebook_bench (for an older commit: `git worktree add ../old COMMIT`, copy
# bench/*.{cpp,h} of this tree into it, `cmake --preset release`, build those two targets).
# Each round runs old then new; every line shows the median time per call and its ratio to
# the reference measured beside it in the same process (bench/ratio.h).
set -euo pipefail
old=${1:?usage: before_after.sh OLD_BUILD NEW_BUILD [ROUNDS] [FILTER]}
new=${2:?usage: before_after.sh OLD_BUILD NEW_BUILD [ROUNDS] [FILTER]}
rounds=${3:-3}
filter=${4:-QueryCustomDllWarm|OpenQueryClose|ReadHiveCold|WarmGet|SetOneEntry}
for build in "$old" "$new"; do
  for b in registry_bench phonebook_bench; do
    [ -x "$build/bench/$b" ] || { echo "before_after.sh: $build/bench/$b is not built" >&2; exit 2; }
  done
done
# "BM_X/manual_time ... ns=1.2k stat_ns=2k x_stat=0.6" -> "BM_X ns=1.2k x_stat=0.6"
summarise() {
  awk '/^BM_/ && !/ERROR/ {
    line = $1; sub("/manual_time", "", line); sub("/iterations:[0-9]+", "", line)
    for (i = 2; i <= NF; i++) if ($i ~ /^(ns|x_[a-z]+|[a-z_]+_x_[a-z]+)=/) line = line " " $i
    print line
  } /ERROR OCCURRED/ { print }'
}
for round in $(seq 1 "$rounds"); do
  for side in old new; do
    build=$old
    [ "$side" = new ] && build=$new
    for b in registry_bench phonebook_bench; do
      "$build/bench/$b" --benchmark_filter="$filter" --benchmark_min_time=0.2 2>/dev/null |
        summarise | sed "s/^/round $round $side: /"
    done
  done
done
