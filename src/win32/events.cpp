// events.cpp: Win32 events on eventfd (see events.h).
#include "win32/events.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace openras::win32 {

namespace {

std::mutex g_handles_mutex;
std::unordered_map<HANDLE, std::shared_ptr<Event>>& handles() {
  static auto* table = new std::unordered_map<HANDLE, std::shared_ptr<Event>>;  // never freed:
  return *table;  // a thread may still close a handle while the process exits
}

// Every take of a signal happens under this lock (see events.h).
std::mutex g_take_mutex;

// Reads the counter to zero; false if it was already zero.
bool drain(int fd) {
  uint64_t value = 0;
  for (;;) {
    ssize_t n = ::read(fd, &value, sizeof value);
    if (n == static_cast<ssize_t>(sizeof value)) return true;
    if (n < 0 && errno == EINTR) continue;
    return false;  // EAGAIN: not signalled
  }
}

bool readable_now(int fd) {
  struct pollfd p {
    fd, POLLIN, 0
  };
  return ::poll(&p, 1, 0) == 1 && (p.revents & POLLIN) != 0;
}

uint64_t now_ms() {
  struct timespec ts {};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000 + static_cast<uint64_t>(ts.tv_nsec) / 1'000'000;
}

// Milliseconds left before `deadline` as poll() wants them (-1: forever).
int poll_timeout(bool forever, uint64_t deadline) {
  if (forever) return -1;
  uint64_t now = now_ms();
  if (now >= deadline) return 0;
  uint64_t left = deadline - now;
  return left > INT_MAX ? INT_MAX : static_cast<int>(left);
}

// Polls `fds`; false on timeout. EINTR retries within the same deadline.
Result<bool> poll_for(std::vector<struct pollfd>& fds, bool forever, uint64_t deadline) {
  for (;;) {
    for (auto& p : fds) p.revents = 0;
    int n = ::poll(fds.data(), fds.size(), poll_timeout(forever, deadline));
    if (n > 0) return true;
    if (n == 0) return false;
    if (errno != EINTR) return fail_errno(errno, "waiting for an event");
  }
}

Result<uint32_t> wait_any(std::span<const std::shared_ptr<Event>> events, bool forever,
                          uint64_t deadline) {
  std::vector<struct pollfd> fds;
  for (const auto& e : events) fds.push_back({e->fd(), POLLIN, 0});
  for (;;) {
    auto ready = poll_for(fds, forever, deadline);
    if (!ready) return fail(ready.error());
    if (!*ready) return kWaitTimeout;
    for (std::size_t i = 0; i < events.size(); ++i) {
      if ((fds[i].revents & POLLIN) == 0) continue;
      // Another waiter may have taken an auto-reset signal since poll() saw it.
      if (events[i]->signalled_take()) return static_cast<uint32_t>(i);
    }
  }
}

Result<uint32_t> wait_all(std::span<const std::shared_ptr<Event>> events, bool forever,
                          uint64_t deadline) {
  for (;;) {
    // Wait until each has been seen signalled, polling only those not yet seen.
    std::vector<bool> seen(events.size(), false);
    std::size_t missing = events.size();
    while (missing > 0) {
      std::vector<struct pollfd> fds;
      std::vector<std::size_t> index;
      for (std::size_t i = 0; i < events.size(); ++i) {
        if (seen[i]) continue;
        fds.push_back({events[i]->fd(), POLLIN, 0});
        index.push_back(i);
      }
      auto ready = poll_for(fds, forever, deadline);
      if (!ready) return fail(ready.error());
      if (!*ready) return kWaitTimeout;
      for (std::size_t k = 0; k < fds.size(); ++k) {
        if (fds[k].revents & POLLIN) {
          seen[index[k]] = true;
          --missing;
        }
      }
    }
    // All were signalled at some point: check and take them together.
    std::lock_guard lock(g_take_mutex);
    bool all = true;
    for (const auto& e : events) all = all && readable_now(e->fd());
    if (!all) continue;  // one was taken meanwhile: wait again
    for (const auto& e : events) {
      if (!e->manual_reset()) (void)drain(e->fd());
    }
    return 0u;
  }
}

}  // namespace

Status Event::set() {
  uint64_t one = 1;
  for (;;) {
    ssize_t n = ::write(fd_.get(), &one, sizeof one);
    if (n == static_cast<ssize_t>(sizeof one)) return {};
    if (n < 0 && errno == EINTR) continue;
    // EAGAIN: the counter is at its maximum, which is signalled all the same.
    if (n < 0 && errno == EAGAIN) return {};
    return fail_errno(errno, "signalling an event");
  }
}

Status Event::reset() {
  std::lock_guard lock(g_take_mutex);
  (void)drain(fd_.get());
  return {};
}

bool Event::signalled_take() {
  if (manual_reset_) return readable_now(fd_.get());
  std::lock_guard lock(g_take_mutex);
  return drain(fd_.get());
}

Result<HANDLE> create_event(bool manual_reset, bool initially_set) {
  UniqueFd fd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  if (!fd) return fail_errno(errno, "creating an event (eventfd)");
  auto event = std::make_shared<Event>(std::move(fd), manual_reset);
  if (initially_set) {
    if (auto ok = event->set(); !ok) return fail(ok.error());
  }
  auto handle = static_cast<HANDLE>(event.get());
  std::lock_guard lock(g_handles_mutex);
  handles().emplace(handle, std::move(event));
  return handle;
}

Result<std::shared_ptr<Event>> find_event(HANDLE handle) {
  std::lock_guard lock(g_handles_mutex);
  auto it = handles().find(handle);
  if (it == handles().end()) {
    return fail(Errc::kInvalidHandle, "not an open event handle");
  }
  return it->second;
}

Status close_handle(HANDLE handle) {
  std::shared_ptr<Event> event;
  {
    std::lock_guard lock(g_handles_mutex);
    auto it = handles().find(handle);
    if (it == handles().end()) return fail(Errc::kInvalidHandle, "not an open event handle");
    event = std::move(it->second);
    handles().erase(it);
  }
  event->mark_closed();
  return {};
}

Result<uint32_t> wait(std::span<const std::shared_ptr<Event>> events, bool all,
                      uint32_t timeout_ms) {
  if (events.empty() || events.size() > MAXIMUM_WAIT_OBJECTS) {
    return fail(Errc::kInvalidArgument, "wait: between 1 and " +
                                            std::to_string(MAXIMUM_WAIT_OBJECTS) +
                                            " handles, not " + std::to_string(events.size()));
  }
  if (all) {
    for (std::size_t i = 0; i < events.size(); ++i) {
      for (std::size_t j = i + 1; j < events.size(); ++j) {
        if (events[i] == events[j]) {
          return fail(Errc::kInvalidArgument, "wait for all: the same handle appears twice");
        }
      }
    }
  }
  bool forever = timeout_ms == INFINITE;
  uint64_t deadline = forever ? 0 : now_ms() + timeout_ms;
  return all ? wait_all(events, forever, deadline) : wait_any(events, forever, deadline);
}

}  // namespace openras::win32
