// event_loop.cpp: see event_loop.h.
#include "link/event_loop.h"

#include <sys/epoll.h>
#include <sys/timerfd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace openras::link {

namespace {
constexpr int kTimerKey = -1;  // the timerfd's epoll key; descriptors are >= 0
}

Result<EventLoop> EventLoop::create(const base::Clock& clock) {
  UniqueFd epoll(::epoll_create1(EPOLL_CLOEXEC));
  if (!epoll) return fail_errno(errno, "epoll_create1");
  UniqueFd timer(::timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK));
  if (!timer) return fail_errno(errno, "timerfd_create");
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = kTimerKey;
  if (::epoll_ctl(epoll.get(), EPOLL_CTL_ADD, timer.get(), &ev) < 0) {
    return fail_errno(errno, "watching the timerfd");
  }
  return EventLoop(clock, std::move(epoll), std::move(timer));
}

Status EventLoop::watch(int fd, uint32_t events, IoHandler handler) {
  epoll_event ev{};
  ev.events = events;
  ev.data.fd = fd;
  int op = io_.count(fd) != 0 ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
  if (::epoll_ctl(epoll_.get(), op, fd, &ev) < 0) {
    return fail_errno(errno, "watching descriptor " + std::to_string(fd));
  }
  io_[fd] = std::move(handler);
  return {};
}

void EventLoop::unwatch(int fd) {
  if (io_.erase(fd) == 0) return;
  (void)::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr);
}

void EventLoop::set_timer(int id, TimePoint when, std::function<void()> handler) {
  timers_[id] = Timer{when, std::move(handler)};
  program_timer();
}

void EventLoop::cancel_timer(int id) {
  if (timers_.erase(id) != 0) program_timer();
}

void EventLoop::quit(int status) {
  if (!quit_) quit_ = status;
}

// The timerfd holds the earliest deadline, as an absolute CLOCK_MONOTONIC time; with no
// timer it is disarmed. A deadline at or before now arms it for the next nanosecond, so
// it fires through the same path.
void EventLoop::program_timer() {
  itimerspec spec{};
  if (!timers_.empty()) {
    TimePoint earliest = timers_.begin()->second.when;
    for (const auto& [id, t] : timers_) earliest = std::min(earliest, t.when);
    auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                  std::max(earliest, clock_->now()).time_since_epoch())
                  .count();
    if (ns <= 0) ns = 1;
    spec.it_value.tv_sec = static_cast<time_t>(ns / 1000000000);
    spec.it_value.tv_nsec = static_cast<long>(ns % 1000000000);
  }
  (void)::timerfd_settime(timer_.get(), TFD_TIMER_ABSTIME, &spec, nullptr);
}

void EventLoop::fire_due_timers() {
  uint64_t expirations = 0;
  (void)!::read(timer_.get(), &expirations, sizeof expirations);
  // Handlers may set or cancel timers: take one due timer at a time.
  for (;;) {
    auto now = clock_->now();
    auto due = timers_.end();
    for (auto it = timers_.begin(); it != timers_.end(); ++it) {
      if (it->second.when <= now && (due == timers_.end() || it->second.when < due->second.when)) {
        due = it;
      }
    }
    if (due == timers_.end() || quit_) break;
    auto handler = std::move(due->second.handler);
    timers_.erase(due);
    handler();
  }
  program_timer();
}

int EventLoop::run() {
  while (!quit_) {
    if (idle_) idle_();
    if (quit_) break;
    epoll_event events[8];
    int n = ::epoll_wait(epoll_.get(), events, 8, -1);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::fprintf(stderr, "openras-link: epoll_wait: %s\n", std::strerror(errno));
      return -1;
    }
    for (int i = 0; i < n && !quit_; ++i) {
      int key = events[i].data.fd;
      if (key == kTimerKey) {
        fire_due_timers();
        continue;
      }
      auto it = io_.find(key);
      if (it == io_.end()) continue;   // unwatched by an earlier callback
      IoHandler handler = it->second;  // a copy: the callback may unwatch itself
      handler(events[i].events);
    }
  }
  if (idle_) idle_();
  return *quit_;
}

}  // namespace openras::link
