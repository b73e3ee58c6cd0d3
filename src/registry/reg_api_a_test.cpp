// reg_api_a_test.cpp: the A functions: UTF-8 names and string data, byte counts.
#include <gtest/gtest.h>

#include <cstring>

#include "registry/test_support.h"
#include "windows.h"

namespace openras::registry {
namespace {

using namespace std::string_literals;

class RegApiATest : public testing::PrivateRoot {};

TEST_F(RegApiATest, Utf8NamesAndData) {
  HKEY key = nullptr;
  DWORD disposition = 0;
  ASSERT_EQ(RegCreateKeyExA(HKEY_CURRENT_USER, "Software\\Caf\xc3\xa9", 0, nullptr, 0,
                            KEY_ALL_ACCESS, nullptr, &key, &disposition),
            ERROR_SUCCESS);
  EXPECT_EQ(disposition, static_cast<DWORD>(REG_CREATED_NEW_KEY));
  const char multi[] = "/usr/lib/\xc3\xa9.so\0/usr/lib/b.so\0";  // + the literal's NUL
  ASSERT_EQ(RegSetValueExA(key, "Dialers", 0, REG_MULTI_SZ, reinterpret_cast<const BYTE*>(multi),
                           sizeof multi),
            ERROR_SUCCESS);
  // The W view of the same value: wide text, double NUL.
  WCHAR wide[64];
  DWORD size = sizeof wide;
  ASSERT_EQ(
      RegQueryValueExW(key, L"dialers", nullptr, nullptr, reinterpret_cast<BYTE*>(wide), &size),
      ERROR_SUCCESS);
  std::wstring expected = L"/usr/lib/\u00e9.so\0/usr/lib/b.so\0\0"s;
  ASSERT_EQ(size, expected.size() * sizeof(WCHAR));
  EXPECT_EQ(std::wmemcmp(wide, expected.data(), expected.size()), 0);

  DWORD type = 0;
  DWORD bytes = 0;
  ASSERT_EQ(RegQueryValueExA(key, "DIALERS", nullptr, &type, nullptr, &bytes), ERROR_SUCCESS);
  EXPECT_EQ(bytes, sizeof multi);
  char text[64];
  bytes = 4;
  EXPECT_EQ(RegQueryValueExA(key, "Dialers", nullptr, &type, reinterpret_cast<BYTE*>(text), &bytes),
            ERROR_MORE_DATA);
  EXPECT_EQ(bytes, sizeof multi);
  bytes = sizeof text;
  ASSERT_EQ(RegQueryValueExA(key, "Dialers", nullptr, &type, reinterpret_cast<BYTE*>(text), &bytes),
            ERROR_SUCCESS);
  EXPECT_EQ(std::memcmp(text, multi, sizeof multi), 0);
  RegCloseKey(key);

  char name[16];
  DWORD length = sizeof name;
  ASSERT_EQ(RegEnumKeyExA(HKEY_CURRENT_USER, 0, name, &length, nullptr, nullptr, nullptr, nullptr),
            ERROR_SUCCESS);
  EXPECT_STREQ(name, "Software");
  HKEY software = nullptr;
  ASSERT_EQ(RegOpenKeyExA(HKEY_CURRENT_USER, "software", 0, KEY_READ, &software), ERROR_SUCCESS);
  length = 5;  // "Café" is 5 bytes in UTF-8: no room for the NUL
  EXPECT_EQ(RegEnumKeyExA(software, 0, name, &length, nullptr, nullptr, nullptr, nullptr),
            ERROR_MORE_DATA);
  length = 6;
  ASSERT_EQ(RegEnumKeyExA(software, 0, name, &length, nullptr, nullptr, nullptr, nullptr),
            ERROR_SUCCESS);
  EXPECT_STREQ(name, "Caf\xc3\xa9");
  EXPECT_EQ(length, 5u);
  RegCloseKey(software);
}

TEST_F(RegApiATest, EnumGetDeleteAndBadUtf8) {
  HKEY key = nullptr;
  ASSERT_EQ(RegCreateKeyExA(HKEY_CURRENT_USER, "Software\\A", 0, nullptr, 0, KEY_ALL_ACCESS,
                            nullptr, &key, nullptr),
            ERROR_SUCCESS);
  ASSERT_EQ(RegSetValueExA(key, "s", 0, REG_SZ, reinterpret_cast<const BYTE*>("\xe6\x9d\xb1"), 4),
            ERROR_SUCCESS);
  char name[8];
  DWORD length = sizeof name;
  char data[8];
  DWORD size = sizeof data;
  DWORD type = 0;
  ASSERT_EQ(
      RegEnumValueA(key, 0, name, &length, nullptr, &type, reinterpret_cast<BYTE*>(data), &size),
      ERROR_SUCCESS);
  EXPECT_STREQ(name, "s");
  EXPECT_EQ(size, 4u);
  EXPECT_STREQ(data, "\xe6\x9d\xb1");
  size = sizeof data;
  ASSERT_EQ(RegGetValueA(HKEY_CURRENT_USER, "Software\\A", "s", RRF_RT_REG_SZ, &type, data, &size),
            ERROR_SUCCESS);
  EXPECT_EQ(size, 4u);
  EXPECT_EQ(RegSetValueExA(key, "\xff", 0, REG_SZ, reinterpret_cast<const BYTE*>("x"), 2),
            ERROR_NO_UNICODE_TRANSLATION);
  EXPECT_EQ(RegSetValueExA(key, "bad", 0, REG_SZ, reinterpret_cast<const BYTE*>("\xff"), 2),
            ERROR_NO_UNICODE_TRANSLATION);
  EXPECT_EQ(RegOpenKeyExA(HKEY_CURRENT_USER, "\xc0", 0, KEY_READ, &key),
            ERROR_NO_UNICODE_TRANSLATION);
  EXPECT_EQ(RegDeleteValueA(key, "s"), ERROR_SUCCESS);
  EXPECT_EQ(RegDeleteValueA(key, "s"), ERROR_FILE_NOT_FOUND);
  RegCloseKey(key);
  EXPECT_EQ(RegDeleteKeyA(HKEY_CURRENT_USER, "Software\\A"), ERROR_SUCCESS);
  EXPECT_EQ(RegDeleteKeyA(HKEY_CURRENT_USER, nullptr), ERROR_INVALID_PARAMETER);
}

}  // namespace
}  // namespace openras::registry
