// link.h: the per-connection link process (DESIGN.md §3), as tools/openras-link runs it.
//
// rasmand starts it with one to four open descriptors besides stdin/stdout/stderr (which
// are /dev/null or rasmand's log): fd 3, its end of a SOCK_SEQPACKET socketpair, and for
// a line device fd 4, the serial line rasmand opened, and fd 5, the TUN interface rasmand
// made for the connection, which PPP (ppp_link.h) carries IP packets to and from, and with
// a terminal after dialing fd 6, the master of the pseudo-terminal the caller types on. The link
// drops every privilege first (drop_privileges), makes its event loop (event_loop.h), installs its
// seccomp filter with its driver's extra calls (driver.h), waits for rasmand's Start message (the
// credentials), then runs the driver the device type names, reporting each state, its
// projection and, on request, its counters (message.h). It stops when rasmand closes the
// socket (hang-up) or sends SIGTERM; it exits after reporting an error.
// Thread: the process's main thread.
#pragma once

#include <sys/types.h>

#include <optional>
#include <span>
#include <string>

#include "base/result.h"
#include "link/message.h"
#include "link/zygote_message.h"

namespace openras::link {

// Whom a link (and its zygote) becomes when started as root, as numbers: rasmand looks the
// link user up (OPENRAS_LINK_USER), since openras-link is a static executable that does not
// read the user database (no NSS modules to load into it, nor files to open under its filter).
struct Identity {
  uid_t uid = 0;
  gid_t gid = 0;
};

struct LinkOptions {
  int fd = 3;               // the socketpair end
  int line_fd = -1;         // the serial line (fd 4) for line drivers; -1: none
  int tun_fd = -1;          // the connection's TUN interface (fd 5) for PPP; -1: none
  int terminal_fd = -1;     // the terminal's pseudo-terminal master (fd 6); -1: none
  PppSettings ppp;          // how PPP negotiates (zygote_message.h)
  std::string device_type;  // picks the driver (driver.h)
  std::string phone_number;
  DeviceSettings device;           // line drivers' settings (zygote_message.h)
  std::optional<Identity> become;  // whom to become when started as root (required then)
  bool forked_by_zygote = false;   // under the zygote's filter: narrow it, not replace it
};

// If running as root: no supplementary groups, then `become`'s gid and uid (real, effective
// and saved); refuses uid 0 and a missing `become`. Always: PR_SET_NO_NEW_PRIVS. Fails
// rather than run privileged.
[[nodiscard]] Status drop_privileges(const std::optional<Identity>& become);

// Installs the link's system-call filter (seccomp.cpp): I/O on descriptors it holds,
// memory, time, its event loop, exit, plus `extra` (a driver's own: driver.h); anything
// else fails with EPERM. Needs no_new_privs (or root).
[[nodiscard]] Status install_seccomp(std::span<const long> extra = {});
// The same limits for a link the zygote forked, whose filter it inherits: a short filter on
// top that refuses the zygote's own calls (fork, reaping, dup2, prctl, ...) but `extra`.
[[nodiscard]] Status install_seccomp_under_zygote(std::span<const long> extra = {});

// Runs the link; returns the exit status (0: hung up or reported its error, 1: could not
// run or lost rasmand mid-report).
[[nodiscard]] int run_link(const LinkOptions& options);

// Blocks until rasmand's first message, Start (the dial's credentials); kInvalidData for
// anything else, kCancelled if rasmand closed its end first.
[[nodiscard]] Result<StartMessage> receive_start(int fd);

// Runs the test device's driver (test_device.cpp; docs/devices.md) on `fd` with the
// credentials already received, as run_link would: OpenPort … Connected, then holds the line until
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
