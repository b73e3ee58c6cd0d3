// entry_manage.cpp: RasDeleteEntry, RasRenameEntry and RasValidateEntryName (W and A).
#include "base/c_abi.h"
#include "base/utf.h"
#include "dialer/dispatch.h"
#include "phonebook/credentials.h"
#include "phonebook/entry_name.h"
#include "rasapi/entry_api.h"

namespace openras::rasapi {

// Resolve the entry, tell its custom dialer (RasCustomDeleteEntryNotify, while the entry
// still exists), remove it, then forget its saved credentials.
DWORD delete_entry(const char* function, const PhonebookArg& phonebook, std::wstring_view name) {
  if (name.empty()) return ERROR_INVALID_NAME;
  auto who = caller();
  if (!who) return error_code(function, who);
  auto ref = phonebook::locate_entry(**who, phonebook, name);
  if (!ref) {
    // Documented for RasDeleteEntry: a name that does not exist is ERROR_INVALID_NAME.
    if (ref.error().code == Errc::kEntryNotFound) {
      LOG_DEBUG("%s: %s", function, ref.error().message.c_str());
      return ERROR_INVALID_NAME;
    }
    return error_code(function, ref);
  }
  if (auto ok = phonebook::check_writable(**who, *ref); !ok) return to_dword(function, ok);
  // The notification names the phone book the entry lives in, so the dialer can tell an
  // all-users entry (RCD_AllUsers) from the caller's own.
  auto path = utf8_to_wide(ref->path);
  if (path) dialer::notify_delete(path->c_str(), name);
  if (auto ok = phonebook::delete_entry(**who, *ref, name); !ok) {
    // A forwarding dialer deletes its entry itself from the notification: the entry is
    // gone, as the caller asked.
    if (ok.error().code != Errc::kEntryNotFound) return to_dword(function, ok);
    LOG_DEBUG("%s: the dialer's notification already deleted the entry", function);
  }
  if (auto ok = phonebook::forget_credentials(**who, *ref, name); !ok) {
    LOG_DEBUG("%s: entry deleted, but its saved credentials stay: %s", function,
              ok.error().message.c_str());
  }
  return ERROR_SUCCESS;
}

DWORD rename_entry(const char* function, const PhonebookArg& phonebook, std::wstring_view old_name,
                   std::wstring_view new_name) {
  auto who = caller();
  if (!who) return error_code(function, who);
  auto ref = phonebook::rename_entry(**who, phonebook, old_name, new_name);
  if (!ref) return error_code(function, ref);
  if (auto ok = phonebook::move_credentials(**who, *ref, old_name, new_name); !ok) {
    LOG_DEBUG("%s: entry renamed, but its saved credentials were not moved: %s", function,
              ok.error().message.c_str());
  }
  return ERROR_SUCCESS;
}

// Valid and unused: ERROR_SUCCESS; valid and used in a phone book the call covers:
// ERROR_ALREADY_EXISTS; a named phone book that does not exist: ERROR_CANNOT_OPEN_PHONEBOOK
// (Windows documents ERROR_CANNOT_FIND_PHONEBOOK, which no header defines).
DWORD validate_entry_name(const char* function, const PhonebookArg& phonebook,
                          std::wstring_view name) {
  if (auto ok = phonebook::check_entry_name(name); !ok) return to_dword(function, ok);
  auto who = caller();
  if (!who) return error_code(function, who);
  auto ref = phonebook::locate_entry(**who, phonebook, name);
  if (ref) return ERROR_ALREADY_EXISTS;
  if (ref.error().code == Errc::kEntryNotFound) return ERROR_SUCCESS;
  return error_code(function, ref);
}

}  // namespace openras::rasapi

namespace {

namespace rasapi = openras::rasapi;

template <class Char>
DWORD delete_any(const char* function, const Char* phonebook, const Char* entry) {
  if (!entry) return ERROR_INVALID_PARAMETER;
  auto book = rasapi::phonebook_arg(phonebook);
  if (!book) return rasapi::error_code(function, book);
  if constexpr (sizeof(Char) == 1) {
    auto name = openras::utf8_arg_to_wide(entry);
    if (!name) return ERROR_INVALID_NAME;
    return rasapi::delete_entry(function, *book, **name);
  } else {
    return rasapi::delete_entry(function, *book, entry);
  }
}

template <class Char>
DWORD rename_any(const char* function, const Char* phonebook, const Char* old_entry,
                 const Char* new_entry) {
  if (!old_entry || !new_entry) return ERROR_INVALID_PARAMETER;
  auto book = rasapi::phonebook_arg(phonebook);
  if (!book) return rasapi::error_code(function, book);
  if constexpr (sizeof(Char) == 1) {
    auto old_name = openras::utf8_arg_to_wide(old_entry);
    auto new_name = openras::utf8_arg_to_wide(new_entry);
    if (!old_name) return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    if (!new_name) return ERROR_INVALID_NAME;
    return rasapi::rename_entry(function, *book, **old_name, **new_name);
  } else {
    return rasapi::rename_entry(function, *book, old_entry, new_entry);
  }
}

template <class Char>
DWORD validate_any(const char* function, const Char* phonebook, const Char* entry) {
  if (!entry) return ERROR_INVALID_PARAMETER;
  auto book = rasapi::phonebook_arg(phonebook);
  if (!book) return rasapi::error_code(function, book);
  if constexpr (sizeof(Char) == 1) {
    auto name = openras::utf8_arg_to_wide(entry);
    if (!name) return ERROR_INVALID_NAME;
    return rasapi::validate_entry_name(function, *book, **name);
  } else {
    return rasapi::validate_entry_name(function, *book, entry);
  }
}

}  // namespace

extern "C" {

// Removes the entry's section and the caller's saved credentials for it. Only an
// administrator may delete from the all-users phone book (ERROR_ACCESS_DENIED).
DWORD APIENTRY RasDeleteEntryW(LPCWSTR lpszPhonebook, LPCWSTR lpszEntry) {
  return openras::abi_call(__func__,
                           [&] { return delete_any(__func__, lpszPhonebook, lpszEntry); });
}
DWORD APIENTRY RasDeleteEntryA(LPCSTR lpszPhonebook, LPCSTR lpszEntry) {
  return openras::abi_call(__func__,
                           [&] { return delete_any(__func__, lpszPhonebook, lpszEntry); });
}

// Renames within the entry's phone book; the new name follows RasRenameEntry's looser
// rules (entry_name.h).
DWORD APIENTRY RasRenameEntryW(LPCWSTR lpszPhonebook, LPCWSTR lpszOldEntry, LPCWSTR lpszNewEntry) {
  return openras::abi_call(
      __func__, [&] { return rename_any(__func__, lpszPhonebook, lpszOldEntry, lpszNewEntry); });
}
DWORD APIENTRY RasRenameEntryA(LPCSTR lpszPhonebook, LPCSTR lpszOldEntry, LPCSTR lpszNewEntry) {
  return openras::abi_call(
      __func__, [&] { return rename_any(__func__, lpszPhonebook, lpszOldEntry, lpszNewEntry); });
}

DWORD APIENTRY RasValidateEntryNameW(LPCWSTR lpszPhonebook, LPCWSTR lpszEntry) {
  return openras::abi_call(__func__,
                           [&] { return validate_any(__func__, lpszPhonebook, lpszEntry); });
}
DWORD APIENTRY RasValidateEntryNameA(LPCSTR lpszPhonebook, LPCSTR lpszEntry) {
  return openras::abi_call(__func__,
                           [&] { return validate_any(__func__, lpszPhonebook, lpszEntry); });
}

}  // extern "C"
