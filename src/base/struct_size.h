// struct_size.h: reading versioned Windows structures by their dwSize.
//
// A caller built for an older WINVER passes a smaller dwSize; only the fields inside it are
// read or written.
#pragma once

#include <cstddef>
#include <initializer_list>

#include "windows.h"

namespace openras {

[[nodiscard]] constexpr bool size_is_one_of(DWORD size, std::initializer_list<size_t> sizes) {
  for (size_t s : sizes) {
    if (size == s) return true;
  }
  return false;
}

}  // namespace openras

// Whether a field lies wholly inside a structure of `size` bytes. (`type` and `field` are
// names, which cannot be parenthesized.)
// NOLINTBEGIN(bugprone-macro-parentheses)
#define OPENRAS_HAS_FIELD(size, type, field) \
  ((size) >= offsetof(type, field) + sizeof(static_cast<type*>(nullptr)->field))
// NOLINTEND(bugprone-macro-parentheses)
