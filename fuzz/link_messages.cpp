// link_messages.cpp (fuzz): what rasmand reads from a link process's socket — one packet
// at a time — never crashes the parser, and what it accepts round-trips exactly.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "link/message.h"
#include "rasman/connection_table.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto message = openras::link::parse_link_message({data, size});
  if (message.has_value() != (size == openras::link::kLinkMessageSize)) std::abort();
  if (message) {
    (void)openras::rasman::ConnectionTable::valid_state(message->state);
    uint8_t back[openras::link::kLinkMessageSize];
    openras::link::encode_link_message(*message, back);
    if (std::memcmp(back, data, size) != 0) std::abort();
  }
  return 0;
}
