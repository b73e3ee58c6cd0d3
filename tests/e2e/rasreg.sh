#!/usr/bin/env bash
# rasreg as root: the CustomDLL acceptance (add, query, the W API's exact bytes, export →
# import byte for byte), a real Windows export imported, malformed files refused without
# changing anything, trust rules and the allow-list, reg.exe's operations and messages.
. "$(dirname "$0")/../lib.sh"
require_root "rasreg writes HKEY_LOCAL_MACHINE"
. "$(dirname "$0")/rasreg_lib.sh"

# --- The acceptance: add both dialers, query shows both.
expect_exit 0 "add CustomDLL" "$R" add "$params" /v CustomDLL /t REG_MULTI_SZ \
  /d '/usr/lib/a.so\0/usr/lib/b.so' /f
expect_contains "$out" "The operation completed successfully." "add"
expect_exit 0 "query" "$R" query "$params"
expect_contains "$out" "    CustomDLL    REG_MULTI_SZ    /usr/lib/a.so\\0/usr/lib/b.so" "query"
expect_exit 0 "query /v" "$R" query "$params" /v customdll
expect_contains "$out" "/usr/lib/a.so\\0/usr/lib/b.so" "query /v"
[ "$(stat -c '%U %a' "$hive")" = "root 644" ] || fail "hive is $(stat -c '%U %a' "$hive")"

# --- A program calling RegQueryValueExW gets the wide, double-NUL-terminated list.
build_client query_custom_dll <<'C'
#include <windows.h>
#include <stdio.h>
int main(void) {
  static const WCHAR expected[] = L"/usr/lib/a.so\0/usr/lib/b.so\0"; /* + the literal's NUL */
  WCHAR data[64];
  DWORD type = 0, size = 0;
  HKEY key;
  LSTATUS rc = RegOpenKeyExW(HKEY_LOCAL_MACHINE,
                             L"System\\CurrentControlSet\\Services\\Rasman\\Parameters", 0,
                             KEY_READ, &key);
  if (rc != ERROR_SUCCESS) return printf("open: %ld\n", (long)rc), 1;
  rc = RegQueryValueExW(key, L"CustomDLL", NULL, &type, NULL, &size);
  if (rc != ERROR_SUCCESS || size != sizeof expected) return printf("size: %ld %lu\n", (long)rc, (unsigned long)size), 1;
  rc = RegQueryValueExW(key, L"CustomDLL", NULL, &type, (LPBYTE)data, &size);
  if (rc != ERROR_SUCCESS || type != REG_MULTI_SZ || size != sizeof expected ||
      memcmp(data, expected, sizeof expected) != 0) {
    return printf("query: %ld type %lu size %lu\n", (long)rc, (unsigned long)type, (unsigned long)size), 1;
  }
  RegCloseKey(key);
  printf("CustomDLL: %lu bytes, REG_MULTI_SZ, exact\n", (unsigned long)size);
  return 0;
}
C
expect_exit 0 "RegQueryValueExW client" "$work/bin/query_custom_dll"
expect_contains "$out" "exact" "RegQueryValueExW client"

# --- export, then import, round-trips byte for byte (the export file and the hive).
expect_exit 0 "export" "$R" export "$params" "$work/a.reg"
[ "$(head -c 2 "$work/a.reg" | od -An -tx1 | tr -d ' ')" = fffe ] || fail "export has no UTF-16LE BOM"
iconv -f UTF-16LE -t UTF-8 "$work/a.reg" | grep -q '^"CustomDLL"=hex(7):2f,00,75,00' \
  || fail "export does not hold CustomDLL as hex(7)"
cp "$hive" "$work/hive.before"
expect_exit 0 "import" "$R" import "$work/a.reg"
cmp "$hive" "$work/hive.before" || fail "importing the export changed the hive"
expect_exit 0 "export again" "$R" export "$params" "$work/b.reg" /y
cmp "$work/a.reg" "$work/b.reg" || fail "export → import → export is not byte-identical"

# --- A real Windows export (UTF-16LE, BOM, CRLF, hex(7)/hex(2)/hex(b), unknown types).
expect_exit 0 "import a Windows export" "$R" import "$OPENRAS_SOURCE_DIR/fuzz/corpus/reg/windows-export-rasman.reg"
expect_exit 0 "query imported" "$R" query 'HKLM\SYSTEM\CurrentControlSet\Services\RasMan\Parameters' /v CustomDLL
expect_contains "$out" 'C:\Program Files\Contoso\ContosoDialer.dll\0C:\Windows\System32\cmdial32.dll' "imported CustomDLL"
expect_exit 0 "query imported QWORD" "$R" query 'HKLM\SYSTEM\CurrentControlSet\Services\RasMan\Parameters' /v AllocatedMemory
expect_contains "$out" "REG_QWORD    0x100000" "imported QWORD"
expect_exit 0 "query HKCU" "$R" query 'HKCU\Software\Contoso\Dialer'
expect_contains "$out" "Phone    REG_SZ    555-0100 (café, 東京, 📞)" "imported HKCU string"
expect_exit 0 "export imported" "$R" export 'HKLM\SYSTEM\CurrentControlSet\Services\RasMan' "$work/c.reg"
expect_exit 0 "re-import" "$R" import "$work/c.reg"
expect_exit 0 "re-export" "$R" export 'HKLM\SYSTEM\CurrentControlSet\Services\RasMan' "$work/d.reg" /y
cmp "$work/c.reg" "$work/d.reg" || fail "unknown types do not round-trip"
iconv -f UTF-16LE -t UTF-8 "$work/c.reg" | grep -q '^"Vendor"=hex(8000000a):de,ad,be,ef' \
  || fail "the unknown type hex(8000000a) was not kept"

# --- Malformed files: an error naming file, line and problem; nothing stored changes.
cp "$hive" "$work/hive.before"
for bad in bad-header bad-unterminated-key bad-odd-hex bad-utf16-value bad-nul bad-utf16-file; do
  file=$OPENRAS_SOURCE_DIR/fuzz/corpus/reg/$bad.reg
  expect_exit 1 "import $bad" "$R" import "$file"
  expect_contains "$out" "ERROR: $file line " "import $bad"
  cmp "$hive" "$work/hive.before" || fail "a failed import of $bad changed the hive"
done
expect_exit 1 "a 1 MB line" bash -c "{ printf 'Windows Registry Editor Version 5.00\n\n[HKLM\\\\x]\n\"a\"=\"'; head -c 1048576 /dev/zero | tr '\\0' x; printf '\"\n'; } >'$work/long.reg' && '$R' import '$work/long.reg'"
expect_contains "$out" "long.reg line 4: line of" "1 MB line"
cmp "$hive" "$work/hive.before" || fail "a failed import changed the hive"

# --- Trust: a group-writable hive is not trusted and the allow-list is then empty.
# Dialers live where the loader trusts them (not under /tmp, which anyone can write).
dialers=$(mktemp -d /var/lib/openras-e2e.XXXXXX)
chmod 0755 "$dialers"
at_exit "rm -rf '$dialers'"
touch "$dialers/a.so" "$dialers/b.so" "$work/c.so"
expect_exit 0 "add real dialers" "$R" add "$params" /v CustomDLL /t REG_MULTI_SZ \
  /d "$dialers/a.so\\0relative.so\\0$dialers/../${dialers##*/}/b.so\\0$work/c.so" /f
expect_exit 0 "allowlist" "$R" allowlist
expect_contains "$out" "$dialers/a.so" "allow-list"
expect_contains "$out" "\"relative.so\" is not an absolute path; ignored" "allow-list note"
# An item is taken as written: one through ".." or a link, or in a directory others can
# write, allows nothing, and the note says why.
expect_contains "$out" "is not canonical (it resolves to $dialers/b.so); list the real path" \
  "allow-list note for a non-canonical item"
expect_contains "$out" "has mode 1777, a sticky directory anyone can write" "allow-list note for an item under /tmp"
expect_exit 1 "dialer listed only through .." "$R" allowlist "$dialers/b.so"
expect_exit 1 "dialer under /tmp" "$R" allowlist "$work/c.so"
expect_exit 0 "dialer allowed" "$R" allowlist "$dialers/a.so"
chmod g+w "$hive"
expect_exit 0 "allowlist of an untrusted hive" "$R" allowlist
case "$out" in *"$dialers/"*) fail "untrusted hive still allows dialers: $out" ;; esac
expect_contains "$out" "not trusted" "untrusted reason"
expect_contains "$out" "0664" "untrusted reason names the mode"
expect_exit 1 "dialer refused" "$R" allowlist "$dialers/a.so"
expect_contains "$out" "is not allowed" "untrusted allow-list"
expect_exit 1 "query of an untrusted hive" "$R" query "$params"
expect_contains "$out" "WARNING: the HKEY_LOCAL_MACHINE hive is not trusted" "rasreg says why"
expect_exit 1 "write into an untrusted hive" "$R" add "$params" /v x /d y /f
expect_contains "$out" "refusing to write an untrusted hive" "untrusted write"
chmod g-w "$hive"
chmod o+w "$root/etc/openras"
expect_exit 1 "dialer refused (writable directory)" "$R" allowlist "$dialers/a.so"
chmod o-w "$root/etc/openras"
expect_exit 0 "dialer allowed again" "$R" allowlist "$dialers/a.so"
expect_exit 0 "REG_SZ CustomDLL" "$R" add "$params" /v CustomDLL /t REG_EXPAND_SZ /d "$dialers/a.so" /f
expect_exit 1 "REG_EXPAND_SZ is never used" "$R" allowlist "$dialers/a.so"
expect_contains "$out" "only REG_MULTI_SZ is used" "wrong type"

# --- reg.exe's other operations and messages.
k='HKCU\Software\OpenRAS Test'
expect_exit 0 "add key" "$R" add "$k"
expect_exit 0 "add default" "$R" add "$k" /ve /d "default text"
expect_exit 0 "add dword" "$R" add "$k" /v Count /t REG_DWORD /d 0x2a
expect_exit 0 "add qword" "$R" add "$k" /v Big /t REG_QWORD /d 4294967296
expect_exit 0 "add binary" "$R" add "$k" /v Blob /t REG_BINARY /d 0aff
expect_exit 0 "add multi with /s" "$R" add "$k" /v List /t REG_MULTI_SZ /s , /d "x,y,z"
expect_exit 0 "add subkey" "$R" add "$k\\Sub"
expect_exit 0 "query key" "$R" query "$k"
expect_contains "$out" "    (Default)    REG_SZ    default text" "default value"
expect_contains "$out" "    Count    REG_DWORD    0x2a" "dword"
expect_contains "$out" "    Big    REG_QWORD    0x100000000" "qword"
expect_contains "$out" "    Blob    REG_BINARY    0AFF" "binary"
expect_contains "$out" "    List    REG_MULTI_SZ    x\\0y\\0z" "multi"
expect_contains "$out" "HKEY_CURRENT_USER\\Software\\OpenRAS Test\\Sub" "subkey listed"
# reg query's /t filter and /f search (/k key names, /d data, /c case, /e whole text).
expect_exit 0 "query /t" "$R" query "$k" /t REG_DWORD,REG_QWORD
expect_contains "$out" "    Count    REG_DWORD    0x2a" "/t keeps the DWORD"
expect_contains "$out" "    Big    REG_QWORD    0x100000000" "/t keeps the QWORD"
case "$out" in *"REG_SZ"*|*"REG_BINARY"*) fail "/t REG_DWORD,REG_QWORD showed other types: $out" ;; esac
expect_exit 0 "query /f in data" "$R" query 'HKCU\Software' /f "DEFAULT TEXT" /s
expect_contains "$out" "    (Default)    REG_SZ    default text" "/f finds data in any case"
expect_contains "$out" "End of search: 1 match(es) found." "/f counts"
expect_exit 0 "query /f /k" "$R" query 'HKCU\Software' /f "sub" /s /k
expect_contains "$out" "HKEY_CURRENT_USER\Software\OpenRAS Test\Sub" "/k finds the key name"
expect_contains "$out" "End of search: 1 match(es) found." "/k counts only keys"
expect_exit 1 "query /f /c" "$R" query "$k" /f "DEFAULT" /c
expect_contains "$out" "End of search: 0 match(es) found." "/c is case-sensitive"
expect_exit 1 "query /f /e" "$R" query "$k" /f "default" /e /d
expect_exit 0 "query /f /e of the whole text" "$R" query "$k" /f "default text" /e /d
expect_exit 2 "/k without /f" "$R" query "$k" /k
expect_exit 0 "import /reg:64" "$R" import "$work/b.reg" /reg:64
expect_exit 1 "add existing without /f, answering no" bash -c "echo n | '$R' add '$k' /v Count /t REG_DWORD /d 1"
expect_contains "$out" "cancelled" "no overwrite"
expect_exit 0 "query /v after cancel" "$R" query "$k" /v Count
expect_contains "$out" "0x2a" "value kept"
expect_exit 0 "overwrite after yes" bash -c "echo yes | '$R' add '$k' /v Count /t REG_DWORD /d 1"
expect_exit 1 "bad dword" "$R" add "$k" /v Bad /t REG_DWORD /d twelve /f
expect_contains "$out" "ERROR: Invalid syntax." "bad dword"
expect_exit 1 "bad type" "$R" add "$k" /v Bad /t REG_FOO /d 1 /f
expect_exit 1 "missing value" "$R" query "$k" /v Missing
expect_contains "$out" "ERROR: The system was unable to find the specified registry key or value." "missing value"
expect_exit 1 "missing key" "$R" query 'HKCU\Software\Nope'
expect_exit 1 "other roots" "$R" query 'HKCR\.txt'
expect_contains "$out" "ERROR: Invalid syntax." "HKCR"
expect_exit 1 "remote" "$R" query '\\server\HKLM\Software'
expect_exit 0 "delete value" "$R" delete "$k" /v Blob /f
expect_exit 1 "delete missing value" "$R" delete "$k" /v Blob /f
expect_exit 0 "delete all values" "$R" delete "$k" /va /f
expect_exit 0 "query emptied key" "$R" query "$k"
case "$out" in *Count*) fail "/va left values: $out" ;; esac
expect_exit 0 "delete tree" "$R" delete "$k" /f
expect_exit 1 "deleted" "$R" query "$k"
expect_exit 1 "no root deletion" "$R" delete HKLM /f
expect_exit 0 "usage" "$R" /?
expect_contains "$out" "RASREG QUERY" "usage"
expect_exit 2 "no operation" "$R"
expect_exit 2 "unknown operation" "$R" frobnicate
echo "rasreg as root: acceptance, Windows import, malformed files, trust, reg.exe operations: ok"
