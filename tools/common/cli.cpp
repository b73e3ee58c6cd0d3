// cli.cpp: the argument parser and exit statuses shared by the tools (cli.h).
#include "cli.h"

#include <strings.h>

#include <cstdio>

#include "raserror.h"
#include "winerror.h"

namespace openras::cli {

namespace {

enum class Form { kLong, kShort, kWindows, kWindowsAttached };

Form form_of(std::string_view spelling) {
  if (spelling.starts_with("--")) return Form::kLong;
  if (spelling.starts_with("/")) {
    return spelling.ends_with(":") ? Form::kWindowsAttached : Form::kWindows;
  }
  return Form::kShort;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// "/WORD" or "/WORD:anything", WORD alphanumeric (or "?"): what Windows tools take for a
// switch. "/tmp/x.reg" and "/x.reg" are paths.
bool looks_like_switch(std::string_view arg) {
  if (arg.size() < 2 || arg[0] != '/') return false;
  std::string_view word = arg.substr(
      1, arg.find(':') == std::string_view::npos ? std::string_view::npos : arg.find(':') - 1);
  if (word == "?") return true;
  if (word.empty()) return false;
  for (char c : word) {
    if (!is_alnum(c)) return false;
  }
  return true;
}

struct Match {
  Form form = Form::kLong;
  bool has_value = false;
  std::string value;
};

// Whether `arg` is `spelling` (with an attached value where the form allows one).
bool matches(std::string_view spelling, std::string_view arg, Match& m) {
  m.form = form_of(spelling);
  switch (m.form) {
    case Form::kShort:
      return arg == spelling;
    case Form::kLong:
      if (arg == spelling) return true;
      if (arg.starts_with(spelling) && arg.size() > spelling.size() &&
          arg[spelling.size()] == '=') {
        m.has_value = true;
        m.value = arg.substr(spelling.size() + 1);
        return true;
      }
      return false;
    case Form::kWindows:
    case Form::kWindowsAttached: {
      if (arg.size() < 2 || (arg[0] != '/' && arg[0] != '-')) return false;
      std::string_view name = spelling.substr(1);
      if (m.form == Form::kWindowsAttached) name.remove_suffix(1);
      std::string_view body = arg.substr(1);
      if (iequals(body, name)) return true;
      if (m.form == Form::kWindowsAttached && body.size() > name.size() &&
          body[name.size()] == ':' && iequals(body.substr(0, name.size()), name)) {
        m.has_value = true;
        m.value = body.substr(name.size() + 1);
        return true;
      }
      return false;
    }
  }
  return false;
}

}  // namespace

int exit_status(uint32_t code) noexcept {
  switch (code) {
    case ERROR_SUCCESS:
      return kExitOk;
    case ERROR_RASMAN_CANNOT_INITIALIZE:
    case ERROR_RASMAN_SERVICE_STOPPED:
      return kExitUnreachable;
    default:
      return kExitFailed;
  }
}

std::optional<uint32_t> parse_code(std::string_view text) {
  bool hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
  if (hex) text.remove_prefix(2);
  if (text.empty() || text.size() > (hex ? 8u : 10u)) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    int digit = c >= '0' && c <= '9'          ? c - '0'
                : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                              : -1;
    if (digit < 0) return std::nullopt;
    value = value * (hex ? 16u : 10u) + static_cast<uint64_t>(digit);
  }
  if (value > 0xFFFFFFFFu) return std::nullopt;
  return static_cast<uint32_t>(value);
}

std::vector<uint32_t> error_codes_in(std::string_view text) {
  auto separator = [](char c) {
    return c == ' ' || c == '\t' || c == ':' || c == '#' || c == '=' || c == '"';
  };
  std::vector<uint32_t> codes;
  for (size_t at = 0; at + 5 <= text.size(); ++at) {
    if (!iequals(text.substr(at, 5), "error")) continue;
    size_t i = at + 5;
    while (i < text.size() && separator(text[i])) ++i;
    size_t end = i;
    while (end < text.size() && is_alnum(text[end])) ++end;
    if (auto code = parse_code(text.substr(i, end - i))) codes.push_back(*code);
    at = end > at ? end - 1 : at;
  }
  return codes;
}

const char* version() noexcept { return OPENRAS_VERSION; }

void print_version(std::string_view program) {
  std::printf("%.*s (OpenRAS) %s\n", static_cast<int>(program.size()), program.data(), version());
}

Option help_option() { return {"help", {"--help", "-h", "/?"}, Value::kNone}; }
Option version_option() { return {"version", {"--version"}, Value::kNone}; }

bool Parsed::has(std::string_view id) const { return last(id) != nullptr; }

const Given* Parsed::last(std::string_view id) const {
  for (auto it = options.rbegin(); it != options.rend(); ++it) {
    if (it->id == id) return &*it;
  }
  return nullptr;
}

tl::expected<Parsed, std::string> parse(const Syntax& syntax, std::span<const std::string> args) {
  Parsed parsed;
  bool options_ended = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_ended) {
      parsed.operands.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }
    const Option* found = nullptr;
    Match m;
    for (const Option& option : syntax.options) {
      for (std::string_view spelling : option.spellings) {
        m = Match{};
        if (matches(spelling, arg, m)) {
          found = &option;
          break;
        }
      }
      if (found) break;
    }
    if (!found) {
      if (arg.size() > 1 && arg[0] == '-') return tl::unexpected("unknown option " + arg);
      if (syntax.windows_switches && looks_like_switch(arg)) {
        return tl::unexpected("unknown switch " + arg);
      }
      parsed.operands.push_back(arg);
      continue;
    }
    std::string typed = m.has_value ? arg.substr(0, arg.size() - m.value.size() - 1) : arg;
    if (found->value == Value::kNone && m.has_value) {
      return tl::unexpected(typed + " takes no value (\"" + arg + "\")");
    }
    if (found->value == Value::kRequired && !m.has_value) {
      std::string what = found->value_name.empty() ? "VALUE" : std::string(found->value_name);
      if (m.form == Form::kWindowsAttached) {
        return tl::unexpected(arg + " needs a value: " + arg + ":" + what);
      }
      if (i + 1 == args.size()) return tl::unexpected(arg + " needs a value: " + arg + " " + what);
      m.value = args[++i];
      m.has_value = true;
    }
    parsed.options.push_back(Given{found->id, typed, std::move(m.value), m.has_value});
  }
  return parsed;
}

std::vector<std::string> arguments(int argc, char** argv, int first) {
  std::vector<std::string> out;
  for (int i = first; i < argc; ++i) out.emplace_back(argv[i]);
  return out;
}

tl::expected<Parsed, int> parse_command_line(const Syntax& syntax, int argc, char** argv,
                                             std::string_view usage_text) {
  auto args = arguments(argc, argv);
  auto parsed = parse(syntax, args);
  if (!parsed) return tl::unexpected(usage_error(syntax.program, parsed.error()));
  if (parsed->has("help")) {
    std::fwrite(usage_text.data(), 1, usage_text.size(), stdout);
    return tl::unexpected(kExitOk);
  }
  if (parsed->has("version")) {
    print_version(syntax.program);
    return tl::unexpected(kExitOk);
  }
  return *std::move(parsed);
}

int usage_error(std::string_view program, std::string_view message) {
  std::fprintf(stderr, "%.*s: %.*s (see %.*s --help)\n", static_cast<int>(program.size()),
               program.data(), static_cast<int>(message.size()), message.data(),
               static_cast<int>(program.size()), program.data());
  return kExitUsage;
}

tl::expected<long, std::string> parse_seconds(std::string_view option, std::string_view text,
                                              long min, long max) {
  auto refuse = [&] {
    return tl::unexpected(std::string(option) + " takes a whole number of seconds from " +
                          std::to_string(min) + " to " + std::to_string(max) + ", not \"" +
                          std::string(text) + "\"");
  };
  if (text.empty() || text.size() > 9) return refuse();
  long value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return refuse();
    value = value * 10 + (c - '0');
  }
  if (value < min || value > max) return refuse();
  return value;
}

}  // namespace openras::cli
