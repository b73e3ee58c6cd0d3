// reg_api_a.cpp: the exported A Reg functions: the W functions' semantics with UTF-8
// names and UTF-8 string data (sizes in bytes). Invalid UTF-8 in a name is
// ERROR_NO_UNICODE_TRANSLATION.
#include <cstring>
#include <optional>

#include "base/c_abi.h"
#include "base/utf.h"
#include "registry/reg_abi.h"
#include "registry/reg_enum_out.h"
#include "windows.h"

namespace reg = openras::registry;
using openras::abi_call;

namespace {

// A narrow argument made wide; NULL stays NULL.
class Wide {
 public:
  [[nodiscard]] static reg::AbiResult<Wide> from(const char* utf8) {
    Wide out;
    if (!utf8) return out;
    auto wide = openras::utf8_to_wide(utf8);
    if (!wide) return reg::abi_fail(ERROR_NO_UNICODE_TRANSLATION);
    out.text_ = std::move(*wide);
    return out;
  }
  [[nodiscard]] const wchar_t* get() const { return text_ ? text_->c_str() : nullptr; }

 private:
  std::optional<std::wstring> text_;
};

LSTATUS status(DWORD code) { return static_cast<LSTATUS>(code); }

}  // namespace

extern "C" {

LSTATUS APIENTRY RegOpenKeyExA(HKEY hKey, LPCSTR lpSubKey, DWORD ulOptions, REGSAM samDesired,
                               PHKEY phkResult) {
  return status(abi_call(__func__, [&]() -> DWORD {
    auto subkey = Wide::from(lpSubKey);
    if (!subkey) return subkey.error();
    return reg::open_key(hKey, subkey->get(), ulOptions, samDesired, phkResult);
  }));
}

LSTATUS APIENTRY RegCreateKeyExA(HKEY hKey, LPCSTR lpSubKey, DWORD Reserved, LPSTR lpClass,
                                 DWORD dwOptions, REGSAM samDesired,
                                 const LPSECURITY_ATTRIBUTES lpSecurityAttributes, PHKEY phkResult,
                                 LPDWORD lpdwDisposition) {
  (void)lpClass;
  (void)lpSecurityAttributes;
  return status(abi_call(__func__, [&]() -> DWORD {
    auto subkey = Wide::from(lpSubKey);
    if (!subkey) return subkey.error();
    return reg::create_key(hKey, subkey->get(), Reserved, dwOptions, samDesired, phkResult,
                           lpdwDisposition);
  }));
}

LSTATUS APIENTRY RegDeleteKeyA(HKEY hKey, LPCSTR lpSubKey) {
  return status(abi_call(__func__, [&]() -> DWORD {
    auto subkey = Wide::from(lpSubKey);
    if (!subkey) return subkey.error();
    return reg::delete_key(hKey, subkey->get());
  }));
}

LSTATUS APIENTRY RegQueryValueExA(HKEY hKey, LPCSTR lpValueName, LPDWORD lpReserved, LPDWORD lpType,
                                  LPBYTE lpData, LPDWORD lpcbData) {
  return status(abi_call(__func__, [&]() -> DWORD {
    if ((lpData && !lpcbData) || lpReserved) return ERROR_INVALID_PARAMETER;
    auto name = Wide::from(lpValueName);
    if (!name) return name.error();
    auto value = reg::read_value(hKey, nullptr, name->get(), reg::Charset::kUtf8);
    if (!value) return value.error();
    return reg::copy_value_out(*value, reg::Charset::kUtf8, lpType, lpData, lpcbData);
  }));
}

LSTATUS APIENTRY RegSetValueExA(HKEY hKey, LPCSTR lpValueName, DWORD Reserved, DWORD dwType,
                                const BYTE* lpData, DWORD cbData) {
  (void)Reserved;
  return status(abi_call(__func__, [&]() -> DWORD {
    auto name = Wide::from(lpValueName);
    if (!name) return name.error();
    return reg::set_value(hKey, name->get(), dwType, lpData, cbData, reg::Charset::kUtf8);
  }));
}

LSTATUS APIENTRY RegDeleteValueA(HKEY hKey, LPCSTR lpValueName) {
  return status(abi_call(__func__, [&]() -> DWORD {
    auto name = Wide::from(lpValueName);
    if (!name) return name.error();
    return reg::delete_value(hKey, name->get());
  }));
}

LSTATUS APIENTRY RegEnumKeyExA(HKEY hKey, DWORD dwIndex, LPSTR lpName, LPDWORD lpcchName,
                               LPDWORD lpReserved, LPSTR lpClass, LPDWORD lpcchClass,
                               PFILETIME lpftLastWriteTime) {
  return status(abi_call(__func__, [&] {
    return reg::enum_key_out(hKey, dwIndex, lpName, lpcchName, lpReserved, lpClass, lpcchClass,
                             lpftLastWriteTime);
  }));
}

LSTATUS APIENTRY RegEnumValueA(HKEY hKey, DWORD dwIndex, LPSTR lpValueName, LPDWORD lpcchValueName,
                               LPDWORD lpReserved, LPDWORD lpType, LPBYTE lpData,
                               LPDWORD lpcbData) {
  return status(abi_call(__func__, [&] {
    return reg::enum_value_out(hKey, dwIndex, lpValueName, lpcchValueName, lpReserved, lpType,
                               lpData, lpcbData);
  }));
}

LSTATUS APIENTRY RegGetValueA(HKEY hkey, LPCSTR lpSubKey, LPCSTR lpValue, DWORD dwFlags,
                              LPDWORD pdwType, PVOID pvData, LPDWORD pcbData) {
  return status(abi_call(__func__, [&]() -> DWORD {
    auto subkey = Wide::from(lpSubKey);
    if (!subkey) return subkey.error();
    auto name = Wide::from(lpValue);
    if (!name) return name.error();
    return reg::get_value(hkey, subkey->get(), name->get(), dwFlags, reg::Charset::kUtf8, pdwType,
                          pvData, pcbData);
  }));
}

}  // extern "C"
