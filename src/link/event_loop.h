// event_loop.h: the link process's one loop (epoll + a timerfd): the control socket, the
// line descriptor and, with PPP, the TUN descriptor, plus one timer per owner. Time comes
// from an injectable clock (base/clock.h); a deadline is programmed into the timerfd as
// CLOCK_MONOTONIC, which is what SystemClock reads. The drivers' automata never see the
// loop: they ask for a deadline and are called back, so tests drive them on a FakeClock.
// Thread: the one that calls run(); callbacks run there, one at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>

#include "base/clock.h"
#include "base/result.h"
#include "base/unique_fd.h"

namespace openras::link {

class EventLoop {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  // `revents`: EPOLLIN, EPOLLOUT, EPOLLHUP, EPOLLERR as epoll reports them.
  using IoHandler = std::function<void(uint32_t revents)>;

  // Makes the epoll and timerfd descriptors (before the seccomp filter goes on: it keeps
  // epoll_ctl, epoll_wait and timerfd_settime, not their creation).
  [[nodiscard]] static Result<EventLoop> create(const base::Clock& clock);
  EventLoop(EventLoop&&) = default;
  EventLoop& operator=(EventLoop&&) = default;

  [[nodiscard]] const base::Clock& clock() const { return *clock_; }
  [[nodiscard]] Status watch(int fd, uint32_t events, IoHandler handler);
  void unwatch(int fd);
  // One timer per `id`; setting it again moves it. A time in the past fires at once.
  void set_timer(int id, TimePoint when, std::function<void()> handler);
  void cancel_timer(int id);
  // Ends run() after the current callback, with `status`.
  void quit(int status);
  // Runs after each round of callbacks, before the loop waits again, and once more as
  // run() ends (the link sends the reports a round made in one system call).
  void set_idle(std::function<void()> idle) { idle_ = std::move(idle); }
  // Runs until quit(); -1 after a failed epoll_wait (reported on stderr).
  [[nodiscard]] int run();

 private:
  EventLoop(const base::Clock& clock, UniqueFd epoll, UniqueFd timer)
      : clock_(&clock), epoll_(std::move(epoll)), timer_(std::move(timer)) {}
  void program_timer();
  void fire_due_timers();

  struct Timer {
    TimePoint when;
    std::function<void()> handler;
  };
  const base::Clock* clock_;
  UniqueFd epoll_;
  UniqueFd timer_;
  std::map<int, IoHandler> io_;
  std::map<int, Timer> timers_;
  std::optional<int> quit_;
  std::function<void()> idle_;
};

}  // namespace openras::link
