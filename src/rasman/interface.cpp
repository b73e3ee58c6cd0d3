// interface.cpp: see interface.h.
#include "rasman/interface.h"

#include <fcntl.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "base/log.h"
#include "netif/netif.h"

namespace openras::rasman {

namespace {

bool any(const uint8_t (&address)[4]) {
  return (address[0] | address[1] | address[2] | address[3]) != 0;
}

std::array<uint8_t, 4> to_array(const uint8_t (&address)[4]) {
  return {address[0], address[1], address[2], address[3]};
}

std::string text(const uint8_t (&a)[4]) {
  char out[16];
  std::snprintf(out, sizeof out, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
  return out;
}

}  // namespace

Result<std::unique_ptr<ConnectionInterface>> ConnectionInterface::create(bool default_route) {
  auto tun = netif::create_tun("ras%d");
  if (!tun) {
    return fail(tun.error().code,
                "rasmand cannot make the connection's network interface: " + tun.error().message);
  }
  std::unique_ptr<ConnectionInterface> made(new ConnectionInterface());
  made->fd_ = std::move(tun->fd);
  made->name_ = std::move(tun->name);
  made->ifindex_ = tun->ifindex;
  made->default_route_ = default_route;
  return made;
}

ConnectionInterface::~ConnectionInterface() {
  // The interface goes with the last descriptor; resolved forgets a link that vanished by
  // itself, but is told at once where it was told anything.
  if (dns_set_) (void)netif::revert_link_dns(ifindex_);
}

Result<UniqueFd> ConnectionInterface::descriptor_for_link() const {
  int copy = ::fcntl(fd_.get(), F_DUPFD_CLOEXEC, 3);
  if (copy < 0) return fail_errno(errno, "duplicating the descriptor of interface " + name_);
  return UniqueFd(copy);
}

Status ConnectionInterface::configure(const link::Projection& p) {
  netif::LinkConfig config;
  if (p.ipv4_error == 0) {
    netif::Ipv4Link v4;
    v4.local = to_array(p.ipv4_address);
    v4.peer = to_array(p.ipv4_server_address);
    config.ipv4 = v4;
  }
  if (p.ipv6_error == 0) {
    netif::Ipv6Link v6;
    std::memcpy(v6.local_id.data(), p.interface_id, 8);
    std::memcpy(v6.peer_id.data(), p.server_interface_id, 8);
    config.ipv6 = v6;
  }
  config.mtu = p.mtu != 0 ? p.mtu : 1500;
  config.default_route = default_route_ && config.ipv4.has_value();
  if (auto ok = netif::configure_link(ifindex_, config); !ok) {
    return fail(ok.error().code, "interface " + name_ + ": " + ok.error().message);
  }
  std::vector<std::array<uint8_t, 4>> servers;
  for (const auto* dns : {&p.dns1, &p.dns2}) {
    if (any(*dns)) servers.push_back(to_array(*dns));
  }
  if (servers.empty()) return {};
  auto told = netif::set_link_dns(ifindex_, servers);
  dns_set_ = told.has_value();
  if (!told) {
    std::string list = text(p.dns1);
    if (any(p.dns2)) list += " " + text(p.dns2);
    LOG_NOTICE("interface %s: DNS servers %s not handed to systemd-resolved (%s)", name_.c_str(),
               list.c_str(), told.error().message.c_str());
  }
  return {};
}

}  // namespace openras::rasman
