// entry_codec.h: a phone-book section <-> the fields of a RASENTRY, through the schema.
//
// Decoding validates every key the schema owns (and reports the line of the first bad
// one); keys it does not own are ignored here and kept by the editor. Editing rewrites
// only the lines whose values change, so an entry copied from Windows keeps every line
// OpenRAS does not understand. Thread-safe (pure functions).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "phonebook/ini_scan.h"
#include "phonebook/section_layout.h"
#include "ras.h"

namespace openras::phonebook {

// One link (sub-entry) of an entry: its MEDIA=/DEVICE= block pair.
struct LinkFields {
  std::wstring device_type;              // DEVICE=<type>
  std::wstring device_name;              // MEDIA block Device=
  std::wstring phone_number;             // the DEVICE block's first PhoneNumber=
  std::vector<std::wstring> alternates;  // its later PhoneNumber= lines
  friend bool operator==(const LinkFields&, const LinkFields&) = default;
};

struct EntryFields {
  // The newest RASENTRYW (dwSize = sizeof); the first link lives in szDeviceType,
  // szDeviceName and szLocalPhoneNumber, and dwSubEntries counts the links.
  RASENTRYW entry;
  std::vector<std::wstring> alternates;   // the first link's alternate numbers
  std::vector<LinkFields> extra_links;    // links 2..n of a multilink entry
  std::vector<uint8_t> custom_auth_data;  // CustomAuthData= lines, concatenated, decoded

  // A new phone entry's fields: the schema's defaults (what RasGetEntryProperties returns
  // for the entry name "").
  [[nodiscard]] static EntryFields defaults();
  // defaults()'s RASENTRYW, made once.
  [[nodiscard]] static const RASENTRYW& default_entry();
  // Link `index` (0-based), the first one read from `entry`.
  [[nodiscard]] LinkFields link(size_t index) const;
  // Sets link `index`; the first one writes `entry` (kInvalidArgument if a value does not
  // fit its member).
  [[nodiscard]] Status set_link(size_t index, const LinkFields& link);
  [[nodiscard]] size_t link_count() const { return 1 + extra_links.size(); }
};

// Whether two EntryFields hold the same values, member by member through the schema
// (bytes after a string's NUL do not count).
[[nodiscard]] bool same_fields(const EntryFields& a, const EntryFields& b);

// Decodes a section's layout. kPhonebookCorrupt with "line N: ..." for a value a key
// cannot hold or a key the schema owns given twice.
[[nodiscard]] Result<EntryFields> decode_entry(std::string_view text, const SectionLayout& layout);
// The same into `fields`, which holds EntryFields::defaults(): no copy of the 13 KB RASENTRYW
// (for a decoded entry that is made where it is kept). `fields` is unspecified on failure.
[[nodiscard]] Status decode_entry_into(std::string_view text, const SectionLayout& layout,
                                       EntryFields& fields);

// A complete new section: "[name]", then every Windows key (and each OpenRAS key whose
// value is not the default) in schema order, then the NETCOMPONENTS=, MEDIA= and DEVICE=
// blocks. Lines end with `eol`; the section ends with a line end, not a blank line.
[[nodiscard]] Result<std::string> render_entry(std::string_view utf8_name,
                                               const EntryFields& fields, std::string_view eol);

// The section rewritten to hold `updated`, given `current` = decode_entry(its layout):
// only keys whose values differ are written, in place when the key is present, else
// inserted at the end of its block. Returns the section unchanged if nothing differs.
[[nodiscard]] Result<std::string> edit_entry(std::string_view text, const Section& section,
                                             const SectionLayout& layout,
                                             const EntryFields& current, const EntryFields& updated,
                                             std::string_view eol);

}  // namespace openras::phonebook
