// link.h: the per-connection link process (DESIGN.md §3), as tools/openras-link runs it.
//
// rasmand starts it with exactly one open descriptor besides stdin/stdout/stderr (which
// are /dev/null or rasmand's log): fd 3, its end of a SOCK_SEQPACKET socketpair. The link
// drops every privilege first (drop_privileges) and installs its seccomp filter, then drives the device and reports each
// state as a LinkMessage. It stops when rasmand closes the socket (hang-up) or sends
// SIGTERM; it exits after reporting an error. Thread: the process's main thread.
#pragma once

#include <string>

#include "base/result.h"

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

// The test device: OpenPort … Connected at once, or an error at ConnectDevice for the
// numbers "busy" (ERROR_LINE_BUSY) and "nocarrier" (ERROR_NO_CARRIER); then holds the
// line until hang-up. Exposed so unit tests can run it over a socketpair in-process.
[[nodiscard]] int run_test_device(int fd, const std::string& phone_number);

}  // namespace openras::link
