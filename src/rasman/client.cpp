// client.cpp: see client.h.
#include "rasman/client.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <systemd/sd-bus.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>

#include "base/unique_fd.h"
#include "rasman/identity_codec.h"
#include "rasman/protocol.h"

namespace openras::rasman {

namespace {

uint64_t monotonic_us() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000u + static_cast<uint64_t>(ts.tv_nsec) / 1000u;
}

Error unavailable(const std::string& path, const std::string& why) {
  return Error{Errc::kServiceUnavailable,
               "rasmand does not answer on " + path + " (" + why +
                   "); start it (systemctl start rasmand.socket, or rasmand --root DIR)",
               0};
}

// A non-blocking connect that waits at most `timeout_ms` (a full accept backlog would
// otherwise block us for as long as rasmand is stuck).
Result<UniqueFd> connect_socket(const std::string& path, int timeout_ms) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof address.sun_path) {
    return fail(Errc::kInvalidArgument, "socket path " + path + " is too long");
  }
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd) return fail_errno(errno, "creating a socket");
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) {
    return fd;
  }
  if (errno != EAGAIN && errno != EINPROGRESS) return fail(unavailable(path, std::strerror(errno)));
  pollfd p{fd.get(), POLLOUT, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return fail(unavailable(path, "connect timed out"));
  int err = 0;
  socklen_t len = sizeof err;
  ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len);
  if (err != 0) return fail(unavailable(path, std::strerror(err)));
  return fd;
}

// A bus connection on rasmand's socket, its handshake done; `before_start` adds matches.
// Waits at most options.connect_timeout_ms in all.
Result<sd_bus*> open_connection(const std::string& path, const ClientOptions& options,
                                const std::function<int(sd_bus*)>& before_start) {
  auto fd = connect_socket(path, options.connect_timeout_ms);
  if (!fd) return fail(fd.error());
  sd_bus* bus = nullptr;
  int r = sd_bus_new(&bus);
  if (r < 0) return fail_errno(-r, "creating a bus connection");
  ScopeExit close_on_failure([&] { sd_bus_close_unref(bus); });
  if ((r = sd_bus_set_fd(bus, fd->get(), fd->get())) < 0) return fail_errno(-r, "sd_bus_set_fd");
  (void)fd->release();
  if ((r = sd_bus_negotiate_fds(bus, 0)) < 0 ||
      (r = sd_bus_set_method_call_timeout(
           bus, static_cast<uint64_t>(options.call_timeout_ms) * 1000u)) < 0 ||
      (before_start && (r = before_start(bus)) < 0) || (r = sd_bus_start(bus)) < 0) {
    return fail(unavailable(path, std::strerror(-r)));
  }
  uint64_t deadline = monotonic_us() + static_cast<uint64_t>(options.connect_timeout_ms) * 1000u;
  while (sd_bus_is_ready(bus) <= 0) {
    r = sd_bus_process(bus, nullptr);
    if (r < 0 || sd_bus_is_open(bus) <= 0) {
      return fail(unavailable(path, r < 0 ? std::strerror(-r) : "connection closed"));
    }
    if (r > 0) continue;
    uint64_t now = monotonic_us();
    if (now >= deadline) {
      return fail(unavailable(path, "no answer to the D-Bus handshake within " +
                                        std::to_string(options.connect_timeout_ms) + " ms"));
    }
    (void)sd_bus_wait(bus, deadline - now);
  }
  return std::exchange(bus, nullptr);
}

// What a failed call means for its caller: `lost` when the connection it used is gone
// (rasmand went away: the caller drops that connection).
Error call_failure(const char* method, int r, const sd_bus_error& error, bool lost,
                   const std::string& path, const ClientOptions& options) {
  if (lost) return unavailable(path, "it closed the connection");
  if (r == -ETIMEDOUT) {
    return Error{Errc::kTimeout,
                 std::string(method) + ": rasmand on " + path + " did not answer within " +
                     std::to_string(options.call_timeout_ms) + " ms",
                 0};
  }
  std::string why = error.message ? std::string(error.message) : std::string(std::strerror(-r));
  if (error.name != nullptr && std::strcmp(error.name, SD_BUS_ERROR_UNKNOWN_METHOD) == 0) {
    // A rasmand older than this library: after an upgrade, until it is restarted.
    why = std::string(method) + ": rasmand on " + path +
          " does not know this call, so it is older than this library (" + why +
          "). Restart it after an upgrade: systemctl restart rasmand, or for a private root "
          "end its rasmand (the next call starts a new one)";
  }
  return Error{errc_from_dbus_error(error.name), why, 0};
}

// Whether a failed call means its connection is gone (rasmand went away).
bool connection_lost(sd_bus* bus, int r) {
  return sd_bus_is_open(bus) <= 0 || r == -ECONNRESET || r == -ENOTCONN || r == -EPIPE;
}

// Reads a successful reply with `read`; kInvalidData naming `method` if it does not parse.
template <class Read>
Status read_reply(const char* method, Read& read, sd_bus_message* reply) {
  int r = read(reply);
  if (r < 0) {
    return fail(Errc::kInvalidData,
                std::string(method) + ": unexpected reply from rasmand: " + std::strerror(-r));
  }
  return {};
}

}  // namespace

Errc errc_from_dbus_error(const char* name) noexcept {
  if (name == nullptr) return Errc::kUnknown;
  for (const ErrorName& e : kErrorNames) {
    if (std::strcmp(name, e.name) == 0) return e.code;
  }
  // Errors sd-bus itself and other D-Bus peers send.
  struct Pair {
    const char* name;
    Errc code;
  };
  static const Pair kBusErrors[] = {
      {"org.freedesktop.DBus.Error.InvalidArgs", Errc::kInvalidArgument},
      {"org.freedesktop.DBus.Error.NoReply", Errc::kTimeout},
      {"org.freedesktop.DBus.Error.Timeout", Errc::kTimeout}};
  for (const Pair& p : kBusErrors) {
    if (std::strcmp(name, p.name) == 0) return p.code;
  }
  return Errc::kUnknown;
}

struct Client::State {
  std::string path;
  ClientOptions options;
  std::mutex mutex;  // guards everything below but `stop`
  sd_bus* bus = nullptr;
  sd_bus_slot* signal_match = nullptr;
  sd_bus_slot* disconnect_match = nullptr;
  std::vector<Event> pending;  // signals received, not yet given to the handler
  std::function<void(const Event&)> handler;
  std::thread thread;
  UniqueFd wake;  // eventfd: the bus changed or messages were queued by a call
  std::atomic<bool> stop{false};
  // The bus completed its handshake and its loss has not been reported (kDisconnected).
  bool up = false;
  // Bumped whenever the bus is closed, so calls waiting for a reply on it give up; the
  // calls waiting (each is woken then).
  uint64_t bus_generation = 0;
  std::set<std::condition_variable*> in_flight;
  // The event thread is running the handler, not reading the bus (exchange() reads it then);
  // a waiting caller is reading it.
  bool delivering = false;
  bool driving = false;
  // Subscriptions that outlive a reconnection (everything, an owner, the objects), and the
  // id rasmand knows this connection by (0 until a Subscribe answered it on this bus).
  std::vector<std::pair<Subscription, uint64_t>> standing;
  uint64_t client_id = 0;
  // Set once the event thread runs: from then on, calls that need not be made on this
  // connection go to the call lines instead (Lines below).
  std::atomic<bool> events_running{false};

  ~State() {
    handler = nullptr;  // nothing to tell any more
    close_bus();
  }

  void close_bus() {
    // A call can find the connection dead before the event thread processes sd-bus's
    // Disconnected message, and closing the bus here discards that message: the loss is
    // reported either way, exactly once per connection.
    if (up && handler) {
      pending.push_back(Event{Event::Kind::kDisconnected, 0, 0, 0});
      poke();
    }
    up = false;
    ++bus_generation;
    for (std::condition_variable* waiting : in_flight) waiting->notify_all();
    signal_match = sd_bus_slot_unref(signal_match);
    disconnect_match = sd_bus_slot_unref(disconnect_match);
    bus = sd_bus_close_unref(bus);
  }

  void poke() {
    if (wake) {
      uint64_t one = 1;
      (void)!::write(wake.get(), &one, sizeof one);
    }
  }

  static int on_signal(sd_bus_message* m, void* userdata, sd_bus_error*) {
    auto* self = static_cast<State*>(userdata);
    Event event;
    const char* member = sd_bus_message_get_member(m);
    if (member == nullptr) return 0;
    int r = 0;
    if (std::strcmp(member, "StateChanged") == 0) {
      event.kind = Event::Kind::kStateChanged;
      r = sd_bus_message_read(m, "tuu", &event.handle, &event.state, &event.error);
    } else if (std::strcmp(member, "StatesChanged") == 0) {
      // A burst of one connection's states in one signal: each becomes its event, in order.
      event.kind = Event::Kind::kStateChanged;
      r = sd_bus_message_read(m, "t", &event.handle);
      if (r >= 0) r = sd_bus_message_enter_container(m, 'a', "(uu)");
      while (r >= 0 && (r = sd_bus_message_read(m, "(uu)", &event.state, &event.error)) > 0) {
        self->pending.push_back(event);
      }
      return 0;
    } else {
      if (std::strcmp(member, "HangUpRequested") == 0) {
        event.kind = Event::Kind::kHangUpRequested;
      } else if (std::strcmp(member, "ConnectionAdded") == 0) {
        event.kind = Event::Kind::kConnectionAdded;
      } else if (std::strcmp(member, "ConnectionRemoved") == 0) {
        event.kind = Event::Kind::kConnectionRemoved;
      } else {
        return 0;
      }
      r = sd_bus_message_read(m, "t", &event.handle);
    }
    if (r >= 0) self->pending.push_back(event);
    return 0;
  }

  static int on_disconnected(sd_bus_message*, void* userdata, sd_bus_error*) {
    auto* self = static_cast<State*>(userdata);
    if (self->up) self->pending.push_back(Event{Event::Kind::kDisconnected, 0, 0, 0});
    self->up = false;
    return 0;
  }

  // Connects (or reconnects) under the mutex; waits for the AUTH dialogue to finish. The
  // standing subscriptions (everything, an owner, the objects) are made again on the new
  // connection: rasmand forgot them with the old one.
  Status open_bus() {
    close_bus();
    auto opened = open_connection(path, options, [this](sd_bus* b) {
      int r = sd_bus_match_signal(b, &signal_match, nullptr, kObjectPath, kInterface, nullptr,
                                  on_signal, this);
      if (r >= 0) {
        r = sd_bus_match_signal(b, &disconnect_match, "org.freedesktop.DBus.Local",
                                "/org/freedesktop/DBus/Local", "org.freedesktop.DBus.Local",
                                "Disconnected", on_disconnected, this);
      }
      return r;
    });
    if (!opened) {
      signal_match = sd_bus_slot_unref(signal_match);
      disconnect_match = sd_bus_slot_unref(disconnect_match);
      return fail(opened.error());
    }
    bus = *opened;
    up = true;
    client_id = 0;
    for (auto [kind, id] : standing) {
      sd_bus_error error{};
      sd_bus_message* reply = nullptr;
      int r = sd_bus_call_method(bus, nullptr, kObjectPath, kInterface, "Subscribe", &error, &reply,
                                 "ut", static_cast<uint32_t>(kind) | kSubscribeBatched, id);
      if (r >= 0) (void)sd_bus_message_read(reply, "t", &client_id);
      sd_bus_message_unref(reply);
      sd_bus_error_free(&error);
    }
    poke();
    return {};
  }

  // Makes sure there is a live bus, reconnecting if the last one was lost.
  Status ensure_bus() {
    if (bus != nullptr && sd_bus_is_open(bus) > 0) return {};
    return open_bus();
  }

  // A call in flight while the event thread runs: the thread's sd_bus_process hands the
  // reply (or the error sd-bus makes up for a timeout or a lost connection) to on_reply,
  // under the mutex, and wakes the caller.
  struct PendingCall {
    std::condition_variable done_changed;
    bool done = false;
    sd_bus_message* reply = nullptr;
  };

  static int on_reply(sd_bus_message* m, void* userdata, sd_bus_error*) {
    auto* call = static_cast<PendingCall*>(userdata);
    call->reply = sd_bus_message_ref(m);
    call->done = true;
    call->done_changed.notify_all();
    return 0;
  }

  // Sends `request` and waits for its reply. With the event thread running (and this not
  // being it), the mutex is released while waiting, so calls from several threads are in
  // flight at once, their replies matched by serial and handed over by the event thread.
  // While that thread is busy in the handler (which may itself wait for this caller), the
  // caller reads the bus itself, so a handler can never starve a call. Without the event
  // thread: sd_bus_call, holding the mutex.
  int exchange(std::unique_lock<std::mutex>& lock, sd_bus_message* request, sd_bus_message** reply,
               sd_bus_error* error) {
    bool async = thread.joinable() && std::this_thread::get_id() != thread.get_id();
    if (!async) return sd_bus_call(bus, request, 0, error, reply);
    PendingCall call;
    sd_bus_slot* slot = nullptr;
    int r = sd_bus_call_async(bus, &slot, request, on_reply, &call, 0);
    if (r < 0) return r;
    uint64_t generation = bus_generation;
    in_flight.insert(&call.done_changed);
    poke();  // the event thread polls for the reply (and for writing, if any is queued)
    auto settled = [&] { return call.done || bus_generation != generation; };
    // One waiting caller at a time reads the bus for the busy event thread (the driver);
    // the others wait for their replies, so 200 callers do not all poll one socket.
    bool driver = false;
    while (!settled()) {
      if (!delivering || (driving && !driver)) {
        call.done_changed.wait(lock, [&] { return settled() || (delivering && !driving); });
        continue;
      }
      driver = driving = true;
      r = sd_bus_process(bus, nullptr);
      if (r > 0) continue;
      if (r < 0) break;
      pollfd p{sd_bus_get_fd(bus), static_cast<short>(sd_bus_get_events(bus)), 0};
      lock.unlock();
      (void)::poll(&p, 1, 5);
      lock.lock();
    }
    if (driver) {  // hand over: another waiter may still need the bus read
      driving = false;
      for (std::condition_variable* waiting : in_flight) waiting->notify_all();
    }
    in_flight.erase(&call.done_changed);
    sd_bus_slot_unref(slot);  // before `call` goes: no callback may reach it after this
    if (!call.done) return r < 0 ? r : -ECONNRESET;  // the bus failed or was closed
    ScopeExit release([&] { sd_bus_message_unref(call.reply); });
    if (sd_bus_message_is_method_error(call.reply, nullptr)) {
      const sd_bus_error* e = sd_bus_message_get_error(call.reply);
      sd_bus_error_copy(error, e);
      // sd-bus answers NoReply for its own time-out and for a connection that went.
      if (sd_bus_is_open(bus) <= 0) return -ECONNRESET;
      int errno_r = sd_bus_error_get_errno(e);
      return -(errno_r > 0 ? errno_r : EIO);
    }
    *reply = sd_bus_message_ref(call.reply);
    return 1;
  }

  // Calls `method`; `fill` appends arguments, `read` reads the reply.
  template <class Fill, class Read>
  Status call(const char* method, Fill fill, Read read) {
    std::unique_lock lock(mutex);
    if (auto ok = ensure_bus(); !ok) return ok;
    sd_bus_message* request = nullptr;
    sd_bus_message* reply = nullptr;
    sd_bus_error error{};  // SD_BUS_ERROR_NULL, without its C compound literal
    ScopeExit cleanup([&] {
      sd_bus_message_unref(request);
      sd_bus_message_unref(reply);
      sd_bus_error_free(&error);
      poke();  // signals that arrived during the call wait in the bus's queue
    });
    int r = sd_bus_message_new_method_call(bus, &request, nullptr, kObjectPath, kInterface, method);
    if (r >= 0) r = fill(request);
    if (r < 0 && !sd_bus_error_is_set(&error)) {
      return fail(Errc::kInvalidArgument, std::string(method) + ": " + std::strerror(-r));
    }
    sd_bus* used = sd_bus_ref(bus);  // the bus of this call, even if another replaces it
    ScopeExit unref_used([&] { sd_bus_unref(used); });
    r = exchange(lock, request, &reply, &error);
    if (r < 0) {
      bool lost = used != bus || connection_lost(bus, r);
      if (lost && used == bus) close_bus();
      return fail(call_failure(method, r, error, lost, path, options));
    }
    return read_reply(method, read, reply);
  }

  void run_events() {
    while (!stop.load()) {
      int fd = -1;
      short events = 0;
      uint64_t timeout_us = UINT64_MAX;
      {
        std::lock_guard lock(mutex);
        if (bus != nullptr && sd_bus_is_open(bus) > 0) {
          fd = sd_bus_get_fd(bus);
          events = static_cast<short>(sd_bus_get_events(bus));
          (void)sd_bus_get_timeout(bus, &timeout_us);
        }
        // Signals a waiting caller read off the bus while this thread ran the handler are
        // already queued: deliver them without waiting for more input.
        if (!pending.empty()) timeout_us = 0;
      }
      pollfd fds[2] = {{wake.get(), POLLIN, 0}, {fd, events, 0}};
      int wait_ms = -1;
      if (timeout_us != UINT64_MAX) {
        uint64_t now = monotonic_us();
        wait_ms = timeout_us <= now
                      ? 0
                      : static_cast<int>(std::min<uint64_t>((timeout_us - now) / 1000 + 1, 60000));
      }
      (void)::poll(fds, fd >= 0 ? 2 : 1, wait_ms);
      if (fds[0].revents & POLLIN) {
        uint64_t count = 0;
        (void)!::read(wake.get(), &count, sizeof count);
      }
      std::vector<Event> ready;
      std::function<void(const Event&)> deliver;
      {
        std::lock_guard lock(mutex);
        if (bus != nullptr) {
          while (sd_bus_process(bus, nullptr) > 0) {
          }
        }
        ready.swap(pending);
        deliver = handler;
        delivering = !ready.empty();
        // Calls waiting for the thread to read their replies read them themselves now.
        if (delivering) {
          for (std::condition_variable* waiting : in_flight) waiting->notify_all();
        }
      }
      for (const Event& event : ready) deliver(event);
      if (!ready.empty()) {
        std::lock_guard lock(mutex);
        delivering = false;
      }
    }
  }
};

namespace {

int no_arguments(sd_bus_message*) { return 0; }

// DialWithOptions' dictionary: only the options that differ from their default.
int append_dial_options(sd_bus_message* m, const DialOptions& o) {
  int r = sd_bus_message_open_container(m, 'a', "{sv}");
  const link::PppSettings defaults;
  for (auto [key, value, usual] :
       {std::tuple{kDialOptionRedialCount, o.redial_count, 0U},
        std::tuple{kDialOptionRedialPause, o.redial_pause_s, 0U},
        std::tuple{kDialOptionAuthentication, o.ppp.auth, defaults.auth},
        std::tuple{kDialOptionIpAddress, o.ppp.address, defaults.address},
        std::tuple{kDialOptionNetworkProtocols, o.ppp.networks, defaults.networks}}) {
    if (r < 0) return r;
    if (value != usual) r = sd_bus_message_append(m, "{sv}", key, "u", value);
  }
  if (r >= 0 && o.default_route) {
    r = sd_bus_message_append(m, "{sv}", kDialOptionDefaultRoute, "b", 1);
  }
  if (r >= 0 && !o.script.empty()) {
    r = sd_bus_message_append(m, "{sv}", kDialOptionScript, "s", o.script.c_str());
  }
  if (r >= 0 && o.subscriber != 0) {
    r = sd_bus_message_append(m, "{sv}", kDialOptionSubscriber, "t", o.subscriber);
  }
  if (r >= 0 && o.terminal != link::kTerminalNone) {
    r = sd_bus_message_append(m, "{sv}", kDialOptionTerminal, "u", o.terminal);
  }
  if (r >= 0 && (o.ppp.dns1 != 0 || o.ppp.dns2 != 0)) {
    r = sd_bus_message_append(m, "{sv}", kDialOptionNameServers, "au", 2, o.ppp.dns1, o.ppp.dns2);
  }
  if (r >= 0 && !o.alternates.empty()) {
    r = sd_bus_message_open_container(m, 'e', "sv");
    if (r >= 0) r = sd_bus_message_append(m, "s", kDialOptionAlternates);
    if (r >= 0) r = sd_bus_message_open_container(m, 'v', "as");
    if (r >= 0) r = sd_bus_message_open_container(m, 'a', "s");
    for (const std::string& number : o.alternates) {
      if (r >= 0) r = sd_bus_message_append(m, "s", number.c_str());
    }
    for (int i = 0; i < 3 && r >= 0; ++i) r = sd_bus_message_close_container(m);
  }
  if (r < 0) return r;
  return sd_bus_message_close_container(m);
}
int no_reply(sd_bus_message*) { return 0; }

// kConnectionSignature: the record's own fields, then its identity; read in place.
int read_connection(sd_bus_message* m, ConnectionRef& c) {
  const char* dialer = nullptr;
  uint32_t uid = 0;
  uint32_t pid = 0;
  int r = sd_bus_message_read(m, "tuutuus", &c.handle, &uid, &pid, &c.start_time, &c.state,
                              &c.error, &dialer);
  if (r <= 0) return r < 0 ? r : -EBADMSG;
  c.owner_uid = static_cast<uid_t>(uid);
  c.pid = static_cast<pid_t>(pid);
  c.dialer = dialer;
  return read_identity(m, c.identity);
}

ConnectionInfo copy_of(const ConnectionRef& ref) {
  ConnectionInfo info;
  static_cast<ConnectionIdentity&>(info) = ref.identity.copy();
  info.handle = ref.handle;
  info.owner_uid = ref.owner_uid;
  info.pid = ref.pid;
  info.start_time = ref.start_time;
  info.state = ref.state;
  info.error = ref.error;
  info.dialer = ref.dialer;
  return info;
}

}  // namespace

// Connections for calls only. rasmand sends them no signal (they subscribe to nothing), so
// a reply never waits behind signals about other connections; each serves one thread at a
// time, which reads its own reply (sd_bus_call): no thread hands a message to another.
// At most kMaxLines are open; a caller finding all busy waits for one to come back.
struct Client::Lines {
  static constexpr std::size_t kMaxLines = 4;
  std::size_t max_lines = kMaxLines;  // ClientOptions::call_lines, at most kMaxLines
  std::mutex mutex;
  std::condition_variable freed;
  std::vector<sd_bus*> idle;  // ours, each with its handshake done
  std::size_t open = 0;       // idle, in use, or being connected

  ~Lines() {
    for (sd_bus* bus : idle) sd_bus_flush_close_unref(bus);
  }

  Result<sd_bus*> acquire(const std::string& path, const ClientOptions& options) {
    std::unique_lock lock(mutex);
    for (;;) {
      if (!idle.empty()) {
        sd_bus* bus = idle.back();
        idle.pop_back();
        return bus;
      }
      if (open < max_lines) break;
      freed.wait(lock);
    }
    ++open;
    lock.unlock();
    auto bus = open_connection(path, options, nullptr);
    if (!bus) release(nullptr);
    return bus;
  }

  // Gives `bus` back; nullptr or a closed bus: it is gone, another may be opened.
  void release(sd_bus* bus) {
    std::lock_guard lock(mutex);
    if (bus != nullptr && sd_bus_is_open(bus) > 0) {
      idle.push_back(bus);
    } else {
      sd_bus_close_unref(bus);
      --open;
    }
    freed.notify_one();
  }

  template <class Fill, class Read>
  Status call(const std::string& path, const ClientOptions& options, const char* method, Fill fill,
              Read read) {
    auto line = acquire(path, options);
    if (!line) return fail(line.error());
    sd_bus* bus = *line;
    sd_bus_message* request = nullptr;
    sd_bus_message* reply = nullptr;
    sd_bus_error error{};
    ScopeExit cleanup([&] {
      sd_bus_message_unref(request);
      sd_bus_message_unref(reply);
      sd_bus_error_free(&error);
      release(bus);
    });
    int r = sd_bus_message_new_method_call(bus, &request, nullptr, kObjectPath, kInterface, method);
    if (r >= 0) r = fill(request);
    if (r < 0) return fail(Errc::kInvalidArgument, std::string(method) + ": " + std::strerror(-r));
    r = sd_bus_call(bus, request, 0, &error, &reply);
    if (r < 0) {
      bool lost = connection_lost(bus, r);
      if (lost) sd_bus_close(bus);  // released as gone
      return fail(call_failure(method, r, error, lost, path, options));
    }
    return read_reply(method, read, reply);
  }
};

Client::Client(std::unique_ptr<State> state)
    : state_(std::move(state)), lines_(std::make_unique<Lines>()) {
  lines_->max_lines = std::min(state_->options.call_lines, Lines::kMaxLines);
}

template <class Fill, class Read>
Status Client::call(const char* method, Fill fill, Read read) {
  if (lines_->max_lines > 0 && state_->events_running.load(std::memory_order_acquire)) {
    return lines_->call(state_->path, state_->options, method, fill, read);
  }
  return state_->call(method, fill, read);
}

Result<uint64_t> Client::subscribe(Subscription kind, uint64_t id) {
  uint64_t client = 0;
  auto ok = state_->call(
      "Subscribe",
      [&](sd_bus_message* m) {
        // This client takes StatesChanged (on_signal unpacks it).
        return sd_bus_message_append(m, "ut", static_cast<uint32_t>(kind) | kSubscribeBatched, id);
      },
      [&](sd_bus_message* m) { return sd_bus_message_read(m, "t", &client); });
  if (!ok) return fail(ok.error());
  std::lock_guard lock(state_->mutex);
  state_->client_id = client;
  if (kind != Subscription::kConnection && kind != Subscription::kNone) {
    auto standing = std::pair{kind, kind == Subscription::kOwner ? id : 0};
    auto& list = state_->standing;
    if (std::find(list.begin(), list.end(), standing) == list.end()) list.push_back(standing);
  }
  return client;
}

Status Client::unsubscribe(Subscription kind, uint64_t id) {
  {
    std::lock_guard lock(state_->mutex);
    auto& list = state_->standing;
    std::erase_if(list, [&](const auto& s) {
      return kind == Subscription::kNone ||
             (s.first == kind && (kind != Subscription::kOwner || s.second == id));
    });
  }
  return state_->call(
      "Unsubscribe",
      [&](sd_bus_message* m) {
        return sd_bus_message_append(m, "ut", static_cast<uint32_t>(kind), id);
      },
      no_reply);
}

Result<uint64_t> Client::event_client_id() {
  {
    std::lock_guard lock(state_->mutex);
    if (state_->client_id != 0 && state_->up) return state_->client_id;
  }
  return subscribe(Subscription::kNone, 0);
}

Client::~Client() {
  if (state_->thread.joinable()) {
    state_->stop = true;
    state_->poke();
    state_->thread.join();
  }
}

Result<std::unique_ptr<Client>> Client::connect(std::string socket_path, ClientOptions options) {
  auto state = std::make_unique<State>();
  state->path = std::move(socket_path);
  state->options = options;
  {
    std::lock_guard lock(state->mutex);
    if (auto ok = state->open_bus(); !ok) return fail(ok.error());
  }
  return std::unique_ptr<Client>(new Client(std::move(state)));
}

const std::string& Client::socket_path() const { return state_->path; }

Status Client::start_events(std::function<void(const Event&)> handler) {
  std::lock_guard lock(state_->mutex);
  if (state_->thread.joinable()) return fail(Errc::kAlreadyExists, "the event thread runs already");
  state_->wake.reset(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  if (!state_->wake) return fail_errno(errno, "eventfd");
  state_->handler = std::move(handler);
  state_->thread = std::thread([s = state_.get()] { s->run_events(); });
  state_->events_running.store(true, std::memory_order_release);
  return {};
}

Status Client::visit_connections(const std::function<void(const ConnectionRef&)>& visit) {
  return call("ListConnections", no_arguments, [&](sd_bus_message* m) {
    int r = sd_bus_message_enter_container(m, 'a', "(tuutuussssssb)");
    while (r >= 0 && (r = sd_bus_message_enter_container(m, 'r', kConnectionSignature)) > 0) {
      ConnectionRef ref;
      if ((r = read_connection(m, ref)) < 0) break;
      visit(ref);
      r = sd_bus_message_exit_container(m);
    }
    return r < 0 ? r : sd_bus_message_exit_container(m);
  });
}

Result<std::vector<ConnectionInfo>> Client::list_connections() {
  std::vector<ConnectionInfo> out;
  auto ok = visit_connections([&](const ConnectionRef& ref) { out.push_back(copy_of(ref)); });
  if (!ok) return fail(ok.error());
  return out;
}

Result<ConnectionInfo> Client::get_connection(uint64_t handle) {
  ConnectionInfo info;
  auto ok = call(
      "GetConnection", [&](sd_bus_message* m) { return sd_bus_message_append(m, "t", handle); },
      [&](sd_bus_message* m) {
        ConnectionRef ref;
        int r = read_connection(m, ref);
        if (r >= 0) info = copy_of(ref);
        return r;
      });
  if (!ok) return fail(ok.error());
  return info;
}

Result<uint64_t> Client::register_custom(const CustomRegistration& c) {
  uint64_t public_handle = 0;
  auto ok = state_->call(
      "RegisterCustomConnection",
      [&](sd_bus_message* m) {
        int r = sd_bus_message_append(m, "ts", c.handle, c.dialer.c_str());
        return r < 0 ? r : append_identity(m, c);
      },
      [&](sd_bus_message* m) { return sd_bus_message_read(m, "t", &public_handle); });
  if (!ok) return fail(ok.error());
  return public_handle;
}

Result<uint64_t> Client::dial(const DialRequest& d, const DialOptions& options) {
  auto dialled = dial_call(d, options, false);
  if (!dialled) return fail(dialled.error());
  return dialled->handle;
}

Result<Client::Dialled> Client::dial_or_join(const DialRequest& d, const DialOptions& options) {
  return dial_call(d, options, true);
}

Result<Client::Dialled> Client::dial_call(const DialRequest& d, const DialOptions& given,
                                          bool join) {
  Dialled dialled;
  DialOptions options = given;
  // Its states reach the event thread's connection, which rasmand subscribes to the dial
  // before it sends any of them (the dial itself goes on a call line).
  if (state_->events_running.load(std::memory_order_acquire) && options.subscriber == 0) {
    auto id = event_client_id();
    if (!id) return fail(id.error());
    options.subscriber = *id;
  }
  const bool plain = options.empty() && !join;
  auto ok = call(
      join    ? "DialOrJoin"
      : plain ? "Dial"
              : "DialWithOptions",
      [&](sd_bus_message* m) {
        // It carries a password: sd-bus wipes the message's memory when it frees it.
        int r = sd_bus_message_sensitive(m);
        if (r < 0) return r;
        r = sd_bus_message_append(m, kDialSignature, d.phonebook.c_str(), d.entry.c_str(),
                                  d.device_name.c_str(), d.phone_number.c_str(),
                                  static_cast<int>(d.all_users), d.user.c_str(), d.password.c_str(),
                                  d.domain.c_str());
        if (r < 0 || plain) return r;
        return append_dial_options(m, options);
      },
      [&](sd_bus_message* m) {
        if (!join) return sd_bus_message_read(m, "t", &dialled.handle);
        int joined = 0;
        int r = sd_bus_message_read(m, "tb", &dialled.handle, &joined);
        dialled.joined = joined != 0;
        return r;
      });
  if (!ok) return fail(ok.error());
  return dialled;
}

Result<ConnectionStatistics> Client::get_statistics(uint64_t handle) {
  ConnectionStatistics s;
  auto ok = call(
      "GetStatistics", [&](sd_bus_message* m) { return sd_bus_message_append(m, "t", handle); },
      [&](sd_bus_message* m) { return read_statistics(m, s); });
  if (!ok) return fail(ok.error());
  return s;
}

Status Client::clear_statistics(uint64_t handle) {
  return call(
      "ClearStatistics", [&](sd_bus_message* m) { return sd_bus_message_append(m, "t", handle); },
      no_reply);
}

Result<PppProjection> Client::get_projection(uint64_t handle) {
  PppProjection p;
  auto ok = call(
      "GetProjection", [&](sd_bus_message* m) { return sd_bus_message_append(m, "t", handle); },
      [&](sd_bus_message* m) { return read_projection(m, p); });
  if (!ok) return fail(ok.error());
  return p;
}

Status Client::unregister(uint64_t handle) {
  return state_->call(
      "UnregisterConnection",
      [&](sd_bus_message* m) { return sd_bus_message_append(m, "t", handle); }, no_reply);
}

Status Client::hang_up(uint64_t handle) {
  return call(
      "HangUp", [&](sd_bus_message* m) { return sd_bus_message_append(m, "t", handle); }, no_reply);
}

Result<std::string> Client::get_failure(uint64_t handle) {
  std::string why;
  auto ok = call(
      "GetFailure", [&](sd_bus_message* m) { return sd_bus_message_append(m, "t", handle); },
      [&](sd_bus_message* m) {
        const char* text = nullptr;
        int r = sd_bus_message_read(m, "s", &text);
        if (r >= 0) why = text;
        return r;
      });
  if (!ok) return fail(ok.error());
  return why;
}

Result<uint64_t> Client::join_connection(const std::string& phonebook, const std::string& entry) {
  uint64_t handle = 0;
  auto ok = call(
      "JoinConnection",
      [&](sd_bus_message* m) {
        return sd_bus_message_append(m, "ss", phonebook.c_str(), entry.c_str());
      },
      [&](sd_bus_message* m) { return sd_bus_message_read(m, "t", &handle); });
  if (!ok) return fail(ok.error());
  return handle;
}

Status Client::resume_dial(uint64_t handle) {
  return call(
      "ResumeDial", [&](sd_bus_message* m) { return sd_bus_message_append(m, "t", handle); },
      no_reply);
}

Result<std::string> Client::get_terminal(uint64_t handle) {
  std::string path;
  auto ok = call(
      "GetTerminal", [&](sd_bus_message* m) { return sd_bus_message_append(m, "t", handle); },
      [&](sd_bus_message* m) {
        const char* text = nullptr;
        int r = sd_bus_message_read(m, "s", &text);
        if (r >= 0) path = text;
        return r;
      });
  if (!ok) return fail(ok.error());
  return path;
}

Status Client::set_state(uint64_t handle, uint32_t state, uint32_t error) {
  return state_->call(
      "SetState",
      [&](sd_bus_message* m) { return sd_bus_message_append(m, "tuu", handle, state, error); },
      no_reply);
}

Status Client::store_credentials(const std::string& phonebook, const std::string& entry,
                                 const StoredCredentials& c) {
  return call(
      "StoreCredentials",
      [&](sd_bus_message* m) {
        return sd_bus_message_append(m, "sssss", phonebook.c_str(), entry.c_str(), c.user.c_str(),
                                     c.password.c_str(), c.domain.c_str());
      },
      no_reply);
}

Result<StoredCredentials> Client::fetch_credentials(const std::string& phonebook,
                                                    const std::string& entry) {
  StoredCredentials out;
  auto ok = call(
      "FetchCredentials",
      [&](sd_bus_message* m) {
        return sd_bus_message_append(m, "ss", phonebook.c_str(), entry.c_str());
      },
      [&](sd_bus_message* m) {
        const char* s[3] = {};
        int r = sd_bus_message_read(m, "sss", &s[0], &s[1], &s[2]);
        if (r > 0) out = StoredCredentials{s[0], s[1], s[2]};
        return r;
      });
  if (!ok) return fail(ok.error());
  return out;
}

}  // namespace openras::rasman
