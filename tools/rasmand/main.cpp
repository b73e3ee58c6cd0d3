// rasmand: the OpenRAS connection service (docs/man/rasmand.8). Parses the command line;
// everything else is src/rasman/daemon.cpp.
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "rasman/daemon.h"

namespace {

constexpr const char* kUsage =
    "usage: rasmand [--root DIR] [--exit-idle=SECONDS] [--debug]\n"
    "  --root DIR           serve the private root DIR (any user); default: / (system mode,\n"
    "                       root only)\n"
    "  --exit-idle=SECONDS  exit after SECONDS with no client and no connection\n"
    "  --debug              log debug messages\n";

}  // namespace

int main(int argc, char** argv) {
  // run/openras must be 0755 for users to reach the socket, and rasmand sets the mode of
  // each private file itself (credentials 0700/0600): a umask inherited from a hardened
  // root shell (027, 077) would otherwise lock every user out of the service.
  ::umask(022);
  openras::rasman::DaemonOptions options;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--root") == 0 && i + 1 < argc) {
      options.root = argv[++i];
    } else if (std::strncmp(argv[i], "--root=", 7) == 0) {
      options.root = argv[i] + 7;
    } else if (std::strncmp(argv[i], "--exit-idle=", 12) == 0) {
      char* end = nullptr;
      unsigned long seconds = std::strtoul(argv[i] + 12, &end, 10);
      if (*end != '\0' || seconds == 0 || seconds > 86400) {
        std::fprintf(stderr, "rasmand: --exit-idle takes 1 to 86400 seconds, not \"%s\"\n",
                     argv[i] + 12);
        return 2;
      }
      options.exit_idle_seconds = static_cast<unsigned>(seconds);
    } else if (std::strcmp(argv[i], "--debug") == 0) {
      options.debug = true;
    } else if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::fputs(kUsage, stdout);
      return 0;
    } else {
      std::fprintf(stderr, "rasmand: unknown argument \"%s\"\n%s", argv[i], kUsage);
      return 2;
    }
  }
  return openras::rasman::run_daemon(options);
}
