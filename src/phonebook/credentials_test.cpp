// credentials_test.cpp: owner-only credentials files, exact secrets, shared credentials.
#include "phonebook/credentials.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "base/fs.h"
#include "phonebook/field_codec.h"
#include "test_support.h"

namespace openras::phonebook {
namespace {

class Credentials : public testing::PrivateRootTest {
 protected:
  void SetUp() override {
    PrivateRootTest::SetUp();
    ASSERT_TRUE(update_entry(
        *caller_, std::nullopt, L"VPN", [](EntryFields&) { return Status{}; }, IfMissing::kCreate));
    book_ = *locate_entry(*caller_, std::nullopt, L"VPN");
  }
  PhonebookRef book_;
};

TEST_F(Credentials, SavedOwnerOnlyAndNeverInThePhonebook) {
  const std::wstring secret = L" p%ss\tw\u00F6rd=\u20AC ";
  ASSERT_TRUE(update_credentials(*caller_, book_, L"VPN", CredentialStore::kUser,
                                 [&](StoredCredentials& c) {
                                   c.user_name = L"alice";
                                   c.password = secret;
                                   c.sub_entry = 1;
                                 }));
  auto path = credentials_path(*caller_, book_, CredentialStore::kUser);
  ASSERT_TRUE(path);
  EXPECT_EQ(path->rfind(*caller_->user_config_dir + "/credentials/rasphone.pbk-", 0), 0u) << *path;
  struct stat st {};
  ASSERT_EQ(::stat(path->c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(path->substr(0, path->rfind('/')).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  EXPECT_EQ(read_file(user_book())->find("alice"), std::string::npos);
  auto saved = load_credentials(*caller_, book_, L"vpn", CredentialStore::kUser);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->user_name, L"alice");
  EXPECT_EQ(saved->password, secret) << "blanks, '%', '=' and non-ASCII survive exactly";
  EXPECT_EQ(saved->sub_entry, 1u);
  EXPECT_FALSE(saved->domain);
}

// An editor's save may drop the final newline; the next entry saved must still get a
// section of its own, and the last value keep its own text.
TEST_F(Credentials, FileWithoutFinalNewlineEditsCorrectly) {
  ASSERT_TRUE(update_entry(
      *caller_, std::nullopt, L"Office", [](EntryFields&) { return Status{}; },
      IfMissing::kCreate));
  ASSERT_TRUE(update_credentials(*caller_, book_, L"VPN", CredentialStore::kUser,
                                 [](StoredCredentials& c) { c.password = L"first"; }));
  auto path = *credentials_path(*caller_, book_, CredentialStore::kUser);
  auto text = *read_file(path);
  ASSERT_EQ(text.back(), '\n');
  text.pop_back();
  {
    auto tx = FileTransaction::begin(path, 0600);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(tx->commit(text));
  }
  ASSERT_TRUE(update_credentials(*caller_, book_, L"Office", CredentialStore::kUser,
                                 [](StoredCredentials& c) { c.password = L"second"; }));
  auto vpn = load_credentials(*caller_, book_, L"VPN", CredentialStore::kUser);
  auto office = load_credentials(*caller_, book_, L"Office", CredentialStore::kUser);
  ASSERT_TRUE(vpn && office);
  EXPECT_EQ(vpn->password, L"first");
  EXPECT_EQ(office->password, L"second");
}

TEST_F(Credentials, FileOthersCanReadIsRefused) {
  ASSERT_TRUE(update_credentials(*caller_, book_, L"VPN", CredentialStore::kUser,
                                 [](StoredCredentials& c) { c.password = L"x"; }));
  auto path = *credentials_path(*caller_, book_, CredentialStore::kUser);
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  auto saved = load_credentials(*caller_, book_, L"VPN", CredentialStore::kUser);
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, Errc::kAccessDenied);
  EXPECT_NE(saved.error().message.find("chmod 600"), std::string::npos) << saved.error().message;
  EXPECT_FALSE(update_credentials(*caller_, book_, L"VPN", CredentialStore::kUser,
                                  [](StoredCredentials&) {}));
}

// A file that starts with a UTF-16 byte-order mark shows no section: it is refused by name,
// for reading and for saving, rather than taking a save it could never give back.
TEST_F(Credentials, AUtf16FileIsRefusedByNameAndKeptAsItIs) {
  ASSERT_TRUE(update_credentials(*caller_, book_, L"VPN", CredentialStore::kUser,
                                 [](StoredCredentials& c) { c.password = L"x"; }));
  auto path = *credentials_path(*caller_, book_, CredentialStore::kUser);
  const std::string utf16("\xFF\xFE[\0V\0P\0N\0]\0\n\0", 14);
  {
    auto tx = FileTransaction::begin(path, 0600);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(tx->commit(utf16));
  }
  auto saved = load_credentials(*caller_, book_, L"VPN", CredentialStore::kUser);
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, Errc::kInvalidData);
  EXPECT_NE(saved.error().message.find(path), std::string::npos) << saved.error().message;
  EXPECT_NE(saved.error().message.find("iconv -f UTF-16"), std::string::npos);
  EXPECT_FALSE(update_credentials(*caller_, book_, L"VPN", CredentialStore::kUser,
                                  [](StoredCredentials& c) { c.password = L"y"; }));
  EXPECT_EQ(*read_file(path), utf16);
}

TEST_F(Credentials, SharedCredentialsAreForAdministrators) {
  auto denied = update_credentials(user_caller(), book_, L"VPN", CredentialStore::kShared,
                                   [](StoredCredentials& c) { c.pre_shared_key = L"k"; });
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, Errc::kAccessDenied);
  ASSERT_TRUE(update_credentials(*caller_, book_, L"VPN", CredentialStore::kShared,
                                 [](StoredCredentials& c) { c.pre_shared_key = L"k"; }));
  EXPECT_EQ(credentials_path(*caller_, book_, CredentialStore::kShared)
                ->rfind(caller_->paths.credentials_dir(), 0),
            0u);
  EXPECT_EQ(load_credentials(*caller_, book_, L"VPN", CredentialStore::kShared)->pre_shared_key,
            L"k");
  EXPECT_FALSE(load_credentials(*caller_, book_, L"VPN", CredentialStore::kUser)->pre_shared_key);
}

// Found by fuzz/pbk_credentials.cpp: a new section appended to a hand-edited file whose
// last line has no newline must start a line of its own, or it is lost.
TEST_F(Credentials, SavedAfterAFileWithoutItsLastNewline) {
  ASSERT_TRUE(update_credentials(*caller_, book_, L"Other", CredentialStore::kUser,
                                 [](StoredCredentials& c) { c.user_name = L"b"; }));
  auto path = *credentials_path(*caller_, book_, CredentialStore::kUser);
  auto text = *read_file(path);
  ASSERT_EQ(text.back(), '\n');
  text.pop_back();
  openras::testing::write_file(path, text);
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  ASSERT_TRUE(update_credentials(*caller_, book_, L"VPN", CredentialStore::kUser,
                                 [](StoredCredentials& c) { c.password = L"p"; }));
  EXPECT_EQ(load_credentials(*caller_, book_, L"VPN", CredentialStore::kUser)->password, L"p");
  EXPECT_EQ(load_credentials(*caller_, book_, L"Other", CredentialStore::kUser)->user_name, L"b");
}

TEST_F(Credentials, ForgetAndMoveFollowTheEntry) {
  auto save = [&](const wchar_t* entry, const wchar_t* user) {
    return update_credentials(*caller_, book_, entry, CredentialStore::kUser,
                              [&](StoredCredentials& c) { c.user_name = user; });
  };
  ASSERT_TRUE(save(L"VPN", L"a"));
  ASSERT_TRUE(save(L"Other", L"b"));
  ASSERT_TRUE(move_credentials(*caller_, book_, L"VPN", L"Renamed"));
  EXPECT_TRUE(load_credentials(*caller_, book_, L"VPN", CredentialStore::kUser)->empty());
  EXPECT_EQ(load_credentials(*caller_, book_, L"Renamed", CredentialStore::kUser)->user_name, L"a");
  ASSERT_TRUE(forget_credentials(*caller_, book_, L"Renamed"));
  EXPECT_TRUE(load_credentials(*caller_, book_, L"Renamed", CredentialStore::kUser)->empty());
  EXPECT_EQ(load_credentials(*caller_, book_, L"Other", CredentialStore::kUser)->user_name, L"b");
}

TEST_F(Credentials, FileOfAnotherPhonebookIsNotUsed) {
  ASSERT_TRUE(update_credentials(*caller_, book_, L"VPN", CredentialStore::kUser,
                                 [](StoredCredentials& c) { c.user_name = L"a"; }));
  PhonebookRef other{dir_.file("other.pbk"), Scope::kOther};
  auto path = *credentials_path(*caller_, book_, CredentialStore::kUser);
  auto other_path = *credentials_path(*caller_, other, CredentialStore::kUser);
  ASSERT_NE(path, other_path);
  ASSERT_EQ(::rename(path.c_str(), other_path.c_str()), 0);  // as if the hashes collided
  auto saved = load_credentials(*caller_, other, L"VPN", CredentialStore::kUser);
  ASSERT_FALSE(saved);
  EXPECT_NE(saved.error().message.find("belongs to phone book"), std::string::npos);
}

}  // namespace
}  // namespace openras::phonebook
