#!/usr/bin/env bash
# The SDK as a dialer author meets it: `cmake --install build --prefix P`, then a
# Windows-style C source compiled with nothing but `pkg-config --cflags --libs openras`
# (gcc -std=c99 -Wall -Werror, and g++), and a CMake project using find_package(OpenRAS).
. "$(dirname "$0")/../lib.sh"
require_cmd pkg-config gcc g++ cmake

scratch_dir work
prefix=$work/prefix
cmake --install "$OPENRAS_BUILD_DIR" --prefix "$prefix" >/dev/null
pc=$(dirname "$(find "$prefix" -name openras.pc)")
export PKG_CONFIG_PATH=$pc
flags=$(pkg-config --cflags --libs openras)
san=${OPENRAS_SANITIZER_FLAGS:-}

cat >"$work/client.c" <<'C'
#include <windows.h>
#include <ras.h>
#include <rasdlg.h>
#include <raserror.h>
#include <stdio.h>

int main(void) {
  WCHAR message[512];
  DWORD rc;
  if (sizeof(RASENTRYW) == 0 || RASCS_Connected != 0x2000 || ERROR_CANNOT_DO_CUSTOMDIAL != 755 ||
      RDEOPT_CustomDial != 0x1000 || RCD_Logon != 4) {
    return 2;
  }
  rc = RasGetErrorStringW(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, message, 512);
  if (rc != ERROR_SUCCESS) return 3;
  printf("623: %ls\n", message);
  return 0;
}
C

# shellcheck disable=SC2086
gcc -std=c99 -Wall -Werror $san "$work/client.c" -o "$work/client-c" $flags
out=$("$work/client-c")
expect_contains "$out" "623: The phone book entry" "C client"
# shellcheck disable=SC2086
g++ -Wall -Wextra -Werror $san -x c++ "$work/client.c" -o "$work/client-cxx" $flags
out=$("$work/client-cxx")
expect_contains "$out" "623: The phone book entry" "C++ client"

mkdir -p "$work/cmake-client"
cp "$work/client.c" "$work/cmake-client/client.c"
cat >"$work/cmake-client/CMakeLists.txt" <<CM
cmake_minimum_required(VERSION 3.16)
project(client C)
find_package(OpenRAS REQUIRED)
add_executable(client client.c)
target_compile_options(client PRIVATE $san)
target_link_options(client PRIVATE $san)
target_link_libraries(client PRIVATE OpenRAS::openras)
CM
cmake -S "$work/cmake-client" -B "$work/cmake-client/build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/cmake-client/build" >/dev/null
out=$("$work/cmake-client/build/client")
expect_contains "$out" "623: The phone book entry" "find_package client"

out=$("$prefix/bin/raserror" 755)
# (The text, not "755: ", which raserror prints from its argument whatever it knows.)
expect_contains "$out" "755: The custom dialer named by the entry could not be used" "installed raserror"
echo "SDK installed to $prefix: pkg-config C/C++ clients and find_package client all print 623"
