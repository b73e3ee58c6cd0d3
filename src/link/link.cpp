// link.cpp: the link process's main loop (see link.h).
#include "link/link.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "link/message.h"
#include "ras.h"
#include "raserror.h"

namespace openras::link {

namespace {

bool send_state(int fd, uint32_t state, uint32_t error) {
  uint8_t bytes[kLinkMessageSize];
  encode_link_message(LinkMessage{state, error}, bytes);
  ssize_t n;
  do {
    n = ::send(fd, bytes, sizeof bytes, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  return n == static_cast<ssize_t>(sizeof bytes);
}

// Waits until rasmand closes its end (hang-up). SIGTERM keeps its default action: it
// ends the process, which is all a hang-up of the test device needs.
void hold_line(int fd) {
  pollfd p{fd, POLLIN, 0};
  for (;;) {
    int r = ::poll(&p, 1, -1);
    if (r < 0 && errno != EINTR) return;
    if (r <= 0) continue;
    if (p.revents & (POLLHUP | POLLERR)) return;
    uint8_t ignored[kLinkMessageSize];
    if (::recv(fd, ignored, sizeof ignored, MSG_DONTWAIT) == 0) return;
  }
}

}  // namespace

int run_test_device(int fd, const std::string& phone_number) {
  uint32_t failure = 0;
  if (phone_number == "busy") failure = ERROR_LINE_BUSY;
  if (phone_number == "nocarrier") failure = ERROR_NO_CARRIER;
  static const uint32_t kWalk[] = {RASCS_OpenPort,           RASCS_PortOpened,
                                   RASCS_ConnectDevice,      RASCS_DeviceConnected,
                                   RASCS_AllDevicesConnected, RASCS_Authenticate,
                                   RASCS_Authenticated,      RASCS_Connected};
  for (uint32_t state : kWalk) {
    if (state == RASCS_ConnectDevice && failure != 0) {
      return send_state(fd, state, failure) ? 0 : 1;
    }
    if (!send_state(fd, state, 0)) return 1;
  }
  hold_line(fd);
  return 0;
}

int run_link(const LinkOptions& options) {
  if (auto ok = drop_privileges(options.user); !ok) {
    std::fprintf(stderr, "openras-link: %s\n", ok.error().message.c_str());
    (void)send_state(options.fd, RASCS_OpenPort, ERROR_PORT_NOT_AVAILABLE);
    return 1;
  }
  if (auto ok = install_seccomp(); !ok) {
    std::fprintf(stderr, "openras-link: %s\n", ok.error().message.c_str());
    (void)send_state(options.fd, RASCS_OpenPort, ERROR_PORT_NOT_AVAILABLE);
    return 1;
  }
  if (options.device_type == "test") return run_test_device(options.fd, options.phone_number);
  std::fprintf(stderr, "openras-link: device type \"%s\" has no driver\n",
               options.device_type.c_str());
  (void)send_state(options.fd, RASCS_OpenPort, ERROR_DEVICE_DOES_NOT_EXIST);
  return 1;
}

}  // namespace openras::link
