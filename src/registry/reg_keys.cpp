// reg_keys.cpp: opening, creating, deleting and enumerating keys (see reg_abi.h).
#include "base/log.h"
#include "registry/reg_abi.h"

namespace openras::registry {

namespace {

KeyPath concat(const KeyPath& base, const KeyPath& more) {
  KeyPath out = base;
  out.insert(out.end(), more.begin(), more.end());
  return out;
}

// Seconds from 1601-01-01 (FILETIME's epoch) to 1970-01-01.
constexpr uint64_t kFileTimeEpochOffset = 11644473600ull;

FILETIME to_filetime(const struct timespec& time) {
  if (time.tv_sec == 0 && time.tv_nsec == 0) return FILETIME{};
  uint64_t ticks = (static_cast<uint64_t>(time.tv_sec) + kFileTimeEpochOffset) * 10000000ull +
                   static_cast<uint64_t>(time.tv_nsec) / 100;
  return FILETIME{static_cast<DWORD>(ticks), static_cast<DWORD>(ticks >> 32)};
}

}  // namespace

DWORD open_key(HKEY parent, const wchar_t* subkey, DWORD options, REGSAM desired, HKEY* result) {
  if (!result) return ERROR_INVALID_PARAMETER;
  *result = nullptr;
  if ((!subkey || !*subkey) && is_predefined(parent)) {
    // As Windows does: the predefined handle itself, which needs no closing.
    *result = parent;
    return ERROR_SUCCESS;
  }
  if (options & ~static_cast<DWORD>(REG_OPTION_OPEN_LINK)) return ERROR_INVALID_PARAMETER;
  auto ref = resolve_key(parent);
  if (!ref) return ref.error();
  auto below = subkey_path(subkey);
  if (!below) return below.error();
  auto view = view_key(**ref, *below);
  if (!view) return view.error();
  auto access = grant_access(*(*ref)->registry, (*ref)->root, desired);
  if (!access) return access.error();
  *result =
      add_handle(KeyRef{(*ref)->registry, (*ref)->root, concat((*ref)->path, *below), *access});
  return ERROR_SUCCESS;
}

DWORD create_key(HKEY parent, const wchar_t* subkey, DWORD reserved, DWORD options, REGSAM desired,
                 HKEY* result, DWORD* disposition) {
  if (!result) return ERROR_BADKEY;
  if (reserved) return ERROR_INVALID_PARAMETER;
  if (options & ~static_cast<DWORD>(REG_LEGAL_OPTION)) return ERROR_INVALID_PARAMETER;
  // Every key is kept in its hive file: there are no volatile keys, links or backup
  // semantics to offer, and pretending would surprise the caller later.
  if (options & (REG_OPTION_VOLATILE | REG_OPTION_CREATE_LINK | REG_OPTION_BACKUP_RESTORE)) {
    return ERROR_NOT_SUPPORTED;
  }
  auto ref = resolve_key(parent);
  if (!ref) return ref.error();
  auto below = subkey_path(subkey);
  if (!below) return below.error();
  for (const auto& name : *below) {
    if (auto ok = validate_key_name(name); !ok) return abi_code(__func__, ok.error());
  }
  const KeyRef& base = **ref;
  auto access = grant_access(*base.registry, base.root, desired);
  if (!access) return access.error();
  KeyPath full = concat(base.path, *below);
  if (full.size() > kMaxKeyDepth) return ERROR_INVALID_PARAMETER;

  auto view = view_key(base);
  if (!view) return view.error();
  bool created = false;
  if (!view->key->find(*below)) {
    if (!may_write(*base.registry, base.root) || !(base.access & KEY_CREATE_SUB_KEY)) {
      return ERROR_ACCESS_DENIED;
    }
    DWORD outcome = ERROR_SUCCESS;
    auto status = base.registry->hive(base.root).modify([&](Key& tree) -> Result<bool> {
      Key* key = tree.find(base.path);
      if (!key) {
        outcome = ERROR_KEY_DELETED;
        return false;
      }
      key->ensure(*below, &created);
      return created;
    });
    if (!status) return abi_code(__func__, status.error());
    if (outcome != ERROR_SUCCESS) return outcome;
  }
  if (disposition) *disposition = created ? REG_CREATED_NEW_KEY : REG_OPENED_EXISTING_KEY;
  *result = add_handle(KeyRef{base.registry, base.root, std::move(full), *access});
  return ERROR_SUCCESS;
}

DWORD delete_key(HKEY parent, const wchar_t* subkey) {
  if (!subkey) return ERROR_INVALID_PARAMETER;
  auto ref = resolve_key(parent);
  if (!ref) return ref.error();
  auto below = subkey_path(subkey);
  if (!below) return below.error();
  const KeyRef& base = **ref;
  KeyPath full = concat(base.path, *below);
  auto view = view_key(base, *below);
  if (!view) return view.error();
  // Windows opens the key with DELETE access first, and never deletes a root or a key
  // that still has subkeys (RegDeleteTree does that).
  if (full.empty() || !may_write(*base.registry, base.root)) return ERROR_ACCESS_DENIED;
  if (view->key->child_count() > 0) return ERROR_ACCESS_DENIED;
  // A key every Windows has (hive.h) would only come back at the next read.
  if (is_default_key(base.root, full)) return ERROR_ACCESS_DENIED;
  DWORD outcome = ERROR_SUCCESS;
  auto status = base.registry->hive(base.root).modify([&](Key& tree) -> Result<bool> {
    const Key* key = tree.find(full);
    if (!key) {
      outcome = ERROR_FILE_NOT_FOUND;
      return false;
    }
    if (key->child_count() > 0) {
      outcome = ERROR_ACCESS_DENIED;
      return false;
    }
    return tree.remove(full);
  });
  if (!status) return abi_code(__func__, status.error());
  return outcome;
}

AbiResult<EnumeratedKey> enum_key(HKEY key, DWORD index) {
  auto ref = resolve_key(key);
  if (!ref) return abi_fail(ref.error());
  if (!((*ref)->access & KEY_ENUMERATE_SUB_KEYS)) return abi_fail(ERROR_ACCESS_DENIED);
  auto view = view_key(**ref);
  if (!view) return abi_fail(view.error());
  if (index >= view->key->child_count()) return abi_fail(ERROR_NO_MORE_ITEMS);
  // Keys carry no time of their own; the hive file's mtime is the latest any could have.
  return EnumeratedKey{view->key->child_at(index).name(), to_filetime(view->snapshot.modified)};
}

}  // namespace openras::registry
