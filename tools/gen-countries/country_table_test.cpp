// country_table_test.cpp: RasGetCountryInfo's list against the installed maintained data
// it was generated from (docs/devices.md "Countries"): every libphonenumber region and
// non-geographic code is on it once with its calling code, under iso-codes' name, and
// nothing else is but tapi_ids.txt's `row` lines.
#include <gtest/gtest.h>
#include <phonenumbers/phonenumberutil.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "ras.h"
#include "raserror.h"

namespace {

struct Listed {
  DWORD id;
  DWORD code;
  std::string name;
};

std::vector<Listed> walk() {
  std::vector<Listed> out;
  for (DWORD id = 1; id != 0 && out.size() < 5000;) {
    alignas(RASCTRYINFO) unsigned char buffer[512] = {};
    auto* info = reinterpret_cast<RASCTRYINFO*>(buffer);
    info->dwSize = sizeof(RASCTRYINFO);
    info->dwCountryID = id;
    DWORD size = sizeof buffer;
    if (RasGetCountryInfoA(info, &size) != ERROR_SUCCESS) {
      ADD_FAILURE() << "id " << id;
      break;
    }
    out.push_back({id, info->dwCountryCode,
                   reinterpret_cast<const char*>(buffer + info->dwCountryNameOffset)});
    id = info->dwNextCountryID;
  }
  return out;
}

TEST(CountryTable, EveryRegionAndCodeOfTheInstalledDataIsListedOnce) {
  const auto& util = *i18n::phonenumbers::PhoneNumberUtil::GetInstance();
  std::set<std::string> regions;
  util.GetSupportedRegions(&regions);
  std::set<int> global_codes;
  util.GetSupportedGlobalNetworkCallingCodes(&global_codes);

  std::ifstream iso_file(OPENRAS_ISO_3166_1_JSON);
  auto iso = nlohmann::json::parse(iso_file)["3166-1"];
  std::map<std::string, std::string> iso_names;
  for (const auto& c : iso) {
    iso_names[c["alpha_2"]] = c.contains("common_name") ? c["common_name"] : c["name"];
  }
  std::ifstream overrides(OPENRAS_TAPI_IDS);
  size_t extra_rows = 0;
  for (std::string line; std::getline(overrides, line);) extra_rows += line.rfind("row ", 0) == 0;

  auto list = walk();
  ASSERT_FALSE(HasFailure());
  EXPECT_EQ(list.size(), regions.size() + global_codes.size() + extra_rows);
  std::multimap<DWORD, std::string> by_code;
  for (const Listed& row : list) by_code.emplace(row.code, row.name);
  for (const std::string& region : regions) {
    auto code = static_cast<DWORD>(util.GetCountryCodeForRegion(region));
    auto iso_name = iso_names.find(region);
    if (iso_name == iso_names.end()) continue;  // AC, TA, XK: named by the overrides
    bool found = false;
    auto [begin, end] = by_code.equal_range(code);
    for (auto it = begin; it != end; ++it) found = found || it->second == iso_name->second;
    EXPECT_TRUE(found) << region << " (" << iso_name->second << ", +" << code << ") is not listed";
  }
  for (int code : global_codes) {
    EXPECT_EQ(by_code.count(static_cast<DWORD>(code)), 1u) << "+" << code;
  }
}

}  // namespace
