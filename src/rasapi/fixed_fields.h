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

// The same from UTF-8 text (a ConnectionIdentity's, or a view of one in rasmand's reply): it
// becomes wide here, at the C ABI, decoded straight into the field with no string between.
// Malformed UTF-8 leaves the field empty.
template <std::size_t N>
void put(WCHAR (&field)[N], std::string_view utf8) {
  (void)utf8_to_wide_field(utf8, field, N);
}

template <std::size_t N>
void put(CHAR (&field)[N], std::string_view utf8) {
  std::size_t n = std::min(utf8.size(), N - 1);
  utf8.copy(field, n);
  field[n] = '\0';
}

}  // namespace openras::rasapi
