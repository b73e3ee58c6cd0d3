// reg_api_w.cpp: the exported W Reg functions and RegCloseKey. Thin: each validates
// the C arguments Windows validates, calls the shared operation (reg_abi.h) and copies
// the result out. Semantics and codes: docs/registry.md.
#include <cstring>

#include "base/c_abi.h"
#include "registry/reg_abi.h"
#include "registry/reg_enum_out.h"
#include "windows.h"

namespace reg = openras::registry;
using openras::abi_call;

namespace {

LSTATUS status(DWORD code) { return static_cast<LSTATUS>(code); }

}  // namespace

extern "C" {

LSTATUS APIENTRY RegOpenKeyExW(HKEY hKey, LPCWSTR lpSubKey, DWORD ulOptions, REGSAM samDesired,
                               PHKEY phkResult) {
  return status(abi_call(
      __func__, [&] { return reg::open_key(hKey, lpSubKey, ulOptions, samDesired, phkResult); }));
}

// lpClass and lpSecurityAttributes are accepted and ignored: keys have no class, and their
// security is their hive file's.
LSTATUS APIENTRY RegCreateKeyExW(HKEY hKey, LPCWSTR lpSubKey, DWORD Reserved, LPWSTR lpClass,
                                 DWORD dwOptions, REGSAM samDesired,
                                 const LPSECURITY_ATTRIBUTES lpSecurityAttributes, PHKEY phkResult,
                                 LPDWORD lpdwDisposition) {
  (void)lpClass;
  (void)lpSecurityAttributes;
  return status(abi_call(__func__, [&] {
    return reg::create_key(hKey, lpSubKey, Reserved, dwOptions, samDesired, phkResult,
                           lpdwDisposition);
  }));
}

LSTATUS APIENTRY RegCloseKey(HKEY hKey) {
  return status(abi_call(__func__, [&]() -> DWORD {
    if (!hKey) return ERROR_INVALID_HANDLE;
    if (reg::is_predefined(hKey)) return ERROR_SUCCESS;
    return reg::close_handle(hKey) ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
  }));
}

LSTATUS APIENTRY RegDeleteKeyW(HKEY hKey, LPCWSTR lpSubKey) {
  return status(abi_call(__func__, [&] { return reg::delete_key(hKey, lpSubKey); }));
}

LSTATUS APIENTRY RegQueryValueExW(HKEY hKey, LPCWSTR lpValueName, LPDWORD lpReserved,
                                  LPDWORD lpType, LPBYTE lpData, LPDWORD lpcbData) {
  return status(abi_call(__func__, [&]() -> DWORD {
    if ((lpData && !lpcbData) || lpReserved) return ERROR_INVALID_PARAMETER;
    auto value = reg::read_value(hKey, nullptr, lpValueName, reg::Charset::kWide);
    if (!value) return value.error();
    return reg::copy_value_out(*value, reg::Charset::kWide, lpType, lpData, lpcbData);
  }));
}

LSTATUS APIENTRY RegSetValueExW(HKEY hKey, LPCWSTR lpValueName, DWORD Reserved, DWORD dwType,
                                const BYTE* lpData, DWORD cbData) {
  (void)Reserved;  // ignored, as Windows does
  return status(abi_call(__func__, [&] {
    return reg::set_value(hKey, lpValueName, dwType, lpData, cbData, reg::Charset::kWide);
  }));
}

LSTATUS APIENTRY RegDeleteValueW(HKEY hKey, LPCWSTR lpValueName) {
  return status(abi_call(__func__, [&] { return reg::delete_value(hKey, lpValueName); }));
}

LSTATUS APIENTRY RegEnumKeyExW(HKEY hKey, DWORD dwIndex, LPWSTR lpName, LPDWORD lpcchName,
                               LPDWORD lpReserved, LPWSTR lpClass, LPDWORD lpcchClass,
                               PFILETIME lpftLastWriteTime) {
  return status(abi_call(__func__, [&] {
    return reg::enum_key_out(hKey, dwIndex, lpName, lpcchName, lpReserved, lpClass, lpcchClass,
                             lpftLastWriteTime);
  }));
}

LSTATUS APIENTRY RegEnumValueW(HKEY hKey, DWORD dwIndex, LPWSTR lpValueName, LPDWORD lpcchValueName,
                               LPDWORD lpReserved, LPDWORD lpType, LPBYTE lpData,
                               LPDWORD lpcbData) {
  return status(abi_call(__func__, [&] {
    return reg::enum_value_out(hKey, dwIndex, lpValueName, lpcchValueName, lpReserved, lpType,
                               lpData, lpcbData);
  }));
}

LSTATUS APIENTRY RegGetValueW(HKEY hkey, LPCWSTR lpSubKey, LPCWSTR lpValue, DWORD dwFlags,
                              LPDWORD pdwType, PVOID pvData, LPDWORD pcbData) {
  return status(abi_call(__func__, [&] {
    return reg::get_value(hkey, lpSubKey, lpValue, dwFlags, reg::Charset::kWide, pdwType, pvData,
                          pcbData);
  }));
}

}  // extern "C"
