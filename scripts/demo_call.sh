#!/usr/bin/env bash
# demo_call.sh DEMO_DIR: the second half of scripts/demo.sh, run by it inside a network
# namespace of its own (unshare -n), so nothing here can reach the host's network. A real
# call: the `passthrough` sample dialer, built against the installed SDK, forwards to the
# built-in modem driver; rasmodem-sim answers the number with slirp, a real PPP server;
# PPP authenticates, negotiates IPCP, and the connection's TUN interface carries TCP to a
# server on this namespace's loopback (slirp's 10.0.2.2). Expects PATH, PKG_CONFIG_PATH
# and LD_LIBRARY_PATH as demo.sh sets them.
set -euo pipefail
demo=$1
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
ip link set lo up
root=$demo/call-root
mkdir -m 0755 "$root"
export OPENRAS_ROOT=$root
pids=()
finish() {
  local p
  pkill -f "rasmand --root $root" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap finish EXIT

step "Build the passthrough dialer against the installed SDK and allow it"
src=$(dirname "$(dirname "$(find "$demo/sdk" -path '*dialers/passthrough/passthrough.c')")")
# shellcheck disable=SC2046
cc -std=c99 -Wall -Werror -shared -fPIC -pthread -o "$demo/dialers/passthrough.so" \
  "$src/passthrough/passthrough.c" $(pkg-config --cflags --libs openras)
chmod 0644 "$demo/dialers/passthrough.so"
rasreg add 'HKLM\System\CurrentControlSet\Services\Rasman\Parameters' /v CustomDLL \
  /t REG_MULTI_SZ /d "$demo/dialers/passthrough.so" /f

step "rasmodem-sim: a Hayes modem on a pty; 5551234 answers with slirp (PPP, PAP testuser/testpass)"
mkdir -p "$demo/slirp"
printf 'ppp\n-bsdcomp\n+pap\ndns 127.0.0.1\nppp_exit\nnozeros\n' >"$demo/slirp/.slirprc"
printf 'testuser * testpass 10.0.2.15\n' >"$demo/slirp/.pap-secrets"
chmod 0600 "$demo/slirp/.pap-secrets"
HOME=$demo/slirp rasmodem-sim --log "$demo/modem.log" \
  --answer '5551234=exec:slirp-fullbolt' >"$demo/modem.out" 2>"$demo/modem.err" &
pids+=($!)
for _ in $(seq 100); do [ -s "$demo/modem.out" ] && break; sleep 0.05; done
port=$(head -n 1 "$demo/modem.out")
echo "modem on $port"
rasreg add 'HKLM\Software\OpenRAS\Devices\Demo modem' /v Type /t REG_SZ /d modem /f
rasreg add 'HKLM\Software\OpenRAS\Devices\Demo modem' /v Port /t REG_SZ /d "$port" /f
rasreg add 'HKLM\Software\OpenRAS\Devices\Demo modem' /v FlowControl /t REG_SZ /d none /f

step "An entry \"Dial-up\" naming the passthrough dialer and the modem (rasphone.pbk)"
mkdir -p "$root/etc/openras/pbk"
cat >"$root/etc/openras/pbk/rasphone.pbk" <<PBK
[Dial-up]
Encoding=1
Type=1
CustomRasDialDll=$demo/dialers/passthrough.so
IpPrioritizeRemote=1
RedialAttempts=0
MEDIA=serial
Device=Demo modem

DEVICE=modem
PhoneNumber=555-1234
PBK
chmod 0644 "$root/etc/openras/pbk/rasphone.pbk"
cat "$root/etc/openras/pbk/rasphone.pbk"

# A server on this namespace's loopback; slirp turns 10.0.2.2 into it.
socat TCP-LISTEN:7777,bind=127.0.0.1,reuseaddr,fork SYSTEM:'read l; echo "loopback server got: $l"' &
pids+=($!)

step "rasdial Dial-up testuser testpass --wait=30   (the call; held while we look at it)"
rasdial Dial-up testuser testpass --wait=30 &
dialer=$!
pids+=("$dialer")
for _ in $(seq 200); do ip link show ras0 >/dev/null 2>&1 && \
  ip -4 addr show dev ras0 | grep -q inet && break; sleep 0.05; done

step "ip addr show ras0   (the connection's TUN interface, addresses from IPCP)"
ip addr show dev ras0
ip route show

step "TCP through ras0: echo hello | socat - TCP:10.0.2.2:7777,bind=10.0.2.15"
echo "hello over PPP" | timeout 20 socat -t 10 - TCP:10.0.2.2:7777,bind=10.0.2.15

step "rasdial --status Dial-up   (RasGetConnectionStatistics, RasGetProjectionInfoEx)"
rasdial --status Dial-up

step "rasdial Dial-up /DISCONNECT   (RasCustomHangUp, the interface goes)"
rasdial Dial-up /DISCONNECT
wait "$dialer" || true
for _ in $(seq 100); do ip link show ras0 >/dev/null 2>&1 || break; sleep 0.05; done
ip link show ras0 >/dev/null 2>&1 && { echo "ras0 is still there" >&2; exit 1; }
echo "ras0 is gone"
