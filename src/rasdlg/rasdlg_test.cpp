// rasdlg_test.cpp: the built-in RAS dialogs driven through the scripted renderer, in a
// private root (OPENRAS_ROOT) with a phone book of their own. Dials here reach no rasmand
// (the root has none), so they fail with 711 and show the error with Redial; the dial
// that connects is tests/e2e/rasphone_scripted.sh's, on a test device.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstring>
#include <string>
#include <vector>

#include "dialog/test_support.h"
#include "ras.h"
#include "rasdlg.h"
#include "rasdlg/resource.h"
#include "raserror.h"
#include "support.h"

namespace {

using openras::dialog::testing::ScriptedTest;

class RasDlgTest : public ScriptedTest {
 protected:
  void SetUp() override {
    ScriptedTest::SetUp();
    ::setenv("OPENRAS_ROOT", dir_.path().c_str(), 1);
    std::string ascii = dir_.file("test.pbk");
    pbk_.assign(ascii.begin(), ascii.end());
  }
  void TearDown() override {
    ::unsetenv("OPENRAS_ROOT");
    ScriptedTest::TearDown();
  }
  DWORD create(const wchar_t* name, const wchar_t* number) {
    RASENTRYW entry;
    std::memset(&entry, 0, sizeof entry);
    entry.dwSize = sizeof entry;
    DWORD size = sizeof entry;
    EXPECT_EQ(RasGetEntryPropertiesW(nullptr, L"", &entry, &size, nullptr, nullptr), 0u);
    std::wcscpy(entry.szLocalPhoneNumber, number);
    return RasSetEntryPropertiesW(pbk_.c_str(), name, &entry, sizeof entry, nullptr, 0);
  }
  // The entry's properties and its alternates.
  RASENTRYW read(const wchar_t* name, std::vector<std::wstring>* alternates = nullptr) {
    std::vector<unsigned char> buffer(sizeof(RASENTRYW) + 4096);
    auto* e = reinterpret_cast<RASENTRYW*>(buffer.data());
    e->dwSize = sizeof(RASENTRYW);
    DWORD size = static_cast<DWORD>(buffer.size());
    EXPECT_EQ(RasGetEntryPropertiesW(pbk_.c_str(), name, e, &size, nullptr, nullptr), 0u);
    if (alternates && e->dwAlternateOffset) {
      for (auto* p = reinterpret_cast<const wchar_t*>(buffer.data() + e->dwAlternateOffset); *p;
           p += std::wcslen(p) + 1) {
        alternates->push_back(p);
      }
    }
    return *e;
  }
  BOOL entry_dlg(const wchar_t* name, DWORD flags, RASENTRYDLGW* info) {
    std::memset(info, 0, sizeof *info);
    info->dwSize = sizeof *info;
    info->dwFlags = flags;
    std::wstring n = name ? name : L"";
    return RasEntryDlgW(pbk_.data(), name ? n.data() : nullptr, info);
  }
  openras::testing::TempDir dir_;
  std::wstring pbk_;
};

TEST_F(RasDlgTest, NewEntryDialogCreatesTheEntryWithEveryField) {
  use_script(
      "set 1101 Office\nset 1103 5550100\nset 1104 5550101, 5550102\n"
      "check 1105\nset 1107 /opt/dialers/x.so\nset 1108 3\nset 1109 20\n"
      "check 1110\nset 1111 10.0.0.7\nset 1112 10.0.0.1\ncheck 1113\npress IDOK\n");
  RASENTRYDLGW info;
  ASSERT_TRUE(entry_dlg(nullptr, RASEDFLAG_NewEntry, &info)) << record();
  EXPECT_EQ(info.dwError, 0u);
  EXPECT_STREQ(info.szEntry, L"Office");
  std::vector<std::wstring> alternates;
  RASENTRYW e = read(L"Office", &alternates);
  EXPECT_STREQ(e.szLocalPhoneNumber, L"5550100");
  EXPECT_EQ(alternates, (std::vector<std::wstring>{L"5550101", L"5550102"}));
  EXPECT_TRUE(e.dwfOptions & RASEO_PreviewUserPw);
  EXPECT_STREQ(e.szCustomDialDll, L"/opt/dialers/x.so");
  EXPECT_EQ(e.dwRedialCount, 3u);
  EXPECT_EQ(e.dwRedialPause, 20u);
  EXPECT_TRUE(e.dwfOptions & RASEO_SpecificIpAddr);
  EXPECT_EQ(e.ipaddr.a, 10);
  EXPECT_EQ(e.ipaddr.d, 7);
  EXPECT_TRUE(e.dwfOptions & RASEO_SpecificNameServers);
  EXPECT_EQ(e.ipaddrDns.d, 1);
  EXPECT_TRUE(e.dwfOptions & RASEO_RemoteDefaultGateway);
  EXPECT_NE(record().find("dialog \"New connection\""), std::string::npos) << record();
}

TEST_F(RasDlgTest, EntryDialogRefusesADuplicateNameAndABadAddressAndStaysOpen) {
  ASSERT_EQ(create(L"Office", L"1"), 0u);
  // The transcript shows each dialog as it closes: when the script runs out (a cancel).
  use_script("set 1101 Office\npress IDOK\n");
  RASENTRYDLGW info;
  EXPECT_FALSE(entry_dlg(nullptr, RASEDFLAG_NewEntry, &info));
  EXPECT_EQ(info.dwError, 0u);
  EXPECT_NE(record().find("\"An entry named \"Office\" already exists"), std::string::npos)
      << record();
  use_script("set 1101 Home\nset 1111 10.0.0\npress IDOK\n");
  EXPECT_FALSE(entry_dlg(nullptr, RASEDFLAG_NewEntry, &info));
  EXPECT_NE(record().find("The IP address \"10.0.0\" is not a.b.c.d."), std::string::npos)
      << record();
  DWORD size = 0;
  EXPECT_EQ(RasGetEntryPropertiesW(pbk_.c_str(), L"Home", nullptr, &size, nullptr, nullptr),
            static_cast<DWORD>(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY));
}

TEST_F(RasDlgTest, EditRenamesAndChangesTheNumberAndCloneCopies) {
  ASSERT_EQ(create(L"Office", L"1"), 0u);
  use_script("set 1101 Work\nset 1103 777\npress IDOK\n");
  RASENTRYDLGW info;
  ASSERT_TRUE(entry_dlg(L"Office", 0, &info)) << record();
  EXPECT_STREQ(info.szEntry, L"Work");
  EXPECT_STREQ(read(L"Work").szLocalPhoneNumber, L"777");
  use_script("press IDOK\n");
  ASSERT_TRUE(entry_dlg(L"Work", RASEDFLAG_CloneEntry, &info)) << record();
  EXPECT_STREQ(info.szEntry, L"Copy of Work");
  EXPECT_STREQ(read(L"Copy of Work").szLocalPhoneNumber, L"777");
  EXPECT_STREQ(read(L"Work").szLocalPhoneNumber, L"777");
}

TEST_F(RasDlgTest, EscapeCancelsTheEntryDialogWithDwErrorZero) {
  ASSERT_EQ(create(L"Other", L"1"), 0u);
  use_script("set 1101 Never\nkey Escape\n");
  RASENTRYDLGW info;
  EXPECT_FALSE(entry_dlg(nullptr, RASEDFLAG_NewEntry, &info));
  EXPECT_EQ(info.dwError, 0u);
  DWORD size = 0;
  EXPECT_EQ(RasGetEntryPropertiesW(pbk_.c_str(), L"Never", nullptr, &size, nullptr, nullptr),
            static_cast<DWORD>(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY));
}

TEST_F(RasDlgTest, EntryDialogAFormReturnsTheNameInUtf8) {
  use_script("set 1101 Büro\nset 1103 5\npress IDOK\n");
  RASENTRYDLGA info;
  std::memset(&info, 0, sizeof info);
  info.dwSize = sizeof info;
  info.dwFlags = RASEDFLAG_NewEntry;
  std::string pbk(pbk_.begin(), pbk_.end());
  ASSERT_TRUE(RasEntryDlgA(pbk.data(), nullptr, &info)) << record();
  EXPECT_STREQ(info.szEntry, "Büro");
}

TEST_F(RasDlgTest, DialDialogShowsTheErrorWithRedialAndCancelReturnsIt) {
  ASSERT_EQ(create(L"Office", L"5550100"), 0u);
  // No rasmand in this root: the dial fails (711) and the dialog stays open with Redial.
  use_script("set 1001 alice\nset 1002 secret\npress IDOK\npress IDCANCEL\n");
  RASDIALDLG info{};
  info.dwSize = sizeof info;
  std::wstring entry = L"Office";
  EXPECT_FALSE(RasDialDlgW(pbk_.data(), entry.data(), nullptr, &info));
  EXPECT_EQ(info.dwError, static_cast<DWORD>(ERROR_RASMAN_CANNOT_INITIALIZE)) << record();
  EXPECT_NE(record().find("Error 711"), std::string::npos) << record();
  EXPECT_NE(record().find("Redial"), std::string::npos) << record();
  EXPECT_NE(record().find("5550100"), std::string::npos) << record();
  // The user name was remembered for next time, the password was not (Save unticked).
  RASDIALPARAMSW params{};
  params.dwSize = sizeof params;
  std::wcscpy(params.szEntryName, L"Office");
  BOOL has_password = TRUE;
  ASSERT_EQ(RasGetEntryDialParamsW(pbk_.c_str(), &params, &has_password), 0u);
  EXPECT_STREQ(params.szUserName, L"alice");
  EXPECT_FALSE(has_password);
}

TEST_F(RasDlgTest, WithoutPromptTheDialDialogDialsAtOnce) {
  ASSERT_EQ(create(L"Office", L"5550100"), 0u);
  RASENTRYW e = read(L"Office");
  e.dwfOptions &= ~static_cast<DWORD>(RASEO_PreviewUserPw);
  ASSERT_EQ(RasSetEntryPropertiesW(pbk_.c_str(), L"Office", &e, sizeof e, nullptr, 0), 0u);
  // Nothing typed, nothing pressed: the dial starts by itself (and fails: no rasmand).
  use_script("press IDCANCEL\n");
  RASDIALDLG info{};
  info.dwSize = sizeof info;
  std::wstring entry = L"Office";
  EXPECT_FALSE(RasDialDlgW(pbk_.data(), entry.data(), nullptr, &info));
  EXPECT_EQ(info.dwError, static_cast<DWORD>(ERROR_RASMAN_CANNOT_INITIALIZE)) << record();
}

std::vector<std::pair<DWORD, std::string>> g_ansi_events;
VOID WINAPI record_ansi_event(ULONG_PTR id, DWORD event, LPSTR text, LPVOID) {
  EXPECT_EQ(id, 7u);
  g_ansi_events.emplace_back(event, text ? text : "");
}

TEST_F(RasDlgTest, PhonebookDialogAFormCallsBackInUtf8) {
  g_ansi_events.clear();
  use_script("press 1204\nset 1101 Grüße\nset 1103 9\npress IDOK\nkey Escape\n");
  RASPBDLGA info{};
  info.dwSize = sizeof info;
  info.dwCallbackId = 7;
  info.pCallback = record_ansi_event;
  std::string pbk(pbk_.begin(), pbk_.end());
  EXPECT_FALSE(RasPhonebookDlgA(pbk.data(), nullptr, &info)) << record();
  EXPECT_EQ(info.dwError, 0u);
  ASSERT_EQ(g_ansi_events.size(), 1u) << record();
  EXPECT_EQ(g_ansi_events[0],
            std::make_pair(static_cast<DWORD>(RASPBDEVENT_AddEntry), std::string("Grüße")));
}

TEST_F(RasDlgTest, DialDialogCancelledAtOnceReturnsFalseWithDwErrorZero) {
  ASSERT_EQ(create(L"Office", L"5550100"), 0u);
  use_script("key Escape\n");
  RASDIALDLG info{};
  info.dwSize = sizeof info;
  std::wstring entry = L"Office";
  EXPECT_FALSE(RasDialDlgW(pbk_.data(), entry.data(), nullptr, &info));
  EXPECT_EQ(info.dwError, 0u);
}

TEST_F(RasDlgTest, DialDialogForAMissingEntrySaysSo) {
  ASSERT_EQ(create(L"Other", L"1"), 0u);
  use_script("");
  RASDIALDLG info{};
  info.dwSize = sizeof info;
  std::wstring entry = L"Nowhere";
  EXPECT_FALSE(RasDialDlgW(pbk_.data(), entry.data(), nullptr, &info));
  EXPECT_EQ(info.dwError, static_cast<DWORD>(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY));
}

std::vector<std::pair<DWORD, std::wstring>> g_events;
VOID WINAPI record_event(ULONG_PTR id, DWORD event, LPWSTR text, LPVOID) {
  EXPECT_EQ(id, 42u);
  g_events.emplace_back(event, text ? text : L"");
}

TEST_F(RasDlgTest, PhonebookDialogListsCreatesEditsAndDeletes) {
  ASSERT_EQ(create(L"Alpha", L"1"), 0u);
  ASSERT_EQ(create(L"Beta", L"2"), 0u);
  g_events.clear();
  // New (the entry dialog over the phone book), then delete Beta (a message box: Yes).
  use_script(
      "press 1204\nset 1101 Gamma\nset 1103 3\npress IDOK\n"
      "choose 1201 Beta\npress 1206\npress IDYES\nkey Escape\n");
  RASPBDLGW info{};
  info.dwSize = sizeof info;
  info.dwCallbackId = 42;
  info.pCallback = record_event;
  EXPECT_FALSE(RasPhonebookDlgW(pbk_.data(), nullptr, &info)) << record();
  EXPECT_EQ(info.dwError, 0u);
  EXPECT_NE(record().find("Alpha"), std::string::npos) << record();
  EXPECT_NE(record().find("Beta"), std::string::npos) << record();
  ASSERT_EQ(g_events.size(), 2u) << record();
  EXPECT_EQ(g_events[0],
            std::make_pair(static_cast<DWORD>(RASPBDEVENT_AddEntry), std::wstring(L"Gamma")));
  EXPECT_EQ(g_events[1],
            std::make_pair(static_cast<DWORD>(RASPBDEVENT_RemoveEntry), std::wstring(L"Beta")));
  EXPECT_STREQ(read(L"Gamma").szLocalPhoneNumber, L"3");
  DWORD size = 0;
  EXPECT_EQ(RasGetEntryPropertiesW(pbk_.c_str(), L"Beta", nullptr, &size, nullptr, nullptr),
            static_cast<DWORD>(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY));
}

TEST_F(RasDlgTest, PhonebookDialogShowsStatusAndRefusesBadSizes) {
  ASSERT_EQ(create(L"Alpha", L"1"), 0u);
  use_script("key Escape\n");
  RASPBDLGW info{};
  info.dwSize = sizeof info;
  std::wstring select = L"Alpha";
  EXPECT_FALSE(RasPhonebookDlgW(pbk_.data(), select.data(), &info));
  EXPECT_NE(record().find("Alpha: disconnected"), std::string::npos) << record();
  info.dwSize = 3;
  EXPECT_FALSE(RasPhonebookDlgW(pbk_.data(), nullptr, &info));
  EXPECT_EQ(info.dwError, static_cast<DWORD>(ERROR_INVALID_SIZE));
  RASPBDLGA ansi{};
  ansi.dwSize = 5;
  EXPECT_FALSE(RasPhonebookDlgA(nullptr, nullptr, &ansi));
  EXPECT_EQ(ansi.dwError, static_cast<DWORD>(ERROR_INVALID_SIZE));
}

TEST_F(RasDlgTest, WithoutARendererTheDialogsFailWithNotSupported) {
  ASSERT_EQ(create(L"Alpha", L"1"), 0u);
  openras::dialog::set_renderer(nullptr);
  RASENTRYDLGW info;
  EXPECT_FALSE(entry_dlg(L"Alpha", 0, &info));
  EXPECT_EQ(info.dwError, static_cast<DWORD>(ERROR_NOT_SUPPORTED));
  RASPBDLGW pb{};
  pb.dwSize = sizeof pb;
  EXPECT_FALSE(RasPhonebookDlgW(pbk_.data(), nullptr, &pb));
  EXPECT_EQ(pb.dwError, static_cast<DWORD>(ERROR_NOT_SUPPORTED));
}

}  // namespace
