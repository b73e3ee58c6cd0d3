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
#include <vector>

#include "base/result.h"
#include "dialer/loader.h"
#include "ras.h"

namespace openras::dialer {

// What dispatch needs to know about an entry.
struct EntryInfo {
  std::wstring name;
  std::wstring phonebook;        // the file it lives in
  bool all_users = false;        // in the all-users phone book
  std::wstring custom_dial_dll;  // empty: no custom dialer
  std::wstring device_type;
  std::wstring device_name;
  std::wstring phone_number;
  // What a built-in dial composes its numbers from (builtin_dial.h) and redials with.
  DWORD options = 0;  // RASEO_*
  DWORD country_code = 0;
  DWORD country_id = 0;  // TAPI's; gives the code when country_code is 0
  std::wstring area_code;
  std::vector<std::wstring> alternates;  // the first link's, in order
  DWORD redial_count = 0;
  DWORD redial_pause = 0;  // seconds
  // What a built-in dial's PPP negotiates with (builtin_dial.h "PPP settings").
  RASIPADDR ip_address{};  // with RASEO_SpecificIpAddr
  RASIPADDR dns{};         // with RASEO_SpecificNameServers
  RASIPADDR dns_alt{};
  DWORD net_protocols = 0;  // RASNP_*
  std::wstring script;      // szScript: the post-connect script's file; empty: none
};

// Finds an entry as RasGetEntryProperties would (the same phone books, rules and errors;
// win32_code() of the error is the RAS code, 623 and so on).
[[nodiscard]] Result<EntryInfo> lookup_entry(LPCWSTR phonebook, std::wstring_view entry);

// The loader of this process: CustomDLL from the registry under the current root
// (OPENRAS_ROOT), trusted owners from that root.
[[nodiscard]] Loader& process_loader();

// Loads the entry's dialer, logging the refusal at debug level.
[[nodiscard]] Result<std::shared_ptr<Dialer>> load_for_entry(const EntryInfo& entry);

// Tells the entry's dialer, if it has one, that the entry is about to be deleted
// (RasCustomDeleteEntryNotify), in a separate process (openras-dialer-host, as the caller,
// the entry still in place) that is killed after kDeleteNotifyTimeout, so a dialer that
// crashes, exits or hangs cannot keep its entry from being deleted: an administrator must
// always be able to remove an entry that names a rogue dialer. Best effort: a dialer that
// cannot be loaded or fails does not stop the deletion. Call it before removing the entry.
// Called again for the same entry from inside that notification (a forwarding dialer's
// RasDeleteEntry), it does nothing, so the entry is deleted once and notified once.
void notify_delete(LPCWSTR phonebook, std::wstring_view entry);

// How long a RasCustomDeleteEntryNotify may run before its process is killed.
inline constexpr int kDeleteNotifyTimeoutSeconds = 10;

// What became of one RasCustomDeleteEntryNotify, for rasdialer-check.
struct DeleteNotifyOutcome {
  std::string dialer_path;  // empty when the host could not say
  bool returned = false;    // the entry point returned `result`
  DWORD result = 0;
  std::string failure;  // otherwise: why not ("threw", "killed by signal 11", ...)
};
// Called in the deleting process after each notification; process-wide; nullptr removes.
using DeleteObserver = void (*)(const DeleteNotifyOutcome& outcome);
void set_delete_observer(DeleteObserver observer);

// For openras-dialer-host: loads the entry's dialer here (same rules) and runs its
// RasCustomDeleteEntryNotify on this thread, with re-entry for that entry suppressed.
[[nodiscard]] DeleteNotifyOutcome run_delete_notify_here(LPCWSTR phonebook,
                                                         std::wstring_view entry);

// The context a dialer is called in for an entry: the scope of the phone book it lives in,
// or kLogon for an all-users entry once this process is the logon host.
[[nodiscard]] DialContext context_of(const EntryInfo& entry);

// Marks this process as the logon host (src/logon), before any dialer is loaded: from then
// on every call into a dialer for an all-users entry is made at logon (RCD_Logon), also
// when a dialer's dialog dials through RasDial. It cannot be undone. Thread-safe.
void mark_logon_process();

}  // namespace openras::dialer
