// fsm.cpp: the RFC 1661 automaton (see fsm.h). Each event below follows the rows of the
// transition table in RFC 1661 section 4.1; the action names in comments are the RFC's
// (irc, zrc, scr, sca, scn, str, sta, scj, tlu, tld, tls, tlf).
#include "ppp/fsm.h"

#include <algorithm>

namespace openras::ppp {

using S = FsmState;

std::string_view fsm_state_name(FsmState s) noexcept {
  switch (s) {
    case S::kInitial:
      return "Initial";
    case S::kStarting:
      return "Starting";
    case S::kClosed:
      return "Closed";
    case S::kStopped:
      return "Stopped";
    case S::kClosing:
      return "Closing";
    case S::kStopping:
      return "Stopping";
    case S::kReqSent:
      return "Req-Sent";
    case S::kAckRcvd:
      return "Ack-Rcvd";
    case S::kAckSent:
      return "Ack-Sent";
    case S::kOpened:
      return "Opened";
  }
  return "?";
}

Fsm::Fsm(uint16_t protocol, FsmCallbacks& callbacks, PacketSink& sink, const base::Clock& clock,
         FsmConfig config)
    : protocol_(protocol), cb_(callbacks), sink_(sink), clock_(clock), config_(config) {}

std::vector<uint8_t> make_control_packet(uint8_t code, uint8_t id, Bytes data) {
  std::vector<uint8_t> packet;
  packet.reserve(4 + data.size());
  Writer w(packet);
  w.u8(code);
  w.u8(id);
  w.u16(static_cast<uint16_t>(4 + data.size()));
  w.bytes(data);
  return packet;
}

bool is_our_request(FsmCallbacks& cb, Reader options) {
  std::vector<uint8_t> sent;
  cb.add_ci(sent);
  Bytes got = options.rest();
  return std::equal(sent.begin(), sent.end(), got.begin(), got.end());
}

void Fsm::send(uint8_t code, uint8_t id, Bytes data) {
  sink_.send_packet(protocol_, make_control_packet(code, id, data));
}

void Fsm::send_ext(uint8_t code, Bytes data) { send(code, next_id(), data); }

void Fsm::start_timer() { deadline_ = clock_.now() + config_.restart; }

void Fsm::send_conf_req(bool retransmit) {
  if (!retransmit) {
    if (state_ != S::kReqSent && state_ != S::kAckRcvd && state_ != S::kAckSent) {
      cb_.reset_ci();  // not negotiating yet: start from our preferred options
      nak_loops_ = 0;
    }
    req_id_ = next_id();
    last_req_.clear();
    cb_.add_ci(last_req_);
  }
  send(kConfigureRequest, req_id_, last_req_);  // a retransmission keeps its id (as pppd)
  --restart_count_;
  start_timer();
}

void Fsm::send_term_req() {
  term_id_ = next_id();
  send(kTerminateRequest, term_id_,
       Bytes(reinterpret_cast<const uint8_t*>(term_reason_.data()), term_reason_.size()));
  --restart_count_;
  start_timer();
}

void Fsm::this_layer_up() {
  stop_timer();
  state_ = S::kOpened;
  cb_.up();
}
// The state changes first, so the callback sees where the automaton is going (the session
// tells a renegotiation from a termination by it).
void Fsm::this_layer_down(FsmState next) {
  state_ = next;
  cb_.down();
}

void Fsm::renegotiate() {
  cb_.reset_ci();
  nak_loops_ = 0;
  send_conf_req(false);
}
void Fsm::this_layer_started() { cb_.starting(); }
void Fsm::this_layer_finished(FsmStop why) {
  stop_timer();
  if (why != FsmStop::kNone) stop_ = why;
  cb_.finished();
}

void Fsm::open() {
  switch (state_) {
    case S::kInitial:
      state_ = S::kStarting;
      this_layer_started();
      break;
    case S::kClosed:
      restart_count_ = config_.max_configure;
      send_conf_req(false);
      state_ = S::kReqSent;
      break;
    case S::kClosing:
      state_ = S::kStopping;
      break;
    default:
      break;
  }
}

void Fsm::close(std::string_view reason) {
  term_reason_ = std::string(reason);
  switch (state_) {
    case S::kStarting:
      state_ = S::kInitial;
      this_layer_finished(FsmStop::kLocalClose);
      break;
    case S::kStopped:
      state_ = S::kClosed;
      break;
    case S::kStopping:
      state_ = S::kClosing;
      break;
    case S::kOpened:
      this_layer_down(S::kClosing);
      [[fallthrough]];
    case S::kReqSent:
    case S::kAckRcvd:
    case S::kAckSent:
      stop_ = FsmStop::kLocalClose;
      restart_count_ = config_.max_terminate;
      send_term_req();
      state_ = S::kClosing;
      break;
    default:
      break;
  }
}

void Fsm::lower_up() {
  switch (state_) {
    case S::kInitial:
      state_ = S::kClosed;
      break;
    case S::kStarting:
      restart_count_ = config_.max_configure;
      send_conf_req(false);
      state_ = S::kReqSent;
      break;
    default:
      break;
  }
}

void Fsm::lower_down() {
  stop_timer();
  switch (state_) {
    case S::kClosed:
    case S::kClosing:
      state_ = S::kInitial;
      break;
    case S::kStopped:
      state_ = S::kStarting;
      this_layer_started();
      break;
    case S::kOpened:
      this_layer_down(S::kStarting);
      [[fallthrough]];
    case S::kStopping:
    case S::kReqSent:
    case S::kAckRcvd:
    case S::kAckSent:
      stop_ = FsmStop::kLowerDown;
      state_ = S::kStarting;
      break;
    default:
      break;
  }
}

void Fsm::on_timer(TimePoint now) {
  if (!deadline_ || now < *deadline_) return;
  deadline_.reset();
  const bool more = restart_count_ > 0;  // TO+ or TO-
  switch (state_) {
    case S::kClosing:
    case S::kStopping:
      if (more) {
        send_term_req();
      } else {
        state_ = state_ == S::kClosing ? S::kClosed : S::kStopped;
        this_layer_finished(FsmStop::kNone);
      }
      break;
    case S::kReqSent:
    case S::kAckRcvd:
    case S::kAckSent:
      if (more) {
        send_conf_req(true);
        if (state_ == S::kAckRcvd) state_ = S::kReqSent;
      } else {
        state_ = S::kStopped;
        this_layer_finished(FsmStop::kTimeout);
      }
      break;
    default:
      break;
  }
}

void Fsm::input(Bytes packet) {
  Reader r(packet);
  uint8_t code = 0;
  uint8_t id = 0;
  uint16_t length = 0;
  // Too short, or a length that claims more than arrived: silently discarded (RFC 1661
  // section 5). Octets past the length are padding and are ignored.
  if (!r.u8(code) || !r.u8(id) || !r.u16(length) || length < 4) return;
  Reader data;
  if (!r.sub(length - 4U, data)) return;
  if (state_ == S::kInitial || state_ == S::kStarting) return;
  switch (code) {
    case kConfigureRequest:
      rcv_conf_req(id, data);
      break;
    case kConfigureAck:
      rcv_conf_ack(id, data);
      break;
    case kConfigureNak:
    case kConfigureReject:
      rcv_conf_nak_rej(code, id, data);
      break;
    case kTerminateRequest:
      rcv_term_req(id, data);
      break;
    case kTerminateAck:
      rcv_term_ack();
      break;
    case kCodeReject:
      rcv_code_rej(data);
      break;
    default:
      if (!cb_.ext_code(code, id, data)) {
        // scj: the rejected packet goes back whole (it fits: it came within our MRU).
        send(kCodeReject, next_id(), packet.first(length));
      }
      break;
  }
}

void Fsm::rcv_conf_req(uint8_t id, Reader data) {
  switch (state_) {
    case S::kClosed:
      send(kTerminateAck, id, {});
      return;
    case S::kClosing:
    case S::kStopping:
      return;
    case S::kOpened:
      this_layer_down(S::kReqSent);
      renegotiate();
      break;
    case S::kStopped:
      restart_count_ = config_.max_configure;
      send_conf_req(false);
      break;
    default:
      break;
  }
  std::vector<uint8_t> reply;
  ReqVerdict verdict = cb_.req_ci(data, nak_loops_ >= config_.max_failure, reply);
  if (verdict == ReqVerdict::kDiscard) {
    if (state_ == S::kOpened || state_ == S::kStopped) state_ = S::kReqSent;
    return;
  }
  if (verdict == ReqVerdict::kAck) {
    send(kConfigureAck, id, reply);
    nak_loops_ = 0;
    if (state_ == S::kAckRcvd) {
      this_layer_up();
    } else {
      state_ = S::kAckSent;
    }
    return;
  }
  send(verdict == ReqVerdict::kNak ? kConfigureNak : kConfigureReject, id, reply);
  if (verdict == ReqVerdict::kNak) ++nak_loops_;
  if (state_ != S::kAckRcvd) state_ = S::kReqSent;
}

void Fsm::rcv_conf_ack(uint8_t id, Reader data) {
  if (id != req_id_) return;  // an Ack of an older request, or forged
  if (state_ == S::kClosed || state_ == S::kStopped) {
    send(kTerminateAck, id, {});
    return;
  }
  if (state_ == S::kClosing || state_ == S::kStopping) return;
  if (!cb_.ack_ci(data)) return;  // not what we asked for: bad Ack, discarded
  // In AckRcvd and Opened our request (same id) is answered already: a second answer is not
  // news. A peer answers each copy of a retransmitted request (pppd in UML got two and Acked
  // both), and RFC 1661's table would have that second Ack restart AckRcvd or tear an Opened
  // link down (RCA there). pppd discards it (seen_ack), and so do we.
  switch (state_) {
    case S::kReqSent:
      restart_count_ = config_.max_configure;
      state_ = S::kAckRcvd;
      break;
    case S::kAckSent:
      restart_count_ = config_.max_configure;
      this_layer_up();
      break;
    default:
      break;
  }
}

void Fsm::rcv_conf_nak_rej(uint8_t code, uint8_t id, Reader data) {
  if (id != req_id_) return;
  if (state_ == S::kClosed || state_ == S::kStopped) {
    send(kTerminateAck, id, {});
    return;
  }
  if (state_ == S::kClosing || state_ == S::kStopping) return;
  bool ok = code == kConfigureNak ? cb_.nak_ci(data) : cb_.rej_ci(data);
  if (!ok) return;
  // In AckRcvd and Opened this request was answered already (see rcv_conf_ack).
  if (state_ == S::kReqSent || state_ == S::kAckSent) {
    restart_count_ = config_.max_configure;
    send_conf_req(false);  // a new request, a new id, not yet answered
  }
}

void Fsm::rcv_term_req(uint8_t id, Reader data) {
  Bytes text = data.rest();
  peer_message_.assign(text.begin(), text.end());
  switch (state_) {
    case S::kReqSent:
    case S::kAckRcvd:
    case S::kAckSent:
      send(kTerminateAck, id, {});
      state_ = S::kReqSent;
      break;
    case S::kOpened:
      this_layer_down(S::kStopping);
      stop_ = FsmStop::kPeerTerminated;
      restart_count_ = 0;  // zrc: wait one restart period for the peer to see our Ack
      start_timer();
      send(kTerminateAck, id, {});
      state_ = S::kStopping;
      break;
    default:
      send(kTerminateAck, id, {});
      break;
  }
}

void Fsm::rcv_term_ack() {
  switch (state_) {
    case S::kClosing:
      state_ = S::kClosed;
      this_layer_finished(FsmStop::kNone);
      break;
    case S::kStopping:
      state_ = S::kStopped;
      this_layer_finished(FsmStop::kNone);
      break;
    case S::kAckRcvd:
      state_ = S::kReqSent;
      break;
    case S::kOpened:
      this_layer_down(S::kReqSent);
      renegotiate();
      break;
    default:
      break;
  }
}

void Fsm::rcv_code_rej(Reader data) {
  uint8_t rejected = 0;
  if (!data.u8(rejected)) return;
  if (rejected >= kConfigureRequest && rejected <= kCodeReject) {
    rxj_minus();  // the peer cannot do basic negotiation: catastrophic
  } else if (state_ == S::kAckRcvd) {
    state_ = S::kReqSent;  // RXJ+
  }
}

void Fsm::protocol_rejected() { rxj_minus(); }

void Fsm::rxj_minus() {
  switch (state_) {
    case S::kClosed:
    case S::kClosing:
      state_ = S::kClosed;
      this_layer_finished(FsmStop::kRejected);
      break;
    case S::kStopped:
    case S::kStopping:
    case S::kReqSent:
    case S::kAckRcvd:
    case S::kAckSent:
      state_ = S::kStopped;
      this_layer_finished(FsmStop::kRejected);
      break;
    case S::kOpened:
      this_layer_down(S::kStopping);
      stop_ = FsmStop::kRejected;
      restart_count_ = config_.max_terminate;
      send_term_req();
      state_ = S::kStopping;
      break;
    default:
      break;
  }
}

}  // namespace openras::ppp
