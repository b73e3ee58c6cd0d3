#!/usr/bin/env bash
# The Debian packages (issue 15 §10, §11): `dpkg-buildpackage -us -uc -b` from a copy of the
# tree builds openras, libopenras1 and libopenras-dev with no compiler warning (the
# release configuration); lintian reports no error; installed, the units pass
# `systemd-analyze verify` and rasmand.socket is enabled, the link user exists, the tools
# and the SDK work from /usr; purged, nothing of them is left.
# Slow (a whole release build): labelled "package", outside the default scripts/test.sh
# run (OPENRAS_PACKAGE_CHECK=1 adds it; or ctest --preset ci -L package).
# OPENRAS_PACKAGE_DIR=DIR checks packages already built from this tree in DIR (the .debs,
# the .changes and dpkg-buildpackage's output as build.log) instead of building them.
. "$(dirname "$0")/../lib.sh"
require_root "it installs and purges the packages"
require_cmd dpkg-buildpackage dh lintian systemd-analyze systemctl git gcc pkg-config

packages=(openras libopenras1 libopenras-dev)
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'installed' &&
    fail "$p is already installed; this test installs and purges it, so it will not touch it"
done
user=_openras-link
user_existed=false
getent passwd "$user" >/dev/null && user_existed=true
at_exit "dpkg --purge ${packages[*]} >/dev/null 2>&1 || true"
$user_existed || at_exit "getent passwd $user >/dev/null && userdel $user || true"

scratch_dir work
# --- Build, without warnings; lintian. --------------------------------------------------------
if [ -n "${OPENRAS_PACKAGE_DIR:-}" ]; then
  cp "$OPENRAS_PACKAGE_DIR"/*.deb "$OPENRAS_PACKAGE_DIR"/*.changes "$OPENRAS_PACKAGE_DIR"/*.buildinfo \
    "$OPENRAS_PACKAGE_DIR/build.log" "$work/" || fail "no packages and build.log in $OPENRAS_PACKAGE_DIR"
else
  # Built in a directory fixed per source tree, with the caller's ccache: the compiler sees
  # the same paths each run, so a second run hits the cache (debhelper points HOME
  # elsewhere, so CCACHE_DIR is passed explicitly); two trees build side by side.
  tree=/var/tmp/openras-debian-build.$(printf '%s' "$OPENRAS_SOURCE_DIR" | md5sum | cut -c1-8)
  mkdir "$tree" 2>/dev/null || fail "$tree exists: a package build of this tree is running, or one was killed (remove it)"
  at_exit "rm -rf '$tree'"
  mkdir "$tree/openras"
  git -C "$OPENRAS_SOURCE_DIR" ls-files -co --exclude-standard | grep -v '^build/' |
    (cd "$OPENRAS_SOURCE_DIR" && tar -cf - -T -) | tar -xf - -C "$tree/openras"
  (cd "$tree/openras" &&
    CCACHE_DIR=${CCACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ccache} \
      DEB_BUILD_OPTIONS="parallel=${OPENRAS_PACKAGE_JOBS:-2}" dpkg-buildpackage -us -uc -b) \
    >"$work/build.log" 2>&1 || fail "dpkg-buildpackage failed: $(tail -30 "$work/build.log")"
  mv "$tree"/*.deb "$tree"/*.changes "$tree"/*.buildinfo "$work/"
fi
if grep -E '(: warning:|: Warning:|^CMake Warning)' "$work/build.log" >"$work/warnings"; then
  fail "the release build has warnings: $(head -20 "$work/warnings")"
fi
for p in "${packages[@]}"; do
  ls "$work/${p}_"*.deb >/dev/null 2>&1 || fail "no ${p}_*.deb built"
done
# openras-link is linked statically: the package names what went into it.
static_built=$(dpkg-deb -f "$work"/openras_*.deb Static-Built-Using)
for source in glibc nettle; do
  expect_contains "$static_built" "$source (= " "openras's Static-Built-Using"
done
lintian --fail-on error --tag-display-limit 0 "$work"/openras_*.changes >"$work/lintian.log" 2>&1 ||
  fail "lintian: $(cat "$work/lintian.log")"
if [ -s "$work/lintian.log" ]; then
  echo "lintian (warnings and notes, not errors):"
  cat "$work/lintian.log"
fi

# --- Install and check. -----------------------------------------------------------------------
# What the packages hold (every path in the .debs) and what their scripts make, and any
# name of ours anywhere a package writes: which of them exist. Only these, not every file
# under /etc and /usr, which other tests on the machine may change meanwhile.
for deb in "$work"/*.deb; do dpkg-deb -c "$deb"; done | awk '{print $6}' | sed 's|^\./|/|; s|/$||' |
  grep -v '^$' >"$work/owned"
printf '%s\n' /etc/systemd/system/sockets.target.wants/rasmand.socket /var/lib/openras /run/openras \
  >>"$work/owned"
snapshot() {
  while IFS= read -r path; do [ -e "$path" ] || [ -L "$path" ] && echo "$path"; done <"$work/owned"
  # (other tests' scratch directories, /var/lib/openras-e2e.*, come and go meanwhile)
  { find /etc /usr /lib /var/lib /run -xdev -name 'openras-e2e.*' -prune -o \
      \( -name '*openras*' -o -name 'rasmand*' \) -print 2>/dev/null || true; }
}
snapshot | sort -u >"$work/before"
dpkg -i "$work"/openras_*.deb "$work"/libopenras1_*.deb "$work"/libopenras-dev_*.deb \
  >"$work/install.log" 2>&1 || fail "dpkg -i: $(cat "$work/install.log")"
[ "$(/usr/bin/rasdial --version)" = "rasdial (OpenRAS) $(dpkg-query -W -f='${Version}' openras)" ] ||
  fail "rasdial --version: $(/usr/bin/rasdial --version)"
getent passwd "$user" >/dev/null || fail "the package did not create the link user $user"
[ -L /etc/systemd/system/sockets.target.wants/rasmand.socket ] || fail "rasmand.socket is not enabled"
[ "$(systemctl is-enabled rasmand.socket 2>&1)" = enabled ] || fail "systemctl is-enabled rasmand.socket: $(systemctl is-enabled rasmand.socket 2>&1)"
out=$(systemd-analyze verify --man=no /lib/systemd/system/rasmand.socket /lib/systemd/system/rasmand.service 2>&1) ||
  fail "systemd-analyze verify: $out"
grep -qxF "ExecStart=/usr/bin/rasmand" /lib/systemd/system/rasmand.service || fail "ExecStart of the installed unit"
[ -d /var/lib/openras/credentials ] && [ "$(stat -c %a /var/lib/openras/credentials)" = 700 ] ||
  fail "tmpfiles.d did not make /var/lib/openras/credentials 0700"
[ -f /usr/share/dbus-1/system.d/org.openras.RasMan1.conf ] || fail "no D-Bus policy"
[ -f /usr/share/dbus-1/system-services/org.openras.RasMan1.service ] || fail "no D-Bus activation file"
[ -f "/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)/security/pam_openras.so" ] || fail "no PAM module"
/usr/bin/rasphone --version >/dev/null || fail "the installed rasphone"
for page in rasdial.1 rasphone.1 rasreg.1 rasphone.pbk.5 openras-registry.5 rasmand.8 rasrc.1; do
  man -w "${page%.*}" >/dev/null 2>&1 || [ -f "/usr/share/man/man${page##*.}/$page.gz" ] ||
    fail "man page $page not installed"
done
# dh_compress gzips documents, as Debian policy asks.
[ -f /usr/share/doc/openras/architecture.md.gz ] || fail "docs not under /usr/share/doc/openras"
[ -f /usr/share/bash-completion/completions/rasdial ] || fail "no bash completion"
[ -f /usr/share/zsh/vendor-completions/_openras ] || fail "no zsh completion"
# The SDK from /usr alone: a Windows-style client built with pkg-config, run.
cat >"$work/client.c" <<'C'
#include <windows.h>
#include <ras.h>
#include <raserror.h>
#include <stdio.h>
int main(void) {
  WCHAR text[512]; /* RasGetErrorString's documented buffer size */
  if (RasGetErrorStringW(ERROR_CANNOT_DO_CUSTOMDIAL, text, 512) != ERROR_SUCCESS) return 1;
  printf("755: %ls\n", text);
  return 0;
}
C
# shellcheck disable=SC2046
gcc -std=c99 -Wall -Werror "$work/client.c" -o "$work/client" $(pkg-config --cflags --libs openras) ||
  fail "a client does not build against the installed SDK"
expect_contains "$("$work/client")" "755: " "the installed library"
[ -x "$(pkg-config --variable=rasrc openras)" ] || fail "pkg-config's rasrc is not installed"
# rasreg from /usr on a private root, and rasmand's link user baked in.
mkdir -m 0755 "$work/root"
OPENRAS_ROOT=$work/root /usr/bin/rasreg add 'HKLM\Software\T' /v x /d y /f >/dev/null ||
  fail "the installed rasreg"
# The name is built into rasmand (the compiler may store it as immediates, out of reach of
# strings(1)): the build compiled it in.
grep -qF "OPENRAS_LINK_USER=\\\"$user\\\"" "$work/build.log" || fail "rasmand was not built with the link user $user"

# --- Purge: nothing left. -----------------------------------------------------------------------
dpkg --purge "${packages[@]}" >"$work/purge.log" 2>&1 || fail "dpkg --purge: $(cat "$work/purge.log")"
snapshot | sort -u >"$work/after"
if ! diff "$work/before" "$work/after" >"$work/leftovers"; then
  fail "left behind after purge: $(grep '^[<>]' "$work/leftovers" | head -20)"
fi
echo "debian packages: built without warnings, lintian without errors, installed, checked, purged clean"
