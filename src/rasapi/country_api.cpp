// country_api.cpp: RasGetCountryInfoW / RasGetCountryInfoA over the country table that
// tools/gen-countries generates at build time from libphonenumber and iso-codes, compiled
// into base (base/countries.h; docs/devices.md "Countries": where the rows, codes, names
// and ids come from).
//
// Windows' rules: dwSize must be sizeof(RASCTRYINFO) (632 otherwise); an id that is no row
// is ERROR_INVALID_PARAMETER; the list is linked through dwNextCountryID from id 1 to a
// 0; the name follows the structure in the caller's buffer, and a buffer too small for
// both is ERROR_BUFFER_TOO_SMALL with the bytes needed in *lpdwSize.
#include <cstring>
#include <string>
#include <string_view>

#include "base/c_abi.h"
#include "base/countries.h"
#include "base/utf.h"
#include "ras.h"
#include "raserror.h"

using openras::abi_call;

namespace {

// The name in the caller's character type: UTF-8 for the A form, WCHAR for the W form.
std::string name_units(const char* utf8, char) { return utf8; }
std::wstring name_units(const char* utf8, WCHAR) {
  auto wide = openras::utf8_to_wide(utf8);
  return wide ? *wide : std::wstring();
}

template <class Char>
DWORD get_country_info(RASCTRYINFO* info, LPDWORD lpdwSize) {
  if (!lpdwSize) return ERROR_INVALID_PARAMETER;
  if (!info) return ERROR_INVALID_USER_BUFFER;
  if (info->dwSize != sizeof(RASCTRYINFO)) return ERROR_INVALID_SIZE;
  const openras::Country* country = openras::find_country(info->dwCountryID);
  if (!country) return ERROR_INVALID_PARAMETER;
  // The id after it, 0 after the last.
  auto all = openras::countries();
  const auto at = static_cast<size_t>(country - all.data());
  const DWORD next = at + 1 < all.size() ? all[at + 1].id : 0;
  auto name = name_units(country->name, Char{});
  const size_t needed = sizeof(RASCTRYINFO) + (name.size() + 1) * sizeof(Char);
  if (*lpdwSize < needed) {
    *lpdwSize = static_cast<DWORD>(needed);
    return ERROR_BUFFER_TOO_SMALL;
  }
  info->dwNextCountryID = next;
  info->dwCountryCode = country->code;
  info->dwCountryNameOffset = sizeof(RASCTRYINFO);
  // Offset 20 keeps a WCHAR name aligned: the structure is made of DWORDs.
  std::memcpy(reinterpret_cast<unsigned char*>(info) + sizeof(RASCTRYINFO), name.c_str(),
              (name.size() + 1) * sizeof(Char));
  *lpdwSize = static_cast<DWORD>(needed);
  return ERROR_SUCCESS;
}

}  // namespace

extern "C" {

DWORD APIENTRY RasGetCountryInfoW(LPRASCTRYINFOW lpRasCtryInfo, LPDWORD lpdwSize) {
  return abi_call(__func__, [&] { return get_country_info<WCHAR>(lpRasCtryInfo, lpdwSize); });
}

DWORD APIENTRY RasGetCountryInfoA(LPRASCTRYINFOA lpRasCtryInfo, LPDWORD lpdwSize) {
  return abi_call(__func__, [&] { return get_country_info<char>(lpRasCtryInfo, lpdwSize); });
}

}  // extern "C"
