// entry_ansi_test.cpp: the A functions are the W functions in UTF-8.
#include <gtest/gtest.h>

#include <cstring>

#include "rasapi/entry_structs.h"
#include "test_support.h"

namespace openras::rasapi {
namespace {

using testing::EntryApiTest;

class EntryAnsi : public EntryApiTest {
 protected:
  std::string pbk() const { return dir_.file("test.pbk"); }
  RASENTRYA defaults() {
    RASENTRYA entry;
    std::memset(&entry, 0, sizeof entry);
    entry.dwSize = sizeof entry;
    DWORD size = sizeof entry;
    EXPECT_EQ(RasGetEntryPropertiesA(nullptr, "", &entry, &size, nullptr, nullptr), 0u);
    return entry;
  }
};

TEST_F(EntryAnsi, PropertiesRoundTripInUtf8AndMeetTheWForm) {
  DWORD size = 0;
  EXPECT_EQ(RasGetEntryPropertiesA(nullptr, "", nullptr, &size, nullptr, nullptr),
            static_cast<DWORD>(ERROR_BUFFER_TOO_SMALL));
  EXPECT_EQ(size, sizeof(RASENTRYA));
  RASENTRYA entry = defaults();
  EXPECT_STREQ(entry.szDeviceType, "modem");
  std::strcpy(entry.szLocalPhoneNumber, "+49 30 1234");
  std::strcpy(entry.szCustomDialDll, "/opt/m\xC3\xBCller/dialer.so");
  entry.dwfOptions |= RASEO_RequireCHAP;
  ASSERT_EQ(
      RasSetEntryPropertiesA(pbk().c_str(), "M\xC3\xBCller VPN", &entry, sizeof entry, nullptr, 0),
      0u);
  RASENTRYW wide;
  wide.dwSize = sizeof wide;
  size = sizeof wide;
  ASSERT_EQ(
      RasGetEntryPropertiesW(pbk_.c_str(), L"M\u00FCller VPN", &wide, &size, nullptr, nullptr), 0u);
  EXPECT_STREQ(wide.szCustomDialDll, L"/opt/m\u00FCller/dialer.so");
  EXPECT_NE(wide.dwfOptions & RASEO_RequireCHAP, 0u);
  RASENTRYA back;
  back.dwSize = sizeof back;
  size = sizeof back;
  ASSERT_EQ(
      RasGetEntryPropertiesA(pbk().c_str(), "m\xC3\xBCller vpn", &back, &size, nullptr, nullptr),
      0u)
      << "ASCII letters match in any case";
  EXPECT_STREQ(back.szCustomDialDll, entry.szCustomDialDll);
  EXPECT_STREQ(back.szLocalPhoneNumber, "+49 30 1234");
  EXPECT_EQ(back.dwfOptions, entry.dwfOptions);
}

TEST_F(EntryAnsi, VersionsAreTheASizes) {
  RASENTRYA entry = defaults();
  entry.dwSize = sizeof(RASENTRYW);
  DWORD size = sizeof entry;
  EXPECT_EQ(RasGetEntryPropertiesA(nullptr, "", &entry, &size, nullptr, nullptr),
            static_cast<DWORD>(ERROR_INVALID_SIZE));
  entry = defaults();
  entry.dwSize = static_cast<DWORD>(rasentry_sizes(false)[2].size);  // WINVER 0x500
  ASSERT_EQ(RasSetEntryPropertiesA(pbk().c_str(), "Old", &entry, entry.dwSize, nullptr, 0), 0u);
  size = entry.dwSize;
  ASSERT_EQ(RasGetEntryPropertiesA(pbk().c_str(), "Old", &entry, &size, nullptr, nullptr), 0u);
  EXPECT_EQ(size, rasentry_sizes(false)[2].size);
}

TEST_F(EntryAnsi, TextThatDoesNotFitInUtf8IsNoUnicodeTranslation) {
  RASENTRYW wide;
  wide.dwSize = sizeof wide;
  DWORD size = sizeof wide;
  ASSERT_EQ(RasGetEntryPropertiesW(nullptr, L"", &wide, &size, nullptr, nullptr), 0u);
  std::wstring euros(RAS_MaxPhoneNumber, L'\u20AC');  // 128 characters, 384 bytes of UTF-8
  std::wcscpy(wide.szLocalPhoneNumber, euros.c_str());
  ASSERT_EQ(RasSetEntryPropertiesW(pbk_.c_str(), L"Euro", &wide, sizeof wide, nullptr, 0), 0u);
  RASENTRYA narrow;
  narrow.dwSize = sizeof narrow;
  size = sizeof narrow;
  EXPECT_EQ(RasGetEntryPropertiesA(pbk().c_str(), "Euro", &narrow, &size, nullptr, nullptr),
            static_cast<DWORD>(ERROR_NO_UNICODE_TRANSLATION));
  RASENTRYA bad = defaults();
  std::strcpy(bad.szLocalPhoneNumber, "\xC3(");
  EXPECT_EQ(RasSetEntryPropertiesA(pbk().c_str(), "Bad", &bad, sizeof bad, nullptr, 0),
            static_cast<DWORD>(ERROR_NO_UNICODE_TRANSLATION));
}

TEST_F(EntryAnsi, AlternatesTravelAsUtf8) {
  RASENTRYA entry = defaults();
  std::vector<char> buffer(sizeof(RASENTRYA) + 32, 0);
  std::memcpy(buffer.data(), &entry, sizeof entry);
  auto* in = reinterpret_cast<RASENTRYA*>(buffer.data());
  in->dwAlternateOffset = sizeof(RASENTRYA);
  std::memcpy(buffer.data() + sizeof(RASENTRYA),
              "1\0\xE2\x82\xAC"
              "2\0",
              7);
  ASSERT_EQ(RasSetEntryPropertiesA(pbk().c_str(), "Alt", in, static_cast<DWORD>(buffer.size()),
                                   nullptr, 0),
            0u);
  DWORD size = 0;
  ASSERT_EQ(RasGetEntryPropertiesA(pbk().c_str(), "Alt", nullptr, &size, nullptr, nullptr),
            static_cast<DWORD>(ERROR_BUFFER_TOO_SMALL));
  EXPECT_EQ(size, sizeof(RASENTRYA) + 8);
  std::vector<char> out(size);
  reinterpret_cast<RASENTRYA*>(out.data())->dwSize = sizeof(RASENTRYA);
  ASSERT_EQ(RasGetEntryPropertiesA(pbk().c_str(), "Alt", reinterpret_cast<RASENTRYA*>(out.data()),
                                   &size, nullptr, nullptr),
            0u);
  EXPECT_EQ(std::memcmp(out.data() + sizeof(RASENTRYA),
                        "1\0\xE2\x82\xAC"
                        "2\0\0",
                        8),
            0);
}

TEST_F(EntryAnsi, NamesEnumerationAndManagement) {
  RASENTRYA entry = defaults();
  ASSERT_EQ(RasSetEntryPropertiesA(pbk().c_str(), "Caf\xC3\xA9", &entry, sizeof entry, nullptr, 0),
            0u);
  EXPECT_EQ(RasValidateEntryNameA(pbk().c_str(), "caf\xC3\xA9"),
            static_cast<DWORD>(ERROR_ALREADY_EXISTS));
  EXPECT_EQ(RasValidateEntryNameA(pbk().c_str(), "a:b"), static_cast<DWORD>(ERROR_INVALID_NAME));
  RASENTRYNAMEA names[2];
  names[0].dwSize = sizeof(RASENTRYNAMEA);
  DWORD size = sizeof names;
  DWORD count = 0;
  ASSERT_EQ(RasEnumEntriesA(nullptr, pbk().c_str(), names, &size, &count), 0u);
  ASSERT_EQ(count, 1u);
  EXPECT_STREQ(names[0].szEntryName, "Caf\xC3\xA9");
  EXPECT_STREQ(names[0].szPhonebookPath, pbk().c_str());
  ASSERT_EQ(RasRenameEntryA(pbk().c_str(), "Caf\xC3\xA9", "Bar"), 0u);
  EXPECT_EQ(RasDeleteEntryA(pbk().c_str(), "Caf\xC3\xA9"), static_cast<DWORD>(ERROR_INVALID_NAME));
  EXPECT_EQ(RasDeleteEntryA(pbk().c_str(), "Bar"), 0u);
}

TEST_F(EntryAnsi, CredentialsAndSubEntries) {
  RASENTRYA entry = defaults();
  std::strcpy(entry.szLocalPhoneNumber, "1");
  ASSERT_EQ(RasSetEntryPropertiesA(pbk().c_str(), "E", &entry, sizeof entry, nullptr, 0), 0u);
  RASDIALPARAMSA params;
  std::memset(&params, 0, sizeof params);
  params.dwSize = sizeof params;
  std::strcpy(params.szEntryName, "E");
  std::strcpy(params.szUserName, "j\xC3\xBCrgen");
  std::strcpy(params.szPassword, "pw");
  ASSERT_EQ(RasSetEntryDialParamsA(pbk().c_str(), &params, FALSE), 0u);
  std::memset(params.szUserName, 0, sizeof params.szUserName);
  BOOL saved = FALSE;
  ASSERT_EQ(RasGetEntryDialParamsA(pbk().c_str(), &params, &saved), 0u);
  EXPECT_TRUE(saved);
  EXPECT_STREQ(params.szUserName, "j\xC3\xBCrgen");
  RASCREDENTIALSA creds;
  std::memset(&creds, 0, sizeof creds);
  creds.dwSize = sizeof creds;
  creds.dwMask = RASCM_UserName | RASCM_Password;
  ASSERT_EQ(RasGetCredentialsA(pbk().c_str(), "E", &creds), 0u);
  EXPECT_STREQ(creds.szPassword, "****************");
  creds.dwMask = RASCM_Domain;
  std::strcpy(creds.szDomain, "CORP");
  ASSERT_EQ(RasSetCredentialsA(pbk().c_str(), "E", &creds, FALSE), 0u);
  RASSUBENTRYA sub;
  sub.dwSize = sizeof sub;
  DWORD size = sizeof sub;
  ASSERT_EQ(RasGetSubEntryPropertiesA(pbk().c_str(), "E", 1, &sub, &size, nullptr, nullptr), 0u);
  EXPECT_STREQ(sub.szLocalPhoneNumber, "1");
  std::strcpy(sub.szLocalPhoneNumber, "2");
  ASSERT_EQ(RasSetSubEntryPropertiesA(pbk().c_str(), "E", 1, &sub, sizeof sub, nullptr, 0), 0u);
  size = sizeof entry;
  ASSERT_EQ(RasGetEntryPropertiesA(pbk().c_str(), "E", &entry, &size, nullptr, nullptr), 0u);
  EXPECT_STREQ(entry.szLocalPhoneNumber, "2");
}

}  // namespace
}  // namespace openras::rasapi
