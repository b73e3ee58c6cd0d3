// auth.cpp: PAP, CHAP-MD5 and MS-CHAPv2, authenticated side (see auth.h).
#include "ppp/auth.h"

#include <algorithm>
#include <cctype>

#include "ppp/chap_crypto.h"

namespace openras::ppp {
namespace {

enum : uint8_t { kPapRequest = 1, kPapAck = 2, kPapNak = 3 };
enum : uint8_t { kChapChallenge = 1, kChapResponse = 2, kChapSuccess = 3, kChapFailure = 4 };
constexpr size_t kMsChapChallengeSize = 16;
constexpr size_t kMsChapResponseSize = 49;

std::string text_of(Bytes b) { return std::string(b.begin(), b.end()); }

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) ==
                  std::toupper(static_cast<unsigned char>(y));
         });
}

}  // namespace

Credentials::Credentials(Credentials&& o) noexcept
    : user(std::move(o.user)), password(std::move(o.password)) {
  o.wipe();
}

Credentials& Credentials::operator=(Credentials&& o) noexcept {
  if (this != &o) {
    wipe();
    user = std::move(o.user);
    password = std::move(o.password);
    o.wipe();
  }
  return *this;
}

Credentials Credentials::clone() const {
  Credentials c;
  c.user = user;  // copied into the new strings directly: no temporary holds the secret
  c.password = password;
  return c;
}

void Credentials::wipe() noexcept {
  ppp::wipe(user);
  ppp::wipe(password);
}

AuthClient::AuthClient(AuthListener& listener, PacketSink& sink, const base::Clock& clock,
                       Random& random, FsmConfig timing)
    : listener_(listener), sink_(sink), clock_(clock), random_(random), timing_(timing) {}

void AuthClient::send(uint16_t protocol, uint8_t code, uint8_t id, Bytes data) {
  std::vector<uint8_t> packet = make_control_packet(code, id, data);
  sink_.send_packet(protocol, packet);
  wipe(packet.data(), packet.size());  // PAP carries the password in clear
}

void AuthClient::start(AuthProtocol protocol, Credentials credentials) {
  protocol_ = protocol;
  credentials_ = std::move(credentials);
  transmits_ = 0;
  answered_id_.reset();
  last_response_.clear();
  give_up_ = clock_.now() + timing_.restart * timing_.max_configure;
  if (protocol == AuthProtocol::kPap) {
    if (credentials_.user.size() > 255 || credentials_.password.size() > 255) {
      failed(AuthFailure::kBadCredentials,
             "PAP user name or password longer than 255 bytes; shorten it");
      return;
    }
    send_pap_request();
  } else {
    deadline_ = give_up_;  // the peer speaks first: wait for its challenge
  }
}

void AuthClient::stop() {
  protocol_ = AuthProtocol::kNone;
  deadline_.reset();
  credentials_.wipe();
  wipe(last_response_.data(), last_response_.size());
  last_response_.clear();
  wipe(expected_authenticator_);
}

void AuthClient::send_pap_request() {
  std::vector<uint8_t> data;
  Writer w(data);
  w.u8(static_cast<uint8_t>(credentials_.user.size()));
  w.text(credentials_.user);
  w.u8(static_cast<uint8_t>(credentials_.password.size()));
  w.text(credentials_.password);
  send(kProtoPap, kPapRequest, ++id_, data);
  wipe(data.data(), data.size());
  ++transmits_;
  deadline_ = clock_.now() + timing_.restart;
}

void AuthClient::on_timer(TimePoint now) {
  if (!deadline_ || now < *deadline_) return;
  deadline_.reset();
  if (protocol_ == AuthProtocol::kPap && transmits_ < timing_.max_configure) {
    send_pap_request();
    return;
  }
  failed(AuthFailure::kTimeout,
         std::string(auth_protocol_name(protocol_)) + ": the peer gave no verdict in time");
}

void AuthClient::input(uint16_t protocol, Bytes packet) {
  if (!active()) return;
  Reader r(packet);
  uint8_t code = 0;
  uint8_t id = 0;
  uint16_t length = 0;
  Reader data;
  if (!r.u8(code) || !r.u8(id) || !r.u16(length) || length < 4 || !r.sub(length - 4U, data)) {
    return;  // malformed: silently discarded
  }
  if (protocol == kProtoPap && protocol_ == AuthProtocol::kPap) pap_input(code, id, data);
  if (protocol == kProtoChap && protocol_ != AuthProtocol::kPap) chap_input(code, id, data);
}

void AuthClient::pap_input(uint8_t code, uint8_t id, Reader data) {
  if (id != id_ || (code != kPapAck && code != kPapNak)) return;
  uint8_t msg_len = 0;
  Bytes msg;
  if (data.u8(msg_len) && !data.bytes(msg_len, msg)) msg = data.rest();  // a length that lies
  if (code == kPapAck) {
    succeed(text_of(msg));
  } else {
    failed(AuthFailure::kRejected, text_of(msg));
  }
}

void AuthClient::chap_input(uint8_t code, uint8_t id, Reader data) {
  switch (code) {
    case kChapChallenge:
      answer_challenge(id, data);
      break;
    case kChapSuccess: {
      if (!answered_id_ || *answered_id_ != id) return;
      std::string msg = text_of(data.rest());
      if (protocol_ == AuthProtocol::kMsChapV2) {
        std::string_view got = std::string_view(msg).substr(0, expected_authenticator_.size());
        if (!equal_ignoring_case(got, expected_authenticator_)) {
          failed(AuthFailure::kBadAuthenticator,
                 "MS-CHAPv2: the peer's authenticator response does not prove it knows the "
                 "password (got \"" +
                     msg + "\")");
          return;
        }
      }
      succeed(std::move(msg));
      break;
    }
    case kChapFailure:
      if (!answered_id_ || *answered_id_ != id) return;
      failed(AuthFailure::kRejected, text_of(data.rest()));
      break;
    default:
      break;
  }
}

void AuthClient::answer_challenge(uint8_t id, Reader data) {
  uint8_t size = 0;
  Bytes value;
  if (!data.u8(size) || size == 0 || !data.bytes(size, value)) return;
  if (answered_id_ && *answered_id_ == id && !last_response_.empty()) {
    send(kProtoChap, kChapResponse, id, last_response_);  // the peer repeated itself
    return;
  }
  if (credentials_.user.size() > 255 - kMsChapResponseSize) return;
  std::vector<uint8_t> response;
  Writer w(response);
  if (protocol_ == AuthProtocol::kChapMd5) {
    Md5Digest digest = chap_md5_response(id, credentials_.password, value);
    w.u8(static_cast<uint8_t>(digest.size()));
    w.bytes(digest);
    wipe(digest.data(), digest.size());
  } else {
    if (size != kMsChapChallengeSize) return;
    std::array<uint8_t, 16> peer_challenge;
    random_.fill(peer_challenge);
    auto nt = mschap_nt_response(value, peer_challenge, credentials_.user, credentials_.password);
    if (!nt) {
      failed(AuthFailure::kBadCredentials, nt.error().message);
      return;
    }
    auto authenticator = mschap_authenticator_response(credentials_.password, *nt, peer_challenge,
                                                       value, credentials_.user);
    if (!authenticator) {
      failed(AuthFailure::kBadCredentials, authenticator.error().message);
      return;
    }
    expected_authenticator_ = std::move(*authenticator);
    w.u8(kMsChapResponseSize);
    w.bytes(peer_challenge);
    for (int i = 0; i < 8; ++i) w.u8(0);  // reserved
    w.bytes(*nt);
    w.u8(0);  // flags
  }
  w.text(credentials_.user);
  send(kProtoChap, kChapResponse, id, response);
  answered_id_ = id;
  last_response_ = std::move(response);
  deadline_ = give_up_;
}

void AuthClient::succeed(std::string message) {
  AuthProtocol p = protocol_;
  stop();
  listener_.auth_succeeded(p, std::move(message));
}

void AuthClient::failed(AuthFailure why, std::string message) {
  AuthProtocol p = protocol_;
  stop();
  listener_.auth_failed(p, why, std::move(message));
}

}  // namespace openras::ppp
