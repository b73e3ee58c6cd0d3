#!/usr/bin/env bash
# rasmodem-sim end to end on a real pty, driven by our chat-script style client, by
# chat(8) and by plain shell redirection: the AT set, every --answer action (with number
# normalisation), the +++ escape, exec far ends that echo then hang up, a carrier drop,
# closing the line as a DTR drop, the log, SIGTERM, and no process left behind.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/modem_sim_lib.sh"
require_cmd pgrep chat timeout
# rasmodem-sim sees a close as a DTR drop only if it can read every process's /proc/PID/fd.
require_root "the DTR-drop checks need rasmodem-sim to see every process's descriptors"

# --- Bad command lines: exit 2, the message names the offending value.
rc=0; "$SIM" --answer 5551234=bussy 2>"$work/err" || rc=$?
[ "$rc" -eq 2 ] || fail "bad --answer: exit $rc"
expect_contains "$(cat "$work/err")" '"bussy"' "bad --answer message"
rc=0; "$SIM" --speed fast 2>"$work/err" || rc=$?
[ "$rc" -eq 2 ] || fail "bad --speed: exit $rc"
expect_contains "$(cat "$work/err")" '"fast"' "bad --speed message"
"$SIM" --help | grep -q -- '--answer NUMBER=ACTION' || fail "--help lacks the synopsis"
touch "$work/not-a-link"
rc=0; "$SIM" --link "$work/not-a-link" >/dev/null 2>"$work/err" || rc=$?
[ "$rc" -eq 1 ] || fail "--link over a file: exit $rc"
expect_contains "$(cat "$work/err")" "not-a-link exists and is not a symlink" "--link message"

start_sim -- --link "$work/modem" --speed 33600 \
  --answer 555-0001=connect --answer 5550002=busy --answer 5550003=noanswer \
  --answer 5550004=nocarrier --answer 5550005=nodialtone --answer 5550006=error \
  --answer 5550007=silent --answer '5550008=exec:head -c 5' --answer 5550009=drop:1:connect \
  --answer '5550010=exec:cat' --answer '5550011=exec:printf abcde'
[ "$(readlink "$work/modem")" = "$sim_dev" ] || fail "--link points to $(readlink "$work/modem")"

# --- The common AT set, through the symlink.
talk "$work/modem" 'send:ATZ\r' 'expect:ATZ\r\r\nOK\r\n' \
  'send:ATI\r' 'expect:rasmodem-sim\r\n\r\nOK\r\n' \
  'send:ATS7=45S7?\r' 'expect:\r\n045\r\n\r\nOK\r\n' \
  'send:ATE0V0\r' 'expect:ATE0V0\r0\r' 'send:ATJ\r' 'expect:4\r' \
  'send:ATV1Q1\r' 'quiet:0.3' 'send:ATQ0\r' 'expect:\r\nOK\r\n' \
  'send:AT&F\r' 'expect:\r\nOK\r\n' 'send:AT\r' 'expect:AT\r\r\nOK\r\n'

# --- A client that sets nothing up (plain redirection and head) works too: the line is
# raw from the start, so CR stays CR and nothing is echoed back to the modem.
exec 3<>"$sim_dev"
printf 'ATE1\r' >&3
reply=$(timeout 10 head -c 11 <&3 | od -An -c | tr -s ' ')
exec 3>&-
[ "$reply" = ' A T E 1 \r \r \n O K \r \n' ] || fail "plain client got \"$reply\""

# --- chat(8) from ppp, a chat-script client written without this modem in mind: its exit
# status says which expectation matched (0 all, 3 time-out, 4 first ABORT, 5 second).
chat_status() {
  local rc=0 drops
  drops=$(grep -c 'DTR dropped' "$work/log" || true)
  timeout 30 chat -t 3 ABORT BUSY ABORT 'NO CARRIER' '' ATZ OK "ATDT$1" CONNECT \
    <"$sim_dev" >"$sim_dev" || rc=$?
  [ "$rc" -eq "$2" ] || fail "chat dialling $1 exited $rc, expected $2"
  # chat leaves a connected call by closing the line; the next client must not open it
  # before the modem has seen that close as a DTR drop.
  [ "$rc" -ne 0 ] ||
    wait_for 10 "the DTR drop after chat" sh -c "[ \$(grep -c 'DTR dropped' '$work/log') -gt $drops ]"
}
chat_status 555-0001 0
chat_status 5550002 4
chat_status 5550004 5
chat_status 5550007 3

# --- Each failing action, with dial modifiers and separators in the number.
talk "$sim_dev" 'send:ATE0\r' 'expect:OK\r\n' \
  'send:ATDT555-0002\r' 'expect:\r\nBUSY\r\n' \
  'send:ATDP 555 0003\r' 'expect:\r\nNO ANSWER\r\n' \
  'send:ATDW5550004;\r' 'expect:\r\nNO CARRIER\r\n' \
  'send:ATD,5550005\r' 'expect:\r\nNO DIALTONE\r\n' \
  'send:ATDT5550006\r' 'expect:\r\nERROR\r\n' \
  'send:ATDT999\r' 'expect:\r\nNO CARRIER\r\n' \
  'send:A/' 'expect:\r\nNO CARRIER\r\n' \
  'send:ATDT5550007\r' 'quiet:1' 'send:AT\r' 'expect:\r\nOK\r\n'

# --- connect: CONNECT with --speed, data echoed, +++ with guard times, ATO, ATH.
talk "$sim_dev" 'send:ATE0S12=5\r' 'expect:OK\r\n' \
  'send:ATDT5550001\r' 'expect:\r\nCONNECT 33600\r\n' \
  'send:hello ATH\r' 'expect:hello ATH\r' \
  'pause:0.3' 'send:+++' 'expect:\r\nOK\r\n' \
  'send:ATO\r' 'expect:\r\nCONNECT 33600\r\n' 'send:again' 'expect:again' \
  'pause:0.3' 'send:+++' 'expect:\r\nOK\r\n' 'send:ATH\r' 'expect:\r\nOK\r\n' \
  'send:AT\r' 'expect:\r\nOK\r\n'
# Without the guard time before it, +++ is data.
talk "$sim_dev" 'send:ATE0S12=50\r' 'expect:OK\r\n' \
  'send:ATD5550001\r' 'expect:CONNECT 33600\r\n' 'send:x+++' 'expect:x+++' \
  'pause:1.2' 'send:+++' 'expect:\r\nOK\r\n' 'send:ATH\r' 'expect:\r\nOK\r\n'

# --- exec: the far end echoes through its own pty, exits, NO CARRIER; nothing left.
talk "$sim_dev" 'send:ATE0\r' 'expect:OK\r\n' 'send:ATDT5550008\r' 'expect:\r\nCONNECT 33600\r\n' \
  'send:abcdefgh' 'expect:abcde' 'expect:\r\nNO CARRIER\r\n' 'send:AT\r' 'expect:\r\nOK\r\n'
wait_gone "$(far_end_pid)" "head"
grep -q "far end pid $(far_end_pid) exited with status 0" "$work/log" || fail "log lacks head's exit"

# A far end that writes and exits at once: what it wrote still comes before NO CARRIER
# (its exit and its output reach rasmodem-sim together; five times, to meet the race).
steps=()
for _ in 1 2 3 4 5; do
  steps+=('send:ATDT5550011\r' 'expect:\r\nCONNECT 33600\r\nabcde\r\nNO CARRIER\r\n')
done
talk "$sim_dev" 'send:ATE0\r' 'expect:OK\r\n' "${steps[@]}"

# --- exec:cat hung up with +++ and ATH: the far end is killed.
talk "$sim_dev" 'send:ATE0S12=5\r' 'expect:OK\r\n' 'send:ATDT5550010\r' 'expect:CONNECT' \
  'send:ping' 'expect:ping' 'pause:0.3' 'send:+++' 'expect:\r\nOK\r\n' \
  'send:ATH\r' 'expect:\r\nOK\r\n'
wait_gone "$(far_end_pid)" "cat after ATH"

# --- drop:1:connect: the call works, then the carrier goes.
talk "$sim_dev" 'send:ATE0\r' 'expect:OK\r\n' 'send:ATDT5550009\r' 'expect:CONNECT 33600\r\n' \
  'send:x' 'expect:x' 'expect:\r\nNO CARRIER\r\n' 'send:AT\r' 'expect:\r\nOK\r\n'
grep -q '\* carrier lost: drop:1:connect' "$work/log" || fail "log lacks the drop"

# --- The log counts the dials (21 ATD lines and 1 A/ so far) and records the results.
dials=$(grep -c ' < ATD' "$work/log")
[ "$dials" -eq 21 ] || fail "log has $dials dials, expected 21"
grep -q ' < A/$' "$work/log" || fail "log lacks A/"
grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z > BUSY$' "$work/log" || fail "log lacks > BUSY"

# --- Closing the line during a call drops DTR (&D2, the default): the call ends, the
# far end goes, and the next client finds the modem in command mode.
talk "$sim_dev" 'send:ATE0\r' 'expect:OK\r\n' 'send:ATDT5550010\r' 'expect:CONNECT' \
  'send:ping' 'expect:ping'
wait_gone "$(far_end_pid)" "cat after the line was closed"
grep -q 'hang-up: DTR dropped (&D2)' "$work/log" || fail "log lacks the DTR drop"
talk "$sim_dev" 'send:AT\r' 'expect:\r\nOK\r\n'

# --- SIGTERM during a call (kept up with &D0 after the client closes): exit 0, the
# symlink removed, the far end gone.
talk "$sim_dev" 'send:ATE0&D0\r' 'expect:OK\r\n' 'send:ATDT5550010\r' 'expect:CONNECT'
cat_pid=$(far_end_pid)
kill -0 "$cat_pid" || fail "cat is not running during the call"
stop_sim
[ ! -e "$work/modem" ] && [ ! -L "$work/modem" ] || fail "--link left behind"
wait_gone "$cat_pid" "cat after SIGTERM"
tail -n 1 "$work/log" | grep -q '\* stopped$' || fail "log does not end with the stop"

# --- SIGINT stops it the same way.
start_sim -- --link "$work/modem2"
kill -INT "$sim_pid"
wait_for 10 "rasmodem-sim to exit on SIGINT" sh -c "! kill -0 $sim_pid 2>/dev/null"
rc=0; wait "$sim_pid" || rc=$?
sim_pid=
[ "$rc" -eq 0 ] || fail "SIGINT: exit $rc"
[ ! -L "$work/modem2" ] || fail "--link left behind after SIGINT"
echo "rasmodem-sim e2e: all checks passed"
