#!/usr/bin/env bash
# A custom dialer written for Windows (tests/e2e/dialog_windows_dialer/: Visual Studio's
# resource.h and .rc with CRLF line ends, TEXTINCLUDE, DESIGNINFO and AFX_DIALOG_LAYOUT
# blocks, `#include "winres.h"`, CONTROL statements; a C source with windowsx.h message
# crackers, DialogBoxParam(hInstDll, MAKEINTRESOURCE(IDD_…)), LoadString, a RASDIALFUNC2
# notifier posting to the dialog) builds unchanged against the installed SDK with the
# pkg-config line docs/dialogs.md gives — rasrc for the .rc, gcc -Wall -Werror for the
# rest, only UNICODE/_UNICODE defined as a Unicode project does — and, allowed in
# CustomDLL, RasDialDlgW (rasphone -d) shows its own dialog: its STRINGTABLE texts, the
# sorted server list, the saved user name; Connect dials through a real rasmand to
# RASCS_Connected; Escape cancels (exit 4) with nothing dialled; RasEntryDlgW (rasphone
# -e) shows its properties dialog and saves the number it was given; rasdialer-check
# passes it, both dialogs ending on IDCANCEL, and fails a variant whose cancelled dialogs
# return TRUE or leave an error.
. "$(dirname "$0")/../lib.sh"
require_root "the HKLM hive and dialers must sit in root-owned directories"
require_cmd pkg-config gcc cmake timeout
. "$(dirname "$0")/dial_lib.sh"
install -m 0755 "$build/tools/rasphone/rasphone" "$bin/"
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
export PKG_CONFIG_PATH=$(dirname "$(find "$prefix" -name openras.pc)")
san=${OPENRAS_SANITIZER_FLAGS:-}

# The dialer's sources, byte for byte as they are in the tree.
mkdir -m 0755 "$work/src" "$work/dialers"
cp "$OPENRAS_SOURCE_DIR"/tests/e2e/dialog_windows_dialer/{condial.c,condial.rc,resource.h} "$work/src/"
cd "$work/src"
grep -q $'\r$' condial.rc || fail "the fixture lost its CRLF line ends"
rasrc=$(pkg-config --variable=rasrc openras)
"$rasrc" -o condial_rc.c condial.rc 2>rasrc.err || fail "rasrc: $(cat rasrc.err)"
expect_contains "$(cat rasrc.err)" "AFX_DIALOG_LAYOUT resource ignored" "rasrc skips the layout block"
# shellcheck disable=SC2086
gcc -std=c99 -Wall -Wextra -Werror -DUNICODE -D_UNICODE -fPIC -shared $san condial.c condial_rc.c \
  -o condial.so $(pkg-config --cflags --libs openras) 2>gcc.err || fail "gcc: $(cat gcc.err)"
cd - >/dev/null
install -m 0644 "$work/src/condial.so" "$work/dialers/condial.so"

P() { timeout 60 "$bin/rasphone" "$@"; }
run() { rc=0; out=$(P "$@" 2>&1) || rc=$?; }
script() { printf '%s\n' "$@" >"$work/script"; }
dev Test0 Type REG_SZ test
"$bin/rasreg" add 'HKLM\System\CurrentControlSet\Services\Rasman\Parameters' /v CustomDLL \
  /t REG_MULTI_SZ /d "$work/dialers/condial.so" /f >/dev/null
start_rasmand
run -a Contoso --set PhoneNumber=5550123 --set Device=Test0 --set DEVICE=test \
  --set "CustomRasDialDll=$work/dialers/condial.so"
[ "$rc" -eq 0 ] || fail "-a Contoso: exit $rc: $out"

# Connect with no user name: the dialer's own message, the dialog stays open; then Escape:
# it ends on IDCANCEL, cancelled (4), nothing dialled.
script 'press IDOK' 'key Escape'
run -d Contoso --script "$work/script" --transcript "$work/escape.txt"
[ "$rc" -eq 4 ] || fail "Escape: exit $rc, want 4: $out $(cat "$work/escape.txt")"
t=$(cat "$work/escape.txt")
expect_contains "$t" 'dialog "Contoso Connect"' "RasDialDlgW showed the dialer's own dialog"
expect_contains "$t" '"Enter your Contoso user name and password."' "its STRINGTABLE text"
expect_contains "$t" '"Backup", "Primary"' "its CBS_SORT server list, filled by ComboBox_AddString"
expect_contains "$t" '"Please enter a user name."' "the dialer refused an empty user name"
expect_contains "$t" 'closed "Contoso Connect" result 0' "Escape ended it with FALSE"
expect_contains "$(P -s)" "No connections." "Escape dialled nothing"

# Connect: the dialer's RasDial reaches the test device through rasmand.
script 'set 1001 carol' 'set 1002 s3cret' 'check 1003' 'choose 1004 Backup' \
  'press IDOK' 'wait 30000'
run -d Contoso --script "$work/script" --transcript "$work/dial.txt"
[ "$rc" -eq 0 ] || fail "Connect: exit $rc: $out $(cat "$work/dial.txt")"
expect_contains "$out" 'Connected to "Contoso".' "rasphone -d"
t=$(cat "$work/dial.txt")
expect_contains "$t" '"Connected to the Contoso network."' "the notifier's RASCS_Connected reached the dialog"
expect_contains "$(P -s)" "Contoso" "the connection is up"
run -h Contoso
[ "$rc" -eq 0 ] || fail "-h Contoso: exit $rc: $out"

# The saved credentials come back in the next dialog (RasGetEntryDialParams).
script 'key Escape'
run -d Contoso --script "$work/script" --transcript "$work/again.txt"
expect_contains "$(cat "$work/again.txt")" 'edit 1001 "carol"' "the saved user name"

# RasEntryDlgW on the entry: the dialer's properties dialog saves the new number.
script 'set 1006 5550999' 'press IDOK'
run -e Contoso --script "$work/script" --transcript "$work/props.txt"
[ "$rc" -eq 0 ] || fail "-e Contoso: exit $rc: $out $(cat "$work/props.txt")"
expect_contains "$(cat "$work/props.txt")" 'dialog "Contoso Connection"' "the properties dialog"
expect_contains "$(P -l)" "5550999" "the number it saved"
# The host's cancel: the dial the dialer's dialog makes (RasDial with RDEOPT_CustomDial, to
# a test device that takes 2 s a state), hung up by another program while it is still
# dialing, ends the dialog through IDCANCEL at once — the dialer itself only hears a
# disconnection without an error, which it ignores, so without the host the dialog would
# stay until the script's 60 s wait ran out. The session logs why (OPENRAS_DEBUG).
run -e Contoso --set PhoneNumber=delay:2000
[ "$rc" -eq 0 ] || fail "-e Contoso --set PhoneNumber: exit $rc: $out"
script 'set 1001 carol' 'set 1002 s3cret' 'press IDOK' 'wait 60000'
OPENRAS_DEBUG=1 P -d Contoso --script "$work/script" --transcript "$work/hungup.txt" \
  >"$work/hungup.out" 2>&1 &
dialog_pid=$!
pids+=("$dialog_pid")
wait_for "the dialog's dial to be listed" 20 sh -c "\"$bin/rasdial\" | grep -q Contoso"
"$bin/rasdial" Contoso /DISCONNECT >/dev/null || fail "rasdial /DISCONNECT of the dialog's dial failed"
hung_up=$SECONDS
wait_for "the dialog to end after its dial was hung up" 20 sh -c "! kill -0 $dialog_pid 2>/dev/null"
rc=0
wait "$dialog_pid" || rc=$?
[ "$rc" -eq 4 ] || fail "the hung-up dial dialog: exit $rc, want 4 (cancelled): $(cat "$work/hungup.out")"
[ $((SECONDS - hung_up)) -lt 20 ] || fail "the dialog outlived its hang-up by $((SECONDS - hung_up)) s"
expect_contains "$(cat "$work/hungup.out")" "the dial was hung up (RasHangUp through rasmand)" \
  "the reason of the host's cancel"
expect_contains "$(cat "$work/hungup.txt")" 'closed "Contoso Connect" result 0' \
  "the dialog ended with FALSE"
stop_rasmand

# rasdialer-check passes it: exports, ABI, a real dial, and both dialogs ending on IDCANCEL.
rc=0
out=$(timeout 120 "$build/tools/rasdialer-check/rasdialer-check" --timeout=3 "$work/dialers/condial.so") || rc=$?
[ "$rc" -eq 0 ] || fail "rasdialer-check: exit $rc: $out"
expect_contains "$out" "PASS  dialdlg   RasCustomDialDlg's dialog \"Contoso Connect\" ended on IDCANCEL" \
  "rasdialer-check cancelled its dial dialog"
expect_contains "$out" "PASS  entrydlg  RasCustomEntryDlg's dialog \"Contoso Connection\" ended on IDCANCEL" \
  "rasdialer-check cancelled its properties dialog"

# A dialer whose dialogs end on IDCANCEL but report it wrongly (its dial dialog returns
# TRUE, its entry dialog FALSE with dwError 87): rasdialer-check fails each, saying why.
cat >"$work/src/liar.c" <<'C'
#include <windows.h>
#include <ras.h>
#include <rasdlg.h>
#include "resource.h"
static INT_PTR CALLBACK EndsProc(HWND hDlg, UINT message, WPARAM wParam, LPARAM lParam)
{
    UNREFERENCED_PARAMETER(lParam);
    if (message == WM_COMMAND && LOWORD(wParam) == IDCANCEL)
        return EndDialog(hDlg, IDCANCEL);
    return message == WM_INITDIALOG;
}
DWORD WINAPI RasCustomDial(HINSTANCE h, LPRASDIALEXTENSIONS e, LPCWSTR p, LPRASDIALPARAMS r,
                           DWORD t, LPVOID n, LPHRASCONN c, DWORD f)
{
    RASDIALEXTENSIONS rde;
    UNREFERENCED_PARAMETER(h); UNREFERENCED_PARAMETER(e); UNREFERENCED_PARAMETER(f);
    ZeroMemory(&rde, sizeof(rde));
    rde.dwSize = sizeof(rde);
    rde.dwfOptions = RDEOPT_CustomDial;
    return RasDial(&rde, p, r, t, n, c);
}
DWORD WINAPI RasCustomHangUp(HRASCONN c) { return RasHangUp(c); }
BOOL WINAPI RasCustomDialDlg(HINSTANCE h, DWORD f, LPWSTR p, LPWSTR e, LPWSTR n, LPRASDIALDLG i,
                             PVOID v)
{
    UNREFERENCED_PARAMETER(f); UNREFERENCED_PARAMETER(p); UNREFERENCED_PARAMETER(e);
    UNREFERENCED_PARAMETER(n); UNREFERENCED_PARAMETER(v);
    DialogBoxParam(h, MAKEINTRESOURCE(IDD_CONNECT), i->hwndOwner, EndsProc, 0);
    i->dwError = 0;
    return TRUE;
}
BOOL WINAPI RasCustomEntryDlg(HINSTANCE h, LPWSTR p, LPWSTR e, LPRASENTRYDLG i, DWORD f)
{
    UNREFERENCED_PARAMETER(p); UNREFERENCED_PARAMETER(e); UNREFERENCED_PARAMETER(f);
    DialogBoxParam(h, MAKEINTRESOURCE(IDD_PROPERTIES), i->hwndOwner, EndsProc, 0);
    i->dwError = ERROR_INVALID_PARAMETER;
    return FALSE;
}
DWORD WINAPI RasCustomDeleteEntryNotify(LPCWSTR p, LPCWSTR e, DWORD f)
{
    UNREFERENCED_PARAMETER(p); UNREFERENCED_PARAMETER(e); UNREFERENCED_PARAMETER(f);
    return ERROR_SUCCESS;
}
C
# shellcheck disable=SC2086
(cd "$work/src" && gcc -std=c99 -Wall -Werror -DUNICODE -D_UNICODE -fPIC -shared $san liar.c \
  condial_rc.c -o liar.so $(pkg-config --cflags --libs openras)) || fail "gcc liar.c"
install -m 0644 "$work/src/liar.so" "$work/dialers/liar.so"
"$bin/rasreg" add 'HKLM\System\CurrentControlSet\Services\Rasman\Parameters' /v CustomDLL \
  /t REG_MULTI_SZ /d "$work/dialers/condial.so\0$work/dialers/liar.so" /f >/dev/null
rc=0
out=$(timeout 120 "$build/tools/rasdialer-check/rasdialer-check" --timeout=3 "$work/dialers/liar.so") || rc=$?
[ "$rc" -eq 1 ] || fail "rasdialer-check liar.so: exit $rc, want 1: $out"
expect_contains "$out" "FAIL  dialdlg   RasCustomDialDlg's dialog \"Contoso Connect\" was cancelled, yet RasCustomDialDlg returned TRUE" \
  "a cancelled dial dialog returning TRUE is flagged"
expect_contains "$out" "FAIL  entrydlg  RasCustomEntryDlg's dialog \"Contoso Connection\" was cancelled, yet RasCustomEntryDlg left dwError 87" \
  "a cancelled entry dialog leaving an error is flagged"
echo "a Windows-style dialer (VS .rc, windowsx.h crackers) built unchanged; its dialogs dial and cancel; rasdialer-check passes it and flags one whose cancelled dialogs report success or an error"
