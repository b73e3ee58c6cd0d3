// serial_port.cpp: see serial_port.h.
#include "rasman/serial_port.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <string>

namespace openras::rasman {

namespace {

using link::LinkFailure;

tl::unexpected<PortFailure> failed(LinkFailure failure, std::string message) {
  return tl::unexpected<PortFailure>(PortFailure{failure, std::move(message)});
}

// The pid a lock file names (ASCII, as "%10d\n" or bare digits); 0 if it names none.
pid_t lock_owner(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd) return 0;
  char text[32] = {};
  ssize_t n = ::read(fd.get(), text, sizeof text - 1);
  if (n <= 0) return 0;
  char* end = nullptr;
  long pid = std::strtol(text, &end, 10);
  return pid > 0 && pid <= INT_MAX ? static_cast<pid_t>(pid) : 0;
}

// A zombie holds nothing: a killed holder whose parent has not reaped it yet (or a
// rasmand killed under a supervisor that is slow to) leaves a stale lock.
bool zombie(pid_t pid) {
  std::string path = "/proc/" + std::to_string(pid) + "/stat";
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return false;
  char text[512] = {};
  ssize_t n = ::read(fd.get(), text, sizeof text - 1);
  if (n <= 0) return false;
  const char* close = std::strrchr(text, ')');  // the command may hold spaces and ')'
  return close != nullptr && close[1] == ' ' && (close[2] == 'Z' || close[2] == 'X');
}

bool alive(pid_t pid) { return (::kill(pid, 0) == 0 || errno == EPERM) && !zombie(pid); }

// Takes the lock: kPortBusy when a live process holds it. True when it replaced the stale
// lock of a holder that is gone.
tl::expected<bool, PortFailure> take_lock(const std::string& port, const std::string& path) {
  bool replaced = false;
  for (int attempt = 0; attempt < 2; ++attempt) {
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644));
    if (fd) {
      char text[16];
      int n = std::snprintf(text, sizeof text, "%10d\n", static_cast<int>(::getpid()));
      if (::write(fd.get(), text, static_cast<std::size_t>(n)) != n) {
        int err = errno;
        ::unlink(path.c_str());
        return failed(LinkFailure::kPortUnusable,
                      "port " + port + ": writing lock file " + path + ": " + std::strerror(err));
      }
      return replaced;
    }
    if (errno != EEXIST) {
      return failed(LinkFailure::kPortUnusable,
                    "port " + port + ": creating lock file " + path + ": " + std::strerror(errno));
    }
    pid_t owner = lock_owner(path);
    if (owner == ::getpid()) {
      return failed(LinkFailure::kPortBusy,
                    "port " + port + " is in use by another connection of this rasmand " +
                        "(process " + std::to_string(owner) + " holds its lock " + path +
                        "), or by one still hanging up on it; dial again once it has ended");
    }
    if (owner != 0 && alive(owner)) {
      return failed(LinkFailure::kPortBusy, "port " + port + " is in use: process " +
                                                std::to_string(owner) + " holds its lock " + path);
    }
    ::unlink(path.c_str());  // stale: its owner is gone (or it names nobody)
    replaced = true;
  }
  return failed(LinkFailure::kPortBusy, "port " + port + ": lock " + path +
                                            " keeps reappearing; another program is "
                                            "taking the port");
}

}  // namespace

std::string lock_name(const std::string& device_path) {
  std::string name = device_path;
  if (name.rfind("/dev/", 0) == 0) name.erase(0, 5);
  for (char& c : name) {
    if (c == '/') c = '_';
  }
  return "LCK.." + name;
}

SerialPort::~SerialPort() {
  close_line();
  if (!lock_path_.empty() && lock_owner(lock_path_) == ::getpid()) ::unlink(lock_path_.c_str());
}

void SerialPort::close_line() {
  if (!fd_) return;
  // A pty's slave keeps its exclusive flag while the master is open: clear it, or the next
  // dial would find the port "held exclusively".
  (void)::ioctl(fd_.get(), TIOCNXCL);
  int dtr = TIOCM_DTR;
  (void)::ioctl(fd_.get(), TIOCMBIC, &dtr);  // a pty has no DTR: its close is the drop
  fd_.reset();
}

tl::expected<std::unique_ptr<SerialPort>, PortFailure> SerialPort::open(const Paths& paths,
                                                                        const std::string& port) {
  if (port.empty()) {
    return failed(LinkFailure::kPortNotFound,
                  "the device has no Port; set it in HKLM\\Software\\OpenRAS\\Devices");
  }
  char resolved[PATH_MAX];
  if (::realpath(port.c_str(), resolved) == nullptr) {
    if (errno == ENOENT || errno == ENOTDIR) {
      return failed(LinkFailure::kPortNotFound, "port " + port + " does not exist");
    }
    return failed(LinkFailure::kPortUnusable, "port " + port + ": " + std::strerror(errno));
  }
  std::unique_ptr<SerialPort> self(new SerialPort());
  std::string lock_dir = paths.under_root("var/lock");
  // Present on a real system (/var/lock → /run/lock); made under a private root.
  (void)::mkdir(paths.under_root("var").c_str(), 0755);
  (void)::mkdir(lock_dir.c_str(), 0755);
  std::string lock = lock_dir + "/" + lock_name(resolved);
  auto locked = take_lock(port, lock);
  if (!locked) return tl::unexpected(locked.error());
  self->lock_path_ = lock;
  self->fd_.reset(::open(resolved, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC));
  if (!self->fd_) {
    int err = errno;
    if (err == ENOENT || err == ENXIO || err == ENODEV) {
      return failed(LinkFailure::kPortNotFound,
                    "port " + port + " does not exist (" + std::strerror(err) + ")");
    }
    if (err == EBUSY) {
      return failed(LinkFailure::kPortBusy, "port " + port + " is in use by another program");
    }
    return failed(LinkFailure::kPortUnusable, "port " + port + ": open: " + std::strerror(err));
  }
  termios t{};
  if (::tcgetattr(self->fd_.get(), &t) < 0) {
    return failed(LinkFailure::kPortUnusable,
                  "port " + port + " is not a serial line (a terminal); check the device's Port");
  }
  // A pseudo-terminal keeps its exclusive flag after its holder is gone, for as long as its
  // master is open: when the holder also left a stale lock (a rasmand killed mid-call, a
  // crashed minicom), the flag is that holder's too, and is cleared. With no stale lock,
  // the flag belongs to a program that takes no locks, and is honoured.
  int exclusive = 0;
  if (::ioctl(self->fd_.get(), TIOCGEXCL, &exclusive) == 0 && exclusive != 0 && !*locked) {
    return failed(LinkFailure::kPortBusy,
                  "port " + port + " is held exclusively (TIOCEXCL) by another program");
  }
  if (::ioctl(self->fd_.get(), TIOCEXCL) < 0) {
    return failed(LinkFailure::kPortUnusable,
                  "port " + port + ": TIOCEXCL: " + std::strerror(errno));
  }
  return self;
}

}  // namespace openras::rasman
