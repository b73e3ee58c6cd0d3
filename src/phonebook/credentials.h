// credentials.h: saved user names, passwords and pre-shared keys of phone-book entries.
//
// Credentials never go into a phone book. Each user keeps them in files of their own,
// <config>/credentials/<phone book>-<hash>.cred (directory 0700, files 0600), one file per
// phone book, one [entry] section per entry. Credentials shared by all users (RASCM_
// DefaultCreds, and the pre-shared keys of all-users entries) live in Paths::
// credentials_dir() and only administrators read or write them, until rasmand takes
// their storage over. A credentials file that others could read, or that another user
// owns, is refused (kAccessDenied), as ssh refuses a private key others can read.
//
// A user's own secrets (password, pre-shared keys) go to the session keyring instead
// (the Secret Service, keyring.h) when the calling process has one that takes them: the
// file then says "Keyring=Password,..." and keeps the rest. Without one (no session bus,
// no Secret Service, the default collection locked, OPENRAS_KEYRING=off) they stay in the
// file. A secret the keyring holds but cannot give now reads as not saved, and an update
// that does not change it leaves it there.
// Nothing is cached: secrets stay in memory only for the call. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/caller.h"
#include "base/result.h"
#include "phonebook/phonebook.h"

namespace openras::phonebook {

struct StoredCredentials {
  std::optional<std::wstring> user_name;
  std::optional<std::wstring> password;
  std::optional<std::wstring> domain;
  std::optional<std::wstring> callback_number;
  std::optional<std::wstring> pre_shared_key;
  std::optional<std::wstring> server_pre_shared_key;
  std::optional<std::wstring> ddm_pre_shared_key;
  std::optional<uint32_t> sub_entry;
  std::optional<uint64_t> callback_id;
  [[nodiscard]] bool empty() const;
};

enum class CredentialStore {
  kUser,    // the calling user's own
  kShared,  // all users' (administrators only)
};

// The credentials saved for `entry` of `phonebook` (all empty when none are).
[[nodiscard]] Result<StoredCredentials> load_credentials(const Caller& caller,
                                                         const PhonebookRef& phonebook,
                                                         std::wstring_view entry,
                                                         CredentialStore store);

// Changes them under the file's lock; an entry left with nothing saved loses its section.
[[nodiscard]] Status update_credentials(const Caller& caller, const PhonebookRef& phonebook,
                                        std::wstring_view entry, CredentialStore store,
                                        const std::function<void(StoredCredentials&)>& patch);

// After RasDeleteEntry / RasRenameEntry: the caller's own saved credentials of the entry
// go or move, and the shared ones too when the caller is an administrator.
[[nodiscard]] Status forget_credentials(const Caller& caller, const PhonebookRef& phonebook,
                                        std::wstring_view entry);
[[nodiscard]] Status move_credentials(const Caller& caller, const PhonebookRef& phonebook,
                                      std::wstring_view old_name, std::wstring_view new_name);

// The file `store` keeps `phonebook`'s credentials in (for tests and docs).
[[nodiscard]] Result<std::string> credentials_path(const Caller& caller,
                                                   const PhonebookRef& phonebook,
                                                   CredentialStore store);

}  // namespace openras::phonebook
