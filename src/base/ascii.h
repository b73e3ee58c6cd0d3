// ascii.h: names compared as the phone book and Windows compare entry names: ASCII letters
// in any case, every other byte exactly (so UTF-8 text beyond ASCII compares as written).
// Thread: any.
#pragma once

#include <string>
#include <string_view>

namespace openras {

[[nodiscard]] constexpr unsigned char ascii_fold(char c) noexcept {
  auto byte = static_cast<unsigned char>(c);
  return (byte >= 'A' && byte <= 'Z') ? static_cast<unsigned char>(byte + ('a' - 'A')) : byte;
}

[[nodiscard]] constexpr bool ascii_iequal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_fold(a[i]) != ascii_fold(b[i])) return false;
  }
  return true;
}

// `text` with its ASCII letters in lower case: a key under which names that ascii_iequal
// calls equal are one.
[[nodiscard]] inline std::string ascii_folded(std::string_view text) {
  std::string key(text);
  for (char& c : key) c = static_cast<char>(ascii_fold(c));
  return key;
}

}  // namespace openras
