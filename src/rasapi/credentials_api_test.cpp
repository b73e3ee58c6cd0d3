// credentials_api_test.cpp: RasGet/SetEntryDialParamsW and RasGet/SetCredentialsW.
#include <gtest/gtest.h>

#include <cstring>

#include "phonebook/credentials.h"
#include "rasapi/entry_api.h"
#include "test_support.h"

namespace openras::rasapi {
namespace {

using testing::EntryApiTest;

class CredentialsApi : public EntryApiTest {
 protected:
  void SetUp() override {
    EntryApiTest::SetUp();
    ASSERT_EQ(create(L"VPN"), 0u);
  }
  RASDIALPARAMSW params(const wchar_t* user, const wchar_t* password, const wchar_t* domain = L"") {
    RASDIALPARAMSW p;
    std::memset(&p, 0, sizeof p);
    p.dwSize = sizeof p;
    std::wcscpy(p.szEntryName, L"VPN");
    std::wcscpy(p.szUserName, user);
    std::wcscpy(p.szPassword, password);
    std::wcscpy(p.szDomain, domain);
    return p;
  }
  RASDIALPARAMSW get(BOOL& saved) {
    RASDIALPARAMSW p = params(L"", L"");
    std::wcscpy(p.szPhoneNumber, L"junk");
    EXPECT_EQ(RasGetEntryDialParamsW(pbk_.c_str(), &p, &saved), 0u);
    return p;
  }
  // The password as stored (what RasDial will read), never returned by the API.
  std::wstring stored_password() {
    auto who = caller();
    auto ref = phonebook::locate_entry(**who, std::string(pbk_.begin(), pbk_.end()), L"VPN");
    auto saved =
        phonebook::load_credentials(**who, *ref, L"VPN", phonebook::CredentialStore::kUser);
    return saved && saved->password ? *saved->password : L"<none>";
  }
};

TEST_F(CredentialsApi, DialParamsReturnAHandleNotThePassword) {
  RASDIALPARAMSW p = params(L"alice", L"s3cret", L"CORP");
  std::wcscpy(p.szCallbackNumber, L"555");
  p.dwSubEntry = 1;
  ASSERT_EQ(RasSetEntryDialParamsW(pbk_.c_str(), &p, FALSE), 0u);
  BOOL saved = FALSE;
  RASDIALPARAMSW out = get(saved);
  EXPECT_TRUE(saved);
  EXPECT_STREQ(out.szUserName, L"alice");
  EXPECT_STREQ(out.szDomain, L"CORP");
  EXPECT_STREQ(out.szCallbackNumber, L"555");
  EXPECT_STREQ(out.szPassword, L"****************");
  EXPECT_STREQ(out.szPhoneNumber, L"") << "the phone number comes from the entry, not from here";
  EXPECT_EQ(out.dwSubEntry, 1u);
  EXPECT_EQ(stored_password(), L"s3cret");
  EXPECT_EQ(file().find("s3cret"), std::string::npos) << "never in the phone book";
}

TEST_F(CredentialsApi, DialParamsFollowWindowsUpdateRules) {
  RASDIALPARAMSW first = params(L"alice", L"one", L"D");
  ASSERT_EQ(RasSetEntryDialParamsW(pbk_.c_str(), &first, FALSE), 0u);
  RASDIALPARAMSW no_user = params(L"", L"two");
  ASSERT_EQ(RasSetEntryDialParamsW(pbk_.c_str(), &no_user, FALSE), 0u);
  EXPECT_EQ(stored_password(), L"one") << "without a user name the password does not change";
  RASDIALPARAMSW handle = params(L"alice", L"****************");
  ASSERT_EQ(RasSetEntryDialParamsW(pbk_.c_str(), &handle, FALSE), 0u);
  EXPECT_EQ(stored_password(), L"one") << "the handle stands for the saved password";
  BOOL saved = FALSE;
  EXPECT_STREQ(get(saved).szDomain, L"D") << "an empty domain leaves the saved one";
  RASDIALPARAMSW remove = params(L"alice", L"ignored");
  ASSERT_EQ(RasSetEntryDialParamsW(pbk_.c_str(), &remove, TRUE), 0u);
  RASDIALPARAMSW out = get(saved);
  EXPECT_FALSE(saved);
  EXPECT_STREQ(out.szPassword, L"");
  EXPECT_STREQ(out.szUserName, L"alice");
  RASDIALPARAMSW empty_password = params(L"alice", L"");
  ASSERT_EQ(RasSetEntryDialParamsW(pbk_.c_str(), &empty_password, FALSE), 0u);
  EXPECT_EQ(stored_password(), L"") << "an empty password is a saved empty password";
}

TEST_F(CredentialsApi, DialParamsErrors) {
  BOOL saved;
  RASDIALPARAMSW p = params(L"", L"");
  EXPECT_EQ(RasGetEntryDialParamsW(pbk_.c_str(), nullptr, &saved),
            static_cast<DWORD>(ERROR_BUFFER_INVALID));
  EXPECT_EQ(RasGetEntryDialParamsW(pbk_.c_str(), &p, nullptr),
            static_cast<DWORD>(ERROR_BUFFER_INVALID));
  EXPECT_EQ(RasSetEntryDialParamsW(pbk_.c_str(), nullptr, FALSE),
            static_cast<DWORD>(ERROR_BUFFER_INVALID));
  p.dwSize = sizeof p - 1;
  EXPECT_EQ(RasGetEntryDialParamsW(pbk_.c_str(), &p, &saved),
            static_cast<DWORD>(ERROR_INVALID_SIZE));
  EXPECT_EQ(RasSetEntryDialParamsW(pbk_.c_str(), &p, FALSE),
            static_cast<DWORD>(ERROR_INVALID_SIZE));
  p = params(L"", L"");
  std::wcscpy(p.szEntryName, L"Nope");
  EXPECT_EQ(RasGetEntryDialParamsW(pbk_.c_str(), &p, &saved),
            static_cast<DWORD>(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY));
  EXPECT_EQ(RasSetEntryDialParamsW(pbk_.c_str(), &p, FALSE),
            static_cast<DWORD>(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY));
  // The 0x400 version (no dwSubEntry) is accepted.
  p = params(L"bob", L"x");
  p.dwSize = offsetof(RASDIALPARAMSW, dwSubEntry);
  EXPECT_EQ(RasSetEntryDialParamsW(pbk_.c_str(), &p, FALSE), 0u);
}

TEST_F(CredentialsApi, CredentialsMasks) {
  RASCREDENTIALSW c;
  std::memset(&c, 0, sizeof c);
  c.dwSize = sizeof c;
  c.dwMask = RASCM_UserName | RASCM_Password | RASCM_Domain;
  std::wcscpy(c.szUserName, L"alice");
  std::wcscpy(c.szPassword, L"pw");
  std::wcscpy(c.szDomain, L"CORP");
  ASSERT_EQ(RasSetCredentialsW(pbk_.c_str(), L"VPN", &c, FALSE), 0u);
  RASCREDENTIALSW out;
  std::memset(&out, 0, sizeof out);
  out.dwSize = sizeof out;
  out.dwMask = RASCM_UserName | RASCM_Password | RASCM_Domain | RASCM_PreSharedKey;
  ASSERT_EQ(RasGetCredentialsW(pbk_.c_str(), L"VPN", &out), 0u);
  EXPECT_EQ(out.dwMask, static_cast<DWORD>(RASCM_UserName | RASCM_Password | RASCM_Domain))
      << "no pre-shared key is saved";
  EXPECT_STREQ(out.szUserName, L"alice");
  EXPECT_STREQ(out.szPassword, L"****************");
  out.dwMask = RASCM_UserName;
  ASSERT_EQ(RasGetCredentialsW(pbk_.c_str(), L"VPN", &out), 0u);
  EXPECT_EQ(out.dwMask, static_cast<DWORD>(RASCM_UserName));
  EXPECT_STREQ(out.szPassword, L"") << "only what the mask asks for";
  // fClearCredentials removes what the mask names.
  c.dwMask = RASCM_Password;
  ASSERT_EQ(RasSetCredentialsW(pbk_.c_str(), L"VPN", &c, TRUE), 0u);
  out.dwMask = RASCM_UserName | RASCM_Password;
  ASSERT_EQ(RasGetCredentialsW(pbk_.c_str(), L"VPN", &out), 0u);
  EXPECT_EQ(out.dwMask, static_cast<DWORD>(RASCM_UserName));
  // A pre-shared key travels in szPassword.
  c.dwMask = RASCM_PreSharedKey;
  std::wcscpy(c.szPassword, L"psk");
  ASSERT_EQ(RasSetCredentialsW(pbk_.c_str(), L"VPN", &c, FALSE), 0u);
  out.dwMask = RASCM_PreSharedKey;
  ASSERT_EQ(RasGetCredentialsW(pbk_.c_str(), L"VPN", &out), 0u);
  EXPECT_EQ(out.dwMask, static_cast<DWORD>(RASCM_PreSharedKey));
  EXPECT_STREQ(out.szPassword, L"****************");
}

TEST_F(CredentialsApi, CredentialsErrors) {
  RASCREDENTIALSW c;
  std::memset(&c, 0, sizeof c);
  c.dwSize = sizeof c;
  c.dwMask = RASCM_DefaultCreds | RASCM_UserName;
  EXPECT_EQ(RasSetCredentialsW(pbk_.c_str(), L"VPN", &c, FALSE),
            static_cast<DWORD>(ERROR_ACCESS_DENIED))
      << "default credentials are for all-users entries only";
  c.dwMask = RASCM_UserName;
  EXPECT_EQ(RasSetCredentialsW(pbk_.c_str(), L"Nope", &c, FALSE),
            static_cast<DWORD>(ERROR_INVALID_PARAMETER))
      << "as documented for a missing entry";
  EXPECT_EQ(RasGetCredentialsW(pbk_.c_str(), L"Nope", &c),
            static_cast<DWORD>(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY));
  EXPECT_EQ(RasGetCredentialsW(pbk_.c_str(), L"VPN", nullptr),
            static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  EXPECT_EQ(RasSetCredentialsW(pbk_.c_str(), L"VPN", nullptr, FALSE),
            static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  c.dwSize = sizeof c + 4;
  EXPECT_EQ(RasGetCredentialsW(pbk_.c_str(), L"VPN", &c), static_cast<DWORD>(ERROR_INVALID_SIZE));
  EXPECT_EQ(RasSetCredentialsW(pbk_.c_str(), L"VPN", &c, FALSE),
            static_cast<DWORD>(ERROR_INVALID_SIZE));
}

TEST_F(CredentialsApi, DeleteAndRenameTakeTheCredentialsAlong) {
  RASDIALPARAMSW p = params(L"alice", L"pw");
  ASSERT_EQ(RasSetEntryDialParamsW(pbk_.c_str(), &p, FALSE), 0u);
  ASSERT_EQ(RasRenameEntryW(pbk_.c_str(), L"VPN", L"Work"), 0u);
  RASDIALPARAMSW renamed = params(L"", L"");
  std::wcscpy(renamed.szEntryName, L"Work");
  BOOL saved = FALSE;
  ASSERT_EQ(RasGetEntryDialParamsW(pbk_.c_str(), &renamed, &saved), 0u);
  EXPECT_TRUE(saved);
  EXPECT_STREQ(renamed.szUserName, L"alice");
  ASSERT_EQ(RasDeleteEntryW(pbk_.c_str(), L"Work"), 0u);
  ASSERT_EQ(create(L"Work"), 0u);
  ASSERT_EQ(RasGetEntryDialParamsW(pbk_.c_str(), &renamed, &saved), 0u);
  EXPECT_FALSE(saved) << "a new entry of the old name does not inherit the old password";
  EXPECT_STREQ(renamed.szUserName, L"");
}

}  // namespace
}  // namespace openras::rasapi
