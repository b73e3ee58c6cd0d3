// entry_enum.cpp: RasEnumEntriesW / RasEnumEntriesA.
#include <cstring>

#include "base/c_abi.h"
#include "base/utf.h"
#include "rasapi/entry_api.h"
#include "rasapi/entry_structs.h"

namespace {

namespace rasapi = openras::rasapi;
using openras::Result;

// The W form stores wide text, the A form UTF-8.
Result<std::wstring> to_form(std::string_view utf8, wchar_t) { return openras::utf8_to_wide(utf8); }
Result<std::string> to_form(std::string_view utf8, char) { return std::string(utf8); }

// A name always fits the W member (the scan refuses longer ones), a path may not
// (MAX_PATH); in the A form UTF-8 may need more bytes than the member has.
template <class Char>
openras::Status put(const std::basic_string<Char>& text, Char* member, size_t capacity) {
  if (text.size() < capacity) {
    std::memcpy(member, text.c_str(), (text.size() + 1) * sizeof(Char));
    return {};
  }
  return openras::fail(
      sizeof(Char) == 1 ? openras::Errc::kNoUnicodeTranslation : openras::Errc::kNotSupported,
      "an entry name or phone-book path is longer than the " + std::to_string(capacity - 1) +
          " characters RASENTRYNAME holds");
}

// One implementation for both forms: `names` is an array of the caller's version of
// RASENTRYNAME (the first one's dwSize), `stride` bytes apart.
template <class Name, class Char>
DWORD enumerate(const char* function, const Char* reserved, const Char* phonebook, Name* names,
                LPDWORD lpcb, LPDWORD lpcEntries) {
  constexpr bool kWide = sizeof(Char) == sizeof(wchar_t);
  if (reserved || !lpcb || !lpcEntries) return ERROR_INVALID_PARAMETER;
  auto versions = rasapi::rasentryname_sizes(kWide);
  size_t stride = versions.back().size;
  if (names) {
    if (rasapi::version_index(versions, names->dwSize) < 0) return ERROR_INVALID_SIZE;
    stride = names->dwSize;
  }
  auto book = rasapi::phonebook_arg(phonebook);
  if (!book) return rasapi::error_code(function, book);
  auto who = rasapi::caller();
  if (!who) return rasapi::error_code(function, who);
  auto lists = openras::phonebook::list_entries(**who, *book);
  if (!lists) return rasapi::error_code(function, lists);
  size_t count = 0;
  for (const auto& list : *lists) count += list.sections.size();
  size_t needed = count * stride;
  *lpcEntries = static_cast<DWORD>(count);
  if (count > 0 && (!names || *lpcb < needed)) {
    *lpcb = static_cast<DWORD>(needed);
    return ERROR_BUFFER_TOO_SMALL;
  }
  const bool with_path = stride > offsetof(Name, dwFlags);
  auto* out = reinterpret_cast<unsigned char*>(names);
  for (const auto& list : *lists) {
    auto path = to_form(list.phonebook.path, Char{});
    if (!path) return rasapi::error_code(function, path);
    DWORD flags =
        list.phonebook.scope == openras::phonebook::Scope::kAllUsers ? REN_AllUsers : REN_User;
    for (size_t section : list.sections) {
      auto* item = reinterpret_cast<Name*>(out);
      std::memset(item, 0, stride);
      item->dwSize = static_cast<DWORD>(stride);
      auto name = to_form(list.snapshot->name(section), Char{});
      if (!name) return rasapi::error_code(function, name);
      if (auto ok = put(*name, item->szEntryName, RAS_MaxEntryName + 1); !ok)
        return rasapi::error_code(function, ok);
      if (with_path) {
        item->dwFlags = flags;
        if (auto ok = put(*path, item->szPhonebookPath, MAX_PATH + 1); !ok)
          return rasapi::error_code(function, ok);
      }
      out += stride;
    }
  }
  *lpcb = static_cast<DWORD>(needed);
  return ERROR_SUCCESS;
}

}  // namespace

extern "C" {

// lpcb is the buffer's size in bytes; on ERROR_BUFFER_TOO_SMALL it receives the size
// needed (the newest RASENTRYNAMEW's when lprasentryname is NULL) and *lpcEntries the
// number of entries. With lpszPhonebook NULL the caller's own phone book is listed
// first (REN_User), then the all-users one (REN_AllUsers).
DWORD APIENTRY RasEnumEntriesW(LPCWSTR reserved, LPCWSTR lpszPhonebook,
                               LPRASENTRYNAMEW lprasentryname, LPDWORD lpcb, LPDWORD lpcEntries) {
  return openras::abi_call(__func__, [&]() -> DWORD {
    return enumerate(__func__, reserved, lpszPhonebook, lprasentryname, lpcb, lpcEntries);
  });
}

// The A form: names and paths in UTF-8 (one that does not fit its CHAR member as UTF-8
// fails with ERROR_NO_UNICODE_TRANSLATION; use the W form).
DWORD APIENTRY RasEnumEntriesA(LPCSTR reserved, LPCSTR lpszPhonebook,
                               LPRASENTRYNAMEA lprasentryname, LPDWORD lpcb, LPDWORD lpcEntries) {
  return openras::abi_call(__func__, [&]() -> DWORD {
    return enumerate(__func__, reserved, lpszPhonebook, lprasentryname, lpcb, lpcEntries);
  });
}

}  // extern "C"
