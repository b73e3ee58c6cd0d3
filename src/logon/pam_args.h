// pam_args.h: pam_openras.so's arguments (docs/logon.md "Arguments"), parsed from the
// words of its line in /etc/pam.d. They are the only place a location comes from: the
// module never reads the environment, which belongs to the program being logged into.
// Thread-safe (pure).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace openras::logon {

struct PamOptions {
  bool prompt = false;            // ask whether to log on using dial-up, and which entry
  std::string entry;              // entry=NAME: dial it without asking
  unsigned timeout_seconds = 60;  // timeout=SECONDS (1..600)
  std::string root = "/";         // root=DIR: a test root (absolute)
  bool debug = false;             // log each step (LOG_DEBUG)
  bool hangup_on_close = false;   // hang the connection up when the session closes
};

// Every word must be known and well formed; the error names the word and what to do.
[[nodiscard]] Result<PamOptions> parse_pam_arguments(const std::vector<std::string_view>& words);

}  // namespace openras::logon
