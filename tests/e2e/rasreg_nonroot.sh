#!/usr/bin/env bash
# rasreg and the Reg API as a real non-root user (a test user, removed at exit):
# HKEY_LOCAL_MACHINE can be read but not written (exit 1, "Access is denied",
# RegSetValueExW returns 5, the hive unchanged); the user's own HKEY_CURRENT_USER works.
. "$(dirname "$0")/../lib.sh"
require_root "creates a user and a root-owned hive"
require_cmd setpriv useradd
. "$(dirname "$0")/rasreg_lib.sh"

test_user user reg
uid=$(id -u "$user")
gid=$(id -g "$user")
as_user() { setpriv --reuid="$uid" --regid="$gid" --clear-groups "$@"; }

expect_exit 0 "add as root" "$R" add "$params" /v CustomDLL /t REG_MULTI_SZ \
  /d '/usr/lib/a.so\0/usr/lib/b.so' /f
cp "$hive" "$work/hive.before"

# Reading is open to all.
expect_exit 0 "query as $user" as_user "$R" query "$params"
expect_contains "$out" "CustomDLL    REG_MULTI_SZ    /usr/lib/a.so\\0/usr/lib/b.so" "query as $user"

# Writing is not, whatever the operation.
expect_exit 1 "add as $user" as_user "$R" add "$params" /v CustomDLL /t REG_MULTI_SZ /d '/tmp/evil.so' /f
expect_contains "$out" "ERROR: Access is denied." "add as $user"
expect_contains "$out" "only root may change HKEY_LOCAL_MACHINE" "add as $user"
expect_exit 1 "new key as $user" as_user "$R" add 'HKLM\Software\Evil'
expect_exit 1 "delete as $user" as_user "$R" delete "$params" /v CustomDLL /f
expect_contains "$out" "Access is denied." "delete as $user"
printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\Software\\Evil]\r\n"a"="b"\r\n' >"$work/evil.reg"
chmod a+r "$work/evil.reg"
expect_exit 1 "import as $user" as_user "$R" import "$work/evil.reg"
expect_contains "$out" "Access is denied." "import as $user"

build_client set_machine <<'C'
#include <windows.h>
#include <stdio.h>
int main(void) {
  static const WCHAR evil[] = L"/tmp/evil.so\0";
  HKEY key = NULL;
  LSTATUS open_all = RegOpenKeyExW(HKEY_LOCAL_MACHINE,
                                   L"System\\CurrentControlSet\\Services\\Rasman\\Parameters", 0,
                                   KEY_ALL_ACCESS, &key);
  LSTATUS open_read = RegOpenKeyExW(HKEY_LOCAL_MACHINE,
                                    L"System\\CurrentControlSet\\Services\\Rasman\\Parameters", 0,
                                    KEY_READ, &key);
  LSTATUS set = RegSetValueExW(key, L"CustomDLL", 0, REG_MULTI_SZ, (const BYTE*)evil, sizeof evil);
  LSTATUS set_root = RegSetValueExW(HKEY_LOCAL_MACHINE, L"x", 0, REG_MULTI_SZ, (const BYTE*)evil,
                                    sizeof evil);
  printf("open KEY_ALL_ACCESS=%ld open KEY_READ=%ld RegSetValueExW=%ld on HKLM itself=%ld\n",
         (long)open_all, (long)open_read, (long)set, (long)set_root);
  return 0;
}
C
expect_exit 0 "Reg API as $user" as_user "$work/bin/set_machine"
expect_contains "$out" "open KEY_ALL_ACCESS=5 open KEY_READ=0 RegSetValueExW=5 on HKLM itself=5" \
  "Reg API as $user"
cmp "$hive" "$work/hive.before" || fail "the hive changed after refused writes"
[ -z "$(find "$root/etc/openras/registry" -newer "$work/hive.before" -print)" ] \
  || fail "refused writes touched files: $(find "$root/etc/openras/registry" -newer "$work/hive.before")"

# The user's own HKEY_CURRENT_USER (under a private root: <root>/home/<user>/.config/openras).
mkdir -p "$root/home/$user"
chown "$uid:$gid" "$root/home/$user"
expect_exit 0 "HKCU add as $user" as_user "$R" add 'HKCU\Software\Dialer' /v Phone /d 555-0100
expect_exit 0 "HKCU query as $user" as_user "$R" query 'HKCU\Software\Dialer' /v Phone
expect_contains "$out" "Phone    REG_SZ    555-0100" "HKCU as $user"
user_hive=$root/home/$user/.config/openras/registry/HKCU.reg
[ "$(stat -c '%U %a' "$user_hive")" = "$user 600" ] || fail "user hive is $(stat -c '%U %a' "$user_hive")"
echo "non-root user $user: HKLM readable, every write refused with 5 / Access is denied, hive unchanged; HKCU works"
