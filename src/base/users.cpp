// users.cpp: see users.h.
#include "base/users.h"

#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

namespace openras {

namespace {

// `get(passwd*, buffer, size, found**)`: getpwuid_r or getpwnam_r with their key bound.
template <class Get>
Result<UserEntry> lookup(Get get, const std::string& who) {
  long size_hint = ::sysconf(_SC_GETPW_R_SIZE_MAX);
  std::vector<char> buffer(size_hint > 0 ? static_cast<size_t>(size_hint) : 16384);
  struct passwd pw {};
  struct passwd* found = nullptr;
  for (;;) {
    int rc = get(&pw, buffer.data(), buffer.size(), &found);
    if (rc == ERANGE && buffer.size() < (1u << 20)) {
      buffer.resize(buffer.size() * 2);
      continue;
    }
    if (rc != 0) return fail_errno(rc, "looking up " + who);
    break;
  }
  if (!found) return fail(Errc::kNotFound, who + " has no entry in the password database");
  return UserEntry{pw.pw_name ? pw.pw_name : "", pw.pw_dir ? pw.pw_dir : "", pw.pw_uid, pw.pw_gid};
}

}  // namespace

Result<UserEntry> find_user(uid_t uid) {
  return lookup([uid](passwd* pw, char* buffer, size_t size,
                      passwd** found) { return ::getpwuid_r(uid, pw, buffer, size, found); },
                "user id " + std::to_string(uid));
}

Result<UserEntry> find_user(const std::string& name) {
  return lookup(
      [&name](passwd* pw, char* buffer, size_t size, passwd** found) {
        return ::getpwnam_r(name.c_str(), pw, buffer, size, found);
      },
      "user \"" + name + "\"");
}

}  // namespace openras
