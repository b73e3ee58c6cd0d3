#!/usr/bin/env bash
# A fresh root looks like a fresh Windows (issue 18 item 11): the keys installers open
# without creating exist before anything was written, so a Windows installer's
# RegOpenKeyExW then RegSetValueExW works the first time. As a real user: every key opens
# for reading, HKEY_LOCAL_MACHINE refuses write access and nothing is written under the
# root; HKEY_CURRENT_USER\Software opens for writing and the user's own hive takes the
# change. As root: the dialer installer's CustomDLL write succeeds the first time.
. "$(dirname "$0")/../lib.sh"
require_root "creates a user and a root-owned hive"
require_cmd setpriv useradd
. "$(dirname "$0")/rasreg_lib.sh"

test_user user fresh
uid=$(id -u "$user")
gid=$(id -g "$user")
as_user() { setpriv --reuid="$uid" --regid="$gid" --clear-groups "$@"; }
mkdir -p "$root/home/$user"
chown "$uid:$gid" "$root/home/$user"

# What an installer does, each call's status printed.
build_client installer <<'C'
#include <windows.h>
#include <stdio.h>
static LSTATUS open_key(HKEY root, const WCHAR* path, REGSAM access) {
  HKEY key = NULL;
  LSTATUS rc = RegOpenKeyExW(root, path, 0, access, &key);
  if (rc == ERROR_SUCCESS) RegCloseKey(key);
  return rc;
}
int main(void) {
  static const WCHAR dll[] = L"/usr/lib/openras/dialers/contoso.so\0";
  WCHAR buffer[128];
  DWORD size = sizeof buffer;
  HKEY params = NULL, software = NULL, vendor = NULL;
  printf("CurrentVersion=%ld Telephony=%ld RasMan=%ld\n",
         (long)open_key(HKEY_LOCAL_MACHINE, L"Software\\Microsoft\\Windows\\CurrentVersion", KEY_READ),
         (long)open_key(HKEY_LOCAL_MACHINE,
                        L"SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Telephony", KEY_READ),
         (long)open_key(HKEY_LOCAL_MACHINE, L"SYSTEM\\CurrentControlSet\\Services\\RasMan", KEY_READ));
  LSTATUS open_read = open_key(HKEY_LOCAL_MACHINE,
                               L"System\\CurrentControlSet\\Services\\Rasman\\Parameters", KEY_READ);
  LSTATUS open_all = RegOpenKeyExW(HKEY_LOCAL_MACHINE,
                                   L"System\\CurrentControlSet\\Services\\Rasman\\Parameters", 0,
                                   KEY_ALL_ACCESS, &params);
  LSTATUS set = open_all == ERROR_SUCCESS
                    ? RegSetValueExW(params, L"CustomDLL", 0, REG_MULTI_SZ, (const BYTE*)dll,
                                     sizeof dll)
                    : open_all;
  LSTATUS query = open_all == ERROR_SUCCESS
                      ? RegQueryValueExW(params, L"CustomDLL", NULL, NULL, (BYTE*)buffer, &size)
                      : open_all;
  if (params) RegCloseKey(params);
  printf("Parameters read=%ld all=%ld set=%ld query=%ld\n", (long)open_read, (long)open_all,
         (long)set, (long)query);
  LSTATUS user_open = RegOpenKeyExW(HKEY_CURRENT_USER, L"Software", 0, KEY_ALL_ACCESS, &software);
  LSTATUS user_create = user_open == ERROR_SUCCESS
                            ? RegCreateKeyExW(software, L"Contoso", 0, NULL, 0, KEY_ALL_ACCESS,
                                              NULL, &vendor, NULL)
                            : user_open;
  LSTATUS user_set = user_create == ERROR_SUCCESS
                         ? RegSetValueExW(vendor, L"Installed", 0, REG_SZ, (const BYTE*)L"1",
                                          sizeof L"1")
                         : user_create;
  printf("HKCU Software=%ld create=%ld set=%ld CurrentVersion=%ld\n", (long)user_open,
         (long)user_create, (long)user_set,
         (long)open_key(HKEY_CURRENT_USER, L"Software\\Microsoft\\Windows\\CurrentVersion",
                        KEY_READ));
  return 0;
}
C

# A user first: reads every key of a root nobody has written; writes nothing machine-wide.
expect_exit 0 "installer as $user" as_user "$work/bin/installer"
expect_contains "$out" "CurrentVersion=0 Telephony=0 RasMan=0" "HKLM keys as $user"
expect_contains "$out" "Parameters read=0 all=5 set=5 query=5" "Parameters as $user"
expect_contains "$out" "HKCU Software=0 create=0 set=0 CurrentVersion=0" "HKCU as $user"
[ ! -e "$root/etc" ] || fail "a user's calls wrote under the root: $(find "$root/etc")"
user_hive=$root/home/$user/.config/openras/registry/HKCU.reg
[ "$(stat -c '%U %a' "$user_hive")" = "$user 600" ] || fail "user hive is $(stat -c '%U %a' "$user_hive")"
grep -q '^\[HKEY_CURRENT_USER\\Software\\Contoso\]$' "$user_hive" || fail "user hive: $(cat "$user_hive")"

# Then root, as the dialer's installer runs: the first RegOpenKeyExW + RegSetValueExW work.
expect_exit 0 "installer as root" "$work/bin/installer"
expect_contains "$out" "CurrentVersion=0 Telephony=0 RasMan=0" "HKLM keys as root"
expect_contains "$out" "Parameters read=0 all=0 set=0 query=0" "Parameters as root"
[ "$(stat -c '%U %a' "$hive")" = "root 644" ] || fail "hive is $(stat -c '%U %a' "$hive")"
expect_exit 0 "query as $user" as_user "$R" query "$params" /v CustomDLL
expect_contains "$out" "/usr/lib/openras/dialers/contoso.so" "CustomDLL as $user"
# A default key cannot be deleted (it would only reappear): refused, as RegDeleteKey
# refuses it, and nothing under it is touched; its own subkey can be.
telephony='HKLM\Software\Microsoft\Windows\CurrentVersion\Telephony'
expect_exit 0 "add under Telephony" "$R" add "$telephony\Locations" /v Current /t REG_DWORD /d 1 /f
expect_exit 1 "delete of Telephony" "$R" delete "$telephony" /f
expect_contains "$out" "cannot be deleted" "delete of Telephony"
expect_exit 0 "query after the refused delete" "$R" query "$telephony\Locations" /v Current
expect_exit 0 "delete of Telephony\Locations" "$R" delete "$telephony\Locations" /f
expect_exit 1 "query of the deleted subkey" "$R" query "$telephony\Locations"
echo "fresh root: installer keys exist for $user (read only, nothing written) and root (written first time)"
