#!/usr/bin/env bash
# Issue 4's acceptance, as a dialer author meets it: the SDK installed with
# `cmake --install`, a Windows-style C program built with pkg-config only, run against a
# private root (nothing touches /etc or a home directory):
#  1. defaults -> szCustomDialDll -> RasSetEntryPropertiesW -> read back field for field ->
#     enumerate -> rename -> delete, each with Windows' documented return code (including
#     ERROR_BUFFER_TOO_SMALL size queries and ERROR_INVALID_SIZE);
#  2. the phone book it leaves has CustomRasDialDll=<path> in the entry's section;
#  3. a real-world Windows rasphone.pbk edited through the API keeps every line it does
#     not own: exactly one line differs afterwards.
. "$(dirname "$0")/../lib.sh"
require_cmd pkg-config gcc cmake diff awk

scratch_dir work
prefix=$work/prefix
cmake --install "$OPENRAS_BUILD_DIR" --prefix "$prefix" >/dev/null
PKG_CONFIG_PATH=$(dirname "$(find "$prefix" -name openras.pc)")
export PKG_CONFIG_PATH
flags=$(pkg-config --cflags --libs openras)
san=${OPENRAS_SANITIZER_FLAGS:-}
client=$work/pbk_client
# shellcheck disable=SC2086
gcc -std=c99 -Wall -Wextra -Werror $san "$OPENRAS_SOURCE_DIR/tests/e2e/phonebook/pbk_client.c" \
  -o "$client" $flags

root=$work/root
mkdir -m 0755 "$root"
export OPENRAS_ROOT=$root
dll=/usr/lib/openras/dialers/acme.so

# 1. The acceptance sequence (NULL phone book: the caller's own and the all-users one).
out=$("$client" acceptance "$dll") || fail "acceptance sequence: $out"
echo "$out"
expect_contains "$out" "0 unexpected results" "acceptance sequence"

# 2. The file it leaves: the per-user phone book, with the dialer in the entry's section.
pbk=$(find "$root/home" -name rasphone.pbk)
[ -f "$pbk" ] || fail "no per-user phone book under $root/home"
section=$(awk '/^\[/{s=($0=="[Acme VPN]")} s' "$pbk")
expect_contains "$section" "CustomRasDialDll=$dll" "[Acme VPN] in $pbk"
[ "$(stat -c %a "$pbk")" = 600 ] || fail "$pbk has mode $(stat -c %a "$pbk"), not 600"
echo "$pbk: [Acme VPN] has CustomRasDialDll=$dll"

# 3. A Windows 10 phone book (CRLF, PBVersion=8, CustomAuthData lines, keys OpenRAS does
#    not know, a modem entry with an alternate number) survives an edit of one entry.
windows=$work/windows.pbk
cp "$OPENRAS_SOURCE_DIR/fuzz/corpus/pbk/windows10_rasphone.pbk" "$windows"
out=$("$client" set "$windows" "Contoso Always On VPN" vpn1.contoso.example /opt/contoso/cmdial.so) \
  || fail "editing the Windows phone book: $out"
rc=0
changed=$(diff "$OPENRAS_SOURCE_DIR/fuzz/corpus/pbk/windows10_rasphone.pbk" "$windows") || rc=$?
[ "$rc" -eq 1 ] || fail "diff of the edited Windows phone book exited $rc (1: they differ): $changed"
[ "$(grep -c '^[<>]' <<<"$changed")" = 2 ] || fail "expected one changed line, diff shows: $changed"
expect_contains "$changed" "> CustomRasDialDll=/opt/contoso/cmdial.so" "the changed line"
out=$("$client" get "$windows" "Dial-up to ISP (Müller GmbH)") || fail "reading the modem entry: $out"
expect_contains "$out" "0800 555 0199" "modem entry after the edit"
echo "Windows phone book: one line changed (CustomRasDialDll), every other line kept byte for byte"
