# rasman_lib.sh: shared set-up for the rasmand end-to-end tests (sourced after ../lib.sh).
# Gives: $work (scratch, 0755), $root (a private root, 0755), $sock, $D (rasmand), $C (the
# test client), start_daemon / stop_daemon / wait_for, expect_exit, and a trap that kills
# every process the test started (daemons and background clients) and removes $work.

require_cmd timeout setpriv
for f in tools/rasmand/rasmand rasman_test_client; do
  found=$(find "$OPENRAS_BUILD_DIR" -name "$(basename "$f")" -type f -perm -u+x | head -1)
  [ -n "$found" ] || fail "$(basename "$f") is not built in $OPENRAS_BUILD_DIR"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/openras-rasman.XXXXXX")
chmod 0755 "$work"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
# Copies, so that the test users can run them whoever may enter the build tree.
mkdir -p "$work/bin"
cp "$OPENRAS_BUILD_DIR/tools/rasmand/rasmand" "$work/bin/rasmand"
cp "$(find "$OPENRAS_BUILD_DIR" -name rasman_test_client -type f | head -1)" "$work/bin/client"
chmod -R a+rX "$work"
D=$work/bin/rasmand
C=$work/bin/client
root=$work/root
mkdir -m 0755 "$root"
sock=$root/run/openras/rasman.sock
daemon_pid=

# start_daemon [AS...]: rasmand --root $root in the background (log in $work/rasmand.log),
# waits until its socket answers.
start_daemon() {
  "$@" "$D" --root "$root" >>"$work/rasmand.log" 2>&1 &
  daemon_pid=$!
  pids+=("$daemon_pid")
  wait_for "rasmand to serve $sock" 10 "$C" "$sock" list
}

# stop_daemon SIGNAL: signals rasmand and waits (at most 10 s) for it to exit; $daemon_rc.
stop_daemon() {
  kill "-$1" "$daemon_pid"
  local i
  for i in $(seq 100); do
    kill -0 "$daemon_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$daemon_pid" 2>/dev/null && fail "rasmand did not exit within 10 s of SIG$1"
  daemon_rc=0
  wait "$daemon_pid" || daemon_rc=$?
}

# wait_for WHAT SECONDS COMMAND...: retries COMMAND every 0.1 s until it succeeds.
wait_for() {
  local what=$1 seconds=$2 i
  shift 2
  for i in $(seq $((seconds * 10))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  fail "timed out after ${seconds}s waiting for $what"
}

# expect_exit CODE WHAT COMMAND...: runs COMMAND (bounded to 30 s), checks its exit status,
# keeps its output in $out.
expect_exit() {
  local want=$1 what=$2 rc=0
  shift 2
  out=$(timeout 30 "$@" 2>&1) || rc=$?
  [ "$rc" -eq "$want" ] || fail "$what: exit $rc, expected $want; output: $out"
}

# test_user NAME: creates a system user without a home if missing; prints uid:gid.
test_user() {
  id -u "$1" >/dev/null 2>&1 || useradd -M -r -s /usr/sbin/nologin "$1" >/dev/null 2>&1 \
    || id -u "$1" >/dev/null 2>&1 || fail "cannot create the test user $1"
  echo "$(id -u "$1"):$(id -g "$1")"
}
