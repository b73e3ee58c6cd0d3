// hive_test.cpp: hive files: trust, caching, corrupt files, admin-only and crash-safe,
// concurrent writes.
#include "registry/hive.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/fs.h"
#include "registry/test_support.h"
#include "registry/value_data.h"
#include "skip.h"

namespace openras::registry {
namespace {

using namespace std::string_literals;

class HiveTest : public testing::PrivateRoot {
 protected:
  Status set(Hive& hive, const std::wstring& name, const std::string& data) {
    return hive.modify([&](Key& tree) -> Result<bool> {
      tree.ensure({L"Software", L"Test"}).set_value(Value{name, kRegBinary, data});
      return true;
    });
  }
};

// An absent hive holds only the keys every Windows has, and nothing is written for them.
TEST_F(HiveTest, AbsentHiveHoldsOnlyTheDefaultKeys) {
  Hive hive(paths(), RootKey::kLocalMachine);
  auto snapshot = hive.read();
  ASSERT_TRUE(snapshot) << snapshot.error().message;
  EXPECT_EQ(snapshot->tree->child_count(), 2u);
  for (const KeyPath& key : default_keys(RootKey::kLocalMachine)) {
    const Key* found = snapshot->tree->find(key);
    ASSERT_NE(found, nullptr) << display(join_key_path(key));
    EXPECT_EQ(found->value_count(), 0u);
    EXPECT_EQ(found->child_count(), 0u);
  }
  EXPECT_TRUE(snapshot->untrusted.empty());
  struct stat st {};
  EXPECT_NE(::stat(file("etc").c_str(), &st), 0) << "reading wrote nothing";
}

TEST_F(HiveTest, WriteCreatesTheTrustedLayout) {
  ::umask(077);
  Hive hive(paths(), RootKey::kLocalMachine);
  ASSERT_TRUE(set(hive, L"v", "x"));
  ::umask(022);
  struct stat st {};
  ASSERT_EQ(::stat(hive.path()->c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644u);
  ASSERT_EQ(::stat(file("etc/openras/registry").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0755u);
  auto text = read_file(*hive.path());
  ASSERT_TRUE(text);
  // The first write stores the keys every read shows (default_keys) with the change.
  EXPECT_EQ(*text,
            "Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\Software]\n\n"
            "[HKEY_LOCAL_MACHINE\\Software\\Microsoft]\n\n"
            "[HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows]\n\n"
            "[HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion]\n\n"
            "[HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Telephony]\n\n"
            "[HKEY_LOCAL_MACHINE\\Software\\Test]\n\"v\"=hex:78\n\n"
            "[HKEY_LOCAL_MACHINE\\System]\n\n"
            "[HKEY_LOCAL_MACHINE\\System\\CurrentControlSet]\n\n"
            "[HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Services]\n\n"
            "[HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Services\\Rasman]\n\n"
            "[HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Services\\Rasman\\Parameters]\n\n");
}

TEST_F(HiveTest, ReadsAreFreshAndCachedWhileUnchanged) {
  Hive writer(paths(), RootKey::kLocalMachine);
  Hive reader(paths(), RootKey::kLocalMachine);
  ASSERT_TRUE(set(writer, L"v", "1"));
  auto first = reader.read();
  auto second = reader.read();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->tree.get(), second->tree.get());
  ASSERT_TRUE(set(writer, L"v", "2"));
  auto third = reader.read();
  ASSERT_TRUE(third);
  EXPECT_NE(third->tree.get(), first->tree.get());
  EXPECT_EQ(third->tree->find({L"software", L"test"})->find_value(L"v")->data, "2");
}

TEST_F(HiveTest, UntrustedHiveIsAbsentWithTheReason) {
  Hive hive(paths(), RootKey::kLocalMachine);
  ASSERT_TRUE(set(hive, L"v", "1"));
  ASSERT_EQ(::chmod(hive.path()->c_str(), 0664), 0);
  auto snapshot = hive.read();
  ASSERT_TRUE(snapshot);
  EXPECT_EQ(snapshot->tree->child_count(), 0u) << "not even the default keys";
  EXPECT_NE(snapshot->untrusted.find("0664"), std::string::npos) << snapshot->untrusted;
  // And nobody writes into it: the change would be ignored by every reader.
  auto status = set(hive, L"w", "2");
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, Errc::kAccessDenied);
  ASSERT_EQ(::chmod(hive.path()->c_str(), 0644), 0);
  ASSERT_EQ(::chmod(file("etc/openras").c_str(), 0777), 0);
  snapshot = hive.read();
  ASSERT_TRUE(snapshot);
  EXPECT_NE(snapshot->untrusted.find("0777"), std::string::npos) << snapshot->untrusted;
}

TEST_F(HiveTest, CorruptHiveIsAnErrorAndIsNeverOverwritten) {
  std::string bad =
      "Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\x]\n\"a\"=hex:1\n";
  openras::testing::write_file(hive(), bad);
  ::chmod(hive().c_str(), 0644);
  Hive hive_(paths(), RootKey::kLocalMachine);
  auto snapshot = hive_.read();
  ASSERT_FALSE(snapshot);
  EXPECT_EQ(snapshot.error().code, Errc::kRegistryCorrupt);
  EXPECT_NE(snapshot.error().message.find(hive() + " line 4:"), std::string::npos)
      << snapshot.error().message;
  auto status = set(hive_, L"v", "1");
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, Errc::kRegistryCorrupt);
  EXPECT_EQ(*read_file(hive()), bad);
}

TEST_F(HiveTest, KeysOfTheOtherRootAreCorruption) {
  openras::testing::write_file(hive(),
                               "Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\x]\n");
  ::chmod(hive().c_str(), 0644);
  auto snapshot = Hive(paths(), RootKey::kLocalMachine).read();
  ASSERT_FALSE(snapshot);
  EXPECT_NE(snapshot.error().message.find("line 3: a key of HKEY_CURRENT_USER"), std::string::npos)
      << snapshot.error().message;
}

TEST_F(HiveTest, UnchangedTreeIsNotRewritten) {
  Hive hive(paths(), RootKey::kLocalMachine);
  ASSERT_TRUE(set(hive, L"v", "1"));
  struct stat before {};
  ASSERT_EQ(::stat(hive.path()->c_str(), &before), 0);
  ASSERT_TRUE(set(hive, L"v", "1"));
  ASSERT_TRUE(hive.modify([](Key&) -> Result<bool> { return false; }));
  struct stat after {};
  ASSERT_EQ(::stat(hive.path()->c_str(), &after), 0);
  EXPECT_EQ(before.st_ino, after.st_ino);
}

TEST_F(HiveTest, NonAdministratorCannotWriteAndNothingIsTouched) {
  OPENRAS_SKIP_UNLESS(::geteuid() == 0, "needs root to switch to another user");
  Hive hive(paths(), RootKey::kLocalMachine);
  ASSERT_TRUE(set(hive, L"v", "1"));
  std::string before = *read_file(*hive.path());
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    if (::setresgid(65534, 65534, 65534) != 0 || ::setresuid(65534, 65534, 65534) != 0) _exit(2);
    Hive as_user(paths(), RootKey::kLocalMachine);
    auto status = set(as_user, L"v", "evil");
    bool denied = !status && status.error().code == Errc::kAccessDenied;
    auto snapshot = as_user.read();  // reading stays open to everyone
    bool readable = snapshot && snapshot->tree->find({L"Software", L"Test"}) != nullptr;
    _exit(denied && readable ? 0 : 1);
  }
  int wstatus = 0;
  ASSERT_EQ(::waitpid(child, &wstatus, 0), child);
  ASSERT_TRUE(WIFEXITED(wstatus));
  EXPECT_EQ(WEXITSTATUS(wstatus), 0);
  EXPECT_EQ(*read_file(*hive.path()), before);
}

TEST_F(HiveTest, ConcurrentProcessesLoseNoUpdate) {
  constexpr int kProcesses = 4;
  constexpr int kWrites = 25;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      Hive hive(paths(), RootKey::kLocalMachine);
      for (int i = 0; i < kWrites; ++i) {
        std::wstring name = L"p" + std::to_wstring(p) + L"_" + std::to_wstring(i);
        if (!set(hive, name, "x")) _exit(1);
      }
      _exit(0);
    }
    children.push_back(child);
  }
  for (pid_t child : children) {
    int wstatus = 0;
    ASSERT_EQ(::waitpid(child, &wstatus, 0), child);
    EXPECT_TRUE(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0);
  }
  auto snapshot = Hive(paths(), RootKey::kLocalMachine).read();
  ASSERT_TRUE(snapshot);
  EXPECT_EQ(snapshot->tree->find({L"Software", L"Test"})->value_count(),
            static_cast<size_t>(kProcesses * kWrites));
}

TEST_F(HiveTest, UserHiveLivesUnderTheUsersConfig) {
  Hive hive(paths(), RootKey::kCurrentUser);
  ASSERT_TRUE(hive.path());
  EXPECT_EQ(hive.path()->rfind(dir_.path() + "/home/", 0), 0u) << *hive.path();
  EXPECT_NE(hive.path()->find("/.config/openras/registry/HKCU.reg"), std::string::npos);
  ASSERT_TRUE(set(hive, L"v", "1"));
  struct stat st {};
  ASSERT_EQ(::stat(hive.path()->c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  auto snapshot = hive.read();
  ASSERT_TRUE(snapshot);
  EXPECT_NE(snapshot->tree->find({L"Software", L"Test"}), nullptr);
}

}  // namespace
}  // namespace openras::registry
