// link.cpp: the link process's main loop (see link.h).
#include "link/link.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string.h>
#include <time.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "link/message.h"
#include "ras.h"
#include "raserror.h"

namespace openras::link {

namespace {

constexpr int kMaxDelayMs = 10000;

bool send_packet(int fd, const std::vector<uint8_t>& bytes) {
  ssize_t n;
  do {
    n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  return n == static_cast<ssize_t>(bytes.size());
}

// Reports a failure before any device runs (no Start needed for it).
void report_failure(int fd, uint32_t error) {
  (void)send_packet(fd, encode_link_message(StateMessage{RASCS_OpenPort, error}));
}

int64_t monotonic_ms() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

// The test device's far end, as its phone number describes it.
struct TestNumber {
  uint32_t failure = 0;       // at ConnectDevice
  int delay_ms = 0;
  bool check_auth = false;
  std::string user;
  std::string password;
};

TestNumber parse_test_number(const std::string& number) {
  TestNumber t;
  if (number == "busy") t.failure = ERROR_LINE_BUSY;
  if (number == "nocarrier") t.failure = ERROR_NO_CARRIER;
  if (number.rfind("delay:", 0) == 0) {
    std::string digits = number.substr(6);
    if (!digits.empty() && digits.size() <= 9 &&
        digits.find_first_not_of("0123456789") == std::string::npos) {
      t.delay_ms = std::min(std::stoi(digits), kMaxDelayMs);
    }
  }
  if (number.rfind("auth:", 0) == 0) {
    std::string rest = number.substr(5);
    std::size_t colon = rest.find(':');
    t.check_auth = true;
    t.user = rest.substr(0, colon);
    t.password = colon == std::string::npos ? std::string() : rest.substr(colon + 1);
  }
  return t;
}

}  // namespace

bool LinkSession::send(const LinkMessage& message) {
  return send_packet(fd_, encode_link_message(message));
}

bool LinkSession::send_state(uint32_t state, uint32_t error) {
  return send(StateMessage{state, error});
}

bool LinkSession::send_projection(const Projection& projection) { return send(projection); }

bool LinkSession::wait(int ms) {
  int64_t deadline = ms < 0 ? -1 : monotonic_ms() + ms;
  pollfd p{fd_, POLLIN, 0};
  for (;;) {
    int timeout = -1;
    if (deadline >= 0) {
      int64_t left = deadline - monotonic_ms();
      timeout = left < 0 ? 0 : static_cast<int>(left);
    }
    int r = ::poll(&p, 1, timeout);
    if (r < 0 && errno != EINTR) return false;
    if (r == 0) return true;  // the time is up
    if (r < 0) continue;
    uint8_t packet[kMaxMessageSize + 1];
    ssize_t n = ::recv(fd_, packet, sizeof packet, MSG_DONTWAIT | MSG_TRUNC);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n <= 0) return false;  // rasmand closed its end: the hang-up
    if (static_cast<std::size_t>(n) > sizeof packet) n = sizeof packet;
    auto message = parse_control_message({packet, static_cast<std::size_t>(n)});
    ::explicit_bzero(packet, sizeof packet);
    if (!message) {
      std::fprintf(stderr, "openras-link: %s; ignored\n", message.error().message.c_str());
      continue;
    }
    if (std::holds_alternative<StatisticsRequest>(*message) && !send(counters_)) return false;
  }
}

Result<StartMessage> receive_start(int fd) {
  uint8_t packet[kMaxMessageSize + 1];
  ssize_t n;
  do {
    n = ::recv(fd, packet, sizeof packet, MSG_TRUNC);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return fail_errno(errno, "reading rasmand's Start message");
  if (n == 0) return fail(Errc::kCancelled, "rasmand hung up before Start");
  if (static_cast<std::size_t>(n) > sizeof packet) n = sizeof packet;
  auto message = parse_control_message({packet, static_cast<std::size_t>(n)});
  ::explicit_bzero(packet, sizeof packet);
  if (!message) return fail(message.error());
  auto* start = std::get_if<StartMessage>(&*message);
  if (start == nullptr) return fail(Errc::kInvalidData, "rasmand's first message is not Start");
  return std::move(*start);
}

int run_test_device(int fd, const std::string& phone_number, StartMessage credentials) {
  LinkSession session(fd);
  TestNumber number = parse_test_number(phone_number);
  const bool authenticated_with_credentials = !credentials.empty();
  static const uint32_t kWalk[] = {RASCS_OpenPort,           RASCS_PortOpened,
                                   RASCS_ConnectDevice,      RASCS_DeviceConnected,
                                   RASCS_AllDevicesConnected, RASCS_Authenticate,
                                   RASCS_Authenticated,      RASCS_Connected};
  bool first = true;
  for (uint32_t state : kWalk) {
    if (!first && number.delay_ms > 0 && !session.wait(number.delay_ms)) return 0;  // hung up
    first = false;
    if (state == RASCS_ConnectDevice && number.failure != 0) {
      return session.send_state(state, number.failure) ? 0 : 1;
    }
    if (state == RASCS_Authenticate) {
      bool accepted = !number.check_auth || (credentials.user == number.user &&
                                             credentials.password == number.password);
      // Authentication is over either way: the secrets are not needed any more.
      wipe(credentials.user);
      wipe(credentials.password);
      wipe(credentials.domain);
      wipe(number.user);
      wipe(number.password);
      if (!accepted) return session.send_state(state, ERROR_AUTHENTICATION_FAILURE) ? 0 : 1;
    }
    if (state == RASCS_Connected) {
      Projection projection;
      const uint8_t local[4] = {192, 0, 2, 2};   // RFC 5737 TEST-NET-1
      const uint8_t server[4] = {192, 0, 2, 1};
      std::memcpy(projection.ipv4_address, local, 4);
      std::memcpy(projection.ipv4_server_address, server, 4);
      // Neither IPv6 nor compression is attempted: "the phone-book entry did not require
      // that an attempt to negotiate the protocol be made" (docs/devices.md).
      projection.ipv6_error = ERROR_PROTOCOL_NOT_CONFIGURED;
      projection.ccp_error = ERROR_PROTOCOL_NOT_CONFIGURED;
      projection.auth_protocol = authenticated_with_credentials ? RASLCPAP_PAP : 0;
      if (!session.send_projection(projection)) return 1;
    }
    if (!session.send_state(state, 0)) return 1;
  }
  (void)session.wait(-1);
  return 0;
}

int run_link(const LinkOptions& options) {
  if (auto ok = drop_privileges(options.user); !ok) {
    std::fprintf(stderr, "openras-link: %s\n", ok.error().message.c_str());
    report_failure(options.fd, ERROR_PORT_NOT_AVAILABLE);
    return 1;
  }
  if (auto ok = install_seccomp(); !ok) {
    std::fprintf(stderr, "openras-link: %s\n", ok.error().message.c_str());
    report_failure(options.fd, ERROR_PORT_NOT_AVAILABLE);
    return 1;
  }
  if (options.device_type == "test") {
    auto start = receive_start(options.fd);
    if (!start) {
      if (start.error().code == Errc::kCancelled) return 0;  // hung up before it began
      std::fprintf(stderr, "openras-link: %s\n", start.error().message.c_str());
      return 1;
    }
    return run_test_device(options.fd, options.phone_number, std::move(*start));
  }
  std::fprintf(stderr, "openras-link: device type \"%s\" has no driver\n",
               options.device_type.c_str());
  report_failure(options.fd, ERROR_DEVICE_DOES_NOT_EXIST);
  return 1;
}

}  // namespace openras::link
