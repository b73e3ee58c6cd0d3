#!/usr/bin/env bash
# `cmake --install` to any prefix (issue 15 §11): the units and the D-Bus activation file
# name rasmand under the prefix given to cmake --install, not the one the build was
# configured with, also with DESTDIR; the unit passes `systemd-analyze verify`; every
# file a system install needs is there (socket, tmpfiles.d, sysusers.d, D-Bus policy, man
# pages in their sections, completion, docs).
. "$(dirname "$0")/../lib.sh"
require_cmd cmake systemd-analyze

scratch_dir work
for prefix in "$work/one" "$work/two words"; do
  cmake --install "$OPENRAS_BUILD_DIR" --prefix "$prefix" >"$work/install.log" 2>&1 ||
    fail "cmake --install --prefix '$prefix': $(cat "$work/install.log")"
  unit=$prefix/lib/systemd/system/rasmand.service
  [ -f "$unit" ] || fail "no rasmand.service under $prefix"
  grep -qxF "ExecStart=$prefix/bin/rasmand" "$unit" ||
    fail "$unit: $(grep ExecStart "$unit"), expected ExecStart=$prefix/bin/rasmand"
  [ -x "$prefix/bin/rasmand" ] || fail "ExecStart names $prefix/bin/rasmand, which is not there"
  activation=$prefix/share/dbus-1/system-services/org.openras.RasMan1.service
  grep -qxF "Exec=$prefix/bin/rasmand" "$activation" || fail "$activation: $(grep Exec "$activation")"
done
# The configured prefix appears nowhere in what was installed elsewhere.
configured=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$OPENRAS_BUILD_DIR/CMakeCache.txt")
if grep -rlF "$configured/bin" "$work/one/lib/systemd" "$work/one/share/dbus-1" 2>/dev/null; then
  fail "a unit names the configured prefix $configured"
fi

# DESTDIR: files land under it, paths inside them name the prefix alone.
DESTDIR=$work/stage cmake --install "$OPENRAS_BUILD_DIR" --prefix /opt/openras >"$work/install.log" 2>&1 ||
  fail "cmake --install with DESTDIR: $(cat "$work/install.log")"
grep -qxF "ExecStart=/opt/openras/bin/rasmand" "$work/stage/opt/openras/lib/systemd/system/rasmand.service" ||
  fail "with DESTDIR the unit names $(grep ExecStart "$work/stage/opt/openras/lib/systemd/system/rasmand.service")"

# The unit as systemd reads it (offline: nothing is started).
p=$work/one
out=$(systemd-analyze verify --man=no "$p/lib/systemd/system/rasmand.socket" \
  "$p/lib/systemd/system/rasmand.service" 2>&1) || fail "systemd-analyze verify: $out"
case "$out" in *rasmand*) fail "systemd-analyze verify complains: $out" ;; esac

for f in lib/systemd/system/rasmand.socket lib/tmpfiles.d/openras.conf lib/sysusers.d/openras.conf \
  share/dbus-1/system.d/org.openras.RasMan1.conf share/man/man1/rasdial.1 share/man/man1/rasreg.1 \
  share/man/man5/rasphone.pbk.5 share/man/man5/openras-registry.5 share/man/man8/rasmand.8 \
  share/bash-completion/completions/rasdial share/bash-completion/completions/rasreg \
  share/zsh/vendor-completions/_openras share/doc/openras/README.md share/doc/openras/registry.md \
  libexec/openras/openras-link; do
  [ -e "$p/$f" ] || fail "$f is not installed"
done
[ -e "$p/share/man/man1/rasmand.8" ] && fail "rasmand.8 installed in man1"
echo "cmake --install: units and activation name the install prefix (two prefixes, DESTDIR); verified: ok"
