// clock.h: the time source of state machines, injected so that their tests run instantly
// and deterministically (a FakeClock) while programs use the steady clock.
#pragma once

#include <chrono>

namespace openras::base {

class Clock {
 public:
  virtual ~Clock();
  virtual std::chrono::steady_clock::time_point now() const = 0;
};
inline Clock::~Clock() = default;

class SystemClock final : public Clock {
 public:
  std::chrono::steady_clock::time_point now() const override {
    return std::chrono::steady_clock::now();
  }
};

// Starts at an arbitrary fixed point; moves only when a test calls advance().
class FakeClock final : public Clock {
 public:
  std::chrono::steady_clock::time_point now() const override { return now_; }
  void advance(std::chrono::steady_clock::duration by) { now_ += by; }

 private:
  std::chrono::steady_clock::time_point now_{std::chrono::hours(1)};
};

}  // namespace openras::base
