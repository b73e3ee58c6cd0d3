// netif.h: the IP side of a PPP connection (docs/network.md). rasmand creates one TUN
// interface per connection, hands its descriptor to the link process, and once IPCP and
// IPV6CP are done gives the interface its addresses, MTU, state and routes over rtnetlink
// (libmnl; never by running `ip`), and its DNS servers to systemd-resolved over D-Bus.
// This header is the folder's one door.
//
// Thread: any; no function keeps state between calls (each opens and closes its own netlink
// socket or bus connection), so calls on different threads do not interfere. Every call
// blocks for one kernel round trip per request (or one D-Bus call, bounded by a time-out).
// CAP_NET_ADMIN is needed for everything but get_link.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "base/result.h"
#include "base/unique_fd.h"

namespace openras::netif {

struct TunDevice {
  UniqueFd fd;       // O_RDWR|O_CLOEXEC|O_NONBLOCK; one IP packet per read/write (IFF_NO_PI)
  std::string name;  // what the kernel chose from the pattern ("ras0")
  unsigned ifindex = 0;
};

// Opens /dev/net/tun and attaches a new TUN interface (IFF_TUN|IFF_NO_PI) named after
// `pattern` ("ras%d" gives the first free of ras0, ras1, …; a name without %d is taken as
// is). The interface is not persistent: the kernel removes it, with its addresses and routes,
// when the last descriptor to it closes, so a crashed link process or rasmand leaves nothing.
// Errors: kNotFound without /dev/net/tun ("modprobe tun"), kAccessDenied without
// CAP_NET_ADMIN, kAlreadyExists for a fixed name already used, kInvalidName for a pattern
// that is empty, too long for IFNAMSIZ or holds '/' or whitespace.
[[nodiscard]] Result<TunDevice> create_tun(std::string_view pattern = "ras%d");

struct Ipv4Link {
  std::array<uint8_t, 4> local{}, peer{};  // network byte order: {10, 0, 2, 15}
};
struct Ipv6Link {
  std::array<uint8_t, 8> local_id{}, peer_id{};  // IPV6CP interface identifiers (fe80::/64)
};
struct LinkConfig {
  std::optional<Ipv4Link> ipv4;
  std::optional<Ipv6Link> ipv6;  // adds fe80::local_id/64 (nodad), peer fe80::peer_id
  uint32_t mtu = 1500;
  bool default_route = false;  // IPv4 default route via the interface (RASEO_RemoteDefaultGateway)
  uint32_t route_metric = 0;
};

// In this order, each request acknowledged by the kernel: sets the MTU, brings the link up,
// adds the IPv4 point-to-point address (IFA_LOCAL local, IFA_ADDRESS peer, /32) and the IPv6
// link-local one, then the default route when asked. Address requests replace an identical
// address and the route request accepts an identical route already there, so a retry after
// a partial failure completes the work; another interface's default route is never replaced
// (ours is put first among those of the same metric). Errors name the step, the interface
// and the kernel's errno and extended-ack text: kNotFound for an ifindex that does not exist,
// kInvalidArgument for an MTU the kernel refuses or an IPv6 link with an MTU under 1280.
[[nodiscard]] Status configure_link(unsigned ifindex, const LinkConfig& config);

// DNS servers for the link through systemd-resolved (org.freedesktop.resolve1.Manager
// SetLinkDNS, over the system bus with sd-bus). kServiceUnavailable, saying which, when
// there is no system bus or resolved does not run there: the caller then reports the
// servers itself. Other refusals from resolved (an unknown link, no permission) are kIo or
// kAccessDenied with resolved's D-Bus error name and text.
[[nodiscard]] Status set_link_dns(unsigned ifindex,
                                  std::span<const std::array<uint8_t, 4>> servers);
// Forgets what set_link_dns told resolved (RevertLink); errors as set_link_dns.
[[nodiscard]] Status revert_link_dns(unsigned ifindex);

// What the kernel says about an interface (one RTM_GETLINK round trip; no privilege needed).
struct LinkInfo {
  unsigned ifindex = 0;
  std::string name;
  uint32_t mtu = 0;
  bool up = false;  // IFF_UP
};
// kNotFound naming the ifindex when there is no such interface.
[[nodiscard]] Result<LinkInfo> get_link(unsigned ifindex);

}  // namespace openras::netif
