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

# private_network: runs the rest of the script in a network namespace of its own, whose
# only interface is a loopback (brought up here): the TUN interfaces a dial makes and any
# traffic through them never touch the host's network. Call it first, right after
# sourcing this file and before anything is registered with at_exit (the script is
# executed anew inside the namespace, without arguments).
private_network() {
  if [ "${OPENRAS_PRIVATE_NETWORK:-}" = 1 ]; then
    ip link set lo up 2>/dev/null || true
    return 0
  fi
  require_root "a private network namespace (unshare -n)"
  require_cmd unshare
  trap - EXIT
  OPENRAS_PRIVATE_NETWORK=1 exec unshare -n bash "$0"
}
require_cmd() {
  local c
  for c in "$@"; do command -v "$c" >/dev/null 2>&1 || skip "needs the command $c"; done
}

# at_exit COMMAND: runs COMMAND (evaluated then) when the script ends — normally, through
# fail, or on SIGINT, SIGTERM or SIGHUP — the last registered first, then removes the test
# users (test_user). $exit_status holds the script's status; a command may set it to fail
# the test. This is the only trap: a script never sets its own, which would drop the others.
at_exit_commands=()
at_exit_users=()
at_exit() { at_exit_commands+=("$1"); }
run_at_exit() {
  exit_status=$?
  trap - EXIT INT TERM HUP
  set +e  # every clean-up runs, whatever the ones before it did
  local i u
  for ((i = ${#at_exit_commands[@]} - 1; i >= 0; i--)); do eval "${at_exit_commands[i]}"; done
  for u in "${at_exit_users[@]}"; do remove_test_user "$u"; done
  exit "$exit_status"
}
trap run_at_exit EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# scratch_dir VAR: makes a scratch directory, stores its path in VAR and removes it when
# the script exits. (Not `d=$(scratch_dir)`: at_exit in that subshell would be lost.)
scratch_dir() {
  local d
  d=$(mktemp -d "${TMPDIR:-/tmp}/openras-e2e.XXXXXX")
  chmod 0755 "$d"
  at_exit "rm -rf '$d'"
  printf -v "$1" '%s' "$d"
}

# test_user VAR [LABEL]: creates a system user without a home, named uniquely for this
# test and run (openras-t-LABEL-<random>, so tests running at once under ctest -j never
# share or race for a name), removed when the script exits; its name goes in VAR.
# useradd fails while another useradd holds /etc/passwd's lock: retried for up to 30 s.
test_user() {
  local var=$1 label=${2:-u} name i
  name=openras-t-${label:0:8}-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
  for i in $(seq 300); do
    useradd -M -r -s /usr/sbin/nologin "$name" >/dev/null 2>"${TMPDIR:-/tmp}/useradd.$$" && break
    [ "$i" -lt 300 ] || fail "cannot create the test user $name: $(cat "${TMPDIR:-/tmp}/useradd.$$")"
    sleep 0.1  # a retry's back-off, not synchronisation: the lock holder is another test
  done
  rm -f "${TMPDIR:-/tmp}/useradd.$$"
  at_exit_users+=("$name")
  printf -v "$var" '%s' "$name"
}
# remove_test_user NAME: userdel, retried while another test holds the lock (up to 30 s).
# -f: a process of the user that a failed test left running must not keep it.
remove_test_user() {
  local i
  for i in $(seq 300); do
    id -u "$1" >/dev/null 2>&1 || return 0
    userdel -f "$1" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "WARNING: could not remove the test user $1" >&2
  exit_status=1
}

# wait_for WHAT SECONDS COMMAND...: retries COMMAND every 0.1 s until it succeeds; fails
# naming WHAT after SECONDS.
wait_for() {
  local what=$1 seconds=$2 i
  shift 2
  for i in $(seq $((seconds * 10))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  fail "timed out after ${seconds}s waiting for $what"
}

# stop_process PID SIGNAL SECONDS: signals PID (a child of this shell) and waits at most
# SECONDS for it to exit; its exit status goes in $stopped_rc. Fails if it does not exit.
stop_process() {
  local pid=$1 sig=$2 seconds=$3 i
  kill "-$sig" "$pid" 2>/dev/null
  for i in $(seq $((seconds * 10))); do
    kill -0 "$pid" 2>/dev/null || break  # bash reaps its children as they exit
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && fail "process $pid did not exit within ${seconds}s of SIG$sig"
  stopped_rc=0
  wait "$pid" || stopped_rc=$?
}

# no_sanitizer_report FILE WHAT: fails if FILE (a daemon's log, where it and its children
# write stderr) holds an AddressSanitizer, LeakSanitizer or UndefinedBehaviorSanitizer report.
no_sanitizer_report() {
  local hits
  hits=$(grep -nE 'ERROR: [A-Za-z]+Sanitizer|SUMMARY: [A-Za-z]+Sanitizer|runtime error: ' "$1") \
    && fail "$2: a sanitizer report in $1: $hits"
  return 0
}

expect_contains() {  # expect_contains HAYSTACK NEEDLE WHAT
  case "$1" in *"$2"*) ;; *) fail "$3: expected to find \"$2\" in: $1" ;; esac
}
