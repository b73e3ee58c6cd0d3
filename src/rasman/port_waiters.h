// port_waiters.h: Dial calls waiting for a device's port (docs/protocol.md "Built-in
// connections", step 2). A port belongs to a device, not to a connection: after a
// connection's end its link may still be saying goodbye, and the port is held closed for
// kDtrHoldUsec after that (links.h). A Dial of that device meanwhile waits here, unanswered,
// keyed by the port it waits for, and runs again once Links no longer holds that port, so
// a redial right after a failure or a hang-up reaches the modem instead of failing with 602.
// Thread: the event loop's.
#pragma once

#include <sys/types.h>
#include <systemd/sd-bus.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "rasman/pending_call.h"

namespace openras::rasman {

// Which of the dial methods a call is (the same arguments; DialWithOptions and DialOrJoin add
// the options, DialOrJoin answers whether it joined).
enum class DialMethod : uint8_t { kDial, kWithOptions, kOrJoin };

class PortWaiters {
 public:
  // At most kMaxWaiting calls, kMaxWaitingPerPeer of one client's: beyond, the dial goes on
  // and fails as the port's lock says.
  static constexpr std::size_t kMaxWaiting = 32;
  static constexpr std::size_t kMaxWaitingPerPeer = 4;

  struct Waiter {
    uint64_t peer = 0;  // its client's id: the client may be gone when the port is free
    PendingCall call;
    DialMethod method = DialMethod::kDial;
    std::string port;  // the device's Port value it waits for
  };

  // Keeps `call` (a reference of its own) until `port` is free; false over the limits.
  [[nodiscard]] bool add(uint64_t peer, sd_bus_message* call, DialMethod method, std::string port);
  // The waiters whose port `held` no longer says is held, in the order they came; the rest
  // keep waiting.
  [[nodiscard]] std::vector<Waiter> take_free(const std::function<bool(const std::string&)>& held);
  // A client went away: its calls are dropped unanswered.
  void drop_peer(uint64_t peer);
  [[nodiscard]] std::size_t size() const { return waiters_.size(); }
  [[nodiscard]] bool empty() const { return waiters_.empty(); }

 private:
  std::vector<Waiter> waiters_;  // in arrival order; few (kMaxWaiting)
};

}  // namespace openras::rasman
