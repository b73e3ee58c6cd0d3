// far_end.cpp: starting, hanging up and reaping the exec: far end.
#include "far_end.h"

#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>

namespace openras::modemsim_tool {
namespace {

using std::chrono::steady_clock;
constexpr auto kGrace = std::chrono::seconds(2);

[[noreturn]] void exec_child(int slave, const std::string& command) {
  // The signal mask and ignored signals survive exec: give the program a clean slate.
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  signal(SIGPIPE, SIG_DFL);
  setsid();
  ioctl(slave, TIOCSCTTY, 0);
  dup2(slave, STDIN_FILENO);
  dup2(slave, STDOUT_FILENO);
  if (slave > STDOUT_FILENO) close(slave);
  execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
  _exit(127);
}

}  // namespace

Status FarEnd::start(const std::string& command) {
  if (pty_) stop();
  termios raw{};
  cfmakeraw(&raw);
  raw.c_cflag |= CLOCAL | CREAD;
  int master = -1;
  int slave = -1;
  if (openpty(&master, &slave, nullptr, &raw, nullptr) != 0) {
    return fail_errno(errno, "cannot open a pty for \"" + command + "\"");
  }
  UniqueFd master_fd(master);
  UniqueFd slave_fd(slave);
  fcntl(master, F_SETFD, FD_CLOEXEC);
  pid_t pid = fork();
  if (pid < 0) return fail_errno(errno, "cannot fork for \"" + command + "\"");
  if (pid == 0) exec_child(slave, command);
  fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
  pty_ = std::move(master_fd);
  pid_ = pid;
  return {};
}

void FarEnd::stop() {
  pty_.reset();  // the program's terminal hangs up
  if (pid_ <= 0) return;
  // The program leads its own session (setsid), so its pid is also its group's id.
  kill(-pid_, SIGHUP);
  kill(-pid_, SIGTERM);
  kill(-pid_, SIGCONT);
  dying_.push_back({pid_, steady_clock::now() + kGrace});
  pid_ = -1;
}

std::vector<FarEnd::Exit> FarEnd::reap() {
  std::vector<Exit> exits;
  int status = 0;
  pid_t pid;
  while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
    if (pid == pid_) {
      exits.push_back({pid, status, true});
      pid_ = -1;
      // Whatever it started in its session goes with it, as with a modem hanging up.
      dying_.push_back({pid, steady_clock::now() + kGrace});
      kill(-pid, SIGHUP);
    } else if (std::any_of(dying_.begin(), dying_.end(),
                           [pid](const Dying& d) { return d.pid == pid; })) {
      exits.push_back({pid, status, false});
    }
    // A dying session's leader is gone: its members get until kill_at, then SIGKILL.
  }
  return exits;
}

steady_clock::time_point FarEnd::kill_late() {
  const steady_clock::time_point now = steady_clock::now();
  for (Dying& d : dying_) {
    if (now >= d.kill_at) kill(-d.pid, SIGKILL);
  }
  // A session is finished when no process of its group is left to signal.
  std::erase_if(dying_, [now](const Dying& d) { return now >= d.kill_at || kill(-d.pid, 0) != 0; });
  steady_clock::time_point next = steady_clock::time_point::max();
  for (const Dying& d : dying_) next = std::min(next, d.kill_at);
  return next;
}

}  // namespace openras::modemsim_tool
