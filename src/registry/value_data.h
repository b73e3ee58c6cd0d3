// value_data.h: value data between its stored form (Windows' bytes: strings in UTF-16LE)
// and what callers see: wchar_t text for the W API, UTF-8 for the A API and for people.
//
// Thread-safe (reads the environment for expansion only).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace openras::registry {

// Windows' value types (winnt.h); repeated here so the store needs no SDK header.
inline constexpr uint32_t kRegNone = 0;
inline constexpr uint32_t kRegSz = 1;
inline constexpr uint32_t kRegExpandSz = 2;
inline constexpr uint32_t kRegBinary = 3;
inline constexpr uint32_t kRegDword = 4;
inline constexpr uint32_t kRegDwordBigEndian = 5;
inline constexpr uint32_t kRegLink = 6;
inline constexpr uint32_t kRegMultiSz = 7;
inline constexpr uint32_t kRegQword = 11;

// The types whose data is text (UTF-16LE on disk), converted at the API.
[[nodiscard]] constexpr bool is_string_type(uint32_t type) noexcept {
  return type == kRegSz || type == kRegExpandSz || type == kRegMultiSz;
}

// "REG_SZ", ..., or "0x1234" for a type without a name.
[[nodiscard]] std::string type_name(uint32_t type);

enum class Charset {
  kWide,  // wchar_t units, as the W functions exchange them
  kUtf8,  // UTF-8 bytes, as the A functions exchange them
};

// Stored bytes → the caller's form. String types are converted (NULs included, so a
// REG_MULTI_SZ keeps its double NUL); other types are returned unchanged.
[[nodiscard]] std::string to_api(uint32_t type, std::string_view stored, Charset charset);
// The caller's bytes → stored form. Fails with kInvalidArgument when wide data is not a
// whole number of wchar_t, kNoUnicodeTranslation when the text is not valid Unicode.
[[nodiscard]] Result<std::string> from_api(uint32_t type, std::span<const uint8_t> data,
                                           Charset charset);

// UTF-16LE bytes of `text` followed by one NUL (REG_SZ's stored form).
[[nodiscard]] Result<std::string> utf16_string(std::wstring_view text);
// REG_MULTI_SZ's stored form: each item and its NUL, then the final NUL. An empty list
// is a single NUL, as Windows writes it.
[[nodiscard]] Result<std::string> utf16_multi_string(const std::vector<std::wstring>& items);

// The items of REG_MULTI_SZ text (wide, NULs included): they end at the first empty
// item, as every Windows reader of the type stops there; `*trailing_ignored` is set when
// non-empty text followed that empty item.
[[nodiscard]] std::vector<std::wstring> split_multi_string(std::wstring_view text,
                                                           bool* trailing_ignored = nullptr);
// Text of a stored string value without its terminating NUL(s), for display.
[[nodiscard]] std::wstring stored_text(std::string_view stored);

// ExpandEnvironmentStrings: each %NAME% whose variable is set is replaced by its value;
// anything else, unmatched % included, is kept as it is. Names are case-sensitive, as
// the environment is on Linux.
[[nodiscard]] std::wstring expand_environment(std::wstring_view text);

}  // namespace openras::registry
