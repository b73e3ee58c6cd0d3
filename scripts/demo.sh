#!/usr/bin/env bash
# demo.sh: the main job, end to end. Builds OpenRAS, installs the SDK, builds the sample
# `example` dialer against the installed SDK with pkg-config alone (as a dialer author
# would), allows it with rasreg, creates a phone-book entry naming it through the RAS API,
# dials it with rasdial (states printed as they arrive), hangs up, checks it with
# rasdialer-check, and deletes the entry (the dialer is notified). Then a real call
# (scripts/demo_call.sh): a forwarding dialer, the built-in modem driver on rasmodem-sim,
# PPP to slirp, and TCP through the connection's TUN interface, in a private network
# namespace. Everything happens in a private root; nothing outside it is touched. Run as
# root on Debian 12.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null

# Dialers must live where only root can write, all the way from /: not under /tmp.
demo=$(mktemp -d /var/lib/openras-demo.XXXXXX)
chmod 0755 "$demo"
# rasdial starts a rasmand for the private root; stop it with the demo.
stop_demo() {
  local pattern="rasmand --root $demo/root" i
  pkill -f "$pattern" 2>/dev/null || true
  for i in $(seq 40); do pgrep -f "$pattern" >/dev/null || break; sleep 0.05; done
  rm -rf "$demo"
}
trap stop_demo EXIT
cmake --install build/release --prefix "$demo/sdk" >/dev/null
export PKG_CONFIG_PATH=$(dirname "$(find "$demo/sdk" -name openras.pc)")
export PATH=$demo/sdk/bin:$PATH
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Build the example dialer against the installed SDK (pkg-config only)"
mkdir -m 0755 "$demo/dialers"
src=$demo/sdk/share/openras/examples/dialers/example/example.c
echo "cc -shared -fPIC -pthread -o example.so example.c \$(pkg-config --cflags --libs openras)"
# shellcheck disable=SC2046
cc -std=c99 -Wall -Werror -shared -fPIC -pthread -o "$demo/dialers/example.so" "$src" \
  $(pkg-config --cflags --libs openras)
chmod 0644 "$demo/dialers/example.so"

root=$demo/root
mkdir -m 0755 "$root"
export OPENRAS_ROOT=$root
export OPENRAS_EXAMPLE_LOG=$demo/example.log
step "Allow it: rasreg allowlist add (appends to ...\\Rasman\\Parameters\\CustomDLL; private root $root)"
rasreg allowlist add "$demo/dialers/example.so"
rasreg query 'HKLM\System\CurrentControlSet\Services\Rasman\Parameters' /v CustomDLL

step "Create the entry \"Example\" through the RAS API (RasGetEntryProperties defaults + RasSetEntryProperties)"
cat >"$demo/mkentry.c" <<'C'
#define UNICODE
#include <windows.h>
#include <ras.h>
#include <raserror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char** argv) {
  RASENTRY entry;
  DWORD size = sizeof entry;
  DWORD rc;
  if (argc == 3 && strcmp(argv[1], "delete") == 0) {
    WCHAR name[RAS_MaxEntryName + 1];
    mbstowcs(name, argv[2], RAS_MaxEntryName);
    rc = RasDeleteEntry(NULL, name);
    printf("RasDeleteEntry(\"%s\") = %u\n", argv[2], (unsigned)rc);
    return (int)rc;
  }
  ZeroMemory(&entry, sizeof entry);
  entry.dwSize = sizeof entry;
  rc = RasGetEntryProperties(NULL, L"", &entry, &size, NULL, NULL);
  if (rc != ERROR_SUCCESS) return (int)rc;
  mbstowcs(entry.szCustomDialDll, argv[1], MAX_PATH - 1);
  lstrcpy(entry.szDeviceType, RASDT_Modem);
  lstrcpy(entry.szDeviceName, L"Example modem");
  lstrcpy(entry.szLocalPhoneNumber, L"5550100");
  rc = RasSetEntryProperties(NULL, L"Example", &entry, sizeof entry, NULL, 0);
  printf("RasSetEntryProperties(\"Example\") = %u\n", (unsigned)rc);
  return (int)rc;
}
C
# shellcheck disable=SC2046
cc -std=c99 -Wall -Werror -o "$demo/mkentry" "$demo/mkentry.c" $(pkg-config --cflags --libs openras)
"$demo/mkentry" "$demo/dialers/example.so"
grep -n 'CustomRasDialDll' -r "$root" | sed "s|$root|<root>|"

step "rasdial Example demo-user secret --wait=2   (and, meanwhile, rasdial in another process)"
rasdial Example demo-user secret --wait=2 &
sleep 1
echo "-- rasdial (another process, through the rasmand that rasdial started for this root):"
rasdial
wait

step "rasdial Example /PHONE:busy   (the dialer reports the failure; exit status 1, the code printed)"
set +e
out=$(rasdial Example /PHONE:busy)
rc=$?
set -e
echo "$out"
echo "exit status $rc; raserror of that line: $(raserror "$out" | cut -d' ' -f2-)"

step "rasdialer-check $demo/dialers/example.so"
rasdialer-check "$demo/dialers/example.so" || true

step "Delete the entry (RasDeleteEntry notifies the dialer first)"
"$demo/mkentry" delete Example

step "What the example dialer saw (OPENRAS_EXAMPLE_LOG)"
cat "$OPENRAS_EXAMPLE_LOG"

# A real call, with real IP, in a network namespace of its own (scripts/demo_call.sh).
unshare -n bash scripts/demo_call.sh "$demo"
echo
echo "demo: OK"
