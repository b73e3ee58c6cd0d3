// reg_api_test.cpp: the key functions of the Reg API: RegOpenKeyEx, RegCreateKeyEx,
// RegCloseKey, RegDeleteKey, RegEnumKeyEx, with Windows' error codes.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/fs.h"
#include "registry/test_support.h"
#include "skip.h"
#include "windows.h"

namespace openras::registry {
namespace {

constexpr const wchar_t* kParams = L"System\\CurrentControlSet\\Services\\Rasman\\Parameters";

class RegApiTest : public testing::PrivateRoot {
 protected:
  HKEY create(HKEY parent, const wchar_t* path, REGSAM access = KEY_ALL_ACCESS) {
    HKEY key = nullptr;
    DWORD disposition = 0;
    EXPECT_EQ(RegCreateKeyExW(parent, path, 0, nullptr, 0, access, nullptr, &key, &disposition),
              ERROR_SUCCESS);
    return key;
  }
};

TEST_F(RegApiTest, CreateOpenAndClose) {
  HKEY key = nullptr;
  DWORD disposition = 0;
  ASSERT_EQ(RegCreateKeyExW(HKEY_LOCAL_MACHINE, kParams, 0, nullptr, REG_OPTION_NON_VOLATILE,
                            KEY_ALL_ACCESS, nullptr, &key, &disposition),
            ERROR_SUCCESS);
  // Every Windows has it (hive.h, default_keys): opened, not created.
  EXPECT_EQ(disposition, static_cast<DWORD>(REG_OPENED_EXISTING_KEY));
  EXPECT_EQ(RegCloseKey(key), ERROR_SUCCESS);
  ASSERT_EQ(RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"Software\\Vendor\\Dialer", 0, nullptr,
                            REG_OPTION_NON_VOLATILE, KEY_ALL_ACCESS, nullptr, &key, &disposition),
            ERROR_SUCCESS);
  EXPECT_EQ(disposition, static_cast<DWORD>(REG_CREATED_NEW_KEY));
  EXPECT_EQ(RegCloseKey(key), ERROR_SUCCESS);
  ASSERT_EQ(RegCreateKeyExW(HKEY_LOCAL_MACHINE,
                            L"system\\currentcontrolset\\services\\RASMAN\\parameters", 0, nullptr,
                            0, KEY_READ, nullptr, &key, &disposition),
            ERROR_SUCCESS);
  EXPECT_EQ(disposition, static_cast<DWORD>(REG_OPENED_EXISTING_KEY));
  HKEY sub = nullptr;
  EXPECT_EQ(RegOpenKeyExW(HKEY_LOCAL_MACHINE, kParams, 0, KEY_ALL_ACCESS, &sub), ERROR_SUCCESS);
  EXPECT_EQ(RegCloseKey(sub), ERROR_SUCCESS);
  EXPECT_EQ(RegCloseKey(sub), ERROR_INVALID_HANDLE);
  EXPECT_EQ(RegCloseKey(key), ERROR_SUCCESS);
  // Runs of backslashes and a trailing one are accepted, as on Windows.
  EXPECT_EQ(RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"System\\\\CurrentControlSet\\", 0, KEY_READ, &sub),
            ERROR_SUCCESS);
  EXPECT_EQ(RegCloseKey(sub), ERROR_SUCCESS);
}

TEST_F(RegApiTest, OpenErrors) {
  HKEY key = nullptr;
  EXPECT_EQ(RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"Missing", 0, KEY_READ, &key), ERROR_FILE_NOT_FOUND);
  EXPECT_EQ(key, nullptr);
  EXPECT_EQ(RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"x", 0, KEY_READ, nullptr), ERROR_INVALID_PARAMETER);
  EXPECT_EQ(RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"\\System", 0, KEY_READ, &key), ERROR_BAD_PATHNAME);
  EXPECT_EQ(RegOpenKeyExW(HKEY_CLASSES_ROOT, L"x", 0, KEY_READ, &key), ERROR_INVALID_HANDLE);
  EXPECT_EQ(RegOpenKeyExW(HKEY_USERS, L"x", 0, KEY_READ, &key), ERROR_INVALID_HANDLE);
  EXPECT_EQ(RegOpenKeyExW(reinterpret_cast<HKEY>(0x4242), L"x", 0, KEY_READ, &key),
            ERROR_INVALID_HANDLE);
  EXPECT_EQ(RegOpenKeyExW(nullptr, L"x", 0, KEY_READ, &key), ERROR_INVALID_HANDLE);
  EXPECT_EQ(RegOpenKeyExW(HKEY_LOCAL_MACHINE, std::wstring(256, L'k').c_str(), 0, KEY_READ, &key),
            ERROR_INVALID_PARAMETER);
  EXPECT_EQ(RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"x", 0x100, KEY_READ, &key),
            ERROR_INVALID_PARAMETER);
  // An empty subkey of a predefined key is that key itself.
  EXPECT_EQ(RegOpenKeyExW(HKEY_CURRENT_USER, L"", 0, KEY_READ, &key), ERROR_SUCCESS);
  EXPECT_EQ(key, HKEY_CURRENT_USER);
  EXPECT_EQ(RegCloseKey(HKEY_CURRENT_USER), ERROR_SUCCESS);
  EXPECT_EQ(RegCloseKey(nullptr), ERROR_INVALID_HANDLE);
}

TEST_F(RegApiTest, CreateErrors) {
  HKEY key = nullptr;
  EXPECT_EQ(RegCreateKeyExW(HKEY_CURRENT_USER, L"a", 0, nullptr, 0, KEY_ALL_ACCESS, nullptr,
                            nullptr, nullptr),
            ERROR_BADKEY);
  EXPECT_EQ(RegCreateKeyExW(HKEY_CURRENT_USER, L"a", 1, nullptr, 0, KEY_ALL_ACCESS, nullptr, &key,
                            nullptr),
            ERROR_INVALID_PARAMETER);
  EXPECT_EQ(RegCreateKeyExW(HKEY_CURRENT_USER, L"a", 0, nullptr, REG_OPTION_VOLATILE,
                            KEY_ALL_ACCESS, nullptr, &key, nullptr),
            ERROR_NOT_SUPPORTED);
  EXPECT_EQ(RegCreateKeyExW(HKEY_CURRENT_USER, L"a", 0, nullptr, 0x4000, KEY_ALL_ACCESS, nullptr,
                            &key, nullptr),
            ERROR_INVALID_PARAMETER);
  EXPECT_EQ(RegCreateKeyExW(HKEY_CURRENT_USER, L"\\a", 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &key,
                            nullptr),
            ERROR_BAD_PATHNAME);
  EXPECT_EQ(RegCreateKeyExW(HKEY_CURRENT_USER, L"line\nbreak", 0, nullptr, 0, KEY_ALL_ACCESS,
                            nullptr, &key, nullptr),
            ERROR_INVALID_PARAMETER);
  // A handle without KEY_CREATE_SUB_KEY cannot create below it.
  HKEY reader = create(HKEY_CURRENT_USER, L"Reader", KEY_READ);
  EXPECT_EQ(
      RegCreateKeyExW(reader, L"child", 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &key, nullptr),
      ERROR_ACCESS_DENIED);
  RegCloseKey(reader);
}

TEST_F(RegApiTest, DeleteKey) {
  HKEY parent = create(HKEY_CURRENT_USER, L"Software\\Vendor\\App");
  RegCloseKey(parent);
  EXPECT_EQ(RegDeleteKeyW(HKEY_CURRENT_USER, nullptr), ERROR_INVALID_PARAMETER);
  EXPECT_EQ(RegDeleteKeyW(HKEY_CURRENT_USER, L"Software\\Missing"), ERROR_FILE_NOT_FOUND);
  // A key every Windows has (hive.h, default_keys) is not deleted: it would come back.
  EXPECT_EQ(
      RegDeleteKeyW(HKEY_LOCAL_MACHINE, L"Software\\Microsoft\\Windows\\CurrentVersion\\Telephony"),
      ERROR_ACCESS_DENIED);
  EXPECT_EQ(
      RegDeleteKeyW(HKEY_LOCAL_MACHINE, L"SYSTEM\\CurrentControlSet\\Services\\RasMan\\Parameters"),
      ERROR_ACCESS_DENIED);
  // Only keys without subkeys, as Windows.
  EXPECT_EQ(RegDeleteKeyW(HKEY_CURRENT_USER, L"Software\\Vendor"), ERROR_ACCESS_DENIED);
  EXPECT_EQ(RegDeleteKeyW(HKEY_CURRENT_USER, L"software\\vendor\\app"), ERROR_SUCCESS);
  EXPECT_EQ(RegDeleteKeyW(HKEY_CURRENT_USER, L"Software\\Vendor\\App"), ERROR_FILE_NOT_FOUND);
  EXPECT_EQ(RegDeleteKeyW(HKEY_CURRENT_USER, L""), ERROR_ACCESS_DENIED);
  EXPECT_EQ(RegDeleteKeyW(HKEY_CURRENT_USER, L"Software\\Vendor"), ERROR_SUCCESS);
}

TEST_F(RegApiTest, HandlesOfDeletedKeysSayKeyDeleted) {
  HKEY key = create(HKEY_CURRENT_USER, L"Doomed");
  ASSERT_EQ(RegDeleteKeyW(HKEY_CURRENT_USER, L"Doomed"), ERROR_SUCCESS);
  DWORD value = 1;
  EXPECT_EQ(
      RegSetValueExW(key, L"v", 0, REG_DWORD, reinterpret_cast<const BYTE*>(&value), sizeof value),
      ERROR_KEY_DELETED);
  EXPECT_EQ(RegQueryValueExW(key, L"v", nullptr, nullptr, nullptr, nullptr), ERROR_KEY_DELETED);
  HKEY sub = nullptr;
  EXPECT_EQ(RegCreateKeyExW(key, L"child", 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &sub, nullptr),
            ERROR_KEY_DELETED);
  EXPECT_EQ(RegCloseKey(key), ERROR_SUCCESS);
}

TEST_F(RegApiTest, EnumKeysInOrderWithSizes) {
  HKEY parent = create(HKEY_CURRENT_USER, L"Enum");
  for (const wchar_t* name : {L"beta", L"Alpha", L"gamma-long-name"}) {
    RegCloseKey(create(parent, name));
  }
  wchar_t name[64];
  DWORD length = 64;
  FILETIME written{};
  ASSERT_EQ(RegEnumKeyExW(parent, 0, name, &length, nullptr, nullptr, nullptr, &written),
            ERROR_SUCCESS);
  EXPECT_STREQ(name, L"Alpha");
  EXPECT_EQ(length, 5u);
  EXPECT_NE(written.dwHighDateTime, 0u);
  length = 64;
  ASSERT_EQ(RegEnumKeyExW(parent, 1, name, &length, nullptr, nullptr, nullptr, nullptr),
            ERROR_SUCCESS);
  EXPECT_STREQ(name, L"beta");
  length = 15;  // "gamma-long-name" is 15: no room for the NUL
  EXPECT_EQ(RegEnumKeyExW(parent, 2, name, &length, nullptr, nullptr, nullptr, nullptr),
            ERROR_MORE_DATA);
  length = 16;
  wchar_t cls[4] = L"xyz";
  DWORD cls_length = 4;
  EXPECT_EQ(RegEnumKeyExW(parent, 2, name, &length, nullptr, cls, &cls_length, nullptr),
            ERROR_SUCCESS);
  EXPECT_EQ(cls_length, 0u);
  EXPECT_EQ(cls[0], L'\0');
  length = 64;
  EXPECT_EQ(RegEnumKeyExW(parent, 3, name, &length, nullptr, nullptr, nullptr, nullptr),
            ERROR_NO_MORE_ITEMS);
  DWORD reserved = 0;
  EXPECT_EQ(RegEnumKeyExW(parent, 0, name, &length, &reserved, nullptr, nullptr, nullptr),
            ERROR_INVALID_PARAMETER);
  EXPECT_EQ(RegEnumKeyExW(parent, 0, nullptr, &length, nullptr, nullptr, nullptr, nullptr),
            ERROR_INVALID_PARAMETER);
  HKEY no_enum = nullptr;
  ASSERT_EQ(RegOpenKeyExW(HKEY_CURRENT_USER, L"Enum", 0, KEY_QUERY_VALUE, &no_enum), ERROR_SUCCESS);
  EXPECT_EQ(RegEnumKeyExW(no_enum, 0, name, &length, nullptr, nullptr, nullptr, nullptr),
            ERROR_ACCESS_DENIED);
  RegCloseKey(no_enum);
  RegCloseKey(parent);
}

// The whole rule for a non-administrator, in a child process running as "nobody".
TEST_F(RegApiTest, NonAdministratorIsRefusedWritesOnLocalMachine) {
  OPENRAS_SKIP_UNLESS(::geteuid() == 0, "needs root to switch to another user");
  HKEY params = create(HKEY_LOCAL_MACHINE, kParams);
  ASSERT_EQ(RegSetValueExW(params, L"CustomDLL", 0, REG_MULTI_SZ,
                           reinterpret_cast<const BYTE*>(L"/a.so\0"), 7 * sizeof(wchar_t)),
            ERROR_SUCCESS);
  RegCloseKey(params);
  std::string before = *read_file(hive());
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    if (::setresgid(65534, 65534, 65534) != 0 || ::setresuid(65534, 65534, 65534) != 0) _exit(90);
    int failures = 0;
    auto expect = [&](LSTATUS got, LSTATUS want) { failures += got != want; };
    HKEY key = nullptr;
    expect(RegOpenKeyExW(HKEY_LOCAL_MACHINE, kParams, 0, KEY_ALL_ACCESS, &key),
           ERROR_ACCESS_DENIED);
    expect(RegOpenKeyExW(HKEY_LOCAL_MACHINE, kParams, 0, KEY_SET_VALUE, &key), ERROR_ACCESS_DENIED);
    expect(RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"Software\\New", 0, nullptr, 0, KEY_READ, nullptr,
                           &key, nullptr),
           ERROR_ACCESS_DENIED);
    expect(RegDeleteKeyW(HKEY_LOCAL_MACHINE, kParams), ERROR_ACCESS_DENIED);
    DWORD one = 1;
    expect(RegSetValueExW(HKEY_LOCAL_MACHINE, L"x", 0, REG_DWORD,
                          reinterpret_cast<const BYTE*>(&one), 4),
           ERROR_ACCESS_DENIED);
    // Reading is open to all, and MAXIMUM_ALLOWED gives what is allowed.
    expect(RegOpenKeyExW(HKEY_LOCAL_MACHINE, kParams, 0, KEY_READ, &key), ERROR_SUCCESS);
    expect(RegSetValueExW(key, L"CustomDLL", 0, REG_DWORD, reinterpret_cast<const BYTE*>(&one), 4),
           ERROR_ACCESS_DENIED);
    expect(RegDeleteValueW(key, L"CustomDLL"), ERROR_ACCESS_DENIED);
    DWORD size = 0;
    expect(RegQueryValueExW(key, L"CustomDLL", nullptr, nullptr, nullptr, &size), ERROR_SUCCESS);
    failures += size != 7 * sizeof(wchar_t);
    RegCloseKey(key);
    expect(RegOpenKeyExW(HKEY_LOCAL_MACHINE, kParams, 0, MAXIMUM_ALLOWED, &key), ERROR_SUCCESS);
    expect(RegSetValueExW(key, L"x", 0, REG_DWORD, reinterpret_cast<const BYTE*>(&one), 4),
           ERROR_ACCESS_DENIED);
    _exit(failures);
  }
  int wstatus = 0;
  ASSERT_EQ(::waitpid(child, &wstatus, 0), child);
  ASSERT_TRUE(WIFEXITED(wstatus));
  EXPECT_EQ(WEXITSTATUS(wstatus), 0) << "checks that failed in the child";
  EXPECT_EQ(*read_file(hive()), before);
}

}  // namespace
}  // namespace openras::registry
