// test_support.h: what the netif tests share: a private network namespace per test process,
// and running `ip` to see what the kernel holds (a reader independent of ours).
#pragma once

#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "skip.h"

namespace openras::netif::testing {

// Moves this process into a network namespace of its own, once: whatever a test creates
// there vanishes with the process, and nothing it sends can leave the machine. Call through
// ASSERT_NO_FATAL_FAILURE(enter_private_network()) first thing in every test.
inline void enter_private_network() {
  static bool entered = false;
  if (entered) return;
  OPENRAS_SKIP_UNLESS(::geteuid() == 0,
                      "netif tests need root: they create TUN interfaces in a private network "
                      "namespace (unshare(CLONE_NEWNET)); run as root, as CI does");
  ASSERT_EQ(::unshare(CLONE_NEWNET), 0) << "unshare(CLONE_NEWNET): " << std::strerror(errno);
  entered = true;
}

struct CommandOutput {
  int status = -1;  // the shell's exit status
  std::string text;
};

// Runs `command` (bounded to 10 s) with stderr folded into stdout.
inline CommandOutput run(const std::string& command) {
  CommandOutput out;
  FILE* pipe = ::popen(("timeout 10 " + command + " 2>&1").c_str(), "r");
  if (!pipe) return out;
  char chunk[512];
  size_t got = 0;
  while ((got = std::fread(chunk, 1, sizeof chunk, pipe)) > 0) out.text.append(chunk, got);
  const int status = ::pclose(pipe);
  out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

}  // namespace openras::netif::testing
