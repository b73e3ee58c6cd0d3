// checker.h: the parts of rasdialer-check.
#pragma once

#include <sys/types.h>

#include <string>

#include "base/paths.h"
#include "base/result.h"
#include "base/unique_fd.h"
#include "report.h"

namespace openras::check {

// The rules RAS applies before it loads a dialer, checked on the library at `path`
// against `paths` (the system or OPENRAS_ROOT): path, trust, allow-list. Loads nothing.
// Returns the descriptor the trust check opened when every rule passed, else none.
UniqueFd check_rules(const std::string& path, const Paths& paths, Report& report);

// Loads the library through `fd` (the checked descriptor, via /proc/self/fd) and checks
// its exports, their linkage, names and ABI mark: load, exports, linkage, names, abi. Runs the
// library's constructors, so it runs in an exercise child (child.h).
void check_module(int fd, Report& report);

// Who the exercise runs as when rasdialer-check is started as root.
struct ExerciseUser {
  uid_t uid = 0;
  gid_t gid = 0;
  std::string name;
};
// Looks up --user (a name or a numeric uid; "nobody" by default). Refuses uid 0.
Result<ExerciseUser> find_user(const std::string& spec);
// Becomes `user` for good (no supplementary groups, no way back to root), with
// no_new_privs, before anything loads or calls the dialer. Reports the "user" check.
bool become(const ExerciseUser& user, Report& report);

// The scratch private root the exercise dials in: its hive allows the dialer and
// configures a test device (docs/devices.md), its phone book holds an entry naming the
// dialer, and its own rasmand serves it, so a forwarding dialer's built-in dial really
// connects. Set up and torn down by the process that runs the exercise children.
class Scratch {
 public:
  Scratch() = default;
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  ~Scratch();
  // Creates the root (exported as OPENRAS_ROOT), the allow-list, the device and the entry,
  // and starts rasmand. False (with a failed "setup" or "entry" check) if any step fails.
  bool set_up(const std::string& dialer_path, Report& report);
  [[nodiscard]] const std::wstring& phonebook() const noexcept { return phonebook_; }
  // Stops rasmand; removes the root unless `keep` (then reports where it is).
  void tear_down(bool keep, Report& report);

 private:
  bool start_rasmand(Report& report);
  std::string root_;
  std::wstring phonebook_;
  pid_t rasmand_ = -1;
};

// The exercise, in three children (child.h): dial (no notifier) and hang up; dial with a
// RASDIALFUNC1 notifier, status, hang up; delete the entry. Each call into the dialer
// must return within `timeout_seconds`.
void exercise(const Scratch& scratch, Report& report, int timeout_seconds);

// The dialer's dialogs (RasCustomDialDlg, RasCustomEntryDlg through RasDialDlg and
// RasEntryDlg on `entry`), each cancelled with IDCANCEL as soon as it is shown: each must
// end within 1 s and return FALSE with dwError 0 or ERROR_CANCELLED. Checks "dialdlg" and
// "entrydlg"; runs in an exercise child.
void check_dialogs(const std::wstring& phonebook, const std::wstring& entry, Report& report);

// --logon (logon.cpp): dials once more with RCD_Logon and RDEOPT_NoUser inside the logon
// host's sandbox; each thing the sandbox refused is a failed "logon" check.
void exercise_logon(const Scratch& scratch, Report& report, int timeout_seconds);

}  // namespace openras::check
