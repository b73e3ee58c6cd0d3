// device_api.h: RasEnumDevicesW/A's answer for a list of devices, apart from where the
// list comes from (devices::list_devices, which also finds this machine's serial ports),
// so every case of Windows' rules can be shown with any list, the empty one included.
// Thread-safe.
#pragma once

#include <vector>

#include "devices/devices.h"
#include "ras.h"

namespace openras::rasapi {

// Windows' rules: NULL lpcb or lpcDevices is ERROR_INVALID_PARAMETER; info->dwSize must be
// sizeof(RASDEVINFO), else ERROR_INVALID_SIZE; *lpcDevices is always the count; a NULL or
// short buffer is ERROR_BUFFER_TOO_SMALL with *lpcb the bytes needed, except with no
// devices at all, which is success (count 0), as Windows' own example expects. Each
// device's szDeviceType is its RASDT_* string (devices::ras_device_type).
[[nodiscard]] DWORD enum_devices(const std::vector<devices::Device>& list, RASDEVINFOW* info,
                                 LPDWORD lpcb, LPDWORD lpcDevices);
[[nodiscard]] DWORD enum_devices(const std::vector<devices::Device>& list, RASDEVINFOA* info,
                                 LPDWORD lpcb, LPDWORD lpcDevices);

}  // namespace openras::rasapi
