// serial.cpp: see serial.h.
#include "modem/serial.h"

#include <strings.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>

namespace openras::modem {

namespace {

struct Rate {
  uint32_t bps;
  speed_t code;
};

constexpr Rate kRates[] = {
    {300, B300},       {600, B600},         {1200, B1200},       {2400, B2400},
    {4800, B4800},     {9600, B9600},       {19200, B19200},     {38400, B38400},
    {57600, B57600},   {115200, B115200},   {230400, B230400},   {460800, B460800},
    {921600, B921600}, {1000000, B1000000}, {2000000, B2000000}, {4000000, B4000000},
};

// A pty or a line without modem-control lines answers TIOCM* like this.
bool no_modem_lines(int err) { return err == ENOTTY || err == EINVAL; }

}  // namespace

Result<FlowControl> parse_flow_control(std::string_view value) {
  std::string v(value);
  if (v.empty() || ::strcasecmp(v.c_str(), "rtscts") == 0) return FlowControl::kRtsCts;
  if (::strcasecmp(v.c_str(), "xonxoff") == 0) return FlowControl::kXonXoff;
  if (::strcasecmp(v.c_str(), "none") == 0) return FlowControl::kNone;
  return fail(Errc::kInvalidArgument, "FlowControl \"" + v +
                                          "\" is none of rtscts, xonxoff, none; fix the "
                                          "device's registry value");
}

Status configure_line(int fd, const LineConfig& config) {
  termios t{};
  if (::tcgetattr(fd, &t) < 0) {
    if (errno == ENOTTY) return fail(Errc::kInvalidArgument, "not a terminal (tcgetattr: ENOTTY)");
    return fail_errno(errno, "tcgetattr");
  }
  ::cfmakeraw(&t);
  t.c_cflag |= CREAD | HUPCL | CLOCAL;
  t.c_cflag &= ~static_cast<tcflag_t>(CRTSCTS);
  t.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY);
  switch (config.flow) {
    case FlowControl::kRtsCts:
      t.c_cflag |= CRTSCTS;
      break;
    case FlowControl::kXonXoff:
      t.c_iflag |= IXON | IXOFF;
      break;
    case FlowControl::kNone:
      break;
  }
  // Non-blocking reads return what is there: the loop waits, not the read.
  t.c_cc[VMIN] = 1;
  t.c_cc[VTIME] = 0;
  if (config.speed != 0) {
    const Rate* rate = nullptr;
    for (const Rate& r : kRates) {
      if (r.bps == config.speed) rate = &r;
    }
    if (rate == nullptr) {
      return fail(Errc::kNotSupported, "speed " + std::to_string(config.speed) +
                                           " bps is not a standard rate (e.g. 115200)");
    }
    ::cfsetispeed(&t, rate->code);
    ::cfsetospeed(&t, rate->code);
  }
  if (::tcsetattr(fd, TCSANOW, &t) < 0) return fail_errno(errno, "tcsetattr");
  // What the modem said before this call (a previous call's last words) answers nothing.
  (void)::tcflush(fd, TCIFLUSH);
  return {};
}

Status watch_carrier(int fd) {
  termios t{};
  if (::tcgetattr(fd, &t) < 0) return fail_errno(errno, "tcgetattr");
  t.c_cflag &= ~static_cast<tcflag_t>(CLOCAL);
  if (::tcsetattr(fd, TCSANOW, &t) < 0) return fail_errno(errno, "tcsetattr");
  return {};
}

namespace {

Result<ModemLines> set_dtr(int fd, bool up) {
  int bits = TIOCM_DTR;
  if (::ioctl(fd, up ? TIOCMBIS : TIOCMBIC, &bits) == 0) return ModemLines::kDone;
  if (no_modem_lines(errno)) return ModemLines::kUnsupported;
  return fail_errno(errno, up ? "raising DTR" : "dropping DTR");
}

}  // namespace

Result<ModemLines> drop_dtr(int fd) { return set_dtr(fd, false); }
Result<ModemLines> raise_dtr(int fd) { return set_dtr(fd, true); }

std::optional<bool> carrier(int fd) {
  int bits = 0;
  if (::ioctl(fd, TIOCMGET, &bits) < 0) return std::nullopt;
  return (bits & TIOCM_CD) != 0;
}

Result<std::size_t> write_some(int fd, std::string_view bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    if (n < 0) return fail_errno(errno, "writing to the line");
    done += static_cast<std::size_t>(n);
  }
  return done;
}

Result<std::optional<std::string>> read_some(int fd, std::size_t max) {
  std::string out(max, '\0');
  for (;;) {
    ssize_t n = ::read(fd, out.data(), out.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return std::optional<std::string>("");
    if (n == 0 || (n < 0 && errno == EIO)) return std::optional<std::string>();  // hung up
    if (n < 0) return fail_errno(errno, "reading the line");
    out.resize(static_cast<std::size_t>(n));
    return std::optional<std::string>(std::move(out));
  }
}

}  // namespace openras::modem
