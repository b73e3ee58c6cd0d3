// reg_api_values_test.cpp: the value functions of the Reg API: RegQueryValueEx (size
// queries, ERROR_MORE_DATA), RegSetValueEx, RegDeleteValue, RegEnumValue, RegGetValue,
// and a Windows dialer installer's code run unchanged.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstring>
#include <vector>

#include "base/fs.h"
#include "registry/names.h"
#include "registry/test_support.h"
#include "windows.h"

namespace openras::registry {
namespace {

using namespace std::string_literals;

class RegValueTest : public testing::PrivateRoot {
 protected:
  void SetUp() override {
    PrivateRoot::SetUp();
    ASSERT_EQ(RegCreateKeyExW(HKEY_CURRENT_USER, L"Software\\Test", 0, nullptr, 0, KEY_ALL_ACCESS,
                              nullptr, &key_, nullptr),
              ERROR_SUCCESS);
  }
  void TearDown() override {
    RegCloseKey(key_);
    PrivateRoot::TearDown();
  }
  LSTATUS set_string(const wchar_t* name, DWORD type, const std::wstring& text) {
    return RegSetValueExW(key_, name, 0, type, reinterpret_cast<const BYTE*>(text.c_str()),
                          static_cast<DWORD>((text.size() + 1) * sizeof(wchar_t)));
  }
  HKEY key_ = nullptr;
};

TEST_F(RegValueTest, QuerySizesAndMoreData) {
  ASSERT_EQ(set_string(L"Name", REG_SZ, L"hello"), ERROR_SUCCESS);
  DWORD type = 0;
  DWORD size = 0;
  // Size query: NULL data.
  ASSERT_EQ(RegQueryValueExW(key_, L"name", nullptr, &type, nullptr, &size), ERROR_SUCCESS);
  EXPECT_EQ(type, static_cast<DWORD>(REG_SZ));
  EXPECT_EQ(size, 6 * sizeof(wchar_t));
  // Existence check: nothing requested.
  EXPECT_EQ(RegQueryValueExW(key_, L"Name", nullptr, nullptr, nullptr, nullptr), ERROR_SUCCESS);
  wchar_t small[3] = {L'x', L'x', L'x'};
  size = sizeof small;
  EXPECT_EQ(RegQueryValueExW(key_, L"Name", nullptr, &type, reinterpret_cast<BYTE*>(small), &size),
            ERROR_MORE_DATA);
  EXPECT_EQ(size, 6 * sizeof(wchar_t));
  wchar_t text[16];
  size = sizeof text;
  ASSERT_EQ(RegQueryValueExW(key_, L"Name", nullptr, &type, reinterpret_cast<BYTE*>(text), &size),
            ERROR_SUCCESS);
  EXPECT_STREQ(text, L"hello");
  EXPECT_EQ(size, 6 * sizeof(wchar_t));
}

TEST_F(RegValueTest, QueryErrors) {
  DWORD size = 4;
  BYTE data[4];
  DWORD reserved = 0;
  EXPECT_EQ(RegQueryValueExW(key_, L"Missing", nullptr, nullptr, nullptr, &size),
            ERROR_FILE_NOT_FOUND);
  EXPECT_EQ(RegQueryValueExW(key_, L"x", &reserved, nullptr, nullptr, &size),
            ERROR_INVALID_PARAMETER);
  EXPECT_EQ(RegQueryValueExW(key_, L"x", nullptr, nullptr, data, nullptr), ERROR_INVALID_PARAMETER);
  EXPECT_EQ(
      RegQueryValueExW(reinterpret_cast<HKEY>(0x4242), L"x", nullptr, nullptr, nullptr, &size),
      ERROR_INVALID_HANDLE);
  HKEY write_only = nullptr;
  ASSERT_EQ(RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\Test", 0, KEY_SET_VALUE, &write_only),
            ERROR_SUCCESS);
  ASSERT_EQ(set_string(L"v", REG_SZ, L"x"), ERROR_SUCCESS);
  EXPECT_EQ(RegQueryValueExW(write_only, L"v", nullptr, nullptr, nullptr, &size),
            ERROR_ACCESS_DENIED);
  RegCloseKey(write_only);
}

TEST_F(RegValueTest, DefaultValueIsNullOrEmptyName) {
  ASSERT_EQ(set_string(nullptr, REG_SZ, L"default"), ERROR_SUCCESS);
  DWORD size = 0;
  EXPECT_EQ(RegQueryValueExW(key_, L"", nullptr, nullptr, nullptr, &size), ERROR_SUCCESS);
  EXPECT_EQ(size, 8 * sizeof(wchar_t));
  EXPECT_EQ(RegDeleteValueW(key_, nullptr), ERROR_SUCCESS);
  EXPECT_EQ(RegQueryValueExW(key_, nullptr, nullptr, nullptr, nullptr, &size),
            ERROR_FILE_NOT_FOUND);
}

TEST_F(RegValueTest, UnterminatedStringsGetANulWhenThereIsRoom) {
  std::wstring abc = L"abc";
  ASSERT_EQ(RegSetValueExW(key_, L"raw", 0, REG_SZ, reinterpret_cast<const BYTE*>(abc.data()),
                           3 * sizeof(wchar_t)),
            ERROR_SUCCESS);
  wchar_t buffer[8];
  std::wmemset(buffer, L'#', 8);
  DWORD size = sizeof buffer;
  ASSERT_EQ(
      RegQueryValueExW(key_, L"raw", nullptr, nullptr, reinterpret_cast<BYTE*>(buffer), &size),
      ERROR_SUCCESS);
  EXPECT_EQ(size, 3 * sizeof(wchar_t));
  EXPECT_STREQ(buffer, L"abc");
}

TEST_F(RegValueTest, SetValueTypesAndErrors) {
  DWORD number = 0x12345678;
  ASSERT_EQ(RegSetValueExW(key_, L"dword", 0, REG_DWORD, reinterpret_cast<const BYTE*>(&number),
                           sizeof number),
            ERROR_SUCCESS);
  uint64_t big = 0x1122334455667788ull;
  ASSERT_EQ(
      RegSetValueExW(key_, L"qword", 0, REG_QWORD, reinterpret_cast<const BYTE*>(&big), sizeof big),
      ERROR_SUCCESS);
  ASSERT_EQ(RegSetValueExW(key_, L"empty", 0, REG_BINARY, nullptr, 0), ERROR_SUCCESS);
  ASSERT_EQ(RegSetValueExW(key_, L"custom", 0, 0x9999, reinterpret_cast<const BYTE*>("ab"), 2),
            ERROR_SUCCESS);
  EXPECT_EQ(RegSetValueExW(key_, L"null", 0, REG_BINARY, nullptr, 4), ERROR_NOACCESS);
  EXPECT_EQ(RegSetValueExW(key_, L"partial", 0, REG_SZ, reinterpret_cast<const BYTE*>(L"ab"), 5),
            ERROR_INVALID_PARAMETER);
  wchar_t lone[2] = {static_cast<wchar_t>(0xD800), 0};
  EXPECT_EQ(
      RegSetValueExW(key_, L"lone", 0, REG_SZ, reinterpret_cast<const BYTE*>(lone), sizeof lone),
      ERROR_NO_UNICODE_TRANSLATION);
  EXPECT_EQ(set_string(L"line\nbreak", REG_SZ, L"x"), ERROR_INVALID_PARAMETER);
  std::vector<BYTE> huge(kMaxValueSize + 1);
  EXPECT_EQ(
      RegSetValueExW(key_, L"huge", 0, REG_BINARY, huge.data(), static_cast<DWORD>(huge.size())),
      ERROR_INVALID_PARAMETER);
  HKEY reader = nullptr;
  ASSERT_EQ(RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\Test", 0, KEY_READ, &reader),
            ERROR_SUCCESS);
  EXPECT_EQ(RegSetValueExW(reader, L"x", 0, REG_DWORD, reinterpret_cast<const BYTE*>(&number), 4),
            ERROR_ACCESS_DENIED);
  RegCloseKey(reader);

  DWORD type = 0;
  BYTE data[8];
  DWORD size = sizeof data;
  ASSERT_EQ(RegQueryValueExW(key_, L"qword", nullptr, &type, data, &size), ERROR_SUCCESS);
  EXPECT_EQ(type, static_cast<DWORD>(REG_QWORD));
  EXPECT_EQ(std::memcmp(data, &big, 8), 0);
  size = sizeof data;
  ASSERT_EQ(RegQueryValueExW(key_, L"custom", nullptr, &type, data, &size), ERROR_SUCCESS);
  EXPECT_EQ(type, 0x9999u);
  EXPECT_EQ(size, 2u);
}

TEST_F(RegValueTest, DeleteValue) {
  ASSERT_EQ(set_string(L"v", REG_SZ, L"x"), ERROR_SUCCESS);
  EXPECT_EQ(RegDeleteValueW(key_, L"V"), ERROR_SUCCESS);
  EXPECT_EQ(RegDeleteValueW(key_, L"v"), ERROR_FILE_NOT_FOUND);
  EXPECT_EQ(RegDeleteValueW(reinterpret_cast<HKEY>(0x4242), L"v"), ERROR_INVALID_HANDLE);
}

TEST_F(RegValueTest, EnumValues) {
  ASSERT_EQ(set_string(L"first", REG_SZ, L"1"), ERROR_SUCCESS);
  DWORD number = 7;
  ASSERT_EQ(RegSetValueExW(key_, L"second-longer", 0, REG_DWORD,
                           reinterpret_cast<const BYTE*>(&number), 4),
            ERROR_SUCCESS);
  wchar_t name[32];
  DWORD name_length = 32;
  DWORD type = 0;
  BYTE data[16];
  DWORD size = sizeof data;
  ASSERT_EQ(RegEnumValueW(key_, 0, name, &name_length, nullptr, &type, data, &size), ERROR_SUCCESS);
  EXPECT_STREQ(name, L"first");
  EXPECT_EQ(name_length, 5u);
  EXPECT_EQ(size, 2 * sizeof(wchar_t));
  name_length = 5;
  EXPECT_EQ(RegEnumValueW(key_, 1, name, &name_length, nullptr, &type, nullptr, &size),
            ERROR_MORE_DATA);
  EXPECT_EQ(size, 4u);
  name_length = 32;
  size = 2;
  EXPECT_EQ(RegEnumValueW(key_, 1, name, &name_length, nullptr, &type, data, &size),
            ERROR_MORE_DATA);
  EXPECT_EQ(size, 4u);
  name_length = 32;
  EXPECT_EQ(RegEnumValueW(key_, 2, name, &name_length, nullptr, nullptr, nullptr, nullptr),
            ERROR_NO_MORE_ITEMS);
  EXPECT_EQ(RegEnumValueW(key_, 0, nullptr, &name_length, nullptr, nullptr, nullptr, nullptr),
            ERROR_INVALID_PARAMETER);
  EXPECT_EQ(RegEnumValueW(key_, 0, name, &name_length, nullptr, nullptr, data, nullptr),
            ERROR_INVALID_PARAMETER);
}

TEST_F(RegValueTest, GetValueRestrictsTypes) {
  DWORD number = 5;
  ASSERT_EQ(RegSetValueExW(key_, L"dword", 0, REG_DWORD, reinterpret_cast<const BYTE*>(&number), 4),
            ERROR_SUCCESS);
  ASSERT_EQ(RegSetValueExW(key_, L"bin3", 0, REG_BINARY, reinterpret_cast<const BYTE*>("abc"), 3),
            ERROR_SUCCESS);
  ASSERT_EQ(set_string(L"sz", REG_SZ, L"text"), ERROR_SUCCESS);
  DWORD out = 0;
  DWORD size = sizeof out;
  DWORD type = 0;
  EXPECT_EQ(RegGetValueW(HKEY_CURRENT_USER, L"Software\\Test", L"dword", RRF_RT_DWORD, &type, &out,
                         &size),
            ERROR_SUCCESS);
  EXPECT_EQ(out, 5u);
  size = sizeof out;
  EXPECT_EQ(RegGetValueW(key_, nullptr, L"sz", RRF_RT_REG_DWORD, &type, &out, &size),
            ERROR_UNSUPPORTED_TYPE);
  size = sizeof out;
  EXPECT_EQ(RegGetValueW(key_, nullptr, L"bin3", RRF_RT_DWORD, &type, &out, &size),
            ERROR_DATATYPE_MISMATCH);
  out = 0xFFFFFFFF;
  size = sizeof out;
  EXPECT_EQ(
      RegGetValueW(key_, nullptr, L"sz", RRF_RT_REG_DWORD | RRF_ZEROONFAILURE, &type, &out, &size),
      ERROR_UNSUPPORTED_TYPE);
  EXPECT_EQ(out, 0u);
  EXPECT_EQ(RegGetValueW(key_, nullptr, L"sz", 0, nullptr, nullptr, nullptr),
            ERROR_INVALID_PARAMETER);
  EXPECT_EQ(RegGetValueW(key_, nullptr, L"sz", RRF_RT_REG_EXPAND_SZ, nullptr, nullptr, nullptr),
            ERROR_INVALID_PARAMETER);
  EXPECT_EQ(RegGetValueW(key_, nullptr, L"sz", RRF_RT_ANY, nullptr, &out, nullptr),
            ERROR_INVALID_PARAMETER);
  EXPECT_EQ(RegGetValueW(key_, L"Missing", L"sz", RRF_RT_ANY, nullptr, nullptr, nullptr),
            ERROR_FILE_NOT_FOUND);
  EXPECT_EQ(RegGetValueW(key_, nullptr, L"missing", RRF_RT_ANY, nullptr, nullptr, nullptr),
            ERROR_FILE_NOT_FOUND);
}

TEST_F(RegValueTest, GetValueTerminatesAndExpandsStrings) {
  std::wstring raw = L"abc";
  ASSERT_EQ(RegSetValueExW(key_, L"raw", 0, REG_SZ, reinterpret_cast<const BYTE*>(raw.data()),
                           3 * sizeof(wchar_t)),
            ERROR_SUCCESS);
  DWORD size = 0;
  ASSERT_EQ(RegGetValueW(key_, nullptr, L"raw", RRF_RT_REG_SZ, nullptr, nullptr, &size),
            ERROR_SUCCESS);
  EXPECT_EQ(size, 4 * sizeof(wchar_t));
  ::setenv("OPENRAS_REG_TEST", "/opt", 1);
  ASSERT_EQ(set_string(L"exp", REG_EXPAND_SZ, L"%OPENRAS_REG_TEST%/dialer.so"), ERROR_SUCCESS);
  wchar_t text[64];
  DWORD type = 0;
  size = sizeof text;
  ASSERT_EQ(RegGetValueW(key_, nullptr, L"exp", RRF_RT_REG_SZ, &type, text, &size), ERROR_SUCCESS);
  EXPECT_EQ(type, static_cast<DWORD>(REG_SZ));
  EXPECT_STREQ(text, L"/opt/dialer.so");
  EXPECT_EQ(size, 15 * sizeof(wchar_t));
  size = sizeof text;
  ASSERT_EQ(
      RegGetValueW(key_, nullptr, L"exp", RRF_RT_REG_EXPAND_SZ | RRF_NOEXPAND, &type, text, &size),
      ERROR_SUCCESS);
  EXPECT_EQ(type, static_cast<DWORD>(REG_EXPAND_SZ));
  EXPECT_STREQ(text, L"%OPENRAS_REG_TEST%/dialer.so");
  size = 4;
  EXPECT_EQ(RegGetValueW(key_, nullptr, L"exp", RRF_RT_REG_SZ, &type, text, &size),
            ERROR_MORE_DATA);
  EXPECT_EQ(size, 15 * sizeof(wchar_t));
  ::unsetenv("OPENRAS_REG_TEST");
}

// What a Windows dialer's DllRegisterServer does (customdialreg.cpp's pattern): open the
// Parameters key with KEY_ALL_ACCESS, read CustomDLL, append its path, write it back.
LSTATUS register_dialer(const wchar_t* dll) {
  HKEY key;
  LSTATUS rc = RegCreateKeyExW(
      HKEY_LOCAL_MACHINE, L"System\\CurrentControlSet\\Services\\Rasman\\Parameters", 0, nullptr,
      REG_OPTION_NON_VOLATILE, KEY_ALL_ACCESS, nullptr, &key, nullptr);
  if (rc != ERROR_SUCCESS) return rc;
  DWORD type = 0;
  DWORD size = 0;
  rc = RegQueryValueExW(key, L"CustomDLL", nullptr, &type, nullptr, &size);
  std::vector<WCHAR> list;
  if (rc == ERROR_SUCCESS && type == REG_MULTI_SZ) {
    list.resize(size / sizeof(WCHAR));
    rc = RegQueryValueExW(key, L"CustomDLL", nullptr, &type, reinterpret_cast<LPBYTE>(list.data()),
                          &size);
    if (rc != ERROR_SUCCESS) return rc;
    while (!list.empty() && list.back() == L'\0') list.pop_back();
    if (!list.empty()) list.push_back(L'\0');
  }
  list.insert(list.end(), dll, dll + lstrlenW(dll) + 1);
  list.push_back(L'\0');
  rc =
      RegSetValueExW(key, L"CustomDLL", 0, REG_MULTI_SZ, reinterpret_cast<const BYTE*>(list.data()),
                     static_cast<DWORD>(list.size() * sizeof(WCHAR)));
  RegCloseKey(key);
  return rc;
}

TEST_F(RegValueTest, WindowsInstallerCodeWorksUnchanged) {
  ASSERT_EQ(register_dialer(L"/usr/lib/a.so"), ERROR_SUCCESS);
  ASSERT_EQ(register_dialer(L"/usr/lib/b.so"), ERROR_SUCCESS);
  WCHAR buffer[64];
  DWORD size = sizeof buffer;
  DWORD type = 0;
  ASSERT_EQ(
      RegGetValueW(HKEY_LOCAL_MACHINE, L"System\\CurrentControlSet\\Services\\Rasman\\Parameters",
                   L"CustomDLL", RRF_RT_REG_MULTI_SZ, &type, buffer, &size),
      ERROR_SUCCESS);
  std::wstring expected = L"/usr/lib/a.so\0/usr/lib/b.so\0\0"s;
  ASSERT_EQ(size, expected.size() * sizeof(WCHAR));
  EXPECT_EQ(std::wmemcmp(buffer, expected.data(), expected.size()), 0);
  auto text = read_file(hive());
  ASSERT_TRUE(text);
  EXPECT_NE(text->find("\"CustomDLL\"=hex(7):2f,00,75,00"), std::string::npos) << *text;
}

}  // namespace
}  // namespace openras::registry
