// message.h: what a link process tells rasmand over its socketpair (docs/protocol.md,
// "Link processes"): one fixed 8-byte message per SOCK_SEQPACKET packet — the RASCS_*
// state reached and a RAS error code (0: none). rasmand never trusts it beyond that:
// parse_link_message() checks the size, rasmand checks the state is a RASCS_* value.
// Native byte order: both ends run on the same host. Thread: any.
#pragma once

#include <cstdint>
#include <span>

#include "base/result.h"

namespace openras::link {

struct LinkMessage {
  uint32_t state = 0;  // RASCS_*
  uint32_t error = 0;  // a RAS/Win32 error code, 0 for none
};

inline constexpr std::size_t kLinkMessageSize = 8;

// One received packet → a message; kInvalidData for any other size.
[[nodiscard]] Result<LinkMessage> parse_link_message(std::span<const uint8_t> packet);
// The bytes of one message.
void encode_link_message(const LinkMessage& message, uint8_t (&out)[kLinkMessageSize]);

}  // namespace openras::link
