// entry_structs.h: the versioned structures of the entry API on OpenRAS's ABI.
//
// A caller's dwSize names a version: the size the structure has when compiled with that
// WINVER. Versions only ever append members, so each size is the offset of the first
// member the next version adds (computed with offsetof, never hard-coded), and the newest
// is sizeof. Any other dwSize is ERROR_INVALID_SIZE. Alternate phone numbers travel after
// a structure, at dwAlternateOffset: NUL-terminated strings ended by an empty one.
// Thread-safe (pure functions).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "phonebook/schema.h"
#include "ras.h"

namespace openras::rasapi {

using phonebook::StructVersion;

[[nodiscard]] std::span<const StructVersion> rasentry_sizes(bool wide);
[[nodiscard]] std::span<const StructVersion> rasentryname_sizes(bool wide);
[[nodiscard]] std::span<const StructVersion> rasdialparams_sizes(bool wide);

// The index of `size` in `versions`, or -1.
[[nodiscard]] int version_index(std::span<const StructVersion> versions, DWORD size);

// Bytes the alternates take after a structure (0 when there are none: dwAlternateOffset
// is then 0). `utf8`: the A form, where each character is a UTF-8 byte.
[[nodiscard]] size_t alternates_size(const std::vector<std::wstring>& alternates);
[[nodiscard]] Result<size_t> alternates_size_utf8(const std::vector<std::wstring>& alternates);

// Writes the list at `buffer + offset` (the caller checked the size).
void write_alternates(void* buffer, size_t offset, const std::vector<std::wstring>& alternates);
[[nodiscard]] Status write_alternates_utf8(void* buffer, size_t offset,
                                           const std::vector<std::wstring>& alternates);

// Reads the list a caller passes: `offset` 0 means none; otherwise it must lie inside
// [struct_size, buffer_size) and the list must end inside the buffer, or the buffer is
// invalid (kInvalidData, which the callers report as ERROR_BUFFER_INVALID).
[[nodiscard]] Result<std::vector<std::wstring>> read_alternates(const void* buffer,
                                                                size_t buffer_size,
                                                                size_t struct_size, DWORD offset);
[[nodiscard]] Result<std::vector<std::wstring>> read_alternates_utf8(const void* buffer,
                                                                     size_t buffer_size,
                                                                     size_t struct_size,
                                                                     DWORD offset);

// RASENTRYA <-> RASENTRYW for the members of one version, driven by the schema (strings
// are UTF-8 in the A form; one that does not fit its CHAR member is
// kNoUnicodeTranslation). dwSize, dwAlternateOffset and dwSubEntries are the caller's.
[[nodiscard]] Status rasentry_to_narrow(const RASENTRYW& wide, RASENTRYA& narrow,
                                        size_t narrow_size);
[[nodiscard]] Status rasentry_to_wide(const RASENTRYA& narrow, size_t narrow_size, RASENTRYW& wide);

// A wide string into a CHAR member as UTF-8 (kNoUnicodeTranslation if it does not fit),
// and back (kNoUnicodeTranslation for invalid UTF-8; kInvalidArgument without a NUL).
[[nodiscard]] Status narrow_into(std::wstring_view text, char* member, size_t capacity);
[[nodiscard]] Result<std::wstring> widen_from(const char* member, size_t capacity);

}  // namespace openras::rasapi
