// notifications.h: RasConnectionNotification's registrations and the events that fire them.
//
// A registration is (connection or every connection, event, RASCN_* flags). Two sources
// report connections coming and going, and may both report the same one:
//  - this process's custom-dialer connections (session.cpp, service.cpp);
//  - rasmand's signals (StateChanged to RASCS_Connected, ConnectionRemoved) for every
//    connection the caller may see, and the loss of rasmand itself.
// note_connected/note_disconnected keep a per-handle memory so each arrival and each end
// signals once, whichever source tells first.
//
// Semantics (docs/abi.md, "Connection notifications"):
//  - INVALID_HANDLE_VALUE with RASCN_Connection: set when any connection reaches
//    RASCS_Connected; with RASCN_Disconnection: set when any connection that was up ends
//    (a dial that fails before connecting ended no connection).
//  - A connection handle with RASCN_Disconnection: set when that connection ends, after
//    which the registration is dropped. With RASCN_Connection (an OpenRAS addition): set
//    when that connection reaches RASCS_Connected, which is how an asynchronous dial's
//    completion can be awaited with an event.
//  - Multilink, dormancy and reconnection flags are accepted and never fire (OpenRAS has
//    no multilink and no dormant state).
//  - A registration whose event was closed is dropped.
// Thread-safe; events are set with no lock held by callers.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "base/result.h"
#include "ras.h"

namespace openras::win32 {
class Event;
}

namespace openras::session {

inline constexpr uint64_t kAllConnections = UINT64_MAX;

// Adds a registration (`handle` kAllConnections for every connection). Registering the same
// handle and event again replaces the flags.
[[nodiscard]] Status add_notification(uint64_t handle, std::shared_ptr<win32::Event> event,
                                      uint32_t flags);

// A connection that was already up when this process started listening: its end will
// signal, its arrival does not.
void note_live(uint64_t handle);
void note_connected(uint64_t handle);
// `handle` now names a different connection in this process (a custom dialer returned a
// value another process's connection is known by here): forget, without signalling, what
// was known of the old one, so the new one's arrival and end signal.
void note_reused(uint64_t handle);
void note_disconnected(uint64_t handle);
// rasmand went away: every connection known to be up has ended, except `still_here` (this
// process's own custom connections, which live on without the service).
void note_service_lost(const std::vector<uint64_t>& still_here);

// Whether any registration (with an open event) is held; how many, for tests.
[[nodiscard]] bool have_notifications();
[[nodiscard]] std::size_t notification_count();

}  // namespace openras::session
