#!/usr/bin/env bash
# Issue 6's acceptance for a custom-dialer entry, through rasmand: `rasdial ENTRY` in one
# process, `rasdial` in another lists it, `rasdial ENTRY /DISCONNECT` in a third ends it,
# and that hang-up reaches the dialer's RasCustomHangUp in the first process. A real
# non-root user neither sees nor hangs up root's connection.
. "$(dirname "$0")/../lib.sh"
require_root "dialers must sit in root-owned directories; a second real user is needed"
require_cmd setpriv useradd

build=$OPENRAS_BUILD_DIR
work=$(mktemp -d /var/lib/openras-e2e.XXXXXX)
chmod 0755 "$work"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  rm -rf "$work"
}
at_exit cleanup
mkdir -m 0755 "$work/root" "$work/dialers" "$work/bin" "$work/lib"
install -m 0644 "$build/dialers/example.so" "$work/dialers/example.so"
for tool in rasdial/rasdial rasreg/rasreg rasmand/rasmand; do
  install -m 0755 "$build/tools/$tool" "$work/bin/"
done
cp -L "$build/libopenras.so.1" "$work/lib/" && chmod 0644 "$work/lib/libopenras.so.1"
export LD_LIBRARY_PATH=$work/lib OPENRAS_ROOT=$work/root OPENRAS_EXAMPLE_LOG=$work/example.log
# The test's own rasmand is the one under test: a crashed one must not be replaced.
export OPENRAS_RASMAND_AUTOSTART=0
touch "$OPENRAS_EXAMPLE_LOG" && chmod 0666 "$OPENRAS_EXAMPLE_LOG"
bin=$work/bin

"$bin/rasreg" add 'HKLM\System\CurrentControlSet\Services\Rasman\Parameters' /v CustomDLL \
  /t REG_MULTI_SZ /d "$work/dialers/example.so" /f >/dev/null
# An all-users entry naming the example dialer (written as Windows writes the file).
mkdir -p "$work/root/etc/openras/pbk"
cat >"$work/root/etc/openras/pbk/rasphone.pbk" <<PBK
[Office]
Encoding=1
Type=1
CustomRasDialDll=$work/dialers/example.so

MEDIA=serial
Port=ttyS0
Device=Example modem

DEVICE=modem
PhoneNumber=5550100
PBK
chmod 0644 "$work/root/etc/openras/pbk/rasphone.pbk"

"$bin/rasmand" --root "$work/root" >"$work/rasmand.log" 2>&1 &
rasmand=$!
pids+=("$rasmand")
wait_for "rasmand to start" 10 test -S "$work/root/run/openras/rasman.sock"

# Process 1 dials and holds the connection.
"$bin/rasdial" Office --wait=60 >"$work/p1.out" 2>&1 &
p1=$!
pids+=("$p1")
for _ in $(seq 100); do grep -q 'Successfully connected' "$work/p1.out" && break; sleep 0.1; done
expect_contains "$(cat "$work/p1.out")" "Successfully connected to Office." "process 1 dials"

# Process 2 lists it.
out=$("$bin/rasdial")
expect_contains "$out" "Connected to" "process 2 lists connections"
expect_contains "$out" "Office" "process 2 sees process 1's connection"

out=$("$bin/rasdial" Office --status)
expect_contains "$out" "Office: Connected." "--status from another process"
out=$("$bin/rasdial" --json)
expect_contains "$out" '"entry":"Office"' "--json listing"
expect_contains "$out" '"all_users":true' "--json marks the all-users entry"

# A real non-root user sees nothing of root's and cannot hang it up.
test_user user a
as_user() { setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups "$@"; }
out=$(as_user "$bin/rasdial")
expect_contains "$out" "No connections" "another user does not see root's connection"
rc=0
out=$(as_user "$bin/rasdial" Office /DISCONNECT 2>&1) || rc=$?
[ "$rc" -ne 0 ] || fail "another user's hang-up of root's connection succeeded: $out"
expect_contains "$out" "You are not connected to Office" "another user cannot hang it up"
kill -0 "$p1" || fail "process 1's connection ended after another user's hang-up attempt"

# Process 3 hangs it up; the hang-up reaches RasCustomHangUp inside process 1.
out=$("$bin/rasdial" Office /DISCONNECT)
expect_contains "$out" "Command completed successfully." "process 3 hangs up"
for _ in $(seq 100); do kill -0 "$p1" 2>/dev/null || break; sleep 0.1; done
kill -0 "$p1" 2>/dev/null && fail "process 1 still holds the connection"
wait "$p1" || fail "process 1's rasdial failed: $(cat "$work/p1.out")"
expect_contains "$(cat "$work/p1.out")" "hung up by another process" "process 1 learns of the hang-up"
expect_contains "$(cat "$OPENRAS_EXAMPLE_LOG")" "RasCustomHangUp entry=Office" \
  "the example dialer's RasCustomHangUp ran"
out=$("$bin/rasdial")
expect_contains "$out" "No connections" "the connection is gone everywhere"
stop_process "$rasmand" TERM 10
[ "$stopped_rc" -eq 0 ] || fail "rasmand exited $stopped_rc on SIGTERM: $(cat "$work/rasmand.log")"
no_sanitizer_report "$work/rasmand.log" "rasmand"
echo "rasdial across processes through rasmand: dial, list, hang up from a third process"
