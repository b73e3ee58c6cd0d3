// notifications.cpp: RasConnectionNotification's registrations (see notifications.h).
#include "session/notifications.h"

#include <algorithm>
#include <deque>
#include <mutex>
#include <unordered_set>
#include <vector>

#include "base/log.h"
#include "win32/events.h"

namespace openras::session {

namespace {

struct Registration {
  uint64_t handle = 0;
  std::shared_ptr<win32::Event> event;
  uint32_t flags = 0;
};

// How many ended handles are remembered, so the second report of one end is ignored.
constexpr std::size_t kEndedMemory = 1024;

struct State {
  std::mutex mutex;
  std::vector<Registration> registrations;
  std::unordered_set<uint64_t> live;   // reported connected, not yet ended
  std::unordered_set<uint64_t> ended;  // ended recently (deduplication)
  std::deque<uint64_t> ended_order;    // … oldest first, to bound it
};

State& state() {
  static auto* s = new State;  // never destroyed: the event thread may outlive main()
  return *s;
}

void remember_ended(State& s, uint64_t handle) {
  if (!s.ended.insert(handle).second) return;
  s.ended_order.push_back(handle);
  if (s.ended_order.size() > kEndedMemory) {
    s.ended.erase(s.ended_order.front());
    s.ended_order.pop_front();
  }
}

void forget_ended(State& s, uint64_t handle) {
  if (s.ended.erase(handle) == 0) return;
  s.ended_order.erase(std::find(s.ended_order.begin(), s.ended_order.end(), handle));
}

// The events to set for `flag` on `handle`; drops registrations whose event was closed.
std::vector<std::shared_ptr<win32::Event>> matching(State& s, uint64_t handle, uint32_t flag) {
  std::erase_if(s.registrations, [](const Registration& r) { return r.event->closed(); });
  std::vector<std::shared_ptr<win32::Event>> out;
  for (const Registration& r : s.registrations) {
    if ((r.flags & flag) && (r.handle == kAllConnections || r.handle == handle)) {
      out.push_back(r.event);
    }
  }
  return out;
}

void set_all(const std::vector<std::shared_ptr<win32::Event>>& events) {
  for (const auto& event : events) {
    if (auto ok = event->set(); !ok)
      LOG_DEBUG("RasConnectionNotification: %s", ok.error().message.c_str());
  }
}

}  // namespace

Status add_notification(uint64_t handle, std::shared_ptr<win32::Event> event, uint32_t flags) {
  State& s = state();
  std::lock_guard lock(s.mutex);
  for (Registration& r : s.registrations) {
    if (r.handle == handle && r.event == event) {
      r.flags = flags;
      return {};
    }
  }
  s.registrations.push_back(Registration{handle, std::move(event), flags});
  return {};
}

void note_live(uint64_t handle) {
  State& s = state();
  std::lock_guard lock(s.mutex);
  s.live.insert(handle);
  forget_ended(s, handle);
}

void note_reused(uint64_t handle) {
  State& s = state();
  std::lock_guard lock(s.mutex);
  s.live.erase(handle);
  forget_ended(s, handle);
}

void note_connected(uint64_t handle) {
  State& s = state();
  std::vector<std::shared_ptr<win32::Event>> events;
  {
    std::lock_guard lock(s.mutex);
    if (!s.live.insert(handle).second) return;
    forget_ended(s, handle);
    events = matching(s, handle, RASCN_Connection);
  }
  set_all(events);
}

void note_disconnected(uint64_t handle) {
  State& s = state();
  std::vector<std::shared_ptr<win32::Event>> events;
  {
    std::lock_guard lock(s.mutex);
    bool was_live = s.live.erase(handle) != 0;
    if (!was_live && s.ended.count(handle) != 0) return;  // the other source told already
    remember_ended(s, handle);
    events = matching(s, handle, RASCN_Disconnection);
    // A dial that failed before it connected ended no connection: only a registration for
    // that very handle hears of it.
    if (!was_live) {
      events.clear();
      for (const Registration& r : s.registrations) {
        if ((r.flags & RASCN_Disconnection) && r.handle == handle && !r.event->closed()) {
          events.push_back(r.event);
        }
      }
    }
    // That connection is over: registrations for its handle end with it.
    std::erase_if(s.registrations, [&](const Registration& r) { return r.handle == handle; });
  }
  set_all(events);
}

void note_service_lost(const std::vector<uint64_t>& still_here) {
  std::vector<uint64_t> gone;
  {
    State& s = state();
    std::lock_guard lock(s.mutex);
    for (uint64_t handle : s.live) {
      if (std::find(still_here.begin(), still_here.end(), handle) == still_here.end()) {
        gone.push_back(handle);
      }
    }
  }
  for (uint64_t handle : gone) note_disconnected(handle);
}

bool have_notifications() {
  State& s = state();
  std::lock_guard lock(s.mutex);
  std::erase_if(s.registrations, [](const Registration& r) { return r.event->closed(); });
  return !s.registrations.empty();
}

std::size_t notification_count() {
  State& s = state();
  std::lock_guard lock(s.mutex);
  return s.registrations.size();
}

}  // namespace openras::session
