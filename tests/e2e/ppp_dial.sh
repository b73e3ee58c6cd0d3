#!/usr/bin/env bash
# A connection that carries real IP (issue 12's acceptance): `rasdial` on a modem entry
# whose number rasmodem-sim answers with a real PPP server, Debian's slirp-fullbolt
# (shared/reference/ppp-peers.md §1), requiring PAP. All inside a network namespace of the
# test's own. rasmand dials, its link runs PPP on the line; the connection reaches
# Connected; ras0 carries 10.0.2.15 with slirp's 10.0.2.2 as its peer and the default
# route; a TCP client on this side reaches a server on the namespace's loopback through
# slirp (10.0.2.2 is slirp's alias for it), so the bytes went ras0 → link → PPP → pty →
# slirp and back; the statistics count them; `rasdial ENTRY /DISCONNECT` removes the
# interface. Then wrong credentials: 691 with slirp's refusal in the log, nothing left.
# Then the far end dying mid-call (on a pty there is no carrier line: the link's LCP echoes
# find the peer gone) and rasmand killed mid-call: each time the interface goes.
. "$(dirname "$0")/../lib.sh"
private_network
require_root "rasmand makes TUN interfaces; the hive sits in root-owned directories"
require_cmd slirp-fullbolt socat ip jq timeout

. "$(dirname "$0")/dial_lib.sh"
. "$(dirname "$0")/modem_dial_lib.sh"

# slirp reads its options and secrets from $HOME (ppp-peers.md §1.3): a home of its own.
# The secrets name the address slirp gives (its pppd-2.2 code has no `*` for addresses).
slirp_home "dns 127.0.0.1"
HOME=$work/slirp start_sim --speed 115200 --answer '5551234=exec:slirp-fullbolt'

mkdir -p "$work/root/etc/openras/pbk"
sim_modem Modem1
entry Slirp Modem1 555-1234 $'RedialAttempts=0\nIpPrioritizeRemote=1' \
  >"$work/root/etc/openras/pbk/rasphone.pbk"
chmod 0644 "$work/root/etc/openras/pbk/rasphone.pbk"
start_rasmand
at_exit '[ "$exit_status" -eq 0 ] || { echo "--- rasmodem-sim log:"; tail -30 "$work/sim.log"; } >&2'

# A server on the namespace's loopback: what slirp connects to for 10.0.2.2.
socat TCP-LISTEN:7777,bind=127.0.0.1,reuseaddr,fork SYSTEM:'read l; echo "server got: $l"' \
  2>"$work/server.err" &
pids+=($!)
wait_for "the loopback server" 10 sh -c "ss -Hltn 'sport = :7777' | grep -q ."

rc_of timeout 20 "$bin/rasdial" Slirp testuser testpass
[ "$rc" -eq 0 ] || fail "the dial failed (exit $rc): $out"
for line in "Physical link established." "Verifying username and password..." \
  "Authenticated." "Network protocols negotiated." "Successfully connected"; do
  expect_contains "$out" "$line" "progress line"
done
grep -q 'PAP authentication succeeded' "$work/rasmand.log" || fail "the link logged no PAP success"

# The interface as the kernel has it.
addr=$(ip -j addr show dev ras0) || fail "no ras0 while connected"
[ "$(jq -r '.[0].addr_info[] | select(.family=="inet") | .local' <<<"$addr")" = 10.0.2.15 ] \
  || fail "ras0 does not carry 10.0.2.15: $addr"
[ "$(jq -r '.[0].addr_info[] | select(.family=="inet") | .address' <<<"$addr")" = 10.0.2.2 ] \
  || fail "ras0's peer is not 10.0.2.2: $addr"
jq -e '.[0].flags | index("UP")' <<<"$addr" >/dev/null || fail "ras0 is not up: $addr"
ip route show default | grep -q 'dev ras0' || fail "no default route through ras0 (IpPrioritizeRemote=1): $(ip route)"

# Real TCP through PPP, bound to the connection's address.
reply=$(echo "hello over ras0" | timeout 20 socat -t 10 - TCP:10.0.2.2:7777,bind=10.0.2.15) \
  || fail "no TCP exchange through ras0 and slirp"
[ "$reply" = "server got: hello over ras0" ] || fail "the server answered \"$reply\""

# The connection's view: its address and the bytes PPP moved.
status=$("$bin/rasdial" --status Slirp --json) || fail "rasdial --status failed: $status"
[ "$(jq -r .ipv4 <<<"$status")" = 10.0.2.15 ] || fail "the projection lacks 10.0.2.15: $status"
sent=$(jq -r .statistics.bytes_sent <<<"$status")
received=$(jq -r .statistics.bytes_received <<<"$status")
# A TCP handshake, 16 bytes of data and their framing each way: well over 100 bytes.
[ "$sent" -gt 100 ] && [ "$received" -gt 100 ] \
  || fail "statistics do not show the bytes moved (sent $sent, received $received): $status"
[ "$(jq -r .statistics.bps <<<"$status")" = 115200 ] || fail "dwBps is not CONNECT's: $status"

# The hang-up says goodbye: LCP Terminate-Request, slirp's Terminate-Ack, then the line.
# HangUp answers once the link has gone and the port is free: nothing is left to wait for.
expect_contains "$(R Slirp /DISCONNECT)" "Command completed successfully." "hang-up"
grep -q 'hung up: the peer acknowledged the Terminate-Request' "$work/rasmand.log" \
  || fail "the link did not wait for slirp's Terminate-Ack: $(tail -5 "$work/rasmand.log")"
! ip link show ras0 >/dev/null 2>&1 || fail "ras0 is still there after the hang-up returned"
no_lock || fail "the port is still locked after the hang-up returned"

# Wrong password: slirp says no; 691, its words in the log, no interface left behind.
rc_of R Slirp testuser wrongpass
expect_error 691 "a wrong password"
grep -q 'PAP authentication failed' "$work/rasmand.log" || fail "the refusal is not logged"
wait_for "the interface of the refused dial to go" 10 sh -c '[ -z "$(ip -o link show type tun)" ]'
wait_until 10 "the lock file to go" no_lock

# A keep-alive setting out of range fails the dial before the modem is touched, and says
# which value to fix.
dev Modem1 LcpEchoInterval REG_DWORD 5000
rc_of R Slirp testuser testpass
expect_error 633 "LcpEchoInterval 5000"
grep -q 'LcpEchoInterval 5000 is more than 3600 s' "$work/rasmand.log" \
  || fail "the bad LcpEchoInterval is not named in the log"

# The far end dies mid-call: the link's echoes go unanswered; the connection and ras0 end.
# The device's own keep-alive (an echo a second, dead after 2) instead of a pty's 5 s × 3.
dev Modem1 LcpEchoInterval REG_DWORD 1
dev Modem1 LcpEchoFailure REG_DWORD 2
rc_of R Slirp testuser testpass
[ "$rc" -eq 0 ] || fail "the third dial failed (exit $rc): $out"
far=$(sed -n 's/.*far end pid \([0-9]*\) started.*/\1/p' "$work/sim.log" | tail -n 1)
[ -n "$far" ] || fail "rasmodem-sim's log names no far end"
kill -9 "$far"
wait_for "the link to notice the dead peer and ras0 to go" 40 \
  sh -c '! ip link show ras0 >/dev/null 2>&1'
grep -q 'kPppDeadPeer, error 638' "$work/rasmand.log" || fail "the dead peer is not logged with 638"
grep -q 'no answer to 2 LCP Echo-Requests' "$work/rasmand.log" \
  || fail "the device's LcpEchoFailure 2 was not the one used"
dev Modem1 LcpEchoInterval REG_DWORD 0  # off again: the line's own loss ends the next call
wait_until 10 "the lock file to go" no_lock

# rasmand killed mid-call: its link goes with it, and so does ras0; a new rasmand dials.
rc_of R Slirp testuser testpass
[ "$rc" -eq 0 ] || fail "the fourth dial failed (exit $rc): $out"
# The link process: the one holding the port (its fd 4).
link_of_port() {
  local p real
  real=$(realpath "$port")
  for p in $(pgrep -x openras-link); do
    [ "$(readlink "/proc/$p/fd/4" 2>/dev/null)" = "$real" ] && echo "$p"
  done
  return 0
}
link=$(link_of_port)
[ -n "$link" ] || fail "no link process holds $port"
kill -9 "$rasmand_pid"  # and not reaped yet: its lock must count as stale all the same
wait_for "ras0 to go with rasmand" 10 sh -c '! ip link show ras0 >/dev/null 2>&1'
wait_for "the link process $link to go with rasmand" 10 sh -c "! kill -0 $link 2>/dev/null"
# The killed rasmand's socket file stays: without this, start_rasmand would find it at
# once and the next dial could come before the new rasmand listens (exit 3).
rm -f "$sock"
start_rasmand
rc_of R Slirp testuser testpass
[ "$rc" -eq 0 ] || fail "a dial after rasmand's restart failed (exit $rc): $out"
expect_contains "$(R Slirp /DISCONNECT)" "Command completed successfully." "the last hang-up"
wait_for "ras0 to go" 10 sh -c '! ip link show ras0 >/dev/null 2>&1'

# rasmand stopped (SIGTERM) with the connection up: its link hangs up as on a HangUp
# (Terminate-Request, then the line) and rasmand waits for it. The far end is stopped, so
# no Terminate-Ack comes: the link gives up after its own grace (2 s) and says so, which a
# rasmand that killed its links at once would never let it do. Nothing is left.
rc_of R Slirp testuser testpass
[ "$rc" -eq 0 ] || fail "the dial before SIGTERM failed (exit $rc): $out"
far=$(sed -n 's/.*far end pid \([0-9]*\) started.*/\1/p' "$work/sim.log" | tail -n 1)
[ -n "$far" ] || fail "rasmodem-sim's log names no far end"
slirp=$(pgrep -P "$far" -x slirp-fullbolt || echo "$far")  # sh -c may exec it or fork it
at_exit "kill -9 $slirp 2>/dev/null || true"  # a stopped process ignores its pty's hang-up
kill -STOP "$slirp"
rasmand=$rasmand_pid
stop_rasmand
kill -CONT "$slirp" 2>/dev/null || true
grep -q 'the hang-up took longer than 2000 ms' "$work/rasmand.log" \
  || fail "rasmand did not wait for its link to hang up: $(tail -5 "$work/rasmand.log")"
! ip link show ras0 >/dev/null 2>&1 || fail "ras0 outlived rasmand"
no_lock || fail "the port is still locked after rasmand stopped"
[ -z "$(link_of_port)" ] || fail "the link process $(link_of_port) outlived rasmand"
echo "PPP over rasmodem-sim to slirp: Connected, 10.0.2.15 on ras0, TCP through it ($sent bytes sent, $received received), 691 for a wrong password; SIGTERM waits for the link's hang-up"
