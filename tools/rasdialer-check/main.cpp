// rasdialer-check: the conformance tool for custom-dialer authors.
//
//   rasdialer-check [--json] [--keep] [--timeout=SECONDS] PATH
//
// Checks the library at PATH the way RAS will treat it (path, ownership and permissions,
// the CustomDLL allow-list of the system or OPENRAS_ROOT, loading, the five exports by
// their exact names, the SDK ABI mark), then exercises it in a scratch private root:
// creates an entry naming it, dials (with and without a notifier), asks for status, hangs
// up and deletes the entry. One PASS/FAIL line per check; exit 0 only if all pass.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "base/paths.h"
#include "checker.h"
#include "cli.h"
#include "report.h"

namespace {

constexpr const char* kUsage =
    "Usage: rasdialer-check [--json] [--keep] [--timeout=SECONDS] PATH\n"
    "\n"
    "Checks that the custom dialer at PATH keeps the RAS custom-dialer contract:\n"
    "  path      absolute and canonical (no symbolic links)\n"
    "  trust     file and directories owned by root, not writable by group/others\n"
    "  allowed   listed in HKLM\\System\\CurrentControlSet\\Services\\Rasman\\Parameters\\CustomDLL\n"
    "  load      loads with RTLD_NOW | RTLD_LOCAL\n"
    "  exports   RasCustomDial, RasCustomDialDlg, RasCustomHangUp, RasCustomEntryDlg,\n"
    "            RasCustomDeleteEntryNotify, by these exact names\n"
    "  names     no W/A-suffixed or misspelt variants in their place\n"
    "  abi       built against this OpenRAS SDK\n"
    "then, in a scratch root that allows it: entry, dial, notify, status, hangup, delete.\n"
    "\n"
    "  --json           one JSON object instead of text\n"
    "  --version        the OpenRAS version\n"
    "  --keep           keep the scratch root and print where it is\n"
    "  --timeout=N      seconds each dialer call may take (default 5)\n"
    "\n"
    "The allow-list is read from the system, or from OPENRAS_ROOT when set.\n"
    "Exit status: 0 if every check passed, 1 if any failed (or the root is unusable),\n"
    "2 on a usage error.\n";

}  // namespace

int main(int argc, char** argv) {
  namespace cli = openras::cli;
  constexpr const char* kProgram = "rasdialer-check";
  const cli::Syntax syntax{kProgram,
                           {cli::help_option(),
                            cli::version_option(),
                            {"json", {"--json"}, cli::Value::kNone},
                            {"keep", {"--keep"}, cli::Value::kNone},
                            {"timeout", {"--timeout"}, cli::Value::kRequired, "SECONDS"}},
                           false};
  auto parsed = cli::parse_command_line(syntax, argc, argv, kUsage);
  if (!parsed) return parsed.error();
  bool json = parsed->has("json");
  bool keep = parsed->has("keep");
  int timeout = 5;
  if (const auto* given = parsed->last("timeout")) {
    auto seconds = cli::parse_seconds("--timeout", given->value, 1, 3600);
    if (!seconds) return cli::usage_error(kProgram, seconds.error());
    timeout = static_cast<int>(*seconds);
  }
  if (parsed->operands.empty()) {
    std::fputs(kUsage, stderr);
    return cli::kExitUsage;
  }
  if (parsed->operands.size() > 1) {
    return cli::usage_error(
        kProgram, "give one dialer path, not \"" + parsed->operands[1] + "\" too");
  }
  const std::string& path = parsed->operands[0];
  auto paths = openras::Paths::from_environment();
  if (!paths) {
    std::fprintf(stderr, "rasdialer-check: %s\n", paths.error().message.c_str());
    return cli::kExitFailed;
  }
  openras::check::Report report;
  if (openras::check::inspect(path, *paths, report)) {
    openras::check::exercise(path, report, timeout, keep);
  } else {
    report.skip("exercise", "not run: the library cannot be loaded as a dialer");
  }
  std::string out = json ? report.json(path) : report.text();
  std::fputs(out.c_str(), stdout);
  std::fflush(stdout);
  // _exit: a dialer that hung in a call still has a thread inside it; running exit-time
  // destructors under it could crash after the verdict was printed.
  ::_exit(report.all_passed() ? 0 : 1);
}
