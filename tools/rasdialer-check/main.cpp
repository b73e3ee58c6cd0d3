// rasdialer-check: the conformance tool for custom-dialer authors.
//
//   rasdialer-check [--json] [--keep] [--logon] [--timeout=SECONDS] [--user=USER] PATH
//
// Checks the library at PATH against the rules RAS applies before loading a dialer (path,
// ownership and permissions, the CustomDLL allow-list of the system or OPENRAS_ROOT) and
// stops there, having loaded nothing, if any fails. Otherwise — as USER (default nobody)
// when started as root — it loads the descriptor it checked and checks the five exports
// and the SDK ABI mark, then exercises the dialer in a scratch private root with its own
// rasmand: creates an entry naming it, dials (with and without a notifier), asks for
// status, hangs up, opens its dialogs and cancels them (IDCANCEL) and deletes the entry. Everything
// that runs the dialer's code runs in a child process, so a dialer that crashes, exits or hangs is
// reported, not fatal. One PASS/FAIL line per check; exit 0 only if all pass.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "base/paths.h"
#include "checker.h"
#include "child.h"
#include "cli.h"
#include "report.h"

namespace {

constexpr const char* kUsage =
    "Usage: rasdialer-check [--json] [--keep] [--logon] [--timeout=SECONDS] [--user=USER] PATH\n"
    "\n"
    "Checks that the custom dialer at PATH keeps the RAS custom-dialer contract:\n"
    "  path      absolute and canonical (no symbolic links)\n"
    "  trust     file and directories owned by root, not writable by group/others\n"
    "  allowed   listed in "
    "HKLM\\System\\CurrentControlSet\\Services\\Rasman\\Parameters\\CustomDLL\n"
    "  load      loads with RTLD_NOW | RTLD_LOCAL\n"
    "  exports   RasCustomDial, RasCustomDialDlg, RasCustomHangUp, RasCustomEntryDlg,\n"
    "            RasCustomDeleteEntryNotify, by these exact names\n"
    "  names     no W/A-suffixed or misspelt variants in their place\n"
    "  abi       built against this OpenRAS SDK\n"
    "then, in a scratch root with its own rasmand and a test device: entry, dial, hangup,\n"
    "notify, status, hangup-async, dialdlg and entrydlg (each dialog must end within 1 s of\n"
    "IDCANCEL, returning FALSE), delete. A library that fails path, trust or allowed is\n"
    "never loaded. Its code runs in child processes: a crash, exit or hang fails the check\n"
    "it happened in.\n"
    "\n"
    "  --json           one JSON object instead of text\n"
    "  --version        the OpenRAS version\n"
    "  --keep           keep the scratch root and print where it is\n"
    "  --logon          also dial as at logon (RCD_Logon) in the logon sandbox: logon,\n"
    "                   logon-dial; each write or program the sandbox refuses fails\n"
    "  --timeout=N      seconds each dialer call may take (default 5)\n"
    "  --user=USER      started as root, run the dialer as USER, a name or uid\n"
    "                   (default nobody); never as root\n"
    "\n"
    "The allow-list is read from the system, or from OPENRAS_ROOT when set.\n"
    "Exit status: 0 if every check passed, 1 if any failed (or the root is unusable),\n"
    "2 on a usage error.\n";

// Everything after the option parsing. `user` is whom to become before the dialer runs
// (null: stay who we are).
int run(const std::string& path, const openras::Paths& paths,
        const openras::check::ExerciseUser* user, int timeout, bool keep, bool json, bool logon) {
  namespace check = openras::check;
  check::Report report;
  openras::UniqueFd fd = check::check_rules(path, paths, report);
  if (!fd) {
    // Loading it would run its constructors: never for a library RAS would refuse.
    report.skip("load", "not loaded: it fails a rule RAS applies before loading a dialer");
    report.skip("exercise", "not run: the library is not loaded");
  } else if (user == nullptr || check::become(*user, report)) {
    check::interrupt_on_signals();
    bool fit = check::run_in_child(report, timeout, "load",
                                   [&](check::Report& r) { check::check_module(fd.get(), r); }) &&
               report.passed("exports") && report.passed("abi");
    if (!fit) {
      report.skip("exercise", "not run: the library cannot be loaded as a dialer");
    } else {
      check::Scratch scratch;
      if (scratch.set_up(path, report)) {
        // At logon first: the ordinary exercise ends by deleting the entry.
        if (logon) check::exercise_logon(scratch, report, timeout);
        check::exercise(scratch, report, timeout);
      }
      scratch.tear_down(keep, report);
    }
  }
  std::string out = json ? report.json(path) : report.text();
  std::fputs(out.c_str(), stdout);
  return report.all_passed() ? openras::cli::kExitOk : openras::cli::kExitFailed;
}

}  // namespace

int main(int argc, char** argv) {
  namespace cli = openras::cli;
  constexpr const char* kProgram = "rasdialer-check";
  const cli::Syntax syntax{kProgram,
                           {cli::help_option(),
                            cli::version_option(),
                            {"json", {"--json"}, cli::Value::kNone},
                            {"keep", {"--keep"}, cli::Value::kNone},
                            {"logon", {"--logon"}, cli::Value::kNone},
                            {"timeout", {"--timeout"}, cli::Value::kRequired, "SECONDS"},
                            {"user", {"--user"}, cli::Value::kRequired, "USER"}},
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
    return cli::usage_error(kProgram,
                            "give one dialer path, not \"" + parsed->operands[1] + "\" too");
  }
  const std::string& path = parsed->operands[0];
  auto paths = openras::Paths::from_environment();
  if (!paths) {
    std::fprintf(stderr, "rasdialer-check: %s\n", paths.error().message.c_str());
    return cli::kExitFailed;
  }
  namespace check = openras::check;
  check::ExerciseUser user;
  bool as_root = ::geteuid() == 0;
  if (const auto* given = parsed->last("user")) {
    if (!as_root) {
      return cli::usage_error(kProgram, "--user needs root; without it the exercise runs as you");
    }
    auto found = check::find_user(given->value);
    if (!found) return cli::usage_error(kProgram, found.error().message);
    user = *found;
  } else if (as_root) {
    auto found = check::find_user("nobody");
    if (!found) {
      std::fprintf(stderr, "rasdialer-check: %s\n", found.error().message.c_str());
      return cli::kExitFailed;
    }
    user = *found;
  }
  int status =
      run(path, *paths, as_root ? &user : nullptr, timeout, keep, json, parsed->has("logon"));
  std::fflush(stdout);
  return status;
}
