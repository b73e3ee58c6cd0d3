// dispatch.h: hands RAS calls for entries with a custom dialer to that dialer.
//
// The entry's szCustomDialDll names the dialer; the process-wide loader (allow-list from
// the registry, trust from the root's rules) loads it. These helpers run the dialer's
// entry points in the calling process — with the caller's rights, as on Windows — and turn
// what a misbehaving dialer does (an escaping exception, success with a NULL handle) into
// documented errors, never undefined behaviour in our frames.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/result.h"
#include "dialer/loader.h"
#include "ras.h"

namespace openras::dialer {

// What dispatch needs to know about an entry.
struct EntryInfo {
  std::wstring name;
  std::wstring phonebook;       // the file it lives in
  bool all_users = false;       // in the all-users phone book
  std::wstring custom_dial_dll; // empty: no custom dialer
  std::wstring device_type;
  std::wstring device_name;
  std::wstring phone_number;
};

// Finds an entry as RasGetEntryProperties would (the same phone books, rules and errors):
// on failure the RAS error code (623 and so on).
[[nodiscard]] tl::expected<EntryInfo, DWORD> lookup_entry(LPCWSTR phonebook,
                                                          std::wstring_view entry);

// The loader of this process: CustomDLL from the registry under the current root
// (OPENRAS_ROOT), trusted owners from that root.
[[nodiscard]] Loader& process_loader();

// Loads the entry's dialer, logging the refusal at debug level.
[[nodiscard]] Result<std::shared_ptr<Dialer>> load_for_entry(const EntryInfo& entry);

// Tells the entry's dialer, if it has one, that the entry is about to be deleted
// (RasCustomDeleteEntryNotify). Best effort: a dialer that cannot be loaded or fails does
// not stop the deletion — an administrator must always be able to remove an entry that
// names a rogue dialer. Call it before removing the entry.
void notify_delete(LPCWSTR phonebook, std::wstring_view entry);

// For rasdialer-check: called after each RasCustomDeleteEntryNotify with the dialer's path
// and what it returned (or ~0u when it threw). Process-wide; pass nullptr to remove.
using DeleteObserver = void (*)(const std::string& dialer_path, DWORD result);
void set_delete_observer(DeleteObserver observer);

// RCD_AllUsers or RCD_SingleUser for the phone book an entry lives in.
[[nodiscard]] DWORD rcd_scope(const EntryInfo& entry);

}  // namespace openras::dialer
