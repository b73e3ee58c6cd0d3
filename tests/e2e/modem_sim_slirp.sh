#!/usr/bin/env bash
# A real PPP peer behind rasmodem-sim: slirp-fullbolt (reference/ppp-peers.md §1) answers
# 5551234 with exec:, inside a network namespace that has only lo. The client dials, gets
# CONNECT, sends an LCP Configure-Request and must receive slirp's Configure-Ack of it;
# hanging up with +++ and ATH ends slirp.
. "$(dirname "$0")/../lib.sh"
require_root "unshare -n (a private network namespace for slirp)"
require_cmd slirp-fullbolt unshare pgrep
. "$(dirname "$0")/modem_sim_lib.sh"

mkdir -p "$work/home"  # slirp reads $HOME/.slirprc and friends: give it an empty home
start_sim --prefix unshare -n env HOME="$work/home" -- \
  --answer '555-1234=exec:slirp-fullbolt ppp -bsdcomp "dns 127.0.0.1" nozeros'

# LCP Configure-Request [MRU=1500, ACCM=0, Magic=0x1a2b3c4d], RFC 1662 framing with every
# control character escaped (the frame of reference/ppp-peers.md §1.5a).
lcp='\x7e\xff\x7d\x23\xc0\x21\x7d\x21\x7d\x21\x7d\x20\x7d\x34\x7d\x21\x7d\x24\x7d\x25\xdc'
lcp+='\x7d\x22\x7d\x26\x7d\x20\x7d\x20\x7d\x20\x7d\x20\x7d\x25\x7d\x26\x7d\x3a\x2b\x3c\x4d'
lcp+='\xbb\x7d\x2e\x7e'
# slirp must answer with LCP (C0 21) Configure-Ack (02) id 1 that carries our magic number
# back (1a 2b 3c 4d, the 1a escaped): a PPP peer answered, not an echo of our own frame.
talk "$sim_dev" 'send:ATZ\r' 'expect:OK\r\n' 'send:ATE0S12=5\r' 'expect:OK\r\n' \
  'send:ATDT5551234\r' 'expect:\r\nCONNECT 115200\r\n' \
  "send:$lcp" 'expect:\xff\x7d\x23\xc0\x21\x7d\x22\x7d\x21' 'expect:\x7d\x3a\x2b\x3c\x4d' \
  'pause:0.3' 'send:+++' 'expect:\r\nOK\r\n' 'send:ATH\r' 'expect:\r\nOK\r\n'
slirp_session=$(far_end_pid)
[ -n "$slirp_session" ] || fail "the log names no far end"
wait_gone "$slirp_session" "slirp after ATH"
grep -q "dial 5551234: exec:slirp-fullbolt" "$work/log" || fail "log lacks the dial"
stop_sim
echo "rasmodem-sim with slirp: CONNECT, slirp acked our LCP request, hung up cleanly"
