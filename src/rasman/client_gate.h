// client_gate.h: what stands between a client's socket and its sd-bus connection, so that
// no client can make rasmand hold more than a bounded amount of memory for it
// (docs/security.md, "rasmand: resource limits and logging").
//
// sd-bus trusts its peer: it allocates whatever body size a message header declares (up
// to 128 MiB) and waits for it for ever, and it queues any number of replies for a peer
// that does not read them. So rasmand never gives sd-bus the client's socket. Each client
// gets a socketpair; sd-bus serves one end and the gate relays bytes between the other
// end and the client:
//   client → sd-bus: the InboundFramer checks the AUTH dialogue and every message header
//     before a byte is passed on; a message larger than kMaxMessageBytes, or one that
//     does not complete within the message deadline, closes the client. The gate stops
//     reading the client while its outgoing queue is above kOutgoingLowWater, so a client
//     that sends calls and never reads the replies is simply not served further.
//   sd-bus → client: read eagerly (so sd-bus's own queue stays empty) into the gate's
//     queue, which counts against the client's and its uid's budget (OutgoingBudget);
//     a client over either bound is closed.
// Closing a client closes the gate's end of the socketpair, so sd-bus sees the peer go
// and the server cleans up as for any client that leaves. Thread: the event loop's only.
#pragma once

#include <sys/types.h>
#include <systemd/sd-event.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include "base/result.h"
#include "base/unique_fd.h"

namespace openras::rasman {

// Checks a client's byte stream as it arrives: first the AUTH dialogue (a NUL byte, then
// CRLF-terminated lines up to "BEGIN"), then D-Bus messages, whose fixed 16-byte header
// gives the message's whole length. feed() fails on the first byte that breaks a limit,
// before any byte of that message needs to be passed on.
class InboundFramer {
 public:
  InboundFramer(std::size_t max_message_bytes, std::size_t max_auth_bytes)
      : max_message_(max_message_bytes), max_auth_(max_auth_bytes) {}
  [[nodiscard]] Status feed(const char* data, std::size_t size);
  // True between the first byte of the AUTH dialogue or of a message and its last byte.
  [[nodiscard]] bool incomplete() const noexcept;
  [[nodiscard]] uint64_t messages() const noexcept { return messages_; }
  [[nodiscard]] bool authenticated() const noexcept { return authenticated_; }

 private:
  [[nodiscard]] Status header_complete();
  std::size_t max_message_;
  std::size_t max_auth_;
  bool authenticated_ = false;
  std::size_t auth_bytes_ = 0;
  std::string line_;  // the AUTH line being read
  unsigned char header_[16] = {};
  std::size_t header_bytes_ = 0;
  uint64_t remaining_ = 0;  // bytes of the current message after its header
  uint64_t messages_ = 0;
};

// Bytes queued for clients, by uid, so that one user's unread replies cannot use up what
// another user's are allowed (protocol.h: kMaxOutgoingPerClient, kMaxOutgoingPerUser).
class OutgoingBudget {
 public:
  // Whether `uid` may queue `more` bytes on a client that already has `client_bytes`.
  // Administrators are bounded per client only (kMaxOutgoingPerAdminClient).
  [[nodiscard]] Status admit(uid_t uid, bool admin, std::size_t client_bytes,
                             std::size_t more) const;
  void add(uid_t uid, std::size_t bytes) { by_uid_[uid] += bytes; }
  void remove(uid_t uid, std::size_t bytes);
  [[nodiscard]] std::size_t of(uid_t uid) const;

 private:
  std::map<uid_t, std::size_t> by_uid_;
};

struct GateLimits {
  std::size_t max_message_bytes;
  std::size_t max_auth_bytes;
  uint64_t message_deadline_usec;  // for the AUTH dialogue and for each message
};

class ClientGate;

// Every gate's client socket, on one event source. sd-event dispatches one source a turn and,
// while others wait, polls again before each: K clients sending at once (many connecting or
// leaving together) cost it O(K²) readiness events (a storm of 1,000: polls of 256 events,
// thousands of times). One dispatch here takes every client socket that is ready (up to
// kBatch, so other sources keep their turns), each reported once.
class ClientSockets {
 public:
  static constexpr int kBatch = 64;
  [[nodiscard]] static Result<std::unique_ptr<ClientSockets>> start(sd_event* event);
  ~ClientSockets();
  ClientSockets(const ClientSockets&) = delete;
  ClientSockets& operator=(const ClientSockets&) = delete;

  // A token for `gate`, whose socket is then watched through set().
  [[nodiscard]] uint64_t add(ClientGate* gate);
  // Watches `fd` for `events` (EPOLLIN, EPOLLOUT; 0: not at all) for the gate of `token`;
  // `watched` holds what it watched and becomes `events`. A system call only on a change.
  [[nodiscard]] Status set(uint64_t token, int fd, uint32_t events, uint32_t& watched);
  // No more callbacks for `token` (its socket must not be watched any more).
  void remove(uint64_t token) { gates_.erase(token); }

 private:
  ClientSockets() = default;
  static int on_ready(sd_event_source* source, int fd, uint32_t events, void* userdata);

  UniqueFd epoll_;
  sd_event_source* source_ = nullptr;
  std::unordered_map<uint64_t, ClientGate*> gates_;  // by token, so a stale event finds none
  uint64_t next_token_ = 1;
};

class ClientGate {
 public:
  // Takes the client's socket, watched through `sockets`; `bus_end` receives the
  // descriptor sd-bus must serve. `on_close(why)` runs once when the gate closes the client
  // for breaking a limit (not when the client simply leaves); the gate's descriptors are
  // closed by then. `sockets` and `budget` must outlive the gate.
  [[nodiscard]] static Result<std::unique_ptr<ClientGate>> start(
      sd_event* event, ClientSockets& sockets, UniqueFd client, uid_t uid, bool admin,
      OutgoingBudget& budget, const GateLimits& limits,
      std::function<void(const std::string&)> on_close, int* bus_end);
  ~ClientGate();
  ClientGate(const ClientGate&) = delete;
  ClientGate& operator=(const ClientGate&) = delete;

  // Bytes waiting to be written to the client.
  [[nodiscard]] std::size_t queued() const noexcept { return out_.size() - out_sent_; }
  // Whether anything sd-bus wrote for the client is not yet written to it (queued, or
  // still in the socketpair, not yet read by the gate).
  [[nodiscard]] bool pending() const noexcept;
  // Stops reading the client for good (shutdown): what it sends now is not served.
  void stop_reading();
  // Serving in one turn of the loop. `serve` runs right after checked bytes went to
  // sd-bus, so the server can process them at once instead of in the loop's next turn
  // (it must not destroy the gate: peers are freed at the end of the turn). drain()
  // passes on now what sd-bus has written so far, as the socketpair's event would later.
  void set_serve(std::function<void()> serve) { serve_ = std::move(serve); }
  void drain();
  // `room` runs after the gate read what sd-bus wrote, so a bus that had to queue output
  // (its socketpair full) is watched for writing again (it must not destroy the gate).
  void set_room(std::function<void()> room) { room_ = std::move(room); }

 private:
  friend class ClientSockets;
  ClientGate(ClientSockets& sockets, uid_t uid, bool admin, OutgoingBudget& budget,
             const GateLimits& limits)
      : sockets_(sockets),
        uid_(uid),
        admin_(admin),
        budget_(budget),
        limits_(limits),
        framer_(limits.max_message_bytes, limits.max_auth_bytes) {}
  void on_client(uint32_t events);  // from ClientSockets
  static int on_bus(sd_event_source* source, int fd, uint32_t events, void* userdata);
  static int on_deadline(sd_event_source* source, uint64_t usec, void* userdata);
  void read_client();
  void forward_to_bus();
  void read_bus();
  void write_client();
  void update_events();
  void unwatch_client();
  void client_gone();
  void fail(const std::string& why);
  void close_all();

  ClientSockets& sockets_;
  uint64_t token_ = 0;           // ours in sockets_
  uint32_t client_watched_ = 0;  // what sockets_ watches the client's socket for
  uid_t uid_;
  bool admin_;
  OutgoingBudget& budget_;
  GateLimits limits_;
  InboundFramer framer_;
  UniqueFd client_;
  UniqueFd bus_;
  sd_event_source* bus_source_ = nullptr;
  sd_event_source* deadline_ = nullptr;
  std::string in_;   // checked bytes from the client not yet taken by sd-bus
  std::string out_;  // bytes from sd-bus for the client; out_sent_ of them written
  std::size_t out_sent_ = 0;
  bool client_eof_ = false;  // the client has closed its sending side
  bool reading_stopped_ = false;
  bool closed_ = false;
  std::function<void(const std::string&)> on_close_;
  std::function<void()> serve_;
  std::function<void()> room_;
};

}  // namespace openras::rasman
