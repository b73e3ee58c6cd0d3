#!/usr/bin/env bash
# test.sh: installs what the tests need, builds the `ci` preset (g++, -Werror, ASan +
# UBSan) and runs every test. Under CI=true a test that would skip fails instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
preset=${OPENRAS_PRESET:-ci}
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
# clang-tidy (.clang-tidy) on the files this change touches; OPENRAS_TIDY_CHECK=0 leaves
# it out, scripts/tidy.sh --all checks the whole tree (about half an hour on 2 cores).
if [ "${OPENRAS_TIDY_CHECK:-1}" = 1 ] && [ "$preset" = ci ]; then
  bash scripts/tidy.sh
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
# Tests labelled "package" build, install and purge the Debian packages: a whole release
# build, so they run only with OPENRAS_PACKAGE_CHECK=1.
label_filter=(-LE package)
[ "${OPENRAS_PACKAGE_CHECK:-0}" = 1 ] && label_filter=()
ctest --preset "$preset" -j"$(nproc)" "${label_filter[@]}" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
if grep -qE '\*\*\*Skipped|Not Run' "$log"; then
  echo "test.sh: some tests were skipped or not run (see above)" >&2
  if [ "${CI:-}" = true ]; then exit 1; fi
fi
[ "$rc" -eq 0 ] || exit "$rc"

# The shipped configuration, which the sanitizer build above is not: a release build (no
# sanitizers, -O2, openras-link under its seccomp filter as installed) runs the built-in
# dial end-to-end test, and every benchmark runs once, briefly, so a broken one is noticed
# (the figures are not checked). Only what those need is built; OPENRAS_RELEASE_CHECK=0
# leaves this out.
if [ "${OPENRAS_RELEASE_CHECK:-1}" = 1 ]; then
  release=build/release-check
  cmake --preset release -B "$release" -DOPENRAS_TESTS=ON >/dev/null
  # Every benchmark bench/ declares (openras_bench), so a new one is run too.
  mapfile -t benches < <(sed -n 's/^openras_bench(\([A-Za-z0-9_]*\).*/\1/p' bench/CMakeLists.txt bench/*.cmake)
  cmake --build "$release" --target rasdial rasreg rasmand openras-link openras \
    rasdial_test_client dialer_passthrough rasmodem-sim "${benches[@]}"
  echo "test.sh: e2e.rasdial_builtin against the release build"
  OPENRAS_SOURCE_DIR=$PWD OPENRAS_BUILD_DIR=$PWD/$release OPENRAS_SANITIZER_FLAGS= \
    timeout 300 bash tests/e2e/rasdial_builtin.sh
  for b in "${benches[@]}"; do
    echo "test.sh: benchmark $b, once, briefly"
    timeout 300 "$release/bench/$b" --benchmark_min_time=0.01 >"$log" 2>&1 \
      || { cat "$log" >&2; echo "test.sh: benchmark $b failed" >&2; exit 1; }
  done
  # A whole call's data path (rasmand, the link, PPP over rasmodem-sim to slirp, TCP through
  # the TUN interface), 1 MB each way: it makes a network namespace and a TUN interface.
  if [ "$(id -u)" -eq 0 ]; then
    echo "test.sh: bench/ppp_call.sh, once, 1 MB"
    timeout 300 bash bench/ppp_call.sh "$release" 1 >"$log" 2>&1 \
      || { cat "$log" >&2; echo "test.sh: bench/ppp_call.sh failed" >&2; exit 1; }
    echo "test.sh: bench/modem_cycles.sh, once, 10 cycles"
    timeout 300 bash bench/modem_cycles.sh "$release" 10 >"$log" 2>&1 \
      || { cat "$log" >&2; echo "test.sh: bench/modem_cycles.sh failed" >&2; exit 1; }
  else
    echo "test.sh: bench/ppp_call.sh and modem_cycles.sh not run: they need root (unshare -n, TUN)" >&2
    if [ "${CI:-}" = true ]; then exit 1; fi
  fi
fi

# Every libFuzzer target for a share of 30 s (the fuzz preset, clang), after the replays
# above; OPENRAS_FUZZ_CHECK=0 leaves this out.
if [ "${OPENRAS_FUZZ_CHECK:-1}" = 1 ]; then
  bash scripts/fuzz.sh "${OPENRAS_FUZZ_SECONDS:-30}"
fi
