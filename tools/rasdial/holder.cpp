// holder.cpp: the holder child of a custom dial (holder.h).
#include "holder.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "cli.h"

namespace rasdial {

namespace {

int g_status_fd = -1;                   // in the holder child: where its status goes
volatile sig_atomic_t g_child_pid = 0;  // in the parent, while the child dials

void forward_signal(int signal) {
  if (g_child_pid > 0) ::kill(static_cast<pid_t>(g_child_pid), signal);
}

// Copies what is readable on `from` to `to`; false at end of file (or an error).
bool relay(int from, int to) {
  char buffer[4096];
  ssize_t n;
  do {
    n = ::read(from, buffer, sizeof buffer);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return false;
  for (ssize_t at = 0; at < n;) {
    ssize_t w = ::write(to, buffer + at, static_cast<std::size_t>(n - at));
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) break;  // our own output is gone: the child's still goes on
    at += w;
  }
  return true;
}

}  // namespace

int run_in_holder(const std::function<int()>& dial) {
  int out[2];
  int err[2];
  int status[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return dial();
  if (::pipe2(err, O_CLOEXEC) != 0) {
    ::close(out[0]);
    ::close(out[1]);
    return dial();
  }
  if (::pipe2(status, O_CLOEXEC) != 0) {
    for (int fd : {out[0], out[1], err[0], err[1]}) ::close(fd);
    return dial();
  }
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t child = ::fork();
  if (child < 0) {
    for (int fd : {out[0], out[1], err[0], err[1], status[0], status[1]}) ::close(fd);
    return dial();  // no holder: the dial runs here, as before
  }
  if (child == 0) {
    ::close(out[0]);
    ::close(err[0]);
    ::close(status[0]);
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(err[1], STDERR_FILENO);
    ::close(out[1]);
    ::close(err[1]);
    g_status_fd = status[1];
    int code = dial();
    // exit(), as any process ends: a dialer loaded here gets its DLL_PROCESS_DETACH (and a
    // connection still up its RasCustomHangUp first) from the exit handlers libopenras
    // registered in this child, as a Windows process's end reaches its DLLs. Nothing
    // registered before the fork is harmed by running here too: neither rasdial nor
    // libopenras registers exit work before a dialer is loaded or a connection recorded,
    // and the streams it flushes are this child's pipes.
    std::exit(code);
  }
  ::close(out[1]);
  ::close(err[1]);
  ::close(status[1]);
  g_child_pid = child;
  struct sigaction sa {};
  sa.sa_handler = forward_signal;
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);
  pollfd fds[3] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}, {status[0], POLLIN, 0}};
  int reported = -1;
  bool status_open = true;
  // Until the child's output has ended (it detached or exited) and its status is in. Once
  // it has detached, its output ends at once — unless something it started (a dialer's
  // helper) kept the pipes: that is given kDrainMs, not our life.
  constexpr int kDrainMs = 2000;
  while (fds[0].fd >= 0 || fds[1].fd >= 0 || status_open) {
    int ready = ::poll(fds, 3, reported >= 0 ? kDrainMs : -1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd >= 0 && fds[i].revents != 0 &&
          !relay(fds[i].fd, i == 0 ? STDOUT_FILENO : STDERR_FILENO)) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
      }
    }
    if (status_open && fds[2].revents != 0) {
      unsigned char code = 0;
      ssize_t n;
      do {
        n = ::read(status[0], &code, 1);
      } while (n < 0 && errno == EINTR);
      if (n == 1) reported = code;
      ::close(status[0]);
      fds[2].fd = -1;
      status_open = false;
    }
  }
  if (reported >= 0) {
    g_child_pid = 0;
    return reported;  // it holds the connection now; it is not ours to wait for
  }
  int wstatus = 0;
  while (::waitpid(child, &wstatus, 0) < 0 && errno == EINTR) {
  }
  g_child_pid = 0;
  if (WIFEXITED(wstatus)) return WEXITSTATUS(wstatus);
  std::fprintf(stderr, "rasdial: the dialing process was killed by signal %d\n",
               WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0);
  return openras::cli::kExitFailed;
}

bool in_holder() { return g_status_fd >= 0; }

bool detach_holder(int status) {
  if (g_status_fd < 0) return false;
  std::fflush(stdout);
  std::fflush(stderr);
  // Our output ends before the status, so the parent has relayed every line when it exits.
  int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null >= 0) {
    for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) ::dup2(null, fd);
    ::close(null);
  }
  auto code = static_cast<unsigned char>(status);
  (void)!::write(g_status_fd, &code, 1);
  ::close(g_status_fd);
  g_status_fd = -1;
  (void)::setsid();  // no terminal's hang-up or Ctrl-C reaches the holder
  return true;
}

}  // namespace rasdial
