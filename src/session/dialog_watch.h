// dialog_watch.h: the session's side of session.h's DialogWatch — where the session tells
// the watches that a connection of this process was hung up, and by whom.
// Thread-safe; the watches' callbacks run on the calling thread, with no lock held.
#pragma once

#include <string>

#include "base/connection_identity.h"

namespace openras::session {

// A connection of `who`'s entry held by this process was hung up from outside it (through
// rasmand): every watch of that entry hears `why`.
void hung_up_elsewhere(const ConnectionIdentity& who, const std::string& why);

// RasHangUp of a connection of `who`'s entry on this thread: the watches of that entry
// opened on other threads hear of it — unless it runs inside a RasDial notifier (a
// dialer or program ending its own dial on a failure).
void hung_up_here(const ConnectionIdentity& who);

}  // namespace openras::session
