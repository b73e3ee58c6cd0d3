// openras-link: the per-connection link process rasmand spawns (src/link/link.h). An
// internal helper, installed to libexecdir; its command line is rasmand's business:
//   openras-link --type TYPE [--number NUMBER] [--user USER]   (the socket is fd 3)
#include <cstdio>
#include <cstring>

#include "link/link.h"

int main(int argc, char** argv) {
  openras::link::LinkOptions options;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--type") == 0) {
      options.device_type = argv[i + 1];
    } else if (std::strcmp(argv[i], "--number") == 0) {
      options.phone_number = argv[i + 1];
    } else if (std::strcmp(argv[i], "--user") == 0) {
      options.user = argv[i + 1];
    } else {
      std::fprintf(stderr, "openras-link: unknown argument \"%s\" (run by rasmand only)\n", argv[i]);
      return 2;
    }
  }
  return openras::link::run_link(options);
}
