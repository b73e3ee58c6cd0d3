// user.cpp: rasdialer-check started as root gives up root before the dialer runs: a
// library's constructors and entry points are the author's code, and checking it must
// not hand it the administrator's privileges (docs/security.md).
#include <grp.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "checker.h"

namespace openras::check {

Result<ExerciseUser> find_user(const std::string& spec) {
  ExerciseUser user;
  const passwd* pw = ::getpwnam(spec.c_str());
  if (pw != nullptr) {
    user = {pw->pw_uid, pw->pw_gid, pw->pw_name};
  } else {
    char* end = nullptr;
    errno = 0;
    unsigned long uid = std::strtoul(spec.c_str(), &end, 10);
    if (spec.empty() || *end != '\0' || errno != 0 || uid > 0xFFFFFFFEul) {
      return fail(Errc::kNotFound, "no user \"" + spec + "\": give --user a user name or a uid");
    }
    user.uid = static_cast<uid_t>(uid);
    pw = ::getpwuid(user.uid);
    // A uid with no account gets the group of the same number.
    user.gid = pw ? pw->pw_gid : static_cast<gid_t>(uid);
    user.name = pw ? pw->pw_name : "uid " + spec;
  }
  if (user.uid == 0) {
    return fail(Errc::kAccessDenied, "--user " + spec +
                                         " is root; the exercise runs the dialer's code and "
                                         "must run as an unprivileged user");
  }
  return user;
}

bool become(const ExerciseUser& user, Report& report) {
  const char* step = nullptr;
  if (::setgroups(0, nullptr) != 0) {
    step = "setgroups";
  } else if (::setresgid(user.gid, user.gid, user.gid) != 0) {
    step = "setresgid";
  } else if (::setresuid(user.uid, user.uid, user.uid) != 0) {
    step = "setresuid";
  }
  if (step) {
    report.fail("user", std::string("cannot become ") + user.name + ": " + step + ": " +
                            std::strerror(errno));
    return false;
  }
  if (::setresuid(0, 0, 0) == 0) {
    report.fail("user", "could regain root after becoming " + user.name + "; not exercising");
    return false;
  }
  // A set-uid change clears "dumpable", which makes /proc/self root's: the checked
  // descriptor could no longer be loaded through /proc/self/fd. Nothing of root's is
  // left in this process to protect (no credentials are read before this point).
  if (::prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) != 0 || ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    report.fail("user", std::string("prctl: ") + std::strerror(errno));
    return false;
  }
  report.pass("user", "the exercise runs as " + user.name + " (uid " + std::to_string(user.uid) +
                          ", gid " + std::to_string(user.gid) +
                          "), without supplementary groups, with no_new_privs");
  return true;
}

}  // namespace openras::check
