// ipv6cp.cpp: see ipv6cp.h.
#include "ppp/ipv6cp.h"

#include <algorithm>

namespace openras::ppp {
namespace {

constexpr uint8_t kInterfaceIdentifier = 1;

bool read_id(const Option& o, uint64_t& out) {
  Reader v = o.value;
  uint32_t hi = 0;
  uint32_t lo = 0;
  if (!v.u32(hi) || !v.u32(lo) || !v.empty()) return false;
  out = static_cast<uint64_t>(hi) << 32 | lo;
  return true;
}

void put_id(std::vector<uint8_t>& out, uint64_t id) {
  Writer w(out);
  w.u8(kInterfaceIdentifier);
  w.u8(10);
  w.u32(static_cast<uint32_t>(id >> 32));
  w.u32(static_cast<uint32_t>(id));
}

}  // namespace

Ipv6cp::Ipv6cp(const Ipv6cpConfig& config, LayerListener& listener, PacketSink& sink,
               const base::Clock& clock, Random& random)
    : config_(config),
      listener_(listener),
      random_(random),
      fsm_(kProtoIpv6cp, *this, sink, clock, config.fsm) {}

uint64_t Ipv6cp::random_id(uint64_t avoid) {
  uint64_t id = 0;
  while (id == 0 || id == avoid) id = static_cast<uint64_t>(random_.u32()) << 32 | random_.u32();
  return id;
}

void Ipv6cp::reset_ci() {
  want_id_ = true;
  id_ = config_.interface_id != 0 ? config_.interface_id : random_id(0);
}

void Ipv6cp::add_ci(std::vector<uint8_t>& out) {
  if (want_id_) put_id(out, id_);
}

bool Ipv6cp::ack_ci(Reader options) {
  if (!is_our_request(*this, options)) return false;
  result_.local_id = id_;
  return true;
}

bool Ipv6cp::nak_ci(Reader options) {
  Option o;
  bool malformed = false;
  while (next_option(options, o, malformed)) {
    uint64_t v = 0;
    if (o.type != kInterfaceIdentifier || !read_id(o, v)) continue;
    // RFC 5072 4.1: take the suggestion unless it is zero or the peer's own.
    id_ = (v != 0 && v != result_.peer_id) ? v : random_id(result_.peer_id);
  }
  return !malformed;
}

bool Ipv6cp::rej_ci(Reader options) {
  Option o;
  bool malformed = false;
  while (next_option(options, o, malformed)) {
    if (o.type == kInterfaceIdentifier) want_id_ = false;
  }
  return !malformed;
}

ReqVerdict Ipv6cp::req_ci(Reader options, bool reject_if_disagree, std::vector<uint8_t>& out) {
  ConfigReply reply(reject_if_disagree);
  Option o;
  bool malformed = false;
  while (next_option(options, o, malformed)) {
    uint64_t v = 0;
    if (o.type != kInterfaceIdentifier || !read_id(o, v)) {
      reply.reject(o);
    } else if (v == 0 || v == id_) {
      uint64_t other = random_id(id_);
      std::vector<uint8_t> opt;
      put_id(opt, other);
      reply.nak(o, Bytes(opt).subspan(2));
    } else {
      result_.peer_id = v;
      reply.ack(o);
    }
  }
  if (malformed) return ReqVerdict::kDiscard;
  return reply.finish(out);
}

void Ipv6cp::up() {
  if (!want_id_) result_.local_id = id_;
  listener_.layer_up(kProtoIpv6cp);
}
void Ipv6cp::down() { listener_.layer_down(kProtoIpv6cp); }
void Ipv6cp::finished() { listener_.layer_finished(kProtoIpv6cp); }

}  // namespace openras::ppp
