#!/usr/bin/env bash
# tests/peers/uml-pppd in its --stdio mode behind rasmodem-sim, as the lead's end-to-end
# tests will use it: 5551234 answers with exec:uml-pppd, inside a network namespace that
# has only lo. The client dials, gets CONNECT, waits for pppd's own LCP Configure-Request
# (pppd is active, and flushes its line when it opens it, so nothing sent earlier counts),
# sends one and must get pppd's Configure-Ack of it; pppd's log must decode our frame
# exactly. Hanging up must end pppd, the UML and every process of it.
. "$(dirname "$0")/../lib.sh"
require_root "unshare -n, and UML with the host's / as its root"
require_cmd linux.uml unshare pgrep
[ -x /usr/sbin/pppd ] || skip "needs pppd (package ppp)"
. "$(dirname "$0")/modem_sim_lib.sh"
peer=$OPENRAS_SOURCE_DIR/tests/peers/uml-pppd

start_sim --prefix unshare -n -- \
  --answer "555-1234=exec:$peer --stdio --log $work/uml.log require-pap"

# pppd's request: LCP (C0 21) Configure-Request (01) id 1, escaped as on the wire.
pppd_request='\xff\x7d\x23\xc0\x21\x7d\x21\x7d\x21'
# Ours: [MRU=1500, ACCM=0, Magic=0x1a2b3c4d], every control character escaped (the frame of
# reference/ppp-peers.md 1.5a); pppd's Configure-Ack (02) id 1 carries our magic back.
lcp='\x7e\xff\x7d\x23\xc0\x21\x7d\x21\x7d\x21\x7d\x20\x7d\x34\x7d\x21\x7d\x24\x7d\x25\xdc'
lcp+='\x7d\x22\x7d\x26\x7d\x20\x7d\x20\x7d\x20\x7d\x20\x7d\x25\x7d\x26\x7d\x3a\x2b\x3c\x4d'
lcp+='\xbb\x7d\x2e\x7e'
# Up to 30 s per step: UML boots in 3-6 s on an idle machine, far slower on a busy one.
python3 "$CLIENT" --timeout 30 "$sim_dev" 'send:ATZ\r' 'expect:OK\r\n' 'send:ATE0S12=5\r' \
  'expect:OK\r\n' 'send:ATDT5551234\r' 'expect:\r\nCONNECT 115200\r\n' \
  "expect:$pppd_request" "send:$lcp" 'expect:\xff\x7d\x23\xc0\x21\x7d\x22\x7d\x21' \
  'expect:\x7d\x3a\x2b\x3c\x4d' 'pause:0.3' 'send:+++' 'expect:\r\nOK\r\n' 'send:ATH\r' \
  'expect:\r\nOK\r\n' || fail "the dialogue with pppd failed; its log: $(cat "$work/uml.log")"

session=$(far_end_pid)
[ -n "$session" ] || fail "the log names no far end"
wait_gone "$session" "uml-pppd after ATH"
# The UML leads a session of its own: find its processes by the options file the guest
# named in the log, and require them all gone ([U]: not this sh -c itself).
options=$(sed -n 's/^uml-pppd: starting pppd with options (\([^)]*\)).*/\1/p' "$work/uml.log")
[ -n "$options" ] || fail "the guest never started pppd: $(cat "$work/uml.log")"
sim_wait_for 10 "the UML to be gone" sh -c "! pgrep -f '[U]ML_PPPD_OPTIONS=$options' >/dev/null"
# uml-pppd removes it on its way out, which may end after its UML's processes.
sim_wait_for 10 "uml-pppd to remove its scratch directory $(dirname "$options")" \
  sh -c "[ ! -e '$(dirname "$options")' ]"
grep -qF 'rcvd [LCP ConfReq id=0x1 <mru 1500> <asyncmap 0x0> <magic 0x1a2b3c4d>]' "$work/uml.log" ||
  fail "pppd's log lacks its decode of our request: $(cat "$work/uml.log")"
grep -q "dial 5551234: exec:$peer" "$work/log" || fail "the modem's log lacks the dial"
stop_sim
echo "uml-pppd behind rasmodem-sim: CONNECT, pppd acked our LCP request, hung up, UML gone"
