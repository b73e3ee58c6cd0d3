// auth.h: the authenticated side of PAP (RFC 1334), CHAP-MD5 (RFC 1994) and MS-CHAPv2
// (RFC 2759), for a client dialing in.
//
// The session starts it with the protocol LCP agreed and the credentials; it answers the
// peer's challenges, retransmits PAP requests on the restart timer, checks MS-CHAPv2's
// authenticator response (a peer that cannot prove it knows the password fails), and
// reports success or a typed failure carrying the peer's own message. Credentials are
// wiped as soon as the outcome is known. Re-challenges after success are not answered
// (the secret is gone by then); no RAS server we know of sends them.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "ppp/fsm.h"
#include "ppp/lcp.h"
#include "ppp/random.h"

namespace openras::ppp {

// The secret, owned here and overwritten when destroyed or wiped.
struct Credentials {
  std::string user;
  std::string password;
  Credentials() = default;
  Credentials(std::string u, std::string p) : user(std::move(u)), password(std::move(p)) {}
  Credentials(const Credentials&) = delete;
  Credentials& operator=(const Credentials&) = delete;
  Credentials(Credentials&& o) noexcept;
  Credentials& operator=(Credentials&& o) noexcept;
  ~Credentials() { wipe(); }
  void wipe() noexcept;
  // A second copy of the secret, for an owner that wipes it on its own schedule.
  [[nodiscard]] Credentials clone() const;
};

enum class AuthFailure : uint8_t {
  kRejected,          // the peer said no (PAP Nak, CHAP Failure): bad credentials
  kTimeout,           // no challenge or no verdict in time
  kBadAuthenticator,  // MS-CHAPv2 Success whose authenticator response does not check
  kBadCredentials,    // ours cannot be sent (too long for PAP, password not UTF-8)
};

class AuthListener {
 public:
  virtual ~AuthListener() = default;
  virtual void auth_succeeded(AuthProtocol protocol, std::string message) = 0;
  virtual void auth_failed(AuthProtocol protocol, AuthFailure why, std::string message) = 0;
};

class AuthClient {
 public:
  AuthClient(AuthListener& listener, PacketSink& sink, const base::Clock& clock, Random& random,
             FsmConfig timing = {});

  void start(AuthProtocol protocol, Credentials credentials);
  void stop();  // the link went down: forget everything
  // A PAP or CHAP packet (code, id, length, data) from the peer.
  void input(uint16_t protocol, Bytes packet);
  [[nodiscard]] std::optional<TimePoint> deadline() const { return deadline_; }
  void on_timer(TimePoint now);
  [[nodiscard]] bool active() const { return protocol_ != AuthProtocol::kNone; }
  // Whether the secret is still held (it is wiped once the outcome is known).
  [[nodiscard]] bool holds_credentials() const {
    return !credentials_.user.empty() || !credentials_.password.empty();
  }

 private:
  void send_pap_request();
  void chap_input(uint8_t code, uint8_t id, Reader data);
  void pap_input(uint8_t code, uint8_t id, Reader data);
  void answer_challenge(uint8_t id, Reader data);
  void succeed(std::string message);
  void failed(AuthFailure why, std::string message);
  void send(uint16_t protocol, uint8_t code, uint8_t id, Bytes data);

  AuthListener& listener_;
  PacketSink& sink_;
  const base::Clock& clock_;
  Random& random_;
  FsmConfig timing_;
  AuthProtocol protocol_ = AuthProtocol::kNone;
  Credentials credentials_;
  std::optional<TimePoint> deadline_;
  TimePoint give_up_{};
  int transmits_ = 0;
  uint8_t id_ = 0;
  // The last CHAP response, resent unchanged when the peer repeats its challenge.
  std::optional<uint8_t> answered_id_;
  std::vector<uint8_t> last_response_;
  std::string expected_authenticator_;  // MS-CHAPv2 "S=..."
};

}  // namespace openras::ppp
