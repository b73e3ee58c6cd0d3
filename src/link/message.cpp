// message.cpp: see message.h.
#include "link/message.h"

#include <cstring>
#include <string>

namespace openras::link {

Result<LinkMessage> parse_link_message(std::span<const uint8_t> packet) {
  if (packet.size() != kLinkMessageSize) {
    return fail(Errc::kInvalidData, "link message of " + std::to_string(packet.size()) +
                                        " bytes; expected " + std::to_string(kLinkMessageSize));
  }
  LinkMessage message;
  std::memcpy(&message.state, packet.data(), 4);
  std::memcpy(&message.error, packet.data() + 4, 4);
  return message;
}

void encode_link_message(const LinkMessage& message, uint8_t (&out)[kLinkMessageSize]) {
  std::memcpy(out, &message.state, 4);
  std::memcpy(out + 4, &message.error, 4);
}

}  // namespace openras::link
