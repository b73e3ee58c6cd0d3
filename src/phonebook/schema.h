// schema.h: the one table that maps RASENTRY fields to rasphone.pbk keys.
//
// Every stored RASENTRY member (or dwfOptions/dwfOptions2 bit) has one row: its key, the
// block the key lives in, how the value is written, and the member's offsets in RASENTRYW
// and RASENTRYA. Parsing, writing, validation, the A<->W conversion and the key table of
// docs/phonebook.md are all driven by it; the first WINVER that has a member is derived
// from its offset (rasentry_version_sizes), so it cannot drift from the headers.
// Immutable after static initialisation; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "ras.h"

namespace openras::phonebook {

enum class KeyBlock : unsigned char {
  kHeader,  // the entry's own lines, before any sub-block
  kMedia,   // MEDIA= block of the (first) link
  kDevice,  // DEVICE= block of the (first) link
};

enum class FieldKind : unsigned char {
  kString,     // WCHAR[] member, UTF-8 in the file, at most capacity-1 characters
  kDword,      // DWORD / BOOL / enum member, unsigned decimal
  kFlag,       // one bit of the DWORD member, "0"/"1" (inverted: "1" means the bit clear)
  kOtherBits,  // the bits of the DWORD member no kFlag row covers, hexadecimal
  kIpv4,       // RASIPADDR, dotted quad
  kIpv6,       // in6_addr, RFC 5952 text
  kGuid,       // GUID, 32 hexadecimal digits of its 16 bytes in memory order
};

// Where a key comes from: a key Windows writes (mapping as in ras-api.md §9), or one
// OpenRAS adds for a member whose Windows encoding is unknown (written only when the
// value differs from the default, and ignored by Windows).
enum class KeyOrigin : unsigned char { kWindows, kOpenRas };

struct FieldSpec {
  std::string_view member;  // RASENTRY member ("szCustomDialDll", "dwfOptions")
  std::string_view flag;    // kFlag: the flag's name ("RASEO_SwCompression"), else ""
  std::string_view key;     // the .pbk key ("CustomRasDialDll")
  KeyBlock block;
  FieldKind kind;
  KeyOrigin origin;
  size_t offset_w;              // offsetof(RASENTRYW, member)
  size_t offset_a;              // offsetof(RASENTRYA, member)
  size_t size_w;                // sizeof the W member in bytes (strings: capacity * sizeof(WCHAR))
  uint32_t bit;                 // kFlag: the flag's value; kOtherBits: the bits left to this row
  bool inverted;                // kFlag: the key says the opposite of the flag
  uint32_t default_value;       // numbers; for flags 0/1 = the flag's default (not the key's)
  const wchar_t* default_text;  // kString: the default value ("" except szDeviceType)

  [[nodiscard]] size_t capacity() const { return size_w / sizeof(WCHAR); }
};

// All rows, in the order keys are written for a new entry.
[[nodiscard]] std::span<const FieldSpec> entry_schema();

// The row for `key` in `block`, or nullptr.
[[nodiscard]] const FieldSpec* find_field(KeyBlock block, std::string_view key);

// Keys with special rules: the device-type marker, the repeatable phone number, the
// per-number keys that follow each PhoneNumber=, and repeated CustomAuthData lines.
inline constexpr std::string_view kDeviceMarkerKey = "DEVICE";
inline constexpr std::string_view kMediaMarkerKey = "MEDIA";
inline constexpr std::string_view kPhoneNumberKey = "PhoneNumber";
inline constexpr std::string_view kCustomAuthDataKey = "CustomAuthData";
[[nodiscard]] bool is_phone_group_key(std::string_view key);

// RASENTRY members that are not stored, and why (for the docs table).
struct UnstoredMember {
  std::string_view member;
  std::string_view why;
};
[[nodiscard]] std::span<const UnstoredMember> unstored_members();

// The dwSize of each RASENTRYW/RASENTRYA version on this ABI, oldest first: the offset of
// the first member the next version adds, and sizeof for the newest (0xA00).
struct StructVersion {
  unsigned winver;
  size_t size;
};
[[nodiscard]] std::span<const StructVersion> rasentry_version_sizes(bool wide);
// The first WINVER whose RASENTRY contains the member at `offset_w`.
[[nodiscard]] unsigned member_winver(size_t offset_w);

// The key table of docs/phonebook.md (Markdown), rendered from the schema.
[[nodiscard]] std::string render_key_table();

}  // namespace openras::phonebook
