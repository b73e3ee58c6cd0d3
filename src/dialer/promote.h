// promote.h: RASEO_PromoteAlternates — after a built-in dial that got through on one of
// its entry's alternate numbers, that number becomes the entry's first (docs/devices.md
// "Promoting an alternate"). The session (builtin_dial.cpp) decides which alternate
// answered; this writes the phone book, once, in the dialling process, with the caller's
// rights, under the phone book's lock and by atomic replace (phonebook.h update_entry).
// Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "base/result.h"
#include "dialer/dispatch.h"

namespace openras::dialer {

// An entry's numbers: the first, then the alternates in order.
struct EntryNumbers {
  std::wstring first;
  std::vector<std::wstring> alternates;
  bool operator==(const EntryNumbers&) const = default;
};

// The numbers after alternate `alternate` (0-based in `numbers.alternates`) answered, as
// Windows' rasapi32 reorders its hunt list: that number moves to the top, and the others
// keep their order after it (the old first number becomes the first alternate; the
// alternates before the one that answered move down by one, those after it stay where
// they are). `alternate` must be an index of `numbers.alternates`.
[[nodiscard]] EntryNumbers promoted(const EntryNumbers& numbers, std::size_t alternate);

enum class Promotion {
  kPromoted,     // the phone book now has the alternate first
  kFlagCleared,  // RASEO_PromoteAlternates is off now: nothing written
  kChanged,      // the entry's numbers are not those dialled any more: nothing written
};

// Rewrites `dialled` (as lookup_entry gave it when the dial started) in its phone book:
// promoted(its numbers, alternate), if the entry still has RASEO_PromoteAlternates and
// still has exactly the numbers it was dialled with, first and alternates in that order.
// Any other change (another number, one added, removed or moved) makes it unclear which
// number answered and where the rest belong, so nothing is written (kChanged); changes to
// anything but the numbers are kept as they are. Errors: the entry is gone or renamed
// (kEntryNotFound), the caller may not write its phone book (kAccessDenied), I/O.
[[nodiscard]] Result<Promotion> promote_alternate(const EntryInfo& dialled, std::size_t alternate);

}  // namespace openras::dialer
