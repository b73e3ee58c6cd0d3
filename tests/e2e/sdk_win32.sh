#!/usr/bin/env bash
# The Win32 a RAS source uses besides RAS, as a Windows developer meets it (issue 18 items
# 9 and 13), against the installed SDK and a scratch root served by its own rasmand:
# - a Windows-style console client (sdk_console_client.c: _tmain, _tprintf, TCHAR,
#   StringCchPrintf, HeapAlloc, RasEnumEntries, RasEnumConnections, RasGetConnectStatus,
#   RasGetErrorString, GetModuleFileName) compiles UNCHANGED with pkg-config alone — C99
#   -Werror with -DUNICODE -D_UNICODE and without, and C++ — and with find_package(OpenRAS)
#   (Unicode), and each build lists the
#   entries and the connections (a built-in one and a custom one), takes its argument in
#   its own width ("Grüße": 5 wide characters, 7 UTF-8 bytes) and names its modules;
# - a dialer with a DllMain built the same way (sdk_dllmain_dialer.c) sees, in the holder
#   process rasdial leaves behind, DLL_PROCESS_ATTACH and its RasCustomDial
#   once each, and GetModuleFileName of its HINSTANCE is its own .so, not the descriptor
#   it was loaded through; in a client that returns from _tmain with the connection up:
#   attach, dial, then DLL_PROCESS_DETACH at exit, last, both in the holder (once its
#   connection is hung up) and in the client; rasdialer-check passes it;
# - rasdialer-check fails a C++ dialer without extern "C" (zoo: mangled) on "linkage",
#   naming the mangled symbol and the fix.
. "$(dirname "$0")/../lib.sh"
require_root "the HKLM hive and dialers must sit in root-owned directories"
require_cmd pkg-config gcc g++ timeout
. "$(dirname "$0")/dial_lib.sh"
san=${OPENRAS_SANITIZER_FLAGS:-}

prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
export PKG_CONFIG_PATH=$(dirname "$(find "$prefix" -name openras.pc)")
flags=$(pkg-config --cflags --libs openras)
src=$OPENRAS_SOURCE_DIR/tests/e2e

# --- The client, unchanged, both widths, C and C++. ---------------------------------------
mkdir -m 0755 "$work/client"
# shellcheck disable=SC2086
gcc -std=c99 -Wall -Wextra -Werror $san -DUNICODE -D_UNICODE "$src/sdk_console_client.c" \
  -o "$work/client/client-unicode" $flags || fail "the client does not build with UNICODE"
# shellcheck disable=SC2086
gcc -std=c99 -Wall -Wextra -Werror $san "$src/sdk_console_client.c" -o "$work/client/client-ansi" \
  $flags || fail "the client does not build without UNICODE"
# shellcheck disable=SC2086
g++ -Wall -Wextra -Werror $san -DUNICODE -D_UNICODE -x c++ "$src/sdk_console_client.c" \
  -o "$work/client/client-cxx" $flags || fail "the client does not build as C++"

# The same source through the CMake package: find_package(OpenRAS), OpenRAS::openras.
mkdir -p "$work/client/cmake"
cp "$src/sdk_console_client.c" "$work/client/cmake/"
cat >"$work/client/cmake/CMakeLists.txt" <<CM
cmake_minimum_required(VERSION 3.16)
project(console_client C)
find_package(OpenRAS REQUIRED)
add_executable(client-cmake sdk_console_client.c)
target_compile_definitions(client-cmake PRIVATE UNICODE _UNICODE)
target_compile_options(client-cmake PRIVATE -Wall -Wextra -Werror $san)
target_link_options(client-cmake PRIVATE $san)
target_link_libraries(client-cmake PRIVATE OpenRAS::openras)
CM
cmake -S "$work/client/cmake" -B "$work/client/cmake/build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null \
  && cmake --build "$work/client/cmake/build" >/dev/null || fail "the client does not build with find_package"
cp "$work/client/cmake/build/client-cmake" "$work/client/client-cmake"

# --- The dialer with a DllMain, built the same way. -----------------------------------------
mkdir -m 0755 "$work/dialers"
# shellcheck disable=SC2086
gcc -std=c99 -Wall -Wextra -Werror $san -shared -fPIC -fvisibility=hidden \
  "$src/sdk_dllmain_dialer.c" -o "$work/dialers/sdk_dllmain.so" $flags \
  || fail "the DllMain dialer does not build"
chmod 0644 "$work/dialers/sdk_dllmain.so"
install -m 0644 "$build/zoo/mangled.so" "$work/dialers/mangled.so"
"$bin/rasreg" add 'HKLM\System\CurrentControlSet\Services\Rasman\Parameters' /v CustomDLL \
  /t REG_MULTI_SZ /d "$work/dialers/sdk_dllmain.so\0$work/dialers/mangled.so" /f >/dev/null

dev Test0 Type REG_SZ test
dev Test1 Type REG_SZ test
mkdir -p "$work/root/etc/openras/pbk"
{
  entry 'Büro' Test0 5550100
  entry Office Test1 5550101
  entry Custom Test0 5550102 "$work/dialers/sdk_dllmain.so"
} >"$work/root/etc/openras/pbk/rasphone.pbk"
chmod 0644 "$work/root/etc/openras/pbk/rasphone.pbk"
start_rasmand

timeout 30 "$bin/rasdial" Office >"$work/office.out" 2>&1 || fail "rasdial Office: $(cat "$work/office.out")"
export SDK_DIALER_LOG=$work/dialer.log
timeout 30 "$bin/rasdial" Custom >"$work/custom.out" 2>&1 || fail "rasdial Custom: $(cat "$work/custom.out")"
log=$(cat "$SDK_DIALER_LOG")
[ "$(grep -c '^attach ' <<<"$log")" = 1 ] || fail "DllMain's attach is not once: $log"
expect_contains "$log" "attach $work/dialers/sdk_dllmain.so" "GetModuleFileName in DllMain"
expect_contains "$log" "dial $work/dialers/sdk_dllmain.so" "GetModuleFileName of RasCustomDial's hInstDll"

run_client() {  # run_client BINARY: output in $out
  out=$(timeout 30 "$1" 'Grüße' 2>&1) || fail "$1: exit $?: $out"
  no_sanitizer_report <(echo "$out") "$1"
  expect_contains "$out" "3 entries" "$1 lists the entries"
  expect_contains "$out" "entry 1: Büro (all users)" "$1 prints a non-ASCII entry name"
  expect_contains "$out" "entry 3: Custom (all users)" "$1 lists the custom entry"
  expect_contains "$out" "2 connections" "$1 counts the connections"
  expect_contains "$out" "Office on " "$1 lists the built-in connection"
  expect_contains "$out" "Custom on " "$1 lists the custom connection"
  [ "$(grep -c ', connected$' <<<"$out")" = 2 ] || fail "$1: RasGetConnectStatus: $out"
  expect_contains "$out" "truncation reported: truncat" "$1: StringCchCopy truncates"
  expect_contains "$out" "module: $1" "$1: GetModuleFileName(NULL)"
  expect_contains "$out" "library: /" "$1: GetModuleFileName of libopenras"
  expect_contains "$out" "libopenras.so.1" "$1: GetModuleHandle(libopenras.so.1)"
  expect_contains "$out" "623: The phone book entry" "$1: RasGetErrorString"
  echo "$1:"
  echo "$out" | sed 's/^/  /'
}
run_client "$work/client/client-unicode"
expect_contains "$out" "argument: Grüße (5 characters)" "wide argv under _UNICODE"
run_client "$work/client/client-cxx"
expect_contains "$out" "argument: Grüße (5 characters)" "wide argv in C++"
run_client "$work/client/client-cmake"
expect_contains "$out" "argument: Grüße (5 characters)" "wide argv through the CMake package"
run_client "$work/client/client-ansi"
expect_contains "$out" "argument: Grüße (7 characters)" "UTF-8 argv without _UNICODE"

timeout 30 "$bin/rasdial" Custom /DISCONNECT >"$work/hangup.out" 2>&1 \
  || fail "rasdial Custom /DISCONNECT: $(cat "$work/hangup.out")"
# The holder leaves once its connection is hung up.
for _ in $(seq 100); do pgrep -f "^$bin/rasdial Custom\$" >/dev/null || break; sleep 0.1; done
pgrep -f "^$bin/rasdial Custom\$" >/dev/null && fail "the holder outlived /DISCONNECT"
log=$(cat "$SDK_DIALER_LOG")
for event in attach dial detach; do
  [ "$(grep -c "^$event" <<<"$log")" = 1 ] || fail "the dialer's '$event' is not once: $log"
done
# The holder ends as any process does: DLL_PROCESS_DETACH at its exit, after the rest.
[ "$(tail -n 1 <<<"$log")" = "detach exiting" ] \
  || fail "the holder's exit did not end with DLL_PROCESS_DETACH (exiting): $log"
echo "in rasdial's holder the DllMain dialer saw: $(tr '\n' ';' <<<"$log")"

# A client that dials the custom entry and returns from _tmain with it up: the dialer gets
# DLL_PROCESS_DETACH with lpvReserved set as the process exits, once, and last; its
# OutputDebugString lines are in the log when OPENRAS_DEBUG=1.
cat >"$work/client/dial_once.c" <<'C'
#include <windows.h>
#include <tchar.h>
#include <strsafe.h>
#include <ras.h>
int _tmain(int argc, TCHAR* argv[]) {
  RASDIALPARAMS params;
  HRASCONN conn = NULL;
  DWORD rc;
  if (argc < 2) return 2;
  ZeroMemory(&params, sizeof params);
  params.dwSize = sizeof params;
  StringCchCopy(params.szEntryName, ARRAYSIZE(params.szEntryName), argv[1]);
  rc = RasDial(NULL, NULL, &params, 0, NULL, &conn);
  _tprintf(_T("RasDial %s: %lu\n"), argv[1], rc);
  return rc == ERROR_SUCCESS ? 0 : 1;
}
C
# shellcheck disable=SC2086
gcc -std=c99 -Wall -Wextra -Werror $san -DUNICODE -D_UNICODE "$work/client/dial_once.c" \
  -o "$work/client/dial_once" $flags || fail "dial_once does not build"
: >"$SDK_DIALER_LOG"
out=$(OPENRAS_DEBUG=1 timeout 30 "$work/client/dial_once" Custom 2>&1) || fail "dial_once Custom: $out"
expect_contains "$out" "RasDial Custom: 0" "dial_once dials"
log=$(cat "$SDK_DIALER_LOG")
# (RasCustomHangUp at exit, issue 18 item 7, must come before the detach when it runs.)
[[ "$(tr '\n' ';' <<<"$log" | sed "s|$work/dialers/||g")" =~ ^attach\ sdk_dllmain.so\;dial\ sdk_dllmain.so\;(hangup\;)?detach\ exiting\;$ ]] \
  || fail "a process that exits with the connection up: expected attach, dial, detach at exit: $log"
expect_contains "$out" "OutputDebugString: attach $work/dialers/sdk_dllmain.so" \
  "OutputDebugString in the log with OPENRAS_DEBUG=1"
echo "in a client that exits with the connection up: $(tr '\n' ';' <<<"$log")"
unset SDK_DIALER_LOG
stop_rasmand

# --- rasdialer-check: the SDK dialer passes; a C++ dialer without extern "C" fails. ---------
check=$build/tools/rasdialer-check/rasdialer-check
mkdir -m 1777 "$work/tmp"
out=$(TMPDIR=$work/tmp timeout 120 "$check" --timeout=5 "$work/dialers/sdk_dllmain.so" 2>&1) \
  || fail "rasdialer-check fails the DllMain dialer: $out"
expect_contains "$out" "PASS  linkage" "the DllMain dialer's linkage"
rc=0
out=$(TMPDIR=$work/tmp timeout 120 "$check" --timeout=5 "$work/dialers/mangled.so" 2>&1) || rc=$?
[ "$rc" = 1 ] || fail "rasdialer-check on the mangled dialer: exit $rc: $out"
expect_contains "$out" "FAIL  linkage" "the mangled dialer fails linkage"
expect_contains "$out" "RasCustomDial is the C++ function RasCustomDial(HINSTANCE__*" "the function"
expect_contains "$out" "(symbol _Z13RasCustomDial" "the mangled symbol"
expect_contains "$out" 'declare each one extern "C"' "the fix"
echo "rasdialer-check: $(grep 'FAIL  linkage' <<<"$out" | cut -c1-160)..."
echo "sdk_win32: the console client builds unchanged in both widths and as C++, lists entries and connections; the DllMain dialer sees attach, dial and detach at exit once each, named by its own path; rasdialer-check explains a missing extern \"C\""
