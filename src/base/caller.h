// caller.h: who is asking, and where that caller's files are (phone books, the rasmand
// socket, trusted owners). In base/ because the phone book, the dialer loader and the
// session's rasmand client all act for it.
//
// The exported functions act for the calling process: its root (OPENRAS_ROOT, DESIGN.md
// §5) and its effective user. Resolving the per-user phone book needs a password-database
// lookup, too slow to repeat on every RasGetEntryProperties call, so calling_caller()
// memoises the result per (root setting, effective uid). A privileged component builds
// a Caller for the user it serves with Caller::for_user. Thread-safe.
#pragma once

#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>

#include "base/paths.h"
#include "base/result.h"

namespace openras {

struct Caller {
  Paths paths;
  uid_t uid = 0;                    // whose per-user phone book and credentials
  bool admin = false;               // may change the all-users phone book (Paths::caller_is_admin)
  std::string all_users_phonebook;  // canonical where its directory exists
  std::optional<std::string> user_config_dir;  // nullopt: the user has no home
  std::optional<std::string> user_phonebook;
  std::optional<Error> user_problem;  // why the per-user files are unavailable

  // The caller `uid` under `paths`; admin is the calling process's (Paths::caller_is_admin):
  // a service acting for a user sets it to what that user may do.
  [[nodiscard]] static Caller for_user(const Paths& paths, uid_t uid);
};

// The calling process: Paths::from_environment() and geteuid(), memoised.
[[nodiscard]] Result<std::shared_ptr<const Caller>> calling_caller();

// `path` made absolute with its directory resolved (realpath), so two spellings of one
// file compare equal; the file itself need not exist.
[[nodiscard]] std::string canonical_path(const std::string& path);

}  // namespace openras
