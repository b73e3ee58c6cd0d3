// host.h: the logon host (DESIGN.md §3, docs/logon.md): the child rasmand starts, as root,
// for one dial at logon (rasmand/logon_host.h). It resolves everything from the root it is
// given (never from a caller's environment), finds the entry in the all-users phone book,
// enters the sandbox (sandbox.h) and only then loads the entry's dialer (allow-list and
// trust checks, the loader of that root) and calls RasCustomDial with RCD_Logon, or, for
// an entry without a dialer, dials it the built-in way through rasmand. Either way the
// connection is rasmand's, owned by root, registered by this process, which stays alive
// holding it until rasmand closes the control socket (hang up) or the connection ends.
//
// Control socket (fd 3, SOCK_SEQPACKET), one message each, host to rasmand:
//   "dialed RC HANDLE"  the dial's RAS result and rasmand's handle (decimal; 0: none)
//   "violation TEXT"    something the sandbox refused (sandbox.h)
//   "log TEXT"          a notice for rasmand's log (e.g. a broken dialer rule)
//   "ask ID STYLE TEXT" a question for the caller's conversation (conversation.h)
// rasmand to host: "answer ID TEXT" (the caller's answer); it closes its end to have the
// connection hung up. A dialog the person cancelled is reported as ERROR_CANCELLED.
// Thread: main; the dialer may start its own.
#pragma once

#include <string>

namespace openras::logon {

struct HostOptions {
  std::string root = "/";
  std::string runtime_dir;  // private, rasmand-made: the only writable place
  std::string entry;        // in the all-users phone book
  int control_fd = 3;
  // Show the entry's dialog through the caller's conversation (conversation.h): the
  // dialer's RasCustomDialDlg, or a built-in entry's credentials; cancelled with IDCANCEL
  // shortly before `timeout_seconds` (rasmand's time-out) runs out.
  bool dialog = false;
  unsigned timeout_seconds = 60;
};

// Parses `openras-logon-host --root DIR --runtime DIR --entry NAME [--dialog yes --timeout
// SECONDS]`; false on a bad line.
[[nodiscard]] bool parse_host_arguments(int argc, char** argv, HostOptions& options);

// Runs the dial and holds the connection; the process's exit status.
[[nodiscard]] int run_logon_host(const HostOptions& options);

// Whether this process is a logon host (set once the sandbox is in place).
[[nodiscard]] bool in_logon_host() noexcept;

// Sends one message on the control socket (best effort).
void send_control(const std::string& message);

}  // namespace openras::logon
