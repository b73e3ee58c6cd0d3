# rasman_lib.sh: shared set-up for the rasmand end-to-end tests (sourced after ../lib.sh).
# Gives: $work (scratch, 0755), $root (a private root, 0755), $sock, $D (rasmand), $C (the
# test client), start_daemon / stop_daemon, expect_exit, user_ids, and a clean-up at exit
# that kills every process the test started (daemons and background clients) and removes
# $work. rasdial never starts a rasmand of its own here: the test's is the one under test.

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
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
at_exit cleanup
export OPENRAS_RASMAND_AUTOSTART=0
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
# Whatever the signal, its log (where its link processes write too) must hold no sanitizer
# report.
stop_daemon() {
  stop_process "$daemon_pid" "$1" 10
  daemon_rc=$stopped_rc
  no_sanitizer_report "$work/rasmand.log" "rasmand"
}

# expect_exit CODE WHAT COMMAND...: runs COMMAND (bounded to 30 s), checks its exit status,
# keeps its output in $out.
expect_exit() {
  local want=$1 what=$2 rc=0
  shift 2
  out=$(timeout 30 "$@" 2>&1) || rc=$?
  [ "$rc" -eq "$want" ] || fail "$what: exit $rc, expected $want; output: $out"
}

# user_ids NAME: "uid:gid" of a test user (made with test_user, tests/lib.sh).
user_ids() { echo "$(id -u "$1"):$(id -g "$1")"; }
