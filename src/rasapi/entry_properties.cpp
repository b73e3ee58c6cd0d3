// entry_properties.cpp: RasGet/SetEntryPropertiesW and RasGet/SetSubEntryPropertiesW.
#include <cstring>

#include "base/c_abi.h"
#include "base/utf.h"
#include "rasapi/entry_api.h"
#include "rasapi/entry_structs.h"

using openras::abi_call;
using openras::to_dword;
namespace rasapi = openras::rasapi;

namespace {

// The caller's buffer could not hold the list it says follows the structure.
DWORD buffer_invalid(const char* function, const openras::Error& error) {
  LOG_DEBUG("%s: %s", function, error.message.c_str());
  return ERROR_BUFFER_INVALID;
}

}  // namespace

extern "C" {

// The first *lpdwEntryInfoSize bytes of lpRasEntry receive the entry (its version: dwSize)
// followed by the alternate numbers. A NULL lpRasEntry or a short buffer gets
// ERROR_BUFFER_TOO_SMALL and the size needed (for the newest version when lpRasEntry is
// NULL). The entry name "" returns a new entry's defaults.
DWORD APIENTRY RasGetEntryPropertiesW(LPCWSTR lpszPhonebook, LPCWSTR lpszEntry,
                                      LPRASENTRYW lpRasEntry, LPDWORD lpdwEntryInfoSize,
                                      LPBYTE lpbDeviceInfo, LPDWORD lpdwDeviceInfoSize) {
  return abi_call(__func__, [&]() -> DWORD {
    (void)lpbDeviceInfo;  // TAPI device configuration: unused since Windows XP
    if (!lpszEntry || !lpdwEntryInfoSize) return ERROR_INVALID_PARAMETER;
    if (lpdwDeviceInfoSize) *lpdwDeviceInfoSize = 0;
    size_t version_size = sizeof(RASENTRYW);
    if (lpRasEntry) {
      if (rasapi::version_index(rasapi::rasentry_sizes(true), lpRasEntry->dwSize) < 0)
        return ERROR_INVALID_SIZE;
      version_size = lpRasEntry->dwSize;
    }
    auto phonebook = rasapi::phonebook_arg(lpszPhonebook);
    if (!phonebook) return rasapi::error_code(__func__, phonebook);
    auto fields = rasapi::entry_properties(*phonebook, lpszEntry);
    if (!fields) return rasapi::error_code(__func__, fields);
    size_t needed = version_size + rasapi::alternates_size(fields->alternates);
    if (!lpRasEntry || *lpdwEntryInfoSize < needed) {
      *lpdwEntryInfoSize = static_cast<DWORD>(needed);
      return ERROR_BUFFER_TOO_SMALL;
    }
    std::memcpy(lpRasEntry, &fields->entry, version_size);
    lpRasEntry->dwSize = static_cast<DWORD>(version_size);
    lpRasEntry->dwAlternateOffset =
        fields->alternates.empty() ? 0 : static_cast<DWORD>(version_size);
    rasapi::write_alternates(lpRasEntry, version_size, fields->alternates);
    *lpdwEntryInfoSize = static_cast<DWORD>(needed);
    return ERROR_SUCCESS;
  });
}

// Creates the entry or changes it: only the members of the caller's version are used,
// and only the phone-book lines whose values change are rewritten.
DWORD APIENTRY RasSetEntryPropertiesW(LPCWSTR lpszPhonebook, LPCWSTR lpszEntry,
                                      LPRASENTRYW lpRasEntry, DWORD dwEntryInfoSize,
                                      LPBYTE lpbDeviceInfo, DWORD dwDeviceInfoSize) {
  return abi_call(__func__, [&]() -> DWORD {
    (void)lpbDeviceInfo;
    (void)dwDeviceInfoSize;
    if (!lpszEntry || !lpRasEntry) return ERROR_INVALID_PARAMETER;
    DWORD size = lpRasEntry->dwSize;
    if (rasapi::version_index(rasapi::rasentry_sizes(true), size) < 0) return ERROR_INVALID_SIZE;
    if (dwEntryInfoSize < size) return ERROR_BUFFER_INVALID;
    auto alternates =
        rasapi::read_alternates(lpRasEntry, dwEntryInfoSize, size, lpRasEntry->dwAlternateOffset);
    if (!alternates) return buffer_invalid(__func__, alternates.error());
    auto phonebook = rasapi::phonebook_arg(lpszPhonebook);
    if (!phonebook) return rasapi::error_code(__func__, phonebook);
    // The caller's prefix is copied into a whole structure so no member is read past it.
    RASENTRYW prefix;
    std::memset(&prefix, 0, sizeof prefix);
    std::memcpy(&prefix, lpRasEntry, size);
    return to_dword(__func__,
                    rasapi::set_entry_properties(*phonebook, lpszEntry, prefix, size, *alternates));
  });
}

// Sub-entry dwSubEntry (1-based) is a link of the entry: for a single-link entry, 1 is the
// entry's own device and phone numbers.
DWORD APIENTRY RasGetSubEntryPropertiesW(LPCWSTR lpszPhonebook, LPCWSTR lpszEntry, DWORD dwSubEntry,
                                         LPRASSUBENTRYW lpRasSubEntry, LPDWORD lpdwcb,
                                         LPBYTE lpbDeviceConfig, LPDWORD lpcbDeviceConfig) {
  return abi_call(__func__, [&]() -> DWORD {
    (void)lpbDeviceConfig;
    if (!lpszEntry || !lpdwcb || dwSubEntry == 0) return ERROR_INVALID_PARAMETER;
    if (lpcbDeviceConfig) *lpcbDeviceConfig = 0;
    if (lpRasSubEntry && lpRasSubEntry->dwSize != sizeof(RASSUBENTRYW)) return ERROR_INVALID_SIZE;
    auto phonebook = rasapi::phonebook_arg(lpszPhonebook);
    if (!phonebook) return rasapi::error_code(__func__, phonebook);
    auto link = rasapi::sub_entry(*phonebook, lpszEntry, dwSubEntry);
    if (!link) return rasapi::error_code(__func__, link);
    size_t needed = sizeof(RASSUBENTRYW) + rasapi::alternates_size(link->alternates);
    if (!lpRasSubEntry || *lpdwcb < needed) {
      *lpdwcb = static_cast<DWORD>(needed);
      return ERROR_BUFFER_TOO_SMALL;
    }
    std::memset(lpRasSubEntry, 0, sizeof(RASSUBENTRYW));
    lpRasSubEntry->dwSize = sizeof(RASSUBENTRYW);
    // The lengths were checked against these members when the entry was read.
    (void)openras::copy_terminated(link->device_type, lpRasSubEntry->szDeviceType,
                                   RAS_MaxDeviceType + 1);
    (void)openras::copy_terminated(link->device_name, lpRasSubEntry->szDeviceName,
                                   RAS_MaxDeviceName + 1);
    (void)openras::copy_terminated(link->phone_number, lpRasSubEntry->szLocalPhoneNumber,
                                   RAS_MaxPhoneNumber + 1);
    lpRasSubEntry->dwAlternateOffset =
        link->alternates.empty() ? 0 : static_cast<DWORD>(sizeof(RASSUBENTRYW));
    rasapi::write_alternates(lpRasSubEntry, sizeof(RASSUBENTRYW), link->alternates);
    *lpdwcb = static_cast<DWORD>(needed);
    return ERROR_SUCCESS;
  });
}

// Changes an existing link; adding links (multilink) is ERROR_NOT_SUPPORTED.
DWORD APIENTRY RasSetSubEntryPropertiesW(LPCWSTR lpszPhonebook, LPCWSTR lpszEntry, DWORD dwSubEntry,
                                         LPRASSUBENTRYW lpRasSubEntry, DWORD dwcbRasSubEntry,
                                         LPBYTE lpbDeviceConfig, DWORD dwcbDeviceConfig) {
  return abi_call(__func__, [&]() -> DWORD {
    (void)lpbDeviceConfig;
    (void)dwcbDeviceConfig;
    if (!lpszEntry || !lpRasSubEntry || dwSubEntry == 0) return ERROR_INVALID_PARAMETER;
    if (lpRasSubEntry->dwSize != sizeof(RASSUBENTRYW)) return ERROR_INVALID_SIZE;
    if (dwcbRasSubEntry < sizeof(RASSUBENTRYW)) return ERROR_BUFFER_INVALID;
    auto alternates = rasapi::read_alternates(lpRasSubEntry, dwcbRasSubEntry, sizeof(RASSUBENTRYW),
                                              lpRasSubEntry->dwAlternateOffset);
    if (!alternates) return buffer_invalid(__func__, alternates.error());
    auto type = openras::terminated_view(lpRasSubEntry->szDeviceType, RAS_MaxDeviceType + 1);
    auto name = openras::terminated_view(lpRasSubEntry->szDeviceName, RAS_MaxDeviceName + 1);
    auto number =
        openras::terminated_view(lpRasSubEntry->szLocalPhoneNumber, RAS_MaxPhoneNumber + 1);
    if (!type || !name || !number) return ERROR_INVALID_PARAMETER;
    auto phonebook = rasapi::phonebook_arg(lpszPhonebook);
    if (!phonebook) return rasapi::error_code(__func__, phonebook);
    openras::phonebook::LinkFields link{std::wstring(*type), std::wstring(*name),
                                        std::wstring(*number), std::move(*alternates)};
    return to_dword(__func__, rasapi::set_sub_entry(*phonebook, lpszEntry, dwSubEntry, link));
  });
}

}  // extern "C"
