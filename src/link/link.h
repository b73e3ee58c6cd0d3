// link.h: the per-connection link process (DESIGN.md §3), as tools/openras-link runs it.
//
// rasmand starts it with exactly one open descriptor besides stdin/stdout/stderr (which
// are /dev/null or rasmand's log): fd 3, its end of a SOCK_SEQPACKET socketpair. The link
// drops every privilege first (drop_privileges) and installs its seccomp filter, waits
// for rasmand's Start message (the credentials), then drives the device and reports each
// state, its projection and, on request, its counters (message.h). It stops when
// rasmand closes the socket (hang-up) or sends SIGTERM; it exits after reporting an error. Thread: the process's main thread.
#pragma once

#include <string>

#include "base/result.h"
#include "link/message.h"

namespace openras::link {

struct LinkOptions {
  int fd = 3;                  // the socketpair end
  std::string device_type;     // "test" (the only type driven so far)
  std::string phone_number;
  std::string user = "nobody"; // whom to become when started as root
};

// If running as root: no supplementary groups, then gid and uid of `user` (real,
// effective and saved). Always: PR_SET_NO_NEW_PRIVS. Fails rather than run privileged.
[[nodiscard]] Status drop_privileges(const std::string& user);

// Installs the link's system-call filter (seccomp.cpp): I/O on descriptors it holds,
// memory, time, exit; anything else fails with EPERM. Needs no_new_privs (or root).
[[nodiscard]] Status install_seccomp();

// Runs the link; returns the exit status (0: hung up or reported its error, 1: could not
// run or lost rasmand mid-report).
[[nodiscard]] int run_link(const LinkOptions& options);

// One link's side of the socket, as device drivers use it: report states and the
// projection, keep the counters up to date (a driver adds to them as bytes and frames
// move; nothing else writes them), and wait while answering rasmand's requests.
class LinkSession {
 public:
  explicit LinkSession(int fd) : fd_(fd) {}
  [[nodiscard]] LinkCounters& counters() { return counters_; }
  // false when rasmand's end is gone.
  [[nodiscard]] bool send_state(uint32_t state, uint32_t error);
  [[nodiscard]] bool send_projection(const Projection& projection);
  // Waits `ms` milliseconds (-1: until hang-up), answering each StatisticsRequest with the
  // counters as they are. false when rasmand hung up (closed its end) meanwhile.
  [[nodiscard]] bool wait(int ms);

 private:
  [[nodiscard]] bool send(const LinkMessage& message);
  int fd_;
  LinkCounters counters_;
};

// Blocks until rasmand's first message, Start (the dial's credentials); kInvalidData for
// anything else, kCancelled if rasmand closed its end first.
[[nodiscard]] Result<StartMessage> receive_start(int fd);

// The test device (docs/devices.md): OpenPort … Connected, then holds the line until
// hang-up, answering StatisticsRequest with its counters (always zero: it moves no
// bytes). Before Connected it reports a Projection: IPv4 192.0.2.2 / server 192.0.2.1, no
// IPv6 (ERROR_PROTOCOL_NOT_CONFIGURED), PAP when credentials were given. Phone numbers:
// "busy" (ERROR_LINE_BUSY) and "nocarrier" (ERROR_NO_CARRIER) fail at ConnectDevice;
// "auth:USER:PASSWORD" accepts only those credentials, else fails at Authenticate with
// ERROR_AUTHENTICATION_FAILURE; "delay:MS" reports each state MS ms (at most 10000) after
// the previous. Wipes the credentials once authentication is over. Exposed so unit tests
// can run it over a socketpair in-process.
[[nodiscard]] int run_test_device(int fd, const std::string& phone_number,
                                  StartMessage credentials);

}  // namespace openras::link
