// pending_call.h: a D-Bus method call rasmand answers later — a HangUp waiting for its
// connection's port, a GetStatistics waiting for its link, a Dial waiting for a device's
// port. It holds one reference to the call until it is answered or dropped, so a call can
// never be answered twice nor leak. Move-only. Thread: the event loop's.
#pragma once

#include <systemd/sd-bus.h>

#include <utility>

namespace openras::rasman {

class PendingCall {
 public:
  PendingCall() = default;
  // Takes a reference of its own on `call`.
  explicit PendingCall(sd_bus_message* call) : call_(sd_bus_message_ref(call)) {}
  PendingCall(PendingCall&& other) noexcept : call_(std::exchange(other.call_, nullptr)) {}
  PendingCall& operator=(PendingCall&& other) noexcept {
    if (this != &other) {
      sd_bus_message_unref(call_);
      call_ = std::exchange(other.call_, nullptr);
    }
    return *this;
  }
  PendingCall(const PendingCall&) = delete;
  PendingCall& operator=(const PendingCall&) = delete;
  // Unanswered: its peer is gone, or rasmand is stopping and closes it.
  ~PendingCall() { sd_bus_message_unref(call_); }

  [[nodiscard]] sd_bus_message* get() const { return call_; }

 private:
  sd_bus_message* call_ = nullptr;
};

}  // namespace openras::rasman
