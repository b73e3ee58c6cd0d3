#!/usr/bin/env bash
# src/ppp may include its own headers, src/base and system headers, but no other src/
# folder and none of the SDK's RAS/Win32 headers or sd-bus: the engine stays pure.
cd "$(dirname "$0")" || exit 2
bad=$(grep -nE '#include +"|#include +<(windows|ras|raserror|rasdlg|lmcons|winerror|systemd/)' \
        -r --include='*.h' --include='*.cpp' . | grep -vE '#include +"(ppp|base)/')
if [ -n "$bad" ]; then
  echo "src/ppp reaches outside src/ppp and src/base:" >&2
  echo "$bad" >&2
  exit 1
fi
