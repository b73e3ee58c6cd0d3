// device_api.cpp: RasEnumDevicesW / RasEnumDevicesA over devices::list_devices.
//
// Windows' buffer rules: lpRasDevInfo->dwSize must be sizeof(RASDEVINFO) (one version
// only), else ERROR_INVALID_SIZE; a NULL or short buffer gives ERROR_BUFFER_TOO_SMALL with
// *lpcb = the bytes needed and *lpcDevices = the count, so callers can size and retry.
#include <algorithm>
#include <string>

#include "base/c_abi.h"
#include "base/paths.h"
#include "base/utf.h"
#include "devices/devices.h"
#include "ras.h"
#include "raserror.h"

using openras::abi_call;

namespace {

template <size_t N>
void put(WCHAR (&field)[N], const std::string& text) {
  auto wide = openras::utf8_to_wide(text);
  std::wstring w = wide ? *wide : std::wstring();
  size_t n = std::min(w.size(), N - 1);
  w.copy(field, n);
  field[n] = L'\0';
}

template <size_t N>
void put(CHAR (&field)[N], const std::string& text) {
  // Cut at a character boundary, so the A field stays valid UTF-8.
  size_t n = std::min(text.size(), N - 1);
  while (n > 0 && n < text.size() && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  text.copy(field, n);
  field[n] = '\0';
}

template <class Info>
DWORD enum_devices(Info* info, LPDWORD lpcb, LPDWORD lpcDevices) {
  if (!lpcb || !lpcDevices) return ERROR_INVALID_PARAMETER;
  if (info && info->dwSize != sizeof(Info)) return ERROR_INVALID_SIZE;
  auto paths = openras::Paths::from_environment();
  if (!paths) return openras::win32_code(paths.error());
  auto devices = openras::devices::list_devices(*paths);
  DWORD needed = static_cast<DWORD>(devices.size() * sizeof(Info));
  *lpcDevices = static_cast<DWORD>(devices.size());
  if (!info || *lpcb < needed) {
    *lpcb = needed;
    return ERROR_BUFFER_TOO_SMALL;
  }
  for (size_t i = 0; i < devices.size(); ++i) {
    info[i].dwSize = sizeof(Info);
    put(info[i].szDeviceType, devices[i].type);
    put(info[i].szDeviceName, devices[i].name);
  }
  *lpcb = needed;
  return ERROR_SUCCESS;
}

}  // namespace

extern "C" {

DWORD APIENTRY RasEnumDevicesW(LPRASDEVINFOW lpRasDevInfo, LPDWORD lpcb, LPDWORD lpcDevices) {
  return abi_call(__func__, [&] { return enum_devices(lpRasDevInfo, lpcb, lpcDevices); });
}

DWORD APIENTRY RasEnumDevicesA(LPRASDEVINFOA lpRasDevInfo, LPDWORD lpcb, LPDWORD lpcDevices) {
  return abi_call(__func__, [&] { return enum_devices(lpRasDevInfo, lpcb, lpcDevices); });
}

}  // extern "C"
