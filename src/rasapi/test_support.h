// test_support.h: the entry-API tests' fixture: OPENRAS_ROOT set to a fresh private
// root for each test (the exported functions read it), and small helpers.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstring>
#include <string>
#include <vector>

#include "base/fs.h"
#include "phonebook/phonebook_file.h"
#include "ras.h"
#include "raserror.h"
#include "support.h"

namespace openras::rasapi::testing {

class EntryApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("OPENRAS_ROOT", dir_.path().c_str(), 1);
    phonebook::clear_snapshot_cache();
    pbk_ = widen(dir_.file("test.pbk"));
  }
  void TearDown() override {
    ::unsetenv("OPENRAS_ROOT");
    phonebook::clear_snapshot_cache();
  }
  static std::wstring widen(const std::string& ascii) {
    return std::wstring(ascii.begin(), ascii.end());
  }

  // A valid new entry (the defaults) with a phone number.
  static RASENTRYW new_entry(const wchar_t* number = L"5550100") {
    RASENTRYW entry;
    std::memset(&entry, 0, sizeof entry);
    entry.dwSize = sizeof entry;
    DWORD size = sizeof entry;
    EXPECT_EQ(RasGetEntryPropertiesW(nullptr, L"", &entry, &size, nullptr, nullptr), 0u);
    std::wcscpy(entry.szLocalPhoneNumber, number);
    return entry;
  }
  DWORD create(const wchar_t* name, const wchar_t* number = L"5550100") {
    RASENTRYW entry = new_entry(number);
    return RasSetEntryPropertiesW(pbk_.c_str(), name, &entry, sizeof entry, nullptr, 0);
  }
  std::string file() const {
    auto text = read_file(dir_.file("test.pbk"));
    return text ? *text : std::string();
  }

  openras::testing::TempDir dir_;
  std::wstring pbk_;
};

}  // namespace openras::rasapi::testing
