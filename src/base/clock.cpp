// clock.cpp: the out-of-line parts of clock.h.
#include "base/clock.h"

namespace openras::base {

Clock::~Clock() = default;

std::chrono::steady_clock::time_point SystemClock::now() const {
  return std::chrono::steady_clock::now();
}

}  // namespace openras::base
