// terminal.cpp: see terminal.h.
#include "terminal.h"

#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>

namespace rasdial {

namespace {

constexpr char kEscape = 0x1d;  // Ctrl-]

// Writes all of `bytes` to `fd` (a terminal: blocking writes are short only on a signal).
bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void tell(const char* text) { (void)write_all(STDERR_FILENO, text); }

// The tty in raw mode for as long as this lives (restored however the relay ends).
class RawTty {
 public:
  RawTty() {
    if (::tcgetattr(STDIN_FILENO, &saved_) < 0) return;
    termios raw = saved_;
    ::cfmakeraw(&raw);
    raw.c_oflag |= OPOST | ONLCR;  // our own messages keep their line ends
    active_ = ::tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
  }
  ~RawTty() {
    if (active_) ::tcsetattr(STDIN_FILENO, TCSANOW, &saved_);
  }
  RawTty(const RawTty&) = delete;
  RawTty& operator=(const RawTty&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

}  // namespace

bool can_be_terminal() { return ::isatty(STDIN_FILENO) == 1 && ::isatty(STDOUT_FILENO) == 1; }

TerminalEnd run_terminal(HRASCONN conn, const std::function<bool()>& ended,
                         const std::atomic<bool>& interrupted, DWORD& error) {
  int fd = -1;
  error = OpenRasOpenTerminal(conn, &fd);
  if (error != ERROR_SUCCESS) return TerminalEnd::kEnded;
  tell(
      "rasdial: the far end asks for a terminal. Log in by hand, then press Ctrl-] and c to "
      "continue dialling (Ctrl-] and h hangs up).\n");
  TerminalEnd end = TerminalEnd::kEnded;
  {
    RawTty raw;
    bool prompting = false;  // after Ctrl-]: the next key decides
    char buffer[4096];
    for (;;) {
      if (interrupted) {
        end = TerminalEnd::kHangUp;
        break;
      }
      if (ended()) break;
      pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {fd, POLLIN, 0}};
      int n = ::poll(fds, 2, 100);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) break;
      if ((fds[1].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
        ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (got <= 0) break;  // the terminal went: the dial ended or was resumed elsewhere
        if (!write_all(STDOUT_FILENO, {buffer, static_cast<std::size_t>(got)})) break;
      }
      if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {  // no more input: nobody can finish the login
        end = TerminalEnd::kHangUp;
        break;
      }
      std::string_view keys(buffer, static_cast<std::size_t>(got));
      bool decided = false;
      while (!keys.empty() && !decided) {
        if (prompting) {
          prompting = false;
          char key = keys.front();
          keys.remove_prefix(1);
          if (key == 'c' || key == 'C') {
            end = TerminalEnd::kContinue;
            decided = true;
          } else if (key == 'h' || key == 'H') {
            end = TerminalEnd::kHangUp;
            decided = true;
          } else {
            tell("\r\nrasdial: back to the terminal\r\n");
          }
          continue;
        }
        std::size_t escape = keys.find(kEscape);
        if (!write_all(fd, keys.substr(0, escape))) {
          decided = true;  // the terminal went
          break;
        }
        if (escape == std::string_view::npos) break;
        keys.remove_prefix(escape + 1);
        prompting = true;
        tell("\r\nrasdial: c continues dialling, h hangs up, any other key returns: ");
      }
      if (decided) break;
    }
  }
  ::close(fd);
  tell("\n");
  return end;
}

}  // namespace rasdial
