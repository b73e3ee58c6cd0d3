// phonebook_warm_test.cpp: warm gets reuse what they read and decoded, and still see at the
// next call whatever changed: an edit by another process (through the API or in place,
// without the lock), a replaced file, a renamed directory, a directory made writable by
// others under an administrator's trusted read; and a set never loses an edit it did not
// read.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "phonebook/field_codec.h"
#include "phonebook/phonebook.h"
#include "test_support.h"

namespace openras::phonebook {
namespace {

class PhonebookWarm : public testing::PrivateRootTest {
 protected:
  void SetUp() override {
    PrivateRootTest::SetUp();
    book_ = dir_.file("books/warm.pbk");
    ASSERT_EQ(::mkdir(dir_.file("books").c_str(), 0755), 0);
    ASSERT_TRUE(set(book_, L"A", L"111"));
    ASSERT_TRUE(set(book_, L"B", L"222"));
    ASSERT_EQ(number(book_, L"A"), L"111");
  }
  Status set(const std::string& book, const std::wstring& name, const std::wstring& value) {
    return update_entry(
        *caller_, book, name,
        [value](EntryFields& fields) {
          return set_string_member(fields.entry, field_for_member("szLocalPhoneNumber"), value);
        },
        IfMissing::kCreate);
  }
  // The entry's number, or "error: why".
  std::wstring number(const std::string& book, const std::wstring& name) {
    auto record = find_entry(*caller_, book, name);
    if (!record)
      return L"error: " +
             std::wstring(record.error().message.begin(), record.error().message.end());
    return record->fields->entry.szLocalPhoneNumber;
  }
  // Rewrites the file in place (same inode, no lock), as an editor that saves in place.
  static void rewrite_in_place(const std::string& path, const std::string& from,
                               const std::string& to) {
    auto text = read_file(path);
    ASSERT_TRUE(text);
    auto at = text->find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text->replace(at, from.size(), to);
    int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::write(fd, text->data(), text->size()), static_cast<ssize_t>(text->size()));
    ::close(fd);
  }
  std::string book_;
};

// A warm get hands out the entry as it was decoded, shared and never copied (a RASENTRYW
// is 13 KB): the same fields again while the file is unchanged, new ones after an edit,
// and the old ones stay as they were for whoever holds them.
TEST_F(PhonebookWarm, AWarmGetSharesTheDecodedEntryUntilTheFileChanges) {
  auto first = find_entry(*caller_, book_, L"A");
  auto again = find_entry(*caller_, book_, L"A");
  ASSERT_TRUE(first && again);
  EXPECT_EQ(first->fields.get(), again->fields.get());
  ASSERT_TRUE(set(book_, L"A", L"333"));
  auto edited = find_entry(*caller_, book_, L"A");
  ASSERT_TRUE(edited);
  EXPECT_NE(edited->fields.get(), first->fields.get());
  EXPECT_STREQ(edited->fields->entry.szLocalPhoneNumber, L"333");
  EXPECT_STREQ(first->fields->entry.szLocalPhoneNumber, L"111");
}

TEST_F(PhonebookWarm, AWarmGetReadsAndDecodesNothingAgain) {
  auto first = load_snapshot(caller_->paths, book_, OpenMode::kPlain, false);
  auto second = load_snapshot(caller_->paths, book_, OpenMode::kPlain, false);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->get(), second->get());
  auto index = (*first)->find("A");
  ASSERT_TRUE(index);
  EXPECT_NE((*first)->decoded(*index), nullptr) << "the get above decoded it once";
}

TEST_F(PhonebookWarm, AnEditByAnotherProcessIsSeenAtTheNextGet) {
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) _exit(set(book_, L"A", L"333") ? 0 : 1);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(number(book_, L"A"), L"333");
}

TEST_F(PhonebookWarm, AnInPlaceEditOfTheSameSizeIsSeenAtTheNextGet) {
  for (const char* next : {"444", "555", "666"}) {
    auto before = read_file(book_);
    ASSERT_TRUE(before);
    std::string current = before->substr(before->find("\nPhoneNumber=") + 13, 3);
    rewrite_in_place(book_, "\nPhoneNumber=" + current, std::string("\nPhoneNumber=") + next);
    EXPECT_EQ(number(book_, L"A"), std::wstring(next, next + 3));
  }
}

TEST_F(PhonebookWarm, AReplacedFileIsSeenAtTheNextGet) {
  std::string other = dir_.file("books/other.pbk");
  ASSERT_TRUE(set(other, L"A", L"999"));
  ASSERT_EQ(::rename(other.c_str(), book_.c_str()), 0);
  EXPECT_EQ(number(book_, L"A"), L"999");
  EXPECT_NE(number(book_, L"B").find(L"error"), std::wstring::npos);
}

// The named path is resolved again when a directory on it changes: the same spelling now
// names another file.
TEST_F(PhonebookWarm, ARenamedDirectoryIsResolvedAgainAtTheNextGet) {
  ASSERT_EQ(::rename(dir_.file("books").c_str(), dir_.file("old").c_str()), 0);
  ASSERT_EQ(::mkdir(dir_.file("books").c_str(), 0755), 0);
  EXPECT_NE(number(book_, L"A").find(L"error"), std::wstring::npos);
  ASSERT_TRUE(set(book_, L"A", L"777"));
  EXPECT_EQ(number(book_, L"A"), L"777");
  ASSERT_EQ(::rmdir(dir_.file("old").c_str()) == 0 || errno == ENOTEMPTY, true);
}

TEST_F(PhonebookWarm, AnAdministratorsTrustedReadSeesAModeChangeAtTheNextGet) {
  ASSERT_TRUE(set(all_users(), L"Corp", L"123"));
  ASSERT_EQ(number(all_users(), L"Corp"), L"123");
  ASSERT_EQ(number(all_users(), L"Corp"), L"123");
  std::string dir = dir_.file("etc/openras");
  ASSERT_EQ(::chmod(dir.c_str(), 0777), 0);
  auto record = find_entry(*caller_, all_users(), L"Corp");
  ASSERT_FALSE(record);
  EXPECT_EQ(record.error().code, Errc::kAccessDenied) << record.error().message;
  ASSERT_EQ(::chmod(dir.c_str(), 0755), 0);
  EXPECT_EQ(number(all_users(), L"Corp"), L"123");
}

// A set that reuses its cached snapshot instead of reading the file under the lock must
// still start from what is on disk: an entry another program added in place since is kept.
TEST_F(PhonebookWarm, ASetKeepsAnEditItDidNotMake) {
  ASSERT_EQ(number(book_, L"B"), L"222");
  rewrite_in_place(book_, "[B]", "[C]");
  ASSERT_TRUE(set(book_, L"A", L"888"));
  auto text = read_file(book_);
  ASSERT_TRUE(text);
  EXPECT_NE(text->find("[C]"), std::string::npos) << *text;
  EXPECT_EQ(text->find("[B]"), std::string::npos) << *text;
  EXPECT_EQ(number(book_, L"A"), L"888");
  EXPECT_EQ(number(book_, L"C"), L"222");
}

}  // namespace
}  // namespace openras::phonebook

namespace openras::phonebook {
namespace {

// 100,000 entries (~140 MiB) are read; a file past the bound is refused before a byte is
// read, with the limit and the fix (a sparse file: no disk is used).
TEST_F(PhonebookWarm, APhonebookPastTheSizeBoundIsRefusedByName) {
  std::string big = dir_.file("books/big.pbk");
  int fd = ::open(big.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::ftruncate(fd, (off_t{256} << 20) + 1), 0);
  ::close(fd);
  auto record = find_entry(*caller_, big, L"A");
  ASSERT_FALSE(record);
  EXPECT_EQ(record.error().code, Errc::kPhonebookCannotOpen);
  EXPECT_NE(record.error().message.find(big + " is larger than 256 MiB"), std::string::npos)
      << record.error().message;
  EXPECT_NE(record.error().message.find("split it"), std::string::npos);
}

}  // namespace
}  // namespace openras::phonebook
