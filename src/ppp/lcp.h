// lcp.h: the Link Control Protocol (RFC 1661 sections 5–6, RFC 1570's names).
//
// Negotiates MRU, ACCM, Authentication-Protocol, Magic-Number, PFC and ACFC over the
// shared Fsm; answers Echo-Request, sends keep-alive echoes when configured and reports a
// dead peer; spots a looped-back line through the Magic-Number; sends Protocol-Reject for
// protocols the session does not speak. Tells its LcpListener (the session) what happened.
#pragma once

#include <cstdint>
#include <set>

#include "ppp/fsm.h"
#include "ppp/options.h"
#include "ppp/protocols.h"
#include "ppp/random.h"

namespace openras::ppp {

// The authentication protocols we can perform as the authenticated side.
enum class AuthProtocol : uint8_t { kNone, kPap, kChapMd5, kMsChapV2 };
[[nodiscard]] const char* auth_protocol_name(AuthProtocol p) noexcept;

struct LcpConfig {
  uint16_t mru = 1500;  // asked of the peer; what our decoder accepts
  uint32_t accm = 0;    // control characters we ask the peer to escape towards us
  bool magic = true;
  bool pfc = true;
  bool acfc = true;
  bool fcs32 = false;  // ask the peer to send FCS-32 (RFC 1570 FCS-Alternatives)
  // The Authentication-Protocol values we agree to when the peer asks to authenticate us;
  // anything else is Nak'd with our preference (MS-CHAPv2, CHAP-MD5, PAP), or Rejected.
  std::set<AuthProtocol> accepted_auth{AuthProtocol::kMsChapV2, AuthProtocol::kChapMd5,
                                       AuthProtocol::kPap};
  Duration echo_interval{};  // zero: no keep-alive (the Windows default)
  int echo_failures = 5;     // unanswered echoes before the peer is declared dead
  int loopback_limit = 5;    // our own Magic-Number seen this often: the line loops back
  FsmConfig fsm;
};

// What LCP agreed, for the framing and the session.
struct LcpResult {
  uint16_t send_mru = 1500;            // largest information field the peer accepts
  uint16_t receive_mru = 1500;         // what the peer agreed to send us
  uint32_t send_accm = 0xFFFFFFFF;     // what we escape (the peer's ACCM option)
  uint32_t receive_accm = 0xFFFFFFFF;  // what the peer escapes (ours, once Acked)
  uint32_t our_magic = 0;
  uint32_t peer_magic = 0;
  bool send_pfc = false;
  bool send_acfc = false;
  bool receive_pfc = false;
  bool receive_acfc = false;
  bool send_fcs32 = false;                  // the peer asked for FCS-32 and we agreed
  bool receive_fcs32 = false;               // we asked for FCS-32 and the peer agreed
  AuthProtocol auth = AuthProtocol::kNone;  // what the peer asked us to perform
};

class LcpListener {
 public:
  virtual ~LcpListener() = default;
  virtual void lcp_up() = 0;
  virtual void lcp_down() = 0;
  virtual void lcp_finished() = 0;
  virtual void lcp_protocol_rejected(uint16_t protocol) = 0;
  virtual void lcp_dead_peer() = 0;
  virtual void lcp_loopback() = 0;
};

class Lcp final : public FsmCallbacks {
 public:
  Lcp(const LcpConfig& config, LcpListener& listener, PacketSink& sink, const base::Clock& clock,
      Random& random);

  [[nodiscard]] Fsm& fsm() { return fsm_; }
  [[nodiscard]] const Fsm& fsm() const { return fsm_; }
  [[nodiscard]] const LcpResult& result() const { return result_; }
  [[nodiscard]] std::optional<TimePoint> deadline() const;
  void on_timer(TimePoint now);
  // Sends Protocol-Reject for a frame of a protocol we do not speak (only when Opened).
  void reject_protocol(uint16_t protocol, Bytes info);

  void reset_ci() override;
  void add_ci(std::vector<uint8_t>& out) override;
  bool ack_ci(Reader options) override;
  bool nak_ci(Reader options) override;
  bool rej_ci(Reader options) override;
  ReqVerdict req_ci(Reader options, bool reject_if_disagree, std::vector<uint8_t>& reply) override;
  void up() override;
  void down() override;
  void finished() override;
  bool ext_code(uint8_t code, uint8_t id, Reader data) override;

 private:
  void judge_auth(const Option& o, ConfigReply& reply);
  uint32_t new_magic();

  LcpConfig config_;
  LcpListener& listener_;
  const base::Clock& clock_;
  Random& random_;
  Fsm fsm_;
  LcpResult result_;
  // What we currently ask for.
  bool want_mru_ = true, want_accm_ = true, want_magic_ = true, want_pfc_ = true, want_acfc_ = true,
       want_fcs32_ = false;
  uint16_t want_mru_value_ = 1500;
  uint32_t want_accm_value_ = 0;
  int loops_ = 0;
  std::optional<TimePoint> echo_deadline_;
  int echo_outstanding_ = 0;
};

}  // namespace openras::ppp
