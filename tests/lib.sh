# lib.sh: shared helpers for OpenRAS shell tests. Source it: . "$(dirname "$0")/../lib.sh"
# Exit 77 means "skipped" to CTest; under CI=true a skip is a failure instead, so CI can
# never go green by skipping.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }

skip() {
  if [ "${CI:-}" = true ] || [ "${CI:-}" = 1 ]; then
    echo "FAIL (would skip, but CI requires it): $*" >&2
    exit 1
  fi
  echo "SKIP: $*" >&2
  exit 77
}

require_root() { [ "$(id -u)" -eq 0 ] || skip "needs root: $*"; }
require_cmd() {
  local c
  for c in "$@"; do command -v "$c" >/dev/null 2>&1 || skip "needs the command $c"; done
}

# scratch_dir VAR: makes a scratch directory, stores its path in VAR and removes it when
# the script exits. (Not `d=$(scratch_dir)`: a trap set in that subshell would never fire.)
scratch_dir() {
  local d
  d=$(mktemp -d "${TMPDIR:-/tmp}/openras-e2e.XXXXXX")
  chmod 0755 "$d"
  # shellcheck disable=SC2064
  trap "rm -rf '$d'" EXIT
  printf -v "$1" '%s' "$d"
}

expect_contains() {  # expect_contains HAYSTACK NEEDLE WHAT
  case "$1" in *"$2"*) ;; *) fail "$3: expected to find \"$2\" in: $1" ;; esac
}
