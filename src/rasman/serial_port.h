// serial_port.h: a serial port rasmand holds for one built-in connection (DESIGN.md §3:
// rasmand opens the device as root and hands the descriptor to the unprivileged link).
//
// Opening takes, in order: the classic UUCP lock file <root>/var/lock/LCK..<name> (the
// port's path below /dev, '/' as '_': LCK..ttyS0, LCK..pts_3), created O_EXCL with our pid
// in ASCII as pppd, minicom and ModemManager write and honour it — a lock whose pid is
// dead is stale and removed; then open(O_RDWR|O_NOCTTY|O_NONBLOCK|O_CLOEXEC) of the port
// (symlinks resolved first, so two names of one port share one lock); a check that it is a
// terminal; a refusal if another program holds it exclusively (TIOCGEXCL), then TIOCEXCL.
// The object releases everything when it goes: the descriptor, and the lock file if it
// still holds our pid. Failures are typed (link/failure.h) and name the port and the step.
// Thread: the event loop's (it blocks only on local files).
#pragma once

#include <memory>
#include <string>

#include <tl/expected.hpp>
#include "base/paths.h"
#include "base/unique_fd.h"
#include "link/failure.h"

namespace openras::rasman {

struct PortFailure {
  link::LinkFailure failure;
  std::string message;
};

class SerialPort {
 public:
  ~SerialPort();
  SerialPort(const SerialPort&) = delete;
  SerialPort& operator=(const SerialPort&) = delete;

  [[nodiscard]] static tl::expected<std::unique_ptr<SerialPort>, PortFailure> open(
      const Paths& paths, const std::string& port);

  [[nodiscard]] int fd() const { return fd_.get(); }
  // Closes the port (dropping DTR; HUPCL drops it anyway on the last close) and keeps its
  // lock until the object goes: a hang-up's hold.
  void close_line();
  [[nodiscard]] const std::string& lock_path() const { return lock_path_; }

 private:
  SerialPort() = default;
  UniqueFd fd_;
  std::string lock_path_;  // empty: no lock taken
};

// The lock file's name for a port path: "/dev/ttyS0" → "LCK..ttyS0".
[[nodiscard]] std::string lock_name(const std::string& device_path);

}  // namespace openras::rasman
