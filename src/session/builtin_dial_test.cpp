// builtin_dial_test.cpp: the numbers a built-in dial composes from an entry
// (docs/devices.md "Dialing"): country and area codes, alternates in order, the override.
#include "session/builtin_dial.h"

#include <gtest/gtest.h>

namespace openras::session {
namespace {

EntryInfo entry_with(std::wstring number, DWORD options = 0) {
  EntryInfo e;
  e.phone_number = std::move(number);
  e.options = options;
  e.country_code = 1;
  e.area_code = L"(206)";
  return e;
}

TEST(ComposeNumber, WithoutTheFlagTheNumberIsDialledAsStored) {
  EntryInfo e = entry_with(L"9W555-0100");
  EXPECT_EQ(compose_number(e, e.phone_number), L"9W555-0100");
}

TEST(ComposeNumber, TheCanonicalFormWithoutItsFormatting) {
  EntryInfo e = entry_with(L"555-01.00", RASEO_UseCountryAndAreaCodes);
  EXPECT_EQ(compose_number(e, e.phone_number), L"+12065550100");
  e.country_code = 44;
  e.area_code = L"20";
  EXPECT_EQ(compose_number(e, L"7946 0018"), L"+442079460018");
  e.area_code.clear();  // a country without area codes
  EXPECT_EQ(compose_number(e, L"79460018"), L"+4479460018");
  e.country_code = 0;  // no country: the area code and the number
  e.area_code = L"206";
  EXPECT_EQ(compose_number(e, L"5550100"), L"2065550100");
}

TEST(ComposeNumber, DialModifiersInTheNumberStay) {
  EntryInfo e = entry_with(L"555,0100W", RASEO_UseCountryAndAreaCodes);
  EXPECT_EQ(compose_number(e, e.phone_number), L"+1206555,0100W");
}

TEST(DialNumbers, TheNumberThenEachAlternateInOrderEachComposed) {
  EntryInfo e = entry_with(L"5550100", RASEO_UseCountryAndAreaCodes);
  e.alternates = {L"5550101", L"", L"555 0102"};
  EXPECT_EQ(dial_numbers(e, L""),
            (std::vector<std::wstring>{L"+12065550100", L"+12065550101", L"+12065550102"}));
  e.options = 0;
  EXPECT_EQ(dial_numbers(e, L""), (std::vector<std::wstring>{L"5550100", L"5550101", L"555 0102"}));
}

TEST(DialNumbers, AnOverrideNumberIsDialledAloneAsGiven) {
  EntryInfo e = entry_with(L"5550100", RASEO_UseCountryAndAreaCodes);
  e.alternates = {L"5550101"};
  EXPECT_EQ(dial_numbers(e, L"555-0199"), (std::vector<std::wstring>{L"555-0199"}));
}

}  // namespace
}  // namespace openras::session
