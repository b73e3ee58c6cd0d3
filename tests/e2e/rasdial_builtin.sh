#!/usr/bin/env bash
# Built-in dials through rasmand and its link processes, on a test device (issue 6 §4):
# `rasdial ENTRY --wait` connects with progress lines; `rasdial` in another process lists
# it; `rasdial ENTRY /DISCONNECT` ends it; a busy line is error 676; a device in use is
# 633; an unknown device is 608; the link runs as nobody with only its socket open, forked
# by rasmand's link zygote, itself nobody; a link killed with SIGKILL ends the connection
# (829) and rasdial --wait notices; a zygote killed with SIGKILL leaves its links running
# and watched, and the next dial starts a new one; the passthrough dialer completes a
# built-in dial; with no rasmand the dial fails with 711; rasmand notices `rasreg add` and
# a hive made untrusted (its "registry changed" line).
. "$(dirname "$0")/../lib.sh"
require_root "the HKLM hive and dialers must sit in root-owned directories; the link drops to nobody"
require_cmd timeout pgrep setpriv useradd readelf

. "$(dirname "$0")/dial_lib.sh"
mkdir -m 0755 "$work/dialers"
install -m 0644 "$build/dialers/passthrough.so" "$work/dialers/passthrough.so"
install -m 0755 "$(find "$build" -name rasdial_test_client -type f | head -1)" "$work/bin/client"
R() { timeout 30 "$bin/rasdial" "$@" 2>&1; }

# rc_of COMMAND...: the exit status, output in $out.
rc_of() { rc=0; out=$("$@") || rc=$?; }

# With no rasmand (and rasdial told not to start one), a built-in dial fails at once with 711.
mkdir -p "$work/root/etc/openras/pbk"
dev Test0 Type REG_SZ test
dev Test1 Type REG_SZ test
dev Test1 Speed REG_DWORD 115200
{
  entry Office Test0 5550100
  entry Busy Test1 busy
  entry NoCarrier Test1 nocarrier
  entry Ghost Nowhere 5550100
  entry Pass Test1 5550101 "$work/dialers/passthrough.so"
} >"$work/root/etc/openras/pbk/rasphone.pbk"
chmod 0644 "$work/root/etc/openras/pbk/rasphone.pbk"
"$bin/rasreg" add 'HKLM\System\CurrentControlSet\Services\Rasman\Parameters' /v CustomDLL \
  /t REG_MULTI_SZ /d "$work/dialers/passthrough.so" /f >/dev/null

start=$(date +%s%N)
rc_of env OPENRAS_RASMAND_AUTOSTART=0 timeout 30 "$bin/rasdial" Office
[ "$rc" -eq 3 ] || fail "dial without rasmand: exit $rc, expected 3 (rasmand unreachable): $out"
expect_contains "$out" "error 711" "dial without rasmand: the full code"
[ $(( ($(date +%s%N) - start) / 1000000 )) -lt 5000 ] || fail "dial without rasmand took over 5 s"

start_rasmand
rasmand_pid=$rasmand
# rasmand's link zygote (`openras-link --zygote`, its child, named openras-zygote) and a
# link (the zygote's child; it takes the name openras-link back, but not its own command
# line: a link orphaned by a dead zygote still shows `--zygote`).
zygote() { pgrep -P "$rasmand_pid" -x openras-zygote | head -1; }
a_link() { local z; z=$(zygote); [ -n "$z" ] && pgrep -P "$z" | head -1; }
[ -z "$(zygote)" ] || fail "rasmand started its link zygote before the first dial"

# rasmand re-reads HKLM when it changes: one line per settled change, and a hive that
# became writable by others counts as empty (as for the dialer loader).
wait_log() {  # wait_log PATTERN: until rasmand's log has a line matching PATTERN (10 s)
  for _ in $(seq 100); do grep -qE "$1" "$work/rasmand.log" && return 0; sleep 0.1; done
  fail "rasmand did not log /$1/: $(cat "$work/rasmand.log")"
}
R >/dev/null  # rasmand answers: its loop runs, so the watch is armed
dev Test2 Type REG_SZ test
wait_log "registry changed: 3 devices, 1 allowed dialers$"
chmod 0666 "$work/root/etc/openras/registry/HKLM.reg"
wait_log "registry changed: 0 devices, 0 allowed dialers \(HKEY_LOCAL_MACHINE ignored: .*writable by group or others"
chmod 0644 "$work/root/etc/openras/registry/HKLM.reg"
"$bin/rasreg" delete "HKLM\\Software\\OpenRAS\\Devices\\Test2" /f >/dev/null
wait_log "registry changed: 2 devices, 1 allowed dialers$"

# Process 1 dials and holds the connection.
timeout 60 "$bin/rasdial" Office --wait=50 >"$work/p1.out" 2>&1 &
p1=$!
pids+=("$p1")
for _ in $(seq 100); do grep -q 'Successfully connected' "$work/p1.out" && break; sleep 0.1; done
p1out=$(cat "$work/p1.out")
for line in "Opening the port..." "Port opened." "Connecting the device..." "Device connected." \
  "Verifying username and password..." "Authenticated." "Successfully connected to Office."; do
  expect_contains "$p1out" "$line" "progress line"
done

# The zygote: as nobody, with no_new_privs and its seccomp filter, holding only stdio, its
# control socket and its signalfd. The link process, the zygote's child: as nobody, holding only stdio, its
# socket and its event loop, no_new_privs, its seccomp filter.
zyg=$(zygote)
[ -n "$zyg" ] || fail "no link zygote runs"
[ "$(stat -c %U "/proc/$zyg")" = nobody ] || fail "the zygote runs as $(stat -c %U "/proc/$zyg")"
fds=$(ls "/proc/$zyg/fd" | sort -n | tr '\n' ' ')
[ "$fds" = "0 1 2 3 4 " ] || fail "the zygote holds fds $fds; expected 0 1 2 3 4"
grep -q '^NoNewPrivs:[[:space:]]*1' "/proc/$zyg/status" || fail "the zygote lacks no_new_privs"
grep -q '^Seccomp:[[:space:]]*2' "/proc/$zyg/status" || fail "the zygote runs without its seccomp filter"
# rasmand looked the link user up and passed its numbers: the helper reads no user database.
expect_contains "$(tr '\0' ' ' <"/proc/$zyg/cmdline")" "--zygote --uid $(id -u nobody) --gid $(id -g nobody)" \
  "the zygote's command line"
# rasmand, root for the whole system, binds every symbol at start (full RELRO).
readelf -d "$bin/rasmand" | grep -qE '\(FLAGS(_1)?\).*\bNOW\b' ||
  fail "rasmand is linked without -z now: $(readelf -d "$bin/rasmand" | grep FLAGS)"
# Its command line refuses half an identity or one that is not a number, before anything runs.
link_cli() { rc=0; out=$("$bin/openras-link" "$@" 2>&1 </dev/null) || rc=$?; }
link_cli --zygote --uid 65534
[ "$rc" -eq 2 ] || fail "openras-link --uid alone: exit $rc, expected 2: $out"
expect_contains "$out" "--uid and --gid go together" "openras-link --uid alone"
link_cli --zygote --uid nobody --gid 65534
[ "$rc" -eq 2 ] || fail "openras-link --uid nobody: exit $rc, expected 2: $out"
expect_contains "$out" 'a user'"'"'s and a group'"'"'s number, not "nobody"' "openras-link --uid nobody"
# Built without sanitizers, the helper is a static executable: no loader and no shared
# library for each fork to copy and each link to fault in.
if [ -z "${OPENRAS_SANITIZER_FLAGS:-}" ]; then
  ! grep -q '\.so' "/proc/$zyg/maps" || fail "the zygote maps shared libraries: $(grep '\.so' "/proc/$zyg/maps")"
fi
link=$(a_link)
[ -n "$link" ] || fail "no link process runs"
[ "$(stat -c %U "/proc/$link")" = nobody ] || fail "the link runs as $(stat -c %U "/proc/$link")"
# The release helper's code sits on one huge page (src/link/huge_text.h), which the link
# forked from the zygote maps whole, where the kernel offers transparent huge pages; a
# sanitizer build's code is too large, and says so.
huge_text_kb() {  # the AnonHugePages of PID's anonymous executable mapping
  awk '/^[0-9a-f]+-[0-9a-f]+ /{x = ($2 ~ /x/ && NF == 5)} x && /^AnonHugePages:/{print $2}' \
    "/proc/$1/smaps"
}
thp=/sys/kernel/mm/transparent_hugepage/enabled
if [ -n "${OPENRAS_SANITIZER_FLAGS:-}" ]; then
  wait_log "openras-link --zygote: its code stays on small pages, which each link faults in: the code \([0-9]+ bytes\) is not alone"
elif [ ! -r "$thp" ] || grep -q '\[never\]' "$thp"; then
  wait_log "openras-link --zygote: its code stays on small pages"
else
  ! grep -q "its code stays on small pages" "$work/rasmand.log" ||
    fail "the zygote's code is not on a huge page: $(grep "its code stays" "$work/rasmand.log")"
  [ "$(huge_text_kb "$zyg")" = 2048 ] || fail "the zygote's code is not on a huge page: $(huge_text_kb "$zyg")"
  [ "$(huge_text_kb "$link")" = 2048 ] || fail "the link maps its code from small pages: $(huge_text_kb "$link")"
fi
# Beyond 0-3 only its own event loop: an epoll descriptor and a timerfd.
fds=$(ls "/proc/$link/fd" | sort -n | tr '\n' ' ')
[ "$fds" = "0 1 2 3 4 5 " ] || fail "the link holds fds $fds; expected 0 1 2 3 and its loop's 4 5"
for fd in 4 5; do
  case $(readlink "/proc/$link/fd/$fd") in
    'anon_inode:[eventpoll]' | 'anon_inode:[timerfd]') ;;
    *) fail "the link's fd $fd is $(readlink "/proc/$link/fd/$fd"), not its event loop" ;;
  esac
done
grep -q '^NoNewPrivs:[[:space:]]*1' "/proc/$link/status" || fail "the link lacks no_new_privs"
grep -q '^Seccomp:[[:space:]]*2' "/proc/$link/status" || fail "the link runs without its seccomp filter"

# Process 2 lists it; the device is in use for another dial (633); unknown device (608).
out=$(R)
expect_contains "$out" "Office" "process 2 lists process 1's connection"
entry Second Test0 5550102 >>"$work/root/etc/openras/pbk/rasphone.pbk"
rc_of R Second
[ "$rc" -eq 1 ] || fail "second dial on Test0: exit $rc, expected 1 (error 633): $out"
expect_contains "$out" "error 633" "second dial on Test0: the full code"
expect_contains "$out" "Details: device \"Test0\" is in use by connection 0x" "633 says why"
rc_of R Ghost
[ "$rc" -eq 1 ] || fail "dial on a missing device: exit $rc, expected 1 (error 608): $out"
expect_contains "$out" "error 608" "dial on a missing device: the full code"
expect_contains "$out" "Details: " "608 says why"
expect_contains "$out" "Nowhere" "608's reason names the device"

# Permissions as for every connection: another user neither sees nor hangs up root's;
# their own built-in dial is theirs, and root sees and ends it.
test_user user a
as_user() { setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups "$@"; }
expect_contains "$(as_user "$bin/rasdial" 2>&1)" "No connections" "another user sees nothing of root's"
rc=0
out=$(as_user timeout 30 "$bin/rasdial" Office /DISCONNECT 2>&1) || rc=$?
[ "$rc" -ne 0 ] || fail "another user's hang-up of root's connection succeeded: $out"
expect_contains "$out" "You are not connected to Office" "another user cannot hang up root's"
kill -0 "$p1" || fail "root's connection ended after another user's hang-up attempt"
rc_of as_user timeout 30 "$bin/rasdial" Busy
[ "$rc" -eq 1 ] || fail "another user's busy dial: exit $rc: $out"
expect_contains "$out" "error 676" "another user's busy dial: the full code"
entry Theirs Test1 5550103 >>"$work/root/etc/openras/pbk/rasphone.pbk"
rc_of as_user timeout 30 "$bin/rasdial" Theirs
[ "$rc" -eq 0 ] || fail "another user's dial: exit $rc: $out"
expect_contains "$(as_user "$bin/rasdial" 2>&1)" "Theirs" "the user sees their own connection"
out=$(as_user "$bin/rasdial" 2>&1)
case $out in *Office*) fail "the user sees root's connection: $out" ;; esac
expect_contains "$(R)" "Theirs" "root sees the user's connection"
expect_contains "$(R Theirs /DISCONNECT)" "Command completed successfully." "root ends the user's connection"

# Process 3 hangs it up; process 1 notices; the link process is gone.
out=$(R Office /DISCONNECT)
expect_contains "$out" "Command completed successfully." "process 3 hangs up"
for _ in $(seq 100); do kill -0 "$p1" 2>/dev/null || break; sleep 0.1; done
kill -0 "$p1" 2>/dev/null && fail "process 1 still holds the connection"
wait "$p1" || fail "process 1's rasdial failed: $(cat "$work/p1.out")"
for _ in $(seq 50); do kill -0 "$link" 2>/dev/null || break; sleep 0.1; done
kill -0 "$link" 2>/dev/null && fail "the link process outlived the hang-up"
expect_contains "$(R)" "No connections" "the connection is gone"

# A built-in connection outlives the rasdial that made it (it belongs to rasmand).
rc_of R Office
[ "$rc" -eq 0 ] || fail "rasdial Office without --wait: exit $rc: $out"
expect_contains "$(R)" "Office" "the connection outlives the dialling process"
expect_contains "$(R Office /DISCONNECT)" "Command completed successfully." "and is hung up later"
expect_contains "$(R)" "No connections" "gone after the hang-up"

# Errors at ConnectDevice: busy (676) and no carrier (679), with Windows' messages.
rc_of R Busy
[ "$rc" -eq 1 ] || fail "busy: exit $rc, expected 1 (error 676): $out"
expect_contains "$out" "error 676" "busy: the full code"
expect_contains "$out" "Remote Access error 676" "busy gives error 676"
rc_of R NoCarrier
[ "$rc" -eq 1 ] || fail "no carrier: exit $rc, expected 1 (error 679): $out"
expect_contains "$out" "error 679" "no carrier: the full code"
expect_contains "$(R)" "No connections" "failed dials leave nothing behind"

# A link process killed with SIGKILL: the connection goes down with 829, never stuck.
timeout 60 "$bin/rasdial" Office --wait=50 >"$work/p4.out" 2>&1 &
p4=$!
pids+=("$p4")
for _ in $(seq 100); do grep -q 'Successfully connected' "$work/p4.out" && break; sleep 0.1; done
link=$(a_link)
[ -n "$link" ] || fail "no link process for the second dial: $(cat "$work/p4.out")"
kill -9 "$link"
for _ in $(seq 100); do kill -0 "$p4" 2>/dev/null || break; sleep 0.1; done
kill -0 "$p4" 2>/dev/null && fail "rasdial --wait did not notice the link's death"
rc=0; wait "$p4" || rc=$?
[ "$rc" -eq 1 ] || fail "killed link: rasdial exit $rc, expected 1 (error 829): $(cat "$work/p4.out")"
expect_contains "$(cat "$work/p4.out")" "error 829" "killed link: the full code"
expect_contains "$(R)" "No connections" "the dead link's connection is gone"
expect_contains "$(cat "$work/rasmand.log")" "was killed by" "rasmand logs the link's death"

# The zygote killed with SIGKILL: the running link keeps its connection and is still
# watched (killing it now still gives 829); the next dial starts a new zygote.
timeout 60 "$bin/rasdial" Office --wait=50 >"$work/p6.out" 2>&1 &
p6=$!
pids+=("$p6")
for _ in $(seq 100); do grep -q 'Successfully connected' "$work/p6.out" && break; sleep 0.1; done
zyg=$(zygote)
link=$(a_link)
[ -n "$zyg" ] && [ -n "$link" ] || fail "no zygote ($zyg) or link ($link): $(cat "$work/p6.out")"
kill -9 "$zyg"
for _ in $(seq 100); do [ -z "$(zygote)" ] && break; sleep 0.1; done
[ -z "$(zygote)" ] || fail "the killed zygote is still there"
# rasmand has reaped the zygote (it is gone from its children): had that ended the
# connection, the listing would no longer show it and rasdial --wait would be ending.
expect_contains "$(R)" "Office" "the connection outlives the zygote"
kill -0 "$p6" 2>/dev/null || fail "the zygote's death ended a running connection: $(cat "$work/p6.out")"
[ "$(ps -o ppid= -p "$link" | tr -d ' ')" = "$rasmand_pid" ] ||
  fail "the orphaned link is not rasmand's child (subreaper)"
kills=$(grep -c "was killed by" "$work/rasmand.log")
kill -9 "$link"
for _ in $(seq 100); do kill -0 "$p6" 2>/dev/null || break; sleep 0.1; done
kill -0 "$p6" 2>/dev/null && fail "rasdial --wait did not notice the orphaned link's death"
rc=0; wait "$p6" || rc=$?
[ "$rc" -eq 1 ] || fail "killed orphaned link: exit $rc, expected 1 (error 829): $(cat "$work/p6.out")"
expect_contains "$(cat "$work/p6.out")" "error 829" "killed orphaned link: the full code"
[ "$(grep -c "was killed by" "$work/rasmand.log")" -gt "$kills" ] ||
  fail "rasmand did not log how the orphaned link ended: $(tail -5 "$work/rasmand.log")"
rc_of R Office
[ "$rc" -eq 0 ] || fail "dial after the zygote's death: exit $rc: $out"
[ -n "$(zygote)" ] && [ "$(zygote)" != "$zyg" ] || fail "no new zygote after the old one died"
expect_contains "$(R Office /DISCONNECT)" "Command completed successfully." "hung up with the new zygote"
expect_contains "$(R)" "No connections" "nothing left after the zygote's death"

# The C API as applications use it: each notifier type, a blocking dial, RasHangUp from
# inside the notifier (no deadlock), and a RASDIALFUNC2 that asks for no more.
C() { timeout 30 "$bin/client" "$@" 2>&1; }
for mode in func0 func1 block; do
  rc_of C "$mode" Office
  [ "$rc" -eq 0 ] || fail "client $mode: exit $rc: $out"
  expect_contains "$out" "result=status rc=0 state=8192" "$mode: connected"
  expect_contains "$out" "result=hangup rc=0" "$mode: hung up"
done
expect_contains "$(C func1 Office)" "result=notifications 8 bad=0" \
  "RASDIALFUNC1 gets the 8 states with the dial's handle"
rc_of C hangup-in-notifier Office
[ "$rc" -eq 0 ] || fail "RasHangUp inside the notifier: exit $rc: $out"
rc_of C block-in-notifier Office
[ "$rc" -eq 0 ] || fail "a blocking RasDial inside the notifier must fail, not hang: exit $rc: $out"
rc_of C func2 Office
expect_contains "$out" "result=notifications 2 " "RASDIALFUNC2 returning 0 stops notifications"
[ "$rc" -eq 0 ] || fail "client func2: exit $rc: $out"
rc_of C block Busy
expect_contains "$out" "result=dial rc=676 handle=set" "a blocking dial returns the error"
# A failed dial keeps its state and error for RasGetConnectStatus until RasHangUp, unlisted,
# and the failing state is reported entered before it is reported failed (issue 18 item 4).
for mode in failed failed-block; do
  rc_of C "$mode" Busy
  [ "$rc" -eq 0 ] || fail "client $mode: exit $rc: $out"
  expect_contains "$out" "result=status rc=0 state=2 error=676" "$mode: the error kept"
  expect_contains "$out" "result=enum rc=0 listed=0" "$mode: not listed"
  expect_contains "$out" "result=hangup rc=0 status_after=6" "$mode: released by RasHangUp"
done
expect_contains "$(C failed Busy)" "result=failing-state-first state=2 error=0 then state=2 error=676" \
  "the failing state entered, then failed"
# Dialling an entry already connected: success with its handle and a reference, which
# RasHangUp releases without hanging up (issue 18 item 5); rasdial says it is connected.
rc_of R Office
[ "$rc" -eq 0 ] || fail "dial before dialling again: exit $rc: $out"
rc_of C again Office
[ "$rc" -eq 0 ] || fail "RasDial of a connected entry: exit $rc: $out"
expect_contains "$out" "result=again rc=0 same=1 connected=1 hangup=0 still=1" "dialling again"
rc_of R Office
[ "$rc" -eq 0 ] || fail "rasdial of a connected entry: exit $rc: $out"
expect_contains "$out" "You are already connected to Office." "rasdial of a connected entry"
expect_contains "$(R Office /DISCONNECT)" "Command completed successfully." "the last reference"
expect_contains "$(R)" "No connections" "the last reference hung up"
expect_contains "$(R)" "No connections" "the API scenarios leave nothing behind"

# The passthrough dialer dials the built-in way (RDEOPT_CustomDial) on a test device.
timeout 60 "$bin/rasdial" Pass --wait=50 >"$work/p5.out" 2>&1 &
p5=$!
pids+=("$p5")
for _ in $(seq 100); do grep -q 'Successfully connected' "$work/p5.out" && break; sleep 0.1; done
expect_contains "$(cat "$work/p5.out")" "Successfully connected to Pass." "passthrough dials"
expect_contains "$(R)" "Pass" "another process lists the passthrough connection"
out=$(R Pass /DISCONNECT)
expect_contains "$out" "Command completed successfully." "passthrough connection hung up"
for _ in $(seq 100); do kill -0 "$p5" 2>/dev/null || break; sleep 0.1; done
kill -0 "$p5" 2>/dev/null && fail "the passthrough rasdial still holds its connection"
expect_contains "$(R)" "No connections" "nothing left after the passthrough hang-up"
# A forwarding dialer hears every hang-up of what it dialled through RAS, exactly once:
# one from another process (rasdial /DISCONNECT) reaches its RasCustomHangUp in the process
# holding the connection (rasdial's holder), and a failed forwarded dial, reported failed
# until then, reaches it at the caller's RasHangUp (issue 18 items 4 and 6).
cat >"$work/forward.c" <<'C'
#define UNICODE
#include <windows.h>
#include <ras.h>
#include <rasdlg.h>
#include <raserror.h>
#include <stdio.h>
#include <stdlib.h>
#define EXPORT __attribute__((visibility("default")))
static void note(const char* what) {
  FILE* f = fopen(getenv("FORWARD_LOG"), "a");
  if (f) fprintf(f, "%s\n", what), fclose(f);
}
EXPORT DWORD WINAPI RasCustomDial(HINSTANCE inst, LPRASDIALEXTENSIONS ext, LPCWSTR pbk,
                                  LPRASDIALPARAMS params, DWORD type, LPVOID notifier,
                                  LPHRASCONN conn, DWORD flags) {
  RASDIALEXTENSIONS mine;
  (void)inst, (void)flags;
  ZeroMemory(&mine, sizeof mine);
  if (ext) CopyMemory(&mine, ext, sizeof mine);
  mine.dwSize = sizeof mine;
  mine.dwfOptions |= RDEOPT_CustomDial;
  note("RasCustomDial");
  return RasDial(&mine, pbk, params, type, notifier, conn);
}
EXPORT DWORD WINAPI RasCustomHangUp(HRASCONN conn) {
  note("RasCustomHangUp");
  return RasHangUp(conn);
}
EXPORT BOOL WINAPI RasCustomDialDlg(HINSTANCE i, DWORD f, LPWSTR p, LPWSTR e, LPWSTR n,
                                    LPRASDIALDLG info, PVOID v) {
  (void)i, (void)f, (void)p, (void)e, (void)n, (void)v;
  info->dwError = ERROR_CANCELLED;
  return FALSE;
}
EXPORT BOOL WINAPI RasCustomEntryDlg(HINSTANCE i, LPWSTR p, LPWSTR e, LPRASENTRYDLG info, DWORD f) {
  (void)i, (void)p, (void)e, (void)f;
  info->dwError = ERROR_CANCELLED;
  return FALSE;
}
EXPORT DWORD WINAPI RasCustomDeleteEntryNotify(LPCWSTR p, LPCWSTR e, DWORD f) {
  (void)p, (void)e, (void)f;
  return ERROR_SUCCESS;
}
C
# shellcheck disable=SC2086
gcc -std=c99 -Wall -Werror ${OPENRAS_SANITIZER_FLAGS:-} -shared -fPIC -fvisibility=hidden \
  -I"$OPENRAS_SOURCE_DIR/include" -o "$work/dialers/forward.so" "$work/forward.c" \
  "$work/lib/libopenras.so.1" || fail "cannot build forward.so"
chmod 0644 "$work/dialers/forward.so"
"$bin/rasreg" allowlist add "$work/dialers/forward.so" >/dev/null || fail "allowing forward.so"
{
  entry Fwd Test1 5550102 "$work/dialers/forward.so"
  entry FwdBusy Test1 busy "$work/dialers/forward.so"
} >>"$work/root/etc/openras/pbk/rasphone.pbk"
export FORWARD_LOG=$work/forward.log
rc_of R Fwd
[ "$rc" -eq 0 ] || fail "rasdial Fwd (a forwarding dialer): exit $rc: $out"
fwd_holder=$(pgrep -x -f "$bin/rasdial Fwd" || true)
[ -n "$fwd_holder" ] || fail "no holder for Fwd"
expect_contains "$(R Fwd /DISCONNECT)" "Command completed successfully." "Fwd hung up from elsewhere"
wait_for "Fwd's holder to end" 10 sh -c "! kill -0 $fwd_holder 2>/dev/null"
[ "$(grep -c RasCustomHangUp "$FORWARD_LOG")" = 1 ] \
  || fail "a hang-up from another process reached the forwarding dialer $(grep -c RasCustomHangUp "$FORWARD_LOG") times"
: >"$FORWARD_LOG"
rc_of C failed-block FwdBusy
[ "$rc" -eq 0 ] || fail "a failed forwarded dial: exit $rc: $out"
expect_contains "$out" "result=status rc=0 state=2 error=676" "the failed forwarded dial's status"
[ "$(grep -c RasCustomHangUp "$FORWARD_LOG")" = 1 ] \
  || fail "RasHangUp of a failed forwarded dial reached the dialer $(grep -c RasCustomHangUp "$FORWARD_LOG") times"
expect_contains "$(R)" "No connections" "nothing left after the forwarded dials"
# rasmand stopping ends every link process with it.
rc_of R Office
[ "$rc" -eq 0 ] || fail "dial before stopping rasmand: exit $rc: $out"
link=$(a_link)
zyg=$(zygote)
[ -n "$link" ] || fail "no link process before stopping rasmand"
stop_rasmand TERM
for _ in $(seq 50); do kill -0 "$link" 2>/dev/null || break; sleep 0.1; done
kill -0 "$link" 2>/dev/null && fail "a link process outlived rasmand"
kill -0 "$zyg" 2>/dev/null && fail "the link zygote outlived rasmand"
echo "built-in dials through rasmand's link processes: connect, list, hang up, errors, SIGKILL of a link and of the zygote"
