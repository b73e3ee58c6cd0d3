// seccomp_filter.cpp: the logon host's system-call filter and its SIGSYS reporter (see
// sandbox.h). The filter traps (SECCOMP_RET_TRAP) instead of failing quietly so that the
// handler below can say what the dialer tried; the handler makes the call fail with EPERM.
// Opens for writing are trapped too, reported, and re-issued from the handler with a flag
// bit the kernel ignores (kReissued), so Landlock decides them and the log still names
// each one it refused. A dialer that sets that bit itself only escapes the report, never
// Landlock.
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include <cstring>
#include <vector>

#include "logon/sandbox.h"

namespace openras::logon {

namespace {

#if !defined(__x86_64__)
#error "the logon host's filter knows x86-64's system calls only"
#endif

// Newer than some system headers.
constexpr long kFchmodat2 = 452, kSetxattrat = 463, kRemovexattrat = 466, kOpenTreeAttr = 467;
// Ignored by open(2) and openat(2) (they drop unknown flags); set only on a re-issued call.
constexpr unsigned kReissued = 0x40000000U;
constexpr unsigned kWriteFlags = O_WRONLY | O_RDWR | O_CREAT | O_TRUNC;
constexpr unsigned kNamespaceFlags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER |
                                     CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP |
                                     0x00000080U /* CLONE_NEWTIME */;

struct Named {
  long number;
  const char* name;
};
// Refused outright: each is an escape from the sandbox or a change to the system.
constexpr Named kRefused[] = {
    {__NR_ptrace, "ptrace"},
    {__NR_process_vm_readv, "process_vm_readv"},
    {__NR_process_vm_writev, "process_vm_writev"},
    {__NR_pidfd_getfd, "pidfd_getfd"},
    {__NR_mount, "mount"},
    {__NR_umount2, "umount2"},
    {__NR_pivot_root, "pivot_root"},
    {__NR_chroot, "chroot"},
    {__NR_move_mount, "move_mount"},
    {__NR_open_tree, "open_tree"},
    {kOpenTreeAttr, "open_tree_attr"},
    {__NR_fsopen, "fsopen"},
    {__NR_fsconfig, "fsconfig"},
    {__NR_fsmount, "fsmount"},
    {__NR_fspick, "fspick"},
    {__NR_mount_setattr, "mount_setattr"},
    {__NR_init_module, "init_module"},
    {__NR_finit_module, "finit_module"},
    {__NR_delete_module, "delete_module"},
    {__NR_unshare, "unshare"},
    {__NR_setns, "setns"},
    {__NR_kexec_load, "kexec_load"},
    {__NR_kexec_file_load, "kexec_file_load"},
    {__NR_bpf, "bpf"},
    {__NR_execve, "execve"},
    {__NR_execveat, "execveat"},
    {__NR_chmod, "chmod"},
    {__NR_fchmod, "fchmod"},
    {__NR_fchmodat, "fchmodat"},
    {kFchmodat2, "fchmodat2"},
    {__NR_chown, "chown"},
    {__NR_fchown, "fchown"},
    {__NR_lchown, "lchown"},
    {__NR_fchownat, "fchownat"},
    {__NR_setxattr, "setxattr"},
    {__NR_lsetxattr, "lsetxattr"},
    {__NR_fsetxattr, "fsetxattr"},
    {kSetxattrat, "setxattrat"},
    {__NR_removexattr, "removexattr"},
    {__NR_lremovexattr, "lremovexattr"},
    {__NR_fremovexattr, "fremovexattr"},
    {kRemovexattrat, "removexattrat"},
    {__NR_utime, "utime"},
    {__NR_utimes, "utimes"},
    {__NR_utimensat, "utimensat"},
    {__NR_futimesat, "futimesat"},
    {__NR_truncate, "truncate"},
    {__NR_reboot, "reboot"},
    {__NR_swapon, "swapon"},
    {__NR_swapoff, "swapoff"},
    {__NR_keyctl, "keyctl"},
    {__NR_add_key, "add_key"},
    {__NR_request_key, "request_key"},
    {__NR_perf_event_open, "perf_event_open"},
    {__NR_io_uring_setup, "io_uring_setup"},
    {__NR_io_uring_enter, "io_uring_enter"},
    {__NR_io_uring_register, "io_uring_register"},
    {__NR_userfaultfd, "userfaultfd"},
    {__NR_open_by_handle_at, "open_by_handle_at"},
    {__NR_settimeofday, "settimeofday"},
    {__NR_clock_settime, "clock_settime"},
    {__NR_adjtimex, "adjtimex"},
    {__NR_clock_adjtime, "clock_adjtime"},
    {__NR_sethostname, "sethostname"},
    {__NR_setdomainname, "setdomainname"},
    {__NR_iopl, "iopl"},
    {__NR_ioperm, "ioperm"},
    {__NR_acct, "acct"},
    {__NR_quotactl, "quotactl"},
    {__NR_quotactl_fd, "quotactl_fd"},
    {__NR_syslog, "syslog"},
    {__NR_fanotify_init, "fanotify_init"},
    {__NR_vhangup, "vhangup"},
};

int g_report_fd = -1;

// Async-signal-safe text building for the handler.
struct Text {
  char data[640];
  size_t size = 0;
  void add(const char* s, size_t limit = 256) {
    for (size_t i = 0; s && s[i] && i < limit && size + 1 < sizeof data; ++i) data[size++] = s[i];
  }
  void hex(unsigned long value) {
    char digits[19] = "0x";
    int n = 0;
    char rev[16];
    do {
      rev[n++] = "0123456789abcdef"[value & 15];
      value >>= 4;
    } while (value && n < 16);
    for (int i = 0; i < n; ++i) digits[2 + i] = rev[n - 1 - i];
    digits[2 + n] = '\0';
    add(digits);
  }
};

// Whether the kernel can read a path at `p` (EFAULT otherwise), before the handler does.
bool readable_path(const char* p) {
  return ::syscall(SYS_faccessat, AT_FDCWD, p, F_OK) == 0 || errno != EFAULT;
}

void report(Text& text) {
  if (g_report_fd < 0) return;
  ::send(g_report_fd, text.data, text.size, MSG_NOSIGNAL | MSG_DONTWAIT);
}

// An open for writing, re-issued so that Landlock decides it; reported when refused.
long reissue_open(const char* call, int dirfd, const char* path, unsigned flags, unsigned mode) {
  long r = ::syscall(SYS_openat, dirfd, path, flags | kReissued, mode);
  long result = r < 0 ? -errno : r;
  if (result == -EACCES || result == -EPERM || result == -EROFS) {
    Text text;
    text.add("violation ");
    text.add(call);
    text.add(" for writing ");
    if (readable_path(path)) text.add(path);
    text.add(": refused by the sandbox (");
    text.add(::strerrordesc_np(static_cast<int>(-result)));  // glibc's table: no allocation
    text.add(")");
    report(text);
  }
  return result;
}

void on_sigsys(int, siginfo_t* info, void* context) {
  int saved_errno = errno;
  auto* uc = static_cast<ucontext_t*>(context);
  greg_t* regs = uc->uc_mcontext.gregs;
  long nr = info->si_syscall;
  long result = -EPERM;
  auto arg = [&](int i) {
    static constexpr int kRegs[] = {REG_RDI, REG_RSI, REG_RDX, REG_R10, REG_R8, REG_R9};
    return static_cast<unsigned long>(regs[kRegs[i]]);
  };
  if (nr == __NR_open) {
    result = reissue_open("open", AT_FDCWD, reinterpret_cast<const char*>(arg(0)),
                          static_cast<unsigned>(arg(1)), static_cast<unsigned>(arg(2)));
  } else if (nr == __NR_openat) {
    result = reissue_open("openat", static_cast<int>(arg(0)), reinterpret_cast<const char*>(arg(1)),
                          static_cast<unsigned>(arg(2)), static_cast<unsigned>(arg(3)));
  } else if (nr == __NR_creat) {
    result = reissue_open("creat", AT_FDCWD, reinterpret_cast<const char*>(arg(0)),
                          O_CREAT | O_WRONLY | O_TRUNC, static_cast<unsigned>(arg(1)));
  } else {
    Text text;
    text.add("violation ");
    text.add(syscall_name(nr));
    if (nr == __NR_execve || nr == __NR_execveat) {
      auto* path = reinterpret_cast<const char*>(arg(nr == __NR_execve ? 0 : 1));
      text.add(" ");
      if (readable_path(path)) text.add(path);
    } else if (nr == __NR_clone || nr == __NR_unshare) {
      text.add(" with flags ");
      text.hex(arg(0));
    } else if (nr == __NR_socket) {
      text.add(arg(0) == AF_UNIX ? " AF_UNIX" : " (a refused family)");
    } else if (nr == __NR_ptrace) {
      text.add(" request ");
      text.hex(arg(0));
      text.add(" pid ");
      text.hex(arg(1));
    }
    text.add(": refused by the sandbox");
    report(text);
  }
  regs[REG_RAX] = static_cast<greg_t>(result);
  errno = saved_errno;
}

using Program = std::vector<sock_filter>;

void statement(Program& p, uint16_t code, uint32_t k) { p.push_back(BPF_STMT(code, k)); }
void jump(Program& p, uint16_t code, uint32_t k, uint8_t jt, uint8_t jf) {
  p.push_back(BPF_JUMP(code, k, jt, jf));
}
constexpr uint32_t kArgLow(int i) {
  return static_cast<uint32_t>(offsetof(seccomp_data, args) + 8 * static_cast<size_t>(i));
}

// "if nr == number: load argument `arg`; trap when (arg & mask) and not (arg & unless)".
void trap_on_flags(Program& p, long number, int arg, uint32_t mask, uint32_t unless) {
  jump(p, BPF_JMP | BPF_JEQ | BPF_K, static_cast<uint32_t>(number), 0, unless ? 5 : 4);
  statement(p, BPF_LD | BPF_W | BPF_ABS, kArgLow(arg));
  if (unless) jump(p, BPF_JMP | BPF_JSET | BPF_K, unless, 2, 0);
  jump(p, BPF_JMP | BPF_JSET | BPF_K, mask, 0, 1);
  statement(p, BPF_RET | BPF_K, SECCOMP_RET_TRAP);
  statement(p, BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
}

}  // namespace

const char* syscall_name(long number) noexcept {
  for (const auto& n : kRefused) {
    if (n.number == number) return n.name;
  }
  if (number == __NR_clone) return "clone";
  if (number == __NR_socket) return "socket";
  if (number == __NR_kill) return "kill of another process";
  if (number == __NR_tkill || number == __NR_tgkill) return "a signal to another process";
  if (number == __NR_rt_sigqueueinfo || number == __NR_rt_tgsigqueueinfo) {
    return "a queued signal to another process";
  }
  if (number == __NR_pidfd_send_signal) return "pidfd_send_signal";
  if (number == __NR_rt_sigaction) return "rt_sigaction(SIGSYS)";
  return "a system call";
}

Status install_syscall_filter(int report_fd, bool own_signals_only) {
  g_report_fd = report_fd;
  struct sigaction action {};
  action.sa_sigaction = on_sigsys;
  action.sa_flags = SA_SIGINFO;
  sigemptyset(&action.sa_mask);
  if (::sigaction(SIGSYS, &action, nullptr) != 0) return fail_errno(errno, "sigaction(SIGSYS)");
  sigset_t sys;
  sigemptyset(&sys);
  sigaddset(&sys, SIGSYS);
  ::pthread_sigmask(SIG_UNBLOCK, &sys, nullptr);

  Program p;
  statement(p, BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch));
  jump(p, BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0);
  statement(p, BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
  statement(p, BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr));
  // x32 numbers would name other calls: none may pass.
  jump(p, BPF_JMP | BPF_JGE | BPF_K, 0x40000000U, 0, 1);
  statement(p, BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
  for (const auto& n : kRefused) {
    jump(p, BPF_JMP | BPF_JEQ | BPF_K, static_cast<uint32_t>(n.number), 0, 1);
    statement(p, BPF_RET | BPF_K, SECCOMP_RET_TRAP);
  }
  jump(p, BPF_JMP | BPF_JEQ | BPF_K, __NR_creat, 0, 1);
  statement(p, BPF_RET | BPF_K, SECCOMP_RET_TRAP);
  // clone3's flags are behind a pointer the filter cannot read: ENOSYS makes libc use clone.
  jump(p, BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 0, 1);
  statement(p, BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS);
  // openat2's flags too; libc's open() does not use it, and callers fall back on ENOSYS.
  jump(p, BPF_JMP | BPF_JEQ | BPF_K, __NR_openat2, 0, 1);
  statement(p, BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS);
  // The handler that reports stays in place.
  jump(p, BPF_JMP | BPF_JEQ | BPF_K, __NR_rt_sigaction, 0, 4);
  statement(p, BPF_LD | BPF_W | BPF_ABS, kArgLow(0));
  jump(p, BPF_JMP | BPF_JEQ | BPF_K, SIGSYS, 0, 1);
  statement(p, BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM);
  statement(p, BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
  // A new UNIX-domain socket: the host's rasmand connection exists already.
  jump(p, BPF_JMP | BPF_JEQ | BPF_K, __NR_socket, 0, 4);
  statement(p, BPF_LD | BPF_W | BPF_ABS, kArgLow(0));
  jump(p, BPF_JMP | BPF_JEQ | BPF_K, AF_UNIX, 0, 1);
  statement(p, BPF_RET | BPF_K, SECCOMP_RET_TRAP);
  statement(p, BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
  if (own_signals_only) {
    auto self = static_cast<uint32_t>(::getpid());
    // kill(pid), tkill(tid) and tgkill(tgid, …), rt_(tg)sigqueueinfo(pid/tgid, …): the
    // first argument must be this process.
    for (long nr :
         {__NR_kill, __NR_tkill, __NR_tgkill, __NR_rt_sigqueueinfo, __NR_rt_tgsigqueueinfo}) {
      jump(p, BPF_JMP | BPF_JEQ | BPF_K, static_cast<uint32_t>(nr), 0, 4);
      statement(p, BPF_LD | BPF_W | BPF_ABS, kArgLow(0));
      jump(p, BPF_JMP | BPF_JEQ | BPF_K, self, 1, 0);
      statement(p, BPF_RET | BPF_K, SECCOMP_RET_TRAP);
      statement(p, BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    }
    jump(p, BPF_JMP | BPF_JEQ | BPF_K, __NR_pidfd_send_signal, 0, 1);
    statement(p, BPF_RET | BPF_K, SECCOMP_RET_TRAP);
  }
  trap_on_flags(p, __NR_clone, 0, kNamespaceFlags, 0);
  // (trap_on_flags returns on a match; on no match the accumulator still holds nr.)
  trap_on_flags(p, __NR_open, 1, kWriteFlags, kReissued);
  trap_on_flags(p, __NR_openat, 2, kWriteFlags, kReissued);
  statement(p, BPF_RET | BPF_K, SECCOMP_RET_ALLOW);

  sock_fprog program{static_cast<unsigned short>(p.size()), p.data()};
  if (::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &program) != 0) {
    return fail_errno(errno, "installing the logon host's seccomp filter");
  }
  return {};
}

}  // namespace openras::logon
