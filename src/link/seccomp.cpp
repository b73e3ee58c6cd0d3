// seccomp.cpp: the link process's system-call filter (DESIGN.md §3: the code that reads
// the line runs with no privileges and a seccomp filter). After it, the link can talk
// over the descriptors it already holds, allocate memory and exit — nothing else: no
// open, no socket, no exec, no kill of other processes. A call outside the list fails
// with EPERM rather than killing the process, so a libc or sanitizer path we did not
// foresee degrades into an error the link reports instead of a silent death.
//
// The link zygote (zygote.h) runs under a wider filter of its own: the link's list plus
// what forking a link takes (clone, wait4, pidfd_open, dup2, close_range, prctl for the
// child's name and filter). Still no open, no socket, no exec, no kill. Each child
// inherits it and stacks the short narrowing filter on top, which refuses the zygote's
// own calls (but what its driver adds), so a link ends up allowed exactly the link's list
// (seccomp_programs.h; link_test evaluates both ways for every call).
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#include <termios.h>
#include <algorithm>
#include <span>
#include <vector>

#include "link/link.h"
#include "link/seccomp_programs.h"
#include "link/zygote.h"

namespace openras::link {

namespace {

#if defined(__x86_64__)
constexpr uint32_t kArch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
constexpr uint32_t kArch = AUDIT_ARCH_AARCH64;
#else
constexpr uint32_t kArch = 0;  // unknown: install_seccomp() reports kNotSupported
#endif

// Kept short on purpose. A driver adds what it needs (driver.h's table); the event loop's
// epoll and timerfd descriptors are made before the filter, so only their use is here.
constexpr long kAllowed[] = {
    SYS_epoll_ctl,
    SYS_epoll_pwait,
    SYS_timerfd_settime,
#ifdef SYS_epoll_wait
    SYS_epoll_wait,
#endif
    SYS_read,
    SYS_write,
    SYS_readv,
    SYS_writev,
    SYS_sendto,
    SYS_sendmsg,
    SYS_sendmmsg,
    SYS_recvfrom,
    SYS_recvmsg,
    SYS_ppoll,
    SYS_close,
    SYS_exit,
    SYS_exit_group,
    SYS_rt_sigreturn,
    SYS_rt_sigprocmask,
    SYS_rt_sigaction,
    SYS_sigaltstack,
    SYS_brk,
    SYS_mmap,
    SYS_munmap,
    SYS_mremap,
    SYS_mprotect,
    SYS_madvise,
    SYS_futex,
    SYS_clock_gettime,
    SYS_clock_nanosleep,
    SYS_nanosleep,
    SYS_getpid,
    SYS_gettid,
    SYS_getrandom,
    SYS_fstat,
    SYS_newfstatat,
    SYS_lseek,
    SYS_restart_syscall,
    SYS_sched_yield,
#ifdef SYS_poll
    SYS_poll,
#endif
};

// What the zygote needs beyond kAllowed: fork (glibc's child resets its robust list),
// reaping, the child's pidfd, and in the child, until the link's filter goes on: the
// socket to fd 3, close_range, prctl (name, no_new_privs, the filter), geteuid.
constexpr long kZygoteAllowed[] = {
    SYS_clone,
    SYS_wait4,
    SYS_waitid,
    SYS_pidfd_open,
    SYS_dup3,
    SYS_close_range,
    SYS_prctl,
    SYS_set_robust_list,
    SYS_geteuid,
#ifdef SYS_dup2
    SYS_dup2,
#endif
#ifdef SYS_clone3
    SYS_clone3,
#endif
    // Not for the zygote itself: filters stack, so what a link does before its own filter
    // (make its event loop) and its ioctl must pass the zygote's filter too.
    SYS_epoll_create1,
    SYS_timerfd_create,
    // ioctl: restricted to the termios requests below, like the link's.
    SYS_ioctl,
};

// The only ioctl requests a line driver makes (src/modem/serial.cpp): termios, the modem
// lines, flushing and the output queue. Everything else (TIOCSTI above all) is EPERM.
constexpr uint32_t kTermiosRequests[] = {TCGETS,   TCSETS,   TCSETSW,  TCSETSF, TIOCMGET,
                                         TIOCMBIS, TIOCMBIC, TIOCMSET, TCFLSH,  TIOCOUTQ,
                                         TIOCINQ,  TCSBRK,   TCXONC};

constexpr sock_filter stmt(uint16_t code, uint32_t k) { return sock_filter{code, 0, 0, k}; }
constexpr sock_filter kDeny = stmt(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA));
constexpr sock_filter jump(uint16_t code, uint32_t k, uint8_t jt, uint8_t jf) {
  return sock_filter{code, jt, jf, k};
}

bool has(std::span<const long> list, long nr) {
  return std::find(list.begin(), list.end(), nr) != list.end();
}

// One comparison per allowed call, each jumping to the one shared "allow" at the end: half
// the program of a compare-and-return per call, which is what each link pays to load (the
// kernel checks, translates and compiles it) and each of its system calls to run.
Result<Program> allow_list(std::span<const long> allowed, std::span<const long> more) {
  if (kArch == 0) return fail(Errc::kNotSupported, "no seccomp filter for this architecture");
  Program program;
  std::vector<std::size_t> to_allow;  // the jumps whose target is the shared "allow"
  auto allow_if = [&](uint32_t value, uint8_t otherwise) {
    to_allow.push_back(program.size());
    program.push_back(jump(BPF_JMP | BPF_JEQ | BPF_K, value, 0, otherwise));
  };
  program.push_back(stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)));
  program.push_back(jump(BPF_JMP | BPF_JEQ | BPF_K, kArch, 1, 0));
  program.push_back(stmt(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS));
  program.push_back(stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)));
  if (has(allowed, SYS_ioctl) || has(more, SYS_ioctl)) {
    // ioctl: only the termios requests (the low 32 bits of its second argument).
    const auto block = static_cast<uint8_t>(1 + std::size(kTermiosRequests) + 1);
    program.push_back(jump(BPF_JMP | BPF_JEQ | BPF_K, SYS_ioctl, 0, block));
    program.push_back(stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, args) + 8));
    for (uint32_t request : kTermiosRequests) allow_if(request, 0);
    program.push_back(kDeny);
  }
  for (auto list : {allowed, more}) {
    for (long nr : list) {
      if (nr != SYS_ioctl) allow_if(static_cast<uint32_t>(nr), 0);
    }
  }
  program.push_back(kDeny);
  const std::size_t allow_at = program.size();
  program.push_back(stmt(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
  for (std::size_t at : to_allow) {
    const std::size_t distance = allow_at - at - 1;
    if (distance > 255) return fail(Errc::kInvalidArgument, "the seccomp filter is too long");
    program[at].jt = static_cast<uint8_t>(distance);
  }
  return program;
}

Status install(const Result<Program>& program) {
  if (!program) return fail(program.error());
  sock_fprog fprog{static_cast<unsigned short>(program->size()),
                   const_cast<sock_filter*>(program->data())};
  if (::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog, 0, 0) < 0) {
    return fail_errno(errno, "installing the seccomp filter");
  }
  return {};
}

}  // namespace

Result<Program> link_filter(std::span<const long> extra) { return allow_list(kAllowed, extra); }

Result<Program> zygote_filter() { return allow_list(kAllowed, kZygoteAllowed); }

// Stacked on the zygote's filter, which allows the link's list and the zygote's own: every
// call of the zygote's own that the driver does not add is EPERM, the rest is left to the
// zygote's filter (which checks the architecture and ioctl's requests). Under half the
// link's filter: a forked child loads it in about 35 us of CPU instead of 43.
Result<Program> narrowing_filter(std::span<const long> extra) {
  if (kArch == 0) return fail(Errc::kNotSupported, "no seccomp filter for this architecture");
  std::vector<long> taken;
  for (long nr : kZygoteAllowed) {
    if (!has(extra, nr)) taken.push_back(nr);
  }
  for (long nr : extra) {
    // A call neither list has would be refused by the zygote's filter all the same: the
    // driver table must not promise one (link_test checks both ways agree).
    if (!has(kZygoteAllowed, nr) && !has(kAllowed, nr)) {
      return fail(Errc::kInvalidArgument, "system call " + std::to_string(nr) +
                                              " is not in the zygote's filter; add it there");
    }
  }
  Program program;
  program.push_back(stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)));
  for (std::size_t i = 0; i < taken.size(); ++i) {
    // Each comparison jumps to the one "deny" after the last and the "allow".
    program.push_back(jump(BPF_JMP | BPF_JEQ | BPF_K, static_cast<uint32_t>(taken[i]),
                           static_cast<uint8_t>(taken.size() - i), 0));
  }
  program.push_back(stmt(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
  program.push_back(kDeny);
  return program;
}

Status install_seccomp(std::span<const long> extra) { return install(link_filter(extra)); }

Status install_seccomp_under_zygote(std::span<const long> extra) {
  return install(narrowing_filter(extra));
}

Status install_zygote_seccomp() { return install(zygote_filter()); }

}  // namespace openras::link
