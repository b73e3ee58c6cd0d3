// links.h: rasmand's link processes (DESIGN.md §3, docs/protocol.md "Link processes").
//
// For each built-in connection rasmand spawns the openras-link helper with one descriptor
// besides stdio — fd 3, its end of a SOCK_SEQPACKET socketpair — every other fd closed,
// and an empty environment. It watches the socket (state messages, src/link/message.h)
// and the child's pidfd (its exit) on the event loop, and reports both to the owner
// through callbacks; send() writes rasmand's messages (Start, StatisticsRequest) to it.
// Ending a link closes rasmand's end (the link's hang-up) and sends SIGTERM; the child is
// reaped when it exits. Thread: the event loop's only.
#pragma once

#include <systemd/sd-event.h>
#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/unique_fd.h"
#include "link/message.h"

namespace openras::rasman {

struct LinkCallbacks {
  // A message arrived from the link of `handle` (parsed: its format is right; nothing
  // else about it is checked yet).
  std::function<void(uint64_t handle, const link::LinkMessage& message)> on_message;
  // The link of `handle` exited or was killed (`status` as waitpid gives it) or broke
  // the protocol (status -1). Not called for a link ended by stop().
  std::function<void(uint64_t handle, int status)> on_exit;
};

struct LinkSpec {
  std::string device_type;
  std::string phone_number;
};

class Links {
 public:
  Links(sd_event* event, LinkCallbacks callbacks);
  ~Links();  // SIGKILLs and reaps every child still running
  Links(const Links&) = delete;
  Links& operator=(const Links&) = delete;

  // The helper to execute (openras-link); see default_link_helper().
  void set_helper(std::string path) { helper_ = std::move(path); }
  [[nodiscard]] const std::string& helper() const { return helper_; }
  // Spawns the link of `handle`; its pid.
  [[nodiscard]] Result<pid_t> start(uint64_t handle, const LinkSpec& spec);
  // Sends one message (already encoded) to the link of `handle`, without blocking.
  [[nodiscard]] Status send(uint64_t handle, const std::vector<uint8_t>& message);
  // Hangs the link up (closes the socket, SIGTERM); no callback follows for it.
  void stop(uint64_t handle);
  [[nodiscard]] std::size_t running() const { return children_.size(); }

 private:
  struct Child;
  static int on_socket(sd_event_source* source, int fd, uint32_t events, void* userdata);
  static int on_pidfd(sd_event_source* source, int fd, uint32_t events, void* userdata);
  void finish(Child& child, int status);

  sd_event* event_;
  LinkCallbacks callbacks_;
  std::string helper_;
  uint64_t next_child_ = 1;
  std::map<uint64_t, std::unique_ptr<Child>> children_;  // by child id, not handle
};

// Where openras-link is: beside rasmand's own executable, then the build tree's
// tools/openras-link/, then the installed libexecdir/openras/.
[[nodiscard]] std::string default_link_helper();

}  // namespace openras::rasman
