// allowlist.cpp: rasreg allowlist, OpenRAS's own operation on the CustomDLL allow-list
// (HKLM\System\CurrentControlSet\Services\Rasman\Parameters, REG_MULTI_SZ):
//
//   rasreg allowlist [list]      every item, each marked allowed or untrusted (and why)
//   rasreg allowlist PATH        whether that dialer is allowed (exit 0 if it is)
//   rasreg allowlist add PATH    appends PATH, keeping every other vendor's item
//   rasreg allowlist remove PATH removes exactly that item, keeping the others
//
// add and remove are one hive transaction each, so two installers running at once never
// lose each other's items (what `rasreg add ... /v CustomDLL /d PATH /f` would do: it
// replaces the whole list).
//
// --json: list prints {"value": WHERE, "items": [{"path", "allowed", "reason"?}], "notes"};
// PATH {"path", "allowed", "notes"}; add {"path", "added", "loadable", "notes",
// "succeeded"}; remove {"path", "removed", "succeeded"}.
#include <iostream>

#include "cli.h"

#include "base/utf.h"
#include "rasreg.h"
#include "registry/allowlist.h"
#include "registry/value_data.h"

namespace openras::rasreg {

namespace reg = registry;
namespace cli = openras::cli;

namespace {

const std::string kWhere = "HKEY_LOCAL_MACHINE\\" + reg::display(reg::kRasmanParametersKey);

int failed(const Error& error) {
  report(error);
  return 1;
}

// The items CustomDLL holds as written (not canonicalised), or none when the hive or the
// value cannot be used; read_allow_list's notes then say why.
std::vector<std::wstring> raw_items(reg::Registry& registry) {
  auto snapshot = registry.hive(reg::RootKey::kLocalMachine).read();
  if (!snapshot || !snapshot->untrusted.empty()) return {};
  auto path = reg::split_key_path(reg::kRasmanParametersKey);
  const reg::Key* key = path ? snapshot->tree->find(*path) : nullptr;
  const reg::Value* value = key ? key->find_value(reg::kCustomDllValue) : nullptr;
  if (!value || value->type != reg::kRegMultiSz) return {};
  return reg::split_multi_string(reg::stored_text(value->data));
}

cli::Json notes_json(const std::vector<std::string>& notes) {
  cli::Json out = cli::Json::array();
  for (const auto& text : notes) out.push_back(text);
  return out;
}

int list(reg::Registry& registry) {
  reg::AllowList effective = reg::read_allow_list(registry.paths());
  std::vector<std::wstring> items = raw_items(registry);
  std::vector<bool> used(effective.notes.size(), false);
  cli::Json listed = cli::Json::array();
  for (size_t i = 0; i < items.size(); ++i) {
    // read_allow_list names each ignored item "entry N ..." (1-based, in list order).
    const std::string label = "entry " + std::to_string(i + 1) + " \"";
    std::string why;
    for (size_t n = 0; n < effective.notes.size(); ++n) {
      if (effective.notes[n].starts_with(label)) {
        why = effective.notes[n];
        used[n] = true;
      }
    }
    cli::Json item = {{"path", reg::display(items[i])}, {"allowed", why.empty()}};
    if (!why.empty()) item["reason"] = why;
    listed.push_back(std::move(item));
    if (why.empty()) {
      say("allowed    " + reg::display(items[i]));
    } else {
      say("untrusted  " + reg::display(items[i]) + "  (" + why + ")");
    }
  }
  std::vector<std::string> other_notes;
  for (size_t n = 0; n < effective.notes.size(); ++n) {
    if (!used[n]) other_notes.push_back(effective.notes[n]);
  }
  if (json_output()) {
    emit(
        {{"value", kWhere + "\\CustomDLL"}, {"items", listed}, {"notes", notes_json(other_notes)}});
  } else {
    for (const auto& text : other_notes) note(text);
  }
  return 0;
}

int check(reg::Registry& registry, const std::string& path) {
  auto allowed = reg::is_dialer_allowed(registry.paths(), path);
  if (!allowed) return failed(allowed.error());
  std::vector<std::string> notes;
  if (!*allowed) notes = reg::read_allow_list(registry.paths()).notes;
  if (json_output()) {
    emit({{"path", path}, {"allowed", *allowed}, {"notes", notes_json(notes)}});
  } else {
    for (const auto& text : notes) note(text);
    say(path + (*allowed ? " is allowed" : " is not allowed"));
  }
  return *allowed ? 0 : 1;
}

// Applies `change` to CustomDLL's items in one transaction. `change` returns whether it
// changed them (false: nothing is written).
template <typename Change>
Status change_items(reg::Registry& registry, Change change) {
  auto key_path = reg::split_key_path(reg::kRasmanParametersKey);
  if (!key_path) return fail(key_path.error());
  return registry.hive(reg::RootKey::kLocalMachine).modify([&](reg::Key& tree) -> Result<bool> {
    reg::Key& key = tree.ensure(*key_path);
    std::vector<std::wstring> items;
    if (const reg::Value* value = key.find_value(reg::kCustomDllValue)) {
      if (value->type != reg::kRegMultiSz) {
        return fail(Errc::kInvalidArgument,
                    kWhere + "\\CustomDLL has type " + reg::type_name(value->type) +
                        ", not REG_MULTI_SZ, so it allows nothing; look at it with rasreg query "
                        "and delete it (rasreg delete ... /v CustomDLL) before adding to it");
      }
      bool trailing_ignored = false;
      items = reg::split_multi_string(reg::stored_text(value->data), &trailing_ignored);
      if (trailing_ignored) {
        // Rewriting the list would silently drop the items after the empty one.
        return fail(Errc::kInvalidArgument,
                    kWhere +
                        "\\CustomDLL has an empty item, and the items after it are "
                        "ignored; look at it with rasreg query and correct it first");
      }
    }
    auto changed = change(items);
    if (!changed || !*changed) return changed;
    auto data = reg::utf16_multi_string(items);
    if (!data) return fail(data.error());
    key.set_value(reg::Value{std::wstring(reg::kCustomDllValue), reg::kRegMultiSz, *data});
    return true;
  });
}

Result<std::wstring> item_of(const std::string& path) {
  if (path.empty() || path.front() != '/') {
    return fail(Errc::kInvalidArgument,
                "dialer path \"" + path + "\" is not absolute; give the full path");
  }
  return utf8_to_wide(path);
}

int add(reg::Registry& registry, const std::string& path) {
  auto item = item_of(path);
  if (!item) return failed(item.error());
  bool present = false;
  auto status = change_items(registry, [&](std::vector<std::wstring>& items) -> Result<bool> {
    for (const auto& existing : items) present = present || existing == *item;
    if (!present) items.push_back(*item);
    return !present;
  });
  if (!status) return failed(status.error());
  // Listed is not loadable: say at once why the loader would still refuse it.
  auto allowed = reg::is_dialer_allowed(registry.paths(), path);
  std::vector<std::string> notes;
  if (!allowed || !*allowed) {
    if (!allowed) notes.push_back(allowed.error().message);
    for (const auto& text : reg::read_allow_list(registry.paths()).notes) notes.push_back(text);
  }
  if (json_output()) {
    return succeeded({{"path", path},
                      {"added", !present},
                      {"loadable", allowed && *allowed},
                      {"notes", notes_json(notes)}});
  }
  std::cout << (present ? path + " is already listed in CustomDLL." : kSuccess) << "\n";
  if (!allowed || !*allowed) {
    std::cerr << "WARNING: " << path << " is listed, but the loader will not accept it:\n";
    for (const auto& text : notes) note(text);
  }
  return 0;
}

int remove(reg::Registry& registry, const std::string& path) {
  auto item = utf8_to_wide(path);
  if (!item) return failed(item.error());
  bool found = false;
  auto status = change_items(registry, [&](std::vector<std::wstring>& items) -> Result<bool> {
    std::erase_if(items, [&](const std::wstring& existing) {
      bool same = existing == *item;
      found = found || same;
      return same;
    });
    if (!found) {
      return fail(Errc::kNotFound, "\"" + path + "\" is not an item of " + kWhere +
                                       "\\CustomDLL (rasreg allowlist list shows them)");
    }
    return true;
  });
  if (!status) return failed(status.error());
  return succeeded({{"path", path}, {"removed", true}});
}

}  // namespace

int run_allowlist(reg::Registry& registry, const Options& options) {
  const auto& args = options.positional;
  if (args.empty() || (args.size() == 1 && args[0] == "list")) return list(registry);
  const bool changes = !args.empty() && (args[0] == "add" || args[0] == "remove");
  if (args.size() == 1 && !changes) return check(registry, args[0]);
  if (args.size() == 2 && changes) {
    if (!registry.paths().caller_is_admin()) {
      return failed(Error{
          Errc::kAccessDenied,
          "only root may change the allow-list (" + registry.paths().machine_hive() + ")", 0});
    }
    return args[0] == "add" ? add(registry, args[1]) : remove(registry, args[1]);
  }
  std::cerr << "ERROR: Invalid syntax.\nrasreg: allowlist takes list, add PATH, remove PATH or "
               "one dialer PATH to check, not \""
            << args[0] << "\" ...\n";
  return cli::kExitUsage;
}

}  // namespace openras::rasreg
