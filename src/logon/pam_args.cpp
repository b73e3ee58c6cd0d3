// pam_args.cpp: pam_openras.so's arguments (see pam_args.h).
#include "logon/pam_args.h"

#include <charconv>

namespace openras::logon {

namespace {

constexpr unsigned kMaxTimeoutSeconds = 600;  // as rasmand's LogonDial accepts

bool starts_with(std::string_view word, std::string_view prefix) {
  return word.substr(0, prefix.size()) == prefix;
}

tl::unexpected<Error> bad(std::string_view word, std::string_view why) {
  return fail(Errc::kInvalidArgument,
              "pam_openras: argument \"" + std::string(word) + "\": " + std::string(why));
}

}  // namespace

Result<PamOptions> parse_pam_arguments(const std::vector<std::string_view>& words) {
  PamOptions options;
  for (std::string_view word : words) {
    if (word == "prompt") {
      options.prompt = true;
    } else if (word == "debug") {
      options.debug = true;
    } else if (word == "hangup_on_close") {
      options.hangup_on_close = true;
    } else if (starts_with(word, "entry=")) {
      options.entry = std::string(word.substr(6));
      if (options.entry.empty()) return bad(word, "give the all-users entry's name after entry=");
    } else if (starts_with(word, "timeout=")) {
      std::string_view digits = word.substr(8);
      unsigned value = 0;
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (ec != std::errc() || end != digits.data() + digits.size() || value == 0 ||
          value > kMaxTimeoutSeconds) {
        return bad(word, "give a whole number of seconds from 1 to 600");
      }
      options.timeout_seconds = value;
    } else if (starts_with(word, "root=")) {
      options.root = std::string(word.substr(5));
      if (options.root.empty() || options.root[0] != '/') {
        return bad(word, "give an absolute directory after root=");
      }
    } else {
      return bad(word,
                 "unknown; the arguments are prompt, entry=NAME, timeout=SECONDS, root=DIR, "
                 "debug and hangup_on_close");
    }
  }
  return options;
}

}  // namespace openras::logon
