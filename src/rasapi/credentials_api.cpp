// credentials_api.cpp: RasGet/SetEntryDialParams and RasGet/SetCredentials (W and A).
#include <cstring>

#include "base/c_abi.h"
#include "base/utf.h"
#include "rasapi/entry_api.h"
#include "rasapi/entry_structs.h"

namespace {

namespace rasapi = openras::rasapi;
using openras::Result;
using openras::Status;

// A structure's string member as wide text (the A form's is UTF-8), and back.
template <size_t N>
Result<std::wstring> read_member(const wchar_t (&member)[N]) {
  auto view = openras::terminated_view(member, N);
  if (!view) return openras::fail(view.error());
  return std::wstring(*view);
}
template <size_t N>
Result<std::wstring> read_member(const char (&member)[N]) {
  return rasapi::widen_from(member, N);
}
template <size_t N>
Status write_member(std::wstring_view text, wchar_t (&member)[N]) {
  std::memset(member, 0, sizeof member);
  return openras::copy_terminated(text, member, N);
}
template <size_t N>
Status write_member(std::wstring_view text, char (&member)[N]) {
  return rasapi::narrow_into(text, member, N);
}

template <class Char>
Result<std::wstring> entry_arg(const Char* entry) {
  if constexpr (sizeof(Char) == 1) {
    auto wide = openras::utf8_arg_to_wide(entry);
    if (!wide) return openras::fail(wide.error());
    return **wide;
  } else {
    return std::wstring(entry);
  }
}

template <class Params, class Char>
DWORD get_dial_params(const char* function, const Char* phonebook, Params* params, LPBOOL saved) {
  if (!params || !saved) return ERROR_BUFFER_INVALID;
  if (rasapi::version_index(rasapi::rasdialparams_sizes(sizeof(Char) > 1), params->dwSize) < 0) {
    return ERROR_INVALID_SIZE;
  }
  auto name = read_member(params->szEntryName);
  if (!name) return ERROR_INVALID_PARAMETER;
  auto book = rasapi::phonebook_arg(phonebook);
  if (!book) return rasapi::error_code(function, book);
  auto found = rasapi::entry_dial_params(*book, *name);
  if (!found) return rasapi::error_code(function, found);
  for (Status ok : {write_member(L"", params->szPhoneNumber),
                    write_member(found->callback_number, params->szCallbackNumber),
                    write_member(found->user_name, params->szUserName),
                    write_member(found->password, params->szPassword),
                    write_member(found->domain, params->szDomain)}) {
    if (!ok) return rasapi::error_code(function, ok);
  }
  const DWORD size = params->dwSize;
  if (size > offsetof(Params, dwSubEntry)) {
    params->dwSubEntry = found->sub_entry.value_or(0);
    params->dwCallbackId = static_cast<ULONG_PTR>(found->callback_id.value_or(0));
  }
  if (size > offsetof(Params, dwIfIndex)) params->dwIfIndex = 0;
  if (size > offsetof(Params, szEncPassword)) params->szEncPassword = nullptr;
  *saved = found->password_saved ? TRUE : FALSE;
  return ERROR_SUCCESS;
}

template <class Params, class Char>
DWORD set_dial_params(const char* function, const Char* phonebook, const Params* params,
                      BOOL remove_password) {
  if (!params) return ERROR_BUFFER_INVALID;
  if (rasapi::version_index(rasapi::rasdialparams_sizes(sizeof(Char) > 1), params->dwSize) < 0) {
    return ERROR_INVALID_SIZE;
  }
  rasapi::DialParams in;
  auto entry = read_member(params->szEntryName);
  auto callback = read_member(params->szCallbackNumber);
  auto user = read_member(params->szUserName);
  auto password = read_member(params->szPassword);
  auto domain = read_member(params->szDomain);
  if (!entry || !callback || !user || !password || !domain) return ERROR_INVALID_PARAMETER;
  in.entry_name = *entry;
  in.callback_number = *callback;
  in.user_name = *user;
  in.password = *password;
  in.domain = *domain;
  if (params->dwSize > offsetof(Params, dwSubEntry)) {
    in.sub_entry = params->dwSubEntry;
    in.callback_id = params->dwCallbackId;
  }
  auto book = rasapi::phonebook_arg(phonebook);
  if (!book) return rasapi::error_code(function, book);
  return openras::to_dword(function,
                           rasapi::set_entry_dial_params(*book, in, remove_password != FALSE));
}

template <class Creds, class Char>
DWORD get_credentials(const char* function, const Char* phonebook, const Char* entry,
                      Creds* creds) {
  if (!creds || !entry) return ERROR_INVALID_PARAMETER;
  if (creds->dwSize != sizeof(Creds)) return ERROR_INVALID_SIZE;
  auto name = entry_arg(entry);
  if (!name) return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
  auto book = rasapi::phonebook_arg(phonebook);
  if (!book) return rasapi::error_code(function, book);
  auto found = rasapi::entry_credentials(*book, *name, creds->dwMask);
  if (!found) return rasapi::error_code(function, found);
  for (Status ok : {write_member(found->user_name, creds->szUserName),
                    write_member(found->password, creds->szPassword),
                    write_member(found->domain, creds->szDomain)}) {
    if (!ok) return rasapi::error_code(function, ok);
  }
  creds->dwMask = found->mask;
  return ERROR_SUCCESS;
}

template <class Creds, class Char>
DWORD set_credentials(const char* function, const Char* phonebook, const Char* entry,
                      const Creds* creds, BOOL clear) {
  if (!creds || !entry) return ERROR_INVALID_PARAMETER;
  if (creds->dwSize != sizeof(Creds)) return ERROR_INVALID_SIZE;
  auto name = entry_arg(entry);
  auto user = read_member(creds->szUserName);
  auto password = read_member(creds->szPassword);
  auto domain = read_member(creds->szDomain);
  if (!name || !user || !password || !domain) return ERROR_INVALID_PARAMETER;
  auto book = rasapi::phonebook_arg(phonebook);
  if (!book) return rasapi::error_code(function, book);
  rasapi::Credentials in{creds->dwMask, *user, *password, *domain};
  return rasapi::set_entry_credentials(function, *book, *name, in, clear != FALSE);
}

}  // namespace

extern "C" {

// szPassword receives "****************" (a handle) when a password is saved, never the
// password; *lpfPassword says whether one is. szPhoneNumber is always "".
DWORD APIENTRY RasGetEntryDialParamsW(LPCWSTR lpszPhonebook, LPRASDIALPARAMSW lprasdialparams,
                                      LPBOOL lpfPassword) {
  return openras::abi_call(__func__, [&] {
    return get_dial_params(__func__, lpszPhonebook, lprasdialparams, lpfPassword);
  });
}
DWORD APIENTRY RasGetEntryDialParamsA(LPCSTR lpszPhonebook, LPRASDIALPARAMSA lprasdialparams,
                                      LPBOOL lpfPassword) {
  return openras::abi_call(__func__, [&] {
    return get_dial_params(__func__, lpszPhonebook, lprasdialparams, lpfPassword);
  });
}

// Empty szUserName / szDomain / szCallbackNumber leave the saved values; the password
// changes only together with a user name; fRemovePassword removes it.
DWORD APIENTRY RasSetEntryDialParamsW(LPCWSTR lpszPhonebook, LPRASDIALPARAMSW lprasdialparams,
                                      BOOL fRemovePassword) {
  return openras::abi_call(__func__, [&] {
    return set_dial_params(__func__, lpszPhonebook, lprasdialparams, fRemovePassword);
  });
}
DWORD APIENTRY RasSetEntryDialParamsA(LPCSTR lpszPhonebook, LPRASDIALPARAMSA lprasdialparams,
                                      BOOL fRemovePassword) {
  return openras::abi_call(__func__, [&] {
    return set_dial_params(__func__, lpszPhonebook, lprasdialparams, fRemovePassword);
  });
}

// dwMask in: what to retrieve; out: what was (RASCM_Password only if a password is saved,
// its value being the handle).
DWORD APIENTRY RasGetCredentialsW(LPCWSTR lpszPhonebook, LPCWSTR lpszEntry,
                                  LPRASCREDENTIALSW lpCredentials) {
  return openras::abi_call(
      __func__, [&] { return get_credentials(__func__, lpszPhonebook, lpszEntry, lpCredentials); });
}
DWORD APIENTRY RasGetCredentialsA(LPCSTR lpszPhonebook, LPCSTR lpszEntry,
                                  LPRASCREDENTIALSA lpCredentials) {
  return openras::abi_call(
      __func__, [&] { return get_credentials(__func__, lpszPhonebook, lpszEntry, lpCredentials); });
}

// Sets (or with fClearCredentials removes) the members dwMask names. RASCM_DefaultCreds and
// the pre-shared keys of all-users entries are everyone's: administrators only.
DWORD APIENTRY RasSetCredentialsW(LPCWSTR lpszPhonebook, LPCWSTR lpszEntry,
                                  LPRASCREDENTIALSW lpCredentials, BOOL fClearCredentials) {
  return openras::abi_call(__func__, [&] {
    return set_credentials(__func__, lpszPhonebook, lpszEntry, lpCredentials, fClearCredentials);
  });
}
DWORD APIENTRY RasSetCredentialsA(LPCSTR lpszPhonebook, LPCSTR lpszEntry,
                                  LPRASCREDENTIALSA lpCredentials, BOOL fClearCredentials) {
  return openras::abi_call(__func__, [&] {
    return set_credentials(__func__, lpszPhonebook, lpszEntry, lpCredentials, fClearCredentials);
  });
}

}  // extern "C"
