#!/usr/bin/env bash
# check_layering.sh DIR: the dialog runtime includes only its own, src/base's and
# src/win32's headers (and the SDK's and the system's), so it stays below the RAS code.
set -euo pipefail
# The library's files (tests may use more, and quote .rc text in raw strings).
files=$(ls "$1"/*.h "$1"/*.cpp | grep -v -E '_test\.cpp$|/test_support\.h$')
# shellcheck disable=SC2086
bad=$(grep -Hn '^#include "' $files | grep -v -E '#include "(dialog|base|win32)/' \
  | grep -v -E '#include "(windows|winuser|windowsx|commctrl|windef|winerror|synchapi)\.h"' || true)
if [ -n "$bad" ]; then
  echo "src/dialog may include only dialog/, base/, win32/ and SDK headers:"
  echo "$bad"
  exit 1
fi
echo "src/dialog includes only dialog/, base/, win32/ and SDK headers"
