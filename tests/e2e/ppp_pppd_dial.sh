#!/usr/bin/env bash
# Issue 12's acceptance against pppd: `rasdial` on modem entries whose numbers rasmodem-sim
# answers with Debian's pppd inside User-Mode Linux (tests/peers/uml-pppd: real pppd, the
# kernel's ppp_async framing, the Linux IP stack; reference/ppp-peers.md §3.2), all in a
# network namespace of the test's own. Three dials, one per authentication protocol the
# entry requires (RASEO_RequireMsCHAP2, RASEO_RequireCHAP, RASEO_RequirePAP) and pppd
# demands (require-mschap-v2, require-chap, require-pap); each must reach Connected with
# pppd's own log saying it authenticated us, ras0 carrying the addresses pppd assigned
# (IPv4 from IPCP; the IPv6 link-local pair from IPV6CP, which pppd offers), TCP through
# ras0 to the guest's service, and RasGetProjectionInfoEx (ppp_projection) and `rasdial
# --status` agreeing with pppd's log. The MS-CHAPv2 call also pings the guest over IPv4 and
# IPv6 and talks TCP to it over IPv6, and its statistics must show the bytes. Each hang-up
# must remove ras0 and end pppd and every process of its UML. Then a wrong password: 691,
# pppd's refusal in its log, nothing left behind. Any UML left over by a failure is killed
# at exit (its processes are found by the scratch directory it was given, under $work).
. "$(dirname "$0")/../lib.sh"
private_network
require_root "rasmand makes TUN interfaces; UML runs with the host's / as its root"
require_cmd linux.uml unshare socat ip jq timeout python3 pgrep
[ -x /usr/sbin/pppd ] || skip "needs pppd (package ppp)"

. "$(dirname "$0")/dial_lib.sh"
. "$(dirname "$0")/modem_dial_lib.sh"
peer=$OPENRAS_SOURCE_DIR/tests/peers/uml-pppd
projection=$build/tests/ppp_projection
ping=$OPENRAS_SOURCE_DIR/tests/e2e/ppp_ping.py
[ -x "$projection" ] || fail "ppp_projection is not built in $build/tests"

# Every uml-pppd makes its scratch directory (the UML's uml_dir, named on the command line
# of each of its processes) under $TMPDIR: under $work, so a leftover is found and killed.
mkdir -m 0755 "$work/uml"
uml_processes() { pgrep -f "[u]ml_dir=$work/uml/" || true; }
kill_umls() {
  local p i
  for p in $(pgrep -f "[t]ests/peers/uml-pppd --stdio --log $work/" || true) $(uml_processes); do
    kill -KILL "$p" 2>/dev/null
  done
  for i in $(seq 50); do [ -z "$(uml_processes)" ] && break; sleep 0.1; done
}
at_exit kill_umls

TMPDIR=$work/uml start_sim --speed 115200 \
  --answer "5550001=exec:$peer --stdio --log $work/mschapv2.log require-mschap-v2" \
  --answer "5550002=exec:$peer --stdio --log $work/chap.log require-chap" \
  --answer "5550003=exec:$peer --stdio --log $work/pap.log require-pap" \
  --answer "5550004=exec:$peer --stdio --log $work/wrong.log require-mschap-v2"
at_exit '[ "$exit_status" -eq 0 ] || for f in "$work"/*.log; do case $f in */rasmand.log) ;; *) echo "--- $f:"; tail -40 "$f";; esac; done >&2'

mkdir -p "$work/root/etc/openras/pbk"
sim_modem Modem1
{
  entry MsChapV2 Modem1 555-0001 $'RedialAttempts=0\nOpenRasRequireMsCHAP2=1\nIpPrioritizeRemote=1'
  entry Chap Modem1 555-0002 $'RedialAttempts=0\nOpenRasRequireCHAP=1\nIpPrioritizeRemote=0'
  entry Pap Modem1 555-0003 $'RedialAttempts=0\nOpenRasRequirePAP=1\nIpPrioritizeRemote=0'
  entry Wrong Modem1 555-0004 $'RedialAttempts=0\nOpenRasRequireMsCHAP2=1'
} >"$work/root/etc/openras/pbk/rasphone.pbk"
chmod 0644 "$work/root/etc/openras/pbk/rasphone.pbk"
start_rasmand

# What pppd's log says, the last time it says it: log_value LOG PREFIX (the rest of the line).
log_value() { sed -n "s/^$2 *//p" "$1" | tr -d '\r' | tail -n 1; }
# An IPv6 address in its canonical text (pppd writes fe80::xxxx:xxxx:xxxx:xxxx in full).
canonical6() { python3 -c 'import ipaddress, sys; print(ipaddress.ip_address(sys.argv[1]))' "$1"; }
# The LCP options (RASLCPO_PFC 1, RASLCPO_ACFC 2) in the last Configure-Ack pppd's log
# shows going DIRECTION (rcvd: pppd's own request, as we acked it, so what we send; sent:
# ours as pppd acked it, so what pppd sends).
lcp_acked() {
  local ack options=0
  ack=$(grep "^$2 \[LCP ConfAck" "$1" | tail -n 1)
  [ -n "$ack" ] || fail "$1 shows no LCP Configure-Ack $2"
  case $ack in *"<pcomp>"*) options=$((options | 1)) ;; esac
  case $ack in *"<accomp>"*) options=$((options | 2)) ;; esac
  echo "$options"
}
# pppd_logged LOG TEXT WHAT: waits until pppd's log holds TEXT (a fixed string). Its log is
# the UML console, written a little after the frames go out: a call can be Connected here
# before pppd's lines about it reach the file.
pppd_logged() {
  local deadline=$((SECONDS + 20))
  until grep -qF -- "$2" "$1"; do
    [ "$SECONDS" -lt "$deadline" ] || fail "pppd's log $1 has not said \"$2\" ($3) in 20 s"
    sleep 0.1
  done
}
far_end() { sed -n 's/.*far end pid \([0-9]*\) started.*/\1/p' "$work/sim.log" | tail -n 1; }
tun_links() { ip -o link show type tun; }

# connected_call ENTRY LOG AUTH-NAME AUTH-DATA PPPD-AUTH: dials ENTRY, checks everything
# above for a call (not the extra traffic), and leaves it up; sets $status (rasdial
# --status --json), $proj (ppp_projection), $v4/$v4_server/$v6/$v6_server (pppd's view).
connected_call() {
  local entry=$1 log=$work/$2.log name=$3 data=$4 pppd_auth=$5
  rc_of R "$entry" testuser testpass
  [ "$rc" -eq 0 ] || fail "$entry: the dial failed (exit $rc): $out"
  for line in "Physical link established." "Verifying username and password..." \
    "Authenticated." "Network protocols negotiated." "Successfully connected"; do
    expect_contains "$out" "$line" "$entry: progress line"
  done
  far=$(far_end)
  [ -n "$far" ] || fail "$entry: rasmodem-sim's log names no far end"

  # pppd's side: we answered the protocol it demanded, and it let us in. Its last lines
  # about the call are the addresses it assigned (IPCP's and IPV6CP's, in either order):
  # once both are there, the rest is.
  pppd_logged "$log" "remote IP address" "$entry: IPCP up"
  pppd_logged "$log" "remote LL address" "$entry: IPV6CP up"
  grep "^rcvd \[LCP ConfAck" "$log" | tail -n 1 | grep -qF "<auth $pppd_auth>" \
    || fail "$entry: we did not agree to pppd's <auth $pppd_auth>: $(grep 'LCP Conf' "$log")"
  if [ "$name" = PAP ]; then
    grep -q "PAP peer authentication succeeded for testuser" "$log" \
      || fail "$entry: pppd did not log PAP success"
  else
    # pppd logs no notice for CHAP: its verdict is the Success it sent, which the link
    # logged as the message of the success it verified (MS-CHAPv2: S=, M=).
    grep -q '^rcvd \[CHAP Response id=0x[0-9a-f]* <[0-9a-f]*>, name = "testuser"\]' "$log" \
      || fail "$entry: pppd's log shows no CHAP Response from testuser"
    local success
    success=$(tr -d '\r' <"$log" | sed -n 's/^sent \[CHAP Success id=0x[0-9a-f]* "\(.*\)"\]$/\1/p' | tail -n 1)
    [ -n "$success" ] || fail "$entry: pppd sent no CHAP Success"
    grep -qF "$name authentication succeeded: $success" "$work/rasmand.log" \
      || fail "$entry: the link did not log pppd's Success \"$success\" for $name"
  fi

  # The addresses pppd assigned, as pppd logged them, on ras0 as the kernel has it.
  v4=$(log_value "$log" "remote IP address")
  v4_server=$(log_value "$log" "local  IP address")
  [ "$v4" = 10.0.3.2 ] && [ "$v4_server" = 10.0.3.1 ] \
    || fail "$entry: pppd logged addresses \"$v4\" / \"$v4_server\""
  v6=$(canonical6 "$(log_value "$log" "remote LL address")") || fail "$entry: no remote LL address"
  v6_server=$(canonical6 "$(log_value "$log" "local  LL address")") || fail "$entry: no local LL"
  # IPV6CP may open after Connected (the link does not hold the call for it): wait for it.
  local deadline=$((SECONDS + 20))
  until ip -j -6 addr show dev ras0 2>/dev/null | jq -e --arg v6 "$v6" '.[0].addr_info[] | select(.local==$v6)' >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || fail "$entry: ras0 has not got $v6 from IPV6CP in 20 s: $(ip addr show dev ras0)"
    sleep 0.1
  done
  grep -qF "IPv6 up: $v6 <-> $v6_server" "$work/rasmand.log" \
    || fail "$entry: the link did not log IPV6CP's $v6 <-> $v6_server"
  local addr
  addr=$(ip -j addr show dev ras0) || fail "$entry: no ras0 while connected"
  [ "$(jq -r '.[0].addr_info[] | select(.family=="inet") | .local' <<<"$addr")" = "$v4" ] \
    || fail "$entry: ras0 does not carry $v4: $addr"
  [ "$(jq -r '.[0].addr_info[] | select(.family=="inet") | .address' <<<"$addr")" = "$v4_server" ] \
    || fail "$entry: ras0's peer is not $v4_server: $addr"
  [ "$(jq -r '.[0].addr_info[] | select(.family=="inet6") | .address' <<<"$addr")" = "$v6_server" ] \
    || fail "$entry: ras0's IPv6 peer is not pppd's $v6_server: $addr"
  jq -e '.[0].flags | index("UP")' <<<"$addr" >/dev/null || fail "$entry: ras0 is not up: $addr"

  # TCP over IPv4 to the guest's service, bound to the connection's address.
  local reply
  reply=$(echo "hello from $entry" | timeout 20 socat -t 10 - "TCP:$v4_server:7777,bind=$v4") \
    || fail "$entry: no TCP exchange with the guest through ras0"
  [ "$reply" = "uml server got: hello from $entry" ] || fail "$entry: the guest answered \"$reply\""

  # RasGetProjectionInfoEx and rasdial --status against pppd's log.
  proj=$("$projection" "$entry") || fail "$entry: ppp_projection failed: $proj"
  local want
  want=$(jq -cn --arg v4 "$v4" --arg s4 "$v4_server" --arg v6 "$v6" --arg s6 "$v6_server" \
    --argjson auth "$( [ "$name" = PAP ] && echo 49187 || echo 49699)" --argjson data "$data" \
    --argjson lcp "$(lcp_acked "$log" rcvd)" --argjson lcps "$(lcp_acked "$log" sent)" \
    '{ipv4_error:0, ipv4:$v4, ipv4_server:$s4, ipv6_error:0, ipv6:$v6, ipv6_server:$s6,
      auth_protocol:$auth, auth_data:$data, lcp_options:$lcp, lcp_server_options:$lcps}')
  jq -e --argjson want "$want" 'to_entries | map(select(.key as $k | $want | has($k))) |
    from_entries == $want' <<<"$proj" >/dev/null \
    || fail "$entry: RasGetProjectionInfoEx says $proj; pppd's log says $want"
  status=$("$bin/rasdial" --status "$entry" --json) || fail "$entry: rasdial --status failed: $status"
  [ "$(jq -r .state <<<"$status")" = 8192 ] || fail "$entry: not RASCS_Connected: $status"
  [ "$(jq -r .ipv4 <<<"$status")" = "$v4" ] && [ "$(jq -r .ipv4_server <<<"$status")" = "$v4_server" ] \
    || fail "$entry: rasdial --status disagrees with pppd ($v4, $v4_server): $status"
  [ "$(jq -r .statistics.bps <<<"$status")" = 115200 ] || fail "$entry: dwBps is not CONNECT's: $status"
  [ "$(jq -r .ipv6 <<<"$status")" = "$v6" ] && [ "$(jq -r .ipv6_server <<<"$status")" = "$v6_server" ] \
    || fail "$entry: rasdial --status disagrees with pppd on IPv6 ($v6, $v6_server): $status"
  [ "$(jq -r .authentication <<<"$status")" = "$name" ] \
    || fail "$entry: rasdial --status names another authentication than pppd's $name: $status"
  local text
  text=$("$bin/rasdial" --status "$entry")
  expect_contains "$text" "IPv4 $v4, server $v4_server" "$entry: rasdial --status text"
  expect_contains "$text" "IPv6 $v6, server $v6_server" "$entry: rasdial --status text, IPv6"
  expect_contains "$text" "authenticated with $name" "$entry: rasdial --status text, authentication"
}

# hang_up ENTRY: rasdial /DISCONNECT; ras0 goes, and uml-pppd and every process of its UML
# (pppd too) are gone. (The link sends an LCP Terminate-Request and drops DTR at once, so
# rasmodem-sim may hang pppd's line up before pppd has read the request: pppd's log
# cannot be required to show it.)
hang_up() {
  local entry=$1
  expect_contains "$(R "$entry" /DISCONNECT)" "Command completed successfully." "$entry: hang-up"
  wait_for "$entry: ras0 to go" 10 sh -c '! ip link show ras0 >/dev/null 2>&1'
  wait_for "$entry: uml-pppd (pid $far) to end" 20 sh -c "! kill -0 $far 2>/dev/null"
  wait_for "$entry: every UML process to end" 20 sh -c "! pgrep -f '[u]ml_dir=$work/uml/' >/dev/null"
  wait_until 10 "$entry: the lock file to go" no_lock
  [ -z "$(tun_links)" ] || fail "$entry: a TUN interface is left: $(tun_links)"
}

# 1. MS-CHAPv2, with IPv6 and ICMP on top and the statistics.
connected_call MsChapV2 mschapv2 MS-CHAPv2 129 "chap MS-v2"
grep -q 'M=Access granted' "$work/rasmand.log" || fail "MsChapV2: no M=Access granted in the link's log"
ip route show default | grep -q 'dev ras0' || fail "no default route through ras0: $(ip route)"
python3 "$ping" "$v4_server" ras0 || fail "no ICMP echo reply from the guest over IPv4"
python3 "$ping" "$v6_server" ras0 || fail "no ICMPv6 echo reply from the guest's $v6_server"
reply=$(echo "hello over IPv6" | timeout 20 socat -t 10 - "TCP6:[$v6_server%ras0]:7777") \
  || fail "no TCP exchange with the guest over IPv6"
[ "$reply" = "uml server got: hello over IPv6" ] || fail "the guest answered \"$reply\" over IPv6"
status=$("$bin/rasdial" --status MsChapV2 --json) || fail "rasdial --status failed: $status"
sent=$(jq -r .statistics.bytes_sent <<<"$status")
received=$(jq -r .statistics.bytes_received <<<"$status")
frames_sent=$(jq -r .statistics.frames_sent <<<"$status")
frames_received=$(jq -r .statistics.frames_received <<<"$status")
# Two TCP exchanges and two echoes each way, with their headers and framing: over 400 bytes.
[ "$sent" -gt 400 ] && [ "$received" -gt 400 ] && [ "$frames_sent" -gt 10 ] && [ "$frames_received" -gt 10 ] \
  || fail "the statistics do not show the traffic: $status"
hang_up MsChapV2

# 2. CHAP-MD5 and 3. PAP: connected, the projection names the protocol, no default route.
connected_call Chap chap CHAP-MD5 5 "chap MD5"
ip route show default | grep -q 'dev ras0' && fail "a default route through ras0 without IpPrioritizeRemote"
hang_up Chap
connected_call Pap pap PAP 0 "pap"
hang_up Pap

# 4. A wrong password: pppd refuses it; 691 with pppd's E=691 in the link's log, no
# interface, pppd and its UML gone.
rc_of R Wrong testuser wrongpass
expect_error 691 "a wrong password"
far=$(far_end)
pppd_logged "$work/wrong.log" "sent [CHAP Failure" "the refusal"
grep -q '^sent \[CHAP Failure id=0x[0-9a-f]* "E=691 ' "$work/wrong.log" \
  || fail "pppd's log shows no CHAP Failure E=691"
grep -q 'MS-CHAPv2 authentication failed: "E=691 ' "$work/rasmand.log" \
  || fail "the link did not log pppd's refusal"
wait_for "the refused dial's interface to go" 10 sh -c '[ -z "$(ip -o link show type tun)" ]'
wait_for "uml-pppd (pid $far) to end after the refusal" 20 sh -c "! kill -0 $far 2>/dev/null"
wait_for "every UML process to end after the refusal" 20 \
  sh -c "! pgrep -f '[u]ml_dir=$work/uml/' >/dev/null"
wait_until 10 "the lock file to go" no_lock

rasmand=$rasmand_pid
stop_rasmand
echo "PPP over rasmodem-sim to pppd in UML: MS-CHAPv2, CHAP-MD5 and PAP connected, $v4 and $v6 on ras0 as pppd assigned, ICMP, ICMPv6, TCP over both ($sent bytes sent, $received received in the MS-CHAPv2 call), 691 for a wrong password"
