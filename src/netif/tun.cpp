// tun.cpp: create_tun() (netif.h).
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <sys/ioctl.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "netif/netif.h"

namespace openras::netif {
namespace {

Status check_pattern(std::string_view pattern) {
  const std::string quoted = "interface name pattern \"" + std::string(pattern) + "\"";
  if (pattern.empty()) return fail(Errc::kInvalidName, quoted + " is empty; use e.g. \"ras%d\"");
  // The kernel expands %d to at most a few digits but checks the expanded name against
  // IFNAMSIZ itself; the pattern has to fit first.
  if (pattern.size() >= IFNAMSIZ) {
    return fail(Errc::kInvalidName, quoted + " is longer than " + std::to_string(IFNAMSIZ - 1) +
                                        " characters; use a shorter one");
  }
  for (char c : pattern) {
    if (c == '/' || c == ':' || c == '\0' || static_cast<unsigned char>(c) <= ' ') {
      return fail(Errc::kInvalidName, quoted +
                                          " holds a '/', ':', space or control character, "
                                          "which interface names may not");
    }
  }
  return {};
}

}  // namespace

Result<TunDevice> create_tun(std::string_view pattern) {
  if (Status ok = check_pattern(pattern); !ok) return fail(ok.error());
  UniqueFd fd(::open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK));
  if (!fd) {
    const int err = errno;
    if (err == ENOENT || err == ENODEV || err == ENXIO) {
      return fail(Errc::kNotFound,
                  "opening /dev/net/tun: " + std::string(std::strerror(err)) +
                      "; the kernel's TUN driver is missing: run `modprobe tun` (or create the "
                      "node: mknod /dev/net/tun c 10 200)");
    }
    if (err == EACCES || err == EPERM) {
      return fail(errno_error(err, "opening /dev/net/tun (needs root or CAP_NET_ADMIN)"));
    }
    return fail_errno(err, "opening /dev/net/tun");
  }
  ifreq ifr{};
  ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
  std::memcpy(ifr.ifr_name, pattern.data(), pattern.size());
  if (::ioctl(fd.get(), TUNSETIFF, &ifr) != 0) {
    const int err = errno;
    const std::string what = "creating TUN interface \"" + std::string(pattern) + "\"";
    if (err == EPERM || err == EACCES) {
      return fail(errno_error(err, what + " (needs CAP_NET_ADMIN: run as root or give "
                                          "rasmand the capability)"));
    }
    if (err == EBUSY) {
      return fail(Errc::kAlreadyExists, what +
                                            ": an interface of that name exists and is in "
                                            "use; choose another name or a pattern with %d");
    }
    return fail_errno(err, what);
  }
  TunDevice tun;
  tun.name.assign(ifr.ifr_name, ::strnlen(ifr.ifr_name, IFNAMSIZ));
  tun.ifindex = ::if_nametoindex(tun.name.c_str());
  if (tun.ifindex == 0) return fail_errno(errno, "finding the index of " + tun.name);
  tun.fd = std::move(fd);
  return tun;
}

}  // namespace openras::netif
