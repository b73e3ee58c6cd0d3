// server_methods.cpp: the method handlers of org.openras.RasMan1 (docs/protocol.md).
// Each handler reads its arguments, applies the table's rules for the calling peer and
// answers; every refusal is logged here once, with the connection handle.
#include <cerrno>
#include <cstring>

#include "base/log.h"
#include "ras.h"
#include "rasman/identity_codec.h"
#include "rasman/protocol.h"
#include "rasman/server.h"

namespace openras::rasman {

int bad_message(sd_bus_error* reply, const char* method, int r) {
  return sd_bus_error_setf(reply, kErrorInvalidArgument, "%s: unreadable arguments: %s", method,
                           std::strerror(-r));
}

// Logs the refusal once and turns it into the D-Bus error reply. What ordinary clients
// meet every day is logged at debug only: a handle that is gone (RasHangUp after a failed
// RasDial, as Windows tells programs to call it; a status asked as a connection ends), a
// device another connection holds, a connection not yet projected. Refused permissions and
// malformed requests stay notices.
int refuse_call(sd_bus_error* reply, const Caller& caller, const char* method, uint64_t handle,
                const Error& error) {
  bool ordinary = error.code == Errc::kInvalidHandle || error.code == Errc::kPortNotAvailable ||
                  error.code == Errc::kProjectionNotComplete;
  auto level = ordinary ? log::Level::kDebug : log::Level::kNotice;
  if (handle != 0) {
    OPENRAS_LOG(level, "connection 0x%llx: %s from uid %u pid %d refused: %s", llx(handle), method,
                caller.uid, caller.pid, error.message.c_str());
  } else {
    OPENRAS_LOG(level, "%s from uid %u pid %d refused: %s", method, caller.uid, caller.pid,
                error.message.c_str());
  }
  return sd_bus_error_set(reply, error_name_of(error.code), error.message.c_str());
}

namespace {

int refuse(sd_bus_error* reply, const Caller& caller, const char* method, uint64_t handle,
           const Error& error) {
  return refuse_call(reply, caller, method, handle, error);
}

// kConnectionSignature: the record's own fields, then its identity.
int append_record(sd_bus_message* reply, const ConnectionRecord& c) {
  int r = sd_bus_message_append(reply, "tuutuus", c.handle, static_cast<uint32_t>(c.owner_uid),
                                static_cast<uint32_t>(c.pid), c.start_time, c.state, c.error,
                                c.dialer.c_str());
  return r < 0 ? r : append_identity(reply, c);
}

int list_connections(sd_bus_message* m, void* userdata, sd_bus_error*) {
  Peer& peer = peer_of(userdata);
  Caller caller = peer.server->caller_of(peer, m);
  sd_bus_message* reply = nullptr;
  int r = sd_bus_message_new_method_return(m, &reply);
  if (r >= 0) r = sd_bus_message_open_container(reply, 'a', "(tuutuussssssb)");
  peer.server->table().visit(caller, [&](const ConnectionRecord& record) {
    if (r < 0) return false;
    if ((r = sd_bus_message_open_container(reply, 'r', kConnectionSignature)) >= 0 &&
        (r = append_record(reply, record)) >= 0) {
      r = sd_bus_message_close_container(reply);
    }
    return r >= 0;
  });
  if (r >= 0) r = sd_bus_message_close_container(reply);
  if (r >= 0) r = sd_bus_send(nullptr, reply, nullptr);
  sd_bus_message_unref(reply);
  return r;
}

int get_connection(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  Peer& peer = peer_of(userdata);
  uint64_t handle = 0;
  int r = sd_bus_message_read(m, "t", &handle);
  if (r < 0) return bad_message(error, "GetConnection", r);
  Caller caller = peer.server->caller_of(peer, m);
  auto record = peer.server->table().get(caller, handle);
  if (!record) return refuse(error, caller, "GetConnection", handle, record.error());
  sd_bus_message* reply = nullptr;
  r = sd_bus_message_new_method_return(m, &reply);
  if (r >= 0) r = append_record(reply, *record);
  if (r >= 0) r = sd_bus_send(nullptr, reply, nullptr);
  sd_bus_message_unref(reply);
  return r;
}

int register_custom(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  Peer& peer = peer_of(userdata);
  uint64_t handle = 0;
  const char* dialer = nullptr;
  ConnectionIdentity identity;
  int r = sd_bus_message_read(m, "ts", &handle, &dialer);
  if (r >= 0) r = read_identity(m, identity);
  if (r < 0) return bad_message(error, "RegisterCustomConnection", r);
  Caller caller = peer.server->caller_of(peer, m);
  if (peer.system_bus) {
    return refuse(error, caller, "RegisterCustomConnection", handle,
                  Error{Errc::kNotSupported,
                        "register over rasmand's socket (run/openras/rasman.sock), where rasmand "
                        "sees when the registering process goes away",
                        0});
  }
  ConnectionRecord record;
  static_cast<ConnectionIdentity&>(record) = std::move(identity);
  record.handle = handle;
  record.dialer = dialer;
  auto added = peer.server->mutable_table().add(caller, std::move(record), now_seconds());
  if (!added) return refuse(error, caller, "RegisterCustomConnection", handle, added.error());
  // Its connect duration counts from here: the dialer registers once it is connected.
  if (ConnectionRecord* stored = peer.server->mutable_table().find(added->handle)) {
    stored->connected_usec = peer.server->monotonic_usec();
  }
  if (added->handle != handle) {
    LOG_NOTICE(
        "connection 0x%llx: registered by uid %u pid %d: entry \"%s\", dialer %s; its "
        "dialer's handle 0x%llx is in use by another connection, so 0x%llx stands for it",
        llx(added->handle), caller.uid, caller.pid, added->entry.c_str(), added->dialer.c_str(),
        llx(handle), llx(added->handle));
  } else {
    LOG_INFO("connection 0x%llx: registered by uid %u pid %d: entry \"%s\", dialer %s", llx(handle),
             caller.uid, caller.pid, added->entry.c_str(), added->dialer.c_str());
  }
  peer.server->broadcast(*added, "ConnectionAdded");
  return sd_bus_reply_method_return(m, "t", added->handle);
}

int unregister(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  Peer& peer = peer_of(userdata);
  uint64_t handle = 0;
  int r = sd_bus_message_read(m, "t", &handle);
  if (r < 0) return bad_message(error, "UnregisterConnection", r);
  Caller caller = peer.server->caller_of(peer, m);
  if (auto record = peer.server->table().get(caller, handle); record && record->builtin) {
    return refuse(error, caller, "UnregisterConnection", handle,
                  Error{Errc::kInvalidArgument, "a built-in connection ends with HangUp", 0});
  }
  auto removed = peer.server->mutable_table().remove(caller, handle);
  if (!removed) return refuse(error, caller, "UnregisterConnection", handle, removed.error());
  LOG_INFO("connection 0x%llx: unregistered by uid %u pid %d", llx(handle), caller.uid, caller.pid);
  std::vector<ConnectionRecord> dropped;
  dropped.push_back(std::move(*removed));
  peer.server->drop(std::move(dropped), 0);
  return sd_bus_reply_method_return(m, nullptr);
}

int hang_up(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  Peer& peer = peer_of(userdata);
  uint64_t handle = 0;
  int r = sd_bus_message_read(m, "t", &handle);
  if (r < 0) return bad_message(error, "HangUp", r);
  Caller caller = peer.server->caller_of(peer, m);
  if (auto ok = peer.server->hang_up(caller, handle); !ok) {
    return refuse(error, caller, "HangUp", handle, ok.error());
  }
  if (peer.server->answer_hang_up_later(handle, m)) return 1;  // once the line is free
  return sd_bus_reply_method_return(m, nullptr);
}

int set_state(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  Peer& peer = peer_of(userdata);
  uint64_t handle = 0;
  uint32_t state = 0;
  uint32_t code = 0;
  int r = sd_bus_message_read(m, "tuu", &handle, &state, &code);
  if (r < 0) return bad_message(error, "SetState", r);
  Caller caller = peer.server->caller_of(peer, m);
  if (auto known = peer.server->table().get(caller, handle); known && known->builtin) {
    return refuse(
        error, caller, "SetState", handle,
        Error{Errc::kAccessDenied, "only its link process sets a built-in connection's state", 0});
  }
  auto record = peer.server->mutable_table().set_state(caller, handle, state, code);
  if (!record) return refuse(error, caller, "SetState", handle, record.error());
  LOG_DEBUG("connection 0x%llx: %s, error %u", llx(handle),
            ConnectionTable::state_name(state).c_str(), code);
  peer.server->broadcast(*record, "StateChanged");
  return sd_bus_reply_method_return(m, nullptr);
}

int store_credentials(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  Peer& peer = peer_of(userdata);
  const char* f[5] = {};
  int r = sd_bus_message_read(m, "sssss", &f[0], &f[1], &f[2], &f[3], &f[4]);
  if (r < 0) return bad_message(error, "StoreCredentials", r);
  Caller caller = peer.server->caller_of(peer, m);
  if (!caller.admin) {
    return refuse(error, caller, "StoreCredentials", 0,
                  Error{Errc::kAccessDenied, "only root stores all-users credentials", 0});
  }
  for (const char* s : f) {
    if (std::strlen(s) > kMaxPathBytes) {
      return refuse(error, caller, "StoreCredentials", 0,
                    Error{Errc::kInvalidArgument, "an argument is longer than 4096 bytes", 0});
    }
  }
  if (*f[1] == '\0') {
    return refuse(error, caller, "StoreCredentials", 0,
                  Error{Errc::kInvalidArgument, "the entry name is empty", 0});
  }
  auto stored = peer.server->credentials().store(f[0], f[1], Credentials{f[2], f[3], f[4]});
  if (!stored) {
    LOG_ERROR("storing all-users credentials for entry \"%s\": %s", f[1],
              stored.error().message.c_str());
    return sd_bus_error_set(error, kErrorFailed, stored.error().message.c_str());
  }
  LOG_INFO("all-users credentials for entry \"%s\" stored by uid %u", f[1], caller.uid);
  return sd_bus_reply_method_return(m, nullptr);
}

int fetch_credentials(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  Peer& peer = peer_of(userdata);
  const char* phonebook = nullptr;
  const char* entry = nullptr;
  int r = sd_bus_message_read(m, "ss", &phonebook, &entry);
  if (r < 0) return bad_message(error, "FetchCredentials", r);
  Caller caller = peer.server->caller_of(peer, m);
  // The password of an all-users entry is for the service to dial with, never for any
  // user to read (Windows, too, hands users only a placeholder for it).
  if (!caller.admin) {
    return refuse(error, caller, "FetchCredentials", 0,
                  Error{Errc::kAccessDenied, "only root reads all-users credentials", 0});
  }
  auto found = peer.server->credentials().fetch(phonebook, entry);
  if (!found) return refuse(error, caller, "FetchCredentials", 0, found.error());
  return sd_bus_reply_method_return(m, "sss", found->user.c_str(), found->password.c_str(),
                                    found->domain.c_str());
}

// Subscribe and Unsubscribe (subscriptions.h): what this client hears of connections.
int read_subscription(sd_bus_message* m, const char* method, Subscription& kind, uint64_t& id,
                      bool& batched, sd_bus_error* error) {
  uint32_t raw = 0;
  int r = sd_bus_message_read(m, "ut", &raw, &id);
  if (r < 0) return bad_message(error, method, r);
  batched = (raw & kSubscribeBatched) != 0;
  raw &= ~kSubscribeBatched;
  if (raw > kMaxSubscription) {
    return sd_bus_error_setf(error, kErrorInvalidArgument,
                             "%s: %u is no kind of subscription (0 to %u: none, everything, a "
                             "connection, an owner, the connection objects)",
                             method, raw, kMaxSubscription);
  }
  kind = static_cast<Subscription>(raw);
  return 1;
}

int subscribe(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  Peer& peer = peer_of(userdata);
  Subscription kind{};
  uint64_t id = 0;
  bool batched = false;
  if (int r = read_subscription(m, "Subscribe", kind, id, batched, error); r < 0) return r;
  Caller caller = peer.server->caller_of(peer, m);
  if (peer.system_bus) {
    return refuse(error, caller, "Subscribe", 0,
                  Error{Errc::kNotSupported,
                        "rasmand sends signals only on its own socket (" +
                            std::string(kObjectPath) + " there), never on a message bus",
                        0});
  }
  if (kind == Subscription::kConnection) {
    // Only a connection the caller may see, and that exists: a handle cannot be followed
    // before it is allocated (a dial's client subscribes through DialWithOptions).
    auto record = peer.server->table().get(caller, id);
    if (!record) return refuse(error, caller, "Subscribe", id, record.error());
  }
  if (kind == Subscription::kOwner && id != caller.uid && !caller.admin) {
    return refuse(error, caller, "Subscribe", 0,
                  Error{Errc::kAccessDenied,
                        "only administrators follow another user's connections (uid " +
                            std::to_string(id) + ")",
                        0});
  }
  if (kind == Subscription::kOwner && id > UINT32_MAX) {
    return refuse(
        error, caller, "Subscribe", 0,
        Error{Errc::kInvalidArgument, "uid " + std::to_string(id) + " is out of range", 0});
  }
  SubscriberIndex& subscribers = peer.server->subscribers();
  if (batched) subscribers.set_batched(peer.id);
  if (!subscribers.add(peer.id, kind, id)) {
    return refuse(error, caller, "Subscribe", id,
                  Error{Errc::kOutOfMemory,
                        "this client follows " + std::to_string(kMaxSubscriptionsPerClient) +
                            " connections and owners already; unsubscribe some, or subscribe "
                            "to everything",
                        0});
  }
  return sd_bus_reply_method_return(m, "t", peer.id);
}

int unsubscribe(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  Peer& peer = peer_of(userdata);
  Subscription kind{};
  uint64_t id = 0;
  bool batched = false;
  if (int r = read_subscription(m, "Unsubscribe", kind, id, batched, error); r < 0) return r;
  peer.server->subscribers().remove(peer.id, kind, id);
  return sd_bus_reply_method_return(m, nullptr);
}

// Generic D-Bus tools (gdbus, busctl) greet any address with the bus daemon's Hello; a
// unique name in reply lets them talk to rasmand's socket directly.
int hello(sd_bus_message* m, void* userdata, sd_bus_error*) {
  std::string name = ":1." + std::to_string(peer_of(userdata).id);
  return sd_bus_reply_method_return(m, "s", name.c_str());
}

}  // namespace

const sd_bus_vtable kHelloVtable[] = {
    SD_BUS_VTABLE_START(0), SD_BUS_METHOD("Hello", "", "s", hello, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_VTABLE_END};

// Names of arguments appear in Introspect; keep them equal to the XML in data/dbus/.
const sd_bus_vtable kRasManVtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD_WITH_NAMES("ListConnections", "", , "a(tuutuussssssb)", SD_BUS_PARAM(connections),
                             list_connections, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES(
        "GetConnection", "t", SD_BUS_PARAM(handle), "tuutuussssssb",
        SD_BUS_PARAM(handle) SD_BUS_PARAM(owner_uid) SD_BUS_PARAM(pid) SD_BUS_PARAM(start_time)
            SD_BUS_PARAM(state) SD_BUS_PARAM(error) SD_BUS_PARAM(dialer) SD_BUS_PARAM(phonebook)
                SD_BUS_PARAM(entry) SD_BUS_PARAM(device_type) SD_BUS_PARAM(device_name)
                    SD_BUS_PARAM(phone_number) SD_BUS_PARAM(all_users),
        get_connection, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES(
        "RegisterCustomConnection", "tssssssb",
        SD_BUS_PARAM(handle) SD_BUS_PARAM(dialer) SD_BUS_PARAM(phonebook) SD_BUS_PARAM(entry)
            SD_BUS_PARAM(device_type) SD_BUS_PARAM(device_name) SD_BUS_PARAM(phone_number)
                SD_BUS_PARAM(all_users),
        "t", SD_BUS_PARAM(public_handle), register_custom, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("Dial", kDialSignature,
                             SD_BUS_PARAM(phonebook) SD_BUS_PARAM(entry) SD_BUS_PARAM(device_name)
                                 SD_BUS_PARAM(phone_number) SD_BUS_PARAM(all_users)
                                     SD_BUS_PARAM(user) SD_BUS_PARAM(password) SD_BUS_PARAM(domain),
                             "t", SD_BUS_PARAM(handle), dial_method,
                             SD_BUS_VTABLE_UNPRIVILEGED | SD_BUS_VTABLE_SENSITIVE),
    SD_BUS_METHOD_WITH_NAMES("DialWithOptions", kDialWithOptionsSignature,
                             SD_BUS_PARAM(phonebook) SD_BUS_PARAM(entry) SD_BUS_PARAM(device_name)
                                 SD_BUS_PARAM(phone_number) SD_BUS_PARAM(all_users)
                                     SD_BUS_PARAM(user) SD_BUS_PARAM(password) SD_BUS_PARAM(domain)
                                         SD_BUS_PARAM(options),
                             "t", SD_BUS_PARAM(handle), dial_with_options_method,
                             SD_BUS_VTABLE_UNPRIVILEGED | SD_BUS_VTABLE_SENSITIVE),
    SD_BUS_METHOD_WITH_NAMES("DialOrJoin", kDialWithOptionsSignature,
                             SD_BUS_PARAM(phonebook) SD_BUS_PARAM(entry) SD_BUS_PARAM(device_name)
                                 SD_BUS_PARAM(phone_number) SD_BUS_PARAM(all_users)
                                     SD_BUS_PARAM(user) SD_BUS_PARAM(password) SD_BUS_PARAM(domain)
                                         SD_BUS_PARAM(options),
                             "tb", SD_BUS_PARAM(handle) SD_BUS_PARAM(joined), dial_or_join_method,
                             SD_BUS_VTABLE_UNPRIVILEGED | SD_BUS_VTABLE_SENSITIVE),
    SD_BUS_METHOD_WITH_NAMES("ResumeDial", "t", SD_BUS_PARAM(handle), "", , resume_dial_method,
                             SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("GetTerminal", "t", SD_BUS_PARAM(handle), "s", SD_BUS_PARAM(path),
                             get_terminal_method, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("GetFailure", "t", SD_BUS_PARAM(handle), "s", SD_BUS_PARAM(why),
                             get_failure_method, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("JoinConnection", "ss", SD_BUS_PARAM(phonebook) SD_BUS_PARAM(entry),
                             "t", SD_BUS_PARAM(handle), join_connection_method,
                             SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("UnregisterConnection", "t", SD_BUS_PARAM(handle), "", , unregister,
                             SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("HangUp", "t", SD_BUS_PARAM(handle), "", , hang_up,
                             SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("SetState", "tuu",
                             SD_BUS_PARAM(handle) SD_BUS_PARAM(state) SD_BUS_PARAM(error), "", ,
                             set_state, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("StoreCredentials", "sssss",
                             SD_BUS_PARAM(phonebook) SD_BUS_PARAM(entry) SD_BUS_PARAM(user)
                                 SD_BUS_PARAM(password) SD_BUS_PARAM(domain),
                             "", , store_credentials, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("FetchCredentials", "ss", SD_BUS_PARAM(phonebook) SD_BUS_PARAM(entry),
                             "sss", SD_BUS_PARAM(user) SD_BUS_PARAM(password) SD_BUS_PARAM(domain),
                             fetch_credentials, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES(
        "GetStatistics", "t", SD_BUS_PARAM(handle), kStatisticsSignature,
        SD_BUS_PARAM(bytes_sent)
            SD_BUS_PARAM(bytes_received) SD_BUS_PARAM(frames_sent)
                SD_BUS_PARAM(frames_received) SD_BUS_PARAM(crc_errors) SD_BUS_PARAM(timeout_errors)
                    SD_BUS_PARAM(alignment_errors) SD_BUS_PARAM(hardware_overruns)
                        SD_BUS_PARAM(framing_errors) SD_BUS_PARAM(buffer_overruns)
                            SD_BUS_PARAM(compression_ratio_in) SD_BUS_PARAM(compression_ratio_out)
                                SD_BUS_PARAM(bps) SD_BUS_PARAM(connect_duration_ms),
        get_statistics_method, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("ClearStatistics", "t", SD_BUS_PARAM(handle), "", ,
                             clear_statistics_method, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES(
        "GetProjection", "t", SD_BUS_PARAM(handle), kProjectionSignature,
        SD_BUS_PARAM(ipv4_error)
            SD_BUS_PARAM(ipv4_address) SD_BUS_PARAM(ipv4_server_address) SD_BUS_PARAM(ipv4_options)
                SD_BUS_PARAM(ipv4_server_options) SD_BUS_PARAM(ipv6_error) SD_BUS_PARAM(
                    interface_id) SD_BUS_PARAM(server_interface_id) SD_BUS_PARAM(bundled)
                    SD_BUS_PARAM(multilink) SD_BUS_PARAM(auth_protocol) SD_BUS_PARAM(auth_data)
                        SD_BUS_PARAM(server_auth_protocol) SD_BUS_PARAM(server_auth_data)
                            SD_BUS_PARAM(eap_type) SD_BUS_PARAM(server_eap_type)
                                SD_BUS_PARAM(lcp_options) SD_BUS_PARAM(lcp_server_options)
                                    SD_BUS_PARAM(ccp_error) SD_BUS_PARAM(ccp_algorithm)
                                        SD_BUS_PARAM(ccp_server_algorithm) SD_BUS_PARAM(ccp_options)
                                            SD_BUS_PARAM(ccp_server_options),
        get_projection_method, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("LogonDial", "su", SD_BUS_PARAM(entry) SD_BUS_PARAM(timeout_seconds),
                             "ut", SD_BUS_PARAM(result) SD_BUS_PARAM(handle), logon_dial_method,
                             SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("LogonDialInteractive", "su",
                             SD_BUS_PARAM(entry) SD_BUS_PARAM(timeout_seconds), "ut",
                             SD_BUS_PARAM(result) SD_BUS_PARAM(handle),
                             logon_dial_interactive_method, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("LogonAnswer", "tus",
                             SD_BUS_PARAM(dial) SD_BUS_PARAM(question) SD_BUS_PARAM(answer), "", ,
                             logon_answer_method, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("Subscribe", "ut", SD_BUS_PARAM(kind) SD_BUS_PARAM(id), "t",
                             SD_BUS_PARAM(client), subscribe, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_NAMES("Unsubscribe", "ut", SD_BUS_PARAM(kind) SD_BUS_PARAM(id), "", ,
                             unsubscribe, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_SIGNAL_WITH_NAMES("StateChanged", "tuu",
                             SD_BUS_PARAM(handle) SD_BUS_PARAM(state) SD_BUS_PARAM(error), 0),
    SD_BUS_SIGNAL_WITH_NAMES("StatesChanged", "ta(uu)", SD_BUS_PARAM(handle) SD_BUS_PARAM(states),
                             0),
    SD_BUS_SIGNAL_WITH_NAMES("ConnectionAdded", "t", SD_BUS_PARAM(handle), 0),
    SD_BUS_SIGNAL_WITH_NAMES("ConnectionRemoved", "t", SD_BUS_PARAM(handle), 0),
    SD_BUS_SIGNAL_WITH_NAMES("HangUpRequested", "t", SD_BUS_PARAM(handle), 0),
    SD_BUS_SIGNAL_WITH_NAMES(
        "LogonQuestion", "tuus",
        SD_BUS_PARAM(dial) SD_BUS_PARAM(question) SD_BUS_PARAM(style) SD_BUS_PARAM(text), 0),
    SD_BUS_VTABLE_END};

}  // namespace openras::rasman
