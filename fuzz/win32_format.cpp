// win32_format.cpp (fuzz): the translator of Microsoft printf formats (src/win32/
// ms_format.h) never crashes, in either family; whatever it accepts keeps its directives one
// for one, never contains %n, and, when no directive takes an argument, formats to the
// input with each %% made one %.
#include <cstdarg>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "win32/ms_format.h"

namespace {

// The conversions of a glibc or Microsoft format, in order ('%' for "%%"); nothing else.
template <class Ch>
std::string conversions(std::basic_string_view<Ch> format) {
  std::string letters;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') continue;
    ++i;
    while (i < format.size()) {
      auto c = static_cast<unsigned long>(format[i]);
      bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      bool size = c == 'h' || c == 'l' || c == 'L' || c == 'w' || c == 'I' || c == 'j' ||
                  c == 'z' || c == 't';
      if (c == '%' || (letter && !size)) {
        letters += c == '%' ? '%' : static_cast<char>(c);
        break;
      }
      ++i;
    }
  }
  return letters;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Same directives, one for one: Microsoft's upper-case C and S become c and s.
bool same_directives(const std::string& in, const std::string& out) {
  if (in.size() != out.size()) return false;
  for (size_t i = 0; i < in.size(); ++i) {
    char a = in[i] == 'C' || in[i] == 'S' ? lower(in[i]) : in[i];
    if (a != out[i]) return false;
    if (out[i] == 'n') return false;
  }
  return true;
}

openras::Result<std::string> narrow(const char* format, ...) {
  va_list args;
  va_start(args, format);
  auto text = openras::win32::format_narrow(format, args);
  va_end(args);
  return text;
}

openras::Result<std::wstring> wide(const wchar_t* format, ...) {
  va_list args;
  va_start(args, format);
  auto text = openras::win32::format_wide(format, args);
  va_end(args);
  return text;
}

template <class Ch>
std::basic_string<Ch> collapse_percents(std::basic_string_view<Ch> format) {
  std::basic_string<Ch> out;
  for (size_t i = 0; i < format.size(); ++i) {
    out += format[i];
    if (format[i] == '%') ++i;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  std::string text = bytes.substr(0, bytes.find('\0'));  // a C format ends at its NUL
  auto n = openras::win32::translate_format(std::string_view(text));
  if (n &&
      !same_directives(conversions(std::string_view(text)), conversions(std::string_view(*n)))) {
    std::abort();
  }
  std::wstring wtext;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    wtext += static_cast<wchar_t>(c < 0x80 ? c : 0x100 + c);
  }
  auto w = openras::win32::translate_format(std::wstring_view(wtext));
  if (w.has_value() != n.has_value()) std::abort();  // the families accept the same formats
  if (w &&
      !same_directives(conversions(std::wstring_view(wtext)), conversions(std::wstring_view(*w)))) {
    std::abort();
  }
  if (n && conversions(std::string_view(*n)).find_first_not_of('%') == std::string::npos) {
    auto formatted = narrow(text.c_str());
    if (formatted && *formatted != collapse_percents(std::string_view(text))) std::abort();
    auto wformatted = wide(wtext.c_str());
    if (!wformatted || *wformatted != collapse_percents(std::wstring_view(wtext))) std::abort();
  }
  return 0;
}
