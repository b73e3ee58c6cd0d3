// ppp_fuzz.h: what the ppp_* fuzz targets share: a deterministic Random and sinks that
// swallow output (the parsers are what is under test, not what they send).
#pragma once

#include <cstdint>
#include <span>

#include "ppp/fsm.h"
#include "ppp/random.h"

namespace openras::ppp::fuzz {

class CountingRandom final : public Random {
 public:
  void fill(std::span<uint8_t> out) override {
    for (uint8_t& b : out) b = ++next_;
  }

 private:
  uint8_t next_ = 0x30;
};

class NullSink final : public PacketSink {
 public:
  size_t packets = 0;
  void send_packet(uint16_t, Bytes) override { ++packets; }
};

}  // namespace openras::ppp::fuzz
