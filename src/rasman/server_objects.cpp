// server_objects.cpp: the connection objects (see server_objects.h).
#include "rasman/server_objects.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "base/log.h"
#include "rasman/protocol.h"
#include "rasman/server.h"

namespace openras::rasman {

namespace {

constexpr std::size_t kHexDigits = 16;

// Who is looking through `peer`: the peer's own uid on the socket, the sender of the
// message being dispatched on a message bus.
Caller viewer_of(Peer& peer, sd_bus* bus) {
  return peer.server->caller_of(peer, sd_bus_get_current_message(bus));
}

// The record behind `path`, if `peer` may see it.
Result<ConnectionRecord> visible_record(Peer& peer, sd_bus* bus, const char* path) {
  uint64_t handle = handle_of_object_path(path);
  if (handle == 0) return fail(Errc::kInvalidHandle, "not a connection object");
  return peer.server->table().get(viewer_of(peer, bus), handle);
}

// sd_bus_object_find_t: the object exists for this peer only if it may see the
// connection; otherwise sd-bus answers UnknownObject, as for a handle nobody holds.
int find_connection(sd_bus* bus, const char* path, const char*, void* userdata, void** found,
                    sd_bus_error*) {
  if (!visible_record(peer_of(userdata), bus, path)) return 0;
  *found = userdata;
  return 1;
}

// sd_bus_node_enumerator_t: the paths of the connections this peer may see.
int enumerate_connections(sd_bus* bus, const char*, void* userdata, char*** nodes, sd_bus_error*) {
  Peer& peer = peer_of(userdata);
  auto records = peer.server->table().list(viewer_of(peer, bus));
  auto* paths = static_cast<char**>(std::calloc(records.size() + 1, sizeof(char*)));
  if (paths == nullptr) return -ENOMEM;
  for (std::size_t i = 0; i < records.size(); ++i) {
    paths[i] = ::strdup(connection_object_path(records[i].handle).c_str());
    if (paths[i] == nullptr) {
      for (std::size_t j = 0; j < i; ++j) std::free(paths[j]);
      std::free(paths);
      return -ENOMEM;
    }
  }
  *nodes = paths;
  return 0;
}

// One getter for every property: the record is read from the table on each call, so a
// property is never stale and the objects need no bookkeeping of their own.
int get_property(sd_bus* bus, const char* path, const char*, const char* property,
                 sd_bus_message* reply, void* userdata, sd_bus_error* error) {
  auto record = visible_record(peer_of(userdata), bus, path);
  if (!record) {
    return sd_bus_error_setf(error, SD_BUS_ERROR_UNKNOWN_OBJECT, "Unknown object '%s'.", path);
  }
  const ConnectionRecord& c = *record;
  auto is = [&](const char* name) { return std::strcmp(property, name) == 0; };
  if (is("Handle")) return sd_bus_message_append(reply, "t", c.handle);
  if (is("Entry")) return sd_bus_message_append(reply, "s", c.entry.c_str());
  if (is("Phonebook")) return sd_bus_message_append(reply, "s", c.phonebook.c_str());
  if (is("Dialer")) return sd_bus_message_append(reply, "s", c.dialer.c_str());
  if (is("OwnerUid")) return sd_bus_message_append(reply, "u", static_cast<uint32_t>(c.owner_uid));
  if (is("Pid")) return sd_bus_message_append(reply, "u", static_cast<uint32_t>(c.pid));
  if (is("State")) return sd_bus_message_append(reply, "u", c.state);
  if (is("Error")) return sd_bus_message_append(reply, "u", c.error);
  if (is("DeviceType")) return sd_bus_message_append(reply, "s", c.device_type.c_str());
  if (is("DeviceName")) return sd_bus_message_append(reply, "s", c.device_name.c_str());
  if (is("PhoneNumber")) return sd_bus_message_append(reply, "s", c.phone_number.c_str());
  if (is("AllUsers")) return sd_bus_message_append(reply, "b", static_cast<int>(c.all_users));
  if (is("Builtin")) return sd_bus_message_append(reply, "b", static_cast<int>(c.builtin));
  if (is("StartTime")) return sd_bus_message_append(reply, "t", c.start_time);
  if (is("Statistics")) return peer_of(userdata).server->append_statistics(reply, c);
  return sd_bus_error_setf(error, SD_BUS_ERROR_UNKNOWN_PROPERTY, "Unknown property '%s'.",
                           property);
}

// HangUp() on the object: the root object's HangUp(handle), with the same rules.
int hang_up_object(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  Peer& peer = peer_of(userdata);
  uint64_t handle = handle_of_object_path(sd_bus_message_get_path(m));
  Caller caller = peer.server->caller_of(peer, m);
  if (auto ok = peer.server->hang_up(caller, handle); !ok) {
    return refuse_call(error, caller, "Connection.HangUp", handle, ok.error());
  }
  if (peer.server->answer_hang_up_later(handle, m)) return 1;  // once the line is free
  return sd_bus_reply_method_return(m, nullptr);
}

constexpr uint64_t kConst = SD_BUS_VTABLE_PROPERTY_CONST;
constexpr uint64_t kChanges = SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE;

// Keep equal to data/dbus/org.openras.RasMan1.Connection.xml (the lifecycle test compares).
// clang-format off
const sd_bus_vtable kConnectionVtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_PROPERTY("Handle", "t", get_property, 0, kConst),
    SD_BUS_PROPERTY("Entry", "s", get_property, 0, kConst),
    SD_BUS_PROPERTY("Phonebook", "s", get_property, 0, kConst),
    SD_BUS_PROPERTY("Dialer", "s", get_property, 0, kConst),
    SD_BUS_PROPERTY("OwnerUid", "u", get_property, 0, kConst),
    SD_BUS_PROPERTY("Pid", "u", get_property, 0, kConst),
    SD_BUS_PROPERTY("State", "u", get_property, 0, kChanges),
    SD_BUS_PROPERTY("Error", "u", get_property, 0, kChanges),
    SD_BUS_PROPERTY("DeviceType", "s", get_property, 0, kConst),
    SD_BUS_PROPERTY("DeviceName", "s", get_property, 0, kConst),
    // The number that answered (a line device's alternate) replaces the first once the far
    // end answers: read on each Get, not announced.
    SD_BUS_PROPERTY("PhoneNumber", "s", get_property, 0, 0),
    SD_BUS_PROPERTY("AllUsers", "b", get_property, 0, kConst),
    SD_BUS_PROPERTY("Builtin", "b", get_property, 0, kConst),
    SD_BUS_PROPERTY("StartTime", "t", get_property, 0, kConst),
    // Counters as the link reported them last, and the time connected so far: read on
    // each Get, never announced (they change constantly).
    SD_BUS_PROPERTY("Statistics", "(ttttuuuuuuuuut)", get_property, 0, 0),
    SD_BUS_METHOD("HangUp", "", "", hang_up_object, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_VTABLE_END};
// clang-format on

// The interfaces sd_bus_emit_object_added reports for a connection object; its removal
// names the same ones (the record is gone by then, so sd-bus could not look them up).
constexpr const char* kStandardInterfaces[] = {"org.freedesktop.DBus.Peer",
                                               "org.freedesktop.DBus.Introspectable",
                                               "org.freedesktop.DBus.Properties"};

// PropertiesChanged with the values carried in `record`: built by hand rather than with
// sd_bus_emit_properties_changed, because the last one (RASCS_Disconnected) describes a
// record that has already left the table.
int emit_state_changed(sd_bus* bus, const std::string& path, const ConnectionRecord& record) {
  sd_bus_message* signal = nullptr;
  int r = sd_bus_message_new_signal(bus, &signal, path.c_str(), "org.freedesktop.DBus.Properties",
                                    "PropertiesChanged");
  if (r >= 0) {
    r = sd_bus_message_append(signal, "sa{sv}as", kConnectionInterface, 2, "State", "u",
                              record.state, "Error", "u", record.error, 0);
  }
  if (r >= 0) r = sd_bus_send(bus, signal, nullptr);
  sd_bus_message_unref(signal);
  return r;
}

}  // namespace

std::string connection_object_path(uint64_t handle) {
  char digits[kHexDigits + 1];
  (void)std::snprintf(digits, sizeof digits, "%016llx", llx(handle));
  return std::string(kConnectionPathPrefix) + "/" + digits;
}

uint64_t handle_of_object_path(const char* path) noexcept {
  if (path == nullptr) return 0;
  std::size_t prefix = std::strlen(kConnectionPathPrefix);
  if (std::strncmp(path, kConnectionPathPrefix, prefix) != 0 || path[prefix] != '/') return 0;
  const char* digits = path + prefix + 1;
  if (std::strlen(digits) != kHexDigits) return 0;
  uint64_t handle = 0;
  for (const char* p = digits; *p != '\0'; ++p) {
    int value = (*p >= '0' && *p <= '9') ? *p - '0' : (*p >= 'a' && *p <= 'f') ? *p - 'a' + 10 : -1;
    if (value < 0) return 0;
    handle = handle << 4 | static_cast<uint64_t>(value);
  }
  return handle;
}

ConnectionObjects::~ConnectionObjects() {
  sd_bus_slot_unref(vtable);
  sd_bus_slot_unref(enumerator);
  sd_bus_slot_unref(manager);
}

Status publish_connection_objects(Peer& peer) {
  int r =
      sd_bus_add_fallback_vtable(peer.bus, &peer.objects.vtable, kConnectionPathPrefix,
                                 kConnectionInterface, kConnectionVtable, find_connection, &peer);
  if (r < 0) return fail_errno(-r, "publishing the connection objects");
  r = sd_bus_add_node_enumerator(peer.bus, &peer.objects.enumerator, kConnectionPathPrefix,
                                 enumerate_connections, &peer);
  if (r < 0) return fail_errno(-r, "publishing the connection objects' enumerator");
  r = sd_bus_add_object_manager(peer.bus, &peer.objects.manager, kObjectPath);
  if (r < 0) return fail_errno(-r, "publishing the object manager");
  return {};
}

void emit_connection_object_signal(Peer& peer, const ConnectionRecord& record, const char* member) {
  std::string path = connection_object_path(record.handle);
  int r = 0;
  if (std::strcmp(member, "ConnectionAdded") == 0) {
    r = sd_bus_emit_object_added(peer.bus, path.c_str());
  } else if (std::strcmp(member, "StateChanged") == 0) {
    r = emit_state_changed(peer.bus, path, record);
  } else if (std::strcmp(member, "ConnectionRemoved") == 0) {
    r = sd_bus_emit_interfaces_removed(peer.bus, path.c_str(), kStandardInterfaces[0],
                                       kStandardInterfaces[1], kStandardInterfaces[2],
                                       kConnectionInterface, nullptr);
  }
  if (r < 0) {
    LOG_DEBUG("connection 0x%llx: object signal for %s to client %llu: %s", llx(record.handle),
              member, llx(peer.id), std::strerror(-r));
  }
}

}  // namespace openras::rasman
