// clock.h: the time state machines read (STYLE.md: time comes from an injectable clock), so
// the AT dialogue and the PPP automata run in tests in microseconds, with no sleeps.
// SystemClock is std::chrono::steady_clock (CLOCK_MONOTONIC on Linux, so its time points
// also program a timerfd); FakeClock stands still until a test advances it.
// Thread: a clock is read on its owner's thread; FakeClock is not synchronised.
#pragma once

#include <chrono>

namespace openras::base {

class Clock {
 public:
  virtual ~Clock();
  virtual std::chrono::steady_clock::time_point now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::chrono::steady_clock::time_point now() const override {
    return std::chrono::steady_clock::now();
  }
};

class FakeClock final : public Clock {
 public:
  // Starts at an arbitrary, fixed point, so tests never depend on the real time.
  FakeClock() : now_(std::chrono::hours(1000)) {}
  std::chrono::steady_clock::time_point now() const override { return now_; }
  void advance(std::chrono::steady_clock::duration by) { now_ += by; }

 private:
  std::chrono::steady_clock::time_point now_;
};

}  // namespace openras::base
