// entries.h: the names of the all-users phone book's entries, for the PAM module's
// prompt: the only entries offered at logon (a user's own phone book is that user's, and
// no user is logged on yet). Read by the module itself, as root, from the root it was
// given; only a phone book root owns and no one else can write is believed.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"

namespace openras::logon {

// The entries of the phone book file at `path`, in file order. A missing file is an
// empty list.
[[nodiscard]] Result<std::vector<std::string>> all_users_entries(const std::string& path);

// The names in a phone book's text (scan_text's sections), for all_users_entries and its
// fuzzer.
[[nodiscard]] Result<std::vector<std::string>> entry_names(std::string_view text);

}  // namespace openras::logon
