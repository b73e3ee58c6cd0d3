// promote_test.cpp: RASEO_PromoteAlternates' rewrite (promote.h) on a real phone-book file
// in a private root: Windows' order (the number that answered to the top, the rest in
// order after it), only the numbers' lines changed, and nothing written when the flag was
// cleared or the numbers changed after the dial began.
#include "dialer/promote.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "base/fs.h"
#include "phonebook/phonebook_file.h"
#include "raserror.h"
#include "support.h"

namespace openras::dialer {
namespace {

TEST(Promoted, TheNumberThatAnsweredGoesToTheTopAndTheRestKeepTheirOrder) {
  const EntryNumbers numbers{L"A", {L"B", L"C", L"D"}};
  EXPECT_EQ(promoted(numbers, 0), (EntryNumbers{L"B", {L"A", L"C", L"D"}}));
  EXPECT_EQ(promoted(numbers, 1), (EntryNumbers{L"C", {L"A", L"B", L"D"}}));
  EXPECT_EQ(promoted(numbers, 2), (EntryNumbers{L"D", {L"A", L"B", L"C"}}));
  EXPECT_EQ(promoted(EntryNumbers{L"A", {L"B"}}, 0), (EntryNumbers{L"B", {L"A"}}));
}

// The numbers' part of an entry as Windows writes it: per-number lines after the first
// PhoneNumber= (the entry's dialing rules), bare alternates after it.
std::string book(const std::string& numbers, bool promote = true,
                 const std::string& redials = "RedialAttempts=2") {
  return "[Office]\r\nEncoding=1\r\nType=1\r\n" + redials +
         "\r\n\r\nMEDIA=serial\r\nPort=sim\r\nDevice=Modem1\r\n\r\nDEVICE=modem\r\n" + numbers +
         "PromoteAlternates=" + (promote ? "1" : "0") + "\r\nTryNextAlternateOnFail=1\r\n";
}
const std::string kNumbers =
    "PhoneNumber=5550100\r\nAreaCode=206\r\nCountryCode=1\r\nCountryID=1\r\nUseDialingRules=1\r\n"
    "Comment=\r\nPhoneNumber=5550101\r\nPhoneNumber=5550102\r\nPhoneNumber=5550103\r\n";
const std::string kPromoted =
    "PhoneNumber=5550102\r\nAreaCode=206\r\nCountryCode=1\r\nCountryID=1\r\nUseDialingRules=1\r\n"
    "Comment=\r\nPhoneNumber=5550100\r\nPhoneNumber=5550101\r\nPhoneNumber=5550103\r\n";

class PromoteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("OPENRAS_ROOT", dir_.path().c_str(), 1);
    phonebook::clear_snapshot_cache();
  }
  void TearDown() override {
    ::unsetenv("OPENRAS_ROOT");
    phonebook::clear_snapshot_cache();
  }
  // Replaces the phone book the way an editor does (a new file renamed over it), so no
  // cached reading of the old one can be taken for it.
  void write(const std::string& text) {
    std::string temp = path_ + ".new";
    FILE* f = std::fopen(temp.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    ASSERT_EQ(std::fwrite(text.data(), 1, text.size(), f), text.size());
    ASSERT_EQ(std::fclose(f), 0);
    ASSERT_EQ(std::rename(temp.c_str(), path_.c_str()), 0);
  }
  std::string text() {
    auto read = read_file(path_);
    EXPECT_TRUE(read) << (read ? "" : read.error().message);
    return read ? *read : std::string();
  }
  EntryInfo lookup() {
    std::wstring wide(path_.begin(), path_.end());
    auto entry = lookup_entry(wide.c_str(), L"Office");
    EXPECT_TRUE(entry) << (entry ? "" : entry.error().message);
    return entry ? *entry : EntryInfo{};
  }

  openras::testing::TempDir dir_;
  std::string path_ = dir_.file("book.pbk");
};

TEST_F(PromoteTest, TheAlternateBecomesTheFirstNumberAndOnlyTheNumbersChange) {
  write(book(kNumbers));
  EntryInfo dialled = lookup();
  ASSERT_EQ(dialled.alternates.size(), 3u);
  auto done = promote_alternate(dialled, 1);  // 5550102 answered
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(*done, Promotion::kPromoted);
  // The dialing rules belong to the entry (RASENTRY has one set, and every number is
  // composed with it), so they stay with the first number's place.
  EXPECT_EQ(text(), book(kPromoted));
  EntryInfo now = lookup();
  EXPECT_EQ(now.phone_number, L"5550102");
  EXPECT_EQ(now.alternates, (std::vector<std::wstring>{L"5550100", L"5550101", L"5550103"}));
  EXPECT_EQ(now.area_code, L"206");
}

TEST_F(PromoteTest, NothingIsWrittenWhenTheFlagWasClearedMeanwhile) {
  write(book(kNumbers));
  EntryInfo dialled = lookup();
  write(book(kNumbers, false));
  auto done = promote_alternate(dialled, 0);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(*done, Promotion::kFlagCleared);
  EXPECT_EQ(text(), book(kNumbers, false));
}

TEST_F(PromoteTest, NothingIsWrittenWhenTheNumbersChangedMeanwhile) {
  write(book(kNumbers));
  EntryInfo dialled = lookup();
  // A number added, one removed, two swapped, the first one edited: each leaves it unclear
  // where the numbers belong, so the user's edit wins.
  for (const std::string& edited :
       {kNumbers + "PhoneNumber=5550104\r\n",
        std::string(kNumbers).replace(kNumbers.find("PhoneNumber=5550103\r\n"), 21, ""),
        std::string(kNumbers).replace(kNumbers.find("5550101"), 7, "5550199"),
        std::string(kNumbers).replace(kNumbers.find("5550100"), 7, "5550111")}) {
    write(book(edited));
    auto done = promote_alternate(dialled, 1);
    ASSERT_TRUE(done) << done.error().message;
    EXPECT_EQ(*done, Promotion::kChanged) << edited;
    EXPECT_EQ(text(), book(edited));
  }
}

TEST_F(PromoteTest, OtherChangesMeanwhileAreKept) {
  write(book(kNumbers));
  EntryInfo dialled = lookup();
  write(book(kNumbers, true, "RedialAttempts=7"));
  auto done = promote_alternate(dialled, 1);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(*done, Promotion::kPromoted);
  EXPECT_EQ(text(), book(kPromoted, true, "RedialAttempts=7"));
}

TEST_F(PromoteTest, AnEntryThatIsGoneIsNotFoundAndNothingIsCreated) {
  write(book(kNumbers));
  EntryInfo dialled = lookup();
  std::string other = book(kNumbers);
  other.replace(1, 6, "Home");  // renamed
  write(other);
  auto done = promote_alternate(dialled, 1);
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().code, Errc::kEntryNotFound);
  EXPECT_EQ(text(), other);
  EXPECT_EQ(promote_alternate(dialled, 3).error().code, Errc::kInvalidArgument);
}

}  // namespace
}  // namespace openras::dialer
