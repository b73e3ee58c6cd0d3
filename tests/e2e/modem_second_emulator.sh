#!/usr/bin/env bash
# The modem driver against a Hayes modem it was not written with (issue 11's acceptance):
# tests/peers/hayes-emu, written separately from rasmodem-sim after the Rockwell/USR manuals
# (echo on, X4 waiting for a dial tone a PBX line never gives, an unsolicited RING, W1
# progress lines, "CONNECT 115200/ARQ/V42BIS", numeric codes ending in a lone CR under V0).
# Configured only through the device's Init strings: without "ATX3" the dial is 680
# (NO DIALTONE); with it the call connects and PPP reaches slirp (Connected, 10.0.2.15 on
# ras0); with "ATV0X3" the same through numeric result codes; the hang-up ends the far end.
. "$(dirname "$0")/../lib.sh"
private_network
require_root "rasmand makes TUN interfaces; the hive sits in root-owned directories"
require_cmd slirp-fullbolt python3 ip jq timeout

. "$(dirname "$0")/dial_lib.sh"
. "$(dirname "$0")/modem_dial_lib.sh"

slirp_home
HOME=$work/slirp "$OPENRAS_SOURCE_DIR/tests/peers/hayes-emu" --log "$work/emu.log" \
  --answer '5551234=slirp-fullbolt' >"$work/emu.out" 2>"$work/emu.err" &
pids+=($!)
wait_until 10 "hayes-emu's device path" test -s "$work/emu.out"
port=$(head -n 1 "$work/emu.out")
[ -c "$port" ] || fail "hayes-emu's first line \"$port\" is not a device"

mkdir -p "$work/root/etc/openras/pbk"
dev Rockwell Type REG_SZ modem
dev Rockwell Port REG_SZ "$port"
dev Rockwell FlowControl REG_SZ none
entry Office Rockwell 555-1234 >"$work/root/etc/openras/pbk/rasphone.pbk"
chmod 0644 "$work/root/etc/openras/pbk/rasphone.pbk"
start_rasmand
at_exit '[ "$exit_status" -eq 0 ] || { echo "--- hayes-emu log:"; cat "$work/emu.log"; echo "--- rasmand log:"; tail -30 "$work/rasmand.log"; } >&2'

# Out of the box the modem waits for a dial tone the line never gives.
rc_of R Office testuser testpass
expect_error 680 "a dial without ATX3 on a line with no dial tone"
grep -q '> NO DIALTONE' "$work/emu.log" || fail "hayes-emu did not answer NO DIALTONE"
grep -q '> RING' "$work/emu.log" || fail "hayes-emu's unsolicited RING was not sent"
wait_until 10 "the lock file to go" no_lock

# The installer's fix, as on real PBX lines: blind dialing in the init string.
changes() { grep -c 'registry changed' "$work/rasmand.log" || true; }
changed_since() { [ "$(changes)" -gt "$1" ]; }
for init in ATX3 ATV0X3; do
  seen=$(changes)
  dev Rockwell Init REG_MULTI_SZ "AT&F\\0$init"
  # rasmand re-reads the hive 200 ms after it settles (docs/protocol.md).
  wait_until 10 "rasmand to re-read the registry" changed_since "$seen"
  rc_of timeout 30 "$bin/rasdial" Office testuser testpass
  [ "$rc" -eq 0 ] || fail "the dial with Init $init failed (exit $rc): $out"
  grep -q "< $init" "$work/emu.log" || fail "the init string $init did not reach the modem"
  addr=$(ip -j addr show dev ras0) || fail "no ras0 while connected (Init $init)"
  [ "$(jq -r '.[0].addr_info[] | select(.family=="inet") | .local' <<<"$addr")" = 10.0.2.15 ] \
    || fail "ras0 does not carry 10.0.2.15 (Init $init): $addr"
  status=$("$bin/rasdial" --status Office --json) || fail "rasdial --status failed: $status"
  [ "$(jq -r .statistics.bps <<<"$status")" = 115200 ] || fail "dwBps is not CONNECT's (Init $init): $status"
  expect_contains "$(R Office /DISCONNECT)" "Command completed successfully." "hang-up (Init $init)"
  wait_for "ras0 to go" 10 sh -c '! ip link show ras0 >/dev/null 2>&1'
  wait_until 10 "the lock file to go" no_lock
  wait_until 10 "hayes-emu to end the call" grep -q '\* hung up' "$work/emu.log"
  : >"$work/emu.log"
done

rasmand=$rasmand_pid
stop_rasmand
echo "a second Hayes emulator: 680 without ATX3; Connected through verbose and numeric result codes with the device's Init strings"
