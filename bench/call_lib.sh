# call_lib.sh: what the whole-call benchmarks (ppp_call.sh, modem_cycles.sh) share. Source
# it first thing, as root, with BUILD_DIR as $1: it re-executes the script in a network
# namespace of its own (unshare -n) and gives $build, $bin, $work (removed at exit, with
# every process in $pids killed), now_ms, bench_fail MESSAGE, and start_call SLIRPRC
# [ENTRY-HEADER-LINES]: slirp-fullbolt with SLIRPRC (PAP as testuser/testpass, 10.0.2.15)
# answering 5551234 behind rasmodem-sim, the modem device Modem1 on it, the phone-book entry
# Bench, and rasmand for the root (its pid in $rasmand).
me=$(basename "$0")
bench_fail() { echo "$me: $1" >&2; exit 1; }
if [ "${OPENRAS_PRIVATE_NETWORK:-}" != 1 ]; then
  [ "$(id -u)" -eq 0 ] || bench_fail "needs root (unshare -n, TUN)"
  OPENRAS_PRIVATE_NETWORK=1 exec unshare -n bash "$0" "$@"
fi
ip link set lo up
build=$(realpath "${1:-build/release}")
bin=$build/tools
for tool in rasdial/rasdial rasreg/rasreg rasmand/rasmand openras-link/openras-link \
  rasmodem-sim/rasmodem-sim; do
  [ -x "$bin/$tool" ] || bench_fail "$bin/$tool is not built (build its target)"
done
command -v slirp-fullbolt >/dev/null || bench_fail "needs slirp-fullbolt (scripts/deps.sh installs it)"
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

start_call() {  # start_call SLIRPRC [ENTRY-HEADER-LINES]
  mkdir -m 0755 -p "$work/root/etc/openras/pbk" "$work/slirp"
  printf '%s' "$1" >"$work/slirp/.slirprc"
  printf 'testuser * testpass 10.0.2.15\n' >"$work/slirp/.pap-secrets"
  chmod 0600 "$work/slirp/.pap-secrets"
  HOME=$work/slirp "$bin/rasmodem-sim/rasmodem-sim" --answer '5551234=exec:slirp-fullbolt' \
    >"$work/sim.out" 2>"$work/sim.err" &
  pids+=($!)
  for _ in $(seq 200); do [ -s "$work/sim.out" ] && break; sleep 0.05; done
  local port
  port=$(head -n 1 "$work/sim.out")
  [ -c "$port" ] || bench_fail "rasmodem-sim gave no device: $(cat "$work/sim.err")"
  local value
  for value in "Type modem" "Port $port" "FlowControl none"; do
    "$bin/rasreg/rasreg" add 'HKLM\Software\OpenRAS\Devices\Modem1' /v "${value%% *}" /t REG_SZ \
      /d "${value#* }" /f >/dev/null
  done
  printf '[Bench]\nEncoding=1\nType=1\nRedialAttempts=0\n%sMEDIA=serial\nDevice=Modem1\n\nDEVICE=modem\nPhoneNumber=5551234\n\n' \
    "${2:+$2$'\n'}" >"$work/root/etc/openras/pbk/rasphone.pbk"
  chmod 0644 "$work/root/etc/openras/pbk/rasphone.pbk"
  "$bin/rasmand/rasmand" --root "$work/root" >"$work/rasmand.log" 2>&1 &
  rasmand=$!
  pids+=($rasmand)
  for _ in $(seq 200); do [ -S "$work/root/run/openras/rasman.sock" ] && break; sleep 0.05; done
}
