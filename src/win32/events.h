// events.h: Win32 event objects (synchapi.h) on eventfd(2), for the C functions in
// synch_api.cpp and for RasConnectionNotification (src/session/notifications.*).
//
// An event is an eventfd counter: signalled while it is non-zero. SetEvent adds one;
// taking the signal (ResetEvent, or a successful wait on an auto-reset event) reads the
// counter back to zero. Every take happens under one process-wide mutex, so a wait for all
// of several events can check and take them atomically with respect to other waiters.
// Handles are the addresses of live Event objects, looked up in a table, so a stale or
// invented HANDLE is ERROR_INVALID_HANDLE rather than undefined behaviour.
// Threads: everything here is thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>

#include "base/result.h"
#include "base/unique_fd.h"
#include "windows.h"

namespace openras::win32 {

class Event {
 public:
  Event(UniqueFd fd, bool manual_reset) : fd_(std::move(fd)), manual_reset_(manual_reset) {}

  [[nodiscard]] int fd() const noexcept { return fd_.get(); }
  [[nodiscard]] bool manual_reset() const noexcept { return manual_reset_; }
  // CloseHandle was called: signalling it is pointless (RasConnectionNotification drops it).
  [[nodiscard]] bool closed() const noexcept { return closed_.load(); }
  void mark_closed() noexcept { closed_.store(true); }

  [[nodiscard]] Status set();
  [[nodiscard]] Status reset();
  // True if it was signalled, taking the signal of an auto-reset event.
  [[nodiscard]] bool signalled_take();

 private:
  UniqueFd fd_;
  bool manual_reset_;
  std::atomic<bool> closed_{false};
};

// Creates an event and its handle.
[[nodiscard]] Result<HANDLE> create_event(bool manual_reset, bool initially_set);
// The event behind an open handle; kInvalidHandle otherwise.
[[nodiscard]] Result<std::shared_ptr<Event>> find_event(HANDLE handle);
// Closes a handle; the event lives on while a wait or a registration holds it.
[[nodiscard]] Status close_handle(HANDLE handle);

inline constexpr uint32_t kWaitTimeout = WAIT_TIMEOUT;
// Waits for one of `events` (all of them if `all`): the index that satisfied the wait
// (0 for `all`), or kWaitTimeout after `timeout_ms` (INFINITE: never). kInvalidArgument
// for an empty list, more than MAXIMUM_WAIT_OBJECTS, or a repeated event when `all`.
[[nodiscard]] Result<uint32_t> wait(std::span<const std::shared_ptr<Event>> events, bool all,
                                    uint32_t timeout_ms);

}  // namespace openras::win32
