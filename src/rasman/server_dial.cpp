// server_dial.cpp: built-in connections — Dial, their link processes, their end
// (docs/protocol.md "Built-in connections"). A connection never outlives its link: a link
// that exits, is killed or breaks the protocol ends it with ERROR_LINK_FAILURE.
#include <sys/wait.h>

#include <cstring>
#include <optional>
#include <utility>

#include "base/ascii.h"
#include "base/log.h"
#include "devices/devices.h"
#include "link/failure.h"
#include "link/zygote_message.h"
#include "modem/chat_script.h"
#include "ras.h"
#include "raserror.h"
#include "rasman/interface.h"
#include "rasman/protocol.h"
#include "rasman/serial_port.h"
#include "rasman/server.h"
#include "rasman/terminal.h"

namespace openras::rasman {

namespace {

std::string hex(uint64_t handle) {
  char text[24];
  std::snprintf(text, sizeof text, "0x%llx", llx(handle));
  return text;
}

}  // namespace

Result<devices::Device> Server::lookup_device(const std::string& name) const {
  // Read at every Dial, not taken from the registry watch's snapshot: that lags a change
  // by its debounce, and a script that sets a device's value and dials at once must dial
  // with what it wrote. The hive keeps its parse until the file changes, so this is a
  // stat and a lookup.
  return devices::find_device(paths_, name);
}

Result<ConnectionRecord> Server::dial(const Caller& caller, ConnectionRecord request,
                                      const link::StartMessage& credentials,
                                      const DialOptions& options) {
  if (auto ok = check_subscriber(caller, options.subscriber); !ok) return fail(ok.error());
  auto start = link::encode_control_message(credentials);
  if (!start) return fail(start.error());
  ScopeExit wipe_start([&] { link::wipe(*start); });
  Result<devices::Device> device = lookup_device(request.device_name);
  if (!device) return fail(device.error());
  const bool line_device =
      device->type == devices::kTypeModem || device->type == devices::kTypeSerial;
  if (device->type != devices::kTypeTest && !line_device) {
    return fail(Errc::kNotSupported, "device \"" + device->name + "\" is a " + device->type +
                                         ", which rasmand has no driver for");
  }
  if (options.terminal != link::kTerminalNone && !line_device) {
    return fail(Errc::kNotSupported, "device \"" + device->name + "\" is a " + device->type +
                                         " device, which has no line for a terminal after dialing");
  }
  if (const ConnectionRecord* other = table_.builtin_on_device(device->name)) {
    return fail(Errc::kPortNotAvailable,
                "device \"" + device->name + "\" is in use by connection " + hex(other->handle));
  }
  request.builtin = true;  // the table allocates its handle
  request.dialer.clear();
  request.device_name = device->name;
  request.device_type = devices::ras_device_type(device->type);  // RASDT_*, as Windows reports it
  request.bps = device->speed;
  auto added = table_.add(caller, std::move(request), now_seconds());
  if (!added) return added;
  subscribe_dialer(options.subscriber, added->handle);  // before its first signal
  // From here on everything the dial acquires belongs to this object, which releases it
  // on every path below (end_connection) and at the connection's end (connection.h).
  Connection& connection = add_connection(added->handle, true);
  auto unlist = [&] {
    (void)table_.remove(Caller::daemon(), added->handle);
    end_connection(added->handle);
  };
  LinkSpec spec(device->type, added->phone_number);
  if (line_device) {
    // Opened here, as root, and handed to the unprivileged link (DESIGN.md §3). A port or
    // an interface that cannot be had fails the dial the way a link's failure does: the
    // caller has its handle, then StateChanged(OpenPort, 615/602/633/716) and the end.
    auto refuse = [&](uint32_t code, const std::string& why) -> Result<ConnectionRecord> {
      LOG_NOTICE("connection 0x%llx: device %s: %s (error %u)", llx(added->handle),
                 device->name.c_str(), why.c_str(), code);
      remember_failure(*added, "device " + device->name + ": " + why);
      if (auto posted = links_->post(added->handle, link::StateMessage{RASCS_OpenPort, code});
          !posted) {
        unlist();
        return fail(Errc::kUnknown, posted.error().message);
      }
      broadcast(*added, "ConnectionAdded");
      return added;
    };
    if (options.terminal == link::kTerminalPause) {  // before the port: nothing to undo
      auto terminal = ConnectionTerminal::create(caller.uid);
      if (!terminal) return refuse(ERROR_PORT_NOT_AVAILABLE, terminal.error().message);
      spec.terminal = (*terminal)->take_master();
      LOG_NOTICE("connection 0x%llx: terminal %s for uid %u", llx(added->handle),
                 (*terminal)->path().c_str(), caller.uid);
      connection.set_terminal(std::move(*terminal));
    }
    auto port = SerialPort::open(paths_, device->port);
    if (!port) return refuse(link::ras_code(port.error().failure), port.error().message);
    const uint32_t no_interface = link::ras_code(link::LinkFailure::kInterfaceSetupFailed);
    auto made = ConnectionInterface::create(options.default_route);
    if (!made) return refuse(no_interface, made.error().message);
    auto copy = (*made)->descriptor_for_link();
    if (!copy) return refuse(no_interface, copy.error().message);
    LOG_INFO("connection 0x%llx: interface %s", llx(added->handle), (*made)->name().c_str());
    connection.set_interface(std::move(*made));
    spec.tun = std::move(*copy);
    spec.ppp = options.ppp;
    spec.port = std::move(*port);
    spec.device.port = device->port;
    spec.device.speed = device->speed;
    spec.device.flow_control = device->flow_control;
    spec.device.init = device->init;
    spec.device.dial_timeout_s = device->dial_timeout;
    spec.device.echo_interval_s = device->lcp_echo_interval.value_or(link::kEchoLineDefault);
    spec.device.echo_failures = device->lcp_echo_failure;
    spec.device.redial_count = options.redial_count;
    spec.device.redial_pause_s = options.redial_pause_s;
    spec.device.alternates = options.alternates;
    spec.device.script = options.script;
    spec.device.terminal = options.terminal;
  }
  auto started = links_->start(added->handle, std::move(spec));
  if (!started) {
    unlist();
    LOG_ERROR("connection 0x%llx: cannot start the link process %s: %s", llx(added->handle),
              links_->helper().c_str(), started.error().message.c_str());
    return fail(Errc::kUnknown,
                "rasmand cannot start its link process: " + started.error().message);
  }
  // The credentials go over the socket, first of all (never on argv or in the
  // environment); the link waits for them before it dials.
  if (auto sent = links_->send(added->handle, *start); !sent) {
    unlist();  // hangs its link up; the object goes once the link has ended
    LOG_ERROR("connection 0x%llx: cannot start its link process: %s", llx(added->handle),
              sent.error().message.c_str());
    return fail(Errc::kUnknown, "rasmand cannot talk to its link process: " + sent.error().message);
  }
  LOG_INFO("connection 0x%llx: dialled by uid %u pid %d: entry \"%s\", device %s",
           llx(added->handle), caller.uid, caller.pid, added->entry.c_str(),
           added->device_name.c_str());
  broadcast(*added, "ConnectionAdded");
  return added;
}

void Server::hang_up_builtin(const Caller& caller, uint64_t handle) {
  LOG_INFO("connection 0x%llx: hung up by uid %u pid %d", llx(handle), caller.uid, caller.pid);
  links_->stop(handle);
  end_builtin(handle, 0);
}

void Server::end_builtin(uint64_t handle, uint32_t error) {
  auto removed = table_.remove(Caller::daemon(), handle);
  if (!removed) return;
  std::vector<ConnectionRecord> dropped;  // drop() ends its object: calls, timers, link
  dropped.push_back(std::move(*removed));
  drop(std::move(dropped), error);
}

void Server::on_link_state(uint64_t handle, uint32_t state, uint32_t error, uint32_t speed,
                           const std::string& reason, const std::string& number) {
  if (!ConnectionTable::valid_state(state)) {
    LOG_WARNING("connection 0x%llx: its link reported state %u, not a RASCS_* value; ending it",
                llx(handle), state);
    links_->stop(handle);
    end_builtin(handle, ERROR_LINK_FAILURE);
    return;
  }
  if (ConnectionRecord* stored = speed != 0 ? table_.find(handle) : nullptr) {
    stored->bps = speed;  // the line's real speed (CONNECT) replaces the configured one
  }
  // The number that answered (the link's own, link/message.h field 5) is the connection's
  // number from now on (RASCONNSTATUS.szPhoneNumber), before StateChanged goes out: the
  // dialling library compares it with the numbers it composed (RASEO_PromoteAlternates).
  if (ConnectionRecord* stored = number.empty() ? nullptr : table_.find(handle);
      stored != nullptr && stored->builtin && stored->phone_number != number) {
    LOG_INFO("connection 0x%llx: %s answered (the first number was %s)", llx(handle),
             number.c_str(), stored->phone_number.c_str());
    stored->phone_number = number;
  }
  auto record = table_.set_state(Caller::daemon(), handle, state, error);
  if (!record) return;
  if (error != 0) remember_failure(*record, reason);
  if (state == RASCS_Connected && error == 0) {
    ConnectionRecord* stored = table_.find(handle);
    if (stored != nullptr && !stored->connected_usec) stored->connected_usec = monotonic_usec();
  }
  LOG_DEBUG("connection 0x%llx: %s, error %u", llx(handle),
            ConnectionTable::state_name(state).c_str(), error);
  broadcast(*record, "StateChanged");
  if (error != 0 || state == RASCS_Disconnected) {
    if (error != 0) {
      LOG_NOTICE("connection 0x%llx: failed in %s with error %u", llx(handle),
                 ConnectionTable::state_name(state).c_str(), error);
    }
    links_->stop(handle);
    end_builtin(handle, error);
  }
}

void Server::on_link_exit(uint64_t handle, int status) {
  auto record = table_.get(Caller::daemon(), handle);
  if (!record) return;
  remember_failure(
      *record, "its link process " +
                   (status == -1 ? std::string("broke the link protocol or could not be started")
                                 : describe_exit(status)));
  LOG_NOTICE("connection 0x%llx: its link process %s; the connection is down (error %u)",
             llx(handle),
             (status == -1 ? std::string("broke the link protocol or could not be started")
                           : describe_exit(status))
                 .c_str(),
             static_cast<unsigned>(ERROR_LINK_FAILURE));
  end_builtin(handle, ERROR_LINK_FAILURE);
}

namespace {

Error invalid_option(const std::string& what) {
  return Error{Errc::kInvalidArgument, "DialWithOptions: " + what, 0};
}

Status read_u32_option(sd_bus_message* m, const std::string& name, uint32_t& out) {
  if (sd_bus_message_read(m, "v", "u", &out) < 0) {
    return fail(invalid_option("option " + name + " must be a u (uint32)"));
  }
  return {};
}

Status read_alternates(sd_bus_message* m, DialOptions& o) {
  if (sd_bus_message_enter_container(m, 'v', "as") < 0 ||
      sd_bus_message_enter_container(m, 'a', "s") < 0) {
    return fail(invalid_option("option Alternates must be an as (array of strings)"));
  }
  std::size_t bytes = 0;
  const char* number = nullptr;
  int r = 0;
  while ((r = sd_bus_message_read(m, "s", &number)) > 0) {
    bytes += std::strlen(number) + 1;
    if (o.alternates.size() == kMaxAlternates || bytes > kMaxAlternateBytes) {
      return fail(invalid_option("more than " + std::to_string(kMaxAlternates) +
                                 " alternate numbers or " + std::to_string(kMaxAlternateBytes) +
                                 " bytes of them"));
    }
    if (*number == '\0' || std::strpbrk(number, "\r\n") != nullptr) {
      return fail(invalid_option("alternate number \"" + std::string(number) +
                                 "\" is empty or holds a line break"));
    }
    o.alternates.emplace_back(number);
  }
  if (r < 0 || sd_bus_message_exit_container(m) < 0 || sd_bus_message_exit_container(m) < 0) {
    return fail(invalid_option("unreadable Alternates"));
  }
  return {};
}

Status read_name_servers(sd_bus_message* m, link::PppSettings& ppp) {
  const void* data = nullptr;
  std::size_t size = 0;
  if (sd_bus_message_enter_container(m, 'v', "au") < 0 ||
      sd_bus_message_read_array(m, 'u', &data, &size) < 0 || size > 2 * sizeof(uint32_t) ||
      sd_bus_message_exit_container(m) < 0) {
    return fail(invalid_option("option NameServers must be an au of at most two addresses"));
  }
  uint32_t servers[2] = {};
  std::memcpy(servers, data, size);
  ppp.dns1 = servers[0];
  ppp.dns2 = servers[1];
  return {};
}

// One entry of DialWithOptions' dictionary; the reader stands at its value's variant.
Status read_dial_option(sd_bus_message* m, const char* key, DialOptions& o) {
  std::string name = key;
  if (name == kDialOptionRedialCount) return read_u32_option(m, name, o.redial_count);
  if (name == kDialOptionRedialPause) return read_u32_option(m, name, o.redial_pause_s);
  if (name == kDialOptionAlternates) return read_alternates(m, o);
  if (name == kDialOptionIpAddress) return read_u32_option(m, name, o.ppp.address);
  if (name == kDialOptionSubscriber) {
    if (sd_bus_message_read(m, "v", "t", &o.subscriber) < 0) {
      return fail(invalid_option("option Subscriber must be a t (a client id)"));
    }
    return {};
  }
  if (name == kDialOptionNameServers) return read_name_servers(m, o.ppp);
  if (name == kDialOptionAuthentication) {
    if (auto ok = read_u32_option(m, name, o.ppp.auth); !ok) return ok;
    if (o.ppp.auth > link::kPppAuthAll) {
      return fail(invalid_option("Authentication " + std::to_string(o.ppp.auth) +
                                 " names protocols this rasmand does not speak"));
    }
    return {};
  }
  if (name == kDialOptionNetworkProtocols) {
    if (auto ok = read_u32_option(m, name, o.ppp.networks); !ok) return ok;
    if ((o.ppp.networks & link::kPppNetIpv4) == 0 ||
        o.ppp.networks > (link::kPppNetIpv4 | link::kPppNetIpv6)) {
      return fail(invalid_option("NetworkProtocols " + std::to_string(o.ppp.networks) +
                                 ": IPv4, optionally with IPv6, is what this rasmand carries"));
    }
    return {};
  }
  if (name == kDialOptionScript) {
    const char* text = nullptr;
    if (sd_bus_message_read(m, "v", "s", &text) < 0) {
      return fail(invalid_option("option Script must be an s (string)"));
    }
    if (std::strlen(text) > link::kMaxScriptBytes) {
      return fail(invalid_option("a Script of more than " + std::to_string(link::kMaxScriptBytes) +
                                 " bytes"));
    }
    if (auto parsed = modem::parse_chat_script(text); !parsed) {
      return fail(Error{Errc::kScriptSyntax, "the script: " + parsed.error().message, 0});
    }
    o.script = text;
    return {};
  }
  if (name == kDialOptionTerminal) {
    if (auto ok = read_u32_option(m, name, o.terminal); !ok) return ok;
    if (o.terminal > link::kTerminalRefuse) {
      return fail(invalid_option("Terminal " + std::to_string(o.terminal) +
                                 ": 0 (none), 1 (pause) or 2 (refuse)"));
    }
    return {};
  }
  if (name == kDialOptionDefaultRoute) {
    int value = 0;
    if (sd_bus_message_read(m, "v", "b", &value) < 0) {
      return fail(invalid_option("option DefaultRoute must be a b (boolean)"));
    }
    o.default_route = value != 0;
    return {};
  }
  return fail(invalid_option("unknown option \"" + name + "\"; this rasmand knows " +
                             kDialOptionRedialCount + ", " + kDialOptionRedialPause + ", " +
                             kDialOptionAlternates + ", " + kDialOptionAuthentication + ", " +
                             kDialOptionIpAddress + ", " + kDialOptionNameServers + ", " +
                             kDialOptionNetworkProtocols + ", " + kDialOptionDefaultRoute + ", " +
                             kDialOptionScript + " and " + kDialOptionTerminal));
}

Result<DialOptions> read_dial_options(sd_bus_message* m) {
  DialOptions o;
  if (sd_bus_message_enter_container(m, 'a', "{sv}") < 0) {
    return fail(invalid_option("unreadable options"));
  }
  int r = 0;
  while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
    const char* key = nullptr;
    if (sd_bus_message_read(m, "s", &key) < 0) return fail(invalid_option("unreadable option"));
    if (auto ok = read_dial_option(m, key, o); !ok) return fail(ok.error());
    if (sd_bus_message_exit_container(m) < 0) return fail(invalid_option("unreadable option"));
  }
  if (r < 0 || sd_bus_message_exit_container(m) < 0) {
    return fail(invalid_option("unreadable options"));
  }
  return o;
}

// Dial, DialWithOptions and DialOrJoin: the same arguments, then the others' dictionary.
int dial_call(sd_bus_message* m, void* userdata, sd_bus_error* error, DialMethod kind) {
  Peer& peer = peer_of(userdata);
  const char* method = kind == DialMethod::kDial          ? "Dial"
                       : kind == DialMethod::kWithOptions ? "DialWithOptions"
                                                          : "DialOrJoin";
  // The call carries a password: sd-bus wipes the message's memory when it is freed.
  (void)sd_bus_message_sensitive(m);
  const char* f[4] = {};
  const char* secret[3] = {};
  int all_users = 0;
  int r = sd_bus_message_read(m, kDialSignature, &f[0], &f[1], &f[2], &f[3], &all_users, &secret[0],
                              &secret[1], &secret[2]);
  if (r < 0) {
    return bad_message(error, method, r);
  }
  Caller caller = peer.server->caller_of(peer, m);
  DialOptions options;
  if (kind != DialMethod::kDial) {
    auto read = read_dial_options(m);
    if (!read) return refuse_call(error, caller, method, 0, read.error());
    options = std::move(*read);
  }
  ConnectionRecord request;
  request.phonebook = f[0];
  request.entry = f[1];
  request.device_name = f[2];
  request.phone_number = f[3];
  request.all_users = all_users != 0;
  // Length checks first, so an oversized name never reaches the device lookup.
  request.builtin = true;
  if (auto ok = validate_registration(request); !ok) {
    return refuse_call(error, caller, method, 0, ok.error());
  }
  const char* names[3] = {"user", "password", "domain"};
  for (int i = 0; i < 3; ++i) {
    if (std::strlen(secret[i]) > link::kMaxCredentialBytes) {
      return refuse_call(
          error, caller, method, 0,
          Error{Errc::kInvalidArgument,
                std::string("the ") + names[i] + " is " + std::to_string(std::strlen(secret[i])) +
                    " bytes long; the limit is " + std::to_string(link::kMaxCredentialBytes),
                0});
    }
  }
  if (kind == DialMethod::kOrJoin) {
    // The caller's own connection of the entry, connected: one more reference to it, and
    // its subscriber follows it as it would a dial (JoinConnection's rule).
    if (auto ok = peer.server->check_subscriber(caller, options.subscriber); !ok) {
      return refuse_call(error, caller, method, 0, ok.error());
    }
    if (uint64_t joined = peer.server->join_connection(caller, request.phonebook, request.entry)) {
      peer.server->subscribe_dialer(options.subscriber, joined);
      return sd_bus_reply_method_return(m, "tb", joined, 1);
    }
  }
  if (peer.server->park_dial(peer, m, kind, request.device_name)) {
    return 1;  // answered when the device's port is free (resume_dials)
  }
  link::StartMessage credentials(secret[0], secret[1], secret[2]);
  auto dialled = peer.server->dial(caller, std::move(request), credentials, options);
  if (!dialled) return refuse_call(error, caller, method, 0, dialled.error());
  if (kind == DialMethod::kOrJoin) return sd_bus_reply_method_return(m, "tb", dialled->handle, 0);
  return sd_bus_reply_method_return(m, "t", dialled->handle);
}

}  // namespace

int dial_method(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  return dial_call(m, userdata, error, DialMethod::kDial);
}

int dial_with_options_method(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  return dial_call(m, userdata, error, DialMethod::kWithOptions);
}

int dial_or_join_method(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  return dial_call(m, userdata, error, DialMethod::kOrJoin);
}

namespace {}  // namespace

Result<const ConnectionTerminal*> Server::paused_dial(const Caller& caller, uint64_t handle) const {
  auto record = table_.get(caller, handle);
  if (!record) return fail(record.error());
  const Connection* connection = find_connection(handle);
  const ConnectionTerminal* terminal = connection ? connection->terminal() : nullptr;
  if (terminal == nullptr || record->state != RASCS_Interactive) {
    return fail(Errc::kInvalidArgument, "connection " + hex(handle) +
                                            " is not paused for a terminal (it is in " +
                                            ConnectionTable::state_name(record->state) + ")");
  }
  return terminal;
}

Status Server::resume_dial(const Caller& caller, uint64_t handle) {
  auto paused = paused_dial(caller, handle);
  if (!paused) return fail(paused.error());
  auto resume = link::encode_control_message(link::ResumeMessage{});
  if (!resume) return fail(resume.error());
  if (auto sent = links_->send(handle, *resume); !sent) return sent;
  find_connection(handle)->close_terminal();  // paused_dial found it
  LOG_INFO("connection 0x%llx: resumed by uid %u pid %d", llx(handle), caller.uid, caller.pid);
  return {};
}

int resume_dial_method(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  Peer& peer = peer_of(userdata);
  uint64_t handle = 0;
  if (int r = sd_bus_message_read(m, "t", &handle); r < 0) {
    return bad_message(error, "ResumeDial", r);
  }
  Caller caller = peer.server->caller_of(peer, m);
  if (auto ok = peer.server->resume_dial(caller, handle); !ok) {
    return refuse_call(error, caller, "ResumeDial", handle, ok.error());
  }
  return sd_bus_reply_method_return(m, nullptr);
}

int get_terminal_method(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  Peer& peer = peer_of(userdata);
  uint64_t handle = 0;
  if (int r = sd_bus_message_read(m, "t", &handle); r < 0) {
    return bad_message(error, "GetTerminal", r);
  }
  Caller caller = peer.server->caller_of(peer, m);
  auto terminal = peer.server->paused_dial(caller, handle);
  if (!terminal) return refuse_call(error, caller, "GetTerminal", handle, terminal.error());
  return sd_bus_reply_method_return(m, "s", (*terminal)->path().c_str());
}

uint64_t Server::join_connection(const Caller& caller, const std::string& phonebook,
                                 const std::string& entry) {
  ConnectionRecord* stored = table_.joinable(caller.uid, phonebook, entry);
  if (stored == nullptr) return 0;
  ++stored->references;
  LOG_INFO("connection 0x%llx: dialled again by uid %u pid %d (%u references)", llx(stored->handle),
           caller.uid, caller.pid, stored->references);
  return stored->handle;
}

int join_connection_method(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  Peer& peer = peer_of(userdata);
  const char* phonebook = nullptr;
  const char* entry = nullptr;
  if (int r = sd_bus_message_read(m, "ss", &phonebook, &entry); r < 0) {
    return bad_message(error, "JoinConnection", r);
  }
  Caller caller = peer.server->caller_of(peer, m);
  return sd_bus_reply_method_return(m, "t", peer.server->join_connection(caller, phonebook, entry));
}

void Server::remember_failure(const ConnectionRecord& record, const std::string& why) {
  if (why.empty()) return;
  if (failures_.size() == kMaxFailures) failures_.pop_front();
  failures_.push_back(
      Failure{record.handle, record.owner_uid, why.substr(0, link::kMaxReasonBytes + 128)});
}

Result<std::string> Server::failure(const Caller& caller, uint64_t handle) const {
  for (auto it = failures_.rbegin(); it != failures_.rend(); ++it) {
    if (it->handle != handle) continue;
    if (!caller.admin && it->owner != caller.uid) {
      return fail(Errc::kAccessDenied, "connection " + hex(handle) + " belongs to another user");
    }
    return it->why;
  }
  return fail(Errc::kInvalidHandle, "no failure of connection " + hex(handle) + " is known");
}

int get_failure_method(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  Peer& peer = peer_of(userdata);
  uint64_t handle = 0;
  if (int r = sd_bus_message_read(m, "t", &handle); r < 0) {
    return bad_message(error, "GetFailure", r);
  }
  Caller caller = peer.server->caller_of(peer, m);
  auto why = peer.server->failure(caller, handle);
  if (!why) return refuse_call(error, caller, "GetFailure", handle, why.error());
  return sd_bus_reply_method_return(m, "s", why->c_str());
}

bool Server::park_dial(Peer& peer, sd_bus_message* call, DialMethod method,
                       const std::string& device_name) {
  if (!links_->holds_ports()) return false;  // nothing being released: no lookup needed
  auto device = lookup_device(device_name);
  if (!device || device->port.empty()) return false;  // the dial itself says what is wrong
  if (table_.builtin_on_device(device->name) != nullptr) return false;  // in use: refused
  if (!links_->holds_port(device->port)) return false;
  if (!port_waiters_.add(peer.id, call, method, device->port)) return false;
  LOG_INFO("a dial on device %s waits for its port %s to be released", device->name.c_str(),
           device->port.c_str());
  return true;
}

void Server::on_port_released(uint64_t handle) {
  // The link of `handle` has ended and its port is free: its object goes, answering the
  // HangUp calls that waited for this (connection.h). Still listed cannot be (every end of
  // a link ends its record first), but then the object stays with its record.
  if (auto it = connections_.find(handle);
      it != connections_.end() && it->second->builtin() && table_.find(handle) == nullptr) {
    connections_.erase(it);
  }
  resume_dials();
}

void Server::resume_dials() {
  // Each runs again from the start (and may wait again, for a port taken meanwhile).
  auto free =
      port_waiters_.take_free([this](const std::string& port) { return links_->holds_port(port); });
  for (PortWaiters::Waiter& w : free) {
    auto peer = peers_.find(w.peer);
    if (peer == peers_.end() || peer->second->closed) continue;  // dropped unanswered
    sd_bus_error error{};  // SD_BUS_ERROR_NULL, without its C compound literal
    int r = sd_bus_message_rewind(w.call.get(), 1);
    if (r >= 0) r = dial_call(w.call.get(), peer->second.get(), &error, w.method);
    if (r < 0) (void)sd_bus_reply_method_errno(w.call.get(), r, &error);
    sd_bus_error_free(&error);
  }
}

}  // namespace openras::rasman
