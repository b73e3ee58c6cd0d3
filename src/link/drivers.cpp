// drivers.cpp: the table of link drivers by device type (driver.h). A row's extra system
// calls are all the seccomp filter adds for that driver: only the line drivers get ioctl
// (termios, TIOCMGET/TIOCMBIC for the modem lines, TIOCOUTQ) — the link still opens
// nothing, and rasmand already opened the line.
#include <sys/syscall.h>

#include "link/driver.h"

namespace openras::link {

namespace {

constexpr long kLineSyscalls[] = {SYS_ioctl};

constexpr DriverInfo kDrivers[] = {
    {"test", {}, false, make_test_driver},
    {"modem", kLineSyscalls, true, make_modem_driver},
    {"serial", kLineSyscalls, true, make_serial_driver},
};

}  // namespace

const DriverInfo* find_driver(std::string_view type) {
  for (const DriverInfo& d : kDrivers) {
    if (d.type == type) return &d;
  }
  return nullptr;
}

}  // namespace openras::link
