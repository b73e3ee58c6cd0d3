// devices_test.cpp: configured devices from HKLM, detection without hardware, and
// RasEnumDevices' buffer rules.
#include "devices/devices.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "ras.h"
#include "raserror.h"
#include "registry/hive.h"
#include "registry/test_support.h"
#include "registry/value_data.h"
#include "skip.h"
#include "support.h"

namespace openras::devices {
namespace {

using namespace std::string_literals;
using registry::testing::utf16;

class DevicesTest : public registry::testing::PrivateRoot {
 protected:
  void SetUp() override {
    PrivateRoot::SetUp();
    // Detection looks at an empty scratch /dev, so the machine's ports do not count.
    ::mkdir(file("dev").c_str(), 0755);
    dirs_.dev = file("dev");
    dirs_.sys_class_tty = file("sys");
  }

  void set(const std::wstring& device, const std::wstring& name, uint32_t type, std::string data) {
    registry::Hive hive(paths(), registry::RootKey::kLocalMachine);
    auto path = registry::split_key_path(std::wstring(kDevicesKey) + L"\\" + device);
    ASSERT_TRUE(path);
    ASSERT_TRUE(hive.modify([&](registry::Key& tree) -> Result<bool> {
      tree.ensure(*path).set_value(registry::Value{name, type, data});
      return true;
    }));
  }
  static std::string dword(uint32_t v) { return std::string(reinterpret_cast<char*>(&v), 4); }

  DetectDirs dirs_;
};

TEST_F(DevicesTest, NoKeyNoDevices) { EXPECT_TRUE(list_devices(paths(), dirs_).empty()); }

TEST_F(DevicesTest, ReadsEveryValue) {
  set(L"Modem1", L"Type", registry::kRegSz, utf16(L"modem\0"s));
  set(L"Modem1", L"Port", registry::kRegSz, utf16(L"/dev/ttyS1\0"s));
  set(L"Modem1", L"Speed", registry::kRegDword, dword(115200));
  set(L"Modem1", L"Init", registry::kRegMultiSz, utf16(L"ATZ\0AT&F E0\0\0"s));
  set(L"Test0", L"Type", registry::kRegSz, utf16(L"test\0"s));
  auto list = list_devices(paths(), dirs_);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].name, "Modem1");
  EXPECT_EQ(list[0].type, "modem");
  EXPECT_EQ(list[0].port, "/dev/ttyS1");
  EXPECT_EQ(list[0].speed, 115200u);
  EXPECT_EQ(list[0].init, (std::vector<std::string>{"ATZ", "AT&F E0"}));
  EXPECT_FALSE(list[0].detected);
  EXPECT_EQ(list[1].name, "Test0");
  EXPECT_EQ(list[1].type, "test");
}

TEST_F(DevicesTest, LineSettingsAndTheSerialType) {
  set(L"Modem1", L"Type", registry::kRegSz, utf16(L"Modem\0"s));
  set(L"Modem1", L"FlowControl", registry::kRegSz, utf16(L"xonxoff\0"s));
  set(L"Modem1", L"DialTimeout", registry::kRegDword, dword(90));
  set(L"Modem1", L"LcpEchoInterval", registry::kRegDword, dword(0));  // 0: off, not absent
  set(L"Modem1", L"LcpEchoFailure", registry::kRegDword, dword(4));
  set(L"Cable", L"Type", registry::kRegSz, utf16(L"serial\0"s));
  set(L"Cable", L"LcpEchoInterval", registry::kRegSz, utf16(L"10\0"s));  // wrong type
  set(L"Cable", L"Port", registry::kRegSz, utf16(L"/dev/ttyS2\0"s));
  set(L"Cable", L"DialTimeout", registry::kRegSz, utf16(L"90\0"s));  // wrong type: ignored
  auto list = list_devices(paths(), dirs_);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].name, "Cable");
  EXPECT_EQ(list[0].type, kTypeSerial);
  EXPECT_EQ(list[0].dial_timeout, 0u);
  EXPECT_EQ(list[0].flow_control, "");
  EXPECT_EQ(list[1].type, kTypeModem) << "Type is matched case-insensitively";
  EXPECT_EQ(list[1].flow_control, "xonxoff");
  EXPECT_EQ(list[1].dial_timeout, 90u);
  EXPECT_EQ(list[0].lcp_echo_interval, std::nullopt) << "a wrong type is as if absent";
  EXPECT_EQ(list[0].lcp_echo_failure, 0u);
  EXPECT_EQ(list[1].lcp_echo_interval, std::optional<uint32_t>(0));
  EXPECT_EQ(list[1].lcp_echo_failure, 4u);
}

TEST_F(DevicesTest, RasDeviceTypesAreWindowsRasdtStrings) {
  EXPECT_STREQ(ras_device_type(kTypeModem), "modem");
  EXPECT_STREQ(ras_device_type(kTypeSerial), "SERIAL");
  EXPECT_STREQ(ras_device_type(kTypeTest), "modem");
  EXPECT_STREQ(ras_device_type("isdn"), "GENERIC");
  // Through RasEnumDevices, as Windows programs see a cable configured in lower case.
  set(L"Cable", L"Type", registry::kRegSz, utf16(L"Serial\0"s));
  DWORD cb = 0, count = 0;
  ASSERT_EQ(RasEnumDevicesW(nullptr, &cb, &count), static_cast<DWORD>(ERROR_BUFFER_TOO_SMALL));
  std::vector<RASDEVINFOW> info(count);
  info[0].dwSize = sizeof(RASDEVINFOW);
  ASSERT_EQ(RasEnumDevicesW(info.data(), &cb, &count), static_cast<DWORD>(ERROR_SUCCESS));
  EXPECT_STREQ(info[0].szDeviceName, L"Cable");
  EXPECT_STREQ(info[0].szDeviceType, RASDT_Serial);
}

TEST_F(DevicesTest, UnknownTypeAndWrongValueTypesAreIgnored) {
  set(L"Weird", L"Type", registry::kRegSz, utf16(L"isdn\0"s));
  set(L"Test0", L"Type", registry::kRegSz, utf16(L"test\0"s));
  set(L"Test0", L"Speed", registry::kRegSz, utf16(L"fast\0"s));
  auto list = list_devices(paths(), dirs_);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].speed, 0u);
}

TEST_F(DevicesTest, FindIsCaseInsensitiveAndUnknownIsDeviceDoesNotExist) {
  set(L"Test0", L"Type", registry::kRegSz, utf16(L"test\0"s));
  auto found = find_device(paths(), "TEST0", dirs_);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Test0");
  auto missing = find_device(paths(), "Nope", dirs_);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::kDeviceDoesNotExist);
}

TEST_F(DevicesTest, DetectionSkipsFilesThatAreNotCharacterDevices) {
  openras::testing::write_file(file("dev/ttyS0"), "");
  openras::testing::write_file(file("dev/ttyUSB0"), "");
  EXPECT_TRUE(detect_serial_ports(dirs_).empty());
  // The real /dev: whatever is there, nothing is opened and nothing but tty ports listed.
  for (const Device& d : detect_serial_ports(DetectDirs{})) {
    EXPECT_EQ(d.type, "modem");
    EXPECT_TRUE(d.detected);
    EXPECT_EQ(d.port.rfind("/dev/tty", 0), 0u) << d.port;
  }
}

// Real character devices in a scratch /dev (mknod needs root): a port is a tty driver's
// major under its own name, and a ttyS* only with a UART behind it in the scratch sysfs.
TEST_F(DevicesTest, DetectionGoesByMajorAndUartType) {
  OPENRAS_SKIP_UNLESS(::geteuid() == 0, "mknod of character devices needs root");
  auto node = [&](const char* name, unsigned major, unsigned minor) {
    ASSERT_EQ(::mknod(file("dev/"s + name).c_str(), S_IFCHR | 0600, makedev(major, minor)), 0)
        << name << ": " << std::strerror(errno);
  };
  node("ttyS0", 4, 64);  // a UART (16550A, type 4): detected
  node("ttyS1", 4, 65);  // type 0, PORT_UNKNOWN: the kernel's placeholder, not a port
  node("ttyS2", 4, 66);  // no sysfs entry at all: not a port
  node("ttyUSB0", 188, 0);
  node("ttyACM0", 166, 0);
  node("ttyS3", 188, 1);   // a UART in sysfs, but a ttyUSB major under a ttyS name: not one
  node("ttyUSB1", 4, 67);  // the name of a USB port with the major of ttyS: not one
  node("ttyACM1", 1, 3);   // /dev/null's numbers
  openras::testing::write_file(file("sys/ttyS0/type"), "4\n");
  openras::testing::write_file(file("sys/ttyS1/type"), "0\n");
  openras::testing::write_file(file("sys/ttyS3/type"), "4\n");
  std::vector<std::string> names;
  for (const Device& d : detect_serial_ports(dirs_)) {
    EXPECT_EQ(d.type, "modem");
    EXPECT_TRUE(d.detected);
    EXPECT_EQ(d.port, file("dev/" + d.name));
    names.push_back(d.name);
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"ttyACM0", "ttyS0", "ttyUSB0"}));
}

TEST_F(DevicesTest, RasEnumDevicesFollowsWindowsBufferRules) {
  set(L"Test0", L"Type", registry::kRegSz, utf16(L"test\0"s));
  set(L"Test1", L"Type", registry::kRegSz, utf16(L"test\0"s));
  DWORD cb = 0, count = 0;
  EXPECT_EQ(RasEnumDevicesW(nullptr, &cb, &count), static_cast<DWORD>(ERROR_BUFFER_TOO_SMALL));
  EXPECT_GE(count, 2u);
  EXPECT_EQ(cb, count * sizeof(RASDEVINFOW));
  std::vector<RASDEVINFOW> info(count);
  info[0].dwSize = sizeof(RASDEVINFOW) + 1;
  EXPECT_EQ(RasEnumDevicesW(info.data(), &cb, &count), static_cast<DWORD>(ERROR_INVALID_SIZE));
  info[0].dwSize = sizeof(RASDEVINFOW);
  DWORD short_cb = sizeof(RASDEVINFOW);
  EXPECT_EQ(RasEnumDevicesW(info.data(), &short_cb, &count),
            static_cast<DWORD>(ERROR_BUFFER_TOO_SMALL));
  EXPECT_EQ(short_cb, cb);
  ASSERT_EQ(RasEnumDevicesW(info.data(), &cb, &count), static_cast<DWORD>(ERROR_SUCCESS));
  EXPECT_STREQ(info[0].szDeviceName, L"Test0");
  EXPECT_STREQ(info[0].szDeviceType, RASDT_Modem) << "a test device stands in for a modem";
  std::vector<RASDEVINFOA> a(count);
  a[0].dwSize = sizeof(RASDEVINFOA);
  DWORD cba = static_cast<DWORD>(count * sizeof(RASDEVINFOA));
  ASSERT_EQ(RasEnumDevicesA(a.data(), &cba, &count), static_cast<DWORD>(ERROR_SUCCESS));
  EXPECT_STREQ(a[1].szDeviceName, "Test1");
  EXPECT_EQ(RasEnumDevicesW(nullptr, nullptr, &count), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
}

}  // namespace
}  // namespace openras::devices
