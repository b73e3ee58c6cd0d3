// logon_control.h: the messages a logon host sends rasmand on its control socket
// (logon_host.h, src/logon/host.h), one per SOCK_SEQPACKET packet, parsed strictly: the
// dialer runs in that process and may write the socket itself, so nothing is taken on
// trust. Numbers are plain decimal (no sign, no spaces, in range); TEXT is every byte
// after the single space that follows the last number.
//   "dialed RC HANDLE"   RC < 2^32, HANDLE < 2^64
//   "violation TEXT"     "log TEXT"
//   "ask ID STYLE TEXT"  ID < 2^32, STYLE 1..4 (PAM's msg_style)
// Thread-safe (pure).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace openras::rasman {

struct HostMessage {
  enum class Kind { kMalformed, kDialed, kViolation, kLog, kAsk };
  Kind kind = Kind::kMalformed;
  uint32_t result = 0;    // dialed
  uint64_t handle = 0;    // dialed
  uint32_t question = 0;  // ask
  uint32_t style = 0;     // ask
  std::string text;       // violation, log, ask
};

[[nodiscard]] HostMessage parse_host_message(std::string_view message);

}  // namespace openras::rasman
