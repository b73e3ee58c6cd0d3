// reply.cpp: the rtnetlink answer parser (reply.h). Every length the datagram states is
// checked against what arrived before it is used; libmnl walks the attributes, with its own
// bounds checks, only inside a message already known to fit.
#include "netif/reply.h"

#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>

#include <cstring>
#include <string>
#include <vector>

namespace openras::netif::detail {
namespace {

std::string at(size_t offset) { return "at byte " + std::to_string(offset); }

int link_attribute(const nlattr* attr, void* data) {
  auto* link = static_cast<LinkInfo*>(data);
  switch (mnl_attr_get_type(attr)) {
    case IFLA_IFNAME:
      if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0) return MNL_CB_ERROR;
      link->name = mnl_attr_get_str(attr);
      break;
    case IFLA_MTU:
      if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0) return MNL_CB_ERROR;
      link->mtu = mnl_attr_get_u32(attr);
      break;
    default:
      break;  // the many attributes nobody here asked for
  }
  return MNL_CB_OK;
}

int error_attribute(const nlattr* attr, void* data) {
  if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG) {
    if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0) return MNL_CB_ERROR;
    *static_cast<std::string*>(data) = mnl_attr_get_str(attr);
  }
  return MNL_CB_OK;
}

// One NLMSG_ERROR message (an ack when error is 0), known to lie within the datagram.
Status parse_error(const nlmsghdr* nlh, size_t offset, Reply& reply) {
  const size_t payload = mnl_nlmsg_get_payload_len(nlh);
  if (payload < sizeof(nlmsgerr)) {
    return fail(Errc::kInvalidData, "netlink error message " + at(offset) + " is " +
                                        std::to_string(payload) + " bytes, shorter than nlmsgerr");
  }
  nlmsgerr err;
  std::memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof err);
  if (err.error > 0 || err.error < -4095) {
    return fail(Errc::kInvalidData, "netlink error message " + at(offset) + " carries error " +
                                        std::to_string(err.error) + ", not a negative errno");
  }
  reply.done = true;
  reply.error = -err.error;
  if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) == 0) return {};
  // The extended ack's attributes follow the echoed request: its header alone when the
  // kernel capped it (NETLINK_CAP_ACK), the whole request otherwise.
  size_t echoed = sizeof(nlmsghdr);
  if ((nlh->nlmsg_flags & NLM_F_CAPPED) == 0) echoed = NLMSG_ALIGN(size_t{err.msg.nlmsg_len});
  if (echoed < sizeof(nlmsghdr) || echoed > payload - sizeof(int)) {
    return fail(Errc::kInvalidData, "netlink error message " + at(offset) + " echoes " +
                                        std::to_string(echoed) + " bytes of request but holds " +
                                        std::to_string(payload - sizeof(int)));
  }
  const auto attrs = static_cast<unsigned>(sizeof(int) + echoed);
  if (mnl_attr_parse(nlh, attrs, error_attribute, &reply.kernel_message) < 0) {
    return fail(Errc::kInvalidData,
                "netlink error message " + at(offset) + ": malformed extended-ack attributes");
  }
  return {};
}

Status parse_link(const nlmsghdr* nlh, size_t offset, Reply& reply) {
  if (mnl_nlmsg_get_payload_len(nlh) < sizeof(ifinfomsg)) {
    return fail(Errc::kInvalidData,
                "RTM_NEWLINK message " + at(offset) + " is shorter than ifinfomsg");
  }
  ifinfomsg ifi;
  std::memcpy(&ifi, mnl_nlmsg_get_payload(nlh), sizeof ifi);
  LinkInfo link;
  link.ifindex = ifi.ifi_index > 0 ? static_cast<unsigned>(ifi.ifi_index) : 0;
  link.up = (ifi.ifi_flags & IFF_UP) != 0;
  if (mnl_attr_parse(nlh, sizeof(ifinfomsg), link_attribute, &link) < 0) {
    return fail(Errc::kInvalidData,
                "RTM_NEWLINK message " + at(offset) + ": malformed IFLA_IFNAME or IFLA_MTU");
  }
  reply.links.push_back(std::move(link));
  return {};
}

}  // namespace

Status parse_reply(std::span<const uint8_t> datagram, uint32_t seq, Reply& reply) {
  // libmnl reads headers in place; fuzzers (and anyone) may hand over unaligned bytes.
  std::vector<uint32_t> aligned((datagram.size() + 3) / 4);
  if (!datagram.empty()) std::memcpy(aligned.data(), datagram.data(), datagram.size());
  size_t offset = 0;
  while (offset < datagram.size() && !reply.done) {
    // Checked here, not with mnl_nlmsg_ok(): that compares nlmsg_len as an int, so a length
    // of 2^31 or more passes it and mnl_nlmsg_next() then jumps out of the datagram.
    const size_t left = datagram.size() - offset;
    const auto* nlh = reinterpret_cast<const nlmsghdr*>(
        reinterpret_cast<const uint8_t*>(aligned.data()) + offset);
    if (left < sizeof(nlmsghdr) || nlh->nlmsg_len < sizeof(nlmsghdr) || nlh->nlmsg_len > left) {
      return fail(Errc::kInvalidData, "netlink message " + at(offset) + " is truncated: " +
                                          std::to_string(left) + " bytes left of the datagram");
    }
    if (nlh->nlmsg_seq == seq) {
      Status step;
      switch (nlh->nlmsg_type) {
        case NLMSG_ERROR:
          step = parse_error(nlh, offset, reply);
          break;
        case NLMSG_DONE:
          reply.done = true;
          break;
        case RTM_NEWLINK:
          step = parse_link(nlh, offset, reply);
          break;
        default:
          break;  // NLMSG_NOOP and answers no caller asks for
      }
      if (!step) return step;
    }
    offset += NLMSG_ALIGN(size_t{nlh->nlmsg_len});
  }
  return {};
}

}  // namespace openras::netif::detail
