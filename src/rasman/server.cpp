// server.cpp: peers, the accept loop and signal routing of rasmand (see server.h).
#include "rasman/server.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "base/log.h"
#include "ras.h"
#include "raserror.h"
#include "rasman/protocol.h"

namespace openras::rasman {

uint64_t now_seconds() {
  timespec ts{};
  ::clock_gettime(CLOCK_REALTIME, &ts);
  return ts.tv_sec < 0 ? 0 : static_cast<uint64_t>(ts.tv_sec);
}

Peer::~Peer() {
  sd_event_source_disable_unref(io);
  sd_bus_slot_unref(vtable);
  sd_bus_slot_unref(disconnect_match);
  sd_bus_slot_unref(hello);
  // The system bus is the caller's; a socket peer's bus is ours to close.
  if (system_bus) {
    sd_bus_unref(bus);
  } else {
    sd_bus_close_unref(bus);
  }
}

Server::Server(sd_event* event, Paths paths)
    : event_(sd_event_ref(event)),
      paths_(std::move(paths)),
      credentials_(paths_.credentials_dir()) {
  // Peer-to-peer servers need an id for the AUTH dialogue's OK line; any unique one does.
  if (sd_id128_randomize(&server_id_) < 0) {
    server_id_.qwords[0] = static_cast<uint64_t>(::getpid());
    server_id_.qwords[1] = now_seconds();
  }
  links_ = std::make_unique<Links>(
      event_, LinkCallbacks{[this](uint64_t h, const link::LinkMessage& message) {
                              on_link_message(h, message);
                            },
                            [this](uint64_t h, int status) { on_link_exit(h, status); },
                            [this](uint64_t h) { on_port_released(h); }});
  logon_hosts_ = std::make_unique<LogonHosts>(event_, paths_);
  // An ending built-in connection keeps its handle until its object goes (connection.h).
  table_.set_reserved([this](uint64_t handle) { return connections_.count(handle) != 0; });
  if (sd_event_add_defer(event_, &reap_source_, on_reap, this) >= 0) {
    sd_event_source_set_enabled(reap_source_, SD_EVENT_OFF);
  }
}

Server::~Server() {
  // The connections first, while their links and the peers their calls came from are
  // still here: each answers its waiting calls, stops its timers and hangs up its link
  // (connection.h); Links then kills what still runs and frees the ports.
  connections_.clear();
  port_waiters_ = PortWaiters();  // unanswered: the peers close below
  logon_hosts_.reset();
  links_.reset();
  peers_.clear();
  sd_event_source_disable_unref(accept_source_);
  sd_event_source_disable_unref(reap_source_);
  sd_event_source_disable_unref(flush_source_);
  sd_event_source_disable_unref(post_source_);
  sd_event_unref(event_);
}

Connection& Server::add_connection(uint64_t handle, bool builtin) {
  auto made = std::make_unique<Connection>(
      event_, handle, builtin ? links_.get() : nullptr,
      ConnectionCallbacks{[this](uint64_t h) { on_hang_up_overdue(h); },
                          [this](uint64_t h) { on_statistics_overdue(h); }});
  Connection& connection = *made;
  connections_[handle] = std::move(made);
  return connection;
}

Connection* Server::find_connection(uint64_t handle) const {
  auto it = connections_.find(handle);
  return it == connections_.end() ? nullptr : it->second.get();
}

void Server::end_connection(uint64_t handle) {
  auto it = connections_.find(handle);
  if (it == connections_.end()) return;
  Connection& connection = *it->second;
  connection.end();
  // A built-in connection's object stays while its link ends or its port is held: HangUp
  // calls wait on it, and on_port_released destroys it.
  if (!connection.builtin() || !links_->holds(handle)) connections_.erase(it);
}

bool Server::answer_hang_up_later(uint64_t handle, sd_bus_message* call) {
  // Still recorded: only a reference went (HangUp of a connection dialled again).
  if (table_.find(handle) != nullptr) return false;
  Connection* connection = find_connection(handle);
  if (connection == nullptr || !connection->builtin() ||
      connection->phase() != Connection::Phase::kEnding || !links_->holds(handle)) {
    return false;
  }
  connection->answer_when_released(call);
  return true;
}

Status Server::listen(UniqueFd listener) {
  int flags = ::fcntl(listener.get(), F_GETFL);
  if (flags < 0 || ::fcntl(listener.get(), F_SETFL, flags | O_NONBLOCK) < 0) {
    return fail_errno(errno, "making the listening socket non-blocking");
  }
  int r = sd_event_add_io(event_, &accept_source_, listener.get(), EPOLLIN, on_accept, this);
  if (r < 0) return fail_errno(-r, "watching the listening socket");
  listener_ = std::move(listener);
  return {};
}

int Server::on_accept(sd_event_source*, int fd, uint32_t, void* userdata) {
  auto* self = static_cast<Server*>(userdata);
  UniqueFd peer(::accept4(fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
  if (!peer) {
    if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED) {
      LOG_WARNING("accepting a client: %s", std::strerror(errno));
    }
    return 0;
  }
  if (auto ok = self->add_peer(std::move(peer)); !ok) {
    LOG_WARNING("serving a client: %s", ok.error().message.c_str());
  }
  return 0;
}

Status Server::add_peer(UniqueFd fd) {
  ucred cred{};
  socklen_t len = sizeof cred;
  if (::getsockopt(fd.get(), SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0) {
    return fail_errno(errno, "reading the client's credentials (SO_PEERCRED)");
  }
  if (auto ok = admit_peer(cred.uid, cred.pid); !ok) return ok;
  auto peer = std::make_unique<Peer>();
  peer->uid = cred.uid;
  peer->pid = cred.pid;
  uint64_t id = next_peer_id_;
  int bus_end = -1;
  if (!client_sockets_) {
    auto sockets = ClientSockets::start(event_);
    if (!sockets) return fail(sockets.error());
    client_sockets_ = std::move(*sockets);
  }
  auto gate = ClientGate::start(
      event_, *client_sockets_, std::move(fd), cred.uid, paths_.trusted_owner(cred.uid), outgoing_,
      GateLimits{kMaxMessageBytes, kMaxAuthBytes, kMessageDeadlineUsec},
      [id, uid = cred.uid, pid = cred.pid](const std::string& why) {
        LOG_NOTICE("client %llu (uid %u, pid %d) closed: %s", llx(id), uid, pid, why.c_str());
      },
      &bus_end);
  if (!gate) return fail(gate.error());
  peer->gate = std::move(*gate);
  // What the gate passes on is served in the same turn of the loop, and the replies go
  // back to the client in it too (each hop through the socketpair was a turn of its own).
  peer->gate->set_serve([p = peer.get()] { p->server->serve(*p); });
  // Output sd-bus queued because the socketpair was full goes on once there is room.
  peer->gate->set_room([p = peer.get()] {
    if (p->io != nullptr) watch_bus(*p);
  });
  UniqueFd bus_fd(bus_end);
  int r = sd_bus_new(&peer->bus);
  if (r < 0) return fail_errno(-r, "creating a bus connection");
  r = sd_bus_set_fd(peer->bus, bus_fd.get(), bus_fd.get());
  if (r < 0) return fail_errno(-r, "attaching the client socket");
  (void)bus_fd.release();  // the bus owns it now
  // sd-bus sees the gate's socketpair, whose peer credentials are rasmand's own, so it
  // cannot check the uid a client names in AUTH EXTERNAL; rasmand took the client's
  // credentials from its real socket (SO_PEERCRED above) and uses only those.
  if ((r = sd_bus_set_anonymous(peer->bus, 1)) < 0 ||
      (r = sd_bus_set_server(peer->bus, 1, server_id_)) < 0 ||
      // No fd passing: the interface has no fd arguments, and refusing them keeps a peer
      // from parking descriptors in our process.
      (r = sd_bus_negotiate_fds(peer->bus, 0)) < 0) {
    return fail_errno(-r, "configuring the client's bus connection");
  }
  return start_peer(std::move(peer));
}

Status Server::admit_peer(uid_t uid, pid_t pid) const {
  std::size_t mine = 0;
  std::size_t users = 0;
  for (const auto& [id, other] : peers_) {
    if (other->system_bus || other->closed) continue;
    mine += other->uid == uid;
    users += !paths_.trusted_owner(other->uid);
  }
  std::string who = "uid " + std::to_string(uid) + " (pid " + std::to_string(pid) + ")";
  if (paths_.trusted_owner(uid)) {
    // Administrators may use the sockets kept for them as well.
    if (peers_.size() >= kMaxPeers + kAdminPeers) {
      return fail(Errc::kOutOfMemory,
                  who + ": " + std::to_string(peers_.size()) + " clients are connected, the limit");
    }
    return {};
  }
  // One user's idle sockets must not use up everyone's (kMaxPeers), nor users' those kept
  // for administrators.
  if (mine >= kMaxPeersPerUser) {
    return fail(Errc::kOutOfMemory,
                who + " already has " + std::to_string(mine) + " connections open, the limit");
  }
  if (users >= kMaxPeers) {
    return fail(Errc::kOutOfMemory, who + ": non-administrators hold " + std::to_string(users) +
                                        " connections, the limit; " + std::to_string(kAdminPeers) +
                                        " more are kept for administrators");
  }
  return {};
}

Status Server::attach_bus(sd_bus* bus) {
  auto peer = std::make_unique<Peer>();
  peer->bus = sd_bus_ref(bus);
  peer->system_bus = true;
  return start_peer(std::move(peer));
}

Status Server::start_peer(std::unique_ptr<Peer> peer) {
  peer->server = this;
  peer->id = next_peer_id_++;
  int r = sd_bus_add_object_vtable(peer->bus, &peer->vtable, kObjectPath, kInterface, kRasManVtable,
                                   peer.get());
  if (r < 0) return fail_errno(-r, "publishing the RasMan1 object");
  if (auto ok = publish_connection_objects(*peer); !ok) return ok;
  if (!peer->system_bus) {
    r = sd_bus_match_signal(peer->bus, &peer->disconnect_match, "org.freedesktop.DBus.Local",
                            "/org/freedesktop/DBus/Local", "org.freedesktop.DBus.Local",
                            "Disconnected", on_disconnected, peer.get());
    if (r < 0) return fail_errno(-r, "watching the client's connection");
    r = sd_bus_add_object_vtable(peer->bus, &peer->hello, "/org/freedesktop/DBus",
                                 "org.freedesktop.DBus", kHelloVtable, peer.get());
    if (r < 0) return fail_errno(-r, "publishing Hello");
    r = sd_bus_start(peer->bus);
    if (r < 0) return fail_errno(-r, "starting the client's bus connection");
    r = sd_event_add_io(event_, &peer->io, sd_bus_get_fd(peer->bus), EPOLLIN, &Server::on_peer_io,
                        peer.get());
    if (r < 0) return fail_errno(-r, "attaching the client to the event loop");
    sd_event_source_set_description(peer->io, "client-bus");
    watch_bus(*peer);
    if (post_source_ == nullptr) {
      r = sd_event_add_post(event_, &post_source_, &Server::on_post, this);
      if (r < 0) return fail_errno(-r, "watching the clients' output");
    }
  }
  LOG_DEBUG("client %llu connected (uid %u, pid %d)", llx(peer->id), peer->uid, peer->pid);
  uint64_t id = peer->id;
  peers_.emplace(id, std::move(peer));
  return {};
}

int Server::on_peer_io(sd_event_source*, int, uint32_t, void* userdata) {
  Peer& peer = peer_of(userdata);
  peer.server->serve(peer);
  return 0;
}

void Server::serve(Peer& peer) {
  if (peer.io == nullptr) return;
  // Everything the socket holds, in one dispatch (the socketpair bounds how much: the gate
  // stops reading a client whose replies are not read).
  while (!peer.closed && sd_bus_process(peer.bus, nullptr) > 0) {
  }
  watch_bus(peer);
  peer.sent = false;  // the replies and what else it was sent go out now
  if (peer.gate) peer.gate->drain();
}

int Server::on_post(sd_event_source*, void* userdata) {
  // The signals of this turn go to their clients in it: the gate passes on what sd-bus
  // wrote to its socketpair (serve() did so for replies). Only the peers sent to are
  // looked at, so a turn costs the same with a thousand idle clients as with none.
  // Anything else written outside a dispatch (a deferred reply) wakes the loop through the
  // gate's socketpair. A bus whose socketpair was full keeps its output queued and must be
  // watched for writing: when the gate makes room it re-checks the bus (set_room).
  auto* self = static_cast<Server*>(userdata);
  for (std::size_t i = 0; i < self->touched_.size(); ++i) {  // by index, should a drain add
    auto it = self->peers_.find(self->touched_[i]);
    if (it == self->peers_.end() || it->second->io == nullptr) continue;
    Peer& peer = *it->second;
    watch_bus(peer);
    if (peer.sent) {
      peer.sent = false;
      if (peer.gate) peer.gate->drain();
    }
  }
  self->touched_.clear();  // keeps its capacity for the next turn
  return 0;
}

void Server::watch_bus(Peer& peer) {
  int events = peer.closed ? -1 : sd_bus_get_events(peer.bus);
  if (events < 0) {  // closed: on_disconnected has run, reap() frees it
    sd_event_source_set_enabled(peer.io, SD_EVENT_OFF);
    return;
  }
  (void)sd_event_source_set_io_events(peer.io, static_cast<uint32_t>(events));
}

int Server::on_disconnected(sd_bus_message*, void* userdata, sd_bus_error*) {
  auto* peer = static_cast<Peer*>(userdata);
  Server* self = peer->server;
  peer->closed = true;
  self->port_waiters_.drop_peer(peer->id);
  auto removed = self->table_.remove_peer(peer->id);
  for (const auto& record : removed) {
    LOG_NOTICE("connection 0x%llx: its client (pid %d) went away; dropped", llx(record.handle),
               record.pid);
  }
  self->drop(std::move(removed), ERROR_DISCONNECTION);
  // A bus must not be freed inside its own callback: reap at the next loop iteration.
  sd_event_source_set_enabled(self->reap_source_, SD_EVENT_ONESHOT);
  return 0;
}

int Server::on_reap(sd_event_source*, void* userdata) {
  static_cast<Server*>(userdata)->reap();
  return 0;
}

void Server::reap() {
  std::erase_if(peers_, [this](const auto& entry) {
    if (!entry.second->closed) return false;
    subscribers_.drop(entry.first);
    return true;
  });
}

Caller Server::caller_of(Peer& peer, sd_bus_message* message) const {
  Caller caller{peer.uid, peer.pid, false, peer.id};
  if (peer.system_bus) {
    // On a message bus the sender is whoever sent this message, not the bus peer.
    caller = Caller{static_cast<uid_t>(-1), 0, false, 0};
    sd_bus_creds* creds = nullptr;
    if (sd_bus_query_sender_creds(
            message, SD_BUS_CREDS_EUID | SD_BUS_CREDS_PID | SD_BUS_CREDS_AUGMENT, &creds) >= 0) {
      uid_t uid = 0;
      if (sd_bus_creds_get_euid(creds, &uid) >= 0) caller.uid = uid;
      pid_t pid = 0;
      if (sd_bus_creds_get_pid(creds, &pid) >= 0) caller.pid = pid;
      sd_bus_creds_unref(creds);
    }
  }
  caller.admin = caller.uid != static_cast<uid_t>(-1) && paths_.trusted_owner(caller.uid);
  return caller;
}

void Server::broadcast(const ConnectionRecord& record, const char* member) {
  if (std::strcmp(member, "StateChanged") != 0) {
    flush_states(record.handle);
    emit_signal(record, member, {});
    return;
  }
  HeldStates& held = held_states_[record.handle];
  held.record = record;
  held.states.emplace_back(record.state, record.error);
  if (held.states.size() >= kMaxBatchedStates) {
    flush_states(record.handle);
    return;
  }
  if (flush_source_ == nullptr) {
    if (sd_event_add_defer(event_, &flush_source_, &Server::on_flush_states, this) < 0) {
      flush_states(record.handle);  // no loop to wait for: at once
      return;
    }
    sd_event_source_set_description(flush_source_, "state-signals");
  }
  sd_event_source_set_enabled(flush_source_, SD_EVENT_ONESHOT);
}

int Server::on_flush_states(sd_event_source*, void* userdata) {
  auto* self = static_cast<Server*>(userdata);
  while (!self->held_states_.empty()) self->flush_states(self->held_states_.begin()->first);
  return 0;
}

void Server::flush_states(uint64_t handle) {
  auto it = held_states_.find(handle);
  if (it == held_states_.end()) return;
  HeldStates held = std::move(it->second);
  held_states_.erase(it);
  emit_signal(held.record, "StateChanged", held.states);
}

void Server::emit_signal(const ConnectionRecord& record, const char* member,
                         const std::vector<std::pair<uint32_t, uint32_t>>& states) {
  bool with_state = std::strcmp(member, "StateChanged") == 0;
  bool removed = std::strcmp(member, "ConnectionRemoved") == 0;
  bool added = std::strcmp(member, "ConnectionAdded") == 0;
  subscribers_.candidates(record.handle, record.owner_uid, added, candidates_);
  for (uint64_t id : candidates_) {
    auto found = peers_.find(id);
    if (found == peers_.end()) continue;
    Peer* peer = found->second.get();
    // Signals are not published on a message bus, where every listener would see them.
    if (peer->closed || peer->system_bus) continue;
    const Subscriptions& wants = subscribers_.of(id);
    bool root =
        added ? wants.covers_new(record.owner_uid) : wants.covers(record.handle, record.owner_uid);
    if (!root && !wants.objects()) continue;
    Caller watcher{peer->uid, peer->pid, paths_.trusted_owner(peer->uid), peer->id};
    if (!ConnectionTable::may_see(watcher, record)) continue;
    int r = 0;
    if (root && with_state && states.size() > 1 && wants.batched()) {
      sd_bus_message* signal = nullptr;
      r = sd_bus_message_new_signal(peer->bus, &signal, kObjectPath, kInterface, "StatesChanged");
      if (r >= 0) r = sd_bus_message_append(signal, "t", record.handle);
      if (r >= 0) r = sd_bus_message_open_container(signal, 'a', "(uu)");
      for (auto [state, error] : states) {
        if (r >= 0) r = sd_bus_message_append(signal, "(uu)", state, error);
      }
      if (r >= 0) r = sd_bus_message_close_container(signal);
      if (r >= 0) r = sd_bus_send(peer->bus, signal, nullptr);
      sd_bus_message_unref(signal);
    } else if (root && with_state) {
      for (auto [state, error] : states) {
        if (r >= 0) {
          r = sd_bus_emit_signal(peer->bus, kObjectPath, kInterface, member, "tuu", record.handle,
                                 state, error);
        }
      }
    } else if (root) {
      r = sd_bus_emit_signal(peer->bus, kObjectPath, kInterface, member, "t", record.handle);
    }
    if (r < 0) {
      LOG_DEBUG("connection 0x%llx: %s to client %llu: %s", llx(record.handle), member, llx(id),
                std::strerror(-r));
    }
    if (!peer->sent) {
      peer->sent = true;
      touched_.push_back(id);
    }
    if (!wants.objects()) continue;
    if (!with_state) {
      emit_connection_object_signal(*peer, record, member);
      continue;
    }
    ConnectionRecord each = record;
    for (auto [state, error] : states) {
      each.state = state;
      each.error = error;
      emit_connection_object_signal(*peer, each, member);
    }
  }
  // After ConnectionRemoved no subscription names the handle (covers() was asked first).
  if (removed) subscribers_.forget(record.handle);
}

Status Server::check_subscriber(const Caller& caller, uint64_t subscriber) {
  if (subscriber == 0) return {};
  Peer* peer = find_peer(subscriber);
  if (peer == nullptr || peer->system_bus || peer->uid != caller.uid) {
    return fail(Errc::kInvalidArgument,
                "Subscriber " + std::to_string(subscriber) +
                    " is no client connection of yours (use the id Subscribe answered)");
  }
  return {};
}

void Server::subscribe_dialer(uint64_t subscriber, uint64_t handle) {
  if (subscriber == 0) return;
  if (Peer* peer = find_peer(subscriber)) {
    if (!subscribers_.add(peer->id, Subscription::kConnection, handle)) {
      LOG_NOTICE(
          "connection 0x%llx: client %llu follows %zu connections already; it will not "
          "hear this dial's states",
          llx(handle), llx(subscriber), kMaxSubscriptionsPerClient);
    }
  }
}

bool Server::request_hang_up(const ConnectionRecord& record) {
  auto it = peers_.find(record.peer);
  if (it == peers_.end() || it->second->closed) return false;
  int r = sd_bus_emit_signal(it->second->bus, kObjectPath, kInterface, "HangUpRequested", "t",
                             record.handle);
  if (r < 0) return false;
  Connection* connection = find_connection(record.handle);
  if (connection == nullptr) connection = &add_connection(record.handle, false);
  // Its object goes with its record (drop), and the timer with it.
  if (auto armed = connection->arm_hang_up_timer(hang_up_timeout_usec_); !armed) {
    LOG_DEBUG("connection 0x%llx: no hang-up timer: %s", llx(record.handle),
              armed.error().message.c_str());
  }
  return true;
}

Status Server::hang_up(const Caller& caller, uint64_t handle) {
  auto record = table_.get(caller, handle);
  if (!record) return fail(record.error());
  if (record->builtin && record->references > 1) {
    ConnectionRecord* stored = table_.find(handle);
    --stored->references;
    LOG_INFO("connection 0x%llx: uid %u pid %d released a reference (%u left)", llx(handle),
             caller.uid, caller.pid, stored->references);
  } else if (record->builtin) {
    hang_up_builtin(caller, handle);
  } else if (request_hang_up(*record)) {
    LOG_INFO("connection 0x%llx: hang-up by uid %u pid %d sent to its client (pid %d)", llx(handle),
             caller.uid, caller.pid, record->pid);
  } else {
    // The process hosting the dialer is gone, so nobody can call RasCustomHangUp.
    LOG_NOTICE("connection 0x%llx: hang-up by uid %u pid %d: its client is gone; dropped",
               llx(handle), caller.uid, caller.pid);
    auto removed = table_.remove(caller, handle);
    if (removed) {
      std::vector<ConnectionRecord> dropped;
      dropped.push_back(std::move(*removed));
      drop(std::move(dropped), 0);
    }
  }
  return {};
}

void Server::on_hang_up_overdue(uint64_t handle) {
  auto removed = table_.remove(Caller::daemon(), handle);
  if (!removed) return;  // the owner hung up in time
  LOG_NOTICE("connection 0x%llx: its client (pid %d) did not hang up within %llu ms; dropped",
             llx(handle), removed->pid,
             static_cast<unsigned long long>(hang_up_timeout_usec_ / 1000));
  std::vector<ConnectionRecord> dropped;
  dropped.push_back(std::move(*removed));
  drop(std::move(dropped), ERROR_HANGUP_FAILED);  // destroys the object whose timer called
}

void Server::drop(std::vector<ConnectionRecord> removed, uint32_t error) {
  for (auto& record : removed) {
    // Whatever it owned ends with it (connection.h): a hang-up timer of a custom
    // connection, so a later registration of the same handle cannot inherit it; a built-in
    // connection's waiting statistics calls, link, terminal and interface.
    end_connection(record.handle);
    record.state = RASCS_Disconnected;
    record.error = error;
    broadcast(record, "StateChanged");
    broadcast(record, "ConnectionRemoved");
  }
}

void Server::stop_accepting() {
  accept_source_ = sd_event_source_disable_unref(accept_source_);
  listener_.reset();
  for (auto& [id, peer] : peers_) {
    if (peer->gate) peer->gate->stop_reading();
  }
}

void Server::hang_up_all() {
  stop_accepting();
  Caller all{0, 0, true, 0};
  for (const auto& record : table_.list(all)) {
    if (record.builtin) {
      links_->stop(record.handle);
      continue;
    }
    LOG_INFO("connection 0x%llx: rasmand is stopping; asking its client (pid %d) to hang up",
             llx(record.handle), record.pid);
    request_hang_up(record);
  }
  drop(table_.remove_all(), ERROR_USER_DISCONNECTION);
  // A dial waiting for a port must not start a link while rasmand stops: it fails now.
  for (PortWaiters::Waiter& w : port_waiters_.take_free([](const std::string&) { return false; })) {
    int r = sd_bus_reply_method_errorf(w.call.get(), kErrorFailed,
                                       "rasmand is stopping; the dial waiting for port %s was "
                                       "not made",
                                       w.port.c_str());
    if (r < 0) LOG_DEBUG("answering a waiting dial: %s", std::strerror(-r));
  }
  while (!held_states_.empty()) flush_states(held_states_.begin()->first);
}

bool Server::links_ending() const { return links_->running() > 0; }

bool Server::pending_writes() const {
  if (!held_states_.empty()) return true;
  for (const auto& [id, peer] : peers_) {
    uint64_t queued = 0;
    if (peer->closed) continue;
    if (sd_bus_get_n_queued_write(peer->bus, &queued) >= 0 && queued > 0) return true;
    if (peer->gate && peer->gate->pending()) return true;
  }
  return false;
}

}  // namespace openras::rasman
