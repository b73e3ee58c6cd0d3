// connection.h: one connection's own resources in rasmand, and the calls waiting on it, in
// one object with one lifetime (docs/architecture.md "A connection in rasmand"), as
// strongSwan's IKE_SA owns its tasks and timers, or iwd's netdev its handshake and timers:
// a resource is freed by ending or destroying its connection, never found again by handle
// in a side table.
//
// The record in the ConnectionTable (connection_table.h) stays the connection's public
// view: what D-Bus lists and signals, what the permission rules read, copied freely. What
// must not be copied lives here, owned once: a built-in connection's link (its Links entry,
// with the port the link holds), its interface, a paused dial's terminal, and the calls
// that wait for it. The Server keeps one map, handle → Connection.
//
// A built-in connection's object, from Server::dial to its port being free:
//   kListed  its record is in the table (dialing, paused, connected). It owns its terminal,
//            its interface, and the GetStatistics/ClearStatistics calls waiting for its
//            link, with their timer.
//   kEnding  end(): its record has left the table (hang-up, failure, its link's crash,
//            rasmand stopping). end() answers the statistics calls (NotFound), stops its
//            timers, hangs its link up (Links::stop: the link's socket closes; it is killed
//            after kStopGraceUsec), closes its terminal and removes its interface (rasmand's
//            TUN descriptor; the link's copy goes with the link). The object then holds only
//            the HangUp calls that wait until the link has ended and its port has been
//            released (closed, then held for kDtrHoldUsec: links.h).
//   gone     the Server destroys it once Links reports the port released (on_released), or
//            at once when nothing of its link is left.
// The destructor releases whatever it still owns, on every path (rasmand stopping
// included), in this order: answers the waiting calls (HangUp: done; statistics:
// NotFound), stops its timers, hangs up its link if it still runs (the port is the link's:
// Links frees it once the link has ended, or when Links itself goes), closes its terminal,
// removes its interface. While the object lives, its handle is reserved in the table
// (ConnectionTable::set_reserved): no newcomer is listed under it.
//
// A custom connection (a dialer's registration) owns none of that: it has an object only
// while rasmand waits for its owner to hang it up (Server::request_hang_up's timer), and
// the object goes with its record.
//
// Thread: the event loop's. Callbacks run from the loop, never from inside a call of
// this class; one may destroy the object.
#pragma once

#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "base/result.h"
#include "rasman/interface.h"
#include "rasman/pending_call.h"
#include "rasman/terminal.h"

namespace openras::rasman {

class Links;

struct ConnectionCallbacks {
  // The hang-up timer fired: the owner of a custom connection did not hang it up in time.
  std::function<void(uint64_t handle)> on_hang_up_overdue;
  // The statistics timer fired: the link did not answer a StatisticsRequest in time.
  std::function<void(uint64_t handle)> on_statistics_overdue;
};

// A GetStatistics (clear == false) or ClearStatistics call waiting for its link's counters.
struct StatisticsCall {
  PendingCall call;
  bool clear = false;
};

class Connection {
 public:
  enum class Phase {
    kListed,  // its record is in the table
    kEnding,  // its record is gone; its link or its port is being released
  };

  // A built-in connection's object when `links` is given (the Links that runs its link,
  // which must outlive the object), a custom one's otherwise. `event` must outlive it.
  Connection(sd_event* event, uint64_t handle, Links* links, ConnectionCallbacks callbacks);
  ~Connection();  // releases everything, in the order above
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  [[nodiscard]] uint64_t handle() const { return handle_; }
  [[nodiscard]] bool builtin() const { return links_ != nullptr; }
  [[nodiscard]] Phase phase() const { return phase_; }

  // Its record has left the table: see kEnding. Idempotent.
  void end();

  // --- a built-in connection's resources
  void set_interface(std::unique_ptr<ConnectionInterface> interface) {
    interface_ = std::move(interface);
  }
  // nullptr for a connection without one (a test device, or once it ends).
  [[nodiscard]] ConnectionInterface* interface() const { return interface_.get(); }
  void set_terminal(std::unique_ptr<ConnectionTerminal> terminal) {
    terminal_ = std::move(terminal);
  }
  // A paused dial's terminal; nullptr once the dial resumed or ended.
  [[nodiscard]] const ConnectionTerminal* terminal() const { return terminal_.get(); }
  void close_terminal() { terminal_.reset(); }

  // --- HangUp calls of a built-in connection, answered (done) when the object goes: once
  // its link has ended and its port has been released. Only while kEnding.
  void answer_when_released(sd_bus_message* call);
  [[nodiscard]] std::size_t hang_ups_waiting() const { return hang_ups_.size(); }

  // --- the hang-up timer of a custom connection (HangUpRequested sent to its owner):
  // on_hang_up_overdue after `usec` unless the object goes first. Once; a second arming
  // keeps the first timer.
  [[nodiscard]] Status arm_hang_up_timer(uint64_t usec);
  [[nodiscard]] bool hang_up_requested() const { return hang_up_timer_ != nullptr; }

  // --- statistics calls waiting for the link's counters (server_stats.cpp). The first
  // call arms the timer (`timeout_usec`, on_statistics_overdue).
  [[nodiscard]] Status wait_for_statistics(sd_bus_message* call, bool clear, uint64_t timeout_usec);
  [[nodiscard]] std::size_t statistics_waiting() const { return statistics_.size(); }
  // The waiting calls, in order, for the caller to answer; the timer stops.
  [[nodiscard]] std::vector<StatisticsCall> take_statistics_calls();

  // Its armed timers (connection_test checks that none outlives the object). Owned here.
  [[nodiscard]] std::vector<sd_event_source*> timers() const;

 private:
  static int on_hang_up_timer(sd_event_source* source, uint64_t usec, void* userdata);
  static int on_statistics_timer(sd_event_source* source, uint64_t usec, void* userdata);
  void answer_statistics_ended();
  void answer_hang_ups();
  void stop_timers();
  void hang_up_link();

  sd_event* event_;
  uint64_t handle_;
  Links* links_;  // not owned; nullptr for a custom connection
  ConnectionCallbacks callbacks_;
  Phase phase_ = Phase::kListed;
  std::vector<PendingCall> hang_ups_;
  std::vector<StatisticsCall> statistics_;
  sd_event_source* statistics_timer_ = nullptr;  // owned
  sd_event_source* hang_up_timer_ = nullptr;     // owned
  std::unique_ptr<ConnectionTerminal> terminal_;
  std::unique_ptr<ConnectionInterface> interface_;
};

}  // namespace openras::rasman
