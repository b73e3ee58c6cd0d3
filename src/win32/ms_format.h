// ms_format.h: Microsoft's printf format semantics on glibc's printf.
//
// Windows sources format with Microsoft's rules, which differ from ISO C where it matters
// on Linux: in the wprintf family `%s` and `%c` take WIDE arguments and `%S`/`%C` narrow
// ones (the reverse of the printf family); `%hs`/`%hc` are always narrow and `%ls`/`%lc`/
// `%ws`/`%wc` always wide; `long` is 32 bits, so `%ld`/`%lu`/`%lx` take a LONG or DWORD;
// `%I64d`, `%I32d` and `%Id` name 64-bit, 32-bit and pointer-sized integers. `%n` is
// refused, as Microsoft's CRT refuses it by default.
//
// translate_format rewrites such a format into glibc's with the same arguments, one
// directive at a time; format_narrow/format_wide then format with it. Narrow text is
// UTF-8 (OpenRAS's ANSI code page) whatever the process locale: a wide string printed
// into narrow text, or a narrow one into wide text, is converted as UTF-8, and numbers use
// the "C" locale's decimal point, as a Windows program that never calls setlocale sees.
// Threads: everything here is thread-safe.
#pragma once

#include <locale.h>

#include <cstdarg>
#include <string>
#include <string_view>

#include "base/result.h"

namespace openras::win32 {

// Which family a format belongs to: printf (char text) or wprintf (wchar_t text).
enum class Family { kNarrow, kWide };

// The glibc format with the meaning Microsoft gives `format` in `family`. An unknown
// conversion, `%n`, a positional argument or a directive cut short is kInvalidArgument,
// naming the directive and its offset.
[[nodiscard]] Result<std::string> translate_format(std::string_view format);
[[nodiscard]] Result<std::wstring> translate_format(std::wstring_view format);

// The whole formatted text, any length. Errors: the format's (above), or
// kNoUnicodeTranslation when an argument string cannot be converted.
[[nodiscard]] Result<std::string> format_narrow(const char* format, va_list args);
[[nodiscard]] Result<std::wstring> format_wide(const wchar_t* format, va_list args);

// The locale formatting and CompareString use: C.UTF-8 ("C" where it does not exist).
[[nodiscard]] locale_t utf8_c_locale();

}  // namespace openras::win32
