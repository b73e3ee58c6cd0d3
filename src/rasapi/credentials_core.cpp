// credentials_core.cpp: saved dial parameters and credentials behind the W and A functions.
//
// RasSetEntryDialParams and RasSetCredentials keep one record per (user, phone book,
// entry) in phonebook/credentials.h's files; the Get functions never return a saved
// password or key, only kPasswordHandle (as Windows does since XP), and RasDial will read
// the real one through load_credentials().
#include "base/c_abi.h"
#include "phonebook/credentials.h"
#include "rasapi/entry_api.h"

namespace openras::rasapi {

namespace {

using phonebook::CredentialStore;
using phonebook::StoredCredentials;

constexpr DWORD kKeyMask = RASCM_PreSharedKey | RASCM_ServerPreSharedKey | RASCM_DDMPreSharedKey;

// Default credentials, and the pre-shared keys of all-users entries, are everyone's.
CredentialStore store_for(const phonebook::PhonebookRef& ref, DWORD mask) {
  bool shared = (mask & RASCM_DefaultCreds) ||
                (ref.scope == phonebook::Scope::kAllUsers && (mask & kKeyMask));
  return shared ? CredentialStore::kShared : CredentialStore::kUser;
}

// A user without a configuration directory has nothing saved.
Result<StoredCredentials> load_or_empty(const Caller& who, const phonebook::PhonebookRef& ref,
                                        std::wstring_view entry, CredentialStore store) {
  auto saved = phonebook::load_credentials(who, ref, entry, store);
  if (!saved && saved.error().code == Errc::kNotFound) return StoredCredentials{};
  return saved;
}

}  // namespace

Result<DialParams> entry_dial_params(const PhonebookArg& phonebook, std::wstring_view entry) {
  auto who = caller();
  if (!who) return fail(who.error());
  auto ref = phonebook::locate_entry(**who, phonebook, entry);
  if (!ref) return fail(ref.error());
  auto saved = load_or_empty(**who, *ref, entry, CredentialStore::kUser);
  if (!saved) return fail(saved.error());
  DialParams out;
  out.entry_name = entry;
  out.callback_number = saved->callback_number.value_or(L"");
  out.user_name = saved->user_name.value_or(L"");
  out.domain = saved->domain.value_or(L"");
  out.password_saved = saved->password.has_value();
  if (out.password_saved) out.password = kPasswordHandle;
  out.sub_entry = saved->sub_entry.value_or(0);
  out.callback_id = saved->callback_id.value_or(0);
  return out;
}

Result<std::wstring> saved_password(const std::string& phonebook_file, std::wstring_view entry) {
  auto who = caller();
  if (!who) return fail(who.error());
  auto ref = phonebook::locate_entry(**who, PhonebookArg(phonebook_file), entry);
  if (!ref) return fail(ref.error());
  auto saved = load_or_empty(**who, *ref, entry, CredentialStore::kUser);
  if (!saved) return fail(saved.error());
  return saved->password.value_or(L"");
}

// Windows' rules: an empty user name, domain or callback number leaves the saved one; the
// password changes only with a user name, never to the handle; fRemovePassword removes it.
Status set_entry_dial_params(const PhonebookArg& phonebook, const DialParams& params,
                             bool remove_password) {
  auto who = caller();
  if (!who) return fail(who.error());
  auto ref = phonebook::locate_entry(**who, phonebook, params.entry_name);
  if (!ref) return fail(ref.error());
  return phonebook::update_credentials(
      **who, *ref, params.entry_name, CredentialStore::kUser, [&](StoredCredentials& c) {
        if (remove_password) {
          c.password.reset();
        } else if (!params.user_name.empty() && params.password != kPasswordHandle) {
          c.password = params.password;
        }
        if (!params.user_name.empty()) c.user_name = params.user_name;
        if (!params.callback_number.empty()) c.callback_number = params.callback_number;
        if (!params.domain.empty()) c.domain = params.domain;
        if (params.sub_entry) c.sub_entry = *params.sub_entry;
        if (params.callback_id) c.callback_id = *params.callback_id;
      });
}

Result<Credentials> entry_credentials(const PhonebookArg& phonebook, std::wstring_view entry,
                                      DWORD mask) {
  auto who = caller();
  if (!who) return fail(who.error());
  auto ref = phonebook::locate_entry(**who, phonebook, entry);
  if (!ref) return fail(ref.error());
  Credentials out;
  if ((mask & RASCM_DefaultCreds) && ref->scope != phonebook::Scope::kAllUsers) return out;
  auto saved = load_or_empty(**who, *ref, entry, store_for(*ref, mask));
  if (!saved) return fail(saved.error());
  auto take = [&](DWORD bit, const std::optional<std::wstring>& value, std::wstring& into,
                  bool secret) {
    if (!(mask & bit) || !value) return;
    into = secret ? std::wstring(kPasswordHandle) : *value;
    out.mask |= bit;
  };
  take(RASCM_UserName, saved->user_name, out.user_name, false);
  take(RASCM_Domain, saved->domain, out.domain, false);
  take(RASCM_Password, saved->password, out.password, true);
  take(RASCM_PreSharedKey, saved->pre_shared_key, out.password, true);
  take(RASCM_ServerPreSharedKey, saved->server_pre_shared_key, out.password, true);
  take(RASCM_DDMPreSharedKey, saved->ddm_pre_shared_key, out.password, true);
  if (mask & RASCM_DefaultCreds) out.mask |= RASCM_DefaultCreds;
  return out;
}

DWORD set_entry_credentials(const char* function, const PhonebookArg& phonebook,
                            std::wstring_view entry, const Credentials& in, bool clear) {
  auto who = caller();
  if (!who) return to_dword(function, fail(who.error()));
  auto ref = phonebook::locate_entry(**who, phonebook, entry);
  if (!ref) {
    // Documented for RasSetCredentials: a missing entry is ERROR_INVALID_PARAMETER.
    if (ref.error().code == Errc::kEntryNotFound) {
      LOG_DEBUG("%s: %s", function, ref.error().message.c_str());
      return ERROR_INVALID_PARAMETER;
    }
    return to_dword(function, fail(ref.error()));
  }
  if ((in.mask & RASCM_DefaultCreds) && ref->scope != phonebook::Scope::kAllUsers) {
    LOG_DEBUG("%s: default credentials exist only for all-users entries", function);
    return ERROR_ACCESS_DENIED;
  }
  auto status = phonebook::update_credentials(
      **who, *ref, entry, store_for(*ref, in.mask), [&](StoredCredentials& c) {
        auto put = [&](DWORD bit, std::optional<std::wstring>& member, const std::wstring& value,
                       bool secret) {
          if (!(in.mask & bit)) return;
          if (clear) {
            member.reset();
          } else if (!secret || value != kPasswordHandle) {
            member = value;
          }
        };
        put(RASCM_UserName, c.user_name, in.user_name, false);
        put(RASCM_Domain, c.domain, in.domain, false);
        put(RASCM_Password, c.password, in.password, true);
        put(RASCM_PreSharedKey, c.pre_shared_key, in.password, true);
        put(RASCM_ServerPreSharedKey, c.server_pre_shared_key, in.password, true);
        put(RASCM_DDMPreSharedKey, c.ddm_pre_shared_key, in.password, true);
      });
  return to_dword(function, status);
}

}  // namespace openras::rasapi
