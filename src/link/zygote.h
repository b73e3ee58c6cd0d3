// zygote.h: the link zygote (docs/protocol.md "Link processes"): one openras-link process
// per rasmand, started as `openras-link --zygote` with its control socket as fd 3, that
// forks a link process per spawn request instead of rasmand executing the helper for
// each dial. It drops privileges exactly as a link does (drop_privileges) and installs
// its own seccomp filter before it reads a request, so every child starts unprivileged
// and filtered; each child then moves its link socket
// to fd 3, closes every other descriptor above 2 and runs run_link() as an executed
// openras-link would (no_new_privs, seccomp filter, the device).
//
// It answers each request with the child's pid and pidfd (zygote_message.h), reaps its
// children and reports each one's wait status. It ends when rasmand closes the control
// socket; the links it forked keep running (they talk to rasmand, not to it).
// Thread: the process's main thread; single-threaded, so fork() is safe.
#pragma once

#include <optional>

#include "base/result.h"
#include "link/link.h"

namespace openras::link {

struct ZygoteOptions {
  int control_fd = 3;
  std::optional<Identity> become;  // whom to become when started as root (link.h)
};

// Serves spawn requests until the control socket closes; the process's exit status
// (0: rasmand closed it, 1: could not start or lost the socket).
[[nodiscard]] int run_zygote(const ZygoteOptions& options);

// The zygote's own system-call filter (seccomp.cpp): the link's list plus what forking a
// link takes; no open, socket, exec or kill. Needs no_new_privs (or root).
[[nodiscard]] Status install_zygote_seccomp();

}  // namespace openras::link
