// server.h: rasmand's D-Bus adaptor: serves org.openras.RasMan1 (docs/protocol.md) over
// peer-to-peer sd-bus connections, one per accepted socket, on one sd-event loop.
//
// Each peer's uid and pid come from SO_PEERCRED when it connects; the table
// (connection_table.h) applies the permission rules. A connection's signals go only to
// peers that subscribed to it (subscriptions.h) and may see it; HangUpRequested goes only
// to the peer that registered it. When a
// peer's connection closes, everything it registered is dropped (StateChanged
// RASCS_Disconnected, then ConnectionRemoved). Thread: the event loop's only.
//
// What a connection owns lives in its own object (connection.h), in one map, handle →
// Connection: a built-in connection's link, interface and terminal, and the calls waiting
// on it (HangUp until its port is free, GetStatistics until its link answers) with their
// timers; a custom connection's hang-up timer. The table's record is the connection's
// public view. Ending or destroying the object releases what it owns, on every path. Dials
// waiting for a device's port are the device's, not a connection's: port_waiters.h.
#pragma once

#include <sys/types.h>
#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/paths.h"
#include "base/result.h"
#include "base/unique_fd.h"
#include "devices/devices.h"
#include "rasman/client_gate.h"
#include "rasman/connection.h"
#include "rasman/connection_table.h"
#include "rasman/credentials.h"
#include "rasman/links.h"
#include "rasman/logon_host.h"
#include "rasman/port_waiters.h"
#include "rasman/protocol.h"
#include "rasman/registry_watch.h"
#include "rasman/server_objects.h"
#include "rasman/subscriptions.h"

namespace openras::rasman {

class Server;

// One bus connection: a peer on the socket, or the system bus (system_bus == true).
// Handles as printf's %llx takes them.
inline unsigned long long llx(uint64_t handle) { return static_cast<unsigned long long>(handle); }

// The error reply for a call whose arguments cannot be read (server_methods.cpp).
int bad_message(sd_bus_error* reply, const char* method, int r);

struct Peer {
  Server* server = nullptr;
  uint64_t id = 0;
  sd_bus* bus = nullptr;  // owned; closed and unreferenced in ~Peer
  sd_bus_slot* vtable = nullptr;
  sd_bus_slot* disconnect_match = nullptr;
  sd_bus_slot* hello = nullptr;
  // A socket peer's bus on the loop (Server::on_peer_io), instead of sd_bus_attach_event.
  sd_event_source* io = nullptr;
  uid_t uid = 0;
  pid_t pid = 0;
  bool system_bus = false;
  bool closed = false;        // disconnected; freed at the end of this loop iteration
  ConnectionObjects objects;  // one object per connection it may see (server_objects.h)
  // Between the client's socket and `bus` (client_gate.h); none on the system bus.
  std::unique_ptr<ClientGate> gate;
  // A signal was sent to it outside its own dispatch: the gate passes it on at the end of
  // this turn of the loop (Server::on_post; anything else it is sent goes out in the next
  // turn, when the gate's socketpair wakes the loop).
  bool sent = false;
  ~Peer();
};

// The peer an sd-bus callback's userdata points at.
inline Peer& peer_of(void* userdata) { return *static_cast<Peer*>(userdata); }

class Server {
 public:
  // `event` must outlive the server. `paths` decides who is an administrator and where
  // credentials live.
  Server(sd_event* event, Paths paths);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Accepts connections on a listening socket for the server's lifetime.
  [[nodiscard]] Status listen(UniqueFd listener);
  // Serves one connected socket (an accepted peer; tests and the fuzzer use socketpairs).
  [[nodiscard]] Status add_peer(UniqueFd fd);
  // Also publishes the object on a message bus under kBusName (best effort; the caller
  // logs a failure). Registrations are refused there: they need a peer whose closing
  // rasmand can see, which the socket gives.
  [[nodiscard]] Status attach_bus(sd_bus* bus);

  // Shutdown, first half: stops accepting clients and reading calls from connected ones,
  // asks each registering peer to hang up (HangUpRequested), drops every record with its
  // signals, fails the dials waiting for a port. Then run the loop briefly
  // (pending_writes() tells when the signals are out, links_ending() when the links have
  // said goodbye to their peers) and destroy the server.
  void hang_up_all();
  // Closes the listening socket and stops reading calls: new clients are refused at once.
  void stop_accepting();
  [[nodiscard]] bool pending_writes() const;
  // Whether a link process hung up by hang_up_all() is still ending: a PPP link says
  // goodbye (LCP Terminate-Request, until the peer's Ack or its time-out) and drops the
  // line; one still there kStopGraceUsec after its hang-up is killed (links.h).
  [[nodiscard]] bool links_ending() const;
  [[nodiscard]] std::size_t peer_count() const { return peers_.size(); }
  [[nodiscard]] const ConnectionTable& table() const { return table_; }
  // What rasmand last read from HKLM: devices and the CustomDLL allow-list, replaced by
  // the daemon's RegistryWatch whenever the hive changes (registry_watch.h). Dial still
  // looks its device up on demand, because detected serial ports change without the hive.
  void set_registry(RegistrySnapshot snapshot) { registry_ = std::move(snapshot); }
  [[nodiscard]] const RegistrySnapshot& registry() const { return registry_; }

  // --- for the method handlers (server_methods.cpp)
  [[nodiscard]] Caller caller_of(Peer& peer, sd_bus_message* message) const;
  ConnectionTable& mutable_table() { return table_; }
  CredentialStore& credentials() { return credentials_; }
  // What each client asked to hear (Subscribe, Unsubscribe).
  SubscriberIndex& subscribers() { return subscribers_; }
  // Emits `member` with (handle[, state, error]) to every peer that subscribed to `record`
  // and may see it, and its connection object's signal to those that subscribed to the
  // objects. After ConnectionRemoved no subscription names the handle any more.
  // StateChanged is held until the loop has handled what is ready (a link's burst of
  // states), then sent as one StatesChanged to peers that take it (kSubscribeBatched) and
  // state by state to the others; any other signal about the connection sends what is held
  // first, so the order is kept.
  void broadcast(const ConnectionRecord& record, const char* member);
  // Subscribes the client `subscriber` (DialOptions::subscriber) to the connection `handle`
  // that `caller` is dialling; kInvalidArgument when that client is gone or is another
  // uid's (check_subscriber first, so a dial is refused before it starts).
  [[nodiscard]] Status check_subscriber(const Caller& caller, uint64_t subscriber);
  void subscribe_dialer(uint64_t subscriber, uint64_t handle);
  // Sends HangUpRequested to the registering peer; false when it is gone. A peer that has
  // not unregistered the connection within the hang-up timeout has it dropped (error
  // ERROR_HANGUP_FAILED), so an unresponsive process cannot keep a connection listed.
  bool request_hang_up(const ConnectionRecord& record);
  // HangUp, for the root object's method and each connection object's: a built-in
  // connection ends at once, a custom one is routed to its owner (request_hang_up), one
  // whose owner is gone is dropped. kInvalidHandle/kAccessDenied by the table's rules.
  [[nodiscard]] Status hang_up(const Caller& caller, uint64_t handle);
  // After a successful HangUp: true when its reply must wait for the connection's link to
  // end and its port to be free (a built-in connection's); `call` is then kept by the
  // connection's object and answered when the object goes (connection.h).
  [[nodiscard]] bool answer_hang_up_later(uint64_t handle, sd_bus_message* call);
  void set_hang_up_timeout(uint64_t usec) { hang_up_timeout_usec_ = usec; }
  void drop(std::vector<ConnectionRecord> removed, uint32_t error);

  // --- built-in connections (server_dial.cpp)
  // Dial: finds the device, reserves it, allocates a handle, spawns the link process and
  // sends it `credentials` (Start). `request` carries phone book, entry, device name,
  // number, all_users; `options` the entry's redials and alternates (line devices only).
  [[nodiscard]] Result<ConnectionRecord> dial(const Caller& caller, ConnectionRecord request,
                                              const link::StartMessage& credentials,
                                              const DialOptions& options = {});
  // ResumeDial: the dial of `handle`, paused in RASCS_Interactive for its terminal, goes
  // on (the link leaves the terminal for PPP; the terminal's slave is closed). Owner or
  // administrator; kInvalidArgument for a connection that is not paused.
  [[nodiscard]] Status resume_dial(const Caller& caller, uint64_t handle);
  // The terminal of the dial of `handle` paused in RASCS_Interactive, as `caller` may see it
  // (GetTerminal); kInvalidArgument for a connection that is not paused.
  [[nodiscard]] Result<const ConnectionTerminal*> paused_dial(const Caller& caller,
                                                              uint64_t handle) const;
  // JoinConnection (and DialOrJoin first): the caller's own connected built-in connection of
  // `entry` in `phonebook`, with one more reference to it (ConnectionRecord::references), as
  // RasDial of an entry already connected takes one on Windows; 0 when there is none.
  [[nodiscard]] uint64_t join_connection(const Caller& caller, const std::string& phonebook,
                                         const std::string& entry);
  // Why a built-in dial failed, as its link or rasmand said it (GetFailure; docs/protocol.md
  // "Why a dial failed"): the newest kMaxFailures failures are kept, each with its owner.
  void remember_failure(const ConnectionRecord& record, const std::string& why);
  [[nodiscard]] Result<std::string> failure(const Caller& caller, uint64_t handle) const;
  static constexpr std::size_t kMaxFailures = 64;
  // A Dial on a device nobody is connected through but whose port is still being released
  // (links.h: its last link ending, or the hold after it) waits, unanswered, and runs again
  // once the port is free (resume_dials), so a redial right after a failure or a hang-up
  // reaches the modem instead of failing with 602. true: `call` waits (port_waiters.h,
  // with its limits; beyond them the dial goes on and fails as the port's lock says).
  [[nodiscard]] bool park_dial(Peer& peer, sd_bus_message* call, DialMethod method,
                               const std::string& device_name);
  // Ends a built-in connection the caller controls (HangUp).
  void hang_up_builtin(const Caller& caller, uint64_t handle);
  // openras-link's path (default: default_link_helper()).
  void set_link_helper(std::string path) { links_->set_helper(std::move(path)); }
  [[nodiscard]] const Links& links() const { return *links_; }
  // How many connections have an object (connection.h: listed, or ending until their port
  // is free) and how many dials wait for a port (port_waiters.h); for tests.
  [[nodiscard]] std::size_t connection_objects() const { return connections_.size(); }
  [[nodiscard]] std::size_t waiting_dials() const { return port_waiters_.size(); }
  // Dials at logon (logon_host.h; LogonDial in server_logon.cpp).
  LogonHosts& logon_hosts() { return *logon_hosts_; }
  // A client still connected, by id; nullptr once it has gone.
  [[nodiscard]] Peer* find_peer(uint64_t id);

  // --- statistics and projection (server_stats.cpp)
  // Answers GetStatistics (clear == false) or ClearStatistics (clear == true) for a
  // connection the caller may see: at once for a custom one; for a built-in one when its
  // link answers the StatisticsRequest this sends. Takes a reference on `call`.
  int statistics_call(sd_bus_message* call, const Caller& caller, uint64_t handle, bool clear,
                      sd_bus_error* error);
  // The clock of connect durations, CLOCK_MONOTONIC µs by default (tests inject one).
  void set_clock(std::function<uint64_t()> monotonic_usec) { clock_ = std::move(monotonic_usec); }
  [[nodiscard]] uint64_t monotonic_usec() const;
  // Appends a connection's statistics as the struct kStatisticsSignature describes, from the
  // counters its link reported last (the Statistics property; GetStatistics asks afresh).
  int append_statistics(sd_bus_message* message, const ConnectionRecord& record) const;

 private:
  // broadcast's StateChanged held for one StatesChanged (flush_states sends them).
  struct HeldStates {
    ConnectionRecord record;  // the newest, for who may see it
    std::vector<std::pair<uint32_t, uint32_t>> states;
  };
  void emit_signal(const ConnectionRecord& record, const char* member,
                   const std::vector<std::pair<uint32_t, uint32_t>>& states);
  void flush_states(uint64_t handle);
  static int on_flush_states(sd_event_source* source, void* userdata);
  std::map<uint64_t, HeldStates> held_states_;
  sd_event_source* flush_source_ = nullptr;
  // A socket peer's bus is driven here rather than by sd_bus_attach_event: its socket is
  // read and every message it holds handled in one dispatch, and the loop watches for
  // writing only while the bus has queued output (serve, on_post for the peers signalled in
  // the turn, the gate's room callback). sd-bus's own integration runs a prepare callback
  // and re-arms a timer for every bus on every turn of the loop; a peer's AUTH and message
  // deadlines are the gate's (client_gate.h).
  static int on_peer_io(sd_event_source* source, int fd, uint32_t events, void* userdata);
  // Processes what a socket peer's bus holds and passes its output on through its gate.
  void serve(Peer& peer);
  static int on_post(sd_event_source* source, void* userdata);
  static void watch_bus(Peer& peer);
  sd_event_source* post_source_ = nullptr;
  static int on_accept(sd_event_source* source, int fd, uint32_t events, void* userdata);
  static int on_disconnected(sd_bus_message* message, void* userdata, sd_bus_error* error);
  static int on_reap(sd_event_source* source, void* userdata);
  void on_link_message(uint64_t handle, const link::LinkMessage& message);
  void on_link_state(uint64_t handle, uint32_t state, uint32_t error, uint32_t speed = 0,
                     const std::string& reason = {}, const std::string& number = {});
  void on_link_statistics(uint64_t handle, const link::LinkCounters& counters);
  void on_link_projection(uint64_t handle, const link::Projection& projection);
  // Ends a built-in connection whose link broke the rules beyond the format.
  void link_broke(uint64_t handle, const std::string& why);
  // Answers the statistics calls waiting in the object of `handle` from its record (those
  // of a connection that ended were answered NotFound then: Connection::end).
  void answer_statistics(uint64_t handle);
  // The link did not answer within the statistics timeout: answers from its last report.
  void on_statistics_overdue(uint64_t handle);
  void on_link_exit(uint64_t handle, int status);
  // A link's port was released: its connection's object goes (answering the HangUp calls
  // that waited for it), and the dials waiting for the port run.
  void on_port_released(uint64_t handle);
  void resume_dials();
  // The object of a new connection (connection.h): a built-in one's, with its link in
  // links_, or a custom one's.
  Connection& add_connection(uint64_t handle, bool builtin);
  [[nodiscard]] Connection* find_connection(uint64_t handle) const;
  // The record of `handle` has left the table: its object ends (a built-in one's stays
  // until its link has ended and its port is free, when on_port_released destroys it) or
  // goes (a custom one's, or a built-in one's with nothing of its link left).
  void end_connection(uint64_t handle);
  // A custom connection's owner did not hang it up within the hang-up timeout.
  void on_hang_up_overdue(uint64_t handle);
  // The device Dial names, read from the registry now.
  [[nodiscard]] Result<devices::Device> lookup_device(const std::string& name) const;
  // Removes a built-in record and signals its end (StateChanged Disconnected, Removed).
  void end_builtin(uint64_t handle, uint32_t error);
  [[nodiscard]] Status start_peer(std::unique_ptr<Peer> peer);
  // Whether one more client of `uid` may connect (kMaxPeers, kMaxPeersPerUser,
  // kAdminPeers); the error says which limit it meets.
  [[nodiscard]] Status admit_peer(uid_t uid, pid_t pid) const;
  void reap();

  sd_event* event_;
  Paths paths_;
  ConnectionTable table_;
  CredentialStore credentials_;
  RegistrySnapshot registry_;
  UniqueFd listener_;
  sd_event_source* accept_source_ = nullptr;
  sd_event_source* reap_source_ = nullptr;
  sd_id128_t server_id_{};
  uint64_t next_peer_id_ = 1;
  OutgoingBudget outgoing_;  // before peers_: their gates give their bytes back to it
  std::unique_ptr<ClientSockets> client_sockets_;  // before peers_: their gates' sockets
  std::map<uint64_t, std::unique_ptr<Peer>> peers_;
  SubscriberIndex subscribers_;
  // The peers a signal went to in this turn of the loop, for on_post (each once: Peer::sent).
  std::vector<uint64_t> touched_;
  std::vector<uint64_t> candidates_;  // emit_signal's, kept for its capacity
  uint64_t hang_up_timeout_usec_ = 10'000'000;
  struct Failure {
    uint64_t handle = 0;
    uid_t owner = 0;
    std::string why;
  };
  std::deque<Failure> failures_;  // newest last, at most kMaxFailures
  std::function<uint64_t()> clock_;
  // Dials waiting for a device's port (port_waiters.h); a reference of theirs each.
  PortWaiters port_waiters_;
  // Each connection's own resources and waiting calls (connection.h): every built-in
  // connection from Dial until its port is free, a custom one while its owner is asked to
  // hang up. Destroyed explicitly in ~Server, before links_ and peers_ go.
  std::map<uint64_t, std::unique_ptr<Connection>> connections_;
  std::unique_ptr<LogonHosts> logon_hosts_;
  std::unique_ptr<Links> links_;  // last: its children are killed before the rest goes
};

// The vtable of org.openras.RasMan1 (server_methods.cpp); userdata is the Peer.
extern const sd_bus_vtable kRasManVtable[];
// Dial's handler (server_dial.cpp); userdata is the Peer.
int dial_method(sd_bus_message* m, void* userdata, sd_bus_error* error);
int dial_with_options_method(sd_bus_message* m, void* userdata, sd_bus_error* error);
int dial_or_join_method(sd_bus_message* m, void* userdata, sd_bus_error* error);
// ResumeDial and GetTerminal (server_dial.cpp); userdata is the Peer.
int resume_dial_method(sd_bus_message* m, void* userdata, sd_bus_error* error);
int get_terminal_method(sd_bus_message* m, void* userdata, sd_bus_error* error);
int join_connection_method(sd_bus_message* m, void* userdata, sd_bus_error* error);
int get_failure_method(sd_bus_message* m, void* userdata, sd_bus_error* error);
// GetStatistics, ClearStatistics and GetProjection (server_stats.cpp); userdata is the Peer.
int get_statistics_method(sd_bus_message* m, void* userdata, sd_bus_error* error);
int clear_statistics_method(sd_bus_message* m, void* userdata, sd_bus_error* error);
int get_projection_method(sd_bus_message* m, void* userdata, sd_bus_error* error);
// LogonDial (server_logon.cpp); userdata is the Peer.
int logon_dial_method(sd_bus_message* m, void* userdata, sd_bus_error* error);
int logon_dial_interactive_method(sd_bus_message* m, void* userdata, sd_bus_error* error);
int logon_answer_method(sd_bus_message* m, void* userdata, sd_bus_error* error);
// Logs a refusal once and turns it into the D-Bus error reply (server_methods.cpp).
int refuse_call(sd_bus_error* reply, const Caller& caller, const char* method, uint64_t handle,
                const Error& error);
// org.freedesktop.DBus.Hello on /org/freedesktop/DBus, for generic D-Bus tools.
extern const sd_bus_vtable kHelloVtable[];

// CLOCK_REALTIME in whole seconds.
[[nodiscard]] uint64_t now_seconds();

}  // namespace openras::rasman
