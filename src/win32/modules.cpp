// modules.cpp: module names and handles (modules.h) and winbase.h's functions over them.
#include "win32/modules.h"

#include <dlfcn.h>
#include <link.h>
#include <unistd.h>

#include <climits>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "base/utf.h"
#include "windows.h"

namespace openras::win32 {

namespace {

std::mutex g_mutex;
std::map<void*, std::string>& names() {
  static auto* table = new std::map<void*, std::string>;  // outlives static destructors
  return *table;
}

link_map* main_map() {
  link_map* map = nullptr;
  void* self = ::dlopen(nullptr, RTLD_NOW | RTLD_NOLOAD);
  if (self) {
    (void)::dlinfo(self, RTLD_DI_LINKMAP, &map);
    ::dlclose(self);
  }
  return map;
}

std::string executable_path() {
  char path[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", path, sizeof path);
  return n > 0 && static_cast<size_t>(n) < sizeof path ? std::string(path, static_cast<size_t>(n))
                                                       : std::string();
}

// The name of one module of the chain (the executable is `first`).
std::string name_of(link_map* map, bool first) {
  if (first) return executable_path();
  {
    std::lock_guard lock(g_mutex);
    if (auto it = names().find(map); it != names().end()) return it->second;
  }
  return map->l_name ? map->l_name : "";
}

std::string_view base_name(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool name_matches(std::string_view want, std::string_view have) {
  if (have.empty()) return false;
  if (want == have || want == base_name(have)) return true;
  // Windows adds ".dll" to a name without an extension; a Linux module ends in ".so".
  if (base_name(want).find('.') == std::string_view::npos) {
    std::string with_so = std::string(want) + ".so";
    return with_so == have || with_so == base_name(have);
  }
  return false;
}

std::optional<link_map*> find_by_name(std::string_view want) {
  bool first = true;
  for (link_map* m = main_map(); m; m = m->l_next, first = false) {
    if (name_matches(want, name_of(m, first))) return m;
  }
  return std::nullopt;
}

template <class Ch>
DWORD copy_name(const std::basic_string<Ch>& name, Ch* buffer, DWORD size) {
  if (!buffer || size == 0) {
    SetLastError(ERROR_INSUFFICIENT_BUFFER);
    return 0;
  }
  if (name.size() < size) {
    std::memcpy(buffer, name.c_str(), (name.size() + 1) * sizeof(Ch));
    return static_cast<DWORD>(name.size());
  }
  std::memcpy(buffer, name.data(), (size - 1) * sizeof(Ch));
  buffer[size - 1] = 0;
  SetLastError(ERROR_INSUFFICIENT_BUFFER);
  return size;
}

// The module's name, or nullopt (last error set).
std::optional<std::string> file_name(HMODULE module) {
  std::string name = module_file_name(module);
  if (name.empty()) {
    SetLastError(ERROR_MOD_NOT_FOUND);
    return std::nullopt;
  }
  return name;
}

HMODULE handle_by_name(const std::optional<std::string>& name) {
  if (!name) return reinterpret_cast<HMODULE>(main_map());
  auto found = find_by_name(*name);
  if (!found) {
    SetLastError(ERROR_MOD_NOT_FOUND);
    return nullptr;
  }
  return reinterpret_cast<HMODULE>(*found);
}

BOOL handle_ex(DWORD flags, const void* name_or_address, bool wide, HMODULE* module) {
  constexpr DWORD kKnown = GET_MODULE_HANDLE_EX_FLAG_PIN |
                           GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT |
                           GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS;
  if (!module || (flags & ~kKnown) != 0) {
    SetLastError(ERROR_INVALID_PARAMETER);
    return FALSE;
  }
  *module = nullptr;
  if (flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS) {
    Dl_info info{};
    link_map* map = nullptr;
    if (!name_or_address ||
        !::dladdr1(name_or_address, &info, reinterpret_cast<void**>(&map), RTLD_DL_LINKMAP) ||
        !map) {
      SetLastError(ERROR_MOD_NOT_FOUND);
      return FALSE;
    }
    *module = reinterpret_cast<HMODULE>(map);
    return TRUE;
  }
  std::optional<std::string> name;
  if (name_or_address) {
    if (wide) {
      auto utf8 = wide_to_utf8(static_cast<const wchar_t*>(name_or_address));
      if (!utf8) {
        SetLastError(ERROR_MOD_NOT_FOUND);
        return FALSE;
      }
      name = std::move(*utf8);
    } else {
      name = static_cast<const char*>(name_or_address);
    }
  }
  *module = handle_by_name(name);
  return *module ? TRUE : FALSE;
}

}  // namespace

void name_module(void* handle, std::string path) {
  std::lock_guard lock(g_mutex);
  names()[handle] = std::move(path);
}

void forget_module_path(void* handle) noexcept {
  std::lock_guard lock(g_mutex);
  names().erase(handle);
}

bool is_loaded_module(const void* handle) {
  for (link_map* m = main_map(); m; m = m->l_next) {
    if (static_cast<const void*>(m) == handle) return true;
  }
  return false;
}

std::string module_file_name(void* handle) {
  bool first = true;
  for (link_map* m = main_map(); m; m = m->l_next, first = false) {
    if (handle == nullptr || static_cast<void*>(m) == handle) return name_of(m, first);
  }
  return {};
}

}  // namespace openras::win32

using openras::win32::file_name;

extern "C" {

DWORD WINAPI GetModuleFileNameA(HMODULE hModule, LPSTR lpFilename, DWORD nSize) {
  try {
    auto name = file_name(hModule);
    return name ? openras::win32::copy_name(*name, lpFilename, nSize) : 0;
  } catch (...) {
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return 0;
  }
}

DWORD WINAPI GetModuleFileNameW(HMODULE hModule, LPWSTR lpFilename, DWORD nSize) {
  try {
    auto name = file_name(hModule);
    if (!name) return 0;
    auto wide = openras::utf8_to_wide(*name);
    if (!wide) {
      SetLastError(ERROR_NO_UNICODE_TRANSLATION);
      return 0;
    }
    return openras::win32::copy_name(*wide, lpFilename, nSize);
  } catch (...) {
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return 0;
  }
}

HMODULE WINAPI GetModuleHandleA(LPCSTR lpModuleName) {
  HMODULE module = nullptr;
  return GetModuleHandleExA(GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT, lpModuleName, &module)
             ? module
             : nullptr;
}

HMODULE WINAPI GetModuleHandleW(LPCWSTR lpModuleName) {
  HMODULE module = nullptr;
  return GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT, lpModuleName, &module)
             ? module
             : nullptr;
}

BOOL WINAPI GetModuleHandleExA(DWORD dwFlags, LPCSTR lpModuleName, HMODULE* phModule) {
  try {
    return openras::win32::handle_ex(dwFlags, lpModuleName, false, phModule);
  } catch (...) {
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return FALSE;
  }
}

BOOL WINAPI GetModuleHandleExW(DWORD dwFlags, LPCWSTR lpModuleName, HMODULE* phModule) {
  try {
    return openras::win32::handle_ex(dwFlags, lpModuleName, true, phModule);
  } catch (...) {
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return FALSE;
  }
}

BOOL WINAPI DisableThreadLibraryCalls(HMODULE hLibModule) {
  try {
    if (hLibModule && !openras::win32::module_file_name(hLibModule).empty()) return TRUE;
  } catch (...) {
  }
  SetLastError(ERROR_MOD_NOT_FOUND);
  return FALSE;
}

}  // extern "C"
