#!/usr/bin/env bash
# client_library_check.sh MODULE: MODULE, linked from openras_rasman_client alone, needs
# neither libopenras nor what only libopenras or rasmand use (ncurses, libmnl, nettle,
# libdl's dialer loading), and exports the one function it defines.
set -euo pipefail
module=$1
needed=$(readelf -d "$module" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
echo "rasman.client_library: $module needs: $(echo $needed)"
bad=0
for lib in $needed; do
  case $lib in
    libopenras* | libncurses* | libmnl* | libnettle* | libgtest*)
      echo "rasman.client_library: the client library pulls in $lib" >&2
      bad=1
      ;;
  esac
done
grep -qx 'libsystemd.so.0' <<<"$needed" || { echo "rasman.client_library: no libsystemd: is the client in it?" >&2; bad=1; }
exported=$(nm -D --defined-only "$module" | awk '$2 == "T" { print $3 }')
grep -qx openras_client_module_connections <<<"$exported" ||
  { echo "rasman.client_library: the module's function is not exported" >&2; bad=1; }
exit "$bad"
