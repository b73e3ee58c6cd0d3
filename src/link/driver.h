// driver.h: what a device driver is to the link process (link.h), and the table that picks
// one by device type (drivers.cpp). The host owns the loop, the control socket and the
// reports; a driver owns its device's dialogue. Each table row also says which extra
// system calls the driver needs (the link's seccomp filter is built from it: only a line
// driver gains ioctl) and whether it needs a serial line descriptor.
//
// Life of a driver: made by its factory once the Start message is in, then start(); from
// then on the host calls on_line() when the line is readable or reports a hang-up,
// on_timer() when the deadline it set passes, resume() when rasmand says Resume, and
// hang_up() when rasmand closes its end.
// A driver ends the link with LinkHost::finish() or LinkHost::fail(). A hang-up may take
// a moment (PPP's Terminate-Request answered): the driver says so from hang_up() and calls
// finish() when done; the host ends the link after kHangUpGrace whatever happens.
// Thread: the link's main thread (the loop's).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "link/failure.h"
#include "link/message.h"
#include "link/zygote_message.h"

namespace openras::link {

// What the host offers its driver.
class LinkHost {
 public:
  virtual ~LinkHost() = default;
  [[nodiscard]] virtual const base::Clock& clock() const = 0;
  // The link reached `state` (RASCS_*). false when rasmand's end is gone (the host then
  // ends the link itself; the driver only stops).
  virtual bool report(uint32_t state) = 0;
  // The same, for the state in which the device got through: the line's speed now known
  // (bps; 0: unknown) and the number that answered, as dialled (empty: none was dialled,
  // a direct line). A modem's CONNECT.
  virtual bool report_through(uint32_t state, uint32_t bps, const std::string& number) = 0;
  virtual bool report_projection(const Projection& projection) = 0;
  // Reports `state` with the failure's RAS code, logs `why` (naming the port and the step)
  // on stderr, which is rasmand's log, and ends the link.
  virtual void fail(uint32_t state, LinkFailure failure, const std::string& why) = 0;
  // Calls on_timer() at `when` (one timer per driver; setting it again moves it).
  virtual void set_timer(std::chrono::steady_clock::time_point when) = 0;
  virtual void cancel_timer() = 0;
  // Ends the link once the current callback returns.
  virtual void finish() = 0;
  // Whether the driver hears on_line_writable() (it asks after a short write to the line)
  // and on_tun() (it stops asking while the line is backed up: TUN packets then wait in
  // the kernel's queue, or are dropped there, as a router drops them).
  virtual void want_line_writable(bool on) = 0;
  virtual void want_tun(bool on) = 0;
  // Which of the terminal's events (DriverArgs::terminal_fd) the driver hears through
  // on_terminal(): readable, writable, both, or neither (not watched at all). Nothing
  // without a terminal.
  virtual void watch_terminal(bool readable, bool writable) { (void)readable, (void)writable; }
};

class LinkDriver {
 public:
  virtual ~LinkDriver() = default;
  virtual void start(LinkHost& host) = 0;
  // The line is readable, or hung up (`hang_up` true: POLLHUP/EOF, the carrier is gone).
  virtual void on_line(bool hang_up) { (void)hang_up; }
  virtual void on_timer() {}
  // The line takes bytes again (after want_line_writable(true)).
  virtual void on_line_writable() {}
  // The TUN interface has packets to send (after want_tun(true)).
  virtual void on_tun() {}
  // The terminal is readable or writable, or its far side is closed (EPOLLHUP), as
  // watch_terminal() asked.
  virtual void on_terminal(uint32_t revents) { (void)revents; }
  // rasmand's Resume: the caller goes on with a dial paused in RASCS_Interactive.
  virtual void resume() {}
  // rasmand closed its end: no more reports reach it. false: the link ends now; true: the
  // driver ends it cleanly first and calls LinkHost::finish() (the host ends it after
  // kHangUpGrace if the driver has not by then). Callbacks go on until the end.
  virtual bool hang_up() { return false; }
  // The counters as they are now (answering rasmand's StatisticsRequest).
  [[nodiscard]] virtual LinkCounters counters() const { return {}; }
};

// How long a hang-up may take before the link ends regardless: a live peer answers a
// Terminate-Request within a round trip; a dead one is not waited for (RFC 1661's own
// Max-Terminate would take 6 s), so rasmand's HangUp answers within a few seconds.
inline constexpr std::chrono::milliseconds kHangUpGrace{2000};

struct DriverArgs {
  std::string phone_number;
  StartMessage credentials;
  int line_fd = -1;  // the serial line, for drivers that need one; the driver closes nothing
  int tun_fd = -1;   // the TUN interface PPP carries IP for; -1: none
  // The pseudo-terminal master a paused dial's terminal relays the line to
  // (device.terminal kTerminalPause); -1: none. The driver closes it when it resumes.
  int terminal_fd = -1;
  DeviceSettings device;
  PppSettings ppp;
};

struct DriverInfo {
  std::string_view type;                 // the device's Type (docs/devices.md)
  std::span<const long> extra_syscalls;  // beyond the link's base list (seccomp.cpp)
  bool needs_line;                       // a serial line must come with the request
  std::unique_ptr<LinkDriver> (*make)(DriverArgs args);
};

// The driver for `type`, or nullptr.
[[nodiscard]] const DriverInfo* find_driver(std::string_view type);

// The drivers themselves (one file each).
[[nodiscard]] std::unique_ptr<LinkDriver> make_test_driver(DriverArgs args);
[[nodiscard]] std::unique_ptr<LinkDriver> make_modem_driver(DriverArgs args);
[[nodiscard]] std::unique_ptr<LinkDriver> make_serial_driver(DriverArgs args);

}  // namespace openras::link
