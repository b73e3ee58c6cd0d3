#!/usr/bin/env bash
# SIGTERM ends rasmand within its bound whatever clients do (issue 16, item 12;
# docs/security.md): a real user's clients have calls and unread replies pending and a
# registered connection is up when SIGTERM comes; rasmand stops accepting at once (a new
# client is refused), asks the holder to hang up, and exits 0 within the 10 s the test
# allows (the documented drain is half a second).
. "$(dirname "$0")/../lib.sh"
require_root "creates a user and runs rasmand as root"
. "$(dirname "$0")/rasman_lib.sh"
. "$(dirname "$0")/rasman_guard_lib.sh"

guard_user stall
start_daemon
"${as_user[@]}" "$C" "$sock" hold 0x81 Office 60 >"$work/hold.out" 2>&1 &
pids+=("$!")
wait_for "the holder to register" 10 grep -q registered "$work/hold.out"
start_attack "$work/unread.out" "${as_user[@]}" "$A" "$sock" unread-calls 1 200000

kill -TERM "$daemon_pid"
wait_for "rasmand to begin its shutdown" 10 grep -q "Terminated received; shutting down" "$work/rasmand.log"
expect_exit 1 "a new client after SIGTERM" "$C" "$sock" list
expect_contains "$out" "kServiceUnavailable" "a new client after SIGTERM"
wait_for "rasmand to exit after SIGTERM" 10 bash -c "! kill -0 $daemon_pid 2>/dev/null"
daemon_rc=0
wait "$daemon_pid" || daemon_rc=$?
[ "$daemon_rc" -eq 0 ] || fail "rasmand exited $daemon_rc after SIGTERM"
expect_contains "$(cat "$work/hold.out")" "hangup-requested 0x81" "the holder at shutdown"
[ ! -e "$sock" ] || fail "the socket survived SIGTERM"
echo "PASS"
