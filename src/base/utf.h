// utf.h: conversions between UTF-8 (files, the A API), wchar_t (WCHAR, UTF-32 on Linux)
// and UTF-16LE (the bytes of .reg hex(2)/hex(7) values and Windows exports).
//
// Every conversion validates: malformed UTF-8, unpaired surrogates and code points past
// U+10FFFF are errors (Errc::kNoUnicodeTranslation) naming the byte offset, never replaced
// silently. Thread-safe; no locale dependence.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "base/result.h"

namespace openras {

[[nodiscard]] Result<std::wstring> utf8_to_wide(std::string_view utf8);
[[nodiscard]] Result<std::string> wide_to_utf8(std::wstring_view wide);

// UTF-16LE bytes (an even count) to wide text; the bytes are taken as they are, so a
// terminating NUL in the input stays in the output.
[[nodiscard]] Result<std::wstring> utf16le_to_wide(std::span<const uint8_t> bytes);
[[nodiscard]] Result<std::string> wide_to_utf16le(std::wstring_view wide);

[[nodiscard]] bool is_valid_utf8(std::string_view utf8) noexcept;

// An A function's optional string argument (UTF-8, may be NULL) as wide text; NULL stays
// nullopt, invalid UTF-8 is kNoUnicodeTranslation.
[[nodiscard]] Result<std::optional<std::wstring>> utf8_arg_to_wide(const char* utf8);

// Decodes `utf8` straight into a fixed field of `capacity` (> 0) characters: as much as
// fits, always terminated, with no allocation (RasEnumConnectionsW fills RASCONNW from
// rasmand's reply this way). Malformed UTF-8 leaves the field empty. The characters written.
size_t utf8_to_wide_field(std::string_view utf8, wchar_t* dst, size_t capacity);

// Copies `text` and a terminating NUL into `dst`, which holds `capacity` characters.
// Fails with kInsufficientBuffer (nothing written) when it does not fit.
[[nodiscard]] Status copy_terminated(std::wstring_view text, wchar_t* dst, size_t capacity);
[[nodiscard]] Status copy_terminated(std::string_view text, char* dst, size_t capacity);

// The text of a fixed-size, NUL-terminated WCHAR/CHAR field; a field with no NUL is an
// error (kInvalidArgument) rather than a read past its end.
[[nodiscard]] Result<std::wstring_view> terminated_view(const wchar_t* field, size_t capacity);
[[nodiscard]] Result<std::string_view> terminated_view(const char* field, size_t capacity);

}  // namespace openras
