// reg_handles.cpp: the handle table, predefined keys and access rights (see reg_abi.h).
#include <cstdint>
#include <mutex>
#include <unordered_map>

#include "base/log.h"
#include "registry/reg_abi.h"

namespace openras::registry {

namespace {

// Rights that change a key; only these are refused on a root the caller may not write.
constexpr REGSAM kWriteRights =
    KEY_SET_VALUE | KEY_CREATE_SUB_KEY | KEY_CREATE_LINK | DELETE | WRITE_DAC | WRITE_OWNER;

class HandleTable {
 public:
  HKEY add(KeyRef ref) {
    std::lock_guard lock(mutex_);
    // Small multiples of 4, like Windows handles, never near the predefined 0x8000000x.
    next_ += 4;
    handles_.emplace(next_, std::make_shared<const KeyRef>(std::move(ref)));
    return reinterpret_cast<HKEY>(next_);
  }

  std::shared_ptr<const KeyRef> find(HKEY key) {
    std::lock_guard lock(mutex_);
    auto it = handles_.find(reinterpret_cast<uintptr_t>(key));
    return it == handles_.end() ? nullptr : it->second;
  }

  bool erase(HKEY key) {
    std::lock_guard lock(mutex_);
    return handles_.erase(reinterpret_cast<uintptr_t>(key)) > 0;
  }

 private:
  std::mutex mutex_;
  uintptr_t next_ = 0x1000;
  std::unordered_map<uintptr_t, std::shared_ptr<const KeyRef>> handles_;
};

HandleTable& table() {
  static HandleTable instance;
  return instance;
}

}  // namespace

DWORD abi_code(const char* function, const Error& error) {
  LOG_DEBUG("%s: %s", function, error.message.c_str());
  return win32_code(error);
}

bool is_predefined(HKEY key) noexcept {
  auto value = reinterpret_cast<uintptr_t>(key);
  return value >= reinterpret_cast<uintptr_t>(HKEY_CLASSES_ROOT) &&
         value <= reinterpret_cast<uintptr_t>(HKEY_PERFORMANCE_NLSTEXT);
}

bool may_write(const Registry& registry, RootKey root) {
  return root == RootKey::kCurrentUser || registry.paths().caller_is_admin();
}

AbiResult<REGSAM> grant_access(const Registry& registry, RootKey root, REGSAM desired) {
  REGSAM wanted = desired & ~static_cast<REGSAM>(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE |
                                                 GENERIC_ALL | MAXIMUM_ALLOWED | KEY_WOW64_RES);
  if (desired & GENERIC_READ) wanted |= KEY_READ;
  if (desired & GENERIC_EXECUTE) wanted |= KEY_EXECUTE;
  if (desired & GENERIC_WRITE) wanted |= KEY_WRITE;
  if (desired & GENERIC_ALL) wanted |= KEY_ALL_ACCESS;
  REGSAM allowed = may_write(registry, root) ? KEY_ALL_ACCESS : KEY_READ;
  if (desired & MAXIMUM_ALLOWED) return allowed;
  if (wanted & kWriteRights & ~allowed) {
    LOG_DEBUG("registry: write access 0x%x to %s refused: only root may change it", desired,
              root_name_utf8(root).data());
    return abi_fail(ERROR_ACCESS_DENIED);
  }
  return wanted;
}

AbiResult<std::shared_ptr<const KeyRef>> resolve_key(HKEY key) {
  if (key == HKEY_LOCAL_MACHINE || key == HKEY_CURRENT_USER) {
    auto registry = process_registry();
    if (!registry) return abi_fail(abi_code("registry", registry.error()));
    RootKey root = key == HKEY_LOCAL_MACHINE ? RootKey::kLocalMachine : RootKey::kCurrentUser;
    REGSAM access = may_write(**registry, root) ? KEY_ALL_ACCESS : KEY_READ;
    return std::make_shared<const KeyRef>(KeyRef{*registry, root, {}, access});
  }
  auto ref = key ? table().find(key) : nullptr;
  if (!ref) return abi_fail(ERROR_INVALID_HANDLE);
  return ref;
}

HKEY add_handle(KeyRef ref) { return table().add(std::move(ref)); }

bool close_handle(HKEY key) { return table().erase(key); }

AbiResult<KeyView> view_key(const KeyRef& ref, const KeyPath& below) {
  auto snapshot = ref.registry->hive(ref.root).read();
  if (!snapshot) return abi_fail(abi_code("registry", snapshot.error()));
  KeyView view{std::move(*snapshot), nullptr};
  view.key = view.snapshot.tree->find(ref.path);
  if (!view.key) return abi_fail(ERROR_KEY_DELETED);
  if (!below.empty()) {
    view.key = view.key->find(below);
    if (!view.key) return abi_fail(ERROR_FILE_NOT_FOUND);
  }
  return view;
}

AbiResult<KeyPath> subkey_path(const wchar_t* subkey) {
  if (!subkey) return KeyPath{};
  if (*subkey == L'\\') return abi_fail(ERROR_BAD_PATHNAME);
  auto path = split_key_path(subkey);
  if (!path) return abi_fail(abi_code("registry", path.error()));
  return std::move(*path);
}

}  // namespace openras::registry
