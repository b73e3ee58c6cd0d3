// serial.h: the serial line under a modem (or a null-modem cable): termios raw mode, the
// device's speed and flow control, the modem-control lines (DTR to hang up, DCD for the
// carrier). Every function works on a descriptor someone else opened (rasmand opens the
// port; the link process only configures and uses it) and never blocks.
//
// A pseudo-terminal has termios but no modem-control lines: TIOCMGET/TIOCMBIC fail there
// with ENOTTY or EINVAL. Those calls say so (kUnsupported) instead of failing, so the
// caller falls back to "+++" and ATH to hang up, and to EOF/POLLHUP for the carrier.
// Thread: any; no state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace openras::modem {

enum class FlowControl { kRtsCts, kXonXoff, kNone };

// The device's FlowControl value: "rtscts" (also the default, for ""), "xonxoff", "none";
// case-insensitive. kInvalidArgument naming the value otherwise.
[[nodiscard]] Result<FlowControl> parse_flow_control(std::string_view value);

struct LineConfig {
  uint32_t speed = 0;  // bits per second; 0 keeps the line's current speed
  FlowControl flow = FlowControl::kRtsCts;
};

// Raw 8N1, the speed and flow control, HUPCL (closing the last descriptor drops DTR) and
// CLOCAL (the carrier is ignored while dialing: see watch_carrier); discards input not
// read yet (a previous call's last words). kNotSupported for a
// speed termios has no rate for; kInvalidArgument for a descriptor that is not a tty.
[[nodiscard]] Status configure_line(int fd, const LineConfig& config);

// After CONNECT: clears CLOCAL, so losing the carrier hangs the line up (reads see EOF).
[[nodiscard]] Status watch_carrier(int fd);

enum class ModemLines { kDone, kUnsupported };

// Lowers DTR, which makes a Hayes modem (at &D2, the factory default) hang up.
// kUnsupported on a line without modem-control lines (a pty).
[[nodiscard]] Result<ModemLines> drop_dtr(int fd);
[[nodiscard]] Result<ModemLines> raise_dtr(int fd);

// The carrier detect line: true or false, or nullopt when the line does not report it.
[[nodiscard]] std::optional<bool> carrier(int fd);

// Writes what the line takes now; the count written (short when the output is blocked by
// flow control). kIo for a line that is gone (EIO after a hang-up).
[[nodiscard]] Result<std::size_t> write_some(int fd, std::string_view bytes);

// Reads what has arrived, at most `max` bytes: "" when nothing is there yet; nullopt at
// EOF or EIO (the line hung up: the carrier is gone).
[[nodiscard]] Result<std::optional<std::string>> read_some(int fd, std::size_t max = 512);

}  // namespace openras::modem
