// entry_api.h: what RasXxxEntryW and RasXxxEntryA share once their arguments are in
// C++ form (phone book as UTF-8, names as wide strings). The W functions add the W
// structures' buffer conventions, the A functions convert to and from UTF-8 around the
// same calls, so both forms behave identically. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/log.h"
#include "base/result.h"
#include "phonebook/phonebook.h"
#include "ras.h"

namespace openras::rasapi {

using phonebook::PhonebookArg;

// The DWORD for a failed Result, logged at debug level (as c_abi.h's to_dword).
template <class T>
[[nodiscard]] DWORD error_code(const char* function, const Result<T>& failed) {
  LOG_DEBUG("%s: %s", function, failed.error().message.c_str());
  return win32_code(failed.error());
}

// lpszPhonebook (NULL = the default phone books). Text that is not valid Unicode cannot
// name a file: kPhonebookCannotOpen.
[[nodiscard]] Result<PhonebookArg> phonebook_arg(const wchar_t* phonebook);
[[nodiscard]] Result<PhonebookArg> phonebook_arg(const char* phonebook);

// The calling process's caller (base/caller.h).
[[nodiscard]] Result<std::shared_ptr<const Caller>> caller();

// RasGetEntryProperties: the entry's fields; the name "" gives a new entry's defaults
// without reading any phone book.
[[nodiscard]] Result<phonebook::EntryFields> entry_properties(const PhonebookArg& phonebook,
                                                              std::wstring_view name);

// RasSetEntryProperties: the members of `prefix` below `prefix_size` (a RASENTRYW of the
// caller's version) and `alternates` replace the entry's, creating it if needed. Checks
// what Windows requires of the structure (kInvalidArgument).
[[nodiscard]] Status set_entry_properties(const PhonebookArg& phonebook, std::wstring_view name,
                                          const RASENTRYW& prefix, size_t prefix_size,
                                          const std::vector<std::wstring>& alternates);

// RasGet/SetSubEntryProperties: link `index` (1-based) of an entry.
[[nodiscard]] Result<phonebook::LinkFields> sub_entry(const PhonebookArg& phonebook,
                                                      std::wstring_view name, DWORD index);
[[nodiscard]] Status set_sub_entry(const PhonebookArg& phonebook, std::wstring_view name,
                                   DWORD index, const phonebook::LinkFields& link);

// RasDeleteEntry, RasRenameEntry, RasValidateEntryName: the DWORD each returns.
[[nodiscard]] DWORD delete_entry(const char* function, const PhonebookArg& phonebook,
                                 std::wstring_view name);
[[nodiscard]] DWORD rename_entry(const char* function, const PhonebookArg& phonebook,
                                 std::wstring_view old_name, std::wstring_view new_name);
[[nodiscard]] DWORD validate_entry_name(const char* function, const PhonebookArg& phonebook,
                                        std::wstring_view name);

// The password "handle" RasGetCredentials and RasGetEntryDialParams return instead of a
// saved password; passing it back to a Set function leaves the password unchanged.
inline constexpr std::wstring_view kPasswordHandle = L"****************";

// RASDIALPARAMS as RasGet/SetEntryDialParams use it.
struct DialParams {
  std::wstring entry_name;
  std::wstring callback_number;
  std::wstring user_name;
  std::wstring password;  // on output the handle, or "" when none is saved
  std::wstring domain;
  bool password_saved = false;
  std::optional<DWORD> sub_entry;       // present from WINVER 0x401
  std::optional<uint64_t> callback_id;  // present from WINVER 0x401
};
[[nodiscard]] Result<DialParams> entry_dial_params(const PhonebookArg& phonebook,
                                                   std::wstring_view entry);
// The saved password RasDial uses when a caller passes kPasswordHandle back in
// szPassword ("" when none is saved). The caller wipes it after use.
[[nodiscard]] Result<std::wstring> saved_password(const std::string& phonebook_file,
                                                  std::wstring_view entry);
[[nodiscard]] Status set_entry_dial_params(const PhonebookArg& phonebook, const DialParams& params,
                                           bool remove_password);

// RASCREDENTIALS as RasGet/SetCredentials use it (RASCM_* in mask).
struct Credentials {
  DWORD mask = 0;
  std::wstring user_name;
  std::wstring password;  // the password or pre-shared key; the handle on output
  std::wstring domain;
};
[[nodiscard]] Result<Credentials> entry_credentials(const PhonebookArg& phonebook,
                                                    std::wstring_view entry, DWORD mask);
[[nodiscard]] DWORD set_entry_credentials(const char* function, const PhonebookArg& phonebook,
                                          std::wstring_view entry, const Credentials& credentials,
                                          bool clear);

}  // namespace openras::rasapi
