// hive_warm_test.cpp: warm reads stay correct. Between two RegQueryValueExW calls on one
// handle, a change of a directory's mode or owner, a replaced, rewritten or renamed hive,
// a directory swapped for a link, or a write by another process is seen by the second call.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "registry/hive.h"
#include "registry/test_support.h"
#include "windows.h"

namespace openras::registry {
namespace {

constexpr char kHeader[] = "Windows Registry Editor Version 5.00\n\n";

class HiveWarmTest : public testing::PrivateRoot {
 protected:
  void SetUp() override {
    PrivateRoot::SetUp();
    write_hive(hive(), "one");
    ASSERT_EQ(RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"Software\\Warm", 0, KEY_READ, &key_),
              ERROR_SUCCESS);
    ASSERT_EQ(query(), L"one");
    ASSERT_EQ(query(), L"one");  // warm
  }
  void TearDown() override {
    RegCloseKey(key_);
    PrivateRoot::TearDown();
  }
  // A hive holding HKLM\Software\Warm, value "v" = `value`, written where `path` says.
  static void write_hive(const std::string& path, const std::string& value) {
    openras::testing::write_file(
        path,
        std::string(kHeader) + "[HKEY_LOCAL_MACHINE\\Software\\Warm]\n\"v\"=\"" + value + "\"\n");
    ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  }
  // The value, or "error N".
  std::wstring query() {
    wchar_t buffer[64];
    DWORD size = sizeof buffer;
    DWORD type = 0;
    LSTATUS rc =
        RegQueryValueExW(key_, L"v", nullptr, &type, reinterpret_cast<BYTE*>(buffer), &size);
    if (rc != ERROR_SUCCESS) return L"error " + std::to_wstring(rc);
    return buffer;
  }
  HKEY key_ = nullptr;
};

TEST_F(HiveWarmTest, ModeOfADirectoryOnThePathIsSeenAtTheNextCall) {
  for (const char* dir : {"etc/openras/registry", "etc/openras", "etc", ""}) {
    std::string path = dir_.file(dir);
    ASSERT_EQ(::chmod(path.c_str(), 0777), 0);
    // The key is gone with the untrusted hive: the open handle's key reads as deleted.
    EXPECT_EQ(query(), L"error " + std::to_wstring(ERROR_KEY_DELETED)) << path;
    ASSERT_EQ(::chmod(path.c_str(), 0755), 0);
    EXPECT_EQ(query(), L"one") << path;
  }
}

TEST_F(HiveWarmTest, ModeOfTheHiveIsSeenAtTheNextCall) {
  ASSERT_EQ(::chmod(hive().c_str(), 0666), 0);
  EXPECT_EQ(query(), L"error " + std::to_wstring(ERROR_KEY_DELETED));
  ASSERT_EQ(::chmod(hive().c_str(), 0644), 0);
  EXPECT_EQ(query(), L"one");
}

TEST_F(HiveWarmTest, OwnerOfTheHiveOrADirectoryIsSeenAtTheNextCall) {
  if (::geteuid() != 0) GTEST_SKIP() << "chown needs root";
  for (const std::string& path : {hive(), dir_.file("etc/openras")}) {
    ASSERT_EQ(::chown(path.c_str(), 65534, 65534), 0);
    EXPECT_EQ(query(), L"error " + std::to_wstring(ERROR_KEY_DELETED)) << path;
    ASSERT_EQ(::chown(path.c_str(), 0, 0), 0);
    EXPECT_EQ(query(), L"one") << path;
  }
}

TEST_F(HiveWarmTest, AHiveRenamedOverTheOldOneIsReadAtTheNextCall) {
  write_hive(dir_.file("etc/openras/registry/next.reg"), "two");
  ASSERT_EQ(::rename(dir_.file("etc/openras/registry/next.reg").c_str(), hive().c_str()), 0);
  EXPECT_EQ(query(), L"two");
}

// The same size, rewritten in place right after the last read: size and times can all be
// as they were (one clock tick), the bytes are not.
TEST_F(HiveWarmTest, AHiveRewrittenInPlaceWithTheSameSizeIsReadAtTheNextCall) {
  for (const char* value : {"two", "six", "ten"}) {
    int fd = ::open(hive().c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    ASSERT_GE(fd, 0);
    std::string text =
        std::string(kHeader) + "[HKEY_LOCAL_MACHINE\\Software\\Warm]\n\"v\"=\"" + value + "\"\n";
    ASSERT_EQ(::write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
    ::close(fd);
    std::wstring wide(value, value + 3);
    EXPECT_EQ(query(), wide);
  }
}

TEST_F(HiveWarmTest, ARemovedHiveIsAbsentAtTheNextCall) {
  ASSERT_EQ(::rename(hive().c_str(), dir_.file("etc/openras/registry/old.reg").c_str()), 0);
  EXPECT_EQ(query(), L"error " + std::to_wstring(ERROR_KEY_DELETED));
  ASSERT_EQ(::rename(dir_.file("etc/openras/registry/old.reg").c_str(), hive().c_str()), 0);
  EXPECT_EQ(query(), L"one");
}

TEST_F(HiveWarmTest, ADirectorySwappedForASymbolicLinkIsRefusedAtTheNextCall) {
  std::string dir = dir_.file("etc/openras/registry");
  ASSERT_EQ(::rename(dir.c_str(), dir_.file("etc/openras/real").c_str()), 0);
  ASSERT_EQ(::symlink("real", dir.c_str()), 0);
  EXPECT_EQ(query(), L"error " + std::to_wstring(ERROR_KEY_DELETED));
  auto snapshot = Hive(paths(), RootKey::kLocalMachine).read();
  ASSERT_TRUE(snapshot);
  EXPECT_NE(snapshot->untrusted.find("symbolic link"), std::string::npos) << snapshot->untrusted;
  // Still refused on every later call (no watch through a link: no cache either).
  EXPECT_EQ(query(), L"error " + std::to_wstring(ERROR_KEY_DELETED));
  ASSERT_EQ(::unlink(dir.c_str()), 0);
  ASSERT_EQ(::rename(dir_.file("etc/openras/real").c_str(), dir.c_str()), 0);
  EXPECT_EQ(query(), L"one");
}

TEST_F(HiveWarmTest, AWriterInAnotherProcessIsSeenAtTheNextCall) {
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    HKEY key = nullptr;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"Software\\Warm", 0, KEY_SET_VALUE, &key) != 0) _exit(1);
    const wchar_t text[] = L"from the child";
    _exit(RegSetValueExW(key, L"v", 0, REG_SZ, reinterpret_cast<const BYTE*>(text), sizeof text) ==
                  ERROR_SUCCESS
              ? 0
              : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(query(), L"from the child");
}

}  // namespace
}  // namespace openras::registry
