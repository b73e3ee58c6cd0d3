// compare_api.cpp: CompareString (winnls.h), and through it lstrcmp and lstrcmpi.
//
// Windows sorts by weights in levels: the letter (its case-folded form, with symbols
// before digits before letters), then case (lower before upper). In its default "word
// sort" a hyphen or an apostrophe weighs nothing at the first levels and only breaks a
// tie at the end. This is that scheme over the C.UTF-8 locale's case mapping; it has no
// diacritic level (an accented letter sorts by its own code point, after z).
#include <locale.h>
#include <wctype.h>

#include <string>
#include <string_view>
#include <vector>

#include "base/utf.h"
#include "win32/ms_format.h"
#include "windows.h"

namespace {

constexpr DWORD kKnownFlags = NORM_IGNORECASE | LINGUISTIC_IGNORECASE | NORM_IGNORESYMBOLS |
                              SORT_STRINGSORT | NORM_LINGUISTIC_CASING;

struct Weight {
  int group;       // 0 symbols, 1 digits, 2 letters
  wint_t primary;  // the case-folded character
  int lower_case;  // 0 lower case (or no case), 1 upper case
};

bool ignorable_in_word_sort(wchar_t c) { return c == L'-' || c == L'\'' || c == 0x2019; }

// The weights of `text` at the first levels, and the characters word sort set aside.
void weigh(std::wstring_view text, DWORD flags, std::vector<Weight>& weights,
           std::wstring& set_aside) {
  locale_t locale = openras::win32::utf8_c_locale();
  const bool word_sort = (flags & SORT_STRINGSORT) == 0;
  for (wchar_t c : text) {
    auto w = static_cast<wint_t>(c);
    if (word_sort && ignorable_in_word_sort(c)) {
      set_aside += c;
      continue;
    }
    bool digit = ::iswdigit_l(w, locale) != 0;
    bool alpha = ::iswalpha_l(w, locale) != 0;
    if ((flags & NORM_IGNORESYMBOLS) && !digit && !alpha) continue;
    weights.push_back(Weight{alpha   ? 2
                             : digit ? 1
                                     : 0,
                             ::towlower_l(w, locale), ::iswupper_l(w, locale) ? 1 : 0});
  }
}

int sign(long long v) { return v < 0 ? -1 : v > 0 ? 1 : 0; }

int compare(std::wstring_view a, std::wstring_view b, DWORD flags) {
  std::vector<Weight> wa, wb;
  std::wstring aside_a, aside_b;
  weigh(a, flags, wa, aside_a);
  weigh(b, flags, wb, aside_b);
  const size_t common = wa.size() < wb.size() ? wa.size() : wb.size();
  for (size_t i = 0; i < common; ++i) {
    if (wa[i].group != wb[i].group) return sign(wa[i].group - wb[i].group);
    if (wa[i].primary != wb[i].primary) {
      return sign(static_cast<long long>(wa[i].primary) - static_cast<long long>(wb[i].primary));
    }
  }
  if (wa.size() != wb.size()) return wa.size() < wb.size() ? -1 : 1;
  if ((flags & (NORM_IGNORECASE | LINGUISTIC_IGNORECASE)) == 0) {
    for (size_t i = 0; i < common; ++i) {
      if (wa[i].lower_case != wb[i].lower_case) return sign(wa[i].lower_case - wb[i].lower_case);
    }
  }
  // Word sort's last level: the hyphens and apostrophes set aside ("coop" < "co-op").
  if (aside_a.size() != aside_b.size()) return aside_a.size() < aside_b.size() ? -1 : 1;
  return sign(aside_a.compare(aside_b));
}

int result(int order) {
  return order < 0 ? CSTR_LESS_THAN : order > 0 ? CSTR_GREATER_THAN : CSTR_EQUAL;
}

template <class Ch>
bool view_of(const Ch* text, int count, std::basic_string_view<Ch>& view) {
  if (!text) {
    if (count != 0) return false;
    view = {};
    return true;
  }
  if (count < 0) {
    view = std::basic_string_view<Ch>(text);
  } else {
    view = std::basic_string_view<Ch>(text, static_cast<size_t>(count));
  }
  return true;
}

int checked_compare(DWORD flags, std::wstring_view a, std::wstring_view b) {
  return result(compare(a, b, flags));
}

}  // namespace

extern "C" {

int WINAPI CompareStringW(LCID, DWORD dwCmpFlags, LPCWSTR lpString1, int cchCount1,
                          LPCWSTR lpString2, int cchCount2) {
  if ((dwCmpFlags & ~kKnownFlags) != 0) {
    SetLastError(ERROR_INVALID_FLAGS);
    return 0;
  }
  std::wstring_view a, b;
  if (!view_of(lpString1, cchCount1, a) || !view_of(lpString2, cchCount2, b)) {
    SetLastError(ERROR_INVALID_PARAMETER);
    return 0;
  }
  try {
    return checked_compare(dwCmpFlags, a, b);
  } catch (...) {
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return 0;
  }
}

int WINAPI CompareStringA(LCID, DWORD dwCmpFlags, LPCSTR lpString1, int cchCount1, LPCSTR lpString2,
                          int cchCount2) {
  if ((dwCmpFlags & ~kKnownFlags) != 0) {
    SetLastError(ERROR_INVALID_FLAGS);
    return 0;
  }
  std::string_view a, b;
  if (!view_of(lpString1, cchCount1, a) || !view_of(lpString2, cchCount2, b)) {
    SetLastError(ERROR_INVALID_PARAMETER);
    return 0;
  }
  try {
    auto wa = openras::utf8_to_wide(a);
    auto wb = openras::utf8_to_wide(b);
    if (!wa || !wb) {
      SetLastError(ERROR_NO_UNICODE_TRANSLATION);
      return 0;
    }
    return checked_compare(dwCmpFlags, *wa, *wb);
  } catch (...) {
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return 0;
  }
}

}  // extern "C"
