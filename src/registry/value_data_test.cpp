// value_data_test.cpp: stored UTF-16LE data as the W and A functions see it.
#include "registry/value_data.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstring>

#include "registry/test_support.h"

namespace openras::registry {
namespace {

using namespace std::string_literals;
using testing::utf16;

std::span<const uint8_t> span_of(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

TEST(ValueData, MultiStringIsWideTextWithDoubleNul) {
  std::wstring expected = L"/usr/lib/a.so\0/usr/lib/b.so\0\0"s;
  std::string stored = utf16(expected);
  std::string wide = to_api(kRegMultiSz, stored, Charset::kWide);
  ASSERT_EQ(wide.size(), expected.size() * sizeof(wchar_t));
  EXPECT_EQ(std::memcmp(wide.data(), expected.data(), wide.size()), 0);
  EXPECT_EQ(to_api(kRegMultiSz, stored, Charset::kUtf8), "/usr/lib/a.so\0/usr/lib/b.so\0\0"s);
  auto back = from_api(kRegMultiSz, span_of(wide), Charset::kWide);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, stored);
}

TEST(ValueData, SupplementaryCharactersBecomeSurrogatePairs) {
  std::wstring text = L"\U0001F4DE\0"s;
  std::string wide(reinterpret_cast<const char*>(text.data()), text.size() * sizeof(wchar_t));
  auto stored = from_api(kRegSz, span_of(wide), Charset::kWide);
  ASSERT_TRUE(stored);
  EXPECT_EQ(*stored, "\x3d\xd8\xde\xdc\0\0"s);
  EXPECT_EQ(to_api(kRegSz, *stored, Charset::kUtf8), "\xf0\x9f\x93\x9e\0"s);
}

TEST(ValueData, OtherTypesPassUnchanged) {
  std::string dword = "\x01\x02\x03\x04"s;
  EXPECT_EQ(to_api(kRegDword, dword, Charset::kWide), dword);
  auto back = from_api(0x1234, span_of(dword), Charset::kUtf8);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, dword);
}

TEST(ValueData, RejectsBrokenText) {
  std::string three_bytes = "abc";
  auto partial = from_api(kRegSz, span_of(three_bytes), Charset::kWide);
  ASSERT_FALSE(partial);
  EXPECT_EQ(partial.error().code, Errc::kInvalidArgument);
  wchar_t surrogate = static_cast<wchar_t>(0xD800);
  std::string lone(reinterpret_cast<const char*>(&surrogate), sizeof surrogate);
  auto bad = from_api(kRegSz, span_of(lone), Charset::kWide);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Errc::kNoUnicodeTranslation);
  std::string bad_utf8 = "\xff";
  EXPECT_FALSE(from_api(kRegSz, span_of(bad_utf8), Charset::kUtf8));
}

TEST(ValueData, MultiStringItemsEndAtTheFirstEmptyOne) {
  bool ignored = true;
  EXPECT_EQ(split_multi_string(L"a\0b\0\0"s, &ignored), (std::vector<std::wstring>{L"a", L"b"}));
  EXPECT_FALSE(ignored);
  EXPECT_EQ(split_multi_string(L"a\0\0b\0\0"s, &ignored), (std::vector<std::wstring>{L"a"}));
  EXPECT_TRUE(ignored);
  EXPECT_EQ(split_multi_string(L"unterminated"), (std::vector<std::wstring>{L"unterminated"}));
  EXPECT_TRUE(split_multi_string(L""s).empty());
  auto empty = utf16_multi_string({});
  ASSERT_TRUE(empty);
  EXPECT_EQ(*empty, "\0\0"s);
}

TEST(ValueData, ExpandsSetVariablesOnly) {
  ::setenv("OPENRAS_TEST_DIR", "/opt/dialers", 1);
  ::unsetenv("OPENRAS_TEST_UNSET");
  EXPECT_EQ(expand_environment(L"%OPENRAS_TEST_DIR%/a.so"), L"/opt/dialers/a.so");
  EXPECT_EQ(expand_environment(L"%OPENRAS_TEST_UNSET%/x"), L"%OPENRAS_TEST_UNSET%/x");
  EXPECT_EQ(expand_environment(L"100% %OPENRAS_TEST_DIR%"), L"100% /opt/dialers");
  EXPECT_EQ(expand_environment(L"%%"), L"%%");
  EXPECT_EQ(expand_environment(L"50%"), L"50%");
  ::unsetenv("OPENRAS_TEST_DIR");
}

TEST(ValueData, TypeNames) {
  EXPECT_EQ(type_name(kRegMultiSz), "REG_MULTI_SZ");
  EXPECT_EQ(type_name(kRegQword), "REG_QWORD");
  EXPECT_EQ(type_name(0x8000000a), "0x8000000a");
}

}  // namespace
}  // namespace openras::registry
