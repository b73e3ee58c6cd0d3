// openras-logon-host: runs one dial at logon in a sandbox, for rasmand (src/logon/host.h).
//
//   openras-logon-host --root DIR --runtime DIR --entry NAME    (control socket on fd 3)
//
// Internal: rasmand starts it (as root) for a LogonDial call; installed in
// libexecdir/openras. Not meant to be run by hand.
#include <dlfcn.h>
#include <limits.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "logon/host.h"
#include "logon/nouser_guard.h"
#include "ras.h"

// The seccomp filter refuses ptrace, which LeakSanitizer's exit-time scan needs; leaks
// are checked where the same library code runs unfiltered (every other test).
extern "C" __attribute__((visibility("default"), used)) const char* __lsan_default_options() {
  return "detect_leaks=0";
}

namespace {

void broke_rule(const char* function) {
  openras::logon::send_control(std::string("log the dialer called ") + function +
                               " at logon without RDEOPT_NoUser: it broke the rule (no user is "
                               "logged on, so it must show no UI and say so; docs/logon.md)");
}

openras_logon_guard_hooks g_hooks{&::RasDialW, &::RasDialA, &broke_rule};

// Loads libopenras-logon-guard.so from beside this executable, into the global scope a
// dialer's symbols resolve against. Not linked: a library linked at build time that
// defines RasDialW would make the linker export this executable's RasDialW, which would
// then win over the guard's.
bool install_guard() {
  char self[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return false;
  std::string path(self, static_cast<size_t>(n));
  path.resize(path.rfind('/') + 1);
  path += "libopenras-logon-guard.so";
  void* guard = ::dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
  if (!guard) {
    std::fprintf(stderr, "openras-logon-host: %s\n", ::dlerror());
    return false;
  }
  using Install = void (*)(openras_logon_guard_hooks*);
  auto install = reinterpret_cast<Install>(::dlsym(guard, "openras_logon_guard_install"));
  if (!install) return false;
  install(&g_hooks);
  return true;  // the guard stays loaded for the process's life
}

}  // namespace

int main(int argc, char** argv) {
  openras::logon::HostOptions options;
  if (!openras::logon::parse_host_arguments(argc, argv, options)) {
    std::fputs(
        "Usage: openras-logon-host --root DIR --runtime DIR --entry NAME\n"
        "Internal to OpenRAS: rasmand runs it for a dial at logon; it is not meant to be run "
        "by hand.\n",
        stderr);
    return 2;
  }
  if (!install_guard()) {
    openras::logon::send_control("log the logon host's libopenras-logon-guard.so is missing");
    return 1;
  }
  // _exit: LeakSanitizer's exit-time scan (a test build run with detect_leaks=1) stops
  // the world with ptrace, which the sandbox refuses, and would wait for ever; and a host
  // whose connection is over has nothing left to flush or destroy.
  ::_exit(openras::logon::run_logon_host(options));
}
