// terminal.cpp: see terminal.h.
#include "rasman/terminal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>

namespace openras::rasman {

Result<std::unique_ptr<ConnectionTerminal>> ConnectionTerminal::create(uid_t owner) {
  UniqueFd master(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK));
  if (!master) return fail_errno(errno, "making the terminal's pseudo-terminal");
  if (::unlockpt(master.get()) < 0) return fail_errno(errno, "unlocking the terminal");
  char name[64];
  if (int r = ::ptsname_r(master.get(), name, sizeof name); r != 0) {
    return fail_errno(r, "naming the terminal");
  }
  UniqueFd slave(::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK));
  if (!slave) return fail_errno(errno, std::string("opening the terminal ") + name);
  // The owner's alone (grantpt would give it to rasmand, root, and the tty group).
  if (::fchown(slave.get(), owner, static_cast<gid_t>(-1)) < 0 ||
      ::fchmod(slave.get(), S_IRUSR | S_IWUSR) < 0) {
    return fail_errno(errno, std::string("giving the terminal ") + name + " to its owner");
  }
  termios mode{};
  if (::tcgetattr(slave.get(), &mode) < 0) return fail_errno(errno, "reading the terminal's mode");
  ::cfmakeraw(&mode);
  if (::tcsetattr(slave.get(), TCSANOW, &mode) < 0) {
    return fail_errno(errno, "making the terminal raw");
  }
  return std::unique_ptr<ConnectionTerminal>(
      new ConnectionTerminal(std::move(master), std::move(slave), name));
}

}  // namespace openras::rasman
