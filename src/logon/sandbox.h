// sandbox.h: the logon host's sandbox (docs/logon.md "What the sandbox allows"), applied
// before a line of a dialer runs. A dialer at logon runs as root (system privileges, as
// Windows runs it) and must not give the user any way to write to the file system, so the
// rule is enforced by the kernel, not trusted to the dialer:
//
//   - PR_SET_NO_NEW_PRIVS, and every descriptor closed but stdio and the ones named;
//   - Landlock: no writes, no file creation or removal, no execution anywhere, except
//     writes and creation below the host's private runtime directory and writes to the
//     harmless device nodes in kWritableDevices. A kernel without Landlock is refused
//     (fail closed), naming the kernel version it needs;
//   - a seccomp filter: ptrace and other processes' memory, mount and the new mount API,
//     chroot/pivot_root, module loading, new namespaces (unshare, setns, clone with
//     CLONE_NEW*), kexec, bpf, execve/execveat, chmod/chown/xattr changes (Landlock does
//     not cover metadata), reboot, swap, keyrings, perf, io_uring, userfaultfd,
//     open_by_handle_at, clock and host-name changes fail with EPERM (clone3 with ENOSYS,
//     so that libc falls back to clone, whose flags the filter can read);
//   - no new UNIX-domain socket (socket(AF_UNIX)): root's local services (systemd's
//     private socket, the system bus) would run anything asked of them; the host's
//     connection to rasmand is made before the filter (SandboxSpec::before_filter);
//   - signals only to the host's own processes: Landlock's scope (ABI 6), or on older
//     kernels the filter (to the host's own pid only);
//   - every refused system call, and every open for writing, is reported on `report_fd`
//     (one SOCK_SEQPACKET message "violation TEXT") from a SIGSYS handler, so rasmand's log
//     names what the dialer tried. Writes Landlock refuses fail with EACCES.
// x86-64 only (the filter checks the architecture; elsewhere apply() fails, fail closed).
// Call it single-threaded: Landlock applies to the calling thread (and its future ones).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/result.h"

namespace openras::logon {

// Device nodes a dialer may write: the sinks and sources of every program, none of which
// reaches a file, a terminal or a disk.
inline constexpr const char* kWritableDevices[] = {"/dev/null", "/dev/zero", "/dev/full",
                                                   "/dev/random", "/dev/urandom"};

struct SandboxSpec {
  std::string runtime_dir;           // writable: the host's private directory
  std::vector<int> keep_fds;         // descriptors above 2 that stay open
  int report_fd = -1;                // where violations are reported (SOCK_SEQPACKET)
  std::vector<std::string> devices;  // writable device nodes (default kWritableDevices)
  // Runs inside Landlock but before the system-call filter: where the host connects to
  // rasmand (and starts the client's thread, which must be born inside the domain).
  std::function<Status()> before_filter;
};

// The kernel's Landlock ABI version; 0 when Landlock is missing or disabled.
[[nodiscard]] int landlock_abi();
// Fail closed: an error naming the kernel and what it needs when `abi` is below 1.
[[nodiscard]] Status require_landlock(int abi);

// Applies everything above to this process, for good.
[[nodiscard]] Status apply_sandbox(const SandboxSpec& spec);

// Whether apply_sandbox() asks the filter to keep signals home (install_syscall_filter's
// `own_signals_only`): Landlock scopes signals from ABI 6 on, not before.
[[nodiscard]] constexpr bool filter_keeps_signals_home(int abi) { return abi < 6; }

// The parts on their own (sandbox.cpp, seccomp_filter.cpp), for tests.
[[nodiscard]] Status restrict_filesystem(const SandboxSpec& spec);
// `own_signals_only`: signals may go to this process alone (kill, tgkill, tkill,
// rt_sigqueueinfo, rt_tgsigqueueinfo with another pid, and pidfd_send_signal, refused) —
// for kernels whose Landlock cannot scope signals (ABI < 6), where root could otherwise
// kill any process.
[[nodiscard]] Status install_syscall_filter(int report_fd, bool own_signals_only = false);

// The name of a system call the filter refuses, for the reports ("ptrace"); "syscall N"
// for others.
[[nodiscard]] const char* syscall_name(long number) noexcept;

}  // namespace openras::logon
