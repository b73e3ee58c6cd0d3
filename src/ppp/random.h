// random.h: where PPP gets unpredictable bytes (Magic-Numbers, MS-CHAPv2 peer challenges,
// IPV6CP interface identifiers), injected so tests are deterministic.
#pragma once

#include <cstdint>
#include <span>

namespace openras::ppp {

class Random {
 public:
  virtual ~Random() = default;
  virtual void fill(std::span<uint8_t> out) = 0;
  uint32_t u32();
};

// getrandom(2): the kernel's CSPRNG.
class SystemRandom final : public Random {
 public:
  void fill(std::span<uint8_t> out) override;
};

}  // namespace openras::ppp
