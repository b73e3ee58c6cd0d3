// sandbox.cpp: no_new_privs, descriptors and Landlock (see sandbox.h); the system-call
// filter is in seccomp_filter.cpp.
#include "logon/sandbox.h"

#include <fcntl.h>
#include <linux/landlock.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>

#include "base/unique_fd.h"

namespace openras::logon {

namespace {

// The rights of later ABIs, which the system header may predate.
constexpr uint64_t kTruncate = 1ULL << 14;                // ABI 3
constexpr uint64_t kIoctlDev = 1ULL << 15;                // ABI 5
constexpr uint64_t kScopeAbstractUnixSocket = 1ULL << 0;  // ABI 6
constexpr uint64_t kScopeSignal = 1ULL << 1;              // ABI 6

// struct landlock_ruleset_attr as of ABI 6; older kernels are given a prefix of it.
struct RulesetAttr {
  uint64_t handled_access_fs = 0;
  uint64_t handled_access_net = 0;
  uint64_t scoped = 0;
};

struct PathBeneath {
  uint64_t allowed_access;
  int32_t parent_fd;
} __attribute__((packed));

// Everything that changes the file system or runs a program (ABI 1 and 2).
constexpr uint64_t kChangeV1 =
    LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |
    LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR |
    LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |
    LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;

std::string kernel_release() {
  struct utsname u {};
  return ::uname(&u) == 0 ? u.release : "unknown";
}

Status allow(int ruleset, const std::string& path, uint64_t access) {
  UniqueFd fd(::open(path.c_str(), O_PATH | O_CLOEXEC));
  if (!fd) return fail_errno(errno, "opening " + path + " for the logon sandbox's rules");
  struct stat st {};
  if (::fstat(fd.get(), &st) == 0 && !S_ISDIR(st.st_mode)) {
    // A file takes only file rights (Landlock refuses directory rights on one).
    access &= LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_READ_FILE | kTruncate | kIoctlDev;
  }
  PathBeneath rule{access, fd.get()};
  if (::syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0) != 0) {
    return fail_errno(errno, "adding the logon sandbox's rule for " + path);
  }
  return {};
}

}  // namespace

int landlock_abi() {
  long abi = ::syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
  return abi > 0 ? static_cast<int>(abi) : 0;
}

Status require_landlock(int abi) {
  if (abi >= 1) return {};
  return fail(Errc::kNotSupported,
              "this kernel (" + kernel_release() +
                  ") has no Landlock, so a dialer at logon could write anywhere as root; "
                  "refusing to run it. Use Linux 5.13 or later with Landlock enabled "
                  "(CONFIG_SECURITY_LANDLOCK=y and \"landlock\" in the lsm= boot list)");
}

Status restrict_filesystem(const SandboxSpec& spec) {
  int abi = landlock_abi();
  if (auto ok = require_landlock(abi); !ok) return ok;
  RulesetAttr attr;
  attr.handled_access_fs = kChangeV1;
  size_t attr_size = sizeof attr.handled_access_fs;
  if (abi >= 2) attr.handled_access_fs |= LANDLOCK_ACCESS_FS_REFER;
  if (abi >= 3) attr.handled_access_fs |= kTruncate;
  if (abi >= 5) attr.handled_access_fs |= kIoctlDev;
  if (abi >= 6) {
    // Signals only to the host's own threads: root must not be able to kill the system.
    attr.scoped = kScopeAbstractUnixSocket | kScopeSignal;
    attr_size = sizeof attr;
  }
  UniqueFd ruleset(static_cast<int>(::syscall(SYS_landlock_create_ruleset, &attr, attr_size, 0)));
  if (!ruleset) return fail_errno(errno, "creating the logon sandbox's Landlock ruleset");
  uint64_t handled = attr.handled_access_fs;
  // The runtime directory: everything but execution and device nodes.
  uint64_t private_dir = handled & ~(LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
                                     LANDLOCK_ACCESS_FS_MAKE_BLOCK);
  if (auto ok = allow(ruleset.get(), spec.runtime_dir, private_dir); !ok) return ok;
  std::vector<std::string> devices = spec.devices;
  if (devices.empty()) devices.assign(std::begin(kWritableDevices), std::end(kWritableDevices));
  for (const auto& device : devices) {
    if (auto ok = allow(ruleset.get(), device, LANDLOCK_ACCESS_FS_WRITE_FILE | kTruncate); !ok) {
      return ok;
    }
  }
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    return fail_errno(errno, "PR_SET_NO_NEW_PRIVS");
  if (::syscall(SYS_landlock_restrict_self, ruleset.get(), 0) != 0) {
    return fail_errno(errno, "entering the logon sandbox's Landlock domain");
  }
  return {};
}

Status apply_sandbox(const SandboxSpec& spec) {
  // Nothing the host inherited by accident may cross into the dialer's reach: a
  // descriptor opened for writing before the sandbox would outlive every rule below.
  std::vector<int> keep = spec.keep_fds;
  std::sort(keep.begin(), keep.end());
  unsigned first = 3;
  for (int fd : keep) {
    if (fd < 3) continue;
    if (static_cast<unsigned>(fd) > first) ::close_range(first, static_cast<unsigned>(fd) - 1, 0);
    first = static_cast<unsigned>(fd) + 1;
  }
  ::close_range(first, ~0U, 0);
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    return fail_errno(errno, "PR_SET_NO_NEW_PRIVS");
  if (auto ok = restrict_filesystem(spec); !ok) return ok;
  if (spec.before_filter) {
    if (auto ok = spec.before_filter(); !ok) return ok;
  }
  return install_syscall_filter(spec.report_fd, filter_keeps_signals_home(landlock_abi()));
}

}  // namespace openras::logon
