// far_end.h: the program an exec: action runs behind the modem, on a pty of its own in
// raw mode (slirp and similar programs refuse anything but a tty), in a session of its own
// so hanging up reaches every process it started.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/unique_fd.h"

namespace openras::modemsim_tool {

class FarEnd {
 public:
  // Starts `/bin/sh -c command` with a new pty as stdin and stdout (stderr is ours).
  [[nodiscard]] Status start(const std::string& command);
  // Hangs up: closes the pty and sends SIGHUP then SIGTERM to the program's session.
  // The processes are reaped by reap(); kill_late() makes sure they go.
  void stop();

  [[nodiscard]] bool running() const { return static_cast<bool>(pty_); }
  [[nodiscard]] int fd() const { return pty_.get(); }
  [[nodiscard]] pid_t pid() const { return pid_; }

  // A program we started (a session leader) that was reaped.
  struct Exit {
    pid_t pid;
    int status;    // as waitpid() gives it
    bool current;  // the program of the call in progress (not one already hung up)
  };
  // Reaps exited children (after SIGCHLD): the programs we started, and orphans of their
  // sessions (we are their subreaper), which are not reported.
  [[nodiscard]] std::vector<Exit> reap();
  // SIGKILLs the sessions of programs that outlived their hang-up by two seconds. Returns
  // the time to call it again, if any process is still waited for.
  [[nodiscard]] std::chrono::steady_clock::time_point kill_late();
  [[nodiscard]] bool anything_left() const { return pid_ > 0 || !dying_.empty(); }

 private:
  struct Dying {
    pid_t pid;
    std::chrono::steady_clock::time_point kill_at;
  };
  UniqueFd pty_;
  pid_t pid_ = -1;  // the current program, until it is reaped
  std::vector<Dying> dying_;
};

}  // namespace openras::modemsim_tool
