// device_api_test.cpp: RasEnumDevices' answer for chosen device lists (device_api.h): the
// RASDT_* type strings Windows programs compare exactly, and the empty list. The C
// functions over the registry are tested in src/devices/devices_test.cpp.
#include "rasapi/device_api.h"

#include <gtest/gtest.h>

#include <cwchar>
#include <string>
#include <vector>

#include "raserror.h"

namespace openras::rasapi {
namespace {

devices::Device device(const std::string& name, const char* type) {
  devices::Device d;
  d.name = name;
  d.type = type;
  return d;
}

TEST(RasEnumDevicesAnswer, TypesAreTheRasdtStrings) {
  std::vector<devices::Device> list = {device("Modem1", devices::kTypeModem),
                                       device("Cable", devices::kTypeSerial),
                                       device("Test0", devices::kTypeTest)};
  std::vector<RASDEVINFOW> info(list.size());
  info[0].dwSize = sizeof(RASDEVINFOW);
  DWORD cb = static_cast<DWORD>(info.size() * sizeof(RASDEVINFOW));
  DWORD count = 0;
  ASSERT_EQ(enum_devices(list, info.data(), &cb, &count), static_cast<DWORD>(ERROR_SUCCESS));
  ASSERT_EQ(count, 3u);
  // What a Windows program filters on: wcscmp(szDeviceType, RASDT_Modem) == 0.
  EXPECT_EQ(std::wcscmp(info[0].szDeviceType, RASDT_Modem), 0) << info[0].szDeviceType;
  EXPECT_EQ(std::wcscmp(info[1].szDeviceType, RASDT_Serial), 0) << info[1].szDeviceType;
  EXPECT_EQ(std::wcscmp(info[2].szDeviceType, RASDT_Modem), 0)
      << "the test device stands in for a modem: " << info[2].szDeviceType;
  EXPECT_STREQ(info[1].szDeviceName, L"Cable");
  std::vector<RASDEVINFOA> a(list.size());
  a[0].dwSize = sizeof(RASDEVINFOA);
  cb = static_cast<DWORD>(a.size() * sizeof(RASDEVINFOA));
  ASSERT_EQ(enum_devices(list, a.data(), &cb, &count), static_cast<DWORD>(ERROR_SUCCESS));
  EXPECT_STREQ(a[0].szDeviceType, "modem");
  EXPECT_STREQ(a[1].szDeviceType, "SERIAL");
  EXPECT_STREQ(a[2].szDeviceType, "modem");
}

TEST(RasEnumDevicesAnswer, NoDevicesIsSuccessWithCountZero) {
  // Windows' example calls with a NULL buffer and takes anything but 603 with a count of
  // 0 as "no RAS devices"; a 603 asking for 0 bytes would have it write into nothing.
  DWORD cb = 0, count = 7;
  EXPECT_EQ(enum_devices({}, static_cast<RASDEVINFOW*>(nullptr), &cb, &count),
            static_cast<DWORD>(ERROR_SUCCESS));
  EXPECT_EQ(count, 0u);
  EXPECT_EQ(cb, 0u);
  RASDEVINFOA one{};
  one.dwSize = sizeof one;
  cb = sizeof one;
  EXPECT_EQ(enum_devices({}, &one, &cb, &count), static_cast<DWORD>(ERROR_SUCCESS));
  EXPECT_EQ(count, 0u);
}

TEST(RasEnumDevicesAnswer, ArgumentsAreCheckedFirst) {
  std::vector<devices::Device> list = {device("Modem1", devices::kTypeModem)};
  RASDEVINFOW info{};
  DWORD cb = sizeof info, count = 0;
  info.dwSize = sizeof info - 1;
  EXPECT_EQ(enum_devices(list, &info, &cb, &count), static_cast<DWORD>(ERROR_INVALID_SIZE));
  info.dwSize = sizeof info;
  EXPECT_EQ(enum_devices(list, &info, nullptr, &count),
            static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  EXPECT_EQ(enum_devices(list, &info, &cb, nullptr), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  cb = 0;
  EXPECT_EQ(enum_devices(list, &info, &cb, &count), static_cast<DWORD>(ERROR_BUFFER_TOO_SMALL));
  EXPECT_EQ(cb, sizeof info);
  EXPECT_EQ(count, 1u);
}

}  // namespace
}  // namespace openras::rasapi
