// service.h: the session's connection to rasmand (ServiceConnection in service.cpp), for
// custom-dialer connections, built-in dials and the signals about both.
//
// Dialers run in the calling process (DESIGN.md §3), so a custom connection lives here;
// rasmand is told about it so that other processes can list it and hang it up. A
// hang-up asked for elsewhere comes back as a HangUpRequested signal, on which this
// process calls the dialer's RasCustomHangUp. With no rasmand answering, everything
// stays in-process (as before the service existed) and nothing fails because of it.
// Thread-safe; the signal handler runs on the client's event thread.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "base/result.h"
#include "session/connections.h"

namespace openras::rasman {
class Client;
struct ConnectionInfo;
}  // namespace openras::rasman

namespace openras::session {

// This process's rasmand client, its event thread started (StateChanged reaches
// on_builtin_event, HangUpRequested the custom dialer), or why there is none
// (kServiceUnavailable naming the socket). Never null on success; owned by the link.
[[nodiscard]] Result<rasman::Client*> service_client();
// Reports a failed call, so a client whose rasmand went away is replaced next time.
void service_call_failed(const Error& error);

// Tells rasmand about the connection recorded in Connections under `handle`, in `state`
// (best effort), and records the public handle rasmand answers with it.
void publish(HRASCONN handle, RASCONNSTATE state);
// Tells rasmand a connection of ours ended (best effort); call after taking it out of
// Connections. rasmand's signals about an alias of it are ignored from here on, since the
// caller reports the end under the dialer's handle.
void withdraw(const Connection& connection);

// Handle translation (docs/protocol.md "Handles"). In this process a custom connection is
// known by its dialer's handle, on the bus by its public handle.
// The handle rasmand knows `handle` by: a connection of ours → its public handle (nullopt
// if rasmand does not know it); one of ours that ended → nullopt (here the value still
// means it); any other → the value itself.
[[nodiscard]] std::optional<uint64_t> service_handle(HRASCONN handle);
// The handle this process reports for rasmand's `public_handle`: ours → the dialer's
// handle; another process's → the same value; nullopt when it must not be reported here
// (another connection whose public handle equals one of our dialers' handles, live or
// ended, which means our connection in this process; or an alias of ours withdrawn).
[[nodiscard]] std::optional<uint64_t> handle_here(uint64_t public_handle);

// Every connection the caller may see, or nullopt when no rasmand answers (public
// handles, untranslated).
[[nodiscard]] std::optional<std::vector<rasman::ConnectionInfo>> remote_connections();
// Another process's connection by the handle this process knows it by (service_handle).
[[nodiscard]] std::optional<rasman::ConnectionInfo> remote_connection(HRASCONN handle);
// Asks rasmand to hang up a connection of another process (by the handle this process
// knows it by); the RAS error code.
[[nodiscard]] DWORD remote_hang_up(HRASCONN handle);

}  // namespace openras::session
