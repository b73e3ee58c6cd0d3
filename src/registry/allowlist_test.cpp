// allowlist_test.cpp: the CustomDLL allow-list the dialer loader consults.
#include "registry/allowlist.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "registry/hive.h"
#include "registry/test_util.h"
#include "registry/value_data.h"

namespace openras::registry {
namespace {

using namespace std::string_literals;
using testing::utf16;

class AllowListTest : public testing::PrivateRoot {
 protected:
  void SetUp() override {
    PrivateRoot::SetUp();
    dialer_a_ = file("lib/a.so");
    dialer_b_ = file("lib/b.so");
    openras::testing::write_file(dialer_a_, "");
    openras::testing::write_file(dialer_b_, "");
    ASSERT_EQ(::symlink(dialer_a_.c_str(), file("lib/link.so").c_str()), 0);
  }

  void set_custom_dll(uint32_t type, const std::wstring& text) {
    Hive hive(paths(), RootKey::kLocalMachine);
    auto path = split_key_path(kRasmanParametersKey);
    ASSERT_TRUE(hive.modify([&](Key& tree) -> Result<bool> {
      tree.ensure(*path).set_value(Value{std::wstring(kCustomDllValue), type, utf16(text)});
      return true;
    }));
  }

  static std::wstring wide(const std::string& s) { return std::wstring(s.begin(), s.end()); }

  std::string dialer_a_;
  std::string dialer_b_;
};

TEST_F(AllowListTest, ListedPathsAreAllowedAfterCanonicalisation) {
  set_custom_dll(kRegMultiSz,
                 wide(file("lib/../lib/link.so")) + L'\0' + wide(dialer_b_) + L"\0\0"s);
  AllowList list = read_allow_list(paths());
  EXPECT_EQ(list.entries, (std::vector<std::string>{dialer_a_, dialer_b_}));
  EXPECT_TRUE(list.notes.empty());
  EXPECT_EQ(is_dialer_allowed(paths(), dialer_a_), true);
  EXPECT_EQ(is_dialer_allowed(paths(), file("lib/link.so")), true);
  EXPECT_EQ(is_dialer_allowed(paths(), file("lib//b.so")), true);
  openras::testing::write_file(file("lib/c.so"), "");
  EXPECT_EQ(is_dialer_allowed(paths(), file("lib/c.so")), false);
}

TEST_F(AllowListTest, RelativeEmptyAndUnresolvableEntriesNeverMatch) {
  set_custom_dll(kRegMultiSz, L"lib/a.so\0"s + wide(file("lib/missing.so")) + L'\0' +
                                  wide(dialer_b_) + L"\0\0"s + wide(dialer_a_) + L"\0\0"s);
  AllowList list = read_allow_list(paths());
  EXPECT_EQ(list.entries, (std::vector<std::string>{dialer_b_}));
  ASSERT_EQ(list.notes.size(), 3u);
  EXPECT_NE(list.notes[0].find("empty item"), std::string::npos) << list.notes[0];
  EXPECT_NE(list.notes[1].find("not an absolute path"), std::string::npos) << list.notes[1];
  EXPECT_NE(list.notes[2].find("cannot be resolved"), std::string::npos) << list.notes[2];
  EXPECT_EQ(is_dialer_allowed(paths(), dialer_a_), false);
}

TEST_F(AllowListTest, OnlyMultiStringCounts) {
  for (uint32_t type : {kRegSz, kRegExpandSz}) {
    set_custom_dll(type, wide(dialer_a_) + L'\0');
    AllowList list = read_allow_list(paths());
    EXPECT_TRUE(list.entries.empty());
    ASSERT_EQ(list.notes.size(), 1u);
    EXPECT_NE(list.notes[0].find("only REG_MULTI_SZ"), std::string::npos) << list.notes[0];
    EXPECT_EQ(is_dialer_allowed(paths(), dialer_a_), false);
  }
}

TEST_F(AllowListTest, UntrustedOrMissingHiveAllowsNothing) {
  AllowList none = read_allow_list(paths());
  EXPECT_TRUE(none.entries.empty());
  ASSERT_EQ(none.notes.size(), 1u);
  EXPECT_NE(none.notes[0].find("no CustomDLL value"), std::string::npos);
  set_custom_dll(kRegMultiSz, wide(dialer_a_) + L"\0\0"s);
  EXPECT_EQ(is_dialer_allowed(paths(), dialer_a_), true);
  ASSERT_EQ(::chmod(hive().c_str(), 0664), 0);
  AllowList list = read_allow_list(paths());
  EXPECT_TRUE(list.entries.empty());
  ASSERT_EQ(list.notes.size(), 1u);
  EXPECT_NE(list.notes[0].find("not trusted"), std::string::npos) << list.notes[0];
  EXPECT_EQ(is_dialer_allowed(paths(), dialer_a_), false);
}

TEST_F(AllowListTest, CandidatePathMustBeAbsoluteAndExist) {
  auto relative = is_dialer_allowed(paths(), "lib/a.so");
  ASSERT_FALSE(relative);
  EXPECT_EQ(relative.error().code, Errc::kInvalidArgument);
  auto missing = is_dialer_allowed(paths(), file("lib/none.so"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::kNotFound);
  EXPECT_FALSE(is_dialer_allowed(paths(), ""));
}

}  // namespace
}  // namespace openras::registry
