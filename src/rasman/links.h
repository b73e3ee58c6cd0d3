// links.h: rasmand's link processes (DESIGN.md §3, docs/protocol.md "Link processes").
//
// rasmand does not execute a helper per connection: it starts one link zygote
// (`openras-link --zygote`, src/link/zygote.h) at the first dial, with a SOCK_SEQPACKET
// control socket, and asks it to fork each link. Per connection, start() makes a
// socketpair, watches rasmand's end at once and queues a spawn request carrying the
// link's end (SCM_RIGHTS); requests go out and answers (the child's pid and pidfd) come
// in on the event loop, never blocking it. The link's state messages (src/link/message.h)
// arrive on its socket; its exit comes from the zygote's exit report (the zygote is its
// parent and reaps it) — or, once that zygote is gone, from the link's pidfd: rasmand is
// a child subreaper, so a dead zygote's links become rasmand's children and waitid gives
// their status. A dead zygote takes only the requests it had not answered with it (their
// connections fail with status -1); the next dial starts a new zygote. (A child it forked
// but never reported is unknown to rasmand: its socket closing ends it, and it stays a
// zombie of rasmand's until rasmand exits. That takes a zygote dying between a fork and
// its answer.)
// send() writes rasmand's messages (Start, StatisticsRequest) to the link's socket.
// A line device's port travels with the spawn request and stays rasmand's until the link
// has ended, on every path (hang-up, failure, crash, rasmand stopping); then rasmand closes
// it (DTR drops, HUPCL) and keeps its lock for kDtrHold more, so the modem has seen DTR
// down and gone on hook before anyone opens the port again; on_released says when.
// Ending a link (stop) closes rasmand's end, which is the link's hang-up: it ends its PPP
// cleanly (link/driver.h kHangUpGrace) and exits; one still running after kStopGrace is
// killed. Thread: the event loop's only.
#pragma once

#include <sys/types.h>
#include <systemd/sd-event.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "base/unique_fd.h"
#include "link/message.h"
#include "link/zygote_message.h"
#include "rasman/serial_port.h"

namespace openras::link {
struct ZygoteEvent;
}

namespace openras::rasman {

struct LinkCallbacks {
  // A message arrived from the link of `handle` (parsed: its format is right; nothing
  // else about it is checked yet).
  std::function<void(uint64_t handle, const link::LinkMessage& message)> on_message;
  // The link of `handle` exited or was killed (`status` as waitpid gives it), or broke
  // the protocol, or could not be started, or ended unseen with a dead zygote (status -1).
  // Not called for a link ended by stop(). holds(handle) is still true while it runs: the
  // port's hold has begun, and on_released follows.
  std::function<void(uint64_t handle, int status)> on_exit;
  // The link of `handle` has ended, whether stopped or not, and its port (if it had one)
  // has been closed and held for kDtrHold: the device may be dialled again.
  std::function<void(uint64_t handle)> on_released;
};

// How long a stopped link may take to end (its PPP's goodbye, link/driver.h kHangUpGrace)
// before it is killed, and how long a port stays locked after its link, with DTR down:
// longer than any modem needs to notice (S25-style DTR detection is tens of milliseconds;
// pppd holds DTR down for a second), short enough that a redial does not wait for it.
inline constexpr uint64_t kStopGraceUsec = 3'000'000;
inline constexpr uint64_t kDtrHoldUsec = 500'000;

struct LinkSpec {
  LinkSpec() = default;
  LinkSpec(std::string type, std::string number)
      : device_type(std::move(type)), phone_number(std::move(number)) {}
  std::string device_type;
  std::string phone_number;
  // A line device's port (serial_port.h), held for the link's life and handed to it as its
  // second descriptor; released when the link is stopped or ends. With it, `device`.
  std::unique_ptr<SerialPort> port;
  link::DeviceSettings device;
  // With a line: a copy of the connection's TUN interface (interface.h), handed to the link
  // as its third descriptor, and how its PPP negotiates.
  UniqueFd tun;
  link::PppSettings ppp;
  // With device.terminal kTerminalPause: the master of the terminal's pseudo-terminal
  // (terminal.h), handed to the link as its fourth descriptor.
  UniqueFd terminal;
};

class Links {
 public:
  Links(sd_event* event, LinkCallbacks callbacks);
  ~Links();  // SIGKILLs and reaps every child still running
  Links(const Links&) = delete;
  Links& operator=(const Links&) = delete;

  // The helper to execute as the zygote (openras-link); see default_link_helper(). Taken
  // when the next zygote starts.
  void set_helper(std::string path) { helper_ = std::move(path); }
  [[nodiscard]] const std::string& helper() const { return helper_; }
  // Starts the link of `handle`: queues its spawn request for the zygote, starting the
  // zygote first if none runs. Fails only when the zygote cannot be started or the
  // request not made; a failure after that comes as on_exit(handle, -1).
  [[nodiscard]] Status start(uint64_t handle, LinkSpec spec);
  // Delivers `message` to on_message for `handle` from the loop, after the current
  // callback: how rasmand reports a failure of its own (a port it could not open) through
  // the path a link's report takes, after Dial has answered.
  [[nodiscard]] Status post(uint64_t handle, link::LinkMessage message);
  // Sends one message (already encoded) to the link of `handle`, without blocking. To a
  // link whose zygote died with its request unanswered it succeeds: on_exit(-1) follows.
  [[nodiscard]] Status send(uint64_t handle, const std::vector<uint8_t>& message);
  // Hangs the link up (closes its socket; SIGKILL after kStopGraceUsec if it is still
  // running); no callback but on_released follows for it.
  void stop(uint64_t handle);
  // Whether anything of the link of `handle` is left: the process, or its port being held.
  [[nodiscard]] bool holds(uint64_t handle) const;
  // Whether a link, running or ending, or a hold has the port a device names as `port`
  // (its Port value, as LinkSpec::device.port carried it).
  [[nodiscard]] bool holds_port(const std::string& port) const;
  // Whether any link or hold has a port at all (a cheap test before holds_port).
  [[nodiscard]] bool holds_ports() const;
  [[nodiscard]] std::size_t running() const { return children_.size(); }
  // The running zygote's pid; 0 when none runs (none started yet, or it died).
  [[nodiscard]] pid_t zygote_pid() const;
  // The pid of the link of `handle` once the zygote has reported it; 0 before (or for no
  // such link). A link may already be talking on its socket before then.
  [[nodiscard]] pid_t link_pid(uint64_t handle) const;

 private:
  struct Child;
  struct Zygote;
  static int on_socket(sd_event_source* source, int fd, uint32_t events, void* userdata);
  static int on_pidfd(sd_event_source* source, int fd, uint32_t events, void* userdata);
  static int on_control(sd_event_source* source, int fd, uint32_t events, void* userdata);
  static int on_zygote_exit(sd_event_source* source, int fd, uint32_t events, void* userdata);
  // Runs `work` from the loop on its next turn, after the current callback; in order of
  // the calls. One deferred source for all, so a turn costs no timer and no system call.
  [[nodiscard]] Status later(std::function<void()> work);
  static int on_turn(sd_event_source* source, void* userdata);
  [[nodiscard]] Result<Zygote*> zygote();
  void flush(Zygote& zygote);
  void drain(Zygote& zygote);
  [[nodiscard]] bool dispatch(Zygote& zygote, const link::ZygoteEvent& event, UniqueFd pidfd);
  void lose(Zygote& zygote);
  static int on_stop_timeout(sd_event_source* source, uint64_t usec, void* userdata);
  static int on_hold_over(sd_event_source* source, uint64_t usec, void* userdata);
  void signal(Child& child, int signal);
  // The running link of `handle` (stopped or not), or nullptr; found by handle, not by a
  // walk over every link, since each dial, send and hang-up asks.
  [[nodiscard]] Child* child_of(uint64_t handle) const;
  // Takes `child` out (it is destroyed); gives back its port and the port's name, for the
  // hold (release).
  std::pair<std::unique_ptr<SerialPort>, std::string> forget(Child& child);
  void finish(Child& child, int status);
  // Closes `port` (if any) and keeps it locked for kDtrHoldUsec; then on_released(handle).
  void release(uint64_t handle, std::unique_ptr<SerialPort> port, std::string port_name);

  struct Held {  // a port after its link, until the hold is over
    Links* owner = nullptr;
    uint64_t id = 0;
    uint64_t handle = 0;
    std::unique_ptr<SerialPort> port;
    std::string port_name;  // the device's Port value
    sd_event_source* timer = nullptr;
    Held() = default;
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;
    ~Held() { sd_event_source_disable_unref(timer); }
  };

  sd_event* event_;
  LinkCallbacks callbacks_;
  std::string helper_;
  uint64_t next_child_ = 1;
  std::map<uint64_t, std::unique_ptr<Child>> children_;  // by child id, not handle
  std::unordered_map<uint64_t, Child*> by_handle_;       // the same, by handle (one each)
  std::size_t ported_ = 0;                               // children_ holding a port
  uint64_t next_zygote_ = 1;
  std::unique_ptr<Zygote> zygote_;                       // the one taking requests, if any
  std::map<uint64_t, std::unique_ptr<Zygote>> retired_;  // lost, until reaped
  uint64_t next_held_ = 1;
  std::map<uint64_t, std::unique_ptr<Held>> held_;  // ports after their links
  sd_event_source* turn_ = nullptr;                 // later()'s, enabled while work waits
  std::deque<std::function<void()>> waiting_;       // later()'s, in order
};

// A link's or the zygote's end as waitpid's `status` gives it (-1: unknown), for messages:
// "exited with status N", "was killed by Killed", or "ended".
[[nodiscard]] std::string describe_exit(int status);

// Where openras-link is: beside rasmand's own executable, then the build tree's
// tools/openras-link/, then the installed libexecdir/openras/.
[[nodiscard]] std::string default_link_helper();

// What tells the zygote whom its links become: `--uid UID --gid GID` of `user` (the build's
// OPENRAS_LINK_USER) when rasmand is root, nothing otherwise (the links then keep rasmand's
// user). rasmand looks the user up because openras-link, a static executable, does not.
// kNotFound for a user that does not exist, kAccessDenied for one whose uid is 0.
[[nodiscard]] Result<std::vector<std::string>> link_user_arguments(const std::string& user,
                                                                   bool as_root);

}  // namespace openras::rasman
