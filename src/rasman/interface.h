// interface.h: a built-in PPP connection's IP interface (DESIGN.md §3; docs/network.md).
// rasmand makes a TUN interface (ras0, ras1, …) when it dials a line device, hands a copy
// of its descriptor to the link (which moves packets between it and PPP), and when the
// link's Projection says the network is up gives it the negotiated addresses, the MTU,
// the default route when the entry asks for it (RASEO_RemoteDefaultGateway), and the DNS
// servers to systemd-resolved where it runs. The kernel removes the interface, its
// addresses and routes when the last descriptor closes: rasmand's goes when the
// connection's object (connection.h), its one owner, ends (hang-up, failure, link crash,
// rasmand stopping); the link's with the link process. Thread: rasmand's event loop.
#pragma once

#include <memory>
#include <string>

#include "base/result.h"
#include "base/unique_fd.h"
#include "link/message.h"

namespace openras::rasman {

class ConnectionInterface {
 public:
  // A new interface for a connection; kInterfaceSetupFailed-worthy errors name the cause
  // (no /dev/net/tun, no CAP_NET_ADMIN) and what to do.
  [[nodiscard]] static Result<std::unique_ptr<ConnectionInterface>> create(bool default_route);
  ~ConnectionInterface();
  ConnectionInterface(const ConnectionInterface&) = delete;
  ConnectionInterface& operator=(const ConnectionInterface&) = delete;

  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] unsigned ifindex() const { return ifindex_; }
  // A copy of the TUN descriptor for the link (O_CLOEXEC; the spawn request carries it).
  [[nodiscard]] Result<UniqueFd> descriptor_for_link() const;
  // Addresses, MTU, up, route, DNS, from what PPP negotiated. A failure of DNS alone is
  // not one: where resolved does not run, the servers are logged for the administrator.
  [[nodiscard]] Status configure(const link::Projection& projection);
  // What the log and D-Bus say about DNS: "resolved" once resolved took the servers.
  [[nodiscard]] bool dns_with_resolved() const { return dns_set_; }

 private:
  ConnectionInterface() = default;
  UniqueFd fd_;
  std::string name_;
  unsigned ifindex_ = 0;
  bool default_route_ = false;
  bool dns_set_ = false;
};

}  // namespace openras::rasman
