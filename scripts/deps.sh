#!/usr/bin/env bash
# deps.sh: installs the Debian 12 packages OpenRAS builds and tests with (idempotent; runs
# apt-get only when something is missing). Run as root.
set -euo pipefail
packages=(
  build-essential cmake ninja-build ccache pkg-config git
  clang libclang-rt-dev          # the fuzz preset (libFuzzer)
  clang-format                   # tests: the tree is formatted as .clang-format says
  libexpected-dev                # tl::expected, the Result type
  nlohmann-json3-dev             # tools/common/json.h: the tools' one JSON writer
  libphonenumber-dev iso-codes   # tools/gen-countries: RasGetCountryInfo's list, made at
      # build time from libphonenumber's calling codes and iso-codes' names
  libgtest-dev libgmock-dev libbenchmark-dev
  libsystemd-dev                 # sd-bus / sd-event (rasmand)
  binutils                       # nm, for the exported-symbol check
  systemd util-linux passwd procps diffutils libcap2-bin  # tests: busctl, socket activation,
      # setpriv, unshare, mount, useradd, usermod, pgrep, cmp, setcap
  dbus-daemon                    # tests: a private system bus (e2e.rasman_system_bus)
  jq                             # tests: rasdial --json output parses (e2e.rasdial_cli)
  debhelper dpkg-dev lintian     # tests: the Debian packages build and check (e2e.debian_package)
  slirp python3 ppp              # tests: a real PPP peer (slirp-fullbolt) alone and behind
      # rasmodem-sim; the simulator's test clients (python3, chat(8) from ppp)
  user-mode-linux kmod socat     # tests: tests/peers/uml-pppd, Debian's pppd (package ppp)
      # as a real far end inside UML (its kernel has the PPP modules; insmod loads them in
      # the guest; socat is the guest's TCP service)
  nettle-dev                     # src/ppp: MD4, MD5, SHA-1, DES for CHAP and MS-CHAPv2
  libmnl-dev                     # src/netif: rtnetlink (addresses, MTU, routes of TUN links)
  iproute2                       # tests: `ip` reads back what src/netif configured
  strace                         # tests: a delayed listen() (e2e.rasman_lifecycle)
  libncurses-dev                 # ncursesw: the dialog runtime's terminal renderer
  tmux                           # tests: the terminal renderer driven by send-keys
  libpam0g-dev                   # src/logon: pam_openras.so
  pamtester libpam-wrapper       # tests: real PAM transactions (e2e.logon_*)
  zsh                            # tests: the zsh completion, driven on a pty (e2e.completion)
  gnome-keyring libsecret-tools  # tests: saved passwords in a real session keyring, read back
      # with libsecret's secret-tool (e2e.rasdial_keyring); no recommends: no PAM module
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "deps.sh: missing packages: ${missing[*]}; run as root to install them" >&2
    exit 1
  fi
  echo "deps.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# systemd-resolved for netif.resolved_real, unpacked and never installed: installing the
# package replaces /etc/resolv.conf with resolved's stub, which no daemon serves here. The
# version follows the installed systemd, whose private library the daemon links.
resolved_dir=/var/cache/openras/systemd-resolved
if [ ! -x /lib/systemd/systemd-resolved ] && [ ! -x "$resolved_dir/lib/systemd/systemd-resolved" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "deps.sh: systemd-resolved is not unpacked in $resolved_dir; run as root" >&2
    exit 1
  fi
  version=$(dpkg-query -W -f='${Version}' systemd)
  scratch=$(mktemp -d)
  chown _apt "$scratch" 2>/dev/null || chmod 0777 "$scratch"  # apt downloads as _apt
  (cd "$scratch" && apt-get download -qq "systemd-resolved=$version" >/dev/null)
  mkdir -p "$resolved_dir"
  dpkg-deb -x "$scratch"/systemd-resolved_*.deb "$resolved_dir"
  rm -rf "$scratch"
  echo "deps.sh: unpacked systemd-resolved $version in $resolved_dir"
fi
