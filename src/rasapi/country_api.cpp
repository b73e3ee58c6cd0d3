// country_api.cpp: RasGetCountryInfoW / RasGetCountryInfoA over the country table that
// tools/gen-countries generates at build time from libphonenumber and iso-codes
// (docs/devices.md "Countries": where the rows, codes, names and ids come from).
//
// Windows' rules: dwSize must be sizeof(RASCTRYINFO) (632 otherwise); an id that is no row
// is ERROR_INVALID_PARAMETER; the list is linked through dwNextCountryID from id 1 to a
// 0; the name follows the structure in the caller's buffer, and a buffer too small for
// both is ERROR_BUFFER_TOO_SMALL with the bytes needed in *lpdwSize.
#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

#include "base/c_abi.h"
#include "base/utf.h"
#include "ras.h"
#include "raserror.h"

using openras::abi_call;

namespace {

struct Country {
  DWORD id;
  DWORD code;
  const char* name;  // UTF-8
};

constexpr Country kCountries[] = {
#include "countries_table.inc"
};

constexpr bool ids_ascend() {
  for (size_t i = 1; i < std::size(kCountries); ++i) {
    if (kCountries[i - 1].id >= kCountries[i].id) return false;
  }
  return true;
}
static_assert(ids_ascend(), "the generated country table must be sorted by id, each id once");
static_assert(kCountries[0].id == 1, "the country list starts at id 1, as Windows' does");

// The row with this id and the id after it (0 after the last), or nullptr.
const Country* find_country(DWORD id, DWORD* next) {
  const Country* end = std::end(kCountries);
  const Country* it =
      std::lower_bound(std::begin(kCountries), end, id,
                       [](const Country& c, DWORD wanted) { return c.id < wanted; });
  if (it == end || it->id != id) return nullptr;
  *next = (it + 1 == end) ? 0 : (it + 1)->id;
  return it;
}

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
  DWORD next = 0;
  const Country* country = find_country(info->dwCountryID, &next);
  if (!country) return ERROR_INVALID_PARAMETER;
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
