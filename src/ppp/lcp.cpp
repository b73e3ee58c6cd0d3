// lcp.cpp: the Link Control Protocol (see lcp.h).
#include "ppp/lcp.h"

#include <algorithm>

namespace openras::ppp {
namespace {

enum LcpOption : uint8_t {
  kMru = 1,
  kAccm = 2,
  kAuthProtocol = 3,
  kMagicNumber = 5,
  kPfc = 7,
  kAcfc = 8,
  kFcsAlternatives = 9,  // RFC 1570: bit 1 null FCS, 2 FCS-16, 4 FCS-32
};
constexpr uint8_t kChapMd5Algorithm = 5;
constexpr uint8_t kMsChapV2Algorithm = 0x81;
constexpr uint8_t kFcs16Bit = 2;
constexpr uint8_t kFcs32Bit = 4;
constexpr uint16_t kMinMru = 128;  // pppd's floor: below this IP cannot work

void put_auth(std::vector<uint8_t>& out, AuthProtocol p) {
  switch (p) {
    case AuthProtocol::kPap:
      put_option_u16(out, kAuthProtocol, kProtoPap);
      break;
    case AuthProtocol::kChapMd5:
    case AuthProtocol::kMsChapV2: {
      const uint8_t v[3] = {kProtoChap >> 8, kProtoChap & 0xFF,
                            p == AuthProtocol::kChapMd5 ? kChapMd5Algorithm : kMsChapV2Algorithm};
      put_option(out, kAuthProtocol, v);
      break;
    }
    case AuthProtocol::kNone:
      break;
  }
}

}  // namespace

const char* auth_protocol_name(AuthProtocol p) noexcept {
  switch (p) {
    case AuthProtocol::kNone:
      return "none";
    case AuthProtocol::kPap:
      return "PAP";
    case AuthProtocol::kChapMd5:
      return "CHAP-MD5";
    case AuthProtocol::kMsChapV2:
      return "MS-CHAPv2";
  }
  return "?";
}

Lcp::Lcp(const LcpConfig& config, LcpListener& listener, PacketSink& sink, const base::Clock& clock,
         Random& random)
    : config_(config),
      listener_(listener),
      clock_(clock),
      random_(random),
      fsm_(kProtoLcp, *this, sink, clock, config.fsm) {}

uint32_t Lcp::new_magic() {
  uint32_t m = 0;
  while (m == 0 || m == result_.peer_magic) m = random_.u32();  // zero is not a magic number
  return m;
}

void Lcp::reset_ci() {
  want_mru_ = true;  // sent even at the default 1500, as Windows and the transcripts do
  want_mru_value_ = config_.mru;
  want_accm_ = true;
  want_accm_value_ = config_.accm;
  want_magic_ = config_.magic;
  want_pfc_ = config_.pfc;
  want_acfc_ = config_.acfc;
  want_fcs32_ = config_.fcs32;
  result_.our_magic = want_magic_ ? new_magic() : 0;
  loops_ = 0;
}

void Lcp::add_ci(std::vector<uint8_t>& out) {
  if (want_mru_) put_option_u16(out, kMru, want_mru_value_);
  if (want_accm_) put_option_u32(out, kAccm, want_accm_value_);
  if (want_magic_) put_option_u32(out, kMagicNumber, result_.our_magic);
  if (want_pfc_) put_option(out, kPfc, {});
  if (want_acfc_) put_option(out, kAcfc, {});
  if (want_fcs32_) {
    const uint8_t v = kFcs32Bit;
    put_option(out, kFcsAlternatives, Bytes(&v, 1));
  }
}

bool Lcp::ack_ci(Reader options) {
  if (!is_our_request(*this, options)) return false;
  result_.receive_mru = want_mru_ ? want_mru_value_ : 1500;
  result_.receive_accm = want_accm_ ? want_accm_value_ : 0xFFFFFFFF;
  result_.receive_pfc = want_pfc_;
  result_.receive_acfc = want_acfc_;
  result_.receive_fcs32 = want_fcs32_;
  return true;
}

bool Lcp::nak_ci(Reader options) {
  Option o;
  bool malformed = false;
  while (next_option(options, o, malformed)) {
    uint16_t v16 = 0;
    uint32_t v32 = 0;
    switch (o.type) {
      case kMru:
        if (o.value.u16(v16) && v16 >= kMinMru && v16 <= config_.mru) {
          want_mru_value_ = v16;
        } else {
          want_mru_ = false;  // the default 1500 then applies
        }
        break;
      case kAccm:
        if (o.value.u32(v32)) want_accm_value_ |= v32;  // escape what the peer needs too
        break;
      case kMagicNumber:
        if (want_magic_) result_.our_magic = new_magic();
        if (loops_ > 0 && ++loops_ >= config_.loopback_limit) listener_.lcp_loopback();
        break;
      case kPfc:
        want_pfc_ = false;
        break;
      case kAcfc:
        want_acfc_ = false;
        break;
      case kFcsAlternatives:
        want_fcs32_ = false;  // the default FCS-16 then
        break;
      default:
        break;  // a suggestion for an option we do not want
    }
  }
  return !malformed;
}

bool Lcp::rej_ci(Reader options) {
  Option o;
  bool malformed = false;
  while (next_option(options, o, malformed)) {
    switch (o.type) {
      case kMru:
        want_mru_ = false;
        break;
      case kAccm:
        want_accm_ = false;
        break;
      case kMagicNumber:
        want_magic_ = false;
        result_.our_magic = 0;
        break;
      case kPfc:
        want_pfc_ = false;
        break;
      case kAcfc:
        want_acfc_ = false;
        break;
      case kFcsAlternatives:
        want_fcs32_ = false;  // the default FCS-16 then
        break;
      default:
        break;
    }
  }
  return !malformed;
}

void Lcp::judge_auth(const Option& o, ConfigReply& reply) {
  Reader v = o.value;
  uint16_t proto = 0;
  uint8_t algorithm = 0;
  AuthProtocol asked = AuthProtocol::kNone;
  if (v.u16(proto)) {
    if (proto == kProtoPap && v.empty()) {
      asked = AuthProtocol::kPap;
    } else if (proto == kProtoChap && v.u8(algorithm) && v.empty()) {
      if (algorithm == kChapMd5Algorithm) asked = AuthProtocol::kChapMd5;
      if (algorithm == kMsChapV2Algorithm) asked = AuthProtocol::kMsChapV2;
    }
  }
  if (asked != AuthProtocol::kNone && config_.accepted_auth.contains(asked)) {
    result_.auth = asked;
    reply.ack(o);
    return;
  }
  for (AuthProtocol p : {AuthProtocol::kMsChapV2, AuthProtocol::kChapMd5, AuthProtocol::kPap}) {
    if (config_.accepted_auth.contains(p)) {
      std::vector<uint8_t> opt;
      put_auth(opt, p);
      reply.nak(o, Bytes(opt).subspan(2));
      return;
    }
  }
  reply.reject(o);  // we accept no authentication at all; the peer decides whether to go on
}

ReqVerdict Lcp::req_ci(Reader options, bool reject_if_disagree, std::vector<uint8_t>& out) {
  LcpResult fresh = result_;
  fresh.send_mru = 1500;
  fresh.send_accm = 0xFFFFFFFF;
  fresh.send_pfc = fresh.send_acfc = fresh.send_fcs32 = false;
  fresh.auth = AuthProtocol::kNone;
  fresh.peer_magic = 0;
  result_ = fresh;

  ConfigReply reply(reject_if_disagree);
  Option o;
  bool malformed = false;
  while (next_option(options, o, malformed)) {
    Reader v = o.value;
    uint16_t v16 = 0;
    uint32_t v32 = 0;
    switch (o.type) {
      case kMru:
        if (!v.u16(v16) || !v.empty()) {
          reply.reject(o);
        } else if (v16 < kMinMru) {
          const uint8_t floor[2] = {kMinMru >> 8, kMinMru & 0xFF};
          reply.nak(o, floor);
        } else {
          result_.send_mru = v16;
          reply.ack(o);
        }
        break;
      case kAccm:
        if (!v.u32(v32) || !v.empty()) {
          reply.reject(o);
        } else {
          result_.send_accm = v32;
          reply.ack(o);
        }
        break;
      case kAuthProtocol:
        judge_auth(o, reply);
        break;
      case kMagicNumber:
        if (!v.u32(v32) || !v.empty()) {
          reply.reject(o);
        } else if (want_magic_ && v32 == result_.our_magic) {
          // Our own number came back: maybe a looped line, maybe chance. Suggest another
          // and count; nak_ci() counts the other half of the round trip.
          ++loops_;
          if (loops_ >= config_.loopback_limit) listener_.lcp_loopback();
          uint32_t other = new_magic();
          const uint8_t b[4] = {static_cast<uint8_t>(other >> 24),
                                static_cast<uint8_t>(other >> 16), static_cast<uint8_t>(other >> 8),
                                static_cast<uint8_t>(other)};
          reply.nak(o, b);
        } else {
          result_.peer_magic = v32;
          reply.ack(o);
        }
        break;
      case kPfc:
      case kAcfc:
        if (!v.empty()) {
          reply.reject(o);
        } else {
          (o.type == kPfc ? result_.send_pfc : result_.send_acfc) = true;
          reply.ack(o);
        }
        break;
      case kFcsAlternatives: {
        // We send FCS-16 or FCS-32, never no FCS; a choice of several gets FCS-16.
        uint8_t bits = 0;
        if (!v.u8(bits) || !v.empty()) {
          reply.reject(o);
        } else if (bits == kFcs16Bit || bits == kFcs32Bit) {
          result_.send_fcs32 = bits == kFcs32Bit;
          reply.ack(o);
        } else {
          const uint8_t ours = (bits & kFcs16Bit) || !(bits & kFcs32Bit) ? kFcs16Bit : kFcs32Bit;
          reply.nak(o, Bytes(&ours, 1));
        }
        break;
      }
      default:
        reply.reject(o);
        break;
    }
  }
  if (malformed) return ReqVerdict::kDiscard;
  return reply.finish(out);
}

void Lcp::up() {
  echo_outstanding_ = 0;
  if (config_.echo_interval > Duration::zero())
    echo_deadline_ = clock_.now() + config_.echo_interval;
  listener_.lcp_up();
}

void Lcp::down() {
  echo_deadline_.reset();
  listener_.lcp_down();
}

void Lcp::finished() { listener_.lcp_finished(); }

std::optional<TimePoint> Lcp::deadline() const {
  auto a = fsm_.deadline();
  if (!a) return echo_deadline_;
  if (!echo_deadline_) return a;
  return std::min(*a, *echo_deadline_);
}

void Lcp::on_timer(TimePoint now) {
  fsm_.on_timer(now);
  if (echo_deadline_ && now >= *echo_deadline_ && fsm_.state() == FsmState::kOpened) {
    if (echo_outstanding_ >= config_.echo_failures) {
      echo_deadline_.reset();
      listener_.lcp_dead_peer();
      return;
    }
    std::vector<uint8_t> data;
    Writer(data).u32(result_.our_magic);
    fsm_.send_ext(kEchoRequest, data);
    ++echo_outstanding_;
    echo_deadline_ = now + config_.echo_interval;
  }
}

void Lcp::reject_protocol(uint16_t protocol, Bytes info) {
  if (fsm_.state() != FsmState::kOpened) return;  // RFC 1661 5.7: only when Opened
  std::vector<uint8_t> data;
  Writer w(data);
  w.u16(protocol);
  // The rejected information, cut so the reply fits the peer's MRU.
  size_t room = result_.send_mru > 6 ? result_.send_mru - 6U : 0;
  w.bytes(info.first(std::min(info.size(), room)));
  fsm_.send_ext(kProtocolReject, data);
}

bool Lcp::ext_code(uint8_t code, uint8_t id, Reader data) {
  const bool opened = fsm_.state() == FsmState::kOpened;
  uint32_t magic = 0;
  uint16_t proto = 0;
  switch (code) {
    case kProtocolReject:
      if (opened && data.u16(proto)) listener_.lcp_protocol_rejected(proto);
      return true;
    case kEchoRequest: {
      if (!opened || !data.u32(magic)) return true;
      if (magic != 0 && magic == result_.our_magic) return true;  // our own echo looped back
      std::vector<uint8_t> reply;
      Writer w(reply);
      w.u32(result_.our_magic);
      w.bytes(data.rest());
      fsm_.send(kEchoReply, id, reply);
      return true;
    }
    case kEchoReply:
      if (opened && data.u32(magic) && (magic == 0 || magic != result_.our_magic)) {
        echo_outstanding_ = 0;
      }
      return true;
    case kDiscardRequest:
      return true;
    default:
      return false;
  }
}

}  // namespace openras::ppp
