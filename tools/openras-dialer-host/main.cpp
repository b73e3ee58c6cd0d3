// openras-dialer-host: runs one custom-dialer entry point in this process, for a caller
// that must survive whatever the dialer does (src/dialer/delete_notify.cpp).
//
//   openras-dialer-host delete-notify PHONEBOOK ENTRY
//
// Loads the entry's dialer under the loader's rules, as the calling user, and calls its
// RasCustomDeleteEntryNotify. The outcome goes to fd 3 as one line: "returned RC PATH",
// "threw PATH" or "refused MESSAGE". Internal: installed in libexecdir/openras.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "base/utf.h"
#include "dialer/dispatch.h"

// In sanitizer builds: what this short-lived process leaks at exit is the dialer's (a
// dialer linking libopenras.so brings a second copy of the library's static state); the
// library's own leaks are checked where it runs in-process (every other test).
extern "C" __attribute__((visibility("default"), used)) const char* __lsan_default_options() {
  return "detect_leaks=0";
}

namespace {

void report(const std::string& line) {
  std::string text = line + "\n";
  const char* data = text.data();
  size_t left = text.size();
  while (left > 0) {
    ssize_t n = ::write(3, data, left);
    if (n <= 0) return;
    data += n;
    left -= static_cast<size_t>(n);
  }
}

// One line, whatever the text holds.
std::string flat(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 || std::strcmp(argv[1], "delete-notify") != 0) {
    std::fputs(
        "Usage: openras-dialer-host delete-notify PHONEBOOK ENTRY\n"
        "Internal to OpenRAS: the library runs it; it is not meant to be run by hand.\n",
        stderr);
    return 2;
  }
  auto phonebook = openras::utf8_to_wide(argv[2]);
  auto entry = openras::utf8_to_wide(argv[3]);
  if (!phonebook || !entry) {
    report("refused the phone book or entry name is not valid UTF-8");
    return 1;
  }
  auto outcome = openras::dialer::run_delete_notify_here(phonebook->c_str(), *entry);
  if (outcome.returned) {
    report("returned " + std::to_string(outcome.result) + " " + flat(outcome.dialer_path));
  } else if (!outcome.dialer_path.empty()) {
    report("threw " + flat(outcome.dialer_path));
  } else {
    report("refused " + flat(outcome.failure));
  }
  return 0;
}
