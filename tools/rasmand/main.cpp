// rasmand: the OpenRAS connection service (docs/man/rasmand.8). Parses the command line
// with the tools' shared parser (tools/common/cli.h); everything else is
// src/rasman/daemon.cpp.
#include <sys/stat.h>

#include <cstdio>
#include <string>

#include "cli.h"
#include "rasman/daemon.h"

namespace {

namespace cli = openras::cli;
constexpr const char* kProgram = "rasmand";

constexpr const char* kUsage =
    "usage: rasmand [--root DIR] [--exit-idle=SECONDS] [--debug]\n"
    "       rasmand --help | --version\n"
    "  --root DIR           serve the private root DIR (any user); default: / (system mode,\n"
    "                       root only)\n"
    "  --exit-idle=SECONDS  exit after SECONDS (1 to 86400) with no client and no connection\n"
    "  --debug              log debug messages\n"
    "Exit status: 0 after a clean stop, 1 on a failure (logged), 2 on a usage error.\n";

}  // namespace

int main(int argc, char** argv) {
  // run/openras must be 0755 for users to reach the socket, and rasmand sets the mode of
  // each private file itself (credentials 0700/0600): a umask inherited from a hardened
  // root shell (027, 077) would otherwise lock every user out of the service.
  ::umask(022);
  const cli::Syntax syntax{kProgram,
                           {cli::help_option(),
                            cli::version_option(),
                            {"root", {"--root"}, cli::Value::kRequired, "DIR"},
                            {"exit-idle", {"--exit-idle"}, cli::Value::kRequired, "SECONDS"},
                            {"debug", {"--debug"}, cli::Value::kNone}},
                           false};
  auto parsed = cli::parse_command_line(syntax, argc, argv, kUsage);
  if (!parsed) return parsed.error();
  if (!parsed->operands.empty()) {
    return cli::usage_error(kProgram, "unexpected argument \"" + parsed->operands[0] + "\"");
  }
  openras::rasman::DaemonOptions options;
  if (const auto* root = parsed->last("root")) {
    if (root->value.empty()) {
      return cli::usage_error(kProgram, "--root needs a directory, not an empty name");
    }
    options.root = root->value;
  }
  if (const auto* idle = parsed->last("exit-idle")) {
    auto seconds = cli::parse_seconds("--exit-idle", idle->value, 1, 86400);
    if (!seconds) return cli::usage_error(kProgram, seconds.error());
    options.exit_idle_seconds = static_cast<unsigned>(*seconds);
  }
  options.debug = parsed->has("debug");
  return openras::rasman::run_daemon(options);
}
