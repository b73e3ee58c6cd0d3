#!/usr/bin/env bash
# A Windows-style dialog program built against the installed SDK, as its author would:
# (1) with pkg-config alone — `$(pkg-config --variable=rasrc openras)` compiles the .rc and
# gcc -std=c99 -Werror links it; (2) with CMake — find_package(OpenRAS) and
# openras_add_resources(). Both binaries show their dialog (scripted renderer) and return
# what was typed; the pkg-config one is also a dialer-style .so whose resources are found
# from its dlopen handle, not the executable's.
. "$(dirname "$0")/../lib.sh"
require_cmd pkg-config gcc cmake
scratch_dir work
prefix=$work/prefix
cmake --install "$OPENRAS_BUILD_DIR" --prefix "$prefix" >/dev/null
export PKG_CONFIG_PATH=$(dirname "$(find "$prefix" -name openras.pc)")
san=${OPENRAS_SANITIZER_FLAGS:-}
src=$OPENRAS_SOURCE_DIR/src/dialog/sample
mkdir -p "$work/app"
cp "$src/sample.c" "$src/sample.rc" "$src/resource.h" "$work/app/"
cd "$work/app"
printf 'set 1001 dave\npress IDOK\n' >answers

rasrc=$(pkg-config --variable=rasrc openras)
[ -x "$rasrc" ] || fail "pkg-config's rasrc ($rasrc) is not installed"
"$rasrc" -o sample_rc.c sample.rc 2>rasrc.err
expect_contains "$(cat rasrc.err)" "VERSIONINFO resource ignored" "rasrc warning"
# shellcheck disable=SC2086
gcc -std=c99 -Wall -Wextra -Werror $san sample.c sample_rc.c -o sample $(pkg-config --cflags --libs openras)
out=$(setsid ./sample --script answers </dev/null)
expect_contains "$out" 'result 1 user "dave" save 0 title "Sample logon"' "pkg-config build"

# A bad .rc: file, line and column.
printf '#include "resource.h"\nIDD_LOGON DIALOG 0, 0, 10\nBEGIN\nEND\n' >bad.rc
rc=0
msg=$("$rasrc" -o bad.c bad.rc 2>&1) || rc=$?
[ $rc = 1 ] || fail "rasrc accepted a bad .rc (exit $rc)"
expect_contains "$msg" 'bad.rc:3:1: error: expected ","' "rasrc error location"

# The same dialog from a shared library (a dialer's shape): hInstance is its dlopen handle.
cat >host.c <<'C'
#include <windows.h>
#include <dlfcn.h>
#include <stdio.h>
int main(int argc, char** argv) {
  void* dll;
  int (*show)(HINSTANCE);
  if (argc < 3 || OpenRasSetDialogRenderer(OPENRAS_RENDERER_SCRIPTED, argv[2], NULL) != 0) return 9;
  dll = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!dll) return 8;
  *(void**)&show = dlsym(dll, "ShowLogon");
  printf("dll %d exe-has-no-dialog %ld\n", show((HINSTANCE)dll),
         (long)DialogBoxParamW(NULL, MAKEINTRESOURCEW(101), NULL, NULL, 0));
  return 0;
}
C
cat >dialer.c <<'C'
#include <windows.h>
#include "resource.h"
static INT_PTR CALLBACK Proc(HWND h, UINT m, WPARAM w, LPARAM l) {
  (void)l;
  if (m == WM_COMMAND && (LOWORD(w) == IDOK || LOWORD(w) == IDCANCEL)) return EndDialog(h, LOWORD(w));
  return m == WM_INITDIALOG;
}
__attribute__((visibility("default"))) int ShowLogon(HINSTANCE hInst) {
  return (int)DialogBoxParamW(hInst, MAKEINTRESOURCEW(IDD_LOGON), NULL, Proc, 0);
}
C
# shellcheck disable=SC2086
gcc -std=c99 -Wall -Werror -fPIC -shared -fvisibility=hidden $san dialer.c sample_rc.c -o dialer.so $(pkg-config --cflags --libs openras)
# shellcheck disable=SC2086
gcc -std=c99 -Wall -Werror $san host.c -o host $(pkg-config --cflags --libs openras) -ldl
out=$(setsid ./host "$PWD/dialer.so" answers </dev/null)
expect_contains "$out" "dll 1 exe-has-no-dialog -1" "dialer .so resources"

mkdir -p "$work/cm"
cp sample.c sample.rc resource.h answers "$work/cm/"
cat >"$work/cm/CMakeLists.txt" <<CM
cmake_minimum_required(VERSION 3.20)
project(sample C)
find_package(OpenRAS REQUIRED)
add_executable(sample sample.c)
target_compile_options(sample PRIVATE $san)
target_link_options(sample PRIVATE $san)
target_link_libraries(sample PRIVATE OpenRAS::openras)
openras_add_resources(sample sample.rc)
CM
cmake -S "$work/cm" -B "$work/cm/build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/cm/build" >/dev/null 2>&1 || cmake --build "$work/cm/build"
out=$(cd "$work/cm" && setsid build/sample --script answers </dev/null)
expect_contains "$out" 'result 1 user "dave"' "find_package build"
echo "installed SDK: rasrc via pkg-config and openras_add_resources build and show the dialog"
