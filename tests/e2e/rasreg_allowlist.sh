#!/usr/bin/env bash
# rasreg for administrators without a compiler (issue 15 §6, issue 18 §12):
# - `allowlist add|remove PATH` append to and remove from CustomDLL, keeping every other
#   vendor's item; `allowlist list` marks the items the loader would refuse and says why;
#   a non-root user may change nothing;
# - `import` of a Windows export holding roots OpenRAS does not keep skips those sections,
#   names them, and imports the rest; a mistyped root still refuses the whole file;
# - `regsvr [/u] DIALER` runs an allowed dialer's DllRegisterServer/DllUnregisterServer
#   (which writes HKLM through the Reg API), and never runs one the loader refuses.
. "$(dirname "$0")/../lib.sh"
require_root "the allow-list is HKEY_LOCAL_MACHINE's; dialers must sit in root-owned directories"
. "$(dirname "$0")/rasreg_lib.sh"

# Dialers live where the loader trusts them (not under /tmp, which anyone can write).
dialers=$(mktemp -d /var/lib/openras-e2e.XXXXXX)
chmod 0755 "$dialers"
at_exit "rm -rf '$dialers'"

# --- allowlist add / remove keep the other items. --------------------------------------------
expect_exit 0 "another vendor's dialers" "$R" add "$params" /v CustomDLL /t REG_MULTI_SZ \
  /d '/opt/vendor/one.so\0/opt/vendor/two.so' /f
build_dialer() {  # build_dialer NAME [CFLAGS...]
  local name=$1
  shift
  # shellcheck disable=SC2086
  gcc -std=c99 -Wall -Werror ${OPENRAS_SANITIZER_FLAGS:-} -shared -fPIC -fvisibility=hidden \
    -I"$OPENRAS_SOURCE_DIR/include" "$@" -o "$dialers/$name.so" \
    "$OPENRAS_SOURCE_DIR/tests/e2e/minimal_dialer.c" \
    -L"$work/lib" -lopenras -Wl,-rpath,"$work/lib" || fail "cannot build $name.so"
  chmod 0644 "$dialers/$name.so"
}
build_dialer vendor -DWITH_REGISTER
build_dialer plain

expect_exit 0 "allowlist add" "$R" allowlist add "$dialers/vendor.so"
expect_exit 0 "query after add" "$R" query "$params" /v CustomDLL
expect_contains "$out" "/opt/vendor/one.so\\0/opt/vendor/two.so\\0$dialers/vendor.so" "add appends"
expect_exit 0 "allowlist add again" "$R" allowlist add "$dialers/vendor.so"
expect_contains "$out" "already listed" "a second add"
expect_exit 0 "query after the second add" "$R" query "$params" /v CustomDLL
[ "$(grep -o "$dialers/vendor.so" <<<"$out" | wc -l)" -eq 1 ] || fail "a second add listed it twice: $out"
expect_exit 0 "allowlist list" "$R" allowlist list
expect_contains "$out" "allowed    $dialers/vendor.so" "list marks the trusted item"
expect_contains "$out" "untrusted  /opt/vendor/one.so  (entry 1 \"/opt/vendor/one.so\" cannot be resolved" \
  "list marks the missing item and says why"
# Listing a dialer through a path the loader refuses: added as asked, with a warning.
expect_exit 0 "allowlist add of a relative-looking path" "$R" allowlist add "$dialers/../${dialers##*/}/plain.so"
expect_contains "$out" "WARNING: $dialers/../${dialers##*/}/plain.so is listed, but the loader will not accept it" "the warning"
expect_exit 0 "allowlist remove" "$R" allowlist remove "$dialers/../${dialers##*/}/plain.so"
expect_exit 1 "allowlist remove of what is not there" "$R" allowlist remove /opt/vendor/three.so
expect_contains "$out" "is not an item of" "remove names what is missing"
expect_exit 2 "allowlist add without a path" "$R" allowlist add
expect_exit 2 "allowlist frob PATH" "$R" allowlist frob /x.so
expect_exit 1 "allowlist add of a relative path" "$R" allowlist add vendor.so
expect_contains "$out" "is not absolute" "a relative path"
expect_exit 0 "query after remove" "$R" query "$params" /v CustomDLL
expect_contains "$out" "/opt/vendor/one.so\\0/opt/vendor/two.so\\0$dialers/vendor.so" "remove kept the others"
expect_exit 0 "allowlist remove one of the vendor's" "$R" allowlist remove /opt/vendor/one.so
expect_exit 0 "query after removing one" "$R" query "$params" /v CustomDLL
expect_contains "$out" "    CustomDLL    REG_MULTI_SZ    /opt/vendor/two.so\\0$dialers/vendor.so" "remove removes exactly one"
# A non-root user changes nothing.
test_user user allow
cp "$hive" "$work/hive.before"
expect_exit 1 "allowlist add as a user" setpriv --reuid="$user" --regid="$user" --clear-groups \
  env OPENRAS_ROOT="$root" "$R" allowlist add /opt/x.so
expect_contains "$out" "ERROR: Access is denied." "a user may not add"
cmp "$hive" "$work/hive.before" || fail "a user's allowlist add changed the hive"

# --- import of a Windows export with foreign roots. -------------------------------------------
printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CLASSES_ROOT\\.pbk]\r\n@="RasPhonebook"\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Imported]\r\n"Name"="kept"\r\n\r\n[HKEY_USERS\\S-1-5-18\\Software]\r\n"x"=dword:00000001\r\n\r\n[HKEY_CURRENT_CONFIG\\System]\r\n\r\n' |
  iconv -f UTF-8 -t UTF-16LE | { printf '\xff\xfe'; cat; } >"$work/windows.reg"
expect_exit 0 "import with foreign roots" "$R" import "$work/windows.reg"
expect_contains "$out" "windows.reg line 3: [HKEY_CLASSES_ROOT\\.pbk] skipped: OpenRAS keeps only HKEY_LOCAL_MACHINE and HKEY_CURRENT_USER" "HKCR skipped"
expect_contains "$out" "line 9: [HKEY_USERS\\S-1-5-18\\Software] skipped" "HKU skipped"
expect_contains "$out" "line 12: [HKEY_CURRENT_CONFIG\\System] skipped" "HKCC skipped"
expect_exit 0 "the rest imported" "$R" query 'HKLM\SOFTWARE\Imported' /v Name
expect_contains "$out" "kept" "the HKLM section"
printf 'Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Typo]\n"a"="b"\n\n[HKEY_LOCL_MACHINE\\x]\n' >"$work/typo.reg"
cp "$hive" "$work/hive.before"
expect_exit 1 "a mistyped root" "$R" import "$work/typo.reg"
expect_contains "$out" "unknown root key \"HKEY_LOCL_MACHINE\"" "the typo named"
cmp "$hive" "$work/hive.before" || fail "an import refused for a typo changed the hive"
printf 'Windows Registry Editor Version 5.00\n\n[HKEY_CLASSES_ROOT\\x]\n"a"=hex:zz\n' >"$work/badforeign.reg"
expect_exit 1 "a malformed foreign section" "$R" import "$work/badforeign.reg"
expect_contains "$out" "badforeign.reg line 4" "a broken line in a skipped section still fails the file"

# --- regsvr. ------------------------------------------------------------------------------------
expect_exit 0 "regsvr" "$R" regsvr "$dialers/vendor.so"
expect_contains "$out" "DllRegisterServer in $dialers/vendor.so succeeded." "regsvr32's message"
expect_exit 0 "what DllRegisterServer wrote" "$R" query 'HKLM\Software\Vendor Dialer' /v Version
expect_contains "$out" "    Version    REG_SZ    4.2" "the dialer's key"
expect_exit 0 "regsvr /u" "$R" regsvr /u "$dialers/vendor.so"
expect_contains "$out" "DllUnregisterServer in $dialers/vendor.so succeeded." "regsvr /u"
expect_exit 1 "the key is gone" "$R" query 'HKLM\Software\Vendor Dialer'
expect_exit 1 "regsvr of a dialer not in CustomDLL" "$R" regsvr "$dialers/plain.so"
expect_contains "$out" "was not loaded, so its DllRegisterServer did not run" "not allowed"
expect_contains "$out" "not listed in" "the loader's reason"
"$R" allowlist add "$dialers/plain.so" >/dev/null
expect_exit 1 "regsvr of a dialer without DllRegisterServer" "$R" regsvr "$dialers/plain.so"
expect_contains "$out" "does not export DllRegisterServer" "no export"
chmod g+w "$dialers/vendor.so"
expect_exit 1 "regsvr of a group-writable dialer" "$R" regsvr "$dialers/vendor.so"
expect_contains "$out" "was not loaded" "untrusted file"
chmod g-w "$dialers/vendor.so"
expect_exit 1 "regsvr as a user" setpriv --reuid="$user" --regid="$user" --clear-groups \
  env OPENRAS_ROOT="$root" "$R" regsvr "$dialers/vendor.so"
expect_contains "$out" "ERROR: Access is denied." "a user may not run regsvr"
expect_exit 1 "nothing registered by the refused runs" "$R" query 'HKLM\Software\Vendor Dialer'
# A CustomDLL of the wrong type is not silently replaced by a list.
expect_exit 0 "a REG_SZ CustomDLL" "$R" add "$params" /v CustomDLL /d /opt/x.so /f
expect_exit 1 "allowlist add to a REG_SZ CustomDLL" "$R" allowlist add "$dialers/vendor.so"
expect_contains "$out" "has type REG_SZ, not REG_MULTI_SZ" "the wrong type named"
expect_exit 0 "the REG_SZ value kept" "$R" query "$params" /v CustomDLL
expect_contains "$out" "    CustomDLL    REG_SZ    /opt/x.so" "kept as it was"
echo "rasreg allowlist add/remove/list, import of foreign roots, regsvr: ok"
