// entry_properties_test.cpp: RasGet/SetEntryPropertiesW: buffer conventions, versions,
// validation and the field-for-field round trip.
#include <gtest/gtest.h>

#include <cstring>

#include "phonebook/field_codec.h"
#include "rasapi/entry_structs.h"
#include "test_support.h"

namespace openras::rasapi {
namespace {

using phonebook::FieldKind;
using phonebook::FieldSpec;
using testing::EntryApiTest;

class EntryProperties : public EntryApiTest {};

std::vector<std::wstring> alternates_of(const RASENTRYW* entry) {
  std::vector<std::wstring> out;
  if (!entry->dwAlternateOffset) return out;
  const auto* p = reinterpret_cast<const wchar_t*>(reinterpret_cast<const char*>(entry) +
                                                   entry->dwAlternateOffset);
  while (*p) {
    out.emplace_back(p);
    p += out.back().size() + 1;
  }
  return out;
}

// An entry with every stored member set to something other than its default.
RASENTRYW unusual_entry() {
  RASENTRYW e = phonebook::default_rasentry();
  for (const FieldSpec& row : phonebook::entry_schema()) {
    auto* member = reinterpret_cast<unsigned char*>(&e) + row.offset_w;
    if (row.kind == FieldKind::kString) {
      std::wstring text = L"\u00E9" + std::wstring(row.key.begin(), row.key.end());
      (void)phonebook::set_string_member(e, row, text.substr(0, row.capacity() - 1));
    } else if (row.kind == FieldKind::kDword) {
      uint32_t v = static_cast<uint32_t>(row.offset_w) + 3;
      std::memcpy(member, &v, 4);
    } else if (row.kind == FieldKind::kIpv4 || row.kind == FieldKind::kIpv6 ||
               row.kind == FieldKind::kGuid) {
      for (size_t i = 0; i < row.size_w; ++i)
        member[i] = static_cast<unsigned char>(row.offset_w + i);
    }
  }
  e.dwType = RASET_Vpn;
  e.dwFramingProtocol = RASFP_Ppp;
  e.dwfOptions = 0xDEADBEEF;
  e.dwfOptions2 = 0x87654321;
  return e;
}

TEST_F(EntryProperties, SizeQueryWithNullBufferGivesTheNewestSize) {
  DWORD size = 0;
  EXPECT_EQ(RasGetEntryPropertiesW(nullptr, L"", nullptr, &size, nullptr, nullptr),
            static_cast<DWORD>(ERROR_BUFFER_TOO_SMALL));
  EXPECT_EQ(size, sizeof(RASENTRYW));
  DWORD device_size = 77;
  RASENTRYW entry = new_entry();
  size = sizeof entry;
  EXPECT_EQ(RasGetEntryPropertiesW(nullptr, L"", &entry, &size, nullptr, &device_size), 0u);
  EXPECT_EQ(device_size, 0u) << "no TAPI device information";
  EXPECT_STREQ(entry.szDeviceType, L"modem");
  EXPECT_EQ(entry.dwType, static_cast<DWORD>(RASET_Phone));
  EXPECT_EQ(entry.dwFramingProtocol, static_cast<DWORD>(RASFP_Ppp));
  EXPECT_EQ(entry.dwAlternateOffset, 0u);
  EXPECT_EQ(entry.dwSubEntries, 1u);
  EXPECT_EQ(entry.dwfNetProtocols, static_cast<DWORD>(RASNP_Ip | RASNP_Ipv6));
}

TEST_F(EntryProperties, EveryFieldReadsBackAsSet) {
  RASENTRYW written = unusual_entry();
  std::vector<std::wstring> alternates = {L"111", L"222 \u00E9"};
  std::vector<unsigned char> buffer(sizeof(RASENTRYW) + 64);
  std::memcpy(buffer.data(), &written, sizeof written);
  auto* in = reinterpret_cast<RASENTRYW*>(buffer.data());
  in->dwAlternateOffset = sizeof(RASENTRYW);
  write_alternates(buffer.data(), sizeof(RASENTRYW), alternates);
  ASSERT_EQ(RasSetEntryPropertiesW(pbk_.c_str(), L"Everything", in,
                                   static_cast<DWORD>(buffer.size()), nullptr, 0),
            0u);

  DWORD size = 0;
  ASSERT_EQ(RasGetEntryPropertiesW(pbk_.c_str(), L"Everything", nullptr, &size, nullptr, nullptr),
            static_cast<DWORD>(ERROR_BUFFER_TOO_SMALL));
  EXPECT_EQ(size, sizeof(RASENTRYW) + alternates_size(alternates));
  std::vector<unsigned char> out(size);
  auto* read = reinterpret_cast<RASENTRYW*>(out.data());
  read->dwSize = sizeof(RASENTRYW);
  ASSERT_EQ(RasGetEntryPropertiesW(pbk_.c_str(), L"Everything", read, &size, nullptr, nullptr), 0u);
  for (const FieldSpec& row : phonebook::entry_schema()) {
    EXPECT_TRUE(phonebook::field_equal(row, *read, written))
        << row.member << " (key " << row.key << ")";
  }
  EXPECT_EQ(read->dwfOptions, 0xDEADBEEFu);
  EXPECT_EQ(read->dwfOptions2, 0x87654321u);
  EXPECT_EQ(alternates_of(read), alternates);
  EXPECT_EQ(read->dwAlternateOffset, sizeof(RASENTRYW));
}

TEST_F(EntryProperties, ShortBufferGetsTheSizeWithTheAlternates) {
  std::vector<unsigned char> buffer(sizeof(RASENTRYW) + 32, 0);
  RASENTRYW entry = new_entry();
  std::memcpy(buffer.data(), &entry, sizeof entry);
  auto* in = reinterpret_cast<RASENTRYW*>(buffer.data());
  in->dwAlternateOffset = sizeof(RASENTRYW);
  write_alternates(buffer.data(), sizeof(RASENTRYW), {L"9"});
  ASSERT_EQ(RasSetEntryPropertiesW(pbk_.c_str(), L"Alt", in, static_cast<DWORD>(buffer.size()),
                                   nullptr, 0),
            0u);
  RASENTRYW out;
  out.dwSize = sizeof out;
  DWORD size = sizeof out;
  EXPECT_EQ(RasGetEntryPropertiesW(pbk_.c_str(), L"Alt", &out, &size, nullptr, nullptr),
            static_cast<DWORD>(ERROR_BUFFER_TOO_SMALL));
  EXPECT_EQ(size, sizeof(RASENTRYW) + 3 * sizeof(WCHAR))
      << "\"9\", its NUL and the list's closing NUL";
}

TEST_F(EntryProperties, WrongSizesAreInvalidSize) {
  RASENTRYW entry = new_entry();
  for (DWORD size : {0u, 4u, static_cast<DWORD>(sizeof(RASENTRYW) - 4),
                     static_cast<DWORD>(sizeof(RASENTRYW) + 4),
                     3468u /* Windows x64's 0x400 size, not ours */}) {
    entry.dwSize = size;
    DWORD buffer = sizeof entry;
    EXPECT_EQ(RasGetEntryPropertiesW(nullptr, L"", &entry, &buffer, nullptr, nullptr),
              static_cast<DWORD>(ERROR_INVALID_SIZE))
        << size;
    EXPECT_EQ(RasSetEntryPropertiesW(pbk_.c_str(), L"X", &entry, sizeof entry, nullptr, 0),
              static_cast<DWORD>(ERROR_INVALID_SIZE))
        << size;
  }
}

TEST_F(EntryProperties, EveryVersionOfOurAbiIsAccepted) {
  ASSERT_EQ(create(L"V"), 0u);
  for (const StructVersion& version : rasentry_sizes(true)) {
    SCOPED_TRACE(version.winver);
    std::vector<unsigned char> buffer(sizeof(RASENTRYW), 0xCC);
    auto* entry = reinterpret_cast<RASENTRYW*>(buffer.data());
    entry->dwSize = static_cast<DWORD>(version.size);
    DWORD size = static_cast<DWORD>(buffer.size());
    ASSERT_EQ(RasGetEntryPropertiesW(pbk_.c_str(), L"V", entry, &size, nullptr, nullptr), 0u);
    EXPECT_EQ(size, version.size);
    for (size_t i = version.size; i < buffer.size(); ++i)
      ASSERT_EQ(buffer[i], 0xCC) << "wrote past dwSize at " << i;
    std::wcscpy(entry->szLocalPhoneNumber, std::to_wstring(version.winver).c_str());
    ASSERT_EQ(RasSetEntryPropertiesW(pbk_.c_str(), L"V", entry, static_cast<DWORD>(version.size),
                                     nullptr, 0),
              0u);
  }
  // A 0x400 caller cannot see or change what later versions added.
  RASENTRYW full = new_entry();
  std::wcscpy(full.szCustomDialDll, L"/usr/lib/openras/x.so");
  full.dwfOptions2 = RASEO2_Internet;
  ASSERT_EQ(RasSetEntryPropertiesW(pbk_.c_str(), L"V", &full, sizeof full, nullptr, 0), 0u);
  std::vector<unsigned char> old(rasentry_sizes(true)[0].size);
  auto* v400 = reinterpret_cast<RASENTRYW*>(old.data());
  v400->dwSize = static_cast<DWORD>(old.size());
  DWORD size = static_cast<DWORD>(old.size());
  ASSERT_EQ(RasGetEntryPropertiesW(pbk_.c_str(), L"V", v400, &size, nullptr, nullptr), 0u);
  std::wcscpy(v400->szAreaCode, L"30");
  ASSERT_EQ(RasSetEntryPropertiesW(pbk_.c_str(), L"V", v400, size, nullptr, 0), 0u);
  RASENTRYW after = new_entry();
  size = sizeof after;
  ASSERT_EQ(RasGetEntryPropertiesW(pbk_.c_str(), L"V", &after, &size, nullptr, nullptr), 0u);
  EXPECT_STREQ(after.szAreaCode, L"30");
  EXPECT_STREQ(after.szCustomDialDll, L"/usr/lib/openras/x.so");
  EXPECT_EQ(after.dwfOptions2, static_cast<DWORD>(RASEO2_Internet));
}

TEST_F(EntryProperties, ArgumentErrors) {
  RASENTRYW entry = new_entry();
  DWORD size = sizeof entry;
  EXPECT_EQ(RasGetEntryPropertiesW(nullptr, L"", &entry, nullptr, nullptr, nullptr),
            static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  EXPECT_EQ(RasGetEntryPropertiesW(nullptr, nullptr, &entry, &size, nullptr, nullptr),
            static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  EXPECT_EQ(RasSetEntryPropertiesW(pbk_.c_str(), nullptr, &entry, size, nullptr, 0),
            static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  EXPECT_EQ(RasSetEntryPropertiesW(pbk_.c_str(), L"X", nullptr, size, nullptr, 0),
            static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  EXPECT_EQ(RasGetEntryPropertiesW(pbk_.c_str(), L"Missing", &entry, &size, nullptr, nullptr),
            static_cast<DWORD>(ERROR_CANNOT_OPEN_PHONEBOOK))
      << "a named phone book that does not exist";
  ASSERT_EQ(create(L"Present"), 0u);
  EXPECT_EQ(RasGetEntryPropertiesW(pbk_.c_str(), L"Missing", &entry, &size, nullptr, nullptr),
            static_cast<DWORD>(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY));
  EXPECT_EQ(RasGetEntryPropertiesW(nullptr, L"Missing", &entry, &size, nullptr, nullptr),
            static_cast<DWORD>(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY));
}

TEST_F(EntryProperties, SetRejectsWhatWindowsRejects) {
  auto set = [&](RASENTRYW entry, const wchar_t* name = L"X", DWORD size = sizeof(RASENTRYW)) {
    return RasSetEntryPropertiesW(pbk_.c_str(), name, &entry, size, nullptr, 0);
  };
  RASENTRYW e = new_entry();
  e.szDeviceType[0] = L'\0';
  EXPECT_EQ(set(e), static_cast<DWORD>(ERROR_INVALID_PARAMETER)) << "no device type";
  e = new_entry();
  e.dwFramingProtocol = 9;
  EXPECT_EQ(set(e), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  e = new_entry();
  e.dwType = 0;
  EXPECT_EQ(set(e), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  e = new_entry();
  std::wmemset(e.szAreaCode, L'1', RAS_MaxAreaCode + 1);
  EXPECT_EQ(set(e), static_cast<DWORD>(ERROR_INVALID_PARAMETER)) << "string without its NUL";
  e = new_entry(L"line\nbreak");
  EXPECT_EQ(set(e), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  e = new_entry();
  EXPECT_EQ(set(e, L"X", sizeof(RASENTRYW) - 1), static_cast<DWORD>(ERROR_BUFFER_INVALID));
  e.dwAlternateOffset = sizeof(RASENTRYW);
  EXPECT_EQ(set(e), static_cast<DWORD>(ERROR_BUFFER_INVALID))
      << "the list would start past the buffer";
  e.dwAlternateOffset = 8;
  EXPECT_EQ(set(e), static_cast<DWORD>(ERROR_BUFFER_INVALID)) << "inside the structure";
  e = new_entry();
  EXPECT_EQ(set(e, L""), static_cast<DWORD>(ERROR_INVALID_NAME));
  EXPECT_EQ(set(e, L".dot"), static_cast<DWORD>(ERROR_INVALID_NAME));
  EXPECT_EQ(set(e, L"a\nb"), static_cast<DWORD>(ERROR_INVALID_NAME));
  EXPECT_EQ(file(), "") << "nothing was written";
  std::vector<unsigned char> unterminated(sizeof(RASENTRYW) + 8, 0x41);
  std::memcpy(unterminated.data(), &e, sizeof e);
  reinterpret_cast<RASENTRYW*>(unterminated.data())->dwAlternateOffset = sizeof(RASENTRYW);
  EXPECT_EQ(
      RasSetEntryPropertiesW(pbk_.c_str(), L"X", reinterpret_cast<RASENTRYW*>(unterminated.data()),
                             static_cast<DWORD>(unterminated.size()), nullptr, 0),
      static_cast<DWORD>(ERROR_BUFFER_INVALID));
}

TEST_F(EntryProperties, FileHoldsCustomRasDialDllInTheEntrysSection) {
  RASENTRYW entry = new_entry();
  std::wcscpy(entry.szCustomDialDll, L"/usr/lib/openras/dialers/acme.so");
  ASSERT_EQ(RasSetEntryPropertiesW(pbk_.c_str(), L"Acme", &entry, sizeof entry, nullptr, 0), 0u);
  EXPECT_NE(file().find("[Acme]\nEncoding=1\n"), std::string::npos);
  EXPECT_NE(file().find("\nCustomRasDialDll=/usr/lib/openras/dialers/acme.so\n"),
            std::string::npos);
}

}  // namespace
}  // namespace openras::rasapi
