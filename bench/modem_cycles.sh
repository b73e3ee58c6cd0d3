#!/usr/bin/env bash
# modem_cycles.sh [BUILD_DIR] [CYCLES]: dial and hang up a modem connection CYCLES times
# (default 100; issue 11's performance item), as root, in a network namespace of its own:
# rasdial on an entry whose number rasmodem-sim answers with slirp-fullbolt (PAP), to
# Connected, then /DISCONNECT. Reports the time per cycle beside a fork+exec of /bin/true
# measured in the same run, rasmand's resident memory and open descriptors after the first
# cycle and after the last (ratios: flat is 1.00), and what is left behind at the end —
# link processes (besides the zygote), lock files, TUN interfaces — which must be none.
set -euo pipefail
if [ "${OPENRAS_PRIVATE_NETWORK:-}" != 1 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "modem_cycles.sh: needs root (unshare -n, TUN)" >&2; exit 1; }
  OPENRAS_PRIVATE_NETWORK=1 exec unshare -n bash "$0" "$@"
fi
ip link set lo up
build=$(realpath "${1:-build/release}")
cycles=${2:-100}
bin=$build/tools
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
printf 'ppp\n-bsdcomp\n+pap\nppp_exit\nnozeros\n' >"$work/slirp/.slirprc"
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
printf '[Bench]\nEncoding=1\nType=1\nRedialAttempts=0\nMEDIA=serial\nDevice=Modem1\n\nDEVICE=modem\nPhoneNumber=5551234\n\n' \
  >"$work/root/etc/openras/pbk/rasphone.pbk"
chmod 0644 "$work/root/etc/openras/pbk/rasphone.pbk"
"$bin/rasmand/rasmand" --root "$work/root" >"$work/rasmand.log" 2>&1 &
rasmand=$!
pids+=($rasmand)
for _ in $(seq 200); do [ -S "$work/root/run/openras/rasman.sock" ] && break; sleep 0.05; done

rss() { awk '/^VmRSS/ {print $2}' "/proc/$rasmand/status"; }
fds() { ls "/proc/$rasmand/fd" | wc -l; }
tuns() { ip -o link show type tun | wc -l; }
cycle() {
  "$bin/rasdial/rasdial" Bench testuser testpass >"$work/dial.out" 2>&1 \
    || { echo "modem_cycles.sh: dial $1 failed: $(cat "$work/dial.out")" >&2; exit 1; }
  "$bin/rasdial/rasdial" Bench /DISCONNECT >/dev/null
  # The hang-up is done when the interface has gone (the last descriptor to it closed).
  for _ in $(seq 200); do [ "$(tuns)" -eq 0 ] && break; sleep 0.01; done
}
cycle 1
rss1=$(rss)
fds1=$(fds)
t0=$(now_ms)
for i in $(seq 2 "$cycles"); do cycle "$i"; done
t1=$(now_ms)
sleep 0.5  # the last link's exit and the port's release
rss2=$(rss)
fds2=$(fds)
# Link processes are the zygote's children (the zygote is rasmand's, named openras-zygote).
zygote=$(pgrep -x -P "$rasmand" openras-zygote || true)
links=0
[ -z "$zygote" ] || links=$(pgrep -P "$zygote" | wc -l || true)
locks=$(ls -A "$work/root/var/lock" 2>/dev/null | wc -l)
f0=$(now_ms)
for _ in $(seq 20); do /bin/true; done
fork_us=$(( ($(now_ms) - f0) * 1000 / 20 ))

per_cycle_us=$(( (t1 - t0) * 1000 / (cycles > 1 ? cycles - 1 : 1) ))
printf 'cycles: %d dial (PAP + IPCP to Connected) and hang-up cycles; %d.%03d ms each\n' \
  "$cycles" $((per_cycle_us / 1000)) $((per_cycle_us % 1000))
printf 'reference: fork+exec of /bin/true %d.%03d ms\n' $((fork_us / 1000)) $((fork_us % 1000))
printf 'ratio: cycle / fork+exec = %d\n' $((per_cycle_us / (fork_us > 0 ? fork_us : 1)))
printf 'rasmand RSS: %d KiB after the first cycle, %d KiB after the last; ratio %d.%02d\n' \
  "$rss1" "$rss2" $((rss2 / rss1)) $(((rss2 * 100 / rss1) % 100))
printf 'rasmand descriptors: %d after the first cycle, %d after the last\n' "$fds1" "$fds2"
printf 'left behind: %d link processes, %d lock files, %d TUN interfaces\n' \
  "$links" "$locks" "$(tuns)"
