#!/usr/bin/env bash
# dial_before_after.sh: dial_bench of an older commit and of this tree, alternately, in one
# run, so a change to rasmand, the link or the client library is judged on the same
# machine under the same load (the way issue 17's figures were taken).
#
#   bash bench/dial_before_after.sh OLD_COMMIT [ROUNDS] [--burst]
#
# Needs this tree's release build (cmake --preset release && cmake --build --preset
# release). OLD_COMMIT is checked out in a scratch worktree, given this tree's
# bench/dial_bench.cpp (its clients are raw sd-bus and libopenras's ABI, so the file builds
# against older trees too) and built there with the release preset (ccache makes that a few
# minutes); the worktree is removed at the end. Each round runs old then new; the summary
# keeps each run's figures beside the D-Bus round trip measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
old_commit=${1:?usage: dial_before_after.sh OLD_COMMIT [ROUNDS] [--burst]}
rounds=${2:-2}
mode=${3:-}
new_bench=build/release/bench/dial_bench
[ -x "$new_bench" ] || {
  echo "dial_before_after.sh: $new_bench is not built (cmake --build --preset release)" >&2
  exit 2
}
git rev-parse --verify --quiet "$old_commit^{commit}" >/dev/null || {
  echo "dial_before_after.sh: $old_commit is no commit of this repository" >&2
  exit 2
}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/openras-dial-old.XXXXXX")
cleanup() {
  git worktree remove --force "$scratch/tree" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT INT TERM
git worktree add --detach --quiet "$scratch/tree" "$old_commit"
cp bench/dial_bench.cpp "$scratch/tree/bench/dial_bench.cpp"
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD/..} CCACHE_NOHASHDIR=1
(
  cd "$scratch/tree"
  cmake --preset release >/dev/null
  cmake --build --preset release >"$scratch/build.log" 2>&1
) || {
  tail -20 "$scratch/build.log" >&2
  echo "dial_before_after.sh: $old_commit does not build with this tree's dial_bench.cpp" >&2
  exit 1
}
old_bench=$scratch/tree/build/release/bench/dial_bench
summarise() {
  grep -E 'reference|1 dial |p99 with 50|CPU per dial|page faults|and for its|per added dial|each link|/ raw' || true
}
new_commit=$(git rev-parse --short HEAD)
for round in $(seq 1 "$rounds"); do
  for side in old new; do
    bench=$new_bench
    commit=$new_commit
    if [ "$side" = old ]; then
      bench=$old_bench
      commit=$old_commit
    fi
    echo "--- round $round, $side ($commit), load $(cut -d' ' -f1 /proc/loadavg)"
    # shellcheck disable=SC2086
    "$bench" $mode 2>&1 | summarise
  done
done
