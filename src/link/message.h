// message.h: what a link process and rasmand say to each other over their socketpair
// (docs/protocol.md, "Link messages"). rasmand sends one message per SOCK_SEQPACKET
// packet; a link packs the reports of one turn of its loop into a packet, back to back
// (parse_link_packet), as many as fit in kMaxMessageSize. Each message:
//
//   u8 version (kLinkProtocolVersion) | u8 type | u16 payload length | payload
//   payload: fields, each u16 tag | u16 length | value, each tag at most once
//
// Tagged like the zygote's requests, so a later layer (PPP: addresses, DNS, MRU, the peer's
// reason) adds a field without a new version: a receiver skips tags it does not know, and
// requires those it does, each with its exact size. Native byte order: both ends run on
// the same host. The parsers refuse anything malformed (wrong version, unknown type, a
// length that does not match, a field missing, repeated or of the wrong size, a string
// with a NUL, a boolean that is not 0 or 1). rasmand never trusts a link beyond the
// format: it also checks states are RASCS_* values and counters bounded
// (server_stats.cpp). Thread: any.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/connection_values.h"
#include "base/result.h"

namespace openras::link {

inline constexpr uint8_t kLinkProtocolVersion = 3;
inline constexpr std::size_t kHeaderSize = 4;
inline constexpr std::size_t kFieldHeaderSize = 4;        // u16 tag, u16 length
inline constexpr std::size_t kMaxCredentialBytes = 1024;  // each of user, password, domain
// The largest packet either side sends (Start with three full strings); a receiver
// reads into a buffer one byte larger, so a longer packet shows as truncated.
inline constexpr std::size_t kMaxMessageSize =
    kHeaderSize + 3 * (kFieldHeaderSize + kMaxCredentialBytes);

enum class MessageType : uint8_t {
  // link → rasmand
  kState = 1,
  kStatistics = 2,
  kProjection = 3,
  // rasmand → link
  kStart = 16,
  kStatisticsRequest = 17,
  kResume = 18,
};

// The link reached `state` (RASCS_*), with `error` (a RAS/Win32 code, 0 for none).
// Fields: 1 state, 2 error (u32 each); 3 speed (u32, optional: sent when not 0), the line's
// speed in bps once the device knows it (a modem's CONNECT); 4 reason (optional, with an
// error: why, naming the port and the step, at most kMaxReasonBytes, no NUL), which the
// caller is told beside the code (docs/protocol.md "Why a dial failed"); 5 number
// (optional, with the state in which the far end answered: the number that answered,
// exactly as the link dialled it — the first number or one of the alternates rasmand gave
// it — at most kMaxNumberBytes of UTF-8 without control characters), which rasmand
// records as the connection's number (RASCONNSTATUS.szPhoneNumber) and from which the
// dialling library learns that an alternate answered (RASEO_PromoteAlternates). A field
// added without a new version: a reader that predates it skips it.
inline constexpr std::size_t kMaxReasonBytes = 512;
inline constexpr std::size_t kMaxNumberBytes = 1024;  // = zygote_message.h's kMaxPhoneNumber
struct StateMessage {
  StateMessage() = default;
  StateMessage(uint32_t s, uint32_t e, uint32_t bps = 0) : state(s), error(e), speed(bps) {}
  uint32_t state = 0;
  uint32_t error = 0;
  uint32_t speed = 0;
  std::string reason;
  std::string number;  // empty: not said (not sent)
  bool operator==(const StateMessage&) const = default;
};

// What the link's device drivers count (base/connection_values.h: the one type for the
// link, rasmand and libopenras).
using LinkCounters = ConnectionCounters;
// Fields 1-4 the u64 counters, 5-12 the u32 ones, in the order above.
inline constexpr std::size_t kStatisticsPayloadSize =
    4 * (kFieldHeaderSize + 8) + 8 * (kFieldHeaderSize + 4);

// The PPP projection (base/connection_values.h), with the DNS servers and MTU rasmand
// needs for the interface.
using Projection = PppProjection;
// Fields 1-26 in the order above: error, address, server address (4 bytes each but the
// error), options ×2, IPv6 error; two interface ids (8 bytes); two booleans (u32 0 or 1);
// thirteen u32 from auth_protocol to ccp_server_options; two DNS servers (4 bytes each);
// the MTU (u32).
inline constexpr std::size_t kProjectionPayloadSize =
    26 * kFieldHeaderSize + 6 * 4 + 2 * 8 + 2 * 4 + 13 * 4 + 2 * 4 + 4;

// rasmand's first message to every link, before it dials: the credentials of the dial
// (all three empty: none given). Fields 1 user, 2 password, 3 domain. The destructor
// wipes them; so does wipe().
struct StartMessage {
  std::string user;
  std::string password;
  std::string domain;
  StartMessage() = default;
  // Copies straight into the members: no intermediate string is left holding a secret.
  StartMessage(std::string_view u, std::string_view p, std::string_view d)
      : user(u), password(p), domain(d) {}
  StartMessage(const StartMessage&) = default;
  StartMessage& operator=(const StartMessage&) = default;
  ~StartMessage();
  [[nodiscard]] bool empty() const { return user.empty() && password.empty() && domain.empty(); }
};

// rasmand asks for the link's counters; the link answers with a Statistics message.
struct StatisticsRequest {};

// The caller resumes a dial paused in RASCS_Interactive (RasDial with the paused handle):
// the terminal is over and the link goes on (PPP). No fields.
struct ResumeMessage {};

using LinkMessage = std::variant<StateMessage, LinkCounters, Projection>;  // link → rasmand
using ControlMessage = std::variant<StartMessage, StatisticsRequest, ResumeMessage>;  // → link

// One message's bytes → the message; kInvalidData saying what is wrong otherwise.
[[nodiscard]] Result<LinkMessage> parse_link_message(std::span<const uint8_t> packet);
// A packet from a link → its messages, in order (at least one): each message's header gives
// where the next begins. The whole packet is refused (kInvalidData) if any of it is.
[[nodiscard]] Result<std::vector<LinkMessage>> parse_link_packet(std::span<const uint8_t> packet);
[[nodiscard]] Result<ControlMessage> parse_control_message(std::span<const uint8_t> packet);
// The bytes of one message. A Start whose strings exceed kMaxCredentialBytes or contain
// a NUL cannot be encoded: the caller validates them first (kInvalidArgument otherwise).
[[nodiscard]] std::vector<uint8_t> encode_link_message(const LinkMessage& message);
[[nodiscard]] Result<std::vector<uint8_t>> encode_control_message(const ControlMessage& message);

// Overwrites a secret's bytes (all of its capacity) before it is freed.
void wipe(std::string& secret) noexcept;
void wipe(std::vector<uint8_t>& secret) noexcept;

}  // namespace openras::link
