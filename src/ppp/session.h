// session.h: one PPP link, the door of src/ppp.
//
// Bytes and a clock in; line bytes, IP packets and typed events out. The host (the link
// process) writes what send_line() gives it to the line, feeds what it reads to feed(),
// hands IP packets from receive_ip() to its TUN device and packets from TUN to send_ip(),
// and calls on_timer() when next_deadline() passes. Nothing here touches a descriptor.
//
// Phases (RFC 1661 section 3.2): Dead → Establish (LCP) → Authenticate (if the peer asks)
// → Network (IPCP, IPV6CP when enabled) → Terminate → Dead. Every end of the link is
// reported once, as LinkTerminated with a TerminateReason.
//
// Thread: one thread per session. Host callbacks run inside the session's calls; from
// them the host may call send_ip() and close(), which are queued safely, but not feed().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/result.h"
#include "ppp/auth.h"
#include "ppp/framing.h"
#include "ppp/ipcp.h"
#include "ppp/ipv6cp.h"
#include "ppp/lcp.h"

namespace openras::ppp {

enum class Phase : uint8_t { kDead, kEstablish, kAuthenticate, kNetwork, kTerminate };
[[nodiscard]] const char* phase_name(Phase p) noexcept;

// Why the link ended. The C ABI maps each to one RAS code; the intended one is named.
enum class TerminateReason : uint8_t {
  kLocalClose,               // close(): we hung up (631 ERROR_USER_DISCONNECTION)
  kLowerLayerDown,           // lower_down(): the line went away (619 ERROR_PORT_DISCONNECTED)
  kPeerTerminated,           // the peer's LCP Terminate-Request (719 ERROR_PPP_REMOTE_TERMINATED)
  kLcpTimeout,               // LCP got no answer, Max-Configure spent (718 ERROR_PPP_TIMEOUT)
  kLcpRejected,              // the peer Code-Rejected LCP itself (734 ERROR_PPP_LCP_TERMINATED)
  kDeadPeer,                 // keep-alive echoes unanswered (638 ERROR_REQUEST_TIMEOUT)
  kLoopback,                 // our Magic-Number came back (737 ERROR_PPP_LOOPBACK_DETECTED)
  kAuthFailed,               // the peer refused our credentials (691 ERROR_AUTHENTICATION_FAILURE)
  kAuthTimeout,              // no challenge or verdict in time (718 ERROR_PPP_TIMEOUT)
  kAuthUnverified,           // MS-CHAPv2 server proof wrong (691 ERROR_AUTHENTICATION_FAILURE)
  kNoNetworkProtocol,        // no NCP could open (720 ERROR_PPP_NO_PROTOCOLS_CONFIGURED)
  kNcpRejected,              // the peer Protocol-Rejected IPCP (733 ERROR_PPP_CP_REJECTED)
  kRequiredAddressRejected,  // our configured address refused (735
                             // ERROR_PPP_REQUIRED_ADDRESS_REJECTED)
  kNoAddressAssigned,        // the peer gave no address (738 ERROR_PPP_NO_ADDRESS_ASSIGNED)
};
[[nodiscard]] const char* terminate_reason_name(TerminateReason r) noexcept;

struct PhaseChanged {
  Phase phase;
};
struct AuthStarted {
  AuthProtocol protocol;
};
struct AuthSucceeded {
  AuthProtocol protocol;
  std::string message;
};
struct AuthFailed {
  AuthProtocol protocol;
  AuthFailure why;
  std::string message;
};
struct NetworkUp {
  IpcpResult ipv4;
};
struct Ipv6Up {
  Ipv6cpResult ipv6;
};
struct NetworkDown {
  uint16_t protocol;
};
struct LinkTerminated {
  TerminateReason reason;
  std::string message;
};
using Event = std::variant<PhaseChanged, AuthStarted, AuthSucceeded, AuthFailed, NetworkUp, Ipv6Up,
                           NetworkDown, LinkTerminated>;

class SessionHost {
 public:
  virtual ~SessionHost() = default;
  virtual void send_line(Bytes bytes) = 0;                       // write these to the line
  virtual void receive_ip(uint16_t protocol, Bytes packet) = 0;  // kProtoIpv4 or kProtoIpv6
  virtual void event(const Event& e) = 0;
};

struct SessionConfig {
  LcpConfig lcp;
  IpcpConfig ipcp;
  bool ipv6 = false;  // off: IPV6CP is Protocol-Rejected
  Ipv6cpConfig ipv6cp;
  FsmConfig auth_timing;
};

struct SessionStats {
  FramingCounters in;
  FramingCounters out;
  uint64_t bad_headers = 0;      // frames with a bad address/control/protocol field
  uint64_t rejected_frames = 0;  // frames of protocols we do not speak
};

class Session final : private PacketSink,
                      private LcpListener,
                      private AuthListener,
                      private LayerListener {
 public:
  Session(const SessionConfig& config, Credentials credentials, SessionHost& host,
          const base::Clock& clock, Random& random);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start();                                // the line is up (after CONNECT): begin LCP
  void feed(Bytes line);                       // bytes read from the line
  [[nodiscard]] Status send_ip(Bytes packet);  // an IPv4 or IPv6 packet to the peer
  void close(std::string_view why = "User request");
  void lower_down();  // the line is gone

  [[nodiscard]] std::optional<TimePoint> next_deadline() const;
  void on_timer(TimePoint now);

  [[nodiscard]] Phase phase() const { return phase_; }
  [[nodiscard]] const LcpResult& lcp() const { return lcp_.result(); }
  [[nodiscard]] const IpcpResult& ipcp() const { return ipcp_.result(); }
  [[nodiscard]] FsmState lcp_state() const { return lcp_.fsm().state(); }
  [[nodiscard]] FsmState ipcp_state() const { return ipcp_.fsm().state(); }
  [[nodiscard]] FsmState ipv6cp_state() const { return ipv6cp_.fsm().state(); }
  [[nodiscard]] SessionStats stats() const;

 private:
  void send_packet(uint16_t protocol, Bytes packet) override;
  void lcp_up() override;
  void lcp_down() override;
  void lcp_finished() override;
  void lcp_protocol_rejected(uint16_t protocol) override;
  void lcp_dead_peer() override;
  void lcp_loopback() override;
  void auth_succeeded(AuthProtocol protocol, std::string message) override;
  void auth_failed(AuthProtocol protocol, AuthFailure why, std::string message) override;
  void layer_up(uint16_t protocol) override;
  void layer_down(uint16_t protocol) override;
  void layer_finished(uint16_t protocol) override;

  void handle_frame(Bytes frame);
  void set_phase(Phase p);
  void enter_network();
  void terminate(TerminateReason reason, std::string message);
  void emit(Event e);
  void flush();
  // Framing back to the defaults. `keep_receive_accm`: the peer's frames keep the
  // negotiated receive map (LCP going down into Terminate, see lcp_down()).
  void reset_framing(bool keep_receive_accm = false);

  SessionConfig config_;
  Credentials credentials_;  // held until the authentication verdict (LCP may renegotiate)
  SessionHost& host_;
  FrameDecoder decoder_;
  FrameEncoder encoder_;
  Lcp lcp_;
  AuthClient auth_;
  Ipcp ipcp_;
  Ipv6cp ipv6cp_;
  Phase phase_ = Phase::kDead;
  std::optional<TerminateReason> reason_;
  std::string reason_message_;
  SessionStats extra_;
  std::vector<uint8_t> out_;
  std::vector<Event> events_;
  bool flushing_ = false;
  bool ipcp_rejected_ = false;  // the peer Protocol-Rejected IPCP
};

}  // namespace openras::ppp
