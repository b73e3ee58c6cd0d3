// devices.h: the devices RAS can dial through (docs/devices.md): those configured under
// HKLM\Software\OpenRAS\Devices\<name> and the serial ports detected on this machine.
//
// Read fresh on every call (the hive caches its parse), so a device added with rasreg is
// seen at once by RasEnumDevices and by rasmand's next Dial. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/paths.h"
#include "base/result.h"

namespace openras::devices {

inline constexpr const wchar_t* kDevicesKey = L"Software\\OpenRAS\\Devices";
// The kinds of device (the registry's Type; the link's driver). What Windows programs see
// of them is ras_device_type().
inline constexpr const char* kTypeModem = "modem";
inline constexpr const char* kTypeSerial = "serial";  // a null-modem cable: no AT dialogue
inline constexpr const char* kTypeTest = "test";      // no hardware: see src/link/test_device.cpp

struct Device {
  std::string name;               // RASDEVINFO.szDeviceName; the registry key's name
  std::string type;               // the kind: "modem", "serial" or "test"
  std::string port;               // e.g. /dev/ttyS0; empty for a test device
  uint32_t speed = 0;             // bits per second, 0: the driver's default
  std::vector<std::string> init;  // AT init strings, in order
  std::string flow_control;       // "rtscts" (also when empty), "xonxoff", "none"
  uint32_t dial_timeout = 0;      // seconds from ATD to CONNECT; 0: 60
  // The LCP keep-alive (LcpEchoInterval, LcpEchoFailure): seconds between Echo-Requests,
  // 0 off, none the line's default; unanswered ones before the peer is dead, 0: 3.
  std::optional<uint32_t> lcp_echo_interval;
  uint32_t lcp_echo_failure = 0;
  bool detected = false;  // found as a serial port, not configured
};

// Where serial ports are looked for (tests point these at a scratch tree).
struct DetectDirs {
  std::string dev = "/dev";
  std::string sys_class_tty = "/sys/class/tty";
};

// The RASDT_* string a device of this kind is to Windows programs (RASDEVINFO's
// szDeviceType, which they compare exactly, and so an entry's): RASDT_Modem
// "modem" for a modem and for the test device (it stands in for one: a number, then
// CONNECT, BUSY or NO CARRIER), RASDT_Serial "SERIAL" for a null-modem cable. Another
// kind gives RASDT_Generic "GENERIC".
[[nodiscard]] const char* ras_device_type(const std::string& type);

// Configured devices (by key order), then detected serial ports that no configured
// device names as its Port. A value of the wrong type is ignored with a debug log; a
// configured device with an unknown Type is skipped. An unreadable or untrusted HKLM
// hive gives the detected ports only.
[[nodiscard]] std::vector<Device> list_devices(const Paths& paths, const DetectDirs& dirs = {});

// The device called `name` (case-insensitive, as registry keys are), or kDeviceDoesNotExist.
[[nodiscard]] Result<Device> find_device(const Paths& paths, const std::string& name,
                                         const DetectDirs& dirs = {});

// Serial ports: /dev/ttyS*, ttyUSB*, ttyACM* that are character devices of the tty
// drivers' majors; a ttyS* only when sysfs says a UART is behind it (type != 0), since
// the kernel makes ttyS0-31 whether or not hardware exists. Nothing is opened.
[[nodiscard]] std::vector<Device> detect_serial_ports(const DetectDirs& dirs);

}  // namespace openras::devices
