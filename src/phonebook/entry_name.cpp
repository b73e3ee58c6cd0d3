// entry_name.cpp: entry-name rules (see entry_name.h).
#include "phonebook/entry_name.h"

#include <string>

#include "base/utf.h"
#include "ras.h"

namespace openras::phonebook {

namespace {

std::string quoted(std::wstring_view name) {
  auto utf8 = wide_to_utf8(name.substr(0, 64));
  return utf8 ? "\"" + *utf8 + (name.size() > 64 ? "…\"" : "\"") : std::string("the name");
}

tl::unexpected<Error> invalid(std::wstring_view name, std::string_view why) {
  return fail(Errc::kInvalidName, "entry name " + quoted(name) + " " + std::string(why));
}

// Unicode white space outside ASCII (the C locale's iswspace knows only ASCII).
bool is_wide_space(wchar_t c) {
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// Outside ASCII every character that is not white space counts as a letter: classifying
// letters would need a locale, and a name of only such characters is a real name.
bool is_alphanumeric(wchar_t c) {
  if (c < 0x80)
    return (c >= L'0' && c <= L'9') || (c >= L'a' && c <= L'z') || (c >= L'A' && c <= L'Z');
  return !is_wide_space(c);
}

}  // namespace

Status check_storable_entry_name(std::wstring_view name) {
  if (name.empty()) return invalid(name, "is empty");
  if (name.size() > RAS_MaxEntryName) {
    return invalid(name, "is longer than " + std::to_string(RAS_MaxEntryName) + " characters");
  }
  if (name.find_first_not_of(L" \t") == std::wstring_view::npos) {
    return invalid(name, "consists of spaces and tabs only");
  }
  if (name.front() == L'.') return invalid(name, "starts with '.'");
  for (wchar_t c : name) {
    if ((c < 0x20 && c != L'\t') || c == 0x7F) {
      return invalid(name, "contains a control character");
    }
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
      return invalid(name, "contains a value that is not a Unicode character");
    }
  }
  return {};
}

Status check_entry_name(std::wstring_view name) {
  if (auto ok = check_storable_entry_name(name); !ok) return ok;
  size_t bad = name.find_first_of(L"|><?*\\/:");
  if (bad != std::wstring_view::npos) {
    auto c = wide_to_utf8(name.substr(bad, 1));
    return invalid(
        name, "contains '" + (c ? *c : std::string("?")) + "' (| > < ? * \\ / : are not allowed)");
  }
  for (wchar_t c : name) {
    if (is_alphanumeric(c)) return {};
  }
  return invalid(name, "has no letter or digit");
}

}  // namespace openras::phonebook
