// reg_enum_out.h: RegEnumKeyEx and RegEnumValue for both character widths. The W and A
// functions differ only in how a name is copied out (WCHARs, or UTF-8 bytes) and in the
// charset string data is returned in; everything else is one template.
#pragma once

#include <cstring>
#include <string>

#include "registry/reg_abi.h"
#include "windows.h"

namespace openras::registry {

// Copies a name into a buffer of *capacity characters (bytes for char), the NUL included;
// on success *capacity becomes the length without the NUL.
inline DWORD copy_name_out(const std::wstring& name, wchar_t* buffer, DWORD* capacity) {
  if (name.size() >= *capacity) return ERROR_MORE_DATA;
  std::memcpy(buffer, name.c_str(), (name.size() + 1) * sizeof(wchar_t));
  *capacity = static_cast<DWORD>(name.size());
  return ERROR_SUCCESS;
}

inline DWORD copy_name_out(const std::wstring& name, char* buffer, DWORD* capacity) {
  std::string utf8 = display(name);
  if (utf8.size() >= *capacity) return ERROR_MORE_DATA;
  std::memcpy(buffer, utf8.c_str(), utf8.size() + 1);
  *capacity = static_cast<DWORD>(utf8.size());
  return ERROR_SUCCESS;
}

template <class Char>
inline constexpr Charset kCharsetOf = sizeof(Char) == 1 ? Charset::kUtf8 : Charset::kWide;

template <class Char>
DWORD enum_key_out(HKEY key, DWORD index, Char* name, DWORD* name_chars, DWORD* reserved,
                   Char* key_class, DWORD* class_chars, FILETIME* last_write) {
  if (!name || !name_chars || reserved) return ERROR_INVALID_PARAMETER;
  auto item = enum_key(key, index);
  if (!item) return item.error();
  if (last_write) *last_write = item->last_write;
  if (key_class && class_chars && *class_chars == 0) return ERROR_MORE_DATA;
  if (DWORD code = copy_name_out(item->name, name, name_chars); code != ERROR_SUCCESS) return code;
  if (class_chars) *class_chars = 0;  // keys have no class
  if (key_class) key_class[0] = Char{};
  return ERROR_SUCCESS;
}

template <class Char>
DWORD enum_value_out(HKEY key, DWORD index, Char* name, DWORD* name_chars, DWORD* reserved,
                     DWORD* type, BYTE* data, DWORD* data_size) {
  if ((data && !data_size) || reserved || !name || !name_chars) return ERROR_INVALID_PARAMETER;
  auto value = enum_value(key, index, kCharsetOf<Char>);
  if (!value) return value.error();
  if (DWORD code = copy_name_out(value->name, name, name_chars); code != ERROR_SUCCESS) {
    if (type) *type = value->type;
    if (data_size) *data_size = static_cast<DWORD>(value->data.size());
    return code;
  }
  return copy_value_out(*value, kCharsetOf<Char>, type, data, data_size);
}

}  // namespace openras::registry
