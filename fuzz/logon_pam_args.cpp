// logon_pam_args.cpp (fuzz): pam_openras.so's arguments (src/logon/pam_args.h) on any word
// list (the input split at NUL bytes) never crash, and what they accept is in range: a
// time-out of 1..600 s, an absolute root, a non-empty entry when one is named. The same
// bytes read as a phone book give entry names that each occur in the text, on one line.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "logon/entries.h"
#include "logon/pam_args.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> words;
  for (size_t start = 0; start <= input.size();) {
    size_t nul = std::min(input.find('\0', start), input.size());
    words.push_back(input.substr(start, nul - start));
    start = nul + 1;
  }
  auto options = openras::logon::parse_pam_arguments(words);
  if (options) {
    if (options->timeout_seconds < 1 || options->timeout_seconds > 600) std::abort();
    if (options->root.empty() || options->root[0] != '/') std::abort();
    bool named = false;
    for (auto w : words) named = named || w.substr(0, 6) == "entry=";
    if (named && options->entry.empty()) std::abort();
  } else if (options.error().message.find("pam_openras: argument") != 0) {
    std::abort();  // every refusal names the word
  }
  if (auto names = openras::logon::entry_names(input)) {
    for (const auto& name : *names) {
      if (name.find('\n') != std::string::npos) std::abort();
      if (input.find("[" + name + "]") == std::string_view::npos) std::abort();
    }
  }
  return 0;
}
