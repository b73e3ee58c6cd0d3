// resources.cpp: finding a module's compiled resources and its string tables.
#include "dialog/resources.h"

#include <dlfcn.h>
#include <link.h>

#include <cwctype>
#include <map>
#include <memory>
#include <mutex>

#include "base/utf.h"
#include "win32/modules.h"

namespace openras::dialog {

namespace {

Result<const OPENRAS_RESOURCE_DIRECTORY*> directory(HINSTANCE instance) {
  void* handle = instance;
  void* self = nullptr;
  if (!instance) {
    self = ::dlopen(nullptr, RTLD_NOW | RTLD_NOLOAD);
    handle = self;
  } else if (!is_module_handle(instance)) {
    return fail(Errc::kInvalidHandle, "HINSTANCE is not a loaded module's handle");
  }
  link_map* module = nullptr;
  (void)::dlinfo(handle, RTLD_DI_LINKMAP, &module);
  void* sym = ::dlsym(handle, OPENRAS_RESOURCE_SYMBOL);
  if (self) ::dlclose(self);
  link_map* owner = nullptr;
  Dl_info info{};
  if (!sym || !::dladdr1(sym, &info, reinterpret_cast<void**>(&owner), RTLD_DL_LINKMAP) ||
      owner != module) {
    return fail(Errc::kNotFound,
                "module " +
                    std::string(module && module->l_name && *module->l_name ? module->l_name
                                                                            : "(executable)") +
                    " has no resources: compile its .rc file with rasrc and "
                    "link the result into it");
  }
  auto* dir = static_cast<const OPENRAS_RESOURCE_DIRECTORY*>(sym);
  if (dir->dwVersion != OPENRAS_RESOURCE_VERSION) {
    return fail(Errc::kInvalidData, "resource directory version " + std::to_string(dir->dwVersion) +
                                        " is not " + std::to_string(OPENRAS_RESOURCE_VERSION) +
                                        ": recompile the .rc file with this rasrc");
  }
  return dir;
}

bool same_name(const wchar_t* want, const wchar_t* have) {
  if (!have) return false;
  for (; *want && *have; ++want, ++have) {
    if (std::towupper(static_cast<wint_t>(*want)) != static_cast<wint_t>(*have)) return false;
  }
  return *want == 0 && *have == 0;
}

}  // namespace

bool is_module_handle(HINSTANCE instance) { return win32::is_loaded_module(instance); }

Result<std::span<const uint8_t>> find_resource(HINSTANCE instance, uint16_t type,
                                               const wchar_t* name) {
  auto dir = directory(instance);
  if (!dir) return fail(dir.error());
  uint16_t id = 0;
  bool by_id = IS_INTRESOURCE(name);
  if (by_id) {
    id = static_cast<uint16_t>(reinterpret_cast<uintptr_t>(name));
  } else if (name[0] == L'#') {
    id = static_cast<uint16_t>(std::wcstoul(name + 1, nullptr, 10));
    by_id = true;
  }
  for (DWORD i = 0; i < (*dir)->cResources; ++i) {
    const OPENRAS_RESOURCE& r = (*dir)->pResources[i];
    if (r.wType != type) continue;
    if (by_id ? (r.pszName == nullptr && r.wId == id) : same_name(name, r.pszName)) {
      return std::span<const uint8_t>(r.pbData, r.cbData);
    }
  }
  std::string what = by_id ? std::to_string(id) : wide_to_utf8(name).value_or("?");
  return fail(Errc::kNotFound, std::string(type == 5 ? "dialog" : "resource") + " " + what +
                                   " is not among the module's resources");
}

Result<const std::wstring*> load_string(HINSTANCE instance, unsigned id) {
  static std::mutex mutex;
  static auto* cache = new std::map<std::pair<HINSTANCE, unsigned>, std::unique_ptr<std::wstring>>;
  std::lock_guard lock(mutex);
  auto key = std::make_pair(instance, id);
  if (auto it = cache->find(key); it != cache->end()) return it->second.get();
  // String tables come in blocks of 16 (L-RCSTR): block id (id >> 4) + 1, slot id & 15.
  auto block = find_resource(instance, 6, MAKEINTRESOURCEW((id >> 4) + 1));
  if (!block) return fail(block.error());
  std::span<const uint8_t> b = *block;
  size_t pos = 0;
  for (unsigned slot = 0; slot <= (id & 15); ++slot) {
    if (pos + 2 > b.size()) return fail(Errc::kInvalidData, "string table block is truncated");
    size_t len = b[pos] | (static_cast<size_t>(b[pos + 1]) << 8);
    pos += 2;
    if (pos + 2 * len > b.size())
      return fail(Errc::kInvalidData, "string table block is truncated");
    if (slot == (id & 15)) {
      if (len == 0)
        return fail(Errc::kNotFound, "string " + std::to_string(id) + " does not exist");
      auto text = utf16le_to_wide(b.subspan(pos, 2 * len));
      if (!text) return fail(text.error());
      auto stored = std::make_unique<std::wstring>(std::move(*text));
      const std::wstring* out = stored.get();
      cache->emplace(key, std::move(stored));
      return out;
    }
    pos += 2 * len;
  }
  return fail(Errc::kNotFound, "string " + std::to_string(id) + " does not exist");
}

}  // namespace openras::dialog
