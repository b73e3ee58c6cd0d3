// dispatch.cpp: entry lookup and the process-wide loader (see dispatch.h).
#include "dialer/dispatch.h"

#include <atomic>

#include "base/caller.h"
#include "base/log.h"
#include "base/utf.h"
#include "phonebook/phonebook.h"
#include "raserror.h"
#include "registry/allowlist.h"

namespace openras::dialer {

namespace {

template <size_t N>
std::wstring field(const WCHAR (&text)[N]) {
  size_t n = 0;
  while (n < N && text[n]) ++n;
  return std::wstring(text, n);
}

}  // namespace

Result<EntryInfo> lookup_entry(LPCWSTR phonebook, std::wstring_view name) {
  phonebook::PhonebookArg where;
  if (phonebook) {
    auto utf8 = wide_to_utf8(phonebook);
    if (!utf8) return fail(Errc::kInvalidArgument, "the phone book's path is not valid text");
    where = std::move(*utf8);
  }
  auto who = calling_caller();
  if (!who) return fail(who.error());
  auto record = phonebook::find_entry(**who, where, name);
  if (!record) {
    LOG_DEBUG("%s", record.error().message.c_str());
    return fail(record.error());
  }
  const RASENTRYW& entry = record->fields->entry;
  EntryInfo info;
  info.name = record->name;
  auto path = utf8_to_wide(record->phonebook.path);
  if (path) info.phonebook = std::move(*path);
  info.all_users = record->phonebook.scope == phonebook::Scope::kAllUsers;
  info.custom_dial_dll = field(entry.szCustomDialDll);
  info.device_type = field(entry.szDeviceType);
  info.device_name = field(entry.szDeviceName);
  info.phone_number = field(entry.szLocalPhoneNumber);
  info.options = entry.dwfOptions;
  info.country_code = entry.dwCountryCode;
  info.country_id = entry.dwCountryID;
  info.area_code = field(entry.szAreaCode);
  info.alternates = record->fields->alternates;
  info.redial_count = entry.dwRedialCount;
  info.redial_pause = entry.dwRedialPause;
  info.ip_address = entry.ipaddr;
  info.dns = entry.ipaddrDns;
  info.dns_alt = entry.ipaddrDnsAlt;
  info.net_protocols = entry.dwfNetProtocols;
  info.script = field(entry.szScript);
  return info;
}

Loader& process_loader() {
  // The root comes from the memoised calling caller: the owner check runs once per
  // directory of every load, and must not resolve the root each time.
  // Never destroyed, so no dialer is unloaded while the process exits: the event thread
  // (session/service.cpp) outlives main() and may still call a notifier in a dialer — one
  // a dialer's dialog gave a built-in dial stays registered after RASCS_Connected — as
  // Windows unloads no DLL before the process's threads are gone.
  static Loader* loader = new Loader(
      [](const std::string& path) -> Result<bool> {
        auto who = calling_caller();
        if (!who) return fail(who.error());
        return registry::is_dialer_allowed((*who)->paths, path);
      },
      [](uid_t uid) {
        auto who = calling_caller();
        return who ? (*who)->paths.trusted_owner(uid) : uid == 0;
      });
  return *loader;
}

Result<std::shared_ptr<Dialer>> load_for_entry(const EntryInfo& entry) {
  auto dialer = process_loader().load(std::wstring_view(entry.custom_dial_dll));
  if (!dialer) LOG_DEBUG("%s", dialer.error().message.c_str());
  return dialer;
}

namespace {
std::atomic<bool> g_logon_process{false};
}  // namespace

void mark_logon_process() { g_logon_process.store(true); }

DialContext context_of(const EntryInfo& entry) {
  if (!entry.all_users) return DialContext::kSingleUser;
  return g_logon_process.load() ? DialContext::kLogon : DialContext::kAllUsers;
}

}  // namespace openras::dialer
