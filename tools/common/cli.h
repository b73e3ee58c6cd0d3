// cli.h: what every OpenRAS command-line tool shares: the exit statuses, one argument
// parser (GNU long and short options, and Windows /SWITCH forms where the Windows tool has
// them) and --version.
//
// Exit statuses (the only place they are defined; each tool's man page repeats them):
//   0  success
//   1  the operation failed; the message gives the full RAS/Win32 code where there is one
//      (the status itself never carries the code: a status is only 8 bits, and 768
//      modulo 256 would be 0, success)
//   2  usage error: unknown option, missing or malformed value, wrong operands; nothing
//      was done
//   3  the connection service (rasmand) could not be reached
//   4  the user cancelled a dialog (rasphone; tools without dialogs never return it)
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace openras::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitUnreachable = 3;
inline constexpr int kExitCancelled = 4;

// The exit status for a RAS/Win32 result code: 0 for ERROR_SUCCESS, 3 for the codes that
// mean rasmand cannot be reached, 1 for any other.
[[nodiscard]] int exit_status(uint32_t code) noexcept;

// A RAS/Win32 code as written: a whole decimal or 0x-hexadecimal number that fits 32 bits.
[[nodiscard]] std::optional<uint32_t> parse_code(std::string_view text);
// The codes in what a tool printed: the numbers that follow the word "error" (any case)
// after spaces, ':', '#', '=' or the quote closing a JSON key ("Remote Access error 691 -
// ...", "error 691", "error":691).
[[nodiscard]] std::vector<uint32_t> error_codes_in(std::string_view text);

// The version of OpenRAS these tools belong to.
[[nodiscard]] const char* version() noexcept;
// Prints "PROGRAM (OpenRAS) VERSION" on stdout.
void print_version(std::string_view program);

enum class Value {
  kNone,      // a flag
  kRequired,  // --name=V or --name V; -n V; /NAME V; /NAME:V for a name written "/NAME:"
  kOptional,  // --name or --name=V (never the next argument)
};

// One option and all its spellings. A spelling is written as the user types it:
//   "--json"       a GNU long option (case-sensitive)
//   "-h"           a short option (case-sensitive)
//   "/DISCONNECT"  a Windows switch: also -DISCONNECT, in any case
//   "/PHONEBOOK:"  a Windows switch whose value is attached after the colon
struct Option {
  std::string_view id;
  std::vector<std::string_view> spellings;
  Value value = Value::kNone;
  // What the value is, for the message when it is missing ("DIR": "--root needs a
  // value: DIR").
  std::string_view value_name = {};
};

struct Syntax {
  std::string_view program;
  std::vector<Option> options;
  // Tools with Windows syntax: an unknown argument of the form /WORD or /WORD:... is an
  // unknown switch (a usage error). Elsewhere such an argument is an operand (a path).
  bool windows_switches = false;
};

// -h, --help, /? and -?; and --version. Every tool accepts both.
[[nodiscard]] Option help_option();
[[nodiscard]] Option version_option();

struct Given {
  std::string_view id;
  std::string spelling;  // as typed, without a value (for messages)
  std::string value;
  bool has_value = false;
};

struct Parsed {
  std::vector<Given> options;  // in command-line order
  std::vector<std::string> operands;

  [[nodiscard]] bool has(std::string_view id) const;
  // The last occurrence of `id` (a later one overrides an earlier one), or nullptr.
  [[nodiscard]] const Given* last(std::string_view id) const;
};

// Parses `args` (the arguments after the program name). "--" ends the options. The
// error is a one-line message naming the offending argument and pointing to --help.
[[nodiscard]] tl::expected<Parsed, std::string> parse(const Syntax& syntax,
                                                      std::span<const std::string> args);
[[nodiscard]] std::vector<std::string> arguments(int argc, char** argv, int first = 1);

// What every tool's main() starts with: parses argv after the program name, and when it
// should not go on returns the exit status instead: kExitUsage after reporting a usage
// error, kExitOk after printing `usage_text` (--help) or the version (--version).
[[nodiscard]] tl::expected<Parsed, int> parse_command_line(const Syntax& syntax, int argc,
                                                           char** argv,
                                                           std::string_view usage_text);

// "PROGRAM: MESSAGE (see PROGRAM --help)" on stderr; returns kExitUsage.
int usage_error(std::string_view program, std::string_view message);

// A whole number of seconds between min and max, digits only ("abc", "-1", "" and values
// out of range are errors naming the option and the value).
[[nodiscard]] tl::expected<long, std::string> parse_seconds(std::string_view option,
                                                            std::string_view text, long min,
                                                            long max);

}  // namespace openras::cli
