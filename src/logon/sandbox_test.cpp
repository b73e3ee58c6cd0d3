// sandbox_test.cpp: the logon sandbox's parts, each applied in a forked child (they are
// for good): Landlock leaves writes only to the runtime directory and the harmless
// devices; the filter refuses the escapes with EPERM and reports each on the socket.
#include "logon/sandbox.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>
#include <vector>

namespace openras::logon {
namespace {

class ScratchDir {
 public:
  ScratchDir() {
    char pattern[] = "/tmp/openras-sandbox-test.XXXXXX";
    path_ = ::mkdtemp(pattern) ? pattern : "";
  }
  ~ScratchDir() {
    std::string command = "rm -rf '" + path_ + "'";
    (void)std::system(command.c_str());
  }
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Runs `body` in a child; its exit status (0 when every expectation held, else the
// number of the first that failed).
template <class Body>
int in_child(Body body) {
  pid_t pid = ::fork();
  if (pid == 0) ::_exit(body());
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

int open_error(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    return 0;
  }
  return errno;
}

TEST(Sandbox, RefusesAKernelWithoutLandlock) {
  auto refused = require_landlock(0);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("has no Landlock"), std::string::npos);
  EXPECT_NE(refused.error().message.find("Linux 5.13"), std::string::npos);
  EXPECT_TRUE(require_landlock(1));
}

TEST(Sandbox, WritesOnlyInTheRuntimeDirectoryAndToHarmlessDevices) {
  if (landlock_abi() < 1) GTEST_FAIL() << "this kernel has no Landlock";
  ScratchDir runtime, outside;
  ASSERT_FALSE(runtime.path().empty() || outside.path().empty());
  int rc = in_child([&] {
    SandboxSpec spec;
    spec.runtime_dir = runtime.path();
    if (!restrict_filesystem(spec)) return 1;
    if (open_error(runtime.path() + "/mine", O_WRONLY | O_CREAT) != 0) return 2;
    if (::mkdir((runtime.path() + "/sub").c_str(), 0700) != 0) return 3;
    if (open_error(outside.path() + "/x", O_WRONLY | O_CREAT) != EACCES) return 4;
    if (::mkdir((outside.path() + "/d").c_str(), 0700) == 0 || errno != EACCES) return 5;
    if (open_error("/dev/null", O_WRONLY) != 0) return 6;
    if (open_error(outside.path(), O_RDONLY | O_DIRECTORY) != 0) return 7;  // reads stay
    char* argv[] = {const_cast<char*>("true"), nullptr};
    ::execv("/bin/true", argv);
    return errno == EACCES ? 0 : 8;
  });
  EXPECT_EQ(rc, 0);
  struct stat st {};
  EXPECT_NE(::stat((outside.path() + "/x").c_str(), &st), 0);
}

TEST(Sandbox, FilterRefusesEscapesAndReportsEach) {
  int sv[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
  int rc = in_child([&] {
    if (!install_syscall_filter(sv[1])) return 1;
    if (::ptrace(PTRACE_TRACEME, 0, nullptr, nullptr) != -1 || errno != EPERM) return 2;
    if (::unshare(CLONE_NEWUSER) != -1 || errno != EPERM) return 3;
    if (::syscall(SYS_clone3, nullptr, 0) != -1 || errno != ENOSYS) return 4;
    if (::mount("none", "/tmp", "tmpfs", 0, nullptr) != -1 || errno != EPERM) return 5;
    if (::chmod("/tmp", 0777) != -1 || errno != EPERM) return 6;
    if (::socket(AF_UNIX, SOCK_STREAM, 0) != -1 || errno != EPERM) return 9;
    int inet = ::socket(AF_INET, SOCK_DGRAM, 0);  // the network stays (a dialer may need it)
    if (inet < 0) return 10;
    ::close(inet);
    // Ordinary life goes on: a child process, an open for writing Landlock would decide.
    pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    if (pid < 0 || ::waitpid(pid, nullptr, 0) != pid) return 7;
    if (open_error("/dev/null", O_WRONLY) != 0) return 8;
    return 0;
  });
  EXPECT_EQ(rc, 0);
  ::close(sv[1]);
  std::vector<std::string> reports;
  char buffer[1024];
  ssize_t n;
  while ((n = ::recv(sv[0], buffer, sizeof buffer, MSG_DONTWAIT)) > 0) {
    reports.emplace_back(buffer, static_cast<size_t>(n));
  }
  ::close(sv[0]);
  ASSERT_EQ(reports.size(), 5u) << (reports.empty() ? "" : reports.front());
  EXPECT_EQ(reports[0].rfind("violation ptrace request 0x0", 0), 0u) << reports[0];
  EXPECT_EQ(reports[1], "violation unshare with flags 0x10000000: refused by the sandbox");
  EXPECT_EQ(reports[2].rfind("violation mount", 0), 0u) << reports[2];
  EXPECT_EQ(reports[3].rfind("violation chmod", 0), 0u) << reports[3];
  EXPECT_EQ(reports[4], "violation socket AF_UNIX: refused by the sandbox");
}

TEST(Sandbox, OnKernelsWithoutSignalScopingTheFilterKeepsSignalsHome) {
  EXPECT_TRUE(filter_keeps_signals_home(5));
  EXPECT_FALSE(filter_keeps_signals_home(6));
  int sv[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
  pid_t parent = ::getpid();
  int rc = in_child([&] {
    if (!install_syscall_filter(sv[1], true)) return 1;
    if (::kill(parent, 0) != -1 || errno != EPERM) return 2;
    if (::kill(-1, 0) != -1 || errno != EPERM) return 3;
    if (::syscall(SYS_tgkill, parent, parent, 0) != -1 || errno != EPERM) return 4;
    if (::syscall(SYS_pidfd_send_signal, 0, 0, nullptr, 0) != -1 || errno != EPERM) return 5;
    // Its own process and threads stay reachable (raise, pthread_kill).
    if (::kill(::getpid(), 0) != 0) return 6;
    if (::syscall(SYS_tgkill, ::getpid(), ::gettid(), 0) != 0) return 7;
    return 0;
  });
  EXPECT_EQ(rc, 0);
  ::close(sv[1]);
  std::vector<std::string> reports;
  char buffer[256];
  ssize_t n;
  while ((n = ::recv(sv[0], buffer, sizeof buffer, MSG_DONTWAIT)) > 0) {
    reports.emplace_back(buffer, static_cast<size_t>(n));
  }
  ::close(sv[0]);
  ASSERT_EQ(reports.size(), 4u) << (reports.empty() ? "" : reports.front());
  EXPECT_EQ(reports[0], "violation kill of another process: refused by the sandbox");
  EXPECT_EQ(reports[1], "violation kill of another process: refused by the sandbox");
  EXPECT_EQ(reports[2], "violation a signal to another process: refused by the sandbox");
  EXPECT_EQ(reports[3], "violation pidfd_send_signal: refused by the sandbox");
}

// Whichever part does it on this kernel (Landlock's scope, or the filter), the whole
// sandbox leaves the host no signal to send to another process.
TEST(Sandbox, TheWholeSandboxKeepsSignalsHome) {
  if (landlock_abi() < 1) GTEST_FAIL() << "this kernel has no Landlock";
  ScratchDir runtime;
  ASSERT_FALSE(runtime.path().empty());
  int sv[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
  pid_t parent = ::getpid();
  int rc = in_child([&] {
    SandboxSpec spec;
    spec.runtime_dir = runtime.path();
    spec.keep_fds = {sv[1]};
    spec.report_fd = sv[1];
    if (!apply_sandbox(spec)) return 1;
    if (::kill(parent, 0) != -1 || errno != EPERM) return 2;
    if (::kill(1, 0) != -1 || errno != EPERM) return 3;
    if (::kill(::getpid(), 0) != 0) return 4;
    return 0;
  });
  EXPECT_EQ(rc, 0) << "Landlock ABI " << landlock_abi();
  ::close(sv[0]);
  ::close(sv[1]);
}

}  // namespace
}  // namespace openras::logon
