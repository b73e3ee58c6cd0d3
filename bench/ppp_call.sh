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
if [ "${OPENRAS_PRIVATE_NETWORK:-}" != 1 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "ppp_call.sh: needs root (unshare -n, TUN)" >&2; exit 1; }
  OPENRAS_PRIVATE_NETWORK=1 exec unshare -n bash "$0" "$@"
fi
ip link set lo up
build=$(realpath "${1:-build/release}")
mb=${2:-8}
bin=$build/tools
for tool in rasdial/rasdial rasreg/rasreg rasmand/rasmand openras-link/openras-link \
  rasmodem-sim/rasmodem-sim; do
  [ -x "$bin/$tool" ] || { echo "ppp_call.sh: $bin/$tool is not built (build its target)" >&2; exit 1; }
done
for cmd in slirp-fullbolt socat jq ss; do
  command -v "$cmd" >/dev/null || { echo "ppp_call.sh: needs $cmd (scripts/deps.sh installs it)" >&2; exit 1; }
done
work=$(mktemp -d /var/lib/openras-bench.XXXXXX)
chmod 0755 "$work"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
now_ms() { date +%s%3N; }
export OPENRAS_ROOT=$work/root OPENRAS_RASMAND_AUTOSTART=0 LD_LIBRARY_PATH=$build
mkdir -m 0755 -p "$work/root/etc/openras/pbk" "$work/slirp"
# slirp paces what it sends to its `baudrate` even as slirp-fullbolt: lift it, so the
# figures are ours and slirp's TCP, not a 1990s modem's.
printf 'ppp\n-bsdcomp\n+pap\ndns 127.0.0.1\nppp_exit\nnozeros\nbaudrate 2000000000\n' \
  >"$work/slirp/.slirprc"
printf 'testuser * testpass 10.0.2.15\n' >"$work/slirp/.pap-secrets"
chmod 0600 "$work/slirp/.pap-secrets"
HOME=$work/slirp "$bin/rasmodem-sim/rasmodem-sim" --answer '5551234=exec:slirp-fullbolt' \
  >"$work/sim.out" 2>"$work/sim.err" &
pids+=($!)
for _ in $(seq 200); do [ -s "$work/sim.out" ] && break; sleep 0.05; done
port=$(head -n 1 "$work/sim.out")
reg() { "$bin/rasreg/rasreg" add 'HKLM\Software\OpenRAS\Devices\Modem1' /v "$1" /t REG_SZ /d "$2" /f >/dev/null; }
reg Type modem
reg Port "$port"
reg FlowControl none
printf '[Bench]\nEncoding=1\nType=1\nRedialAttempts=0\nIpPrioritizeRemote=1\nMEDIA=serial\nDevice=Modem1\n\nDEVICE=modem\nPhoneNumber=5551234\n\n' \
  >"$work/root/etc/openras/pbk/rasphone.pbk"
chmod 0644 "$work/root/etc/openras/pbk/rasphone.pbk"
"$bin/rasmand/rasmand" --root "$work/root" >"$work/rasmand.log" 2>&1 &
pids+=($!)
for _ in $(seq 200); do [ -S "$work/root/run/openras/rasman.sock" ] && break; sleep 0.05; done
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
link=$(pgrep -f '^openras-link' | tail -1 || true)
[ -n "$link" ] || link=$(pgrep -x openras-link | tail -1)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

send() {  # send ADDRESS [BIND]: MEGABYTES through TCP; prints the ms it took
  local from=$(now_ms) got
  got=$(head -c "$((mb * 1048576))" /dev/zero | socat -t 30 - "TCP:$1:7777${2:+,bind=$2}")
  [ "$got" -eq "$((mb * 1048576))" ] || { echo "ppp_call.sh: the sink got $got bytes" >&2; exit 1; }
  echo $(($(now_ms) - from))
}
fetch() {  # fetch ADDRESS [BIND]: MEGABYTES from the source; prints the ms it took
  local from=$(now_ms) got
  got=$(socat -t 30 -u "TCP:$1:7778${2:+,bind=$2}" - | wc -c)
  [ "$got" -eq "$((mb * 1048576))" ] || { echo "ppp_call.sh: fetched $got bytes" >&2; exit 1; }
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
