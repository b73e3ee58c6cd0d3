// field_codec.h: one schema row's value between its .pbk text and a RASENTRYW.
//
// The RASENTRYW here is always the newest (full) structure; a caller's older version is a
// prefix of it (see rasentry_version_sizes). Fields are reached through the schema's
// offsets. Thread-safe (pure functions).
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "phonebook/schema.h"
#include "ras.h"

namespace openras::phonebook {

// A zeroed RASENTRYW with dwSize = sizeof and every schema row at its default.
[[nodiscard]] RASENTRYW default_rasentry();

// Reads a key's value into `entry`. A value the row cannot hold (not a number, longer than
// the member, a bad address) fails with kPhonebookCorrupt and a message without location
// (the caller adds file and line). An empty value means the default, as Windows reads
// empty INI values.
[[nodiscard]] Status decode_field(const FieldSpec& field, std::string_view value, RASENTRYW& entry);

// A kString row's value as text, with decode_field's checks (UTF-8, length).
[[nodiscard]] Result<std::wstring> decode_string(const FieldSpec& field, std::string_view value);

// The text of the row's value in `entry`. Fails with kInvalidArgument for a string that
// is not NUL-terminated inside its member or holds a line break, and with
// kNoUnicodeTranslation for a character that is not a Unicode scalar value.
[[nodiscard]] Result<std::string> encode_field(const FieldSpec& field, const RASENTRYW& entry);

// Text for a value line: UTF-8, refusing line breaks (kInvalidArgument) and non-scalar
// characters (kNoUnicodeTranslation). `what` names the value in messages.
[[nodiscard]] Result<std::string> encode_text(std::wstring_view text, std::string_view what);

// Whether the row's value is the same in both (strings up to their NUL, flags by bit).
[[nodiscard]] bool field_equal(const FieldSpec& field, const RASENTRYW& a, const RASENTRYW& b);

// Whether the row's value in `entry` is its default.
[[nodiscard]] bool field_is_default(const FieldSpec& field, const RASENTRYW& entry);

// Copies the row's member from one structure to another (all of it, flags included).
void copy_field(const FieldSpec& field, const RASENTRYW& from, RASENTRYW& to);

// A string member as a view (up to its NUL, or the whole member if it has none).
[[nodiscard]] std::wstring_view string_member(const RASENTRYW& entry, const FieldSpec& field);
// Sets a string member (zero-filling the rest); kInvalidArgument if it does not fit.
[[nodiscard]] Status set_string_member(RASENTRYW& entry, const FieldSpec& field,
                                       std::wstring_view value);

// The value of a hexadecimal digit, or -1.
[[nodiscard]] int hex_digit(char c) noexcept;

// The row for a member name ("szCustomDialDll"); aborts if there is none (a programming
// error: member names are compile-time constants).
[[nodiscard]] const FieldSpec& field_for_member(std::string_view member);

}  // namespace openras::phonebook
