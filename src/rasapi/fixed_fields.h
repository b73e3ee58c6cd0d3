// fixed_fields.h: filling the fixed-size string members of RAS structures.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "base/utf.h"
#include "windows.h"

namespace openras::rasapi {

// Copies as much of `text` as fits (always terminated): RAS fills fixed fields with names
// that were validated to fit when stored. The CHAR form is UTF-8.
template <std::size_t N>
void put(WCHAR (&field)[N], const std::wstring& text) {
  std::size_t n = std::min(text.size(), N - 1);
  text.copy(field, n);
  field[n] = L'\0';
}

template <std::size_t N>
void put(CHAR (&field)[N], const std::wstring& text) {
  auto utf8 = wide_to_utf8(text);
  std::string s = utf8 ? *utf8 : std::string();
  std::size_t n = std::min(s.size(), N - 1);
  s.copy(field, n);
  field[n] = '\0';
}

// The same from UTF-8 text (a ConnectionIdentity's): it becomes wide here, at the C ABI.
template <std::size_t N>
void put(WCHAR (&field)[N], const std::string& utf8) {
  auto wide = utf8_to_wide(utf8);
  put(field, wide ? *wide : std::wstring());
}

template <std::size_t N>
void put(CHAR (&field)[N], const std::string& utf8) {
  std::size_t n = std::min(utf8.size(), N - 1);
  utf8.copy(field, n);
  field[n] = '\0';
}

// From UTF-8 text held elsewhere: decoded straight into the field, no string in between.
template <std::size_t N>
void put_view(WCHAR (&field)[N], std::string_view utf8) {
  (void)utf8_to_wide_field(utf8, field, N);
}

template <std::size_t N>
void put_view(CHAR (&field)[N], std::string_view utf8) {
  std::size_t n = std::min(utf8.size(), N - 1);
  utf8.copy(field, n);
  field[n] = '\0';
}

}  // namespace openras::rasapi
