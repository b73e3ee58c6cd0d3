// openras-link: the link processes' helper (src/link/). An internal helper, installed to
// libexecdir; its command line is rasmand's business:
//   openras-link --zygote [--user USER]   the link zygote (src/link/zygote.h); control
//                                          socket on fd 3
//   openras-link --type TYPE [--number NUMBER] [--user USER]   one link, socket on fd 3
//                                          (what each zygote child runs, without exec)
#include <cstdio>
#include <cstring>

#include "link/link.h"
#include "link/zygote.h"

// In sanitizer builds: LeakSanitizer's check at exit stops the process with ptrace from a
// helper thread, which the seccomp filter forbids (as it should). It then fails, or spins
// in sched_yield for ever — an orphaned zygote did, at full CPU, after rasmand was killed.
// The link and zygote run with an empty environment, so ASAN_OPTIONS cannot say this;
// their leaks are checked by the unit tests, which run the same code in-process.
extern "C" __attribute__((visibility("default"), used)) const char* __asan_default_options() {
  return "detect_leaks=0";
}
extern "C" __attribute__((visibility("default"), used)) const char* __lsan_default_options() {
  return "detect_leaks=0";
}

int main(int argc, char** argv) {
  openras::link::LinkOptions options;
  bool zygote = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--zygote") == 0) {
      zygote = true;
      continue;
    }
    const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
    if (value != nullptr && std::strcmp(argv[i], "--type") == 0) {
      options.device_type = value;
    } else if (value != nullptr && std::strcmp(argv[i], "--number") == 0) {
      options.phone_number = value;
    } else if (value != nullptr && std::strcmp(argv[i], "--user") == 0) {
      options.user = value;
    } else {
      std::fprintf(stderr, "openras-link: unknown argument \"%s\" (run by rasmand only)\n", argv[i]);
      return 2;
    }
    ++i;
  }
  if (zygote) return openras::link::run_zygote(openras::link::ZygoteOptions{3, options.user});
  return openras::link::run_link(options);
}
