// daemon.h: rasmand as a process: the socket (its own, or systemd's), signals, readiness,
// the optional system-bus name, and clean shutdown. tools/rasmand/main.cpp parses the
// command line and calls run_daemon().
#pragma once

#include <string>

namespace openras::rasman {

struct DaemonOptions {
  std::string root = "/";  // "/" = system mode (root only); anything else = private mode
  bool debug = false;
  // Exit after this many seconds with no client and no connection (0: never). Tools that
  // start a rasmand for a private root use it, so the daemon does not outlive its use.
  unsigned exit_idle_seconds = 0;
};

// Serves until SIGTERM or SIGINT; returns the process exit code (0 after a clean
// shutdown, 1 when it cannot start). Logs every failure itself. Main thread only.
[[nodiscard]] int run_daemon(const DaemonOptions& options);

}  // namespace openras::rasman
