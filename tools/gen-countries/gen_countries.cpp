// gen_countries.cpp: writes the country table that libopenras compiles in for
// RasGetCountryInfo (docs/devices.md "Countries"), at build time, from Debian's maintained
// data: libphonenumber's regions and calling codes, iso-codes' English names, and the few
// Windows TAPI ids that tapi_ids.txt pins. Only this program links libphonenumber; the
// library gets a table of constants and no run-time dependency.
//
// Usage: openras-gen-countries ISO_3166_1_JSON TAPI_IDS OUTPUT
//
// The ids follow one rule, so a phone book's CountryID= keeps its meaning when Debian
// updates the data:
//   1. a pinned region, or a `row` of tapi_ids.txt, has the id written there;
//   2. a non-geographic code, and the main region of a calling code (libphonenumber's
//      GetRegionCodeForCountryCode: the only region of most codes, US for 1, GB for 44),
//      have the code itself, unless a pin took that id;
//   3. any other region has code * 1000 + 26 * (first letter - 'A') + (second letter - 'A'),
//      which depends on nothing but the region and its code.
// The table is sorted by id; id 1 (the United States, code 1) comes first.
#include <phonenumbers/phonenumberutil.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using PhoneUtil = i18n::phonenumbers::PhoneNumberUtil;

struct Row {
  uint32_t id = 0;
  uint32_t code = 0;
  std::string name;
  std::string origin;  // what gave the row, for messages: "region CA", "code 800", "row 120"
};

struct Overrides {
  std::map<std::string, uint32_t> pins;  // region -> id
  struct Extra {
    uint32_t id;
    std::string region;
    std::string name;
  };
  std::vector<Extra> rows;
  std::map<std::string, std::string> names;  // region or code -> name
};

[[noreturn]] void die(const std::string& message) {
  std::cerr << "openras-gen-countries: " << message << "\n";
  std::exit(1);
}

bool parse_id(const std::string& text, uint32_t* out) {
  if (text.empty() || text.size() > 9) return false;
  uint32_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<uint32_t>(c - '0');
  }
  *out = value;
  return value != 0;
}

bool is_region(const std::string& text) {
  return text.size() == 2 && text[0] >= 'A' && text[0] <= 'Z' && text[1] >= 'A' && text[1] <= 'Z';
}

std::string trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return {};
  size_t end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

Overrides read_overrides(const std::string& path) {
  std::ifstream in(path);
  if (!in) die(path + ": cannot be read");
  Overrides out;
  std::set<uint32_t> ids;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    auto fail = [&](const std::string& why) {
      die(path + " line " + std::to_string(number) + ": " + why +
          " (a line is `pin REGION ID`, `row ID REGION NAME` or `name KEY NAME`)");
    };
    line = trim(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    std::istringstream words(line);
    std::string kind, first, second;
    words >> kind >> first >> second;
    std::string rest;
    std::getline(words, rest);
    rest = trim(rest);
    uint32_t id = 0;
    if (kind == "pin") {
      if (!is_region(first) || !parse_id(second, &id) || !rest.empty()) fail("bad pin");
      if (!out.pins.emplace(first, id).second) fail("region " + first + " is pinned twice");
    } else if (kind == "row") {
      if (!parse_id(first, &id) || !is_region(second) || rest.empty()) fail("bad row");
      out.rows.push_back({id, second, rest});
    } else if (kind == "name") {
      std::string name = trim(second + " " + rest);
      uint32_t code = 0;
      if ((!is_region(first) && !parse_id(first, &code)) || second.empty()) fail("bad name");
      if (!out.names.emplace(first, name).second) fail(first + " is named twice");
      continue;
    } else {
      fail("unknown kind \"" + kind + "\"");
    }
    if (!ids.insert(id).second) fail("id " + std::to_string(id) + " is given twice");
  }
  return out;
}

// alpha_2 -> English name: common_name where iso-codes has one ("Bolivia"), else name.
std::map<std::string, std::string> read_iso_names(const std::string& path) {
  std::ifstream in(path);
  if (!in) die(path + ": cannot be read (Debian package iso-codes)");
  nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
  if (doc.is_discarded() || !doc.contains("3166-1") || !doc["3166-1"].is_array()) {
    die(path + ": not iso-codes' ISO 3166-1 list (no \"3166-1\" array)");
  }
  std::map<std::string, std::string> out;
  for (const auto& country : doc["3166-1"]) {
    if (!country.contains("alpha_2") || !country.contains("name")) continue;
    const auto& name = country.contains("common_name") ? country["common_name"] : country["name"];
    out[country["alpha_2"].get<std::string>()] = name.get<std::string>();
  }
  if (out.size() < 200) die(path + ": only " + std::to_string(out.size()) + " countries");
  return out;
}

std::string c_string(const std::string& text) {
  std::string out = "\"";
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7F) {
      char octal[8];
      std::snprintf(octal, sizeof octal, "\\%03o", c);
      out += octal;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

class Builder {
 public:
  Builder(const Overrides& overrides, const std::map<std::string, std::string>& iso)
      : overrides_(overrides), iso_(iso), util_(*PhoneUtil::GetInstance()) {}

  std::vector<Row> build() {
    std::set<std::string> regions;
    util_.GetSupportedRegions(&regions);
    std::set<int> global_codes;
    util_.GetSupportedGlobalNetworkCallingCodes(&global_codes);
    if (regions.size() < 200)
      die("libphonenumber knows only " + std::to_string(regions.size()) + " regions");
    // Rule 1: pins and rows.
    std::vector<std::string> unpinned;
    for (const std::string& region : regions) {
      auto pin = overrides_.pins.find(region);
      if (pin == overrides_.pins.end()) {
        unpinned.push_back(region);
      } else {
        add(pin->second, code_of(region), region_name(region), "region " + region);
      }
    }
    for (const auto& [region, id] : overrides_.pins) {
      if (!regions.count(region)) warn("pinned region " + region + " is not in libphonenumber");
    }
    for (const auto& extra : overrides_.rows) {
      if (!regions.count(extra.region)) {
        warn("row " + std::to_string(extra.id) + " (" + extra.name + "): region " + extra.region +
             " is not in libphonenumber; left out");
        continue;
      }
      add(extra.id, code_of(extra.region), extra.name, "row " + std::to_string(extra.id));
    }
    // Rule 2: non-geographic codes and main regions have their code.
    for (int code : global_codes) {
      uint32_t c = static_cast<uint32_t>(code);
      auto named = overrides_.names.find(std::to_string(code));
      std::string name = named != overrides_.names.end() ? named->second : "";
      if (name.empty()) {
        warn("code " + std::to_string(code) + " has no name in the overrides");
        name = "International code +" + std::to_string(code);
      }
      add(free(c) ? c : derived(c, "ZZ"), c, name, "code " + std::to_string(code));
    }
    for (const std::string& region : unpinned) {
      uint32_t code = code_of(region);
      std::string main;
      util_.GetRegionCodeForCountryCode(static_cast<int>(code), &main);
      uint32_t id = (main == region && free(code)) ? code : derived(code, region);
      add(id, code, region_name(region), "region " + region);
    }
    std::vector<Row> out;
    for (auto& [id, row] : rows_) out.push_back(row);
    if (out.empty() || out.front().id != 1 || out.front().code != 1) {
      die("id 1 is not the first row with code 1 (the United States), as Windows' list has it");
    }
    return out;
  }

 private:
  uint32_t code_of(const std::string& region) const {
    int code = util_.GetCountryCodeForRegion(region);
    if (code <= 0) die("libphonenumber gives region " + region + " no calling code");
    return static_cast<uint32_t>(code);
  }

  std::string region_name(const std::string& region) const {
    if (auto it = iso_.find(region); it != iso_.end()) return it->second;
    if (auto it = overrides_.names.find(region); it != overrides_.names.end()) return it->second;
    warn("region " + region + " has no name in iso-codes or the overrides");
    return region;
  }

  bool free(uint32_t id) const { return !rows_.count(id); }

  static uint32_t derived(uint32_t code, const std::string& region) {
    return code * 1000 + 26 * static_cast<uint32_t>(region[0] - 'A') +
           static_cast<uint32_t>(region[1] - 'A');
  }

  void add(uint32_t id, uint32_t code, const std::string& name, const std::string& origin) {
    auto [it, added] = rows_.emplace(id, Row{id, code, name, origin});
    if (!added) {
      die("id " + std::to_string(id) + " is given to both " + it->second.origin + " and " + origin +
          ": change the pin in the overrides");
    }
  }

  static void warn(const std::string& message) {
    std::cerr << "openras-gen-countries: warning: " << message << "\n";
  }

  const Overrides& overrides_;
  const std::map<std::string, std::string>& iso_;
  const PhoneUtil& util_;
  std::map<uint32_t, Row> rows_;
};

void write_table(const std::string& path, const std::vector<Row>& rows) {
  std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    out << "// Generated by openras-gen-countries (tools/gen-countries) from libphonenumber,\n"
           "// iso-codes and tools/gen-countries/tapi_ids.txt: do not edit. One row a country\n"
           "// of RasGetCountryInfo's list, by id: {id, calling code, UTF-8 name}.\n";
    for (const Row& row : rows) {
      out << "{" << row.id << ", " << row.code << ", " << c_string(row.name) << "},  // "
          << row.origin << "\n";
    }
    out.close();
    if (!out) die(temp + ": cannot be written");
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) die(path + ": cannot be replaced");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) die("usage: openras-gen-countries ISO_3166_1_JSON TAPI_IDS OUTPUT");
  try {
    Overrides overrides = read_overrides(argv[2]);
    auto iso = read_iso_names(argv[1]);
    std::vector<Row> rows = Builder(overrides, iso).build();
    write_table(argv[3], rows);
  } catch (const std::exception& e) {  // a JSON value of the wrong type, no memory
    die(e.what());
  }
  return 0;
}
