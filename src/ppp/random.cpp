// random.cpp: see random.h.
#include "ppp/random.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdlib>

namespace openras::ppp {

uint32_t Random::u32() {
  uint8_t b[4];
  fill(b);
  return static_cast<uint32_t>(b[0]) << 24 | static_cast<uint32_t>(b[1]) << 16 |
         static_cast<uint32_t>(b[2]) << 8 | b[3];
}

void SystemRandom::fill(std::span<uint8_t> out) {
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = getrandom(out.data() + done, out.size() - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::abort();  // without randomness, magic numbers and challenges are not safe
    }
    done += static_cast<size_t>(n);
  }
}

}  // namespace openras::ppp
