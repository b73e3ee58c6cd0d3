// builtin_dial_test.cpp: the numbers a built-in dial composes from an entry
// (docs/devices.md "Dialing"): country and area codes (the code from dwCountryID when
// dwCountryCode is 0), alternates in order, the override.
#include "session/builtin_dial.h"

#include <gtest/gtest.h>

#include "base/countries.h"

namespace openras::session {
namespace {

// compose_number() that must succeed.
std::wstring composed(const EntryInfo& e, std::wstring_view number) {
  auto out = compose_number(e, number);
  EXPECT_TRUE(out.has_value()) << (out ? "" : out.error().message);
  return out ? *out : std::wstring(L"(failed)");
}

std::vector<std::wstring> numbers_of(const EntryInfo& e, std::wstring_view override_number) {
  auto out = dial_numbers(e, override_number);
  EXPECT_TRUE(out.has_value()) << (out ? "" : out.error().message);
  return out ? *out : std::vector<std::wstring>{};
}

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
  EXPECT_EQ(composed(e, e.phone_number), L"9W555-0100");
}

TEST(ComposeNumber, TheCanonicalFormWithoutItsFormatting) {
  EntryInfo e = entry_with(L"555-01.00", RASEO_UseCountryAndAreaCodes);
  EXPECT_EQ(composed(e, e.phone_number), L"+12065550100");
  e.country_code = 44;
  e.area_code = L"20";
  EXPECT_EQ(composed(e, L"7946 0018"), L"+442079460018");
  e.area_code.clear();  // a country without area codes
  EXPECT_EQ(composed(e, L"79460018"), L"+4479460018");
  e.country_code = 0;  // no country (dwCountryID 0 too): the area code and the number
  e.area_code = L"206";
  EXPECT_EQ(composed(e, L"5550100"), L"2065550100");
}

TEST(ComposeNumber, ACountryCodeOfZeroIsTheCodeOfTheCountryId) {
  EntryInfo e = entry_with(L"7946 0018", RASEO_UseCountryAndAreaCodes);
  e.country_code = 0;
  e.country_id = 44;  // the United Kingdom: TAPI's id is its code
  e.area_code = L"20";
  EXPECT_EQ(composed(e, e.phone_number), L"+442079460018");
  e.country_id = 107;  // Canada: a Windows id that is not its code (tapi_ids.txt pins it)
  e.area_code = L"(416)";
  EXPECT_EQ(composed(e, L"555-0100"), L"+14165550100");
  e.country_id = 1;  // the United States, the list's first row
  EXPECT_EQ(composed(e, L"5550100"), L"+14165550100");
}

TEST(ComposeNumber, ACountryCodeThatIsSetWinsOverTheCountryId) {
  EntryInfo e = entry_with(L"5550100", RASEO_UseCountryAndAreaCodes);
  e.country_code = 33;
  e.country_id = 44;  // RASENTRY says they must agree; the code is what is dialled
  e.area_code.clear();
  EXPECT_EQ(composed(e, e.phone_number), L"+335550100");
}

TEST(ComposeNumber, AnUnknownCountryIdWithNoCodeIsAnErrorNamingBoth) {
  EntryInfo e = entry_with(L"5550100", RASEO_UseCountryAndAreaCodes);
  e.name = L"Office";
  e.country_code = 0;
  e.country_id = 999999;
  ASSERT_EQ(country_code_of(999999), std::nullopt);  // the premise: no such country
  auto out = compose_number(e, e.phone_number);
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().code, Errc::kInvalidArgument);
  EXPECT_NE(out.error().message.find("\"Office\""), std::string::npos) << out.error().message;
  EXPECT_NE(out.error().message.find("dwCountryID 999999"), std::string::npos);
  EXPECT_NE(out.error().message.find("set dwCountryCode"), std::string::npos);
  // The whole dial is refused: no number goes out without its country.
  e.alternates = {L"5550101"};
  auto all = dial_numbers(e, L"");
  ASSERT_FALSE(all.has_value());
  EXPECT_EQ(all.error().code, Errc::kInvalidArgument);
  // Without the flag the ids mean nothing and the number is dialled as stored.
  e.options = 0;
  EXPECT_EQ(composed(e, e.phone_number), L"5550100");
}

TEST(ComposeNumber, DialModifiersInTheNumberStay) {
  EntryInfo e = entry_with(L"555,0100W", RASEO_UseCountryAndAreaCodes);
  EXPECT_EQ(composed(e, e.phone_number), L"+1206555,0100W");
}

TEST(DialNumbers, TheNumberThenEachAlternateInOrderEachComposed) {
  EntryInfo e = entry_with(L"5550100", RASEO_UseCountryAndAreaCodes);
  e.alternates = {L"5550101", L"", L"555 0102"};
  EXPECT_EQ(numbers_of(e, L""),
            (std::vector<std::wstring>{L"+12065550100", L"+12065550101", L"+12065550102"}));
  e.options = 0;
  EXPECT_EQ(numbers_of(e, L""), (std::vector<std::wstring>{L"5550100", L"5550101", L"555 0102"}));
}

TEST(DialNumbers, AnOverrideNumberIsDialledAloneAsGiven) {
  EntryInfo e = entry_with(L"5550100", RASEO_UseCountryAndAreaCodes);
  e.alternates = {L"5550101"};
  EXPECT_EQ(numbers_of(e, L"555-0199"), (std::vector<std::wstring>{L"555-0199"}));
}

TEST(AnsweredAlternate, TheAlternateWhoseComposedNumberAnsweredByItsIndex) {
  EntryInfo e = entry_with(L"555-0100", RASEO_UseCountryAndAreaCodes | RASEO_PromoteAlternates);
  e.alternates = {L"555-0101", L"", L"555 0102"};
  EXPECT_EQ(answered_alternate(e, L"+12065550101"), 0u);
  EXPECT_EQ(answered_alternate(e, L"+12065550102"), 2u) << "the empty one was never dialled";
  EXPECT_EQ(answered_alternate(e, L"+12065550100"), std::nullopt) << "the first number";
  EXPECT_EQ(answered_alternate(e, L"5550101"), std::nullopt) << "not as it was dialled";
  EXPECT_EQ(answered_alternate(e, L""), std::nullopt) << "a link that did not say";
}

TEST(AnsweredAlternate, NumbersThatComposeAlikeAreTheOneDialledFirst) {
  EntryInfo e = entry_with(L"5550100");
  e.alternates = {L"5550101", L"555-0101", L"5550100"};
  e.options = RASEO_UseCountryAndAreaCodes;
  EXPECT_EQ(answered_alternate(e, L"+12065550101"), 0u);
  EXPECT_EQ(answered_alternate(e, L"+12065550100"), std::nullopt);
  e.options = 0;  // dialled as stored: now they differ
  EXPECT_EQ(answered_alternate(e, L"555-0101"), 1u);
}

}  // namespace
}  // namespace openras::session
