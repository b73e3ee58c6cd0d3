// child.cpp: one part of the exercise in a child process (see child.h).
#include "child.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

#include "base/unique_fd.h"

namespace openras::check {

namespace {

// Beyond the dialer's time: the child's own waits (for notifications, for the delete
// notification's host) end at the timeout, and report just after.
constexpr int kGraceSeconds = 2;

volatile sig_atomic_t g_interrupted = 0;

void on_signal(int sig) { g_interrupted = sig; }

long long now_ms() {
  struct timespec ts {};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<long long>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

// Feeds the complete lines of `buffer` to `report`, keeping a partial last line.
void take_lines(std::string& buffer, Report& report, std::pair<std::string, std::string>* current) {
  for (auto end = buffer.find('\n'); end != std::string::npos; end = buffer.find('\n')) {
    report.take_line(buffer.substr(0, end), current);
    buffer.erase(0, end + 1);
  }
}

[[noreturn]] void child_main(int write_fd, const std::function<void(Report&)>& body) {
  // Dies with rasdialer-check, so a killed check leaves no dialer running.
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) ::_exit(127);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::signal(sig, SIG_DFL);
  ::setpgid(0, 0);
  // What the dialer prints must not end up inside the report (--json is parsed).
  ::dup2(STDERR_FILENO, STDOUT_FILENO);
  Report streamed;
  streamed.stream_to(write_fd);
  body(streamed);
  streamed.begin("", "");  // the end mark: body returned
  ::_exit(0);
}

}  // namespace

void interrupt_on_signals() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  ::sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a waiting poll returns EINTR at once
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &action, nullptr);
}

int interrupted() { return g_interrupted; }

std::string describe_status(int status) {
  if (WIFSIGNALED(status)) {
    return "died of signal " + std::to_string(WTERMSIG(status)) + " (" +
           ::strsignal(WTERMSIG(status)) + ")";
  }
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  return "ended";
}

bool run_in_child(Report& report, int timeout_seconds, const std::string& part,
                  const std::function<void(Report&)>& body) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    report.fail(part, std::string("cannot create a pipe: ") + std::strerror(errno));
    return false;
  }
  UniqueFd read_end(fds[0]), write_end(fds[1]);
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) {
    report.fail(part, std::string("cannot fork: ") + std::strerror(errno));
    return false;
  }
  if (pid == 0) {
    read_end.reset();
    child_main(write_end.get(), body);
  }
  ::setpgid(pid, pid);  // also here: no race with the kill below
  write_end.reset();
  // A pidfd tells the child's end even when something it started still holds the pipe.
  UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  std::pair<std::string, std::string> current{part, "the exercise"};
  std::string buffer;
  const int allowed_ms = (timeout_seconds + kGraceSeconds) * 1000;
  long long deadline = now_ms() + allowed_ms;
  bool exited = false, hung = false;
  while (!exited && !g_interrupted) {
    long long left = deadline - now_ms();
    if (left <= 0) {
      hung = true;
      break;
    }
    struct pollfd p[2] = {{read_end.get(), POLLIN, 0}, {pidfd.get(), POLLIN, 0}};
    int n = ::poll(p, pidfd ? 2 : 1, static_cast<int>(left));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    if (p[0].revents) {
      char chunk[4096];
      ssize_t got = ::read(read_end.get(), chunk, sizeof chunk);
      if (got < 0 && errno == EINTR) continue;
      if (got > 0) {
        if (buffer.size() < (1 << 20)) buffer.append(chunk, static_cast<size_t>(got));
        take_lines(buffer, report, &current);
        deadline = now_ms() + allowed_ms;
        continue;
      }
      exited = true;  // EOF: every writer is gone
    }
    if (p[1].revents) exited = true;
  }
  if (exited) {
    // What the child wrote just before it ended is still in the pipe.
    ::fcntl(read_end.get(), F_SETFL, O_NONBLOCK);
    char chunk[4096];
    ssize_t got;
    while ((got = ::read(read_end.get(), chunk, sizeof chunk)) > 0) {
      if (buffer.size() < (1 << 20)) buffer.append(chunk, static_cast<size_t>(got));
    }
    take_lines(buffer, report, &current);
  }
  ::kill(-pid, SIGKILL);
  ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (current.first.empty()) return true;  // the end mark arrived
  std::string what = current.second;
  if (g_interrupted && !exited) {
    report.fail(current.first, "rasdialer-check was interrupted by signal " +
                                   std::to_string(g_interrupted) + " during " + what +
                                   "; the exercise was stopped");
  } else if (hung) {
    report.fail(current.first, what + " did not return within " + std::to_string(timeout_seconds) +
                                   " s and was killed; every call into a dialer must return "
                                   "promptly");
  } else {
    report.fail(current.first, "the process " + describe_status(status) + " in " + what +
                                   "; a dialer must never crash or end its host process");
  }
  return false;
}

}  // namespace openras::check
