// allowlist.cpp: the CustomDLL allow-list (see allowlist.h).
#include "registry/allowlist.h"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

#include "base/fs.h"
#include "base/log.h"
#include "base/utf.h"
#include "registry/registry.h"
#include "registry/value_data.h"

namespace openras::registry {

namespace {

Result<std::string> canonical(const std::string& path) {
  char resolved[PATH_MAX];
  if (!::realpath(path.c_str(), resolved)) return fail_errno(errno, path);
  return std::string(resolved);
}

void note(AllowList& list, std::string text) {
  LOG_DEBUG("registry: CustomDLL allow-list: %s", text.c_str());
  list.notes.push_back(std::move(text));
}

// The raw items of CustomDLL, or nothing (with a note) when there is no usable value.
std::optional<std::vector<std::wstring>> read_items(const Paths& paths, AllowList& list) {
  const std::string where = "HKEY_LOCAL_MACHINE\\" + display(kRasmanParametersKey);
  auto snapshot = registry_for(paths)->hive(RootKey::kLocalMachine).read();
  if (!snapshot) {
    note(list, "the hive cannot be read, so no dialer is allowed: " + snapshot.error().message);
    return std::nullopt;
  }
  if (!snapshot->untrusted.empty()) {
    note(list, "the hive is not trusted, so no dialer is allowed: " + snapshot->untrusted);
    return std::nullopt;
  }
  auto path = split_key_path(kRasmanParametersKey);
  const Key* key = path ? snapshot->tree->find(*path) : nullptr;
  const Value* value = key ? key->find_value(kCustomDllValue) : nullptr;
  if (!value) {
    note(list, where + " has no CustomDLL value, so no dialer is allowed");
    return std::nullopt;
  }
  if (value->type != kRegMultiSz) {
    note(list, where + "\\CustomDLL has type " + type_name(value->type) +
                   "; only REG_MULTI_SZ is used, so no dialer is allowed");
    return std::nullopt;
  }
  bool trailing_ignored = false;
  auto items = split_multi_string(stored_text(value->data), &trailing_ignored);
  if (trailing_ignored) {
    note(list, "CustomDLL has an empty item; the items after it are ignored, as Windows does");
  }
  return items;
}

}  // namespace

AllowList read_allow_list(const Paths& paths) {
  AllowList list;
  auto items = read_items(paths, list);
  if (!items) return list;
  for (size_t i = 0; i < items->size(); ++i) {
    auto utf8 = wide_to_utf8((*items)[i]);
    std::string label = "entry " + std::to_string(i + 1) + " \"" + display((*items)[i]) + "\"";
    if (!utf8) {
      note(list, label + " is not valid Unicode; ignored");
      continue;
    }
    if (utf8->empty() || utf8->front() != '/') {
      note(list, label + " is not an absolute path; ignored");
      continue;
    }
    auto resolved = canonical(*utf8);
    if (!resolved) {
      note(list, label + " cannot be resolved (" + std::strerror(resolved.error().sys_errno) +
                     "); ignored");
      continue;
    }
    // An item is taken as written, never through links: an item passing through a link
    // someone else controls would allow whatever that person points it at.
    if (*resolved != *utf8) {
      note(list, label + " goes through a symbolic link or is not canonical (it resolves to " +
                     *resolved + "); list the real path; ignored");
      continue;
    }
    auto trusted =
        open_trusted_absolute(*resolved, [&](uid_t uid) { return paths.trusted_owner(uid); });
    if (!trusted) {
      note(list, label + " is refused: " + trusted.error().message + "; ignored");
      continue;
    }
    bool duplicate = false;
    for (const auto& entry : list.entries) duplicate = duplicate || entry == *resolved;
    if (!duplicate) list.entries.push_back(std::move(*resolved));
  }
  return list;
}

Result<bool> is_dialer_allowed(const Paths& paths, std::string_view path) {
  if (path.empty() || path.front() != '/') {
    return fail(Errc::kInvalidArgument,
                "dialer path \"" + std::string(path) + "\" is not absolute; give the full path");
  }
  auto resolved = canonical(std::string(path));
  if (!resolved) return fail(resolved.error());
  AllowList list = read_allow_list(paths);
  for (const auto& entry : list.entries) {
    if (entry == *resolved) return true;
  }
  LOG_DEBUG("registry: dialer %s (%s) is not in the CustomDLL allow-list",
            std::string(path).c_str(), resolved->c_str());
  return false;
}

}  // namespace openras::registry
