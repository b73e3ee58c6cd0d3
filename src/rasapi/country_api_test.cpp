// country_api_test.cpp: RasGetCountryInfoW/A as callers use them: the walk from id 1
// through dwNextCountryID, Windows' TAPI ids where Windows gives them (docs/devices.md
// "Countries"), the name after the structure, and the buffer and argument errors.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/utf.h"
#include "ras.h"
#include "raserror.h"

namespace {

struct Row {
  DWORD code = 0;
  DWORD next = 0;
  std::wstring name;
};

// One call as a caller makes it, with a buffer of `size` bytes (the advised 256 by default,
// aligned for the WCHAR name).
template <class Char>
DWORD query(DWORD id, Row* row, DWORD* size_out = nullptr, DWORD size = 256) {
  alignas(RASCTRYINFO) unsigned char buffer[1024] = {};
  auto* info = reinterpret_cast<RASCTRYINFO*>(buffer);
  info->dwSize = sizeof(RASCTRYINFO);
  info->dwCountryID = id;
  DWORD rc = 0;
  if constexpr (sizeof(Char) == 1) {
    rc = RasGetCountryInfoA(info, &size);
  } else {
    rc = RasGetCountryInfoW(info, &size);
  }
  if (size_out) *size_out = size;
  if (rc != ERROR_SUCCESS || !row) return rc;
  EXPECT_EQ(info->dwCountryID, id) << "dwCountryID is the caller's";
  EXPECT_EQ(info->dwCountryNameOffset, sizeof(RASCTRYINFO)) << id;
  const auto* name = reinterpret_cast<const Char*>(buffer + info->dwCountryNameOffset);
  size_t length = 0;
  while (name[length] != 0) ++length;
  EXPECT_EQ(size, sizeof(RASCTRYINFO) + (length + 1) * sizeof(Char)) << "*lpdwSize: " << id;
  row->code = info->dwCountryCode;
  row->next = info->dwNextCountryID;
  if constexpr (sizeof(Char) == 1) {
    auto wide = openras::utf8_to_wide(std::string_view(name, length));
    EXPECT_TRUE(wide) << "the A name is UTF-8: " << id;
    row->name = wide ? *wide : L"";
  } else {
    row->name.assign(name, length);
  }
  return rc;
}

// The whole list, walked as Windows documents: id 1, then each dwNextCountryID until 0.
template <class Char>
std::vector<std::pair<DWORD, Row>> walk() {
  std::vector<std::pair<DWORD, Row>> out;
  for (DWORD id = 1; id != 0;) {
    Row row;
    EXPECT_EQ(query<Char>(id, &row), static_cast<DWORD>(ERROR_SUCCESS)) << "id " << id;
    if (::testing::Test::HasFailure() || out.size() > 5000) break;  // no endless loop
    out.emplace_back(id, row);
    id = row.next;
  }
  return out;
}

Row lookup(DWORD id) {
  Row row;
  EXPECT_EQ(query<WCHAR>(id, &row), static_cast<DWORD>(ERROR_SUCCESS)) << "id " << id;
  return row;
}

TEST(CountryInfo, TheWalkFromOneReachesEveryCountryOnceAndEnds) {
  auto list = walk<WCHAR>();
  ASSERT_FALSE(HasFailure());
  std::set<DWORD> seen;
  for (const auto& [id, row] : list) {
    EXPECT_TRUE(seen.insert(id).second) << "id " << id << " is linked twice";
    EXPECT_FALSE(row.name.empty()) << "id " << id;
    EXPECT_GT(row.code, 0u) << "id " << id;
    EXPECT_LT(row.code, 1000u) << "calling codes have 1 to 3 digits: id " << id;
  }
  // libphonenumber's ~245 regions and non-geographic codes, plus Windows' own rows.
  EXPECT_GT(list.size(), 240u);
  EXPECT_EQ(list.back().second.next, 0u);
  // Every id the function answers is on the list: no row is left out of the links.
  // (Ids run below 1000 * 1000: see the next tests.) A 20-byte buffer: a known id is 603.
  size_t answered = 0;
  for (DWORD id = 0; id < 1000000; ++id) {
    RASCTRYINFO probe = {sizeof probe, id, 0, 0, 0};
    DWORD size = sizeof probe;
    DWORD rc = RasGetCountryInfoW(&probe, &size);
    if (rc == ERROR_INVALID_PARAMETER) continue;
    ++answered;
    EXPECT_EQ(rc, static_cast<DWORD>(ERROR_BUFFER_TOO_SMALL)) << "id " << id;
    EXPECT_TRUE(seen.count(id)) << "id " << id << " answers but is not on the walk";
  }
  EXPECT_EQ(answered, list.size());
}

TEST(CountryInfo, WindowsIdsAndTodaysCodes) {
  Row us = lookup(1);
  EXPECT_EQ(us.code, 1u);
  EXPECT_EQ(us.name, L"United States");
  EXPECT_EQ(lookup(44).code, 44u);
  EXPECT_EQ(lookup(44).name, L"United Kingdom");
  EXPECT_EQ(lookup(49).name, L"Germany");
  Row canada = lookup(107);  // NANP members share code 1, each with its own id
  EXPECT_EQ(canada.code, 1u);
  EXPECT_EQ(canada.name, L"Canada");
  EXPECT_EQ(lookup(112).name, L"Jamaica");
  EXPECT_EQ(lookup(121).name, L"Puerto Rico");
  EXPECT_EQ(lookup(124).name, L"Guam");
  EXPECT_EQ(lookup(7).code, 7u);
  Row kazakhstan = lookup(705);
  EXPECT_EQ(kazakhstan.code, 7u);
  EXPECT_EQ(kazakhstan.name, L"Kazakhstan");
  Row tajikistan = lookup(708);  // Windows' id, from when its code was 7
  EXPECT_EQ(tajikistan.name, L"Tajikistan");
  EXPECT_EQ(tajikistan.code, 992u);
  EXPECT_EQ(lookup(6101).code, 61u);  // Cocos (Keeling) Islands
  Row barbuda = lookup(120);          // a row of Windows' list that is no region
  EXPECT_EQ(barbuda.name, L"Barbuda");
  EXPECT_EQ(barbuda.code, 1u);
  EXPECT_EQ(lookup(5399).code, 53u);  // Guantanamo Bay
  EXPECT_EQ(lookup(870).name, L"INMARSAT");
  EXPECT_EQ(lookup(800).code, 800u);
  // A region outside ISO 3166-1, named by the overrides.
  EXPECT_EQ(lookup(383).name, L"Kosovo");
}

TEST(CountryInfo, OtherRegionsOfASharedCodeHaveIdsFromTheirRegionCode) {
  // code * 1000 + 26 * (letter 1 - 'A') + (letter 2 - 'A'): GG, JE for 44, AX for 358.
  Row guernsey = lookup(44000 + 26 * ('G' - 'A') + ('G' - 'A'));
  EXPECT_EQ(guernsey.name, L"Guernsey");
  EXPECT_EQ(guernsey.code, 44u);
  EXPECT_EQ(lookup(44000 + 26 * ('J' - 'A') + ('E' - 'A')).name, L"Jersey");
  Row aland = lookup(358000 + 26 * ('A' - 'A') + ('X' - 'A'));
  EXPECT_EQ(aland.name, L"\u00c5land Islands");
  EXPECT_EQ(aland.code, 358u);
}

TEST(CountryInfo, AnsiListIsTheSameListInUtf8) {
  auto wide = walk<WCHAR>();
  auto ansi = walk<char>();
  ASSERT_FALSE(HasFailure());
  ASSERT_EQ(ansi.size(), wide.size());
  for (size_t i = 0; i < wide.size(); ++i) {
    EXPECT_EQ(ansi[i].first, wide[i].first);
    EXPECT_EQ(ansi[i].second.code, wide[i].second.code);
    EXPECT_EQ(ansi[i].second.name, wide[i].second.name);
  }
}

TEST(CountryInfo, ShortBufferGivesTheBytesNeededInTheCallersUnits) {
  // Cote d'Ivoire: 13 characters, the o with a circumflex two bytes in UTF-8.
  Row ivory = lookup(225);
  ASSERT_EQ(ivory.name, L"C\u00f4te d'Ivoire");
  const DWORD wide_needed = sizeof(RASCTRYINFO) + 14 * sizeof(WCHAR);
  const DWORD ansi_needed = sizeof(RASCTRYINFO) + 15;
  for (DWORD given : {0u, 20u, wide_needed - 1}) {
    DWORD size = 0;
    EXPECT_EQ(query<WCHAR>(225, nullptr, &size, given), static_cast<DWORD>(ERROR_BUFFER_TOO_SMALL))
        << given;
    EXPECT_EQ(size, wide_needed) << given;
  }
  DWORD size = 0;
  EXPECT_EQ(query<WCHAR>(225, nullptr, &size, wide_needed), static_cast<DWORD>(ERROR_SUCCESS));
  EXPECT_EQ(size, wide_needed);
  EXPECT_EQ(query<char>(225, nullptr, &size, ansi_needed - 1),
            static_cast<DWORD>(ERROR_BUFFER_TOO_SMALL));
  EXPECT_EQ(size, ansi_needed);
  EXPECT_EQ(query<char>(225, nullptr, &size, ansi_needed), static_cast<DWORD>(ERROR_SUCCESS));
}

TEST(CountryInfo, ShortBufferLeavesTheStructureAlone) {
  RASCTRYINFO info = {sizeof info, 44, 0xAAAA, 0xBBBB, 0xCCCC};
  DWORD size = sizeof info;
  ASSERT_EQ(RasGetCountryInfoW(&info, &size), static_cast<DWORD>(ERROR_BUFFER_TOO_SMALL));
  EXPECT_EQ(info.dwNextCountryID, 0xAAAAu);
  EXPECT_EQ(info.dwCountryCode, 0xBBBBu);
  EXPECT_EQ(info.dwCountryNameOffset, 0xCCCCu);
  EXPECT_GT(size, sizeof info);
}

TEST(CountryInfo, ArgumentErrors) {
  alignas(RASCTRYINFO) unsigned char buffer[256] = {};
  auto* info = reinterpret_cast<RASCTRYINFO*>(buffer);
  DWORD size = sizeof buffer;
  info->dwCountryID = 1;
  for (DWORD wrong : {0u, 16u, 24u, 296u}) {
    info->dwSize = wrong;
    EXPECT_EQ(RasGetCountryInfoW(info, &size), static_cast<DWORD>(ERROR_INVALID_SIZE)) << wrong;
    EXPECT_EQ(RasGetCountryInfoA(info, &size), static_cast<DWORD>(ERROR_INVALID_SIZE)) << wrong;
  }
  info->dwSize = sizeof(RASCTRYINFO);
  for (DWORD unknown : {0u, 2u, 114u, 0xFFFFFFFFu}) {
    info->dwCountryID = unknown;
    EXPECT_EQ(RasGetCountryInfoW(info, &size), static_cast<DWORD>(ERROR_INVALID_PARAMETER))
        << unknown;
    EXPECT_EQ(RasGetCountryInfoA(info, &size), static_cast<DWORD>(ERROR_INVALID_PARAMETER))
        << unknown;
  }
  info->dwCountryID = 1;
  EXPECT_EQ(RasGetCountryInfoW(info, nullptr), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  EXPECT_EQ(RasGetCountryInfoA(info, nullptr), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  EXPECT_EQ(RasGetCountryInfoW(nullptr, &size), static_cast<DWORD>(ERROR_INVALID_USER_BUFFER));
  EXPECT_EQ(RasGetCountryInfoA(nullptr, &size), static_cast<DWORD>(ERROR_INVALID_USER_BUFFER));
  EXPECT_EQ(RasGetCountryInfo(info, &size), static_cast<DWORD>(ERROR_SUCCESS))
      << "the UNICODE name maps to the W form";
}

}  // namespace
