// output.cpp: what rasreg prints, as reg.exe's text or, with --json, as JSON objects one a
// line on stdout (the tools' one writer, tools/common/json.h). Errors in JSON are objects
// too, {"error": CODE, "error_text": "...", "detail": "..."}, with the Win32 code of the
// failure (the one mapping, base/result.h), so a script reads everything from stdout.
#include <iostream>

#include "base/utf.h"
#include "cli.h"
#include "rasreg.h"
#include "registry/value_data.h"

namespace openras::rasreg {

namespace reg = registry;

namespace {

bool g_json = false;
// The last question confirm() did not ask under --json, for cancelled()'s detail.
std::string g_unasked;

constexpr unsigned kErrorCancelled = 1223;  // ERROR_CANCELLED

// reg.exe's first line for the common failures; the rest say what happened.
const char* reg_exe_text(Errc code) {
  switch (code) {
    case Errc::kAccessDenied:
      return "Access is denied.";
    case Errc::kNotFound:
      return "The system was unable to find the specified registry key or value.";
    case Errc::kInvalidArgument:
      return "Invalid syntax.";
    default:
      return nullptr;
  }
}

uint64_t little_endian(std::string_view data) {
  uint64_t out = 0;
  for (size_t i = data.size(); i-- > 0;) out = (out << 8) | static_cast<uint8_t>(data[i]);
  return out;
}

std::string lower_hex(std::string_view data) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (char c : data) {
    auto byte = static_cast<uint8_t>(c);
    out += kDigits[byte >> 4];
    out += kDigits[byte & 0xF];
  }
  return out;
}

}  // namespace

void set_json(bool on) { g_json = on; }
bool json_output() { return g_json; }

void say(const std::string& line) {
  if (!g_json) std::cout << line << "\n";
}

void emit(const cli::Json& object) {
  if (g_json) cli::print_json(object);
}

int succeeded(cli::Json object) {
  if (g_json) {
    object["succeeded"] = true;
    cli::print_json(object);
  } else {
    std::cout << kSuccess << "\n";
  }
  return cli::kExitOk;
}

int cancelled() {
  if (g_json) {
    cli::print_json({{"error", kErrorCancelled},
                     {"error_text", "The operation was cancelled by the user."},
                     {"detail", "--json asks no questions (\"" + g_unasked +
                                    "\"): give /f (export: /y) to go ahead"}});
  } else {
    std::cout << "The operation was cancelled by the user.\n";
  }
  return cli::kExitFailed;
}

bool confirm(const std::string& question) {
  if (g_json) {
    g_unasked = question;
    return false;
  }
  std::cout << question << " " << std::flush;
  std::string answer;
  if (!std::getline(std::cin, answer)) {
    std::cout << "\n";
    return false;
  }
  return !answer.empty() && (answer[0] == 'y' || answer[0] == 'Y');
}

void report(const Error& error) {
  const char* first = reg_exe_text(error.code);
  if (g_json) {
    cli::print_json({{"error", win32_code(error)},
                     {"error_text", first ? first : error.message},
                     {"detail", error.message}});
    return;
  }
  if (!first) {
    std::cerr << "ERROR: " << error.message << "\n";
    return;
  }
  std::cerr << "ERROR: " << first << "\nrasreg: " << error.message << "\n";
}

void warn(const std::string& text) {
  if (g_json) {
    cli::print_json({{"warning", text}});
  } else {
    std::cerr << "WARNING: " << text << "\n";
  }
}

void note(const std::string& text) {
  if (g_json) {
    cli::print_json({{"note", text}});
  } else {
    std::cerr << "rasreg: " << text << "\n";
  }
}

cli::Json value_json(const reg::Value& value) {
  cli::Json out = {{"name", reg::display(value.name)}, {"type", reg::type_name(value.type)}};
  const std::string& data = value.data;
  switch (value.type) {
    case reg::kRegSz:
    case reg::kRegExpandSz:
      out["data"] = reg::display(reg::stored_text(data));
      break;
    case reg::kRegMultiSz: {
      cli::Json items = cli::Json::array();
      for (const auto& item : reg::split_multi_string(reg::stored_text(data))) {
        items.push_back(reg::display(item));
      }
      out["data"] = std::move(items);
      break;
    }
    case reg::kRegDword:
      if (data.size() == 4) {
        out["data"] = little_endian(data);
      } else {
        out["data_hex"] = lower_hex(data);
      }
      break;
    case reg::kRegQword:
      // A string, as the tools write handles: past 2^53 a JSON reader rounds numbers.
      if (data.size() == 8) {
        out["data"] = std::to_string(little_endian(data));
      } else {
        out["data_hex"] = lower_hex(data);
      }
      break;
    default:
      out["data_hex"] = lower_hex(data);
  }
  return out;
}

}  // namespace openras::rasreg
