// server_objects.h: each connection as a D-Bus object with properties, as NetworkManager
// and ModemManager publish theirs (docs/protocol.md, "Connection objects"):
// /org/openras/RasMan1/Connection/<handle as 16 lowercase hex digits>, interface
// org.openras.RasMan1.Connection, under an org.freedesktop.DBus.ObjectManager on
// /org/openras/RasMan1.
//
// Every peer gets its own fallback vtable, node enumerator and object manager, whose
// callbacks apply the table's rule (ConnectionTable::may_see) for that peer: a connection
// the peer may not see is an unknown object to it, and its signals never reach that peer's
// bus. The objects hold no state: every property is read from the table when asked.
// Thread: the event loop's only.
#pragma once

#include <systemd/sd-bus.h>

#include <cstdint>
#include <string>

#include "base/result.h"
#include "rasman/connection_table.h"

namespace openras::rasman {

struct Peer;

inline constexpr const char* kConnectionInterface = "org.openras.RasMan1.Connection";
inline constexpr const char* kConnectionPathPrefix = "/org/openras/RasMan1/Connection";

// "/org/openras/RasMan1/Connection/00000000000000a1" for handle 0xa1.
[[nodiscard]] std::string connection_object_path(uint64_t handle);
// The handle a connection object's path names; 0 (never a handle) for any other path,
// including upper-case or shortened digits, so each connection has exactly one path.
[[nodiscard]] uint64_t handle_of_object_path(const char* path) noexcept;

// One peer's registrations (Peer::objects); released with the peer.
struct ConnectionObjects {
  sd_bus_slot* vtable = nullptr;
  sd_bus_slot* enumerator = nullptr;
  sd_bus_slot* manager = nullptr;
  ConnectionObjects() = default;
  ConnectionObjects(const ConnectionObjects&) = delete;
  ConnectionObjects& operator=(const ConnectionObjects&) = delete;
  ~ConnectionObjects();
};

// Publishes the connection objects and the object manager on `peer`'s bus (userdata: the
// peer, which must outlive its bus's dispatching).
[[nodiscard]] Status publish_connection_objects(Peer& peer);

// The object-side counterpart of a root-object signal that Server::broadcast sends to
// `peer` (which may see `record`): ConnectionAdded → InterfacesAdded, StateChanged →
// PropertiesChanged (State, Error), ConnectionRemoved → InterfacesRemoved.
void emit_connection_object_signal(Peer& peer, const ConnectionRecord& record, const char* member);

}  // namespace openras::rasman
