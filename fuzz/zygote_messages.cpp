// zygote_messages.cpp (fuzz): both directions of the link zygote's control socket
// (src/link/zygote_message.h) — the spawn requests the zygote parses and the answers and
// exit reports rasmand parses — never crash their parser; what is accepted re-encodes
// to what parses the same (answers: to the very same bytes).
// Input: one selector byte (bit 0: 0 a request, 1 a zygote message; bits 1–2: how many
// descriptors "arrived" with it), then the packet.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>

#include "link/zygote_message.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool event = (data[0] & 1) != 0;
  const std::size_t descriptors = (data[0] >> 1) & 3;
  std::span<const uint8_t> packet(data + 1, size - 1);
  using namespace openras::link;
  if (!event) {
    (void)peek_request_id(packet);
    auto request = parse_spawn_request(packet, descriptors);
    if (!request) return 0;
    if (request->id == 0 || request->device_type.empty() ||
        request->device_type.size() > kMaxDeviceType ||
        request->phone_number.size() > kMaxPhoneNumber || descriptors != request->descriptors() ||
        peek_request_id(packet) != request->id) {
      std::abort();
    }
    auto bytes = encode_spawn_request(*request);
    if (!bytes) std::abort();
    auto again = parse_spawn_request(*bytes, descriptors);
    if (!again || again->id != request->id || again->device_type != request->device_type ||
        again->phone_number != request->phone_number || again->line != request->line ||
        !(again->device == request->device)) {
      std::abort();
    }
    return 0;
  }
  auto parsed = parse_zygote_event(packet, descriptors);
  if (!parsed) return 0;
  auto bytes = encode_zygote_event(*parsed);
  if (bytes.size() != packet.size() ||
      std::memcmp(bytes.data(), packet.data(), bytes.size()) != 0) {
    std::abort();
  }
  return 0;
}
