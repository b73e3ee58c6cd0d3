// allowlist_test.cpp: the CustomDLL allow-list the dialer loader consults.
#include "registry/allowlist.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "registry/hive.h"
#include "registry/test_support.h"
#include "registry/value_data.h"
#include "skip.h"

namespace openras::registry {
namespace {

using namespace std::string_literals;
using testing::utf16;

class AllowListTest : public testing::PrivateRoot {
 protected:
  void SetUp() override {
    PrivateRoot::SetUp();
    OPENRAS_SKIP_UNLESS(!trusted_.path().empty(), trusted_.reason());
    dialer_a_ = lib("a.so");
    dialer_b_ = lib("b.so");
    openras::testing::write_file(dialer_a_, "");
    openras::testing::write_file(dialer_b_, "");
    ASSERT_EQ(::symlink(dialer_a_.c_str(), lib("link.so").c_str()), 0);
  }

  // Where dialers may live: a directory the loader's trust rule accepts (not /tmp).
  [[nodiscard]] std::string lib(const std::string& name) const {
    return trusted_.path() + "/lib/" + name;
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

  openras::testing::TrustedDir trusted_;
  std::string dialer_a_;
  std::string dialer_b_;
};

// Entries are taken as written: one that reaches a file through a link or a "..", which
// someone could repoint, allows nothing; the dialer's own path is compared canonically.
TEST_F(AllowListTest, OnlyCanonicalEntriesCount) {
  set_custom_dll(kRegMultiSz, wide(lib("../lib/link.so")) + L'\0' + wide(lib("link.so")) + L'\0' +
                                  wide(dialer_b_) + L"\0\0"s);
  AllowList list = read_allow_list(paths());
  EXPECT_EQ(list.entries, (std::vector<std::string>{dialer_b_}));
  ASSERT_EQ(list.notes.size(), 2u);
  for (const auto& note : list.notes) {
    EXPECT_NE(note.find("symbolic link or is not canonical"), std::string::npos) << note;
    EXPECT_NE(note.find("resolves to " + dialer_a_), std::string::npos) << note;
  }
  EXPECT_EQ(is_dialer_allowed(paths(), dialer_a_), false);
  EXPECT_EQ(is_dialer_allowed(paths(), lib("link.so")), false);
  EXPECT_EQ(is_dialer_allowed(paths(), dialer_b_), true);
  EXPECT_EQ(is_dialer_allowed(paths(), trusted_.path() + "/lib//b.so"), true);
  openras::testing::write_file(lib("c.so"), "");
  EXPECT_EQ(is_dialer_allowed(paths(), lib("c.so")), false);
}

// An entry whose file or directories someone else could change is refused, and the note
// says which part and why.
TEST_F(AllowListTest, EntriesOthersCouldChangeAreRefused) {
  set_custom_dll(kRegMultiSz, wide(dialer_a_) + L'\0' + wide(dialer_b_) + L"\0\0"s);
  ASSERT_EQ(::chmod(dialer_a_.c_str(), 0666), 0);
  AllowList list = read_allow_list(paths());
  EXPECT_EQ(list.entries, (std::vector<std::string>{dialer_b_}));
  ASSERT_EQ(list.notes.size(), 1u);
  EXPECT_NE(list.notes[0].find("writable by group or others"), std::string::npos) << list.notes[0];
  EXPECT_EQ(is_dialer_allowed(paths(), dialer_a_), false);
  ASSERT_EQ(::chmod(dialer_a_.c_str(), 0644), 0);
  ASSERT_EQ(::chmod((trusted_.path() + "/lib").c_str(), 0777), 0);
  list = read_allow_list(paths());
  EXPECT_TRUE(list.entries.empty()) << "both entries sit in a directory anyone can write";
  ASSERT_EQ(::chmod((trusted_.path() + "/lib").c_str(), 0755), 0);
  if (::geteuid() == 0) {
    ASSERT_EQ(::chown(dialer_b_.c_str(), 65534, 65534), 0);
    list = read_allow_list(paths());
    EXPECT_EQ(list.entries, (std::vector<std::string>{dialer_a_}));
    ASSERT_EQ(list.notes.size(), 1u);
    EXPECT_NE(list.notes[0].find("owned by uid 65534"), std::string::npos) << list.notes[0];
  }
}

TEST_F(AllowListTest, RelativeEmptyAndUnresolvableEntriesNeverMatch) {
  set_custom_dll(kRegMultiSz, L"lib/a.so\0"s + wide(lib("missing.so")) + L'\0' + wide(dialer_b_) +
                                  L"\0\0"s + wide(dialer_a_) + L"\0\0"s);
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
