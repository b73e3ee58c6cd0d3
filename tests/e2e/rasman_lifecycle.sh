#!/usr/bin/env bash
# rasmand's life: a second rasmand on the same root is refused; SIGTERM asks each client
# to hang up, removes the socket and exits 0; a client keeps working across a restart
# (kServiceUnavailable while rasmand is down, then it reconnects); a stale socket left by
# kill -9 is replaced; 1 MB of garbage on the socket leaves rasmand serving; busctl sees the
# interfaces and a connection's object as data/dbus/*.xml describe them; --exit-idle exits
# when idle; system mode is refused to non-root users, private mode works for them.
. "$(dirname "$0")/../lib.sh"
require_root "runs rasmand as a non-root user too"
require_cmd useradd
. "$(dirname "$0")/rasman_lib.sh"

# No rasmand: fail fast, naming the socket.
expect_exit 1 "no rasmand" "$C" "$sock" list
expect_contains "$out" "error: kServiceUnavailable: rasmand does not answer on $sock" "no rasmand"

start_daemon
expect_exit 1 "a second rasmand" "$D" --root "$root"
expect_contains "$out" "another rasmand already serves $sock" "second rasmand"
[ -S "$sock" ] || fail "the second rasmand removed the first one's socket"

# One client object across a restart: ok → kServiceUnavailable → ok.
"$C" "$sock" poll-list 8 >"$work/poll.out" 2>&1 &
poll_pid=$!; pids+=("$poll_pid")
wait_for "the poller" 5 grep -q "^ok 0" "$work/poll.out"

# SIGTERM: the holder hears HangUpRequested; the socket goes; exit 0.
"$C" "$sock" hold 0x51 Office 30 >"$work/hold.out" 2>&1 &
hold_pid=$!; pids+=("$hold_pid")
wait_for "the holder to register" 10 grep -q registered "$work/hold.out"
stop_daemon TERM
[ "$daemon_rc" -eq 0 ] || fail "rasmand exited $daemon_rc after SIGTERM"
[ ! -e "$sock" ] || fail "the socket survived SIGTERM"
wait_for "the holder to finish" 10 bash -c "! kill -0 $hold_pid 2>/dev/null"
expect_contains "$(cat "$work/hold.out")" "hangup-requested 0x51" "holder at shutdown"
wait_for "the poller to see rasmand gone" 10 grep -q kServiceUnavailable "$work/poll.out"
start_daemon
wait "$poll_pid" || fail "poll-list failed"
expect_contains "$(tr '\n' ' ' <"$work/poll.out")" "kServiceUnavailable ok 0" "one client across a restart"

# kill -9 leaves a stale socket; the next rasmand replaces it.
stop_daemon KILL
[ -S "$sock" ] || fail "expected a stale socket after kill -9"
expect_exit 1 "stale socket, no rasmand" "$C" "$sock" list
expect_contains "$out" "kServiceUnavailable" "stale socket"
start_daemon
grep -q "replacing the stale socket $sock" "$work/rasmand.log" || fail "stale socket not reported"

# 1 MB of garbage: that connection is closed, rasmand still serves a proper client.
"$C" "$sock" hold 0x52 Office 30 >"$work/hold2.out" 2>&1 &
hold_pid=$!; pids+=("$hold_pid")
wait_for "the holder to register" 10 grep -q registered "$work/hold2.out"
expect_exit 0 "1 MB of garbage" "$C" "$sock" garbage 1048576
expect_contains "$out" "closed the connection" "garbage"
expect_exit 0 "1 MB of garbage after a valid handshake" "$C" "$sock" garbage 1048576 handshake
expect_contains "$out" "closed the connection" "garbage after the handshake"
kill -0 "$daemon_pid" || fail "rasmand died of garbage"
expect_exit 0 "a proper client after garbage" "$C" "$sock" list
expect_contains "$out" "handle=0x52" "after garbage"
expect_contains "$out" "1 connections" "after garbage"

# Any D-Bus tool can talk to the socket directly (rasmand answers their Hello).
require_cmd busctl
expect_exit 0 "busctl introspect" busctl --address="unix:path=$sock" introspect \
  org.openras.RasMan1 /org/openras/RasMan1
expect_contains "$out" ".RegisterCustomConnection           method    tssssssb" "introspection"
expect_contains "$out" ".HangUpRequested                    signal    t" "introspection"
busctl --address="unix:path=$sock" introspect --xml-interface org.openras.RasMan1 \
  /org/openras/RasMan1 | sed -n '/<interface name="org.openras.RasMan1">/,/<\/interface>/p' \
  >"$work/live.xml"
sed -n '/<interface name="org.openras.RasMan1">/,/<\/interface>/p' \
  "$OPENRAS_SOURCE_DIR/data/dbus/org.openras.RasMan1.xml" >"$work/tree.xml"
diff -u "$work/tree.xml" "$work/live.xml" || fail "data/dbus/org.openras.RasMan1.xml differs from rasmand's introspection"
# The held connection 0x52 is an object too, under the object manager.
obj=/org/openras/RasMan1/Connection/0000000000000052
busctl --address="unix:path=$sock" introspect --xml-interface org.openras.RasMan1 "$obj" \
  | sed -n '/<interface name="org.openras.RasMan1.Connection">/,/<\/interface>/p' >"$work/live.xml"
sed -n '/<interface name="org.openras.RasMan1.Connection">/,/<\/interface>/p' \
  "$OPENRAS_SOURCE_DIR/data/dbus/org.openras.RasMan1.Connection.xml" >"$work/tree.xml"
[ -s "$work/live.xml" ] || fail "no org.openras.RasMan1.Connection interface on $obj"
diff -u "$work/tree.xml" "$work/live.xml" \
  || fail "data/dbus/org.openras.RasMan1.Connection.xml differs from rasmand's introspection"
expect_exit 0 "busctl tree" busctl --address="unix:path=$sock" tree org.openras.RasMan1
expect_contains "$out" "$obj" "busctl tree"
expect_exit 0 "busctl get-property" busctl --address="unix:path=$sock" get-property \
  org.openras.RasMan1 "$obj" org.openras.RasMan1.Connection Entry State
expect_contains "$out" 's "Office"' "busctl get-property"
expect_contains "$out" "u 8192" "busctl get-property"
expect_exit 0 "GetManagedObjects" busctl --address="unix:path=$sock" call org.openras.RasMan1 \
  /org/openras/RasMan1 org.freedesktop.DBus.ObjectManager GetManagedObjects
expect_contains "$out" "\"$obj\"" "GetManagedObjects"
expect_exit 0 "busctl call" busctl --address="unix:path=$sock" call org.openras.RasMan1 \
  /org/openras/RasMan1 org.openras.RasMan1 GetConnection t 0x52
expect_contains "$out" '"Office"' "busctl GetConnection"
# A well-formed but oversized argument gets an error reply naming the limit.
long=$(head -c 2000 /dev/zero | tr '\0' x)
expect_exit 1 "a 2 kB entry name" busctl --address="unix:path=$sock" call org.openras.RasMan1 \
  /org/openras/RasMan1 org.openras.RasMan1 RegisterCustomConnection tssssssb 0x53 /d.so /p "$long" t n 5 false
expect_contains "$out" "entry is 2000 bytes long; the limit is 1024" "oversized argument"
# A message larger than any method needs is not read at all: the client is closed
# (docs/security.md) and rasmand says why.
long=$(head -c 120000 /dev/zero | tr '\0' x)
expect_exit 1 "a 120 kB message" busctl --address="unix:path=$sock" call org.openras.RasMan1 \
  /org/openras/RasMan1 org.openras.RasMan1 RegisterCustomConnection tssssssb 0x53 /d.so /p "$long" t n 5 false
grep -q "closed: a message of 120[0-9]* bytes (the limit is 16384)" "$work/rasmand.log" \
  || fail "no log line for the 120 kB message: $(tail -3 "$work/rasmand.log")"
expect_exit 1 "a wrong signature" busctl --address="unix:path=$sock" call org.openras.RasMan1 \
  /org/openras/RasMan1 org.openras.RasMan1 HangUp s x
expect_exit 1 "an unknown method" busctl --address="unix:path=$sock" call org.openras.RasMan1 \
  /org/openras/RasMan1 org.openras.RasMan1 Frobnicate
stop_daemon TERM

# --exit-idle: with no client and no connection, rasmand exits by itself, with status 0.
"$D" --root "$root" --exit-idle=1 >>"$work/rasmand.log" 2>&1 &
daemon_pid=$!; pids+=("$daemon_pid")
wait_for "rasmand --exit-idle=1 to serve" 10 "$C" "$sock" list
wait_for "rasmand --exit-idle=1 to exit once idle" 10 bash -c "! kill -0 $daemon_pid 2>/dev/null"
daemon_rc=0
wait "$daemon_pid" || daemon_rc=$?
[ "$daemon_rc" -eq 0 ] || fail "rasmand --exit-idle=1 exited $daemon_rc"
[ ! -e "$sock" ] || fail "the idle rasmand left its socket behind"

# The socket file appears only once rasmand listens: with its listen() held back a second
# (strace's fault injection), a client that sees the file may connect at once. A bind()
# straight to the path made the file a moment early, and rasdialer-check, which polls for
# the file, was refused in that moment.
require_cmd strace pgrep
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 strace -o /dev/null -e trace=listen \
  -e inject=listen:delay_enter=1s "$D" --root "$root" >>"$work/rasmand.log" 2>&1 &
traced_pid=$!; pids+=("$traced_pid")
wait_for "the socket file" 10 test -S "$sock"
expect_exit 0 "a client the moment the socket file appears" "$C" "$sock" list
daemon_pid=$(pgrep -P "$traced_pid" -x rasmand) || fail "no rasmand under strace"
pids+=("$daemon_pid")
kill -TERM "$daemon_pid"
wait "$traced_pid" || fail "rasmand under strace exited $?"
[ ! -e "$sock" ] || fail "rasmand under strace left its socket behind"
[ -z "$(find "$root/run/openras" -name 'rasman.sock.*')" ] || fail "a bind-time name was left behind"

# Modes: system mode needs root; a private root works for any user.
test_user user_a a
ids=$(user_ids "$user_a")
as_a=(setpriv --reuid="${ids%:*}" --regid="${ids#*:}" --clear-groups)
expect_exit 1 "system mode as a user" "${as_a[@]}" "$D"
expect_contains "$out" "system mode (root /) needs root" "system mode refused"
user_root=$work/user-root
mkdir -m 0755 "$user_root"
chown "$ids" "$user_root"
"${as_a[@]}" "$D" --root "$user_root" >>"$work/rasmand.log" 2>&1 &
daemon_pid=$!; pids+=("$daemon_pid")
wait_for "a user's rasmand" 10 "${as_a[@]}" "$C" "$user_root/run/openras/rasman.sock" list
expect_exit 0 "register with a user's rasmand" "${as_a[@]}" "$C" "$user_root/run/openras/rasman.sock" register 0x61 Office
stop_daemon TERM
[ "$daemon_rc" -eq 0 ] || fail "the user's rasmand exited $daemon_rc"
echo "lifecycle: second instance refused, SIGTERM hang-up and socket removal, reconnect across restart, stale socket, garbage, the socket file only once listening, modes: ok"
