#!/usr/bin/env bash
# What a Windows-style monitor sees through the SDK alone (issue 6 §3), across processes:
# RasConnectionNotification sets its events when connections made by other processes come
# and go, including across a rasmand restart; RasGetConnectionStatistics,
# RasClearConnectionStatistics, RasGetProjectionInfoEx and RasGetProjectionInfo report
# what the link process counted and negotiated; the credentials of RasDial reach the link
# (rasdial ENTRY USER PASSWORD, 691 for wrong ones); a client killed mid-dial leaves a
# built-in connection that completes and can be hung up.
. "$(dirname "$0")/../lib.sh"
require_root "the HKLM hive must sit in root-owned directories; the link drops to nobody"
require_cmd timeout

. "$(dirname "$0")/dial_lib.sh"
install -m 0755 "$(find "$build" -name rasdial_test_watch -type f | head -1)" "$work/bin/watch"
R() { timeout 30 "$bin/rasdial" "$@" 2>&1; }
rc_of() { rc=0; out=$("$@") || rc=$?; }
wait_for_line() {  # wait_for_line FILE TEXT COUNT: until FILE has COUNT lines with TEXT
  for _ in $(seq 100); do
    [ "$(grep -c -- "$2" "$1")" -ge "$3" ] && return 0
    sleep 0.1
  done
  fail "waited for $3 × \"$2\" in $1: $(cat "$1")"
}

mkdir -p "$work/root/etc/openras/pbk"
for d in Test0 Test1 Test2; do dev "$d" Type REG_SZ test; done
dev Test0 Speed REG_DWORD 57600
entry() {  # entry NAME DEVICE NUMBER
  printf '[%s]\nEncoding=1\nType=1\nMEDIA=serial\nDevice=%s\n\nDEVICE=test\nPhoneNumber=%s\n\n' \
    "$1" "$2" "$3"
}
{
  entry Office Test0 5550100
  entry Auth Test1 'auth:alice:s3cret pass'
  entry Slow Test2 delay:400
} >"$work/root/etc/openras/pbk/rasphone.pbk"
chmod 0644 "$work/root/etc/openras/pbk/rasphone.pbk"
# With no rasmand, listing says the service is not there (exit 3) instead of "No connections".
rc=0
out=$(R) || rc=$?
[ "$rc" -eq 3 ] || fail "listing without rasmand: exit $rc, expected 3: $out"
expect_contains "$out" "does not answer on $sock" "listing without rasmand names the socket"
case $out in *"No connections"*) fail "listing without rasmand claims there are none" ;; esac
start_rasmand
expect_contains "$(R)" "No connections" "listing with rasmand"
case $(R) in *"does not answer"*) fail "the note appears with rasmand running" ;; esac

# A monitor in its own process, waiting on its events.
"$bin/watch" watch 60 >"$work/watch.out" 2>&1 &
watcher=$!
pids+=("$watcher")
wait_for_line "$work/watch.out" armed 1

rc_of R Office
[ "$rc" -eq 0 ] || fail "rasdial Office: exit $rc: $out"
wait_for_line "$work/watch.out" "event=connection count=1" 1
out=$(R Office --status)
expect_contains "$out" "IPv4 192.0.2.2, server 192.0.2.1" "rasdial --status shows the projection"
expect_contains "$out" "0 bytes sent, 0 received, 57600 bps" "rasdial --status shows statistics"
out=$(R Office --status --json)
expect_contains "$out" '"bps":57600' "--status --json statistics"
expect_contains "$out" '"ipv4":"192.0.2.2","ipv4_server":"192.0.2.1"' "--status --json projection"
expect_contains "$(R Office /DISCONNECT)" "Command completed successfully." "hang-up"
wait_for_line "$work/watch.out" "event=disconnection count=0" 1

# Statistics and projection of a built-in connection on the test device.
rc_of timeout 30 "$bin/watch" stats Office
[ "$rc" -eq 0 ] || fail "stats client: exit $rc: $out"
expect_contains "$out" "dial rc=0" "dial"
expect_contains "$out" "stats rc=0 bytes=0/0 frames=0/0 bps=57600" "statistics (the test device moves no bytes)"
expect_contains "$out" "clear rc=0" "clear"
expect_contains "$out" "projection-size rc=603 size=" "size query"
expect_contains "$out" "projection rc=0 type=1 ipv4=192.0.2.2 server=192.0.2.1 ipv6error=731 auth=0" "RasGetProjectionInfoEx"
expect_contains "$out" "pppip rc=0 error=0 ip=192.0.2.2 server=192.0.2.1" "RASP_PppIp"
expect_contains "$out" "ppplcp rc=0 auth=0" "RASP_PppLcp"
expect_contains "$out" "pppipx rc=731" "RASP_PppIpx is not configured"
expect_contains "$out" "hangup rc=0" "hang-up"
expect_contains "$out" "stats-after-hangup rc=6" "statistics of an ended connection"
first=$(sed -n 's/^stats rc=0 .*duration=\([0-9]*\)$/\1/p' <<<"$out")
later=$(sed -n 's/^stats-later rc=0 .*duration=\([0-9]*\)$/\1/p' <<<"$out")
[ -n "$first" ] && [ -n "$later" ] && [ "$later" -gt "$first" ] \
  || fail "the connect duration does not grow across a clear: $first then $later"
wait_for_line "$work/watch.out" "event=connection" 2
wait_for_line "$work/watch.out" "event=disconnection" 2

# RasDial's credentials reach the link: the far end wants alice / "s3cret pass".
rc_of R Auth alice "s3cret pass"
[ "$rc" -eq 0 ] || fail "dial with the right credentials: exit $rc: $out"
expect_contains "$(R Auth /DISCONNECT)" "Command completed successfully." "hang-up"
rc_of R Auth alice wrong
[ "$rc" -eq 1 ] || fail "dial with a wrong password: exit $rc, expected 1 (error 691): $out"
expect_contains "$out" "error 691" "dial with a wrong password: the full code"
# With no user name, rasdial uses the entry's saved credentials (RasSetEntryDialParams).
rc_of "$bin/watch" save Auth alice "s3cret pass"
[ "$rc" -eq 0 ] || fail "saving the credentials: $out"
rc_of R Auth
[ "$rc" -eq 0 ] || fail "dial with the saved credentials: exit $rc: $out"
expect_contains "$(R Auth /DISCONNECT)" "Command completed successfully." "hang-up"
grep -q "s3cret" "$work/rasmand.log" && fail "the password reached rasmand's log"

# A client killed mid-dial: the built-in connection belongs to rasmand and completes.
# (rasdial itself, not under timeout: the SIGKILL must reach the dialling process.)
"$bin/rasdial" Slow --wait=30 >"$work/slow.out" 2>&1 &
slow=$!
pids+=("$slow")
wait_for_line "$work/slow.out" "Opening the port" 1
kill -9 "$slow"
rc=0
wait "$slow" || rc=$?
[ "$rc" -eq 137 ] || fail "the slow dial's rasdial was not killed mid-dial (exit $rc): $(cat "$work/slow.out")"
grep -q "Successfully connected" "$work/slow.out" && fail "the slow dial finished before its rasdial was killed"
for _ in $(seq 100); do R Slow --status | grep -q Connected && break; sleep 0.1; done
expect_contains "$(R Slow --status)" "Connected" "the dial of a killed client completes"
expect_contains "$(R Slow /DISCONNECT)" "Command completed successfully." "and is hung up"

# rasmand restarted: its connections are reported ended; the monitor hears the new one.
rc_of R Office
[ "$rc" -eq 0 ] || fail "rasdial Office: exit $rc: $out"
before=$(grep -c "event=disconnection" "$work/watch.out")
stop_rasmand TERM
wait_for_line "$work/watch.out" "event=disconnection" $((before + 1))
start_rasmand
# The monitor reconnects in the background (backoff up to 2 s): a dial made before it is
# back goes unheard, so dial until one is heard.
heard=false
for _ in $(seq 10); do
  connections=$(grep -c "event=connection" "$work/watch.out")
  rc_of R Office
  [ "$rc" -eq 0 ] || fail "rasdial Office after the restart: exit $rc: $out"
  for _ in $(seq 10); do
    [ "$(grep -c "event=connection" "$work/watch.out")" -gt "$connections" ] && heard=true && break
    sleep 0.1
  done
  $heard && break
  R Office /DISCONNECT >/dev/null
done
$heard || fail "the monitor heard no connection after rasmand restarted: $(cat "$work/watch.out")"
expect_contains "$(R Office /DISCONNECT)" "Command completed successfully." "hang-up"
kill -0 "$watcher" || fail "the monitor died: $(cat "$work/watch.out")"
stop_rasmand TERM
echo "rasdial_monitor: OK"
