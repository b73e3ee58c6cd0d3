#!/usr/bin/env bash
# rasphone and the RAS dialogs end to end, answered by scripts (the scripted renderer),
# against a real rasmand dialling `test` devices (docs/devices.md; nothing leaves the
# machine): -a with the entry dialog creates an entry; -d shows the dial dialog, dials
# through RasDialW and connects (the connection outlives nothing: rasphone -h ends it);
# a busy line shows error 676 with Redial, and cancelling then exits 1 with the error;
# a hang-up of the dial in progress (rasphone -h, or another thread of the dialog's process)
# cancels the dial dialog (4), while a slow dial left alone connects;
# Escape on the dial dialog exits 4 (cancelled) with nothing dialled; a custom entry of
# the example dialer shows the dialer's own .rc dialog, and cancelling it exits 4 and
# hangs up what the dialer had started, and a hang-up of its dial from another process
# ends its dialog; the phone-book dialog dials and hangs up; a
# dialer whose dialog ignores IDCANCEL is torn down after the grace period on SIGTERM;
# --set, -l, --devices and -s without a dialog.
. "$(dirname "$0")/../lib.sh"
require_root "the HKLM hive and dialers must sit in root-owned directories"
require_cmd timeout
. "$(dirname "$0")/dial_lib.sh"
install -m 0755 "$build/tools/rasphone/rasphone" "$bin/"
mkdir -m 0755 "$work/dialers"
install -m 0644 "$build/dialers/example.so" "$work/dialers/example.so"
install -m 0644 "$build/zoo/ignore_cancel.so" "$work/dialers/ignore_cancel.so"
export OPENRAS_EXAMPLE_LOG=$work/example.log OPENRAS_ZOO_MARKER=$work/zoo.log
P() { timeout 30 "$bin/rasphone" "$@"; }
# run NAME ARGS...: rasphone with output in $out (stdout and stderr), status in $rc.
run() { rc=0; out=$(P "$@" 2>&1) || rc=$?; }
script() { printf '%s\n' "$@" >"$work/script"; }

dev Test0 Type REG_SZ test
dev Test1 Type REG_SZ test
"$bin/rasreg" add 'HKLM\System\CurrentControlSet\Services\Rasman\Parameters' /v CustomDLL \
  /t REG_MULTI_SZ /d "$work/dialers/example.so\0$work/dialers/ignore_cancel.so" /f >/dev/null
start_rasmand

# --devices lists what the entry dialog offers.
run --devices --json
[ "$rc" -eq 0 ] || fail "--devices: exit $rc: $out"
expect_contains "$out" '{"name":"Test0","type":"modem"}' "--devices --json: RASDT_Modem"

# -a with the entry dialog: name, number, device (the second one), OK.
script 'set 1101 Office' 'set 1103 5550100' 'choose 1102 1' 'press IDOK'
run -a --script "$work/script" --transcript "$work/new.txt"
[ "$rc" -eq 0 ] || fail "rasphone -a: exit $rc: $out $(cat "$work/new.txt")"
expect_contains "$out" 'Entry "Office" saved.' "rasphone -a"
expect_contains "$(cat "$work/new.txt")" 'dialog "New connection"' "the entry dialog was shown"
run -l --json
expect_contains "$out" '"name":"Office"' "-l lists the new entry"
expect_contains "$out" '"number":"5550100"' "-l: its number"
expect_contains "$out" '"device":"Test1"' "-l: the device chosen in the dialog"

# Without a dialog: --set creates and edits; a bad value changes nothing (exit 2).
run -a Busy --set PhoneNumber=busy --set Device=Test0 --set DEVICE=test
[ "$rc" -eq 0 ] || fail "-a --set: exit $rc: $out"
run -e Busy --set RedialAttempts=lots
[ "$rc" -eq 2 ] || fail "-e --set RedialAttempts=lots: exit $rc, want 2: $out"
expect_contains "$out" 'RedialAttempts=lots' "the message names the key and value"

# -d: the dial dialog dials and connects; the notifier's states reach the dialog.
script 'set 1001 alice' 'set 1002 pw' 'press IDOK' 'wait 20000'
run -d Office --script "$work/script" --transcript "$work/dial.txt"
[ "$rc" -eq 0 ] || fail "rasphone -d Office: exit $rc: $out $(cat "$work/dial.txt")"
expect_contains "$out" 'Connected to "Office".' "rasphone -d"
expect_contains "$(cat "$work/dial.txt")" 'static 1006 "Connected."' "the dialog showed the state"
run -s
expect_contains "$out" "Office" "-s lists the connection"
"$bin/rasdial" >"$work/list" 2>&1 || true
expect_contains "$(cat "$work/list")" "Office" "rasdial sees the connection"
run -h Office
[ "$rc" -eq 0 ] || fail "rasphone -h Office: exit $rc: $out"
run -h Office
[ "$rc" -eq 1 ] || fail "a second -h: exit $rc, want 1: $out"

# The phone-book dialog: Dial opens the dial dialog over it (the wait ends when that
# closes on connecting), the status line says connected, Hang up ends the connection.
script 'choose 1201 Office' 'press 1202' 'press IDOK' 'wait 20000' 'press 1203' \
  'key Escape'
run --script "$work/script" --transcript "$work/book.txt"
[ "$rc" -eq 0 ] || fail "phone-book dialog: exit $rc: $out $(cat "$work/book.txt")"
expect_contains "$(cat "$work/book.txt")" 'dialog "Connect Office"' "Dial opened the dial dialog"
expect_contains "$(cat "$work/book.txt")" 'closed "Connect Office" result 1' "and it connected"
expect_contains "$(cat "$work/book.txt")" 'Office: disconnected' "Hang up: the status line"
run -s
expect_contains "$out" "No connections." "the phone book's Hang up ended the connection"

# A busy line: error 676 with Redial; Cancel then exits 1 with the error.
script 'press IDOK' 'wait 2000' 'press IDCANCEL'
run -d Busy --script "$work/script" --transcript "$work/busy.txt"
[ "$rc" -eq 1 ] || fail "busy: exit $rc, want 1: $out $(cat "$work/busy.txt")"
expect_contains "$out" "error 676" "busy: the full code"
expect_contains "$(cat "$work/busy.txt")" 'Error 676' "busy: the dialog showed the error"
expect_contains "$(cat "$work/busy.txt")" '"&Redial"' "busy: Dial became Redial"

# RasHangUp of the dial a dialog belongs to (rasphone -h from another process, mid-dial)
# cancels the dialog as the host: it ends through IDCANCEL (4), not with Redial.
run -a Slow --set PhoneNumber=delay:3000 --set Device=Test1 --set DEVICE=test
[ "$rc" -eq 0 ] || fail "-a Slow: exit $rc: $out"
script 'press IDOK' 'wait 60000'
"$bin/rasphone" -d Slow --script "$work/script" --transcript "$work/slow.txt" >"$work/slow.out" 2>&1 &
slow=$!
pids+=("$slow")
wait_for "the dial dialog's dial to reach rasmand" 20 sh -c "'$bin/rasphone' -s | grep -q Slow"
run -h Slow
[ "$rc" -eq 0 ] || fail "-h Slow mid-dial: exit $rc: $out"
rc=0
wait "$slow" || rc=$?
[ "$rc" -eq 4 ] || fail "hung up mid-dial: exit $rc, want 4: $(cat "$work/slow.out") $(cat "$work/slow.txt")"
expect_contains "$(cat "$work/slow.out")" "cancelled" "the dialog was cancelled"
expect_contains "$(cat "$work/slow.txt")" 'closed "Connect Slow" result 0' "through IDCANCEL"
if grep -q "Redial" "$work/slow.txt"; then fail "a hang-up offered Redial: $(cat "$work/slow.txt")"; fi

# The same from another thread of the dialog's own process (RasEnumConnectionsW, then
# RasHangUpW), whose notifications stop at once: the dialog's watch sees the dial gone.
cat >"$work/same.c" <<'C'
#include <windows.h>
#include <ras.h>
#include <rasdlg.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <wchar.h>
static void* hang_up_slow(void* unused) {
  struct timespec pause = {0, 100 * 1000 * 1000};
  int i;
  (void)unused;
  for (i = 0; i < 300; ++i, nanosleep(&pause, NULL)) {
    RASCONNW conns[8];
    DWORD size = sizeof conns, n = 0, k;
    memset(conns, 0, sizeof conns);
    conns[0].dwSize = sizeof conns[0];
    if (RasEnumConnectionsW(conns, &size, &n) != 0) continue;
    for (k = 0; k < n; ++k) {
      if (wcscmp(conns[k].szEntryName, L"Slow") == 0) {
        printf("hang-up %lu\n", (unsigned long)RasHangUpW(conns[k].hrasconn));
        return NULL;
      }
    }
  }
  return NULL;
}
int main(int argc, char** argv) {
  RASDIALDLG info;
  pthread_t thread;
  WCHAR entry[] = L"Slow";
  BOOL ok;
  if (argc < 3 || OpenRasSetDialogRenderer(OPENRAS_RENDERER_SCRIPTED, argv[1], argv[2]) != 0) return 9;
  pthread_create(&thread, NULL, hang_up_slow, NULL);
  memset(&info, 0, sizeof info);
  info.dwSize = sizeof info;
  ok = RasDialDlgW(NULL, entry, NULL, &info);
  pthread_join(thread, NULL);
  printf("result %d dwError %lu\n", ok, (unsigned long)info.dwError);
  return 0;
}
C
# shellcheck disable=SC2086
gcc -std=c99 -Wall -Werror -DUNICODE ${OPENRAS_SANITIZER_FLAGS:-} -I"$OPENRAS_SOURCE_DIR/include" \
  "$work/same.c" -o "$work/same" -L"$work/lib" -l:libopenras.so.1 -pthread
script 'press IDOK' 'wait 60000'
rc=0
out=$(timeout 60 "$work/same" "$work/script" "$work/same.txt" 2>&1) || rc=$?
[ "$rc" -eq 0 ] || fail "same-process hang-up: exit $rc (124: the dialog never ended): $out $(cat "$work/same.txt")"
expect_contains "$out" "hang-up 0" "the other thread hung the dial up"
expect_contains "$out" "result 0 dwError 0" "RasDialDlgW returned FALSE, dwError 0"
expect_contains "$(cat "$work/same.txt")" 'closed "Connect Slow" result 0' "through IDCANCEL"
if grep -q "Redial" "$work/same.txt"; then fail "a hang-up offered Redial: $(cat "$work/same.txt")"; fi

# A dial that takes several seconds (the watch looks at it meanwhile) still connects.
run -a Steady --set PhoneNumber=delay:600 --set Device=Test1 --set DEVICE=test
[ "$rc" -eq 0 ] || fail "-a Steady: exit $rc: $out"
script 'press IDOK' 'wait 60000'
run -d Steady --script "$work/script"
[ "$rc" -eq 0 ] || fail "a slow dial: exit $rc, want 0: $out"
run -h Steady

# Escape on the dial dialog: cancelled (4), nothing dialled.
script 'key Escape'
run -d Office --script "$work/script"
[ "$rc" -eq 4 ] || fail "Escape: exit $rc, want 4 (cancelled): $out"
run -s
expect_contains "$out" "No connections." "nothing was dialled"

# A custom entry: the example dialer's own dialog (example.rc); Cancel while it dials.
run -a Custom --set PhoneNumber=5550199 --set "CustomRasDialDll=$work/dialers/example.so"
[ "$rc" -eq 0 ] || fail "-a Custom: exit $rc: $out"
script 'set 2001 bob' 'key Escape'
run -d Custom --script "$work/script" --transcript "$work/custom.txt"
[ "$rc" -eq 4 ] || fail "custom Escape: exit $rc, want 4: $out $(cat "$work/custom.txt")"
expect_contains "$(cat "$work/custom.txt")" 'dialog "Example dialer: connect"' \
  "RasDialDlg showed the dialer's own dialog"
expect_contains "$(cat "$work/example.log")" "RasCustomDialDlg entry=Custom" "the dialer was asked"
script 'press IDOK' 'wait 20000'
run -d Custom --script "$work/script" --transcript "$work/custom_ok.txt"
[ "$rc" -eq 0 ] || fail "custom dial: exit $rc: $out $(cat "$work/custom_ok.txt")"
expect_contains "$(cat "$work/custom_ok.txt")" 'static 2004 "Connected."' \
  "the dialer's status text came from its STRINGTABLE"
expect_contains "$(cat "$work/example.log")" "dial Custom: connected" "the dialer dialled"
expect_contains "$(cat "$work/example.log")" "RasCustomDial entry=Custom" \
  "the dialog dialled through RasDial, which called RasCustomDial back"

# The example dialer's dial dialog, its dial hung up from another process mid-dial (the
# number "slow": a second per state): RAS hands the hang-up to RasCustomHangUp, and the host
# cancels the dialog (the session's DialogWatch: IDCANCEL), which ends as cancelled (4) —
# before, or as, the dialer's own look at its connection finds it gone.
run -a CustomSlow --set PhoneNumber=slow --set "CustomRasDialDll=$work/dialers/example.so"
[ "$rc" -eq 0 ] || fail "-a CustomSlow: exit $rc: $out"
script 'press IDOK' 'wait 60000'
OPENRAS_DEBUG=1 "$bin/rasphone" -d CustomSlow --script "$work/script" \
  --transcript "$work/cslow.txt" >"$work/cslow.out" 2>&1 &
cslow=$!
pids+=("$cslow")
wait_for "the example dialer's dial to reach rasmand" 20 sh -c "'$bin/rasphone' -s | grep -q CustomSlow"
run -h CustomSlow
[ "$rc" -eq 0 ] || fail "-h CustomSlow mid-dial: exit $rc: $out"
rc=0
wait "$cslow" || rc=$?
[ "$rc" -eq 4 ] || fail "custom dial hung up: exit $rc, want 4: $(cat "$work/cslow.out") $(cat "$work/cslow.txt")"
expect_contains "$(cat "$work/cslow.out")" "the dial was hung up (RasHangUp through rasmand)" \
  "the host cancelled the dialog for the hang-up"
expect_contains "$(cat "$work/cslow.txt")" 'closed "Example dialer: connect" result 0' "and ended"
expect_contains "$(cat "$work/example.log")" "RasCustomHangUp entry=CustomSlow" "RAS called RasCustomHangUp"

# A dialer whose dialog ignores IDCANCEL (the zoo's ignore_cancel): Escape is the user's
# and may be refused, but SIGTERM is the host's cancel: a grace period (5 s) later the host
# tears the dialog down, RasDialDlgW returns what the dialer returns (FALSE, 0: exit 4), and
# the log names the dialer as non-conforming.
run -a Deaf --set PhoneNumber=5550111 --set "CustomRasDialDll=$work/dialers/ignore_cancel.so"
[ "$rc" -eq 0 ] || fail "-a Deaf: exit $rc: $out"
script 'key Escape' 'wait 600000'
: >"$OPENRAS_ZOO_MARKER"
"$bin/rasphone" -d Deaf --script "$work/script" >"$work/deaf.out" 2>&1 &
deaf=$!
pids+=("$deaf")
wait_for "the deaf dialog to swallow Escape" 20 grep -q "ignored WM_COMMAND" "$OPENRAS_ZOO_MARKER"
kill -0 "$deaf" 2>/dev/null || fail "rasphone ended on Escape: $(cat "$work/deaf.out")"
kill -TERM "$deaf"
rc=0
wait "$deaf" || rc=$?
[ "$rc" -eq 4 ] || fail "deaf dialer, SIGTERM: exit $rc, want 4: $(cat "$work/deaf.out")"
expect_contains "$(cat "$work/deaf.out")" \
  "dialog \"Deaf\" of module $work/dialers/ignore_cancel.so ignored IDCANCEL for 5" \
  "the teardown names the dialer"
expect_contains "$(cat "$work/deaf.out")" "non-conforming" "and calls it non-conforming"
[ "$(grep -c "ignored WM_COMMAND" "$OPENRAS_ZOO_MARKER")" -ge 2 ] \
  || fail "the host's IDCANCEL never reached the dialog: $(cat "$OPENRAS_ZOO_MARKER")"

# -r asks first; No keeps the entry (4), Yes removes it.
script 'press IDNO'
run -r Busy --script "$work/script"
[ "$rc" -eq 4 ] || fail "-r, No: exit $rc, want 4: $out"
script 'press IDYES'
run -r Busy --script "$work/script"
[ "$rc" -eq 0 ] || fail "-r, Yes: exit $rc: $out"
run -l
if grep -q '^Busy' <<<"$out"; then fail "-r left the entry: $out"; fi
stop_rasmand
echo "rasphone: entry dialog, dial dialog (connect, busy, Escape), custom dialer's dialog, -r, --set, -l, -s, -h"
