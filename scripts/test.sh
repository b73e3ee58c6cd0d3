#!/usr/bin/env bash
# test.sh: installs what the tests need, builds the `ci` preset (g++, -Werror, ASan +
# UBSan) and runs every test. Under CI=true a test that would skip fails instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
preset=${OPENRAS_PRESET:-ci}
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
ctest --preset "$preset" -j"$(nproc)" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
if grep -qE '\*\*\*Skipped|Not Run' "$log"; then
  echo "test.sh: some tests were skipped or not run (see above)" >&2
  if [ "${CI:-}" = true ]; then exit 1; fi
fi
exit "$rc"
