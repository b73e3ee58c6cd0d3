// phonebook_concurrency_test.cpp: several processes editing one phone book, and writers
// killed at arbitrary moments.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "phonebook/field_codec.h"
#include "phonebook/phonebook.h"
#include "test_support.h"

namespace openras::phonebook {
namespace {

class PhonebookConcurrency : public testing::PrivateRootTest {
 protected:
  static EntryPatch set_phone(const std::wstring& number) {
    return [number](EntryFields& fields) {
      return set_string_member(fields.entry, field_for_member("szLocalPhoneNumber"), number);
    };
  }
  // Every section of the file reads back (the file is whole).
  void expect_whole(const std::string& path, size_t entries) {
    clear_snapshot_cache();
    auto snapshot = read_phonebook(*caller_, PhonebookRef{path, Scope::kOther});
    ASSERT_TRUE(snapshot) << snapshot.error().message;
    ASSERT_EQ((*snapshot)->sections().size(), entries);
    for (size_t i = 0; i < entries; ++i) {
      auto record = find_entry(*caller_, path, L"Entry " + std::to_wstring(i));
      ASSERT_TRUE(record) << record.error().message;
    }
  }
};

// Each process changes its own entry again and again; the lock serialises the
// read-modify-write cycles, so no process's last change is lost to another's.
TEST_F(PhonebookConcurrency, ProcessesEditingDifferentEntriesKeepAllEdits) {
  std::string path = dir_.file("shared.pbk");
  constexpr int kProcesses = 4;
  constexpr int kRounds = 25;
  for (int p = 0; p < kProcesses; ++p) {
    ASSERT_TRUE(update_entry(*caller_, path, L"Entry " + std::to_wstring(p), set_phone(L"0"),
                             IfMissing::kCreate));
  }
  for (int p = 0; p < kProcesses; ++p) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      for (int round = 1; round <= kRounds; ++round) {
        std::wstring number = std::to_wstring(p * 1000 + round);
        if (!update_entry(*caller_, path, L"Entry " + std::to_wstring(p), set_phone(number),
                          IfMissing::kFail)) {
          ::_exit(1);
        }
      }
      ::_exit(0);
    }
  }
  for (int p = 0; p < kProcesses; ++p) {
    int status = 0;
    ::wait(&status);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  clear_snapshot_cache();
  for (int p = 0; p < kProcesses; ++p) {
    auto record = find_entry(*caller_, path, L"Entry " + std::to_wstring(p));
    ASSERT_TRUE(record);
    EXPECT_EQ(std::wstring(record->fields->entry.szLocalPhoneNumber),
              std::to_wstring(p * 1000 + kRounds));
  }
}

// A writer killed with SIGKILL at any moment leaves the old or the new phone book, never
// a torn one: every entry is still there and reads back.
TEST_F(PhonebookConcurrency, KillDuringWritesLeavesAWholePhonebook) {
  std::string path = dir_.file("big.pbk");
  constexpr size_t kEntries = 300;
  std::string text;
  for (size_t i = 0; i < kEntries; ++i) {
    text += *render_entry("Entry " + std::to_string(i), EntryFields::defaults(), "\r\n") + "\r\n";
  }
  ASSERT_TRUE(FileTransaction::begin(path, 0644)->commit(text));
  for (int round = 0; round < 12; ++round) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      for (int n = 1;; ++n) {
        std::wstring name = L"Entry " + std::to_wstring(static_cast<size_t>(n) % kEntries);
        if (!update_entry(*caller_, path, name, set_phone(std::to_wstring(n)), IfMissing::kFail))
          ::_exit(1);
      }
    }
    ::usleep(static_cast<useconds_t>(2000 + round * 1700));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer failed instead of being killed";
    expect_whole(path, kEntries);
  }
}

}  // namespace
}  // namespace openras::phonebook
