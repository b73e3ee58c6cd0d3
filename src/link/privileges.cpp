// privileges.cpp: the link process gives up root before it touches anything a peer sends
// (DESIGN.md §3: the code that parses the line never runs as root).
#include <grp.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>

#include "link/link.h"

namespace openras::link {

Status drop_privileges(const std::optional<Identity>& become) {
  if (::geteuid() == 0) {
    if (!become) {
      return fail(Errc::kAccessDenied,
                  "started as root without --uid and --gid: the link never runs as root");
    }
    if (become->uid == 0) return fail(Errc::kAccessDenied, "refusing to run the link as root");
    if (::setgroups(0, nullptr) < 0) return fail_errno(errno, "setgroups(0)");
    if (::setresgid(become->gid, become->gid, become->gid) < 0) {
      return fail_errno(errno, "setresgid");
    }
    if (::setresuid(become->uid, become->uid, become->uid) < 0) {
      return fail_errno(errno, "setresuid");
    }
    // Regaining root must be impossible, or the drop means nothing.
    if (::setresuid(0, 0, 0) == 0) return fail(Errc::kAccessDenied, "could regain root");
  }
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) return fail_errno(errno, "PR_SET_NO_NEW_PRIVS");
  return {};
}

}  // namespace openras::link
