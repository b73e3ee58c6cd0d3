// options.h: rasdial's command line (Windows rasdial's syntax plus --wait, --status,
// --json), parsed with the tools' shared parser (tools/common/cli.h).
#pragma once

#include <string>

#include <tl/expected.hpp>

namespace rasdial {

struct Options {
  std::wstring entry, user, password, domain, phone, callback, phonebook;
  std::wstring import_file;  // --import=FILE: a Windows rasphone.pbk to import
  bool has_user = false, prompt_password = false;
  bool disconnect = false, prefix_suffix = false;
  bool wait = false;
  bool json = false;      // --json: JSON objects, one a line, instead of text
  bool status = false;    // --status: report the named connection's state
  long wait_seconds = 0;  // 0: until interrupted
};

// The options, or the exit status to leave with at once: 0 after --help or --version,
// cli::kExitUsage after a usage error (already reported on stderr).
[[nodiscard]] tl::expected<Options, int> parse_options(int argc, char** argv);

}  // namespace rasdial
