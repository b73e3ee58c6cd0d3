// test_support.h: what the netif tests share: a private network namespace per test process,
// `ip` to see what the kernel holds (a reader independent of ours), and a real system bus.
#pragma once

#include <sys/types.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "skip.h"

namespace openras::netif::testing {

// Moves this process into a network namespace of its own, once: whatever a test creates
// there vanishes with the process, and nothing it sends can leave the machine. Call through
// ASSERT_NO_FATAL_FAILURE(enter_private_network()) first thing in every test.
void enter_private_network();

struct CommandOutput {
  int status = -1;  // the shell's exit status
  std::string text;
};
// Runs `command` through the shell (bounded to 10 s) with stderr folded into stdout.
CommandOutput run(const std::string& command);

bool contains(const std::string& text, const std::string& part);

// A child process (argv[0] looked up in PATH, output to `log`), SIGTERMed and reaped when
// destroyed, so a failing test leaves no process behind.
class Child {
 public:
  Child() = default;
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  void start(const std::vector<std::string>& argv, const std::string& log);
  [[nodiscard]] pid_t pid() const { return pid_; }
  [[nodiscard]] bool exited();  // reaps it if so

 private:
  pid_t pid_ = -1;
};

// A real dbus-daemon with the system bus's type and a permissive policy, listening on
// `socket_path`; the constructor returns once the socket accepts connections (10 s at most;
// ok() says whether it did).
class SystemBus {
 public:
  SystemBus(const std::string& dir, const std::string& socket_path);
  [[nodiscard]] bool ok() const { return ok_; }
  [[nodiscard]] std::string address() const { return "unix:path=" + socket_path_; }

 private:
  std::string socket_path_;
  Child daemon_;
  bool ok_ = false;
};

}  // namespace openras::netif::testing
