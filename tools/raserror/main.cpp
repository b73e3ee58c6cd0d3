// raserror: prints the message for RAS and Win32 error codes, like `net helpmsg` on
// Windows (docs/man/raserror.1). A thin main() over RasGetErrorStringA; linked to the
// shared libopenras.
//
//   raserror CODE...     the message for each code (decimal, or 0x hex)
//   raserror TEXT...     the codes in what a tool printed: "error 691",
//                        "Remote Access error 691 - ...", a --json line ("error":691)
//   raserror -           the same, read from standard input
//   raserror /ALL        every RAS code 600–875 with its message
#include <cstdio>
#include <string>
#include <vector>

#include "cli.h"
#include "json.h"
#include "ras.h"
#include "raserror.h"
#include "windows.h"

namespace {

namespace cli = openras::cli;
constexpr const char* kProgram = "raserror";

constexpr const char* kUsage =
    "Prints the message for RAS and Win32 error codes.\n"
    "\n"
    "RASERROR code [code ...]\n"
    "RASERROR text ...\n"
    "RASERROR -\n"
    "RASERROR /ALL\n"
    "(each form also with --json: one object a line, {\"code\", \"message\"})\n"
    "\n"
    "  code   an error code, in decimal (623) or hexadecimal (0x26F), as the OpenRAS\n"
    "         tools print it (never their exit status, which is not the code).\n"
    "  text   what a tool printed: the codes are the numbers after the word \"error\"\n"
    "         (\"Remote Access error 691 - ...\", \"error 691\", \"error\":691 in --json).\n"
    "  -      reads that text from standard input (rasdial ENTRY | raserror -).\n"
    "  /ALL   lists every RAS error code (600-875) with its message.\n"
    "\n"
    "Exit status: 0 every code is known; 1 a code is not; 2 usage error (no code found).\n";

bool g_json = false;

bool print_code(UINT code) {
  char message[1024];
  DWORD rc = RasGetErrorStringA(code, message, sizeof message);
  if (rc != ERROR_SUCCESS) {
    if (g_json) {
      cli::print_json({{"code", code}, {"error", "not a RAS or Win32 error code OpenRAS knows"}});
    } else {
      std::fprintf(stderr, "raserror: %u is not a RAS or Win32 error code OpenRAS knows.\n", code);
    }
    return false;
  }
  if (g_json) {
    cli::print_json({{"code", code}, {"message", message}});
  } else {
    std::printf("%u: %s\n", code, message);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const cli::Syntax syntax{kProgram,
                           {cli::help_option(),
                            cli::version_option(),
                            {"all", {"/ALL", "--all"}, cli::Value::kNone},
                            {"json", {"--json"}, cli::Value::kNone}},
                           true};
  auto parsed = cli::parse_command_line(syntax, argc, argv, kUsage);
  if (!parsed) return parsed.error();
  const auto& operands = parsed->operands;
  g_json = parsed->has("json");
  if (parsed->has("all")) {
    if (!operands.empty()) return cli::usage_error(kProgram, "/ALL takes no code");
    bool ok = true;
    for (UINT code = RASBASE; code <= RASBASEEND; ++code) ok = print_code(code) && ok;
    return ok ? cli::kExitOk : cli::kExitFailed;
  }
  if (operands.empty()) return cli::usage_error(kProgram, "give an error code, such as 623");
  // Bare numbers are codes; any other text is what a tool printed, read as a whole (its
  // words may have come as separate arguments), and its codes follow "error".
  std::vector<uint32_t> codes;
  std::string text;
  bool all_numbers = true;
  for (const std::string& operand : operands) {
    if (operand == "-") {
      // fread, not istreambuf_iterator: GCC 12 at -O2 sees a "potential null pointer
      // dereference" inside the iterator, and the release build must have no warning.
      char chunk[4096];
      size_t n = 0;
      while ((n = std::fread(chunk, 1, sizeof chunk, stdin)) > 0) text.append(chunk, n);
      all_numbers = false;
    } else {
      text += operand;
      if (auto code = cli::parse_code(operand)) {
        codes.push_back(*code);
      } else {
        all_numbers = false;
      }
    }
    text += ' ';
  }
  if (!all_numbers) codes = cli::error_codes_in(text);
  if (codes.empty()) {
    if (text.size() > 200) text = text.substr(0, 200) + "...";
    return cli::usage_error(kProgram, "no error code in \"" + text.substr(0, text.size() - 1) +
                                          "\"; give a code such as 623 or 0x26F, or text "
                                          "such as \"error 623\"");
  }
  bool ok = true;
  for (uint32_t code : codes) ok = print_code(code) && ok;
  return ok ? cli::kExitOk : cli::kExitFailed;
}
