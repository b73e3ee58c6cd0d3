#!/usr/bin/env bash
# demo.sh: the main job. Builds OpenRAS (release), installs the SDK into a scratch prefix
# and shows it working as a dialer author and a user meet it: a Windows-style C program
# compiled against the installed SDK with pkg-config alone, and the raserror tool.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/openras-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT
cmake --install build/release --prefix "$work/sdk" >/dev/null
export PKG_CONFIG_PATH=$(dirname "$(find "$work/sdk" -name openras.pc)")
echo "== OpenRAS SDK installed in $work/sdk"
echo "   pkg-config --cflags --libs openras: $(pkg-config --cflags --libs openras)"

cat >"$work/hello.c" <<'C'
/* A Windows-style RAS client: compiles unchanged against the OpenRAS SDK. */
#define UNICODE
#include <windows.h>
#include <ras.h>
#include <rasdlg.h>
#include <raserror.h>
#include <stdio.h>

int main(void) {
  static const UINT codes[] = {ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, ERROR_LINE_BUSY,
                               ERROR_CANNOT_DO_CUSTOMDIAL, ERROR_INVALID_SIZE};
  WCHAR text[512];
  size_t i;
  printf("sizeof(RASENTRY) = %u, RASCS_Connected = 0x%x, RDEOPT_CustomDial = 0x%x\n",
         (unsigned)sizeof(RASENTRY), RASCS_Connected, RDEOPT_CustomDial);
  for (i = 0; i < sizeof codes / sizeof codes[0]; ++i) {
    if (RasGetErrorString(codes[i], text, 512) == ERROR_SUCCESS) printf("%u: %ls\n", codes[i], text);
  }
  return 0;
}
C
echo "== compiling a Windows-style client: gcc -std=c99 -Wall -Werror hello.c \$(pkg-config ...)"
# shellcheck disable=SC2046
gcc -std=c99 -Wall -Werror "$work/hello.c" -o "$work/hello" $(pkg-config --cflags --libs openras)
"$work/hello"
echo "== raserror /?"
"$work/sdk/bin/raserror" '/?'
echo "== raserror 691 0x2F3"
"$work/sdk/bin/raserror" 691 0x2F3
echo "== self-check: $(ls "$work/sdk/include/openras" | wc -l) SDK headers, $(nm -D --defined-only "$(find "$work/sdk" -name 'libopenras.so.*.*')" | grep -c ' T Ras') exported Ras* functions"
echo "demo: OK"
