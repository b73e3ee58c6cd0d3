// rasman-attack: what a hostile local user does to rasmand's socket, for the security
// end-to-end tests (tests/e2e/rasman_exhaustion.sh, rasman_admin_room.sh). It speaks raw
// D-Bus, not through the client library, so it can misbehave.
//
//   rasman-attack SOCKET unread-calls SOCKETS CALLS
//       opens SOCKETS clients and sends up to CALLS ListConnections calls in all, round
//       robin, never reading a reply, until every client is stalled (rasmand stopped
//       reading) or closed; prints "sent N calls; K of S clients closed by rasmand", then
//       "holding" and waits to be killed.
//   rasman-attack SOCKET half-sent SOCKETS DECLARED SENT SECONDS
//       opens SOCKETS clients, each sends a method call whose header declares a body of
//       DECLARED bytes but only SENT bytes of it; waits up to SECONDS for rasmand to close
//       them; prints "closed K of S", then "holding" and waits to be killed.
//   rasman-attack SOCKET hold SOCKETS
//       opens SOCKETS clients, completes the AUTH dialogue on each; prints "served K of S"
//       (the ones rasmand answered), then "holding" and waits to be killed.
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

int connect_to(const char* path) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path, sizeof address.sun_path - 1);
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) < 0) {
    std::perror("connect");
    std::exit(2);
  }
  return fd;
}

bool send_all(int fd, const std::string& bytes) {
  return ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
}

std::string auth_dialogue() {
  std::string uid = std::to_string(::getuid());
  std::string hex;
  char two[3];
  for (char c : uid) {
    std::snprintf(two, sizeof two, "%02x", static_cast<unsigned char>(c));
    hex += two;
  }
  return std::string(1, '\0') + "AUTH EXTERNAL " + hex + "\r\nBEGIN\r\n";
}

void pad(std::string& m, std::size_t alignment) {
  while (m.size() % alignment) m += '\0';
}

void put_u32(std::string& m, uint32_t v) {
  for (int i = 0; i < 4; ++i) m += static_cast<char>((v >> (8 * i)) & 0xff);
}

// One header field (code, variant of type 'o' or 's').
void field(std::string& m, char code, char type, const std::string& value) {
  pad(m, 8);
  m += code;
  m += '\1';
  m += type;
  m += '\0';
  put_u32(m, static_cast<uint32_t>(value.size()));
  m += value;
  m += '\0';
}

// A little-endian METHOD_CALL to org.openras.RasMan1 `member`, no arguments, whose header
// declares `body_length` (the body itself is the caller's to send, or not).
std::string method_call(uint32_t serial, const char* member, uint32_t body_length) {
  std::string m = {'l', '\1', '\0', '\1'};
  put_u32(m, body_length);
  put_u32(m, serial);
  put_u32(m, 0);  // fields length, patched below
  field(m, '\1', 'o', "/org/openras/RasMan1");
  field(m, '\2', 's', "org.openras.RasMan1");
  field(m, '\3', 's', member);
  uint32_t length = static_cast<uint32_t>(m.size() - 16);
  for (std::size_t i = 0; i < 4; ++i) m[12 + i] = static_cast<char>((length >> (8 * i)) & 0xff);
  pad(m, 8);
  return m;
}

// Whether rasmand has closed `fd` (reads and discards anything else).
bool closed_by_peer(int fd) {
  char sink[4096];
  for (;;) {
    ssize_t n = ::recv(fd, sink, sizeof sink, MSG_DONTWAIT);
    if (n == 0) return true;
    if (n < 0) return errno != EAGAIN && errno != EINTR;
  }
}

[[noreturn]] void hold() {
  std::printf("holding\n");
  std::fflush(stdout);
  for (;;) ::pause();
}

int unread_calls(const char* path, std::size_t sockets, long calls) {
  std::vector<int> fds;
  std::vector<bool> done(sockets, false);
  for (std::size_t i = 0; i < sockets; ++i) {
    fds.push_back(connect_to(path));
    if (!send_all(fds.back(), auth_dialogue())) done[i] = true;
  }
  long sent = 0;
  std::size_t closed = 0;
  std::string call = method_call(1, "ListConnections", 0);
  auto last_progress = Clock::now();
  // Stalled: no client could send anything for 2 s, i.e. rasmand reads none of them.
  while (sent < calls && Clock::now() - last_progress < std::chrono::seconds(2)) {
    bool any_open = false;
    for (std::size_t i = 0; i < sockets && sent < calls; ++i) {
      if (done[i]) continue;
      any_open = true;
      ssize_t n = ::send(fds[i], call.data(), call.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n == static_cast<ssize_t>(call.size())) {
        ++sent;
        last_progress = Clock::now();
      } else if (n >= 0 || errno == EAGAIN) {
        // A partial call leaves the stream mid-message; this client is stalled for good.
        if (n > 0) done[i] = true;
      } else {
        done[i] = true;
        ++closed;
      }
    }
    if (!any_open) break;
    pollfd pfd{-1, 0, 0};
    ::poll(&pfd, 0, 1);
  }
  for (std::size_t i = 0; i < sockets; ++i) {
    if (!done[i] && closed_by_peer(fds[i])) ++closed;
  }
  std::printf("sent %ld calls; %zu of %zu clients closed by rasmand\n", sent, closed, sockets);
  hold();
}

int half_sent(const char* path, std::size_t sockets, uint32_t declared, std::size_t sent,
              int seconds) {
  std::vector<int> fds;
  for (std::size_t i = 0; i < sockets; ++i) {
    int fd = connect_to(path);
    std::string m = method_call(static_cast<uint32_t>(i + 1), "ListConnections", declared);
    if (sent > m.size()) m.append(std::min<std::size_t>(declared, sent - m.size()), 'x');
    m.resize(std::min(m.size(), sent));
    send_all(fd, auth_dialogue());
    send_all(fd, m);
    fds.push_back(fd);
  }
  auto deadline = Clock::now() + std::chrono::seconds(seconds);
  std::size_t closed = 0;
  std::vector<bool> gone(sockets, false);
  while (closed < sockets && Clock::now() < deadline) {
    for (std::size_t i = 0; i < sockets; ++i) {
      if (!gone[i] && closed_by_peer(fds[i])) {
        gone[i] = true;
        ++closed;
      }
    }
    pollfd pfd{-1, 0, 0};
    ::poll(&pfd, 0, 50);
  }
  std::printf("closed %zu of %zu\n", closed, sockets);
  hold();
}

int hold_sockets(const char* path, std::size_t sockets) {
  std::vector<int> fds;
  for (std::size_t i = 0; i < sockets; ++i) {
    fds.push_back(connect_to(path));
    send_all(fds.back(), auth_dialogue());
  }
  // Served: rasmand's sd-bus answered the AUTH dialogue ("OK <server id>").
  std::size_t served = 0;
  for (int fd : fds) {
    pollfd pfd{fd, POLLIN, 0};
    char reply[64] = {};
    if (::poll(&pfd, 1, 5000) == 1 && ::recv(fd, reply, sizeof reply - 1, 0) > 2 &&
        std::strncmp(reply, "OK ", 3) == 0) {
      ++served;
    }
  }
  std::printf("served %zu of %zu\n", served, sockets);
  hold();
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  auto arg = [&](int i) { return i < argc ? argv[i] : ""; };
  std::string command = arg(2);
  if (command == "unread-calls")
    return unread_calls(arg(1), std::strtoul(arg(3), nullptr, 0), std::atol(arg(4)));
  if (command == "half-sent") {
    return half_sent(arg(1), std::strtoul(arg(3), nullptr, 0),
                     static_cast<uint32_t>(std::strtoul(arg(4), nullptr, 0)),
                     std::strtoul(arg(5), nullptr, 0), std::atoi(arg(6)));
  }
  if (command == "hold") return hold_sockets(arg(1), std::strtoul(arg(3), nullptr, 0));
  std::fprintf(stderr, "usage: see the comment at the top of tests/rasman/attack_main.cpp\n");
  return 2;
}
