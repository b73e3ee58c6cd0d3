// names.h: registry names as Windows treats them: the two roots OpenRAS stores, key paths,
// case-insensitive (and case-preserving) comparison, and the length limits.
//
// Thread-safe; no global state beyond the case-mapping table loaded once.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace openras::registry {

// Windows' limits (the "Registry element size limits" table).
inline constexpr size_t kMaxKeyNameLength = 255;      // one key name, in characters
inline constexpr size_t kMaxValueNameLength = 16383;  // one value name, in characters
inline constexpr size_t kMaxKeyDepth = 512;           // key names in one path
// What we accept for one value's data (Windows' "standard format" limit); larger values
// would make hive files unreasonably slow to rewrite on every change.
inline constexpr size_t kMaxValueSize = 1024 * 1024;

// The roots OpenRAS stores. HKEY_CLASSES_ROOT, HKEY_USERS and the rest do not exist here.
enum class RootKey { kLocalMachine, kCurrentUser };

[[nodiscard]] std::wstring_view root_name(RootKey root) noexcept;  // L"HKEY_LOCAL_MACHINE"
[[nodiscard]] std::string_view root_name_utf8(RootKey root) noexcept;
// Full names and reg.exe's abbreviations (HKLM, HKCU), in any case.
[[nodiscard]] std::optional<RootKey> root_from_name(std::wstring_view name) noexcept;

// The comparison form of a name: every character upper-cased with Unicode simple case
// mapping, as the Windows registry compares names (it upcases UTF-16 units).
[[nodiscard]] std::wstring fold_name(std::wstring_view name);
[[nodiscard]] bool names_equal(std::wstring_view a, std::wstring_view b);

// Key names below a root, outermost first.
using KeyPath = std::vector<std::wstring>;

// Splits an API subkey string ("Software\\Vendor\\App") the way Windows does: runs of
// backslashes separate names and a trailing one is ignored. The caller rejects a leading
// backslash itself (Windows answers ERROR_BAD_PATHNAME). Fails with kInvalidArgument
// when a name is longer than kMaxKeyNameLength or the path deeper than kMaxKeyDepth.
[[nodiscard]] Result<KeyPath> split_key_path(std::wstring_view path);

// "a\b\c" for messages and .reg section headers.
[[nodiscard]] std::wstring join_key_path(const KeyPath& path);

// UTF-8 for messages; anything unencodable shows as U+FFFD rather than failing.
[[nodiscard]] std::string display(std::wstring_view text);

// A name can be written to a .reg file and read back: no line breaks and no NUL (the
// format has no escape for them); key names also no backslash and at most 255 characters.
[[nodiscard]] Status validate_key_name(std::wstring_view name);
[[nodiscard]] Status validate_value_name(std::wstring_view name);

}  // namespace openras::registry
