// raserror: prints the message for RAS and Win32 error codes, like `net helpmsg` on
// Windows. A thin main() over RasGetErrorStringA; linked to the shared libopenras.
//
//   raserror CODE...     the message for each code (decimal, or 0x hex)
//   raserror /ALL        every RAS code 600–875 with its message
//   raserror /?          usage
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "ras.h"
#include "raserror.h"
#include "windows.h"

namespace {

void usage(FILE* out) {
  std::fputs(
      "Prints the message for RAS and Win32 error codes.\n"
      "\n"
      "RASERROR code [code ...]\n"
      "RASERROR /ALL\n"
      "\n"
      "  code   an error code, in decimal (623) or hexadecimal (0x26F), as returned by\n"
      "         a RAS function or as the exit code of rasdial.\n"
      "  /ALL   lists every RAS error code (600-875) with its message.\n"
      "\n"
      "Exit status: 0 if every code is known, 1 otherwise.\n",
      out);
}

bool is_option(const char* arg, const char* name) {
  return (arg[0] == '/' || arg[0] == '-') && strcasecmp(arg + 1, name) == 0;
}

bool print_code(UINT code) {
  char message[1024];
  DWORD rc = RasGetErrorStringA(code, message, sizeof message);
  if (rc != ERROR_SUCCESS) {
    std::fprintf(stderr, "raserror: %u is not a RAS or Win32 error code OpenRAS knows.\n", code);
    return false;
  }
  std::printf("%u: %s\n", code, message);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage(stderr);
    return 1;
  }
  if (is_option(argv[1], "?") || is_option(argv[1], "h") || std::strcmp(argv[1], "--help") == 0) {
    usage(stdout);
    return 0;
  }
  if (is_option(argv[1], "all")) {
    bool ok = true;
    for (UINT code = RASBASE; code <= RASBASEEND; ++code) ok = print_code(code) && ok;
    return ok ? 0 : 1;
  }
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    char* end = nullptr;
    errno = 0;
    unsigned long value = std::strtoul(argv[i], &end, 0);
    if (errno != 0 || end == argv[i] || *end != '\0' || value > 0xFFFFFFFFul) {
      std::fprintf(stderr,
                   "raserror: \"%s\" is not a number; give a code such as 623 or 0x26F.\n",
                   argv[i]);
      ok = false;
      continue;
    }
    ok = print_code(static_cast<UINT>(value)) && ok;
  }
  return ok ? 0 : 1;
}
