// entry_properties_ansi.cpp: RasGet/SetEntryPropertiesA and RasGet/SetSubEntryPropertiesA,
// the W functions' logic with UTF-8 text: each RASENTRYA version maps to the RASENTRYW
// version of the same WINVER, member by member through the schema.
#include <cstring>

#include "base/c_abi.h"
#include "base/utf.h"
#include "rasapi/entry_api.h"
#include "rasapi/entry_structs.h"

namespace {

namespace rasapi = openras::rasapi;

DWORD buffer_invalid(const char* function, const openras::Error& error) {
  LOG_DEBUG("%s: %s", function, error.message.c_str());
  return ERROR_BUFFER_INVALID;
}

}  // namespace

extern "C" {

DWORD APIENTRY RasGetEntryPropertiesA(LPCSTR lpszPhonebook, LPCSTR lpszEntry,
                                      LPRASENTRYA lpRasEntry, LPDWORD lpdwEntryInfoSize,
                                      LPBYTE lpbDeviceInfo, LPDWORD lpdwDeviceInfoSize) {
  return openras::abi_call(__func__, [&]() -> DWORD {
    (void)lpbDeviceInfo;
    if (!lpszEntry || !lpdwEntryInfoSize) return ERROR_INVALID_PARAMETER;
    if (lpdwDeviceInfoSize) *lpdwDeviceInfoSize = 0;
    size_t size = sizeof(RASENTRYA);
    if (lpRasEntry) {
      if (rasapi::version_index(rasapi::rasentry_sizes(false), lpRasEntry->dwSize) < 0)
        return ERROR_INVALID_SIZE;
      size = lpRasEntry->dwSize;
    }
    auto phonebook = rasapi::phonebook_arg(lpszPhonebook);
    if (!phonebook) return rasapi::error_code(__func__, phonebook);
    auto name = openras::utf8_arg_to_wide(lpszEntry);
    if (!name) return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    auto fields = rasapi::entry_properties(*phonebook, **name);
    if (!fields) return rasapi::error_code(__func__, fields);
    auto list = rasapi::alternates_size_utf8(fields->alternates);
    if (!list) return rasapi::error_code(__func__, list);
    size_t needed = size + *list;
    if (!lpRasEntry || *lpdwEntryInfoSize < needed) {
      *lpdwEntryInfoSize = static_cast<DWORD>(needed);
      return ERROR_BUFFER_TOO_SMALL;
    }
    RASENTRYA narrow;
    std::memset(&narrow, 0, sizeof narrow);
    if (auto ok = rasapi::rasentry_to_narrow(fields->entry, narrow, size); !ok)
      return openras::to_dword(__func__, ok);
    std::memcpy(lpRasEntry, &narrow, size);
    lpRasEntry->dwSize = static_cast<DWORD>(size);
    lpRasEntry->dwAlternateOffset = *list ? static_cast<DWORD>(size) : 0;
    if (auto ok = rasapi::write_alternates_utf8(lpRasEntry, size, fields->alternates); !ok) {
      return openras::to_dword(__func__, ok);
    }
    *lpdwEntryInfoSize = static_cast<DWORD>(needed);
    return ERROR_SUCCESS;
  });
}

DWORD APIENTRY RasSetEntryPropertiesA(LPCSTR lpszPhonebook, LPCSTR lpszEntry,
                                      LPRASENTRYA lpRasEntry, DWORD dwEntryInfoSize,
                                      LPBYTE lpbDeviceInfo, DWORD dwDeviceInfoSize) {
  return openras::abi_call(__func__, [&]() -> DWORD {
    (void)lpbDeviceInfo;
    (void)dwDeviceInfoSize;
    if (!lpszEntry || !lpRasEntry) return ERROR_INVALID_PARAMETER;
    const DWORD size = lpRasEntry->dwSize;
    int version = rasapi::version_index(rasapi::rasentry_sizes(false), size);
    if (version < 0) return ERROR_INVALID_SIZE;
    if (dwEntryInfoSize < size) return ERROR_BUFFER_INVALID;
    auto alternates = rasapi::read_alternates_utf8(lpRasEntry, dwEntryInfoSize, size,
                                                   lpRasEntry->dwAlternateOffset);
    if (!alternates) return buffer_invalid(__func__, alternates.error());
    RASENTRYA narrow;
    std::memset(&narrow, 0, sizeof narrow);
    std::memcpy(&narrow, lpRasEntry, size);
    RASENTRYW wide;
    std::memset(&wide, 0, sizeof wide);
    if (auto ok = rasapi::rasentry_to_wide(narrow, size, wide); !ok)
      return openras::to_dword(__func__, ok);
    auto phonebook = rasapi::phonebook_arg(lpszPhonebook);
    if (!phonebook) return rasapi::error_code(__func__, phonebook);
    auto name = openras::utf8_arg_to_wide(lpszEntry);
    if (!name) return ERROR_INVALID_NAME;
    size_t wide_size = rasapi::rasentry_sizes(true)[static_cast<size_t>(version)].size;
    return openras::to_dword(
        __func__, rasapi::set_entry_properties(*phonebook, **name, wide, wide_size, *alternates));
  });
}

DWORD APIENTRY RasGetSubEntryPropertiesA(LPCSTR lpszPhonebook, LPCSTR lpszEntry, DWORD dwSubEntry,
                                         LPRASSUBENTRYA lpRasSubEntry, LPDWORD lpdwcb,
                                         LPBYTE lpbDeviceConfig, LPDWORD lpcbDeviceConfig) {
  return openras::abi_call(__func__, [&]() -> DWORD {
    (void)lpbDeviceConfig;
    if (!lpszEntry || !lpdwcb || dwSubEntry == 0) return ERROR_INVALID_PARAMETER;
    if (lpcbDeviceConfig) *lpcbDeviceConfig = 0;
    if (lpRasSubEntry && lpRasSubEntry->dwSize != sizeof(RASSUBENTRYA)) return ERROR_INVALID_SIZE;
    auto phonebook = rasapi::phonebook_arg(lpszPhonebook);
    if (!phonebook) return rasapi::error_code(__func__, phonebook);
    auto name = openras::utf8_arg_to_wide(lpszEntry);
    if (!name) return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    auto link = rasapi::sub_entry(*phonebook, **name, dwSubEntry);
    if (!link) return rasapi::error_code(__func__, link);
    auto list = rasapi::alternates_size_utf8(link->alternates);
    if (!list) return rasapi::error_code(__func__, list);
    size_t needed = sizeof(RASSUBENTRYA) + *list;
    if (!lpRasSubEntry || *lpdwcb < needed) {
      *lpdwcb = static_cast<DWORD>(needed);
      return ERROR_BUFFER_TOO_SMALL;
    }
    RASSUBENTRYA out;
    std::memset(&out, 0, sizeof out);
    out.dwSize = sizeof out;
    for (openras::Status ok :
         {rasapi::narrow_into(link->device_type, out.szDeviceType, sizeof out.szDeviceType),
          rasapi::narrow_into(link->device_name, out.szDeviceName, sizeof out.szDeviceName),
          rasapi::narrow_into(link->phone_number, out.szLocalPhoneNumber,
                              sizeof out.szLocalPhoneNumber)}) {
      if (!ok) return openras::to_dword(__func__, ok);
    }
    out.dwAlternateOffset = *list ? static_cast<DWORD>(sizeof out) : 0;
    std::memcpy(lpRasSubEntry, &out, sizeof out);
    if (auto ok = rasapi::write_alternates_utf8(lpRasSubEntry, sizeof out, link->alternates); !ok) {
      return openras::to_dword(__func__, ok);
    }
    *lpdwcb = static_cast<DWORD>(needed);
    return ERROR_SUCCESS;
  });
}

DWORD APIENTRY RasSetSubEntryPropertiesA(LPCSTR lpszPhonebook, LPCSTR lpszEntry, DWORD dwSubEntry,
                                         LPRASSUBENTRYA lpRasSubEntry, DWORD dwcbRasSubEntry,
                                         LPBYTE lpbDeviceConfig, DWORD dwcbDeviceConfig) {
  return openras::abi_call(__func__, [&]() -> DWORD {
    (void)lpbDeviceConfig;
    (void)dwcbDeviceConfig;
    if (!lpszEntry || !lpRasSubEntry || dwSubEntry == 0) return ERROR_INVALID_PARAMETER;
    if (lpRasSubEntry->dwSize != sizeof(RASSUBENTRYA)) return ERROR_INVALID_SIZE;
    if (dwcbRasSubEntry < sizeof(RASSUBENTRYA)) return ERROR_BUFFER_INVALID;
    auto alternates = rasapi::read_alternates_utf8(
        lpRasSubEntry, dwcbRasSubEntry, sizeof(RASSUBENTRYA), lpRasSubEntry->dwAlternateOffset);
    if (!alternates) return buffer_invalid(__func__, alternates.error());
    auto type = rasapi::widen_from(lpRasSubEntry->szDeviceType, sizeof lpRasSubEntry->szDeviceType);
    auto device =
        rasapi::widen_from(lpRasSubEntry->szDeviceName, sizeof lpRasSubEntry->szDeviceName);
    auto number = rasapi::widen_from(lpRasSubEntry->szLocalPhoneNumber,
                                     sizeof lpRasSubEntry->szLocalPhoneNumber);
    if (!type || !device || !number) return ERROR_INVALID_PARAMETER;
    auto phonebook = rasapi::phonebook_arg(lpszPhonebook);
    if (!phonebook) return rasapi::error_code(__func__, phonebook);
    auto name = openras::utf8_arg_to_wide(lpszEntry);
    if (!name) return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    openras::phonebook::LinkFields link{*type, *device, *number, std::move(*alternates)};
    return openras::to_dword(__func__, rasapi::set_sub_entry(*phonebook, **name, dwSubEntry, link));
  });
}

}  // extern "C"
