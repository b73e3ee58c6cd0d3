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
#include "report.h"

namespace {

void usage(FILE* out) {
  std::fputs(
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
      "  --keep           keep the scratch root and print where it is\n"
      "  --timeout=N      seconds each dialer call may take (default 5)\n"
      "\n"
      "The allow-list is read from the system, or from OPENRAS_ROOT when set.\n"
      "Exit status: 0 if every check passed, 1 if any failed, 2 on bad usage.\n",
      out);
}

}  // namespace

int main(int argc, char** argv) {
  bool json = false;
  bool keep = false;
  int timeout = 5;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h" || arg == "/?") {
      usage(stdout);
      return 0;
    } else if (arg == "--json") {
      json = true;
    } else if (arg == "--keep") {
      keep = true;
    } else if (arg.rfind("--timeout=", 0) == 0) {
      timeout = std::atoi(arg.c_str() + 10);
      if (timeout <= 0 || timeout > 3600) {
        std::fprintf(stderr, "rasdialer-check: --timeout takes 1 to 3600 seconds, not \"%s\"\n",
                     arg.c_str() + 10);
        return 2;
      }
    } else if (!arg.empty() && arg[0] == '-') {
      std::fprintf(stderr, "rasdialer-check: unknown option %s (see --help)\n", arg.c_str());
      return 2;
    } else if (path.empty()) {
      path = arg;
    } else {
      std::fprintf(stderr, "rasdialer-check: give one dialer path, not \"%s\" too\n",
                   arg.c_str());
      return 2;
    }
  }
  if (path.empty()) {
    usage(stderr);
    return 2;
  }
  auto paths = openras::Paths::from_environment();
  if (!paths) {
    std::fprintf(stderr, "rasdialer-check: %s\n", paths.error().message.c_str());
    return 2;
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
