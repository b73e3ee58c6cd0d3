// allowlist.h: which custom dialers may be loaded.
//
// A dialer is allowed only when its path is listed in
// HKEY_LOCAL_MACHINE\System\CurrentControlSet\Services\Rasman\Parameters, value CustomDLL,
// of type REG_MULTI_SZ, in a trusted hive (see hive.h). Paths are compared exactly
// (case-sensitive, as Linux paths are) with the dialer's canonical path. An entry counts
// only if it is itself canonical (no symbolic link, no "..") and the file and every
// directory above it are trusted as the loader requires of a dialer (root's, or the
// private root owner's; not writable by group or others): an entry that passed through
// somebody else's link or directory would allow whatever they pointed it at.
// Entries that are relative, empty, unresolvable or untrusted never match; a CustomDLL of any other
// type (REG_SZ, REG_EXPAND_SZ, ...) counts as an empty list. Entries are absolute paths
// of the running system, also under a private root. Everything ignored is explained in
// AllowList::notes and logged at debug level. Thread-safe; reads the hive fresh each
// call (cached while the file is unchanged), so a changed list applies at once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/paths.h"
#include "base/result.h"

namespace openras::registry {

inline constexpr std::wstring_view kRasmanParametersKey =
    L"System\\CurrentControlSet\\Services\\Rasman\\Parameters";
inline constexpr std::wstring_view kCustomDllValue = L"CustomDLL";

struct AllowList {
  std::vector<std::string> entries;  // canonical paths, in registry order, no duplicates
  std::vector<std::string> notes;    // why the list is empty or an entry was ignored
};

// The canonical allow-list. Never fails: whatever prevents reading it (no hive, an
// untrusted or corrupt hive, a missing or mistyped value) gives an empty list and a note.
[[nodiscard]] AllowList read_allow_list(const Paths& paths);

// Whether the dialer at `path` is allowed. Fails with kInvalidArgument when `path` is
// not absolute, and with the realpath() error (kNotFound, kAccessDenied, ...) when it
// cannot be canonicalised; a path that resolves but is not listed is `false`.
[[nodiscard]] Result<bool> is_dialer_allowed(const Paths& paths, std::string_view path);

}  // namespace openras::registry
