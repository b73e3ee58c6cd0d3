#!/usr/bin/env bash
# A Windows-style dialer that is not part of the tree, built against the installed SDK
# with pkg-config alone, allowed with rasreg and named in an entry through
# RasSetEntryPropertiesW, receives every call RAS owes it — and is never loaded once it
# is no longer allowed, made group-writable or reached through a symlink.
. "$(dirname "$0")/../lib.sh"
require_root "dialers must sit in root-owned directories"
require_cmd pkg-config cc

build=$OPENRAS_BUILD_DIR
work=$(mktemp -d /var/lib/openras-e2e.XXXXXX)
chmod 0755 "$work"
at_exit 'rm -rf "$work"'
cmake --install "$build" --prefix "$work/sdk" >/dev/null
export PKG_CONFIG_PATH=$(dirname "$(find "$work/sdk" -name openras.pc)")
san=${OPENRAS_SANITIZER_FLAGS:-}
rasreg=$build/tools/rasreg/rasreg

# The installed sample sources build against the installed SDK with pkg-config alone
# (a sample with dialogs compiles its .rc file with the installed rasrc first).
for sample in passthrough example; do
  src=$work/sdk/share/openras/examples/dialers/$sample
  extra=()
  if [ -f "$src/$sample.rc" ]; then
    "$(pkg-config --variable=rasrc openras)" -o "$work/${sample}_rc.c" "$src/$sample.rc" \
      || fail "rasrc $sample.rc"
    extra=("$work/${sample}_rc.c")
  fi
  # shellcheck disable=SC2086
  cc -std=c99 -Wall -Wextra -Werror -shared -fPIC -pthread $san -o "$work/$sample.so" \
    "$src/$sample.c" "${extra[@]}" $(pkg-config --cflags --libs openras)
done

cat >"$work/logdialer.c" <<'C'
/* A dialer an author might write: logs every call RAS makes to it. */
#define UNICODE
#include <windows.h>
#include <ras.h>
#include <rasdlg.h>
#include <raserror.h>
#include <stdio.h>
#include <stdlib.h>

#define EXPORT __attribute__((visibility("default")))
static void say(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
#include <stdarg.h>
static void say(const char* fmt, ...) {
  FILE* f = fopen(getenv("DIALER_LOG"), "a");
  va_list a;
  if (!f) return;
  va_start(a, fmt);
  vfprintf(f, fmt, a);
  va_end(a);
  fputc('\n', f);
  fclose(f);
}
__attribute__((constructor)) static void loaded(void) { say("loaded"); }

EXPORT DWORD WINAPI RasCustomDial(HINSTANCE inst, LPRASDIALEXTENSIONS ext, LPCWSTR pbk,
                                  LPRASDIALPARAMS params, DWORD type, LPVOID notifier,
                                  LPHRASCONN conn, DWORD flags) {
  say("RasCustomDial pbk=%ls entry=%ls user=%ls type=%u notifier=%p inst=%s flags=%u",
      pbk ? pbk : L"(null)", params->szEntryName, params->szUserName, (unsigned)type, notifier,
      inst ? "set" : "null", (unsigned)flags);
  if (getenv("DIALER_RECURSE")) {
    RASDIALEXTENSIONS mine;
    ZeroMemory(&mine, sizeof mine);
    if (ext) CopyMemory(&mine, ext, sizeof mine);
    mine.dwSize = sizeof mine;
    mine.dwfOptions |= RDEOPT_CustomDial;
    return RasDial(&mine, pbk, params, type, notifier, conn);
  }
  if (type == 0 && notifier) ((RASDIALFUNC)notifier)(WM_RASDIALEVENT, RASCS_Connected, 0);
  *conn = (HRASCONN)(ULONG_PTR)0x4242;
  return ERROR_SUCCESS;
}
EXPORT DWORD WINAPI RasCustomHangUp(HRASCONN conn) {
  say("RasCustomHangUp conn=%p", (void*)conn);
  return ERROR_SUCCESS;
}
EXPORT DWORD WINAPI RasCustomDeleteEntryNotify(LPCWSTR pbk, LPCWSTR entry, DWORD flags) {
  say("RasCustomDeleteEntryNotify pbk=%ls entry=%ls flags=%u", pbk ? pbk : L"(null)", entry,
      (unsigned)flags);
  return getenv("DIALER_DELETE_FAILS") ? ERROR_ACCESS_DENIED : ERROR_SUCCESS;
}
EXPORT BOOL WINAPI RasCustomDialDlg(HINSTANCE inst, DWORD flags, LPWSTR pbk, LPWSTR entry,
                                    LPWSTR phone, LPRASDIALDLG info, PVOID pv) {
  (void)inst, (void)pv;
  say("RasCustomDialDlg pbk=%ls entry=%ls phone=%ls flags=%u size=%u", pbk ? pbk : L"(null)",
      entry, phone ? phone : L"(null)", (unsigned)flags, (unsigned)info->dwSize);
  info->dwError = 0;
  return TRUE;
}
EXPORT BOOL WINAPI RasCustomEntryDlg(HINSTANCE inst, LPWSTR pbk, LPWSTR entry,
                                     LPRASENTRYDLG info, DWORD flags) {
  (void)inst, (void)flags;
  say("RasCustomEntryDlg pbk=%ls entry=%ls", pbk ? pbk : L"(null)", entry);
  info->dwError = ERROR_CANCELLED;
  return FALSE;
}
C

cat >"$work/client.c" <<'C'
/* A Windows-style client.  client PBK all DLL: create an entry naming DLL, then make every
 * call;  client PBK create DLL: only create it;  client PBK dial: dial it and hang up. */
#define UNICODE
#include <windows.h>
#include <ras.h>
#include <rasdlg.h>
#include <raserror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int states;
static VOID WINAPI notified(UINT msg, RASCONNSTATE state, DWORD err) {
  (void)msg, (void)err;
  if (state == RASCS_Connected) ++states;
}

int main(int argc, char** argv) {
  WCHAR pbk[MAX_PATH], dll[MAX_PATH];
  RASENTRY entry;
  RASDIALPARAMS params;
  RASDIALDLG dial_dlg;
  RASENTRYDLG entry_dlg;
  HRASCONN conn = NULL;
  DWORD size = sizeof entry, rc;
  BOOL ok;
  mbstowcs(pbk, argv[1], MAX_PATH);
  if (strcmp(argv[2], "dial") == 0) {
    ZeroMemory(&params, sizeof params);
    params.dwSize = sizeof params;
    lstrcpy(params.szEntryName, L"Dialer test");
    rc = RasDial(NULL, pbk, &params, 0, NULL, &conn);
    printf("dial=%u\n", (unsigned)rc);
    if (conn) printf("hangup=%u\n", (unsigned)RasHangUp(conn));
    return 0;
  }
  if (strcmp(argv[2], "dial-and-exit") == 0) {
    ZeroMemory(&params, sizeof params);
    params.dwSize = sizeof params;
    lstrcpy(params.szEntryName, L"Dialer test");
    rc = RasDial(NULL, pbk, &params, 0, NULL, &conn);
    printf("dial=%u\n", (unsigned)rc);
    return 0; /* no RasHangUp: the process's end must reach the dialer */
  }
  if (strcmp(argv[2], "delete") == 0) {
    printf("delete=%u\n", (unsigned)RasDeleteEntry(pbk, L"Dialer test"));
    return 0;
  }
  mbstowcs(dll, argv[3], MAX_PATH);
  ZeroMemory(&entry, sizeof entry);
  entry.dwSize = sizeof entry;
  if ((rc = RasGetEntryProperties(pbk, L"", &entry, &size, NULL, NULL)) != 0) return (int)rc;
  lstrcpy(entry.szCustomDialDll, dll);
  lstrcpy(entry.szDeviceType, RASDT_Modem);
  lstrcpy(entry.szLocalPhoneNumber, L"5550123");
  if ((rc = RasSetEntryProperties(pbk, L"Dialer test", &entry, sizeof entry, NULL, 0)) != 0) {
    return (int)rc;
  }
  if (strcmp(argv[2], "create") == 0) return 0;
  ZeroMemory(&params, sizeof params);
  params.dwSize = sizeof params;
  lstrcpy(params.szEntryName, L"Dialer test");
  lstrcpy(params.szUserName, L"alice");
  rc = RasDial(NULL, pbk, &params, 0, (LPVOID)notified, &conn);
  printf("dial=%u notifier=%p connected-notifications=%d\n", (unsigned)rc, (void*)notified, states);
  rc = RasHangUp(conn);
  printf("hangup=%u\n", (unsigned)rc);
  ZeroMemory(&dial_dlg, sizeof dial_dlg);
  dial_dlg.dwSize = sizeof dial_dlg;
  ok = RasDialDlg(pbk, L"Dialer test", L"5559999", &dial_dlg);
  printf("dialdlg=%d error=%u\n", ok, (unsigned)dial_dlg.dwError);
  ZeroMemory(&entry_dlg, sizeof entry_dlg);
  entry_dlg.dwSize = sizeof entry_dlg;
  ok = RasEntryDlg(pbk, L"Dialer test", &entry_dlg);
  printf("entrydlg=%d error=%u\n", ok, (unsigned)entry_dlg.dwError);
  printf("delete=%u\n", (unsigned)RasDeleteEntry(pbk, L"Dialer test"));
  return 0;
}
C

mkdir -m 0755 "$work/dialers" "$work/root"
# shellcheck disable=SC2086
cc -std=c99 -Wall -Werror -shared -fPIC $san -o "$work/dialers/logdialer.so" "$work/logdialer.c" \
  $(pkg-config --cflags --libs openras)
# shellcheck disable=SC2086
cc -std=c99 -Wall -Werror $san -o "$work/client" "$work/client.c" $(pkg-config --cflags --libs openras)
chmod 0644 "$work/dialers/logdialer.so"
export OPENRAS_ROOT=$work/root DIALER_LOG=$work/dialer.log
pbk=$work/root/etc/openras/pbk/rasphone.pbk
dll=$work/dialers/logdialer.so
key='HKLM\System\CurrentControlSet\Services\Rasman\Parameters'
"$rasreg" add "$key" /v CustomDLL /t REG_MULTI_SZ /d "$dll" /f >/dev/null

# 1. Every entry point is reached, with what the caller passed.
out=$("$work/client" "$pbk" all "$dll")
echo "$out"
log=$(cat "$DIALER_LOG")
echo "$log"
expect_contains "$out" "dial=0" "RasDial through the dialer"
notifier=$(sed -n 's/.*notifier=\(0x[0-9a-f]*\).*/\1/p' <<<"$out")
expect_contains "$log" "RasCustomDial pbk=$pbk entry=Dialer test user=alice type=0 notifier=$notifier inst=set" \
  "RasCustomDial gets the caller's phone book, entry, user and notifier"
expect_contains "$out" "connected-notifications=1" "the dialer's notification reached the caller"
expect_contains "$out" "hangup=0" "RasHangUp"
expect_contains "$log" "RasCustomHangUp conn=0x4242" "RasCustomHangUp gets the dialer's handle"
expect_contains "$log" "RasCustomDialDlg pbk=$pbk entry=Dialer test phone=5559999" "RasDialDlg"
expect_contains "$out" "dialdlg=1 error=0" "RasDialDlg passes TRUE back"
expect_contains "$log" "RasCustomEntryDlg pbk=$pbk entry=Dialer test" "RasEntryDlg"
expect_contains "$out" "entrydlg=0 error=1223" "RasEntryDlg passes FALSE and dwError back"
expect_contains "$log" "RasCustomDeleteEntryNotify pbk=$pbk entry=Dialer test flags=1" \
  "RasDeleteEntry notifies first (all-users phone book: RCD_AllUsers)"
expect_contains "$out" "delete=0" "RasDeleteEntry"
grep -q 'Dialer test' "$pbk" && fail "the entry is still in the phone book"
# The scope the dialer is told: RCD_AllUsers (1) for the all-users entry above, and
# RCD_SingleUser (0) for an entry of the caller's own phone book.
expect_contains "$log" "inst=set flags=1" "RasCustomDial of an all-users entry gets RCD_AllUsers"
expect_contains "$log" "phone=5559999 flags=1 " "RasCustomDialDlg of an all-users entry gets RCD_AllUsers"
own_pbk=$work/root/home/root/.config/openras/pbk/rasphone.pbk
: >"$DIALER_LOG"
out=$("$work/client" "$own_pbk" all "$dll") || fail "the per-user entry's calls: $out"
log=$(cat "$DIALER_LOG")
expect_contains "$log" "RasCustomDial pbk=$own_pbk entry=Dialer test user=alice type=0 notifier=" \
  "RasCustomDial of a per-user entry"
expect_contains "$log" "inst=set flags=0" "RasCustomDial of a per-user entry gets RCD_SingleUser"
expect_contains "$log" "phone=5559999 flags=0 " "RasCustomDialDlg of a per-user entry gets RCD_SingleUser"
expect_contains "$log" "RasCustomDeleteEntryNotify pbk=$own_pbk entry=Dialer test flags=0" \
  "RasDeleteEntry of a per-user entry: RCD_SingleUser"

# 2. Recursion: a dialer calling RasDial with RDEOPT_CustomDial reaches the built-in dial.
"$work/client" "$pbk" create "$dll"
# (A program that ends with its connection up still hangs it up through the dialer first,
# as a Windows DLL hears of its process's end: issue 18 item 7.)
: >"$DIALER_LOG"
out=$("$work/client" "$pbk" dial-and-exit)
expect_contains "$out" "dial=0" "the dial of a program that never hangs up"
expect_contains "$(cat "$DIALER_LOG")" "RasCustomHangUp conn=0x4242" \
  "RasCustomHangUp when the process ends with the connection up"
[ "$(grep -c '^RasCustomHangUp' "$DIALER_LOG")" = 1 ] || fail "not hung up exactly once at exit"
: >"$DIALER_LOG"
out=$(DIALER_RECURSE=1 "$work/client" "$pbk" dial)
count=$(grep -c '^RasCustomDial ' "$DIALER_LOG") || fail "RasCustomDial never ran: $out"
[ "$count" = 1 ] || fail "RasCustomDial ran $count times: RDEOPT_CustomDial must not re-enter the dialer"
expect_contains "$out" "dial=711" "the nested dial reached the built-in dial (it needs rasmand; none runs here)"

# 3. Refusals: 755, and the dialer is never loaded.
refused() {  # refused WHAT: dial must give 755 without the constructor running
  : >"$DIALER_LOG"
  out=$("$work/client" "$pbk" dial)
  expect_contains "$out" "dial=755" "$1"
  [ ! -s "$DIALER_LOG" ] || fail "$1: the dialer was loaded: $(cat "$DIALER_LOG")"
}
"$rasreg" add "$key" /v CustomDLL /t REG_MULTI_SZ /d "/usr/lib/other.so" /f >/dev/null
refused "not listed in CustomDLL"
# RasDeleteEntry deletes the entry even when its dialer is refused (never loading it) or
# cannot load (docs/abi.md: an administrator can always remove an entry naming a rogue dialer).
deleted() {  # deleted WHAT
  : >"$DIALER_LOG"
  out=$("$work/client" "$pbk" delete)
  expect_contains "$out" "delete=0" "RasDeleteEntry, $1"
  grep -q 'Dialer test' "$pbk" && fail "RasDeleteEntry, $1: the entry is still in the phone book"
  [ ! -s "$DIALER_LOG" ] || fail "RasDeleteEntry, $1: the dialer was loaded: $(cat "$DIALER_LOG")"
  "$work/client" "$pbk" create "$dll" || fail "re-creating the entry after RasDeleteEntry, $1"
}
deleted "dialer not allowed"
printf 'not an ELF file\n' >"$work/dialers/broken.so"
chmod 0644 "$work/dialers/broken.so"
"$rasreg" add "$key" /v CustomDLL /t REG_MULTI_SZ /d "$work/dialers/broken.so" /f >/dev/null
sed -i "s|CustomRasDialDll=.*|CustomRasDialDll=$work/dialers/broken.so|" "$pbk"
deleted "dialer that cannot load"
"$rasreg" add "$key" /v CustomDLL /t REG_MULTI_SZ /d "/usr/lib/other.so" /f >/dev/null
"$rasreg" add "$key" /v CustomDLL /t REG_MULTI_SZ /d "$dll" /f >/dev/null
chmod g+w "$dll"
refused "group-writable dialer"
chmod g-w "$dll"
ln -s "$dll" "$work/dialers/link.so"
sed -i "s|CustomRasDialDll=.*|CustomRasDialDll=$work/dialers/link.so|" "$pbk"
refused "reached through a symlink"
sed -i "s|CustomRasDialDll=.*|CustomRasDialDll=$dll|" "$pbk"
out=$("$work/client" "$pbk" dial)
expect_contains "$out" "dial=0" "allowed again"
# A dialer whose RasCustomDeleteEntryNotify fails does not keep its entry either.
: >"$DIALER_LOG"
out=$(DIALER_DELETE_FAILS=1 "$work/client" "$pbk" delete)
expect_contains "$out" "delete=0" "RasDeleteEntry when the dialer's notification fails"
expect_contains "$(cat "$DIALER_LOG")" "RasCustomDeleteEntryNotify" "the failing dialer was asked"
grep -q 'Dialer test' "$pbk" && fail "the entry of a dialer whose notification failed is still there"
# 4. An exception escaping RasCustomHangUp is ERROR_HANGUP_FAILED (753), never an unwind
#    through libopenras (the dialer's RasCustomDial succeeds; only its hang-up throws).
install -m 0644 "$build/zoo/throwing_hangup.so" "$work/dialers/throwing_hangup.so"
"$rasreg" add "$key" /v CustomDLL /t REG_MULTI_SZ /d "$work/dialers/throwing_hangup.so" /f >/dev/null
"$work/client" "$pbk" create "$work/dialers/throwing_hangup.so" || fail "creating the throwing_hangup entry"
rc=0
out=$("$work/client" "$pbk" dial 2>&1) || rc=$?
[ "$rc" -eq 0 ] || fail "the client died of RasCustomHangUp's exception (exit $rc): $out"
expect_contains "$out" "dial=0" "the throwing_hangup dialer dials"
expect_contains "$out" "hangup=753" "an exception from RasCustomHangUp"
echo "custom dialer: every entry point reached; refusals give 755 without loading; RasDeleteEntry deletes whatever the dialer does"
