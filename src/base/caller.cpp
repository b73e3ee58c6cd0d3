// caller.cpp: the calling process's root, user and default phone books (see caller.h).
#include "base/caller.h"

#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <mutex>

namespace openras {

std::string canonical_path(const std::string& path) {
  std::string absolute = path;
  if (absolute.empty() || absolute.front() != '/') {
    char cwd[PATH_MAX];
    if (::getcwd(cwd, sizeof cwd)) absolute = std::string(cwd) + "/" + absolute;
  }
  size_t slash = absolute.rfind('/');
  std::string dir = slash == 0 ? "/" : absolute.substr(0, slash);
  char resolved[PATH_MAX];
  if (!::realpath(dir.c_str(), resolved)) return absolute;
  std::string out = resolved;
  if (out.back() != '/') out += '/';
  return out + absolute.substr(slash + 1);
}

Caller Caller::for_user(const Paths& paths, uid_t uid) {
  Caller caller{paths,
                uid,
                paths.caller_is_admin(),
                canonical_path(paths.all_users_phonebook()),
                std::nullopt,
                std::nullopt,
                std::nullopt};
  auto config = paths.user_config_dir(uid);
  if (config) {
    caller.user_config_dir = *config;
    caller.user_phonebook = canonical_path(*config + "/pbk/rasphone.pbk");
  } else {
    caller.user_problem = config.error();
  }
  return caller;
}

Result<std::shared_ptr<const Caller>> calling_caller() {
  static std::mutex mutex;
  static std::shared_ptr<const Caller> memo;
  static std::string memo_root;
  static uid_t memo_uid = 0;
  const char* env = ::secure_getenv("OPENRAS_ROOT");
  std::string root = env ? env : "";
  uid_t uid = ::geteuid();
  std::lock_guard lock(mutex);
  if (memo && memo_root == root && memo_uid == uid) return memo;
  auto paths = Paths::from_environment();
  if (!paths) return fail(paths.error());
  memo = std::make_shared<const Caller>(Caller::for_user(*paths, uid));
  memo_root = root;
  memo_uid = uid;
  return memo;
}

}  // namespace openras
