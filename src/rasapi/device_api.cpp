// device_api.cpp: RasEnumDevicesW / RasEnumDevicesA over devices::list_devices
// (device_api.h has the rules).
#include "rasapi/device_api.h"

#include <algorithm>
#include <string>

#include "base/c_abi.h"
#include "base/paths.h"
#include "base/utf.h"
#include "raserror.h"

using openras::abi_call;

namespace openras::rasapi {

namespace {

template <size_t N>
void put(WCHAR (&field)[N], const std::string& text) {
  auto wide = utf8_to_wide(text);
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
bool arguments_ok(Info* info, LPDWORD lpcb, LPDWORD lpcDevices, DWORD* error) {
  if (!lpcb || !lpcDevices) {
    *error = ERROR_INVALID_PARAMETER;
  } else if (info && info->dwSize != sizeof(Info)) {
    *error = ERROR_INVALID_SIZE;
  } else {
    return true;
  }
  return false;
}

template <class Info>
DWORD answer(const std::vector<devices::Device>& list, Info* info, LPDWORD lpcb,
             LPDWORD lpcDevices) {
  if (DWORD error = 0; !arguments_ok(info, lpcb, lpcDevices, &error)) return error;
  DWORD needed = static_cast<DWORD>(list.size() * sizeof(Info));
  *lpcDevices = static_cast<DWORD>(list.size());
  if (!list.empty() && (!info || *lpcb < needed)) {
    *lpcb = needed;
    return ERROR_BUFFER_TOO_SMALL;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    info[i].dwSize = sizeof(Info);
    put(info[i].szDeviceType, devices::ras_device_type(list[i].type));
    put(info[i].szDeviceName, list[i].name);
  }
  *lpcb = needed;
  return ERROR_SUCCESS;
}

// The C functions check their arguments before reading the registry and /dev.
template <class Info>
DWORD enum_this_machine(Info* info, LPDWORD lpcb, LPDWORD lpcDevices) {
  if (DWORD error = 0; !arguments_ok(info, lpcb, lpcDevices, &error)) return error;
  auto paths = Paths::from_environment();
  if (!paths) return win32_code(paths.error());
  return answer(devices::list_devices(*paths), info, lpcb, lpcDevices);
}

}  // namespace

DWORD enum_devices(const std::vector<devices::Device>& list, RASDEVINFOW* info, LPDWORD lpcb,
                   LPDWORD lpcDevices) {
  return answer(list, info, lpcb, lpcDevices);
}

DWORD enum_devices(const std::vector<devices::Device>& list, RASDEVINFOA* info, LPDWORD lpcb,
                   LPDWORD lpcDevices) {
  return answer(list, info, lpcb, lpcDevices);
}

}  // namespace openras::rasapi

extern "C" {

DWORD APIENTRY RasEnumDevicesW(LPRASDEVINFOW lpRasDevInfo, LPDWORD lpcb, LPDWORD lpcDevices) {
  return abi_call(
      __func__, [&] { return openras::rasapi::enum_this_machine(lpRasDevInfo, lpcb, lpcDevices); });
}

DWORD APIENTRY RasEnumDevicesA(LPRASDEVINFOA lpRasDevInfo, LPDWORD lpcb, LPDWORD lpcDevices) {
  return abi_call(
      __func__, [&] { return openras::rasapi::enum_this_machine(lpRasDevInfo, lpcb, lpcDevices); });
}

}  // extern "C"
