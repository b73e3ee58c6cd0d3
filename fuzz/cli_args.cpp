// cli_args.cpp (fuzz): the tools' argument parser (tools/common/cli.h) on any argument
// list (the input split at NUL bytes) never crashes; what it accepts is made of the
// arguments given (no operand invented, no more results than arguments) and no argument
// that starts with '-' before "--" is an operand; numbers it accepts are in range and
// written in digits; the codes it reads from a tool's printed text parse back alone.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "cli.h"

namespace cli = openras::cli;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> args;
  for (size_t start = 0; start <= input.size();) {
    size_t nul = std::min(input.find('\0', start), input.size());
    args.emplace_back(input.substr(start, nul - start));
    start = nul + 1;
  }
  for (bool windows : {true, false}) {
    const cli::Syntax syntax{"fuzz",
                             {cli::help_option(),
                              cli::version_option(),
                              {"disconnect", {"/DISCONNECT", "/D"}, cli::Value::kNone},
                              {"phonebook", {"/PHONEBOOK:"}, cli::Value::kRequired},
                              {"v", {"/v"}, cli::Value::kRequired},
                              {"wait", {"--wait"}, cli::Value::kOptional},
                              {"root", {"--root"}, cli::Value::kRequired, "DIR"},
                              {"json", {"--json"}, cli::Value::kNone}},
                             windows};
    auto parsed = cli::parse(syntax, args);
    if (!parsed) {
      if (parsed.error().empty()) std::abort();
      continue;
    }
    if (parsed->options.size() + parsed->operands.size() > args.size()) std::abort();
    for (const auto& operand : parsed->operands) {
      if (std::find(args.begin(), args.end(), operand) == args.end()) std::abort();
    }
    bool no_dashdash = std::find(args.begin(), args.end(), "--") == args.end();
    // Each dashed argument before "--" is an option or the value of one, never an operand.
    size_t operands_before = 0;
    for (const auto& operand : parsed->operands) {
      if (operand.size() > 1 && operand[0] == '-' && no_dashdash) ++operands_before;
    }
    size_t values = 0;
    for (const auto& given : parsed->options) values += given.has_value ? 1 : 0;
    if (operands_before > values) std::abort();
  }
  for (uint32_t code : cli::error_codes_in(input)) {
    if (cli::parse_code(std::to_string(code)) != code) std::abort();
  }
  if (auto seconds = cli::parse_seconds("--wait", args[0], 0, 86400)) {
    if (*seconds < 0 || *seconds > 86400) std::abort();
    if (args[0].find_first_not_of("0123456789") != std::string::npos) std::abort();
  }
  return 0;
}
