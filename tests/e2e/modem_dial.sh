#!/usr/bin/env bash
# Built-in dials on a modem (issue 11): rasdial through rasmand, its link process and the
# AT driver, against rasmodem-sim on a real pty. The states up to the device being
# connected, then PPP, which on the simulator's echoing line (`connect`) must see its own
# Magic-Number come back: 737 (loop-back detected), never a Connected; busy, no answer,
# no carrier, no dial tone, ERROR and silence give 676, 678, 679, 680, 651, 660; `rasdial ENTRY /DISCONNECT` during dialing
# stops it and frees the port at once; the port is free after every dial (no lock file, a
# next dial succeeds); a missing port is 615, a port another program locked is 602.
. "$(dirname "$0")/../lib.sh"
private_network  # a dial that connects makes a TUN interface: never in the host's namespace
require_root "the HKLM hive must sit in root-owned directories; the link drops to nobody"
require_cmd timeout

. "$(dirname "$0")/dial_lib.sh"
. "$(dirname "$0")/modem_dial_lib.sh"
start_sim --speed 33600 --default connect \
  --answer 5550111=busy --answer 5550122=noanswer --answer 5550133=nocarrier \
  --answer 5550144=nodialtone --answer 5550155=error --answer 5550166=silent

mkdir -p "$work/root/etc/openras/pbk"
sim_modem Modem1
dev Modem1 DialTimeout REG_DWORD 3
dev Gone Type REG_SZ modem
dev Gone Port REG_SZ /dev/ttyOpenRasNoSuchPort
{
  entry Answer Modem1 555-0100
  entry Busy Modem1 5550111
  entry NoAnswer Modem1 5550122
  entry NoCarrier Modem1 5550133
  entry NoDialtone Modem1 5550144
  entry Refused Modem1 5550155
  entry Silent Modem1 5550166
  entry Missing Gone 5550100
} >"$work/root/etc/openras/pbk/rasphone.pbk"
chmod 0644 "$work/root/etc/openras/pbk/rasphone.pbk"

start_rasmand

# A modem that answers on a looped-back line: the states as Windows reports them, then PPP
# sees its own LCP requests come back: 737.
rc_of R Answer
expect_error 737 "dial on an answering modem whose line echoes"
for line in "Opening the port..." "Port opened." "Connecting the device..." "Device connected." \
  "Physical link established."; do
  expect_contains "$out" "$line" "progress line"
done
case $out in *"Successfully connected"*) fail "a looped line claimed Connected: $out" ;; esac
grep -q 'the line is looped back' "$work/rasmand.log" || fail "no loop-back message in rasmand's log"
grep -q 'CONNECT 33600' "$work/rasmand.log" || fail "the CONNECT speed is not logged"
wait_until 5 "the lock file to go" no_lock

# Each final result code, its error, and the port free afterwards.
check() {  # check ENTRY CODE REPLY
  local before
  before=$(dials)
  rc_of R "$1"
  expect_error "$2" "$1"
  grep -q "answered \"$3\"" "$work/rasmand.log" || fail "$1: rasmand's log does not name the reply $3"
  # The user is told why too, not only the code (issue 18 item 14).
  expect_contains "$out" "Details: port $port, command " "$1: rasdial's reason"
  expect_contains "$out" "\"$3\"" "$1: the reason names the reply"
  [ "$(dials)" -eq $((before + 1)) ] || fail "$1: dialled $(( $(dials) - before )) times, expected once"
  wait_until 5 "$1's lock file to go" no_lock
}
check Busy 676 BUSY
check NoAnswer 678 "NO ANSWER"
check NoCarrier 679 "NO CARRIER"
check NoDialtone 680 "NO DIALTONE"
check Refused 651 ERROR
grep -q 'command "ATDT5550111"' "$work/rasmand.log" || fail "the message does not name the command"

# Silence after ATD: 660 once DialTimeout (3 s) has passed.
start=$SECONDS
rc_of R Silent
expect_error 660 "silent modem"
[ $((SECONDS - start)) -le 15 ] || fail "the silent dial took $((SECONDS - start)) s with a 3 s DialTimeout"
wait_until 5 "the lock file to go" no_lock

# Hanging up during the dial stops it and frees the port at once.
dev Modem1 DialTimeout REG_DWORD 60
timeout 60 "$bin/rasdial" Silent >"$work/cancel.out" 2>&1 &
dialer=$!
pids+=("$dialer")
before=$(dials)
wait_until 10 "the silent number to be dialled" sh -c "[ \$(grep -c '\* dial ' '$work/sim.log') -gt $before ]"
[ -n "$(ls -A "$locks")" ] || fail "no lock file while dialing"
expect_contains "$(R Silent /DISCONNECT)" "Command completed successfully." "hang-up during the dial"
no_lock || fail "the lock file outlived the hang-up: $(ls "$locks")"
wait_until 10 "the dialing rasdial to end" sh -c "! kill -0 $dialer 2>/dev/null"
# The port is free: the next dial reaches the modem.
rc_of R Answer
expect_error 737 "dial after a cancelled one"

# SIGTERM (Ctrl-C, `timeout`) to a rasdial whose dial is in progress ends it and hangs up.
"$bin/rasdial" Silent >"$work/term.out" 2>&1 &
dialer=$!
pids+=("$dialer")
before=$(dials)
wait_until 10 "the silent number to be dialled again" sh -c "[ \$(grep -c '\* dial ' '$work/sim.log') -gt $before ]"
kill -TERM "$dialer"
wait_until 5 "rasdial to end on SIGTERM" sh -c "! kill -0 $dialer 2>/dev/null"
wait "$dialer" && fail "rasdial interrupted during a dial exited 0: $(cat "$work/term.out")"
wait_until 5 "the lock file to go after SIGTERM" no_lock

# Port problems: missing (615); locked by another live program (602), whose lock stays.
rc_of R Missing
expect_error 615 "missing port"
expect_contains "$out" "Details: device " "the missing port's reason"
sleep 1000 &
holder=$!
pids+=("$holder")
lock=$locks/LCK..$(realpath "$port" | sed 's|^/dev/||; s|/|_|g')
printf '%10d\n' "$holder" >"$lock"
rc_of R Busy
expect_error 602 "locked port"
[ -f "$lock" ] || fail "rasmand removed another program's lock"
# A stale lock (its process gone) is removed, and the dial goes on.
kill "$holder"
wait "$holder" 2>/dev/null || true
rc_of R Busy
expect_error 676 "dial over a stale lock"
wait_until 5 "the lock file to go" no_lock

# Many dials leave nothing behind: rasmand's descriptors, its link processes, lock files.
fds_before=$(ls "/proc/$rasmand_pid/fd" | wc -l)
for _ in $(seq 25); do
  rc_of R Busy
  expect_error 676 "repeated busy dial"
done
links_gone() {
  local z
  for z in $(pgrep -P "$rasmand_pid" -x openras-zygote); do
    [ -z "$(pgrep -P "$z")" ] || return 1
  done
}
wait_until 10 "every link process to end" links_gone
wait_until 5 "the lock file to go" no_lock
fds_after=$(ls "/proc/$rasmand_pid/fd" | wc -l)
[ "$fds_after" -le "$fds_before" ] || fail "rasmand holds $fds_after descriptors after 25 dials, $fds_before before"
echo "modem_dial: ok"
