// command_line.cpp: rasreg's option and key-name parsing, prompts and error reports.
#include <strings.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "base/utf.h"
#include "rasreg.h"

namespace openras::rasreg {

namespace {

struct OptionSpec {
  const char* operation;
  const char* name;
  bool takes_argument;
};

constexpr OptionSpec kOptionSpecs[] = {
    {"query", "v", true},    {"query", "ve", false}, {"query", "s", false},
    {"query", "se", true},   {"add", "v", true},     {"add", "ve", false},
    {"add", "t", true},      {"add", "s", true},     {"add", "d", true},
    {"add", "f", false},     {"delete", "v", true},  {"delete", "ve", false},
    {"delete", "va", false}, {"delete", "f", false}, {"export", "y", false},
};

const OptionSpec* find_option(std::string_view operation, const std::string& arg) {
  if (arg.size() < 2 || (arg[0] != '/' && arg[0] != '-')) return nullptr;
  for (const auto& spec : kOptionSpecs) {
    if (operation == spec.operation && strcasecmp(arg.c_str() + 1, spec.name) == 0) return &spec;
  }
  return nullptr;
}

}  // namespace

Result<Options> parse_options(std::string_view operation, const std::vector<std::string>& args) {
  Options options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "/?" || arg == "-?" || arg == "--help") {
      options.help = true;
      continue;
    }
    const OptionSpec* spec = find_option(operation, arg);
    if (!spec) {
      if (arg.size() > 1 && arg[0] == '-') {
        return fail(Errc::kInvalidArgument, "unknown option " + arg);
      }
      options.positional.push_back(arg);
      continue;
    }
    std::string name = spec->name;
    std::string value;
    if (spec->takes_argument) {
      if (i + 1 == args.size()) return fail(Errc::kInvalidArgument, arg + " needs a value");
      value = args[++i];
    }
    if (name == "v") {
      options.value_name = value;
    } else if (name == "ve") {
      options.default_value = true;
    } else if (name == "va") {
      options.all_values = true;
    } else if (name == "s" && operation == "query") {
      options.recursive = true;
    } else if (name == "s" || name == "se") {
      options.separator = value;
    } else if (name == "t") {
      options.type = value;
    } else if (name == "d") {
      options.data = value;
    } else if (name == "f") {
      options.force = true;
    } else if (name == "y") {
      options.overwrite = true;
    }
  }
  if (options.value_name && options.default_value) {
    return fail(Errc::kInvalidArgument, "/v and /ve cannot be used together");
  }
  if (options.all_values && (options.value_name || options.default_value)) {
    return fail(Errc::kInvalidArgument, "/va cannot be used with /v or /ve");
  }
  return options;
}

Result<KeyName> parse_key_name(std::string_view text) {
  if (text.starts_with("\\\\")) {
    return fail(
        Errc::kInvalidArgument,
        "remote registries (\\\\machine\\...) are not supported: \"" + std::string(text) + "\"");
  }
  auto wide = utf8_to_wide(text);
  if (!wide) return fail(wide.error());
  std::wstring_view rest = *wide;
  size_t slash = rest.find(L'\\');
  auto root = registry::root_from_name(rest.substr(0, slash));
  if (!root) {
    return fail(Errc::kInvalidArgument,
                "invalid key name \"" + std::string(text) +
                    "\": it must start with HKLM or HKCU (HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER)");
  }
  KeyName key{*root, {}};
  if (slash != std::wstring_view::npos) {
    auto path = registry::split_key_path(rest.substr(slash + 1));
    if (!path) return fail(path.error());
    key.path = std::move(*path);
  }
  for (const auto& name : key.path) {
    if (auto ok = registry::validate_key_name(name); !ok) return fail(ok.error());
  }
  return key;
}

std::string key_text(registry::RootKey root, const registry::KeyPath& path) {
  std::string out(registry::root_name_utf8(root));
  for (const auto& name : path) out += "\\" + registry::display(name);
  return out;
}

bool confirm(const std::string& question) {
  std::cout << question << " " << std::flush;
  std::string answer;
  if (!std::getline(std::cin, answer)) {
    std::cout << "\n";
    return false;
  }
  return !answer.empty() && (answer[0] == 'y' || answer[0] == 'Y');
}

void report(const Error& error) {
  switch (error.code) {
    case Errc::kAccessDenied:
      std::cerr << "ERROR: Access is denied.\n";
      break;
    case Errc::kNotFound:
      std::cerr << "ERROR: The system was unable to find the specified registry key or value.\n";
      break;
    case Errc::kInvalidArgument:
      std::cerr << "ERROR: Invalid syntax.\n";
      break;
    default:
      std::cerr << "ERROR: " << error.message << "\n";
      return;
  }
  std::cerr << "rasreg: " << error.message << "\n";
}

void warn_if_untrusted(registry::Registry& registry, registry::RootKey root) {
  if (root != registry::RootKey::kLocalMachine) return;
  auto snapshot = registry.hive(root).read();
  if (snapshot && !snapshot->untrusted.empty()) {
    std::cerr << "WARNING: the HKEY_LOCAL_MACHINE hive is not trusted and is treated as empty: "
              << snapshot->untrusted << "\n";
  }
}

}  // namespace openras::rasreg
