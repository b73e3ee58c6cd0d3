// text.h: rasdial's text, independent of the locale: wide strings out as UTF-8,
// entry-name comparison and the state names (JSON: tools/common/json.h).
#pragma once

#include <string>
#include <string_view>

#include "ras.h"

namespace rasdial {

// UTF-8 of a wide string; a code point no UTF-8 can carry becomes U+FFFD rather than
// ending the text (what printf("%ls") does outside a UTF-8 locale).
[[nodiscard]] std::string utf8(std::wstring_view text);
// Whether two entry names are the same entry: ASCII letters in any case, everything else
// exactly, as the phone book compares them (whatever the locale).
[[nodiscard]] bool same_entry(std::wstring_view a, std::wstring_view b) noexcept;
[[nodiscard]] const char* state_text(RASCONNSTATE state) noexcept;

}  // namespace rasdial
