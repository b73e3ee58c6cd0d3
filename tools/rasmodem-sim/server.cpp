// server.cpp: the pty, the poll() loop, the log and the signals of rasmodem-sim.
#include "server.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/inotify.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <ctime>

namespace openras::modemsim_tool {
namespace {

using std::chrono::steady_clock;

// Reading stops while this much waits to be written, so a reader that does not keep up
// slows the writer down instead of growing the buffer.
constexpr size_t kBacklog = 64 * 1024;

speed_t termios_speed(uint32_t bps) {
  struct Pair {
    uint32_t bps;
    speed_t code;
  };
  constexpr Pair kSpeeds[] = {{9600, B9600},     {19200, B19200},   {38400, B38400},
                              {57600, B57600},   {115200, B115200}, {230400, B230400},
                              {460800, B460800}, {921600, B921600}};
  for (const Pair& p : kSpeeds) {
    if (p.bps == bps) return p.code;
  }
  return B115200;  // CONNECT still reports --speed; a pty ignores its speed anyway
}

// Writes as much of `pending` as `fd` takes now; drops the rest on a hard error.
void flush(int fd, std::string& pending) {
  while (!pending.empty()) {
    ssize_t n = ::write(fd, pending.data(), pending.size());
    if (n > 0) {
      pending.erase(0, static_cast<size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      if (n < 0 && errno != EAGAIN) pending.clear();
      return;
    }
  }
}

std::string printable(std::string_view text) {
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += ch;
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    }
  }
  return out;
}

}  // namespace

Server::Server(Options options)
    : options_(std::move(options)), modem_(options_.answers, clock_, *this, options_.speed) {}

Server::~Server() {
  if (linked_) ::unlink(options_.link.c_str());
}

Status Server::open() {
  master_.reset(posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK));
  if (!master_) return fail_errno(errno, "cannot open a pseudo-terminal (posix_openpt)");
  char name[PATH_MAX];
  if (grantpt(master_.get()) != 0 || unlockpt(master_.get()) != 0 ||
      ptsname_r(master_.get(), name, sizeof name) != 0) {
    return fail_errno(errno, "cannot set up the pseudo-terminal's slave");
  }
  slave_path_ = name;
  slave_.reset(::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC));
  if (!slave_) return fail_errno(errno, "cannot open " + slave_path_);
  // Raw from the start: a client that does not set the line up itself must not have our
  // replies echoed back to us as if it had typed them.
  termios tio{};
  tcgetattr(slave_.get(), &tio);
  cfmakeraw(&tio);
  tio.c_cflag |= CLOCAL | CREAD;
  cfsetspeed(&tio, termios_speed(options_.speed));
  if (tcsetattr(slave_.get(), TCSANOW, &tio) != 0) {
    return fail_errno(errno, "cannot set " + slave_path_ + " to raw mode");
  }

  // Our own descriptor never closes, so every close event is a client's.
  closes_.reset(inotify_init1(IN_CLOEXEC | IN_NONBLOCK));
  if (!closes_ || inotify_add_watch(closes_.get(), name, IN_CLOSE_WRITE | IN_CLOSE_NOWRITE) < 0) {
    return fail_errno(errno, "cannot watch " + slave_path_ + " (inotify)");
  }

  if (!options_.log.empty()) {
    log_.reset(::open(options_.log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
    if (!log_) return fail_errno(errno, "--log " + options_.log);
  }
  if (!options_.link.empty()) {
    // Replace an old symlink (a previous run's), never a file that is something else.
    struct stat st {};
    if (::lstat(options_.link.c_str(), &st) == 0) {
      if (!S_ISLNK(st.st_mode)) {
        return fail(Errc::kAlreadyExists, "--link " + options_.link +
                                              " exists and is not a symlink; remove it or "
                                              "choose another path");
      }
      ::unlink(options_.link.c_str());
    }
    if (::symlink(slave_path_.c_str(), options_.link.c_str()) != 0) {
      return fail_errno(errno, "--link " + options_.link);
    }
    linked_ = true;
  }

  sigset_t set;
  sigemptyset(&set);
  for (int s : {SIGTERM, SIGINT, SIGHUP, SIGCHLD}) sigaddset(&set, s);
  sigprocmask(SIG_BLOCK, &set, nullptr);
  signals_.reset(signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
  if (!signals_) return fail_errno(errno, "signalfd");
  signal(SIGPIPE, SIG_IGN);
  // Orphans of the far end's session come to us, not to an init that may never reap them
  // (in containers), so shutting down can wait until every one of them is gone.
  if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) return fail_errno(errno, "PR_SET_CHILD_SUBREAPER");
  log('*', "serving " + slave_path_ + " at " + std::to_string(options_.speed) + " bps");
  return {};
}

Status Server::run() {
  for (;;) {
    pollfd fds[4] = {};
    fds[0] = {signals_.get(), POLLIN, 0};
    fds[3] = {closes_.get(), POLLIN, 0};
    const bool backlog = to_line_.size() > kBacklog || to_far_.size() > kBacklog;
    fds[1] = {master_.get(),
              static_cast<short>((backlog ? 0 : POLLIN) | (to_line_.empty() ? 0 : POLLOUT)), 0};
    fds[2] = {far_end_.fd(),
              static_cast<short>((backlog ? 0 : POLLIN) | (to_far_.empty() ? 0 : POLLOUT)), 0};

    steady_clock::time_point next = far_end_.kill_late();
    if (auto deadline = modem_.next_deadline()) next = std::min(next, *deadline);
    int timeout = -1;
    if (next != steady_clock::time_point::max()) {
      auto wait = std::chrono::ceil<std::chrono::milliseconds>(next - clock_.now());
      timeout = static_cast<int>(std::clamp<long long>(wait.count(), 0, INT_MAX));
    }
    // With no far end, fds[2] is -1 and poll() skips it.
    if (::poll(fds, 4, timeout) < 0 && errno != EINTR) {
      return fail_errno(errno, "poll");
    }
    if ((fds[0].revents & POLLIN) && !handle_signals()) break;
    if (fds[1].revents & POLLOUT) flush(master_.get(), to_line_);
    if (fds[1].revents & POLLIN) read_line();
    if (far_end_.running() && (fds[2].revents & POLLOUT)) flush(far_end_.fd(), to_far_);
    if (far_end_.running() && (fds[2].revents & (POLLIN | POLLHUP | POLLERR))) read_far_end();
    if (fds[3].revents & POLLIN) line_closed();
    modem_.on_timer();
  }
  shut_down();
  return {};
}

bool Server::handle_signals() {
  signalfd_siginfo info{};
  bool keep_going = true;
  while (::read(signals_.get(), &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
    if (info.ssi_signo != SIGCHLD) {
      log('*', std::string("stopping on signal ") + sigdescr_np(static_cast<int>(info.ssi_signo)));
      keep_going = false;
      continue;
    }
    reap();
  }
  return keep_going;
}

void Server::reap() {
  for (const FarEnd::Exit& e : far_end_.reap()) {
    log('*', "far end pid " + std::to_string(e.pid) +
                 (WIFEXITED(e.status)
                      ? " exited with status " + std::to_string(WEXITSTATUS(e.status))
                      : std::string(" killed by signal ") + std::to_string(WTERMSIG(e.status))));
    if (e.current) far_end_gone();
  }
}

void Server::read_line() {
  char buffer[4096];
  ssize_t n = ::read(master_.get(), buffer, sizeof buffer);
  if (n > 0) modem_.on_line_data(std::string_view(buffer, static_cast<size_t>(n)));
}

void Server::read_far_end() {
  char buffer[4096];
  ssize_t n = ::read(far_end_.fd(), buffer, sizeof buffer);
  if (n > 0) {
    modem_.on_far_end_data(std::string_view(buffer, static_cast<size_t>(n)));
  } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
    // EIO: every process closed the far end's terminal.
    far_end_gone();
  }
}

void Server::far_end_gone() {
  // What the program wrote before it went still belongs on the line, before NO CARRIER.
  while (far_end_.running()) {
    char buffer[4096];
    ssize_t n = ::read(far_end_.fd(), buffer, sizeof buffer);
    if (n <= 0) break;
    modem_.on_far_end_data(std::string_view(buffer, static_cast<size_t>(n)));
  }
  modem_.on_far_end_closed();
  stop_far_end();  // if the modem was not in a call with it, the program still goes
}

void Server::line_closed() {
  char events[4096];
  while (::read(closes_.get(), events, sizeof events) > 0) {
  }
  if (modem_.state() == modemsim::ModemState::kCommand || line_open_elsewhere()) return;
  // A real serial port drops DTR when its last user closes it (HUPCL); a pty has no DTR,
  // so the last close is taken as that drop.
  modem_.on_dtr_drop();
}

bool Server::line_open_elsewhere() const {
  // inotify merges repeated events, so opens and closes cannot be counted: look for a
  // descriptor on the slave in every other process instead (only after a close, and only
  // during a call). A process we may not look into counts as holding it.
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return true;
  const std::string self = std::to_string(::getpid());
  bool found = false;
  while (dirent* p = ::readdir(proc)) {
    if (p->d_name[0] < '1' || p->d_name[0] > '9' || self == p->d_name) continue;
    const std::string fd_dir = std::string("/proc/") + p->d_name + "/fd";
    DIR* fds = ::opendir(fd_dir.c_str());
    if (fds == nullptr) {
      found = found || errno == EACCES;
      continue;
    }
    while (dirent* f = ::readdir(fds)) {
      char target[PATH_MAX];
      ssize_t n = ::readlinkat(::dirfd(fds), f->d_name, target, sizeof target - 1);
      if (n > 0 && slave_path_ == std::string_view(target, static_cast<size_t>(n))) found = true;
    }
    ::closedir(fds);
    if (found) break;
  }
  ::closedir(proc);
  return found;
}

void Server::shut_down() {
  stop_far_end();
  flush(master_.get(), to_line_);
  // Wait (briefly) for the far end's processes, so none outlives us.
  for (;;) {
    reap();  // reaped first: a zombie would still count as left
    steady_clock::time_point next = far_end_.kill_late();
    if (!far_end_.anything_left()) break;
    pollfd fd = {signals_.get(), POLLIN, 0};
    auto wait = std::chrono::ceil<std::chrono::milliseconds>(next - clock_.now());
    (void)::poll(&fd, 1, static_cast<int>(std::clamp<long long>(wait.count(), 0, 2000)));
    signalfd_siginfo info{};
    while (::read(signals_.get(), &info, sizeof info) > 0) {
    }
  }
  if (linked_) {
    ::unlink(options_.link.c_str());
    linked_ = false;
  }
  log('*', "stopped");
}

void Server::to_line(std::string_view bytes) {
  to_line_ += bytes;
  flush(master_.get(), to_line_);
}

Status Server::start_far_end(const std::string& command) {
  Status started = far_end_.start(command);
  if (started) {
    log('*', "far end pid " + std::to_string(far_end_.pid()) + " started: /bin/sh -c " + command);
  }
  return started;
}

void Server::to_far_end(std::string_view bytes) {
  if (!far_end_.running()) return;
  to_far_ += bytes;
  flush(far_end_.fd(), to_far_);
}

void Server::stop_far_end() {
  if (far_end_.pid() > 0) log('*', "far end pid " + std::to_string(far_end_.pid()) + " hung up");
  far_end_.stop();
  to_far_.clear();
}

void Server::log(char kind, std::string_view text) {
  if (!log_) return;
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  tm utc{};
  gmtime_r(&ts.tv_sec, &utc);
  char stamp[40];
  size_t len = std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(stamp + len, sizeof stamp - len, ".%06ldZ", ts.tv_nsec / 1000);
  std::string record = std::string(stamp) + " " + kind + " " + printable(text) + "\n";
  // One write per record, O_APPEND: records stay whole even if two sims share a log.
  (void)!::write(log_.get(), record.data(), record.size());
}

}  // namespace openras::modemsim_tool
