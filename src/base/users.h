// users.h: the password database, by uid or by name (getpwuid_r/getpwnam_r, with a buffer
// that grows as long as the database asks for more).
#pragma once

#include <sys/types.h>

#include <string>

#include "base/result.h"

namespace openras {

struct UserEntry {
  std::string name;
  std::string home;
  uid_t uid = 0;
  gid_t gid = 0;
};

// kNotFound when the database has no such user; the lookup's errno otherwise.
[[nodiscard]] Result<UserEntry> find_user(uid_t uid);
[[nodiscard]] Result<UserEntry> find_user(const std::string& name);

}  // namespace openras
