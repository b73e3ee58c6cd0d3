// logon_host.h: rasmand's logon hosts (DESIGN.md §3, docs/logon.md): one child per dial at
// logon, beside the link processes and supervised the same way (pidfd; rasmand is a
// child subreaper). start() makes the host's private runtime directory
// (run/openras/logon/host-XXXXXX, 0700, root's), a SOCK_SEQPACKET control socket, and
// spawns openras-logon-host as root with nothing but stdio and that socket (fd 3),
// giving it the root explicitly. The host reports its dial's result once ("dialed RC
// HANDLE"; its messages: logon_control.h), then holds the connection until it ends; every
// violation it reports and every notice goes to rasmand's log, naming the host's pid and
// entry. A host that has not reported within the time-out is killed and the dial fails
// with ERROR_REQUEST_TIMEOUT.
// When a host exits, its runtime directory is removed. Thread: the event loop's only.
//
// A host started with `dialog` shows the entry's dialog (the dialer's RasCustomDialDlg,
// or the built-in credentials prompt) through the caller's PAM conversation: it sends
// "ask ID STYLE TEXT" (STYLE as PAM's msg_style: 1 secret, 2 echoed, 3 error, 4 info;
// styles 1 and 2 expect an answer), which goes to `ask`, and answer() sends the caller's
// reply back as "answer ID TEXT". Answers are not logged (they may be passwords).
#pragma once

#include <sys/types.h>
#include <systemd/sd-event.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "base/paths.h"
#include "base/result.h"
#include "base/unique_fd.h"

namespace openras::rasman {

// LogonDial's time-out is at most this (ten minutes: a person is waiting at a login).
inline constexpr uint32_t kMaxLogonTimeoutSeconds = 600;
// Questions of one logon host waiting for their answers at once (it asks one at a time).
inline constexpr std::size_t kMaxPendingQuestions = 4;

struct LogonOutcome {
  uint32_t result = 0;  // the RAS code of the dial (0: connected)
  uint64_t handle = 0;  // rasmand's handle of the connection (0: none)
  pid_t host_pid = 0;
};

class LogonHosts {
 public:
  using Done = std::function<void(const LogonOutcome& outcome)>;
  // A question for the caller: the dial's id (LogonHosts' own), the question's id, its
  // style and text. Called from the loop; the host waits for answer().
  using Ask = std::function<void(uint64_t dial, uint32_t question, uint32_t style,
                                 const std::string& text)>;

  LogonHosts(sd_event* event, Paths paths);
  ~LogonHosts();  // SIGKILLs and reaps every host still running
  LogonHosts(const LogonHosts&) = delete;
  LogonHosts& operator=(const LogonHosts&) = delete;

  // openras-logon-host's path (default: default_logon_host()).
  void set_helper(std::string path) { helper_ = std::move(path); }
  // Starts a host dialing the all-users entry `entry`; `done` runs once, from the loop,
  // with the host's report, or with an error when it exits or times out before one.
  // With `dialog`, the host asks through `ask`; `requester` names the caller (a peer id),
  // the only one whose answers are taken.
  [[nodiscard]] Status start(const std::string& entry, uint64_t timeout_usec, Done done,
                             bool dialog = false, uint64_t requester = 0, Ask ask = nullptr);
  // The requester's answer to question `question` of dial `dial`: kInvalidHandle (NotFound
  // on the wire) when no such dial runs or it is not waiting for that answer,
  // kAccessDenied when another caller started it.
  [[nodiscard]] Status answer(uint64_t dial, uint64_t requester, uint32_t question,
                              const std::string& text);
  [[nodiscard]] std::size_t running() const { return hosts_.size(); }

 private:
  struct Host;
  static int on_control(sd_event_source* source, int fd, uint32_t events, void* userdata);
  static int on_exit(sd_event_source* source, int fd, uint32_t events, void* userdata);
  static int on_timeout(sd_event_source* source, uint64_t usec, void* userdata);
  [[nodiscard]] Result<std::string> make_runtime_dir();
  void finish(Host& host, const LogonOutcome& outcome);

  sd_event* event_;
  Paths paths_;
  std::string helper_;
  uint64_t next_id_ = 1;
  std::map<uint64_t, std::unique_ptr<Host>> hosts_;
};

// Where openras-logon-host is: beside rasmand's own executable, then the build tree's
// tools/openras-logon-host/, then the installed libexecdir/openras/.
[[nodiscard]] std::string default_logon_host();

}  // namespace openras::rasman
