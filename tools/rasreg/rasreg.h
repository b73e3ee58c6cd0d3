// rasreg.h: the parts of rasreg, reg.exe's syntax over the OpenRAS registry.
//
//   rasreg query KEY [/v NAME | /ve] [/s] [/se SEP] [/f DATA [/k] [/d] [/c] [/e]] [/t TYPES]
//   rasreg add KEY [/v NAME | /ve] [/t TYPE] [/s SEP] [/d DATA] [/f]
//   rasreg delete KEY [/v NAME | /ve | /va] [/f]
//   rasreg import FILE
//   rasreg export KEY FILE [/y]
//   rasreg allowlist [list | PATH | add PATH | remove PATH]   (OpenRAS: the CustomDLL
//                                    allow-list, allowlist.cpp)
//   rasreg regsvr [/u] DIALER        (regsvr32: a dialer's DllRegisterServer, regsvr.cpp)
//
// Exit status 0 on success, 1 on failure, as reg.exe, and 2 on a usage error (as every
// OpenRAS tool, tools/common/cli.h). Messages go to stdout, errors to stderr as
// "ERROR: ..." followed by a line saying exactly what was wrong.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "registry/names.h"
#include "registry/registry.h"

namespace openras::rasreg {

struct Options {
  std::vector<std::string> positional;
  std::optional<std::string> value_name;  // /v
  bool default_value = false;             // /ve
  bool all_values = false;                // /va
  bool recursive = false;                 // /s (query)
  bool force = false;                     // /f
  bool overwrite = false;                 // /y
  std::optional<std::string> type;        // /t
  std::optional<std::string> data;        // /d
  std::optional<std::string> separator;   // /s (add), /se (query)
  bool unregister = false;                // /u (regsvr)
  std::optional<std::string> find;        // /f DATA (query: search)
  bool find_keys = false;                 // /k: search key names only
  bool find_data = false;                 // /d: search data only
  bool find_case = false;                 // /c: case-sensitive
  bool find_exact = false;                // /e: whole matches only
  bool help = false;                      // /?
};

// Parses the arguments after the operation name: the switches `operation` takes, and its
// operands (their count checked). Another switch (/z, -z, /vv) is an error; a path, even
// /tmp/x.reg, is an operand. Errors are kInvalidArgument, a usage error.
[[nodiscard]] Result<Options> parse_options(std::string_view operation,
                                            const std::vector<std::string>& args);

struct KeyName {
  registry::RootKey root;
  registry::KeyPath path;
};
// "HKLM\Software\X" or "HKEY_LOCAL_MACHINE\...": root names in any case, a trailing
// backslash allowed. Remote keys (\\machine\...) and other roots are refused.
[[nodiscard]] Result<KeyName> parse_key_name(std::string_view text);
[[nodiscard]] std::string key_text(registry::RootKey root, const registry::KeyPath& path);

// Value data as reg.exe shows it and reads it from /d.
[[nodiscard]] std::string format_data(const registry::Value& value, std::string_view separator);
[[nodiscard]] Result<uint32_t> parse_type(std::string_view name);
[[nodiscard]] Result<std::string> parse_data(uint32_t type, std::string_view text,
                                             std::string_view separator);

// Asks a yes/no question on the terminal; false on anything but yes (or end of input).
[[nodiscard]] bool confirm(const std::string& question);
// Prints "ERROR: ..." (reg.exe's wording for the common cases) and the detail.
void report(const Error& error);
// Warns when HKEY_LOCAL_MACHINE's hive is present but not trusted.
void warn_if_untrusted(registry::Registry& registry, registry::RootKey root);

int run_query(registry::Registry& registry, const Options& options);
int run_add(registry::Registry& registry, const Options& options);
int run_delete(registry::Registry& registry, const Options& options);
int run_import(registry::Registry& registry, const Options& options);
int run_export(registry::Registry& registry, const Options& options);
int run_allowlist(registry::Registry& registry, const Options& options);
int run_regsvr(registry::Registry& registry, const Options& options);

inline constexpr const char* kSuccess = "The operation completed successfully.";

}  // namespace openras::rasreg
