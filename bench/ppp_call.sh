#!/usr/bin/env bash
# ppp_call.sh [BUILD_DIR] [MEGABYTES]: the whole data path of a call, measured (issue 12's
# performance items), as root, in a network namespace of its own. rasmand dials a modem
# entry on rasmodem-sim whose number runs slirp-fullbolt; then:
#   - negotiation: rasdial's start to "Connected" (CONNECT → Connected with PAP and IPCP),
#     in ms, and the PPP frames it took each way (the link's statistics at that moment);
#   - throughput: MEGABYTES (default 8) sent by TCP through ras0 → link → PPP → pty →
#     rasmodem-sim → pty → slirp → loopback server, and fetched back the other way, with
#     the link process's CPU time for each (sending is bounded by slirp's own TCP receive
#     window and its 200 ms delayed-ACK timer, not by the link: compare the CPU times);
# each beside a reference measured in the same run: the same transfer over the
# namespace's loopback alone, and a fork+exec of /bin/true. Prints "ratio" lines.
set -euo pipefail
. "$(dirname "$0")/call_lib.sh"
mb=${2:-8}
for cmd in socat jq ss; do
  command -v "$cmd" >/dev/null || bench_fail "needs $cmd (scripts/deps.sh installs it)"
done
# slirp paces what it sends to its `baudrate` even as slirp-fullbolt: lift it, so the
# figures are ours and slirp's TCP, not a 1990s modem's.
start_call $'ppp\n-bsdcomp\n+pap\ndns 127.0.0.1\nppp_exit\nnozeros\nbaudrate 2000000000\n' \
  IpPrioritizeRemote=1
# On the loopback: a sink that answers with the byte count once the sender is done, and a
# source that sends MEGABYTES.
socat TCP-LISTEN:7777,bind=127.0.0.1,reuseaddr,fork SYSTEM:'wc -c' &
pids+=($!)
socat TCP-LISTEN:7778,bind=127.0.0.1,reuseaddr,fork SYSTEM:"head -c $((mb * 1048576)) /dev/zero" &
pids+=($!)
for _ in $(seq 100); do ss -Hltn 'sport = :7778' | grep -q . && break; sleep 0.05; done

t0=$(now_ms)
"$bin/rasdial/rasdial" Bench testuser testpass >"$work/dial.out" 2>&1
t1=$(now_ms)
status=$("$bin/rasdial/rasdial" --status Bench --json)
frames_out=$(jq -r .statistics.frames_sent <<<"$status")
frames_in=$(jq -r .statistics.frames_received <<<"$status")
# This call's link: the one in this network namespace (another rasmand's may run on the host).
link=
for candidate in $(pgrep -f '^openras-link' || true) $(pgrep -x openras-link || true); do
  [ "$(readlink "/proc/$candidate/ns/net" 2>/dev/null)" = "$(readlink /proc/self/ns/net)" ] &&
    link=$candidate
done
[ -n "$link" ] || bench_fail "no openras-link in this network namespace"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

send() {  # send ADDRESS [BIND]: MEGABYTES through TCP; prints the ms it took
  local from=$(now_ms) got
  got=$(head -c "$((mb * 1048576))" /dev/zero | socat -t 30 - "TCP:$1:7777${2:+,bind=$2}")
  [ "$got" -eq "$((mb * 1048576))" ] || bench_fail "the sink got $got bytes"
  echo $(($(now_ms) - from))
}
fetch() {  # fetch ADDRESS [BIND]: MEGABYTES from the source; prints the ms it took
  local from=$(now_ms) got
  got=$(socat -t 30 -u "TCP:$1:7778${2:+,bind=$2}" - | wc -c)
  [ "$got" -eq "$((mb * 1048576))" ] || bench_fail "fetched $got bytes"
  echo $(($(now_ms) - from))
}
c0=$(ticks "$link")
ppp_ms=$(send 10.0.2.2 10.0.2.15)
c1=$(ticks "$link")
down_ms=$(fetch 10.0.2.2 10.0.2.15)
c2=$(ticks "$link")
lo_ms=$(send 127.0.0.1)
f0=$(now_ms)
for _ in $(seq 20); do /bin/true; done
fork_ms_x1000=$(( ($(now_ms) - f0) * 1000 / 20 ))
"$bin/rasdial/rasdial" Bench /DISCONNECT >/dev/null

dial_ms=$((t1 - t0))
cpu_ms=$(( (c1 - c0) * 1000 / hz ))
printf 'negotiation: rasdial to Connected %d ms (PAP + IPCP; %s frames sent, %s received by then)\n' \
  "$dial_ms" "$frames_out" "$frames_in"
printf 'reference: fork+exec of /bin/true %d.%03d ms\n' $((fork_ms_x1000 / 1000)) $((fork_ms_x1000 % 1000))
printf 'throughput: %d MB through ras0, PPP, ptys and slirp in %d ms = %d KB/s\n' "$mb" "$ppp_ms" \
  $((mb * 1024 * 1000 / (ppp_ms > 0 ? ppp_ms : 1)))
printf 'throughput back: %d MB from the loopback through slirp, PPP and ras0 in %d ms = %d KB/s; link CPU %d ms\n' \
  "$mb" "$down_ms" $((mb * 1024 * 1000 / (down_ms > 0 ? down_ms : 1))) $(( (c2 - c1) * 1000 / hz ))
printf 'reference: %d MB over the loopback alone in %d ms\n' "$mb" "$lo_ms"
printf 'link CPU: %d ms for %d MB = %d ms/MB\n' "$cpu_ms" "$mb" $((cpu_ms / mb))
printf 'ratio: dial / fork+exec = %d\n' $((dial_ms * 1000 / (fork_ms_x1000 > 0 ? fork_ms_x1000 : 1)))
printf 'ratio: PPP path time / loopback time = %d\n' $((ppp_ms / (lo_ms > 0 ? lo_ms : 1)))
