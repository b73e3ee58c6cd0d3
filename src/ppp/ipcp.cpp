// ipcp.cpp: see ipcp.h.
#include "ppp/ipcp.h"

#include <algorithm>
#include <array>

namespace openras::ppp {
namespace {

enum IpcpOption : uint8_t {
  kIpAddresses = 1,  // deprecated (RFC 1172); rejected
  kIpCompression = 2,
  kIpAddress = 3,
  kPrimaryDns = 129,
  kSecondaryDns = 131,
};

bool read_address(const Option& o, uint32_t& out) {
  Reader v = o.value;
  return v.u32(out) && v.empty();
}

std::array<uint8_t, 4> be32(uint32_t v) {
  return {static_cast<uint8_t>(v >> 24), static_cast<uint8_t>(v >> 16),
          static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v)};
}

}  // namespace

Ipcp::Ipcp(const IpcpConfig& config, LayerListener& listener, PacketSink& sink,
           const base::Clock& clock)
    : config_(config), listener_(listener), fsm_(kProtoIpcp, *this, sink, clock, config.fsm) {}

void Ipcp::reset_ci() {
  want_address_ = true;
  want_dns1_ = want_dns2_ = config_.request_dns;
  address_ = config_.address;
  dns1_ = config_.dns1;
  dns2_ = config_.dns2;
  failure_ = NcpFailure::kNone;
}

void Ipcp::add_ci(std::vector<uint8_t>& out) {
  if (want_address_) put_option_u32(out, kIpAddress, address_);
  if (want_dns1_) put_option_u32(out, kPrimaryDns, dns1_);
  if (want_dns2_) put_option_u32(out, kSecondaryDns, dns2_);
}

bool Ipcp::ack_ci(Reader options) {
  if (!is_our_request(*this, options)) return false;
  result_.local = want_address_ ? address_ : config_.address;
  result_.dns1 = want_dns1_ ? dns1_ : config_.dns1;
  result_.dns2 = want_dns2_ ? dns2_ : config_.dns2;
  return true;
}

bool Ipcp::nak_ci(Reader options) {
  Option o;
  bool malformed = false;
  while (next_option(options, o, malformed)) {
    uint32_t v = 0;
    if (!read_address(o, v)) continue;
    switch (o.type) {
      case kIpAddress:
        if (config_.address != 0 && v != config_.address) {
          give_up(NcpFailure::kRequiredAddressRejected, "Required address rejected");
          return true;
        }
        address_ = v;
        break;
      case kPrimaryDns:
        dns1_ = v;
        break;
      case kSecondaryDns:
        dns2_ = v;
        break;
      default:
        break;
    }
  }
  return !malformed;
}

bool Ipcp::rej_ci(Reader options) {
  Option o;
  bool malformed = false;
  while (next_option(options, o, malformed)) {
    switch (o.type) {
      case kIpAddress:
        want_address_ = false;
        // A peer that negotiates no addresses can live with a configured one (as pppd);
        // without one we would have no address at all.
        if (config_.address == 0) {
          give_up(NcpFailure::kNoAddressAssigned, "No address assigned");
          return true;
        }
        break;
      case kPrimaryDns:
        want_dns1_ = false;
        break;
      case kSecondaryDns:
        want_dns2_ = false;
        break;
      default:
        break;
    }
  }
  return !malformed;
}

ReqVerdict Ipcp::req_ci(Reader options, bool reject_if_disagree, std::vector<uint8_t>& out) {
  ConfigReply reply(reject_if_disagree);
  result_.remote = 0;
  Option o;
  bool malformed = false;
  while (next_option(options, o, malformed)) {
    uint32_t v = 0;
    if (o.type != kIpAddress || !read_address(o, v)) {
      reply.reject(o);  // VJ compression, DNS/NBNS requests, the old IP-Addresses, junk
    } else if (v == 0) {
      // The peer has no address and asks us for one (slirp): give it a usable one.
      auto hint = be32(config_.peer_address_hint.value_or(kPlaceholderPeerAddress));
      reply.nak(o, hint);
    } else {
      result_.remote = v;
      reply.ack(o);
    }
  }
  if (malformed) return ReqVerdict::kDiscard;
  return reply.finish(out);
}

void Ipcp::give_up(NcpFailure why, const char* reason) {
  failure_ = why;
  fsm_.close(reason);
}

void Ipcp::up() {
  if (result_.local == 0) {
    give_up(NcpFailure::kNoAddressAssigned, "No address assigned");
    return;
  }
  if (result_.remote == 0)
    result_.remote = config_.peer_address_hint.value_or(kPlaceholderPeerAddress);
  listener_.layer_up(kProtoIpcp);
}

void Ipcp::down() { listener_.layer_down(kProtoIpcp); }
void Ipcp::finished() { listener_.layer_finished(kProtoIpcp); }

}  // namespace openras::ppp
