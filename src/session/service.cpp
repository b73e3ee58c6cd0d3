// service.cpp: the session's rasmand client and handle translation (see service.h).
#include "session/service.h"

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "session/builtin_dial.h"
#include "session/dialog_watch.h"
#include "session/notifications.h"

#include "base/caller.h"
#include "base/log.h"
#include "raserror.h"
#include "rasman/client.h"

namespace openras::session {

void keep_listening();

namespace {

uint64_t key(HRASCONN handle) { return reinterpret_cast<uintptr_t>(handle); }

// Aliases of ours that were withdrawn: the end was reported under the dialer's handle, so
// rasmand's late signals about them are not another connection's. rasmand never hands an
// alias out twice while it runs; the memory is bounded and cleared when rasmand goes.
class RetiredAliases {
 public:
  void add(uint64_t alias) {
    std::lock_guard lock(mutex_);
    if (!set_.insert(alias).second) return;
    order_.push_back(alias);
    if (order_.size() > kMemory) {
      set_.erase(order_.front());
      order_.pop_front();
    }
  }
  bool contains(uint64_t alias) {
    std::lock_guard lock(mutex_);
    return set_.count(alias) != 0;
  }
  void clear() {
    std::lock_guard lock(mutex_);
    set_.clear();
    order_.clear();
  }

 private:
  static constexpr std::size_t kMemory = 1024;
  std::mutex mutex_;
  std::unordered_set<uint64_t> set_;
  std::deque<uint64_t> order_;
};

RetiredAliases& retired_aliases() {
  static auto* aliases = new RetiredAliases;  // never destroyed: the event thread uses it
  return *aliases;
}

// Whether the event connection follows every connection (follow_everything): while a
// RasConnectionNotification registration needs it, and no longer.
std::atomic<bool> g_following_everything{false};
std::atomic<bool> g_one_socket{false};  // use_one_socket()

// The last registration went: rasmand need not tell this process of every connection any
// more (its own dials stay followed one by one).
void stop_following_if_unneeded() {
  if (!g_following_everything.load() || have_notifications()) return;
  auto client = service_client();
  if (!client) return;
  if (g_following_everything.exchange(false)) {
    (void)(*client)->unsubscribe(rasman::Subscription::kEverything);
  }
}

// What RasConnectionNotification needs to know of rasmand's signals, under the handles
// this process reports.
void notify(const rasman::Event& event) {
  switch (event.kind) {
    case rasman::Event::Kind::kStateChanged:
      if (event.state != RASCS_Connected) break;
      if (auto here = handle_here(event.handle)) note_connected(*here);
      break;
    case rasman::Event::Kind::kConnectionRemoved:
      if (auto here = handle_here(event.handle)) {
        // rasmand dropped a connection of ours (its hang-up timed out): it no longer knows
        // it, so nothing of ours may use the old public handle.
        if (auto ours = Connections::instance().find_public(event.handle)) {
          Connections::instance().set_public(ours->handle, 0);
          if (event.handle != key(ours->handle)) retired_aliases().add(event.handle);
        }
        note_disconnected(*here);
      }
      break;
    case rasman::Event::Kind::kDisconnected: {
      std::vector<uint64_t> ours;
      for (const Connection& c : Connections::instance().list()) ours.push_back(key(c.handle));
      // Every registration went with rasmand.
      Connections::instance().forget_public();
      retired_aliases().clear();
      note_service_lost(ours);
      if (have_notifications()) keep_listening();
      break;
    }
    default:
      break;
  }
  if (event.kind == rasman::Event::Kind::kStateChanged ||
      event.kind == rasman::Event::Kind::kConnectionRemoved) {
    stop_following_if_unneeded();
  }
}

// Runs a hang-up rasmand asked for: the dialer's RasCustomHangUp (with the dialer's own
// handle), then the withdrawal.
void on_event(const rasman::Event& event) {
  notify(event);
  if (event.kind == rasman::Event::Kind::kStateChanged ||
      event.kind == rasman::Event::Kind::kDisconnected) {
    on_builtin_event(event);
    return;
  }
  if (event.kind != rasman::Event::Kind::kHangUpRequested) return;
  std::optional<Connection> c = Connections::instance().take_public(event.handle);
  if (!c) return;
  DWORD rc = c->dialer->hang_up(c->handle);
  LOG_DEBUG(
      "hang-up of %#llx (the dialer's %#llx) asked through rasmand: RasCustomHangUp "
      "returned %u",
      static_cast<unsigned long long>(event.handle),
      static_cast<unsigned long long>(key(c->handle)), rc);
  withdraw(*c);
  note_disconnected(key(c->handle));
  hung_up_elsewhere(c->identity, "the dial was hung up (RasHangUp through rasmand)");
}

// One client per process, made on first use and remade after rasmand restarted.
class ServiceConnection {
 public:
  static ServiceConnection& instance() {
    // Never destroyed: its event thread may outlive main().
    static auto* service = new ServiceConnection;
    return *service;
  }

  // The connected client, or nullptr when no rasmand answers.
  rasman::Client* client() {
    auto client = connect();
    return client ? *client : nullptr;
  }

  // The connected client, or why there is none (kServiceUnavailable naming the socket).
  Result<rasman::Client*> connect() {
    std::lock_guard lock(mutex_);
    if (client_) return client_.get();
    auto who = calling_caller();
    if (!who) return fail(who.error());
    rasman::ClientOptions options;
    options.connect_timeout_ms = 300;
    if (g_one_socket.load()) options.call_lines = 0;
    auto client = rasman::Client::connect((*who)->paths.rasman_socket(), options);
    if (!client) {
      LOG_DEBUG("rasmand: %s", client.error().message.c_str());
      return fail(client.error());
    }
    client_ = std::move(*client);
    return client_.get();
  }

  // Drops a client whose rasmand went away, so the next call connects afresh.
  void forget_if_gone(const Error& error) {
    if (error.code != Errc::kServiceUnavailable) return;
    std::lock_guard lock(mutex_);
    retired_.push_back(std::move(client_));  // its event thread may be running the handler
  }

  Status ensure_events(rasman::Client* client) {
    std::lock_guard lock(mutex_);
    if (events_for_ == client) return {};
    auto started = client->start_events(on_event);
    if (!started) return started;
    events_for_ = client;
    // A client made after rasmand went away: RasConnectionNotification still listens.
    if (g_following_everything.load()) {
      (void)client->subscribe(rasman::Subscription::kEverything);
    }
    return started;
  }

 private:
  std::mutex mutex_;
  std::unique_ptr<rasman::Client> client_;
  std::vector<std::unique_ptr<rasman::Client>> retired_;
  rasman::Client* events_for_ = nullptr;
};

}  // namespace

// After rasmand went away, reconnects in the background while RasConnectionNotification
// registrations wait for signals, so a restarted rasmand's connections notify again.
void keep_listening() {
  static std::atomic<bool> running{false};
  if (running.exchange(true)) return;
  std::thread([] {
    auto pause = std::chrono::milliseconds(100);
    while (have_notifications()) {
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::milliseconds(2000));
      auto client = service_client();
      if (!client) {
        LOG_DEBUG("rasmand: still away (%s); notifications wait", client.error().message.c_str());
        continue;
      }
      // The client may be the one whose rasmand just went: a call tells.
      auto list = (*client)->list_connections();
      if (!list) {
        LOG_DEBUG("rasmand: still away (%s); notifications wait", list.error().message.c_str());
        service_call_failed(list.error());
        continue;
      }
      for (const auto& info : *list) {
        if (info.state != RASCS_Connected) continue;
        if (auto here = handle_here(info.handle)) note_live(*here);
      }
      LOG_DEBUG("rasmand: back, with %zu connections; notifications resume", list->size());
      break;
    }
    running.store(false);
  }).detach();
}

void use_one_socket() { g_one_socket.store(true); }

Status follow_everything() {
  auto client = service_client();
  if (!client) return fail(client.error());
  auto subscribed = (*client)->subscribe(rasman::Subscription::kEverything);
  if (!subscribed) {
    service_call_failed(subscribed.error());
    return fail(subscribed.error());
  }
  g_following_everything.store(true);
  return {};
}

Result<rasman::Client*> service_client() {
  auto client = ServiceConnection::instance().connect();
  if (!client) return client;
  if (auto events = ServiceConnection::instance().ensure_events(*client); !events)
    return fail(events.error());
  return client;
}

void service_call_failed(const Error& error) {
  ServiceConnection::instance().forget_if_gone(error);
}

void publish(HRASCONN handle, RASCONNSTATE state) {
  std::optional<Connection> connection = Connections::instance().find(handle);
  if (!connection) return;
  rasman::Client* client = ServiceConnection::instance().client();
  if (!client) return;
  if (connection->public_handle != 0) {
    // Published already (a dialer that handed back the handle of a connection it
    // redialled): rasmand holds it under the same public handle.
    (void)client->set_state(connection->public_handle, static_cast<uint32_t>(state), 0);
    return;
  }
  rasman::CustomRegistration registration;
  registration.handle = key(connection->handle);
  registration.dialer = connection->dialer->path();
  static_cast<ConnectionIdentity&>(registration) = connection->identity;
  if (auto events = ServiceConnection::instance().ensure_events(client); !events) {
    LOG_DEBUG("rasmand: cannot receive hang-up requests: %s", events.error().message.c_str());
    return;
  }
  auto public_handle = client->register_custom(registration);
  if (!public_handle) {
    LOG_DEBUG("rasmand: connection %#llx stays in this process only: %s",
              static_cast<unsigned long long>(registration.handle),
              public_handle.error().message.c_str());
    ServiceConnection::instance().forget_if_gone(public_handle.error());
    return;
  }
  if (*public_handle != registration.handle) {
    LOG_DEBUG(
        "rasmand: connection %#llx is %#llx for other processes (another connection "
        "has the dialer's handle)",
        static_cast<unsigned long long>(registration.handle),
        static_cast<unsigned long long>(*public_handle));
  }
  // Recorded before its first state, so that rasmand's StateChanged about it is already
  // translated to the dialer's handle when it arrives.
  if (!Connections::instance().set_public(handle, *public_handle)) {
    (void)client->unregister(*public_handle);  // hung up meanwhile
    return;
  }
  (void)client->set_state(*public_handle, static_cast<uint32_t>(state), 0);
}

void withdraw(const Connection& connection) {
  if (connection.public_handle == 0) return;
  if (connection.public_handle != key(connection.handle)) {
    retired_aliases().add(connection.public_handle);
  }
  rasman::Client* client = ServiceConnection::instance().client();
  if (!client) return;
  if (auto ok = client->unregister(connection.public_handle); !ok) {
    ServiceConnection::instance().forget_if_gone(ok.error());
  }
}

std::optional<uint64_t> service_handle(HRASCONN handle) {
  if (auto ours = Connections::instance().find(handle)) {
    if (ours->public_handle == 0) return std::nullopt;
    return ours->public_handle;
  }
  if (Connections::instance().ended(handle)) return std::nullopt;
  return key(handle);
}

std::optional<uint64_t> handle_here(uint64_t public_handle) {
  if (auto ours = Connections::instance().find_public(public_handle)) return key(ours->handle);
  if (retired_aliases().contains(public_handle)) return std::nullopt;
  auto as_pointer = reinterpret_cast<HRASCONN>(static_cast<uintptr_t>(public_handle));
  // Shadowed: that value means a connection of ours here, live or ended.
  if (Connections::instance().find(as_pointer) || Connections::instance().ended(as_pointer)) {
    return std::nullopt;
  }
  return public_handle;
}

bool visit_remote_connections(const std::function<void(const rasman::ConnectionRef&)>& visit) {
  rasman::Client* client = ServiceConnection::instance().client();
  if (!client) return false;
  auto ok = client->visit_connections(visit);
  if (!ok) {
    ServiceConnection::instance().forget_if_gone(ok.error());
    return false;
  }
  return true;
}

std::optional<rasman::ConnectionInfo> remote_connection(HRASCONN handle) {
  std::optional<uint64_t> on_bus = service_handle(handle);
  if (!on_bus) return std::nullopt;
  rasman::Client* client = ServiceConnection::instance().client();
  if (!client) return std::nullopt;
  auto info = client->get_connection(*on_bus);
  if (!info) {
    ServiceConnection::instance().forget_if_gone(info.error());
    return std::nullopt;
  }
  return std::move(*info);
}

DWORD remote_hang_up(HRASCONN handle) {
  std::optional<uint64_t> on_bus = service_handle(handle);
  if (!on_bus) return ERROR_INVALID_HANDLE;
  rasman::Client* client = ServiceConnection::instance().client();
  if (!client) return ERROR_INVALID_HANDLE;
  auto ok = client->hang_up(*on_bus);
  if (!ok) ServiceConnection::instance().forget_if_gone(ok.error());
  return ok ? ERROR_SUCCESS : win32_code(ok.error());
}

}  // namespace openras::session
