#!/usr/bin/env bash
# RasDeleteEntry on an entry whose dialer misbehaves in RasCustomDeleteEntryNotify: a
# forwarding dialer that deletes the entry itself (notified once, deleted once, no
# recursion), and dialers that crash, exit() or hang there — the entry is deleted all the
# same and the deleting process survives (docs/abi.md, "Deleting an entry").
. "$(dirname "$0")/../lib.sh"
require_root "dialers must sit in root-owned directories"
require_cmd pkg-config cc timeout setpriv useradd truncate

build=$OPENRAS_BUILD_DIR
work=$(mktemp -d /var/lib/openras-e2e.XXXXXX)
chmod 0755 "$work"
at_exit "rm -rf '$work'"
cmake --install "$build" --prefix "$work/sdk" >/dev/null
export PKG_CONFIG_PATH=$(dirname "$(find "$work/sdk" -name openras.pc)")
san=${OPENRAS_SANITIZER_FLAGS:-}

cat >"$work/rogue.c" <<'C'
/* A dialer whose RasCustomDeleteEntryNotify does what $NOTIFY says. */
#define UNICODE
#include <windows.h>
#include <ras.h>
#include <rasdlg.h>
#include <raserror.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXPORT __attribute__((visibility("default")))
static void say(const char* what) {
  FILE* f = fopen(getenv("DIALER_LOG"), "a");
  if (!f) return;
  fprintf(f, "%s\n", what);
  fclose(f);
}
EXPORT DWORD WINAPI RasCustomDial(HINSTANCE i, LPRASDIALEXTENSIONS e, LPCWSTR p,
                                  LPRASDIALPARAMS d, DWORD t, LPVOID n, LPHRASCONN c, DWORD f) {
  (void)i, (void)e, (void)p, (void)d, (void)t, (void)n, (void)c, (void)f;
  return ERROR_CANNOT_DO_CUSTOMDIAL;
}
EXPORT BOOL WINAPI RasCustomDialDlg(HINSTANCE i, DWORD f, LPWSTR p, LPWSTR e, LPWSTR n,
                                    LPRASDIALDLG info, PVOID v) {
  char line[600];
  (void)i, (void)e, (void)n, (void)v;
  snprintf(line, sizeof line, "dialdlg pbk=%ls flags=%u", p ? p : L"(null)", (unsigned)f);
  say(line);
  info->dwError = 0;
  return FALSE;
}
EXPORT DWORD WINAPI RasCustomHangUp(HRASCONN c) { (void)c; return 0; }
EXPORT BOOL WINAPI RasCustomEntryDlg(HINSTANCE i, LPWSTR p, LPWSTR e, LPRASENTRYDLG info,
                                     DWORD f) {
  (void)i, (void)p, (void)e, (void)info, (void)f;
  return FALSE;
}
EXPORT DWORD WINAPI RasCustomDeleteEntryNotify(LPCWSTR pbk, LPCWSTR entry, DWORD flags) {
  const char* how = getenv("NOTIFY");
  char line[256];
  (void)flags;
  say("notify");
  if (strcmp(how, "forward") == 0) {
    /* What a forwarding dialer does: hand the delete on to RAS. */
    snprintf(line, sizeof line, "inner-delete=%u", (unsigned)RasDeleteEntry(pbk, entry));
    say(line);
  } else if (strcmp(how, "crash") == 0) {
    raise(SIGSEGV);
  } else if (strcmp(how, "exit") == 0) {
    exit(3);
  } else if (strcmp(how, "hang") == 0) {
    for (;;) pause();
  }
  return ERROR_SUCCESS;
}
C

cat >"$work/client.c" <<'C'
/* Creates "Rogue" naming the dialer, deletes it, and says what RasDeleteEntry returned. */
#define UNICODE
#include <windows.h>
#include <ras.h>
#include <rasdlg.h>
#include <raserror.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv) {
  WCHAR pbk[MAX_PATH], dll[MAX_PATH];
  RASENTRY entry;
  DWORD size = sizeof entry, rc;
  mbstowcs(pbk, argv[1], MAX_PATH);
  mbstowcs(dll, argv[2], MAX_PATH);
  ZeroMemory(&entry, sizeof entry);
  entry.dwSize = sizeof entry;
  if ((rc = RasGetEntryProperties(pbk, L"", &entry, &size, NULL, NULL)) != 0) return (int)rc;
  lstrcpy(entry.szCustomDialDll, dll);
  lstrcpy(entry.szDeviceType, RASDT_Modem);
  lstrcpy(entry.szLocalPhoneNumber, L"5550123");
  if ((rc = RasSetEntryProperties(pbk, L"Rogue", &entry, sizeof entry, NULL, 0)) != 0) {
    return (int)rc;
  }
  if (argc > 3) {
    /* RasDialDlg with the default phone books: the dialer is told the file it is in. */
    RASDIALDLG info;
    ZeroMemory(&info, sizeof info);
    info.dwSize = sizeof info;
    printf("dialdlg=%d\n", RasDialDlg(NULL, L"Rogue", NULL, &info));
  }
  printf("delete=%u\n", (unsigned)RasDeleteEntry(pbk, L"Rogue"));
  printf("alive\n");
  return 0;
}
C

cat >"$work/creds.c" <<'C'
/* creds PBK set NAME USER | creds PBK get NAME: RasSetEntryDialParams and
 * RasGetEntryDialParams, creating the entry NAME first when it does not exist. */
#define UNICODE
#include <windows.h>
#include <ras.h>
#include <raserror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char** argv) {
  WCHAR pbk[MAX_PATH];
  RASDIALPARAMS params;
  RASENTRY entry;
  DWORD size = sizeof entry, rc;
  BOOL saved = FALSE;
  if (argc < 4) return 2;
  mbstowcs(pbk, argv[1], MAX_PATH);
  ZeroMemory(&params, sizeof params);
  params.dwSize = sizeof params;
  mbstowcs(params.szEntryName, argv[3], RAS_MaxEntryName);
  if (strcmp(argv[2], "set") == 0) {
    ZeroMemory(&entry, sizeof entry);
    entry.dwSize = sizeof entry;
    if ((rc = RasGetEntryProperties(pbk, L"", &entry, &size, NULL, NULL)) != 0) return (int)rc;
    lstrcpy(entry.szDeviceType, RASDT_Modem);
    lstrcpy(entry.szLocalPhoneNumber, L"5550123");
    if ((rc = RasSetEntryProperties(pbk, params.szEntryName, &entry, sizeof entry, NULL, 0)) != 0)
      return (int)rc;
    mbstowcs(params.szUserName, argv[4], UNLEN);
    lstrcpy(params.szPassword, L"secret");
    rc = RasSetEntryDialParams(pbk, &params, FALSE);
    printf("set=%u\n", (unsigned)rc);
    return rc == 0 ? 0 : 1;
  }
  rc = RasGetEntryDialParams(pbk, &params, &saved);
  printf("get=%u saved=%d user=%ls\n", (unsigned)rc, saved, params.szUserName);
  return rc == 0 ? 0 : 1;
}
C

mkdir -m 0755 "$work/dialers" "$work/root"
# shellcheck disable=SC2086
cc -std=c99 -Wall -Werror -shared -fPIC $san -o "$work/dialers/rogue.so" "$work/rogue.c" \
  $(pkg-config --cflags --libs openras)
# shellcheck disable=SC2086
cc -std=c99 -Wall -Werror $san -o "$work/client" "$work/client.c" $(pkg-config --cflags --libs openras)
# shellcheck disable=SC2086
cc -std=c99 -Wall -Werror $san -o "$work/creds" "$work/creds.c" $(pkg-config --cflags --libs openras)
chmod 0644 "$work/dialers/rogue.so"
export OPENRAS_ROOT=$work/root DIALER_LOG=$work/dialer.log OPENRAS_DELETE_NOTIFY_TIMEOUT=2
pbk=$work/root/etc/openras/pbk/rasphone.pbk
dll=$work/dialers/rogue.so
"$build/tools/rasreg/rasreg" add 'HKLM\System\CurrentControlSet\Services\Rasman\Parameters' \
  /v CustomDLL /t REG_MULTI_SZ /d "$dll" /f >/dev/null

for how in forward crash exit hang; do
  : >"$DIALER_LOG"
  out=$(NOTIFY=$how timeout 60 "$work/client" "$pbk" "$dll") || fail "$how: the client failed ($?): $out"
  echo "$how: $out / $(tr '\n' ' ' <"$DIALER_LOG")"
  expect_contains "$out" "delete=0" "$how: RasDeleteEntry succeeds"
  expect_contains "$out" "alive" "$how: the deleting process survives its dialer"
  [ "$(grep -c '^notify$' "$DIALER_LOG")" -eq 1 ] || fail "$how: the dialer was not notified exactly once"
  ! grep -q '^\[Rogue\]' "$pbk" || fail "$how: the entry is still in the phone book"
done
: >"$DIALER_LOG"
NOTIFY=forward "$work/client" "$pbk" "$dll" >/dev/null
grep -qx 'inner-delete=0' "$DIALER_LOG" || fail "forward: the dialer's own RasDeleteEntry did not succeed"
# RasDialDlg with a NULL phone book hands the dialer the file the entry was found in.
: >"$DIALER_LOG"
NOTIFY=none "$work/client" "$pbk" "$dll" dialdlg >/dev/null
grep -qx "dialdlg pbk=$pbk flags=1" "$DIALER_LOG" || fail "RasCustomDialDlg did not get the resolved phone book: $(cat "$DIALER_LOG")"
# A real user deletes an entry of their own phone book whose allowed dialer hangs in the
# notification: the entry goes all the same, and the user's process carries on.
test_user user rogue
as_user=(setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups)
mkdir -p "$work/root/home/$user/.config/openras/pbk"
chown -R "$user" "$work/root/home/$user"
upbk=$work/root/home/$user/.config/openras/pbk/rasphone.pbk
ulog=$work/user-dialer.log
: >"$ulog"
chown "$user" "$ulog"
out=$(NOTIFY=hang DIALER_LOG=$ulog timeout 60 "${as_user[@]}" "$work/client" "$upbk" "$dll") \
  || fail "the user's client failed ($?): $out"
expect_contains "$out" "delete=0" "the user's RasDeleteEntry despite a hanging dialer"
grep -qx notify "$ulog" || fail "the user's dialer was not notified"
! grep -q '^\[Rogue\]' "$upbk" || fail "the user's entry is still in their phone book"

# The user's credentials file saved by an editor without its final newline: the next
# entry's credentials get a section of their own, the last value keeps its text.
"${as_user[@]}" "$work/creds" "$upbk" set First first-user >/dev/null || fail "saving First's credentials"
cred=$(find "$work/root/home/$user/.config/openras/credentials" -name '*.cred')
[ "$(tail -c 1 "$cred" | od -An -c | tr -d ' ')" = '\n' ] || fail "the credentials file lacks its newline before the test"
"${as_user[@]}" truncate -s -1 "$cred"
"${as_user[@]}" "$work/creds" "$upbk" set Second second-user >/dev/null || fail "saving Second's credentials"
out=$("${as_user[@]}" "$work/creds" "$upbk" get First) || fail "reading First: $out"
expect_contains "$out" "saved=1 user=first-user" "First keeps its own credentials"
out=$("${as_user[@]}" "$work/creds" "$upbk" get Second) || fail "reading Second: $out"
expect_contains "$out" "saved=1 user=second-user" "Second's credentials are its own"
# No notification host is left behind, whatever the dialer did.
! pgrep -f "openras-dialer-host delete-notify $pbk" >/dev/null || fail "a notification host is still running"
echo "PASS: dialer_delete"
