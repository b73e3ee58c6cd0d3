// paths.cpp: root and per-user path resolution (see paths.h).
#include "base/paths.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <vector>

#include "base/fs.h"
#include "base/path_watch.h"
#include "base/users.h"

namespace openras {

namespace {

// Root's own configuration must be root's: XDG_CONFIG_HOME may come from a user's
// environment. The deepest part of `dir` that exists, and everything above it, must
// belong to root and be writable by nobody else.
Status check_root_config_dir(const std::string& dir) {
  std::string existing = dir;
  struct stat st {};
  while (existing.size() > 1 && ::lstat(existing.c_str(), &st) != 0) {
    existing.resize(existing.rfind('/') == 0 ? 1 : existing.rfind('/'));
  }
  auto checked = open_trusted_directory(existing, [](uid_t uid) { return uid == 0; });
  if (!checked) {
    return fail(Errc::kAccessDenied,
                "XDG_CONFIG_HOME puts root's configuration in " + dir + ", which is not root's (" +
                    checked.error().message +
                    "); root uses only files only root can change: unset XDG_CONFIG_HOME "
                    "(sudo without -E) or point it at a directory of root's");
  }
  return {};
}

}  // namespace

Result<Paths> Paths::from_environment() {
  const char* root = ::secure_getenv("OPENRAS_ROOT");
  std::string wanted = root && *root ? root : "/";
  uid_t euid = ::geteuid();
  // Every Reg* call on a predefined key resolves the root; its answer depends only on the
  // directories from "/" down to it (their names, owners and modes) and on who asks, so it
  // is kept while a PathWatch on them reports nothing.
  struct Memo {
    std::string wanted;
    uid_t euid;
    Paths paths;
    std::shared_ptr<PathWatch> watch;
  };
  static std::mutex mutex;
  static auto* memo = new std::optional<Memo>;  // used until exit
  {
    std::unique_lock lock(mutex);
    if (*memo && (*memo)->wanted == wanted && (*memo)->euid == euid) {
      auto known = **memo;
      lock.unlock();
      if (known.watch->unchanged()) return known.paths;
    }
  }
  auto watch = PathWatch::start(wanted);
  auto paths = resolve_environment_root(wanted, euid);
  if (paths && watch) {
    std::optional<Memo> replaced;
    std::lock_guard lock(mutex);
    replaced = std::exchange(*memo, Memo{wanted, euid, *paths, std::move(watch)});
  }
  return paths;
}

Result<Paths> Paths::resolve_environment_root(const std::string& wanted, uid_t euid) {
  auto paths = with_root(wanted);
  if (!paths || !paths->is_private() || euid != 0) return paths;
  // secure_getenv guards only set-id programs: root running a tool with an environment a
  // user influenced (sudo -E, a script) must not adopt that user's tree as its own.
  auto checked = open_trusted_directory(paths->root(), [](uid_t uid) { return uid == 0; });
  if (!checked) {
    return fail(Errc::kAccessDenied,
                "OPENRAS_ROOT=" + paths->root() + " is not a root only root controls (" +
                    checked.error().message +
                    "); a process running as root uses no location another user can change: "
                    "unset OPENRAS_ROOT, or run as that root's owner");
  }
  return paths;
}

Result<Paths> Paths::with_root(const std::string& root) {
  if (root.empty() || root.front() != '/') {
    return fail(Errc::kInvalidArgument,
                "root \"" + root + "\" is not an absolute path; give a directory such as /srv/ras");
  }
  char resolved[PATH_MAX];
  if (!::realpath(root.c_str(), resolved)) {
    return fail(errno_error(errno, "root directory \"" + root + "\""));
  }
  struct stat st {};
  if (::stat(resolved, &st) != 0) return fail_errno(errno, std::string("root ") + resolved);
  if (!S_ISDIR(st.st_mode)) {
    return fail(Errc::kInvalidArgument, "root \"" + root + "\" is not a directory");
  }
  return Paths(resolved, st.st_uid);
}

std::string Paths::under_root(std::string_view relative) const {
  while (!relative.empty() && relative.front() == '/') relative.remove_prefix(1);
  std::string out = root_;
  if (out.back() != '/') out += '/';
  out += relative;
  return out;
}

std::string Paths::machine_hive() const { return under_root("etc/openras/registry/HKLM.reg"); }
std::string Paths::all_users_phonebook() const {
  return under_root("etc/openras/pbk/rasphone.pbk");
}
std::string Paths::rasman_socket() const { return under_root("run/openras/rasman.sock"); }
std::string Paths::credentials_dir() const { return under_root("var/lib/openras/credentials"); }

Result<std::string> Paths::user_config_dir(uid_t uid) const {
  auto user = find_user(uid);
  if (is_private()) {
    if (!user) return fail(user.error());
    return under_root("home/" + user->name + "/.config/openras");
  }
  if (uid == ::getuid()) {
    const char* xdg = ::secure_getenv("XDG_CONFIG_HOME");
    if (xdg && xdg[0] == '/') {
      std::string dir = std::string(xdg) + "/openras";
      if (::geteuid() == 0) {
        if (auto ok = check_root_config_dir(dir); !ok) return fail(ok.error());
      }
      return dir;
    }
  }
  if (!user) return fail(user.error());
  if (user->home.empty() || user->home.front() != '/') {
    return fail(Errc::kNotFound, "user \"" + user->name + "\" has no absolute home directory");
  }
  return user->home + "/.config/openras";
}

Result<std::string> Paths::user_hive(uid_t uid) const {
  return user_config_dir(uid).map([](std::string dir) { return dir + "/registry/HKCU.reg"; });
}

Result<std::string> Paths::user_phonebook(uid_t uid) const {
  return user_config_dir(uid).map([](std::string dir) { return dir + "/pbk/rasphone.pbk"; });
}

bool Paths::caller_is_admin() const {
  uid_t euid = ::geteuid();
  return euid == 0 || (is_private() && euid == root_owner_);
}

bool Paths::trusted_owner(uid_t uid) const noexcept {
  return uid == 0 || (is_private() && uid == root_owner_);
}

}  // namespace openras
