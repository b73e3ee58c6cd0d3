// test_support.h: helpers shared by the ppp unit tests (not part of the library).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ppp/fsm.h"
#include "ppp/random.h"
#include "ppp/reader.h"

namespace openras::ppp::test {

// "ff 03 c0 21" (spaces optional) to bytes.
inline std::vector<uint8_t> hex(std::string_view text) {
  std::vector<uint8_t> out;
  int nibble = -1;
  for (char c : text) {
    int v = -1;
    if (c >= '0' && c <= '9') v = c - '0';
    if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    if (v < 0) continue;
    if (nibble < 0) {
      nibble = v;
    } else {
      out.push_back(static_cast<uint8_t>(nibble << 4 | v));
      nibble = -1;
    }
  }
  return out;
}

inline std::vector<uint8_t> bytes_of(std::string_view s) { return {s.begin(), s.end()}; }

inline std::vector<uint8_t> concat(std::vector<uint8_t> a, const std::vector<uint8_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// A frame as the transcripts print it (unescaped, FCS included) put on the wire the
// simplest way RFC 1662 allows: flag, every byte below 0x20 and 7D/7E escaped, flag.
// Written independently of FrameEncoder so the decoder is not tested against itself.
inline std::vector<uint8_t> wire(const std::vector<uint8_t>& raw) {
  std::vector<uint8_t> out{0x7E};
  for (uint8_t c : raw) {
    if (c < 0x20 || c == 0x7D || c == 0x7E) {
      out.push_back(0x7D);
      out.push_back(c ^ 0x20);
    } else {
      out.push_back(c);
    }
  }
  out.push_back(0x7E);
  return out;
}

// Hands out queued values first (as big-endian bytes), then a counter.
class ScriptedRandom final : public Random {
 public:
  std::deque<uint8_t> queued;
  uint8_t counter = 0x40;
  void queue_u32(uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) queued.push_back(static_cast<uint8_t>(v >> s));
  }
  void queue(const std::vector<uint8_t>& b) { queued.insert(queued.end(), b.begin(), b.end()); }
  void fill(std::span<uint8_t> out) override {
    for (uint8_t& b : out) {
      if (!queued.empty()) {
        b = queued.front();
        queued.pop_front();
      } else {
        b = ++counter;
      }
    }
  }
};

struct SentPacket {
  uint16_t protocol;
  std::vector<uint8_t> packet;
};

class CaptureSink final : public PacketSink {
 public:
  std::vector<SentPacket> sent;
  void send_packet(uint16_t protocol, Bytes packet) override {
    sent.push_back({protocol, {packet.begin(), packet.end()}});
  }
  std::vector<SentPacket> take() { return std::exchange(sent, {}); }
};

// A control packet: code, id, length, data.
inline std::vector<uint8_t> packet(uint8_t code, uint8_t id, const std::vector<uint8_t>& data) {
  std::vector<uint8_t> out{code, id, static_cast<uint8_t>((4 + data.size()) >> 8),
                           static_cast<uint8_t>(4 + data.size())};
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

}  // namespace openras::ppp::test
