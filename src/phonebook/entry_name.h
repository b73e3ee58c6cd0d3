// entry_name.h: the rules for phone-book entry names.
//
// Windows documents two rule sets. RasValidateEntryName: at most RAS_MaxEntryName
// characters, at least one alphanumeric character that is not white space, no leading
// '.', none of | > < ? * \ / :. RasRenameEntry accepts any name of at most RAS_MaxEntryName
// characters that is not all spaces and tabs and does not start with '.'. OpenRAS adds one
// rule to both: no control characters except tab, which a "[name]" line cannot hold.
// Thread-safe (pure functions).
#pragma once

#include <string_view>

#include "base/result.h"

namespace openras::phonebook {

// RasValidateEntryName's rules; kInvalidName with the reason.
[[nodiscard]] Status check_entry_name(std::wstring_view name);

// The rules of RasRenameEntry, also applied to RasSetEntryProperties' new entries: what a
// phone book can store. kInvalidName with the reason.
[[nodiscard]] Status check_storable_entry_name(std::wstring_view name);

}  // namespace openras::phonebook
