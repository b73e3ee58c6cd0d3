// ms_format.cpp: Microsoft printf formats on glibc (rules in ms_format.h).
#include "win32/ms_format.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

#include <cerrno>
#include <memory>

namespace openras::win32 {

namespace {

// The size a directive's conversion reads, as Microsoft spells it.
enum class Size { kNone, kShort, kChar, kLong, kLongLong, kWide, kInt32, kInt64, kPointer, kOther };

template <class Ch>
std::string printable(std::basic_string_view<Ch> directive) {
  std::string out;
  for (Ch c : directive) {
    auto u = static_cast<unsigned long>(c);
    out += u >= 0x20 && u < 0x7f ? static_cast<char>(u) : '?';
  }
  return out;
}

template <class Ch>
tl::unexpected<Error> bad_directive(std::basic_string_view<Ch> format, size_t start, size_t end,
                                    const char* why) {
  return fail(Errc::kInvalidArgument,
              "format directive \"" +
                  printable(format.substr(start, end - start < 16 ? end - start : 16)) +
                  "\" at offset " + std::to_string(start) + ": " + why);
}

bool is_digit(unsigned long c) { return c >= '0' && c <= '9'; }

template <class Ch>
void append(std::basic_string<Ch>& out, const char* ascii) {
  for (; *ascii; ++ascii) out += static_cast<Ch>(*ascii);
}

// Appends glibc's length modifier and conversion for Microsoft's `size` and `conv`.
// False when the pair means nothing to Microsoft's CRT.
template <class Ch>
bool append_conversion(std::basic_string<Ch>& out, Size size, unsigned long conv) {
  constexpr bool wide_family = sizeof(Ch) != 1;
  switch (conv) {
    case 'd':
    case 'i':
    case 'o':
    case 'u':
    case 'x':
    case 'X': {
      // Windows' long is 32 bits: %ld takes a LONG or DWORD, as %d does.
      const char* length = size == Size::kShort      ? "h"
                           : size == Size::kChar     ? "hh"
                           : size == Size::kLongLong ? "ll"
                           : size == Size::kInt64    ? "ll"
                           : size == Size::kPointer  ? "z"
                           : size == Size::kOther    ? nullptr
                           : size == Size::kWide     ? nullptr
                                                     : "";
      if (!length) return false;
      append(out, length);
      out += static_cast<Ch>(conv);
      return true;
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'a':
    case 'A':
      if (size == Size::kNone || size == Size::kLong) {
        out += static_cast<Ch>(conv);
      } else if (size == Size::kOther) {  // L: long double
        append(out, "L");
        out += static_cast<Ch>(conv);
      } else {
        return false;
      }
      return true;
    case 'p':
      if (size != Size::kNone) return false;
      out += static_cast<Ch>('p');
      return true;
    case 'c':
    case 'C':
    case 's':
    case 'S': {
      bool string = conv == 's' || conv == 'S';
      bool upper = conv == 'C' || conv == 'S';
      bool wide;
      if (size == Size::kShort) {
        wide = false;
      } else if (size == Size::kLong || size == Size::kWide) {
        wide = true;
      } else if (size == Size::kNone) {
        // The family's own width for the lower-case letter, the other one for upper case.
        wide = wide_family != upper;
      } else {
        return false;
      }
      if (wide) out += static_cast<Ch>('l');
      out += static_cast<Ch>(string ? 's' : 'c');
      return true;
    }
    default:
      return false;
  }
}

template <class Ch>
Result<std::basic_string<Ch>> translate(std::basic_string_view<Ch> format) {
  std::basic_string<Ch> out;
  out.reserve(format.size() + 8);
  size_t i = 0;
  const size_t n = format.size();
  while (i < n) {
    if (format[i] != '%') {
      out += format[i++];
      continue;
    }
    const size_t start = i++;
    if (i < n && format[i] == '%') {
      out += static_cast<Ch>('%');
      out += static_cast<Ch>('%');
      ++i;
      continue;
    }
    out += static_cast<Ch>('%');
    // Flags, width, precision: the same in both dialects (no positional arguments, which
    // only Microsoft's _p functions take).
    while (i < n && (format[i] == '-' || format[i] == '+' || format[i] == ' ' || format[i] == '#' ||
                     format[i] == '0')) {
      out += format[i++];
    }
    auto width_or_precision = [&]() -> bool {
      if (i < n && format[i] == '*') {
        out += format[i++];
        return true;
      }
      while (i < n && is_digit(static_cast<unsigned long>(format[i]))) out += format[i++];
      return !(i < n && format[i] == '$');
    };
    if (!width_or_precision()) {
      return bad_directive(format, start, i + 1,
                           "positional arguments are not part of Microsoft's printf");
    }
    if (i < n && format[i] == '.') {
      out += format[i++];
      if (!width_or_precision()) {
        return bad_directive(format, start, i + 1,
                             "positional arguments are not part of Microsoft's printf");
      }
    }
    Size size = Size::kNone;
    if (i < n) {
      switch (static_cast<unsigned long>(format[i])) {
        case 'h':
          ++i;
          size = Size::kShort;
          if (i < n && format[i] == 'h') {
            ++i;
            size = Size::kChar;
          }
          break;
        case 'l':
          ++i;
          size = Size::kLong;
          if (i < n && format[i] == 'l') {
            ++i;
            size = Size::kLongLong;
          }
          break;
        case 'w':
          ++i;
          size = Size::kWide;
          break;
        case 'L':
          ++i;
          size = Size::kOther;
          break;
        case 'j':
        case 'z':
        case 't':
          ++i;
          size = Size::kPointer;
          break;
        case 'I':
          ++i;
          if (i + 1 < n && format[i] == '6' && format[i + 1] == '4') {
            i += 2;
            size = Size::kInt64;
          } else if (i + 1 < n && format[i] == '3' && format[i + 1] == '2') {
            i += 2;
            size = Size::kNone;
          } else {
            size = Size::kPointer;
          }
          break;
        default:
          break;
      }
    }
    if (i >= n) return bad_directive(format, start, n, "the directive has no conversion letter");
    auto conv = static_cast<unsigned long>(format[i++]);
    if (conv == 'n') {
      return bad_directive(format, start, i,
                           "%n is refused (Microsoft's CRT refuses it too: it writes through "
                           "an argument)");
    }
    if (!append_conversion(out, size, conv)) {
      return bad_directive(format, start, i, "not a conversion Microsoft's printf knows");
    }
  }
  return out;
}

class LocaleScope {
 public:
  LocaleScope() : previous_(::uselocale(utf8_c_locale())) {}
  ~LocaleScope() { ::uselocale(previous_); }
  LocaleScope(const LocaleScope&) = delete;
  LocaleScope& operator=(const LocaleScope&) = delete;

 private:
  locale_t previous_;
};

tl::unexpected<Error> formatting_failed(int err) {
  if (err == EILSEQ) {
    return fail(Errc::kNoUnicodeTranslation,
                "an argument string is not valid UTF-8 (narrow) or Unicode (wide) text");
  }
  if (err == ENOMEM) return fail(Errc::kOutOfMemory, "out of memory while formatting");
  return fail_errno(err ? err : EINVAL, "formatting");
}

}  // namespace

locale_t utf8_c_locale() {
  static locale_t locale = [] {
    locale_t l = ::newlocale(LC_ALL_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
    return l ? l : ::newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(nullptr));
  }();
  return locale;
}

Result<std::string> translate_format(std::string_view format) { return translate(format); }
Result<std::wstring> translate_format(std::wstring_view format) { return translate(format); }

Result<std::string> format_narrow(const char* format, va_list args) {
  if (!format) return fail(Errc::kInvalidArgument, "the format string is NULL");
  auto glibc = translate_format(std::string_view(format));
  if (!glibc) return fail(glibc.error());
  LocaleScope scope;
  char* text = nullptr;
  errno = 0;
  int length = ::vasprintf(&text, glibc->c_str(), args);
  if (length < 0) return formatting_failed(errno);
  std::unique_ptr<char, decltype(&::free)> owner(text, &::free);
  return std::string(text, static_cast<size_t>(length));
}

Result<std::wstring> format_wide(const wchar_t* format, va_list args) {
  if (!format) return fail(Errc::kInvalidArgument, "the format string is NULL");
  auto glibc = translate_format(std::wstring_view(format));
  if (!glibc) return fail(glibc.error());
  LocaleScope scope;
  wchar_t* text = nullptr;
  size_t length = 0;
  FILE* stream = ::open_wmemstream(&text, &length);
  if (!stream) return formatting_failed(errno);
  errno = 0;
  int written = ::vfwprintf(stream, glibc->c_str(), args);
  int err = errno;
  ::fclose(stream);  // sets text and length
  std::unique_ptr<wchar_t, decltype(&::free)> owner(text, &::free);
  if (written < 0) return formatting_failed(err);
  return std::wstring(text, length);
}

}  // namespace openras::win32
