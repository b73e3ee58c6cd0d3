// port_waiters.cpp: see port_waiters.h.
#include "rasman/port_waiters.h"

#include <algorithm>
#include <utility>

namespace openras::rasman {

bool PortWaiters::add(uint64_t peer, sd_bus_message* call, DialMethod method, std::string port) {
  auto of_peer = static_cast<std::size_t>(std::count_if(
      waiters_.begin(), waiters_.end(), [&](const Waiter& w) { return w.peer == peer; }));
  if (waiters_.size() >= kMaxWaiting || of_peer >= kMaxWaitingPerPeer) return false;
  waiters_.push_back(Waiter{peer, PendingCall(call), method, std::move(port)});
  return true;
}

std::vector<PortWaiters::Waiter> PortWaiters::take_free(
    const std::function<bool(const std::string&)>& held) {
  std::vector<Waiter> free;
  std::vector<Waiter> still;
  for (Waiter& w : waiters_) (held(w.port) ? still : free).push_back(std::move(w));
  waiters_ = std::move(still);
  return free;
}

void PortWaiters::drop_peer(uint64_t peer) {
  std::erase_if(waiters_, [&](const Waiter& w) { return w.peer == peer; });
}

}  // namespace openras::rasman
