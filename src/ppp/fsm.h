// fsm.h: the RFC 1661 option-negotiation automaton, shared by LCP, IPCP and IPV6CP.
//
// One implementation of the ten states and the full transition table (RFC 1661 section
// 4.1); what differs between control protocols lives behind FsmCallbacks, in the shape of
// pppd's fsm_callbacks: reset/add/ack/nak/reject our options, judge the peer's request,
// and hear about this-layer-up/down/started/finished. The automaton sends through a
// PacketSink and keeps time through an injected Clock; the host asks deadline() and calls
// on_timer() when it passes. Thread: one link's thread; not thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "ppp/reader.h"

namespace openras::ppp {

using TimePoint = std::chrono::steady_clock::time_point;
using Duration = std::chrono::steady_clock::duration;

// Control packet codes (RFC 1661 section 5; 8–11 are LCP's own).
enum Code : uint8_t {
  kConfigureRequest = 1,
  kConfigureAck = 2,
  kConfigureNak = 3,
  kConfigureReject = 4,
  kTerminateRequest = 5,
  kTerminateAck = 6,
  kCodeReject = 7,
  kProtocolReject = 8,
  kEchoRequest = 9,
  kEchoReply = 10,
  kDiscardRequest = 11,
};

enum class FsmState : uint8_t {
  kInitial,
  kStarting,
  kClosed,
  kStopped,
  kClosing,
  kStopping,
  kReqSent,
  kAckRcvd,
  kAckSent,
  kOpened,
};
[[nodiscard]] std::string_view fsm_state_name(FsmState s) noexcept;

// Why the automaton last reached Closed/Stopped/Initial (this-layer-finished).
enum class FsmStop : uint8_t {
  kNone,
  kLocalClose,      // our Close event
  kPeerTerminated,  // the peer sent Terminate-Request
  kTimeout,         // Max-Configure or Max-Terminate ran out (TO-)
  kRejected,        // the peer Code-Rejected something essential (RXJ-)
  kLowerDown,       // the layer below went down
};

// Every outgoing control packet goes through here, as a protocol and a complete packet.
class PacketSink {
 public:
  virtual ~PacketSink() = default;
  virtual void send_packet(uint16_t protocol, Bytes packet) = 0;
};

// How a control protocol answers the peer's Configure-Request.
enum class ReqVerdict : uint8_t { kAck, kNak, kReject, kDiscard };

class FsmCallbacks {
 public:
  virtual ~FsmCallbacks() = default;
  virtual void reset_ci() = 0;                         // before our first request
  virtual void add_ci(std::vector<uint8_t>& out) = 0;  // our options, appended
  virtual bool ack_ci(Reader options) = 0;             // false: not what we sent
  virtual bool nak_ci(Reader options) = 0;             // false: malformed
  virtual bool rej_ci(Reader options) = 0;             // false: malformed
  // Judges the peer's request and writes the options of the reply into `reply` (all of
  // them for an Ack, the disputed ones otherwise). With reject_if_disagree (Max-Failure
  // reached) an option it would Nak must be Rejected instead.
  virtual ReqVerdict req_ci(Reader options, bool reject_if_disagree,
                            std::vector<uint8_t>& reply) = 0;
  virtual void up() = 0;
  virtual void down() = 0;
  virtual void starting() {}
  virtual void finished() {}
  // A code the automaton does not know (LCP's 8–11). false: answer with Code-Reject.
  virtual bool ext_code(uint8_t /*code*/, uint8_t /*id*/, Reader /*data*/) { return false; }
};

// A control packet: code, id, length, data (RFC 1661 section 5).
[[nodiscard]] std::vector<uint8_t> make_control_packet(uint8_t code, uint8_t id, Bytes data);
// True when `options` repeat exactly what cb.add_ci() sends now: a Configure-Ack must
// echo our request verbatim (RFC 1661 section 5.2).
[[nodiscard]] bool is_our_request(FsmCallbacks& cb, Reader options);

struct FsmConfig {
  Duration restart = std::chrono::seconds(3);  // RFC 1661 default Restart timer
  int max_configure = 10;
  int max_terminate = 2;
  int max_failure = 5;
};

class Fsm {
 public:
  Fsm(uint16_t protocol, FsmCallbacks& callbacks, PacketSink& sink, const base::Clock& clock,
      FsmConfig config = {});

  // Administrative and lower-layer events.
  void open();
  void close(std::string_view reason);
  void lower_up();
  void lower_down();
  // A received control packet of this protocol (code, id, length, data).
  void input(Bytes packet);
  // The peer Protocol-Rejected this protocol: RXJ- (RFC 1661 section 5.7).
  void protocol_rejected();

  [[nodiscard]] std::optional<TimePoint> deadline() const { return deadline_; }
  void on_timer(TimePoint now);

  [[nodiscard]] FsmState state() const { return state_; }
  [[nodiscard]] FsmStop stop_reason() const { return stop_; }
  // The data of the peer's last Terminate-Request (often a reason text).
  [[nodiscard]] const std::string& peer_terminate_message() const { return peer_message_; }
  [[nodiscard]] uint16_t protocol() const { return protocol_; }
  // Sends a packet of an extension code (LCP echo, Protocol-Reject) with a fresh id.
  void send_ext(uint8_t code, Bytes data);
  uint8_t next_id() { return ++id_; }
  void send(uint8_t code, uint8_t id, Bytes data);

 private:
  void rcv_conf_req(uint8_t id, Reader data);
  void rcv_conf_ack(uint8_t id, Reader data);
  void rcv_conf_nak_rej(uint8_t code, uint8_t id, Reader data);
  void rcv_term_req(uint8_t id, Reader data);
  void rcv_term_ack();
  void rcv_code_rej(Reader data);
  void send_conf_req(bool retransmit);
  void send_term_req();
  void start_timer();
  void stop_timer() { deadline_.reset(); }
  void this_layer_up();
  void this_layer_down(FsmState next);
  void renegotiate();
  void this_layer_started();
  void this_layer_finished(FsmStop why);
  void rxj_minus();

  uint16_t protocol_;
  FsmCallbacks& cb_;
  PacketSink& sink_;
  const base::Clock& clock_;
  FsmConfig config_;
  FsmState state_ = FsmState::kInitial;
  FsmStop stop_ = FsmStop::kNone;
  std::optional<TimePoint> deadline_;
  int restart_count_ = 0;
  int nak_loops_ = 0;   // Naks sent since the last Ack (Max-Failure)
  uint8_t id_ = 0;      // last id we used
  uint8_t req_id_ = 0;  // id of our outstanding Configure-Request
  uint8_t term_id_ = 0;
  std::vector<uint8_t> last_req_;  // options of our outstanding request, for retransmission
  std::string term_reason_;
  std::string peer_message_;
};

}  // namespace openras::ppp
