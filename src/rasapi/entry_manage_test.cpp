// entry_manage_test.cpp: RasEnumEntriesW, RasDeleteEntryW, RasRenameEntryW,
// RasValidateEntryNameW and the sub-entry functions.
#include <gtest/gtest.h>

#include <cstring>

#include "rasapi/entry_structs.h"
#include "test_support.h"

namespace openras::rasapi {
namespace {

using testing::EntryApiTest;

class EntryManage : public EntryApiTest {};

TEST_F(EntryManage, EnumerateSizeQueryAndFill) {
  DWORD size = 0;
  DWORD count = 99;
  EXPECT_EQ(RasEnumEntriesW(nullptr, pbk_.c_str(), nullptr, &size, &count),
            static_cast<DWORD>(ERROR_CANNOT_OPEN_PHONEBOOK));
  EXPECT_EQ(RasEnumEntriesW(nullptr, nullptr, nullptr, &size, &count), 0u) << "no entries anywhere";
  EXPECT_EQ(count, 0u);
  ASSERT_EQ(create(L"One"), 0u);
  ASSERT_EQ(create(L"Two"), 0u);
  size = 0;
  EXPECT_EQ(RasEnumEntriesW(nullptr, pbk_.c_str(), nullptr, &size, &count),
            static_cast<DWORD>(ERROR_BUFFER_TOO_SMALL));
  EXPECT_EQ(size, 2 * sizeof(RASENTRYNAMEW));
  EXPECT_EQ(count, 2u);
  std::vector<RASENTRYNAMEW> names(2);
  names[0].dwSize = sizeof(RASENTRYNAMEW);
  size = sizeof(RASENTRYNAMEW);
  EXPECT_EQ(RasEnumEntriesW(nullptr, pbk_.c_str(), names.data(), &size, &count),
            static_cast<DWORD>(ERROR_BUFFER_TOO_SMALL));
  size = 2 * sizeof(RASENTRYNAMEW);
  ASSERT_EQ(RasEnumEntriesW(nullptr, pbk_.c_str(), names.data(), &size, &count), 0u);
  ASSERT_EQ(count, 2u);
  EXPECT_STREQ(names[0].szEntryName, L"One");
  EXPECT_STREQ(names[1].szEntryName, L"Two");
  EXPECT_EQ(names[1].dwSize, sizeof(RASENTRYNAMEW));
  EXPECT_EQ(names[0].dwFlags, static_cast<DWORD>(REN_User));
  EXPECT_EQ(std::wstring(names[0].szPhonebookPath), pbk_);
}

TEST_F(EntryManage, EnumerateDefaultPhonebooksWithFlagsAndOldStride) {
  RASENTRYW entry = new_entry();
  ASSERT_EQ(RasSetEntryPropertiesW(nullptr, L"Mine", &entry, sizeof entry, nullptr, 0), 0u);
  std::wstring all_users = widen(dir_.path() + "/etc/openras/pbk/rasphone.pbk");
  ASSERT_EQ(RasSetEntryPropertiesW(all_users.c_str(), L"Shared", &entry, sizeof entry, nullptr, 0),
            0u);
  std::vector<RASENTRYNAMEW> names(2);
  names[0].dwSize = sizeof(RASENTRYNAMEW);
  DWORD size = 2 * sizeof(RASENTRYNAMEW);
  DWORD count = 0;
  ASSERT_EQ(RasEnumEntriesW(nullptr, nullptr, names.data(), &size, &count), 0u);
  ASSERT_EQ(count, 2u);
  EXPECT_STREQ(names[0].szEntryName, L"Mine");
  EXPECT_EQ(names[0].dwFlags, static_cast<DWORD>(REN_User));
  EXPECT_STREQ(names[1].szEntryName, L"Shared");
  EXPECT_EQ(names[1].dwFlags, static_cast<DWORD>(REN_AllUsers));
  EXPECT_EQ(std::wstring(names[1].szPhonebookPath), all_users);
  // The path is what a caller passes back (as Windows' RasSetEntryProperties sample does).
  DWORD entry_size = sizeof entry;
  EXPECT_EQ(RasGetEntryPropertiesW(names[1].szPhonebookPath, names[1].szEntryName, &entry,
                                   &entry_size, nullptr, nullptr),
            0u);
  // A WINVER 0x400 caller: an array of the short structure.
  const size_t stride = rasentryname_sizes(true)[0].size;
  std::vector<unsigned char> old(2 * stride, 0xCC);
  reinterpret_cast<RASENTRYNAMEW*>(old.data())->dwSize = static_cast<DWORD>(stride);
  size = static_cast<DWORD>(old.size());
  ASSERT_EQ(RasEnumEntriesW(nullptr, nullptr, reinterpret_cast<RASENTRYNAMEW*>(old.data()), &size,
                            &count),
            0u);
  EXPECT_EQ(size, 2 * stride);
  EXPECT_STREQ(reinterpret_cast<RASENTRYNAMEW*>(old.data() + stride)->szEntryName, L"Shared");
}

TEST_F(EntryManage, EnumerateArgumentErrors) {
  RASENTRYNAMEW name;
  name.dwSize = sizeof name + 1;
  DWORD size = sizeof name;
  DWORD count = 0;
  EXPECT_EQ(RasEnumEntriesW(nullptr, nullptr, &name, &size, &count),
            static_cast<DWORD>(ERROR_INVALID_SIZE));
  name.dwSize = sizeof name;
  EXPECT_EQ(RasEnumEntriesW(nullptr, nullptr, &name, nullptr, &count),
            static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  EXPECT_EQ(RasEnumEntriesW(nullptr, nullptr, &name, &size, nullptr),
            static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  EXPECT_EQ(RasEnumEntriesW(L"reserved", nullptr, &name, &size, &count),
            static_cast<DWORD>(ERROR_INVALID_PARAMETER));
}

TEST_F(EntryManage, DeleteAndItsErrors) {
  ASSERT_EQ(create(L"Gone"), 0u);
  ASSERT_EQ(create(L"Kept"), 0u);
  EXPECT_EQ(RasDeleteEntryW(pbk_.c_str(), L"gone"), 0u);
  EXPECT_EQ(file().find("[Gone]"), std::string::npos);
  EXPECT_NE(file().find("[Kept]"), std::string::npos);
  EXPECT_EQ(RasDeleteEntryW(pbk_.c_str(), L"Gone"), static_cast<DWORD>(ERROR_INVALID_NAME))
      << "as documented";
  EXPECT_EQ(RasDeleteEntryW(pbk_.c_str(), L""), static_cast<DWORD>(ERROR_INVALID_NAME));
  EXPECT_EQ(RasDeleteEntryW(pbk_.c_str(), nullptr), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
}

TEST_F(EntryManage, RenameAndItsErrors) {
  ASSERT_EQ(create(L"Old"), 0u);
  ASSERT_EQ(create(L"Other"), 0u);
  EXPECT_EQ(RasRenameEntryW(pbk_.c_str(), L"Old", L"New: allowed here"), 0u)
      << "RasRenameEntry accepts names the UI would not";
  EXPECT_NE(file().find("[New: allowed here]\n"), std::string::npos);
  EXPECT_EQ(RasRenameEntryW(pbk_.c_str(), L"Old", L"X"),
            static_cast<DWORD>(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY));
  EXPECT_EQ(RasRenameEntryW(pbk_.c_str(), L"Other", L"new: ALLOWED here"),
            static_cast<DWORD>(ERROR_ALREADY_EXISTS));
  EXPECT_EQ(RasRenameEntryW(pbk_.c_str(), L"Other", L" \t "),
            static_cast<DWORD>(ERROR_INVALID_NAME));
  EXPECT_EQ(RasRenameEntryW(pbk_.c_str(), L"Other", L".x"), static_cast<DWORD>(ERROR_INVALID_NAME));
  EXPECT_EQ(RasRenameEntryW(pbk_.c_str(), L"Other", std::wstring(257, L'n').c_str()),
            static_cast<DWORD>(ERROR_INVALID_NAME));
  EXPECT_EQ(RasRenameEntryW(pbk_.c_str(), nullptr, L"x"),
            static_cast<DWORD>(ERROR_INVALID_PARAMETER));
}

TEST_F(EntryManage, ValidateEntryNameRules) {
  EXPECT_EQ(RasValidateEntryNameW(pbk_.c_str(), L"Fine"),
            static_cast<DWORD>(ERROR_CANNOT_OPEN_PHONEBOOK))
      << "the named phone book does not exist";
  ASSERT_EQ(create(L"Taken"), 0u);
  EXPECT_EQ(RasValidateEntryNameW(pbk_.c_str(), L"Fine name 2"), 0u);
  EXPECT_EQ(RasValidateEntryNameW(pbk_.c_str(), L"TAKEN"),
            static_cast<DWORD>(ERROR_ALREADY_EXISTS));
  EXPECT_EQ(RasValidateEntryNameW(nullptr, L"Fine"), 0u);
  EXPECT_EQ(RasValidateEntryNameW(pbk_.c_str(), std::wstring(256, L'n').c_str()), 0u);
  EXPECT_EQ(RasValidateEntryNameW(pbk_.c_str(), L"M\u00FCller \u00C9t\u00E9"), 0u);
  for (const wchar_t* bad : {L"a|b", L"a>b", L"a<b", L"a?b", L"a*b", L"a\\b", L"a/b", L"a:b",
                             L".lead", L"", L"   ", L"---", L"tab\nnewline"}) {
    EXPECT_EQ(RasValidateEntryNameW(pbk_.c_str(), bad), static_cast<DWORD>(ERROR_INVALID_NAME))
        << bad;
  }
  EXPECT_EQ(RasValidateEntryNameW(pbk_.c_str(), std::wstring(257, L'n').c_str()),
            static_cast<DWORD>(ERROR_INVALID_NAME));
  EXPECT_EQ(RasValidateEntryNameW(pbk_.c_str(), nullptr),
            static_cast<DWORD>(ERROR_INVALID_PARAMETER));
}

TEST_F(EntryManage, SubEntryIsTheLinkOfASingleLinkEntry) {
  ASSERT_EQ(create(L"Single", L"123"), 0u);
  DWORD size = 0;
  EXPECT_EQ(RasGetSubEntryPropertiesW(pbk_.c_str(), L"Single", 1, nullptr, &size, nullptr, nullptr),
            static_cast<DWORD>(ERROR_BUFFER_TOO_SMALL));
  EXPECT_EQ(size, sizeof(RASSUBENTRYW));
  RASSUBENTRYW sub;
  sub.dwSize = sizeof sub;
  ASSERT_EQ(RasGetSubEntryPropertiesW(pbk_.c_str(), L"Single", 1, &sub, &size, nullptr, nullptr),
            0u);
  EXPECT_STREQ(sub.szDeviceType, L"modem");
  EXPECT_STREQ(sub.szLocalPhoneNumber, L"123");
  EXPECT_EQ(RasGetSubEntryPropertiesW(pbk_.c_str(), L"Single", 2, &sub, &size, nullptr, nullptr),
            static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  EXPECT_EQ(RasGetSubEntryPropertiesW(pbk_.c_str(), L"Single", 0, &sub, &size, nullptr, nullptr),
            static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  std::wcscpy(sub.szLocalPhoneNumber, L"456");
  std::wcscpy(sub.szDeviceName, L"ttyUSB0");
  ASSERT_EQ(RasSetSubEntryPropertiesW(pbk_.c_str(), L"Single", 1, &sub, sizeof sub, nullptr, 0),
            0u);
  RASENTRYW entry;
  entry.dwSize = sizeof entry;
  size = sizeof entry;
  ASSERT_EQ(RasGetEntryPropertiesW(pbk_.c_str(), L"Single", &entry, &size, nullptr, nullptr), 0u);
  EXPECT_STREQ(entry.szLocalPhoneNumber, L"456");
  EXPECT_STREQ(entry.szDeviceName, L"ttyUSB0");
  EXPECT_EQ(RasSetSubEntryPropertiesW(pbk_.c_str(), L"Single", 2, &sub, sizeof sub, nullptr, 0),
            static_cast<DWORD>(ERROR_NOT_SUPPORTED))
      << "no multilink";
  EXPECT_EQ(RasSetSubEntryPropertiesW(pbk_.c_str(), L"None", 1, &sub, sizeof sub, nullptr, 0),
            static_cast<DWORD>(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY));
  sub.dwSize = 4;
  EXPECT_EQ(RasGetSubEntryPropertiesW(pbk_.c_str(), L"Single", 1, &sub, &size, nullptr, nullptr),
            static_cast<DWORD>(ERROR_INVALID_SIZE));
  EXPECT_EQ(RasSetSubEntryPropertiesW(pbk_.c_str(), L"Single", 1, &sub, sizeof sub, nullptr, 0),
            static_cast<DWORD>(ERROR_INVALID_SIZE));
}

}  // namespace
}  // namespace openras::rasapi
