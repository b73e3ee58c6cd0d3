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
#include <functional>
#include <optional>
#include <vector>

#include "base/result.h"
#include "session/connections.h"

namespace openras::rasman {
class Client;
struct ConnectionInfo;
struct ConnectionRef;
}  // namespace openras::rasman

namespace openras::session {

// This process's rasmand client, its event thread started (StateChanged reaches
// on_builtin_event, HangUpRequested the custom dialer), or why there is none
// (kServiceUnavailable naming the socket). Never null on success; owned by the link.
[[nodiscard]] Result<rasman::Client*> service_client();
// Has rasmand send this process the signals of every connection the caller may see
// (RasConnectionNotification needs them), until no registration is left; a client made
// after rasmand restarted subscribes again (rasman::Client keeps standing subscriptions).
[[nodiscard]] Status follow_everything();
// Makes this process's rasmand client use one socket for everything (no call lines):
// for the logon host, whose sandbox allows it one. Before the first service_client().
void use_one_socket();
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

// Every connection the caller may see, to `visit` straight from rasmand's reply (public
// handles, untranslated; rasman::Client::visit_connections); false when no rasmand answers.
bool visit_remote_connections(const std::function<void(const rasman::ConnectionRef&)>& visit);
// Another process's connection by the handle this process knows it by (service_handle).
[[nodiscard]] std::optional<rasman::ConnectionInfo> remote_connection(HRASCONN handle);
// Asks rasmand to hang up a connection of another process (by the handle this process
// knows it by); the RAS error code.
[[nodiscard]] DWORD remote_hang_up(HRASCONN handle);

}  // namespace openras::session
