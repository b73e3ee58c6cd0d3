// command_line.cpp: rasreg's option and key-name parsing, prompts and error reports.
#include <strings.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "base/utf.h"
#include "cli.h"
#include "rasreg.h"

namespace openras::rasreg {

namespace {

namespace cli = openras::cli;

struct Operation {
  std::string_view name;
  size_t min_operands, max_operands;
  const char* operands;  // for the message when the count is wrong
  std::vector<cli::Option> options;
};

// reg.exe's switches per operation, in / or - form and any case. /reg:32 and /reg:64
// (reg.exe's registry view) are accepted everywhere and ignored: OpenRAS has one view.
const std::vector<Operation>& operations() {
  using cli::Value;
  // clang-format off
  static const std::vector<Operation> kOperations = {
      {"query", 1, 1, "one key name",
       {{"v", {"/v"}, Value::kRequired},
        {"ve", {"/ve"}, Value::kNone},
        {"s", {"/s"}, Value::kNone},
        {"se", {"/se"}, Value::kRequired},
        {"t", {"/t"}, Value::kRequired},
        {"find", {"/f"}, Value::kRequired},
        {"find_keys", {"/k"}, Value::kNone},
        {"find_data", {"/d"}, Value::kNone},
        {"find_case", {"/c"}, Value::kNone},
        {"find_exact", {"/e"}, Value::kNone}}},
      {"add", 1, 1, "one key name",
       {{"v", {"/v"}, Value::kRequired},
        {"ve", {"/ve"}, Value::kNone},
        {"t", {"/t"}, Value::kRequired},
        {"separator", {"/s"}, Value::kRequired},
        {"d", {"/d"}, Value::kRequired},
        {"f", {"/f"}, Value::kNone}}},
      {"delete", 1, 1, "one key name",
       {{"v", {"/v"}, Value::kRequired},
        {"ve", {"/ve"}, Value::kNone},
        {"va", {"/va"}, Value::kNone},
        {"f", {"/f"}, Value::kNone}}},
      {"import", 1, 1, "one file name", {}},
      {"export", 2, 2, "a key name and a file name", {{"y", {"/y"}, Value::kNone}}},
      {"allowlist", 0, 2, "list, add PATH, remove PATH or one dialer PATH", {}},
      {"regsvr", 1, 1, "one dialer path", {{"u", {"/u"}, Value::kNone}}},
  };
  // clang-format on
  return kOperations;
}

}  // namespace

Result<Options> parse_options(std::string_view operation, const std::vector<std::string>& args) {
  const Operation* op = nullptr;
  for (const auto& candidate : operations()) {
    if (candidate.name == operation) op = &candidate;
  }
  if (!op) {
    return fail(Errc::kInvalidArgument, "unknown operation \"" + std::string(operation) + "\"");
  }
  cli::Syntax syntax{"rasreg", op->options, true};
  syntax.options.push_back(cli::help_option());
  syntax.options.push_back({"reg", {"/reg:"}, cli::Value::kRequired});
  syntax.options.push_back({"json", {"--json"}, cli::Value::kNone});
  auto parsed = cli::parse(syntax, args);
  if (!parsed) return fail(Errc::kInvalidArgument, parsed.error());
  Options options;
  options.help = parsed->has("help");
  if (options.help) return options;
  for (const cli::Given& given : parsed->options) {
    const std::string& value = given.value;
    if (given.id == "v") {
      options.value_name = value;
    } else if (given.id == "ve") {
      options.default_value = true;
    } else if (given.id == "va") {
      options.all_values = true;
    } else if (given.id == "s") {
      options.recursive = true;
    } else if (given.id == "se" || given.id == "separator") {
      options.separator = value;
    } else if (given.id == "t") {
      options.type = value;
    } else if (given.id == "d") {
      options.data = value;
    } else if (given.id == "f") {
      options.force = true;
    } else if (given.id == "find") {
      options.find = value;
    } else if (given.id == "find_keys") {
      options.find_keys = true;
    } else if (given.id == "find_data") {
      options.find_data = true;
    } else if (given.id == "find_case") {
      options.find_case = true;
    } else if (given.id == "find_exact") {
      options.find_exact = true;
    } else if (given.id == "u") {
      options.unregister = true;
    } else if (given.id == "json") {
      options.json = true;
    } else if (given.id == "y") {
      options.overwrite = true;
    } else if (given.id == "reg" && value != "32" && value != "64") {
      return fail(Errc::kInvalidArgument, "/reg: takes 32 or 64, not \"" + value + "\"");
    }
  }
  options.positional = std::move(parsed->operands);
  size_t count = options.positional.size();
  if (count < op->min_operands || count > op->max_operands) {
    return fail(
        Errc::kInvalidArgument,
        std::string(operation) + " takes " + op->operands +
            (count > op->max_operands ? ", not \"" + options.positional.back() + "\" too" : ""));
  }
  if (!options.find &&
      (options.find_keys || options.find_data || options.find_case || options.find_exact)) {
    return fail(Errc::kInvalidArgument, "/k, /d, /c and /e refine a search: give /f DATA too");
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

void warn_if_untrusted(registry::Registry& registry, registry::RootKey root) {
  if (root != registry::RootKey::kLocalMachine) return;
  auto snapshot = registry.hive(root).read();
  if (snapshot && !snapshot->untrusted.empty()) {
    warn("the HKEY_LOCAL_MACHINE hive is not trusted and is treated as empty: " +
         snapshot->untrusted);
  }
}

}  // namespace openras::rasreg
