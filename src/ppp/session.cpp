// session.cpp: see session.h.

// GCC 12 at -O2 warns that moving an Event (a std::variant of structs holding a
// std::string) while events_ grows "may use" the string uninitialized: a false positive
// of its middle end on std::variant moves (the alternative moved is always constructed).
// The release build must be free of warnings (issue 15 §11), so this file, and only it,
// does without that one warning on GCC before 13 (checked with GCC 12).
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ < 13
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "ppp/session.h"

#include <algorithm>

namespace openras::ppp {
namespace {

bool negotiating_or_open(FsmState s) {
  return s == FsmState::kReqSent || s == FsmState::kAckRcvd || s == FsmState::kAckSent ||
         s == FsmState::kOpened;
}

void earliest(std::optional<TimePoint>& acc, std::optional<TimePoint> t) {
  if (t && (!acc || *t < *acc)) acc = t;
}

}  // namespace

const char* phase_name(Phase p) noexcept {
  switch (p) {
    case Phase::kDead:
      return "Dead";
    case Phase::kEstablish:
      return "Establish";
    case Phase::kAuthenticate:
      return "Authenticate";
    case Phase::kNetwork:
      return "Network";
    case Phase::kTerminate:
      return "Terminate";
  }
  return "?";
}

const char* terminate_reason_name(TerminateReason r) noexcept {
  switch (r) {
    case TerminateReason::kLocalClose:
      return "local close";
    case TerminateReason::kLowerLayerDown:
      return "line lost";
    case TerminateReason::kPeerTerminated:
      return "terminated by the peer";
    case TerminateReason::kLcpTimeout:
      return "LCP negotiation timed out";
    case TerminateReason::kLcpRejected:
      return "the peer rejected LCP";
    case TerminateReason::kDeadPeer:
      return "the peer stopped answering echoes";
    case TerminateReason::kLoopback:
      return "the line is looped back";
    case TerminateReason::kAuthFailed:
      return "authentication failed";
    case TerminateReason::kAuthTimeout:
      return "authentication timed out";
    case TerminateReason::kAuthUnverified:
      return "the peer failed to authenticate itself";
    case TerminateReason::kNoNetworkProtocol:
      return "no network protocol could be opened";
    case TerminateReason::kNcpRejected:
      return "the peer rejected IPCP";
    case TerminateReason::kRequiredAddressRejected:
      return "our configured address was refused";
    case TerminateReason::kNoAddressAssigned:
      return "the peer assigned no address";
  }
  return "?";
}

Session::Session(const SessionConfig& config, Credentials credentials, SessionHost& host,
                 const base::Clock& clock, Random& random)
    : config_(config),
      credentials_(std::move(credentials)),
      host_(host),
      decoder_(std::max<size_t>(config.lcp.mru, kDefaultMru)),
      lcp_(config.lcp, *this, *this, clock, random),
      auth_(*this, *this, clock, random, config.auth_timing),
      ipcp_(config.ipcp, *this, *this, clock),
      ipv6cp_(config.ipv6cp, *this, *this, clock, random) {}

void Session::emit(Event e) { events_.push_back(std::move(e)); }

void Session::flush() {
  if (flushing_) return;  // a host callback re-entered; the outer flush delivers
  flushing_ = true;
  while (!out_.empty() || !events_.empty()) {
    std::vector<uint8_t> bytes;
    bytes.swap(out_);
    if (!bytes.empty()) host_.send_line(bytes);
    std::vector<Event> events;
    events.swap(events_);
    for (const Event& e : events) host_.event(e);
  }
  flushing_ = false;
}

void Session::set_phase(Phase p) {
  if (p == phase_) return;
  phase_ = p;
  emit(PhaseChanged{p});
}

void Session::reset_framing(bool keep_receive_accm) {
  encoder_.set_send_accm(kDefaultAccm);
  encoder_.set_acfc(false);
  encoder_.set_pfc(false);
  if (!keep_receive_accm) decoder_.set_receive_accm(kDefaultAccm);
  encoder_.set_fcs(FcsKind::k16);
  decoder_.set_fcs(FcsKind::k16);
}

void Session::start() {
  reason_.reset();
  ipcp_rejected_ = false;
  reason_message_.clear();
  reset_framing();
  set_phase(Phase::kEstablish);
  lcp_.fsm().open();
  lcp_.fsm().lower_up();
  flush();
}

void Session::feed(Bytes line) {
  decoder_.feed(line, [this](Bytes frame) { handle_frame(frame); });
  flush();
}

void Session::handle_frame(Bytes frame) {
  FrameHeader h;
  if (!parse_frame_header(frame, h)) {
    ++extra_.bad_headers;
    return;
  }
  switch (h.protocol) {
    case kProtoLcp:
      lcp_.fsm().input(h.info);
      break;
    case kProtoPap:
    case kProtoChap:
      if (phase_ == Phase::kAuthenticate) auth_.input(h.protocol, h.info);
      break;
    case kProtoIpcp:
      // NCP packets before the Network phase are silently discarded (RFC 1661 3.5).
      if (phase_ == Phase::kNetwork) ipcp_.fsm().input(h.info);
      break;
    case kProtoIpv6cp:
      if (!config_.ipv6) {
        ++extra_.rejected_frames;
        lcp_.reject_protocol(h.protocol, h.info);
      } else if (phase_ == Phase::kNetwork) {
        ipv6cp_.fsm().input(h.info);
      }
      break;
    case kProtoIpv4:
      if (ipcp_.fsm().state() == FsmState::kOpened) host_.receive_ip(h.protocol, h.info);
      break;
    case kProtoIpv6:
      if (config_.ipv6 && ipv6cp_.fsm().state() == FsmState::kOpened) {
        host_.receive_ip(h.protocol, h.info);
      }
      break;
    default:
      ++extra_.rejected_frames;  // CCP, VJ-compressed TCP, ...: we speak none of them
      lcp_.reject_protocol(h.protocol, h.info);
      break;
  }
}

Status Session::send_ip(Bytes packet) {
  if (packet.empty()) return fail(Errc::kInvalidArgument, "empty IP packet");
  const unsigned version = packet[0] >> 4;
  uint16_t protocol = 0;
  if (version == 4 && ipcp_.fsm().state() == FsmState::kOpened) protocol = kProtoIpv4;
  if (version == 6 && config_.ipv6 && ipv6cp_.fsm().state() == FsmState::kOpened) {
    protocol = kProtoIpv6;
  }
  if (protocol == 0) {
    return fail(Errc::kProjectionNotComplete,
                "IPv" + std::to_string(version) + " packet while that protocol is not open");
  }
  if (packet.size() > lcp_.result().send_mru) {
    return fail(Errc::kInvalidArgument, "IP packet of " + std::to_string(packet.size()) +
                                            " bytes exceeds the peer's MRU of " +
                                            std::to_string(lcp_.result().send_mru));
  }
  encoder_.encode(protocol, packet, out_);
  flush();
  return {};
}

void Session::close(std::string_view why) {
  if (!reason_) {
    reason_ = TerminateReason::kLocalClose;
    reason_message_ = std::string(why);
  }
  if (phase_ != Phase::kDead) set_phase(Phase::kTerminate);
  lcp_.fsm().close(why);
  flush();
}

void Session::lower_down() {
  if (!reason_) reason_ = TerminateReason::kLowerLayerDown;
  lcp_.fsm().lower_down();
  if (phase_ != Phase::kDead) lcp_finished();  // no Terminate exchange without a line
  flush();
}

std::optional<TimePoint> Session::next_deadline() const {
  std::optional<TimePoint> t = lcp_.deadline();
  earliest(t, auth_.deadline());
  earliest(t, ipcp_.fsm().deadline());
  earliest(t, ipv6cp_.fsm().deadline());
  return t;
}

void Session::on_timer(TimePoint now) {
  lcp_.on_timer(now);
  auth_.on_timer(now);
  ipcp_.fsm().on_timer(now);
  ipv6cp_.fsm().on_timer(now);
  flush();
}

SessionStats Session::stats() const {
  SessionStats s = extra_;
  s.in = decoder_.counters();
  s.out = encoder_.counters();
  return s;
}

void Session::send_packet(uint16_t protocol, Bytes packet) {
  encoder_.encode(protocol, packet, out_);
}

void Session::terminate(TerminateReason reason, std::string message) {
  if (!reason_) {
    reason_ = reason;
    reason_message_ = std::move(message);
  }
  set_phase(Phase::kTerminate);
  lcp_.fsm().close(terminate_reason_name(reason));
}

// --- LCP --------------------------------------------------------------------------------

void Session::lcp_up() {
  const LcpResult& r = lcp_.result();
  encoder_.set_send_accm(r.send_accm);
  encoder_.set_pfc(r.send_pfc);
  encoder_.set_acfc(r.send_acfc);
  decoder_.set_receive_accm(r.receive_accm);
  encoder_.set_fcs(r.send_fcs32 ? FcsKind::k32 : FcsKind::k16);
  decoder_.set_fcs(r.receive_fcs32 ? FcsKind::k32 : FcsKind::k16);
  if (r.auth == AuthProtocol::kNone) {
    enter_network();
    return;
  }
  set_phase(Phase::kAuthenticate);
  emit(AuthStarted{r.auth});
  // A copy: LCP may renegotiate before the verdict (auth_.stop() wipes the client's), and
  // the next authentication needs the secret again. Ours is wiped once the outcome is known.
  auth_.start(r.auth, credentials_.clone());
}

void Session::lcp_down() {
  auth_.stop();
  ipcp_.fsm().lower_down();
  ipv6cp_.fsm().lower_down();
  // Going to Terminate, the peer keeps sending control characters raw as agreed until it
  // has read our Terminate-Request (or since it sent its own): with the default map
  // those bytes would be dropped and its last frames, discarded in that phase anyway,
  // counted as CRC errors. Renegotiating, everything is back to the defaults.
  reset_framing(/*keep_receive_accm=*/!negotiating_or_open(lcp_.fsm().state()));
  if (phase_ == Phase::kDead) return;
  // The peer renegotiating (a Configure-Request while Opened) is Establish again; a
  // Terminate or a Close is the Terminate phase.
  set_phase(negotiating_or_open(lcp_.fsm().state()) ? Phase::kEstablish : Phase::kTerminate);
}

void Session::lcp_finished() {
  if (phase_ == Phase::kDead) return;
  auth_.stop();
  credentials_.wipe();
  ipcp_.fsm().lower_down();
  ipv6cp_.fsm().lower_down();
  if (!reason_) {
    switch (lcp_.fsm().stop_reason()) {
      case FsmStop::kPeerTerminated:
        reason_ = TerminateReason::kPeerTerminated;
        reason_message_ = lcp_.fsm().peer_terminate_message();
        break;
      case FsmStop::kTimeout:
        reason_ = TerminateReason::kLcpTimeout;
        break;
      case FsmStop::kRejected:
        reason_ = TerminateReason::kLcpRejected;
        break;
      case FsmStop::kLowerDown:
        reason_ = TerminateReason::kLowerLayerDown;
        break;
      default:
        reason_ = TerminateReason::kLocalClose;
        break;
    }
  }
  set_phase(Phase::kDead);
  emit(LinkTerminated{*reason_, reason_message_});
}

void Session::lcp_protocol_rejected(uint16_t protocol) {
  if (protocol == kProtoIpcp) {
    ipcp_rejected_ = true;
    ipcp_.fsm().protocol_rejected();
  } else if (protocol == kProtoIpv6cp) {
    ipv6cp_.fsm().protocol_rejected();
  }
}

void Session::lcp_dead_peer() {
  terminate(TerminateReason::kDeadPeer,
            "no answer to " + std::to_string(config_.lcp.echo_failures) + " LCP Echo-Requests");
}

void Session::lcp_loopback() {
  terminate(TerminateReason::kLoopback, "our own LCP Magic-Number came back: the line loops");
}

// --- authentication ---------------------------------------------------------------------

void Session::auth_succeeded(AuthProtocol protocol, std::string message) {
  credentials_.wipe();
  emit(AuthSucceeded{protocol, std::move(message)});
  enter_network();
}

void Session::auth_failed(AuthProtocol protocol, AuthFailure why, std::string message) {
  credentials_.wipe();
  emit(AuthFailed{protocol, why, message});
  TerminateReason reason = TerminateReason::kAuthFailed;
  if (why == AuthFailure::kTimeout) reason = TerminateReason::kAuthTimeout;
  if (why == AuthFailure::kBadAuthenticator) reason = TerminateReason::kAuthUnverified;
  terminate(reason, std::move(message));
}

// --- network control protocols ----------------------------------------------------------

void Session::enter_network() {
  set_phase(Phase::kNetwork);
  ipcp_.fsm().open();
  ipcp_.fsm().lower_up();
  if (config_.ipv6) {
    ipv6cp_.fsm().open();
    ipv6cp_.fsm().lower_up();
  }
}

void Session::layer_up(uint16_t protocol) {
  if (protocol == kProtoIpcp) emit(NetworkUp{ipcp_.result()});
  if (protocol == kProtoIpv6cp) emit(Ipv6Up{ipv6cp_.result()});
}

void Session::layer_down(uint16_t protocol) { emit(NetworkDown{protocol}); }

void Session::layer_finished(uint16_t protocol) {
  if (phase_ != Phase::kNetwork) return;
  if (negotiating_or_open(ipcp_.fsm().state())) return;
  if (config_.ipv6 && negotiating_or_open(ipv6cp_.fsm().state())) return;
  TerminateReason reason = TerminateReason::kNoNetworkProtocol;
  if (ipcp_rejected_) reason = TerminateReason::kNcpRejected;
  if (ipcp_.failure() == NcpFailure::kRequiredAddressRejected) {
    reason = TerminateReason::kRequiredAddressRejected;
  } else if (ipcp_.failure() == NcpFailure::kNoAddressAssigned) {
    reason = TerminateReason::kNoAddressAssigned;
  }
  std::string what = protocol == kProtoIpcp ? "IPCP" : "IPV6CP";
  terminate(reason, what + " could not be opened");
}

}  // namespace openras::ppp
