// configure.cpp: configure_link() (netif.h): MTU, address generation, up, addresses, route.
#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <net/if.h>

#include <cerrno>
#include <string>

#include "netif/netif.h"
#include "netif/rtnl.h"

namespace openras::netif {
namespace {

using detail::Rtnl;

// IPv6 needs this much; below it the kernel drops IPv6 from the interface altogether.
constexpr uint32_t kIpv6MinimumMtu = 1280;

std::string dotted(const std::array<uint8_t, 4>& a) {
  char text[INET_ADDRSTRLEN] = {};
  ::inet_ntop(AF_INET, a.data(), text, sizeof text);
  return text;
}

std::array<uint8_t, 16> link_local(const std::array<uint8_t, 8>& id) {
  std::array<uint8_t, 16> a{0xfe, 0x80};
  for (size_t i = 0; i < id.size(); ++i) a[8 + i] = id[i];
  return a;
}

std::string text6(const std::array<uint8_t, 16>& a) {
  char text[INET6_ADDRSTRLEN] = {};
  ::inet_ntop(AF_INET6, a.data(), text, sizeof text);
  return text;
}

class Configurer {
 public:
  Configurer(Rtnl& rtnl, unsigned ifindex)
      : rtnl_(rtnl), ifindex_(ifindex), name_("interface " + std::to_string(ifindex)) {}

  Status set_mtu(uint32_t mtu) {
    nlmsghdr* nlh = link_message();
    mnl_attr_put_u32(nlh, IFLA_MTU, mtu);
    return done(nlh, "setting the MTU of " + name_ + " to " + std::to_string(mtu));
  }

  // The kernel would otherwise give the interface a link-local address of its own making
  // when it comes up, and send IPv6 (router and neighbour solicitations) over a link whose
  // IPV6CP may never have opened: only what PPP negotiated goes on it.
  Status no_address_generation() {
    nlmsghdr* nlh = link_message();
    nlattr* spec = mnl_attr_nest_start(nlh, IFLA_AF_SPEC);
    nlattr* inet6 = mnl_attr_nest_start(nlh, AF_INET6);
    mnl_attr_put_u8(nlh, IFLA_INET6_ADDR_GEN_MODE, IN6_ADDR_GEN_MODE_NONE);
    mnl_attr_nest_end(nlh, inet6);
    mnl_attr_nest_end(nlh, spec);
    return done(nlh, "turning off IPv6 address generation on " + name_);
  }

  Status up() {
    ifinfomsg* ifi = nullptr;
    nlmsghdr* nlh = link_message(&ifi);
    ifi->ifi_flags = IFF_UP;
    ifi->ifi_change = IFF_UP;
    return done(nlh, "bringing " + name_ + " up");
  }

  Status add_ipv4(const Ipv4Link& v4) {
    return add_address(AF_INET, 32, RT_SCOPE_UNIVERSE, v4.local, v4.peer,
                       dotted(v4.local) + " peer " + dotted(v4.peer) + "/32");
  }

  Status add_ipv6(const Ipv6Link& v6) {
    const auto local = link_local(v6.local_id);
    const auto peer = link_local(v6.peer_id);
    return add_address(AF_INET6, 64, RT_SCOPE_LINK, local, peer,
                       text6(local) + "/64 peer " + text6(peer));
  }

  Status add_default_route(uint32_t metric) {
    rtmsg* rtm = nullptr;
    // CREATE without REPLACE or EXCL: put first among default routes of the same metric,
    // never replacing another interface's; EEXIST means this very route is there already.
    nlmsghdr* nlh = rtnl_.start(RTM_NEWROUTE, NLM_F_CREATE, &rtm);
    rtm->rtm_family = AF_INET;
    rtm->rtm_dst_len = 0;
    rtm->rtm_table = RT_TABLE_MAIN;
    rtm->rtm_protocol = RTPROT_STATIC;
    rtm->rtm_scope = RT_SCOPE_LINK;  // no gateway: the peer is the link's other end
    rtm->rtm_type = RTN_UNICAST;
    mnl_attr_put_u32(nlh, RTA_OIF, ifindex_);
    mnl_attr_put_u32(nlh, RTA_PRIORITY, metric);
    Status added = done(
        nlh, "adding the default route via " + name_ + " with metric " + std::to_string(metric));
    if (!added && added.error().sys_errno == EEXIST) return {};
    return added;
  }

 private:
  // A point-to-point address: IFA_LOCAL ours, IFA_ADDRESS the peer's.
  template <size_t N>
  Status add_address(uint8_t family, uint8_t prefix, uint8_t scope,
                     const std::array<uint8_t, N>& local, const std::array<uint8_t, N>& peer,
                     const std::string& shown) {
    ifaddrmsg* ifa = nullptr;
    // REPLACE: a retry finds its own address there and the request still succeeds.
    nlmsghdr* nlh = rtnl_.start(RTM_NEWADDR, NLM_F_CREATE | NLM_F_REPLACE, &ifa);
    ifa->ifa_family = family;
    ifa->ifa_prefixlen = prefix;
    ifa->ifa_scope = scope;
    ifa->ifa_index = ifindex_;
    mnl_attr_put(nlh, IFA_LOCAL, N, local.data());
    mnl_attr_put(nlh, IFA_ADDRESS, N, peer.data());
    if (family == AF_INET6) {
      // IPV6CP already made sure the identifiers differ: duplicate detection would only
      // delay the address (and with it the link) by a second or more.
      ifa->ifa_flags = IFA_F_NODAD;
      mnl_attr_put_u32(nlh, IFA_FLAGS, IFA_F_NODAD);
    }
    return done(nlh, "adding address " + shown + " to " + name_);
  }

  nlmsghdr* link_message(ifinfomsg** out = nullptr) {
    ifinfomsg* ifi = nullptr;
    nlmsghdr* nlh = rtnl_.start(RTM_NEWLINK, 0, &ifi);
    ifi->ifi_family = AF_UNSPEC;
    ifi->ifi_index = static_cast<int>(ifindex_);
    if (out) *out = ifi;
    return nlh;
  }
  Status done(nlmsghdr* nlh, const std::string& what) {
    auto reply = rtnl_.request(nlh, what);
    if (!reply) return fail(reply.error());
    return {};
  }

  Rtnl& rtnl_;
  unsigned ifindex_;
  std::string name_;
};

}  // namespace

Status configure_link(unsigned ifindex, const LinkConfig& config) {
  if (ifindex == 0 || ifindex > INT32_MAX) {
    return fail(Errc::kInvalidArgument, "interface index " + std::to_string(ifindex) +
                                            " is not one the kernel gives; use create_tun()'s");
  }
  if (config.ipv6 && config.mtu < kIpv6MinimumMtu) {
    return fail(Errc::kInvalidArgument,
                "MTU " + std::to_string(config.mtu) + " of interface " + std::to_string(ifindex) +
                    " is below IPv6's minimum of 1280, but the link is to carry IPv6; "
                    "negotiate a larger MRU or leave IPv6 off");
  }
  if (config.default_route && !config.ipv4) {
    return fail(Errc::kInvalidArgument, "a default route via interface " + std::to_string(ifindex) +
                                            " was asked for, but the link has no IPv4 address");
  }
  auto rtnl = Rtnl::open();
  if (!rtnl) return fail(rtnl.error());
  Configurer link(*rtnl, ifindex);
  if (Status s = link.set_mtu(config.mtu); !s) return s;
  if (Status s = link.no_address_generation(); !s) {
    // A kernel without IPv6 has nothing to generate; without IPv6 it cannot be asked to.
    const int err = s.error().sys_errno;
    if (config.ipv6 || (err != EAFNOSUPPORT && err != EOPNOTSUPP)) return s;
  }
  if (Status s = link.up(); !s) return s;
  if (config.ipv4) {
    if (Status s = link.add_ipv4(*config.ipv4); !s) return s;
  }
  if (config.ipv6) {
    if (Status s = link.add_ipv6(*config.ipv6); !s) return s;
  }
  if (config.default_route) {
    if (Status s = link.add_default_route(config.route_metric); !s) return s;
  }
  return {};
}

}  // namespace openras::netif
