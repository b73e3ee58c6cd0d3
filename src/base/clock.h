// clock.h: an injectable monotonic clock, so timed state machines (AT dialogue, PPP
// timers, the modem simulator's guard times) are tested in microseconds with no sleeps.
#pragma once

#include <chrono>

namespace openras::base {

class Clock {
 public:
  virtual ~Clock();
  virtual std::chrono::steady_clock::time_point now() const = 0;
};

// The real monotonic clock.
class SystemClock final : public Clock {
 public:
  std::chrono::steady_clock::time_point now() const override;
};

// A clock that moves only when a test advances it.
class FakeClock final : public Clock {
 public:
  std::chrono::steady_clock::time_point now() const override { return now_; }
  void advance(std::chrono::steady_clock::duration by) { now_ += by; }

 private:
  std::chrono::steady_clock::time_point now_{std::chrono::hours(1)};
};

}  // namespace openras::base
