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
// Every operation also takes --json: JSON objects, one a line, on stdout instead of text,
// errors included (output.cpp); questions are not asked then (give /f or /y).
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
#include "json.h"
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
  bool json = false;                      // --json
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

// Output (output.cpp): reg.exe's text, or with set_json(true) JSON objects one a line.
void set_json(bool on);
[[nodiscard]] bool json_output();
// A line of text (nothing under --json).
void say(const std::string& line);
// A JSON object (nothing without --json).
void emit(const cli::Json& object);
// "The operation completed successfully.", or `object` with "succeeded": true; returns 0.
int succeeded(cli::Json object);
// "The operation was cancelled by the user." (JSON: error 1223, saying why); returns 1.
int cancelled();
// Asks a yes/no question on the terminal; false on anything but yes (or end of input).
// Under --json nothing is asked and the answer is no (cancelled() then says so).
[[nodiscard]] bool confirm(const std::string& question);
// Prints "ERROR: ..." (reg.exe's wording for the common cases) and the detail on stderr,
// or under --json {"error": WIN32 CODE, "error_text": ..., "detail": ...} on stdout.
void report(const Error& error);
// "WARNING: TEXT" on stderr, or {"warning": TEXT}.
void warn(const std::string& text);
// "rasreg: TEXT" on stderr, or {"note": TEXT}.
void note(const std::string& text);
// {"name", "type", "data"}: strings as text, REG_MULTI_SZ as an array, REG_DWORD as a
// number, REG_QWORD as a decimal string; other types (and numbers of the wrong size) as
// "data_hex", lowercase hexadecimal bytes. The default value's name is "".
[[nodiscard]] cli::Json value_json(const registry::Value& value);
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
