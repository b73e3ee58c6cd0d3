// dlg_template.h (private): dialog templates in Windows' binary formats (DLGTEMPLATE and
// DLGTEMPLATEEX with their items; win32-facts.md §1), read and written. rasrc writes them,
// the runtime reads them; the bytes are 16-bit little-endian units whatever WCHAR is.
// Threads: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "base/result.h"

namespace openras::dialog {

// A class, menu or title field: absent (empty string), an ordinal, or a name.
using NameOrOrdinal = std::variant<std::u16string, uint16_t>;

struct ItemTemplate {
  uint32_t help_id = 0;
  uint32_t ex_style = 0;
  uint32_t style = 0;
  int16_t x = 0, y = 0, cx = 0, cy = 0;
  uint32_t id = 0;  // 16 bits in standard templates
  NameOrOrdinal window_class;
  NameOrOrdinal title;
  std::vector<uint8_t> creation_data;
};

struct DialogTemplate {
  bool extended = false;
  uint32_t help_id = 0;
  uint32_t ex_style = 0;
  uint32_t style = 0;
  int16_t x = 0, y = 0, cx = 0, cy = 0;
  NameOrOrdinal menu;
  NameOrOrdinal window_class;
  std::u16string title;
  uint16_t point_size = 0;  // with DS_SETFONT / DS_SHELLFONT
  uint16_t weight = 0;
  uint8_t italic = 0;
  uint8_t charset = 0;
  std::u16string typeface;
  std::vector<ItemTemplate> items;
};

// Class ordinals of the predefined controls (0x80 Button … 0x85 ComboBox).
inline constexpr uint16_t kButtonAtom = 0x80, kEditAtom = 0x81, kStaticAtom = 0x82,
                          kListBoxAtom = 0x83, kScrollBarAtom = 0x84, kComboBoxAtom = 0x85;

// Appends a code point as UTF-16 (a surrogate pair above U+FFFF).
inline void append_utf16(std::u16string& out, char32_t cp) {
  if (cp >= 0x10000) {
    cp -= 0x10000;
    out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
    out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
  } else {
    out.push_back(static_cast<char16_t>(cp));
  }
}

// Reads a template of at most bytes.size() bytes; kInvalidData names the offset of the
// first field that does not fit or makes no sense.
[[nodiscard]] Result<DialogTemplate> parse_template(std::span<const uint8_t> bytes);
// Writes the template in its format (extended or not), items DWORD-aligned.
[[nodiscard]] std::vector<uint8_t> serialize_template(const DialogTemplate& t);

}  // namespace openras::dialog
