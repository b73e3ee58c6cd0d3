// utf_test.cpp: UTF-8 / wchar_t / UTF-16LE conversions, edge values included.
#include "base/utf.h"

#include <gtest/gtest.h>

#include <vector>

namespace openras {
namespace {

std::span<const uint8_t> bytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

TEST(Utf, Utf8RoundTripsEveryPlane) {
  std::wstring text = L"a\u00e9\u20ac\U0001F600z";
  auto utf8 = wide_to_utf8(text);
  ASSERT_TRUE(utf8);
  EXPECT_EQ(*utf8, "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z");
  auto back = utf8_to_wide(*utf8);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, text);
}

TEST(Utf, RejectsMalformedUtf8WithOffset) {
  for (std::string_view bad : {"\x80", "a\xC3", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80",
                               "\xF4\x90\x80\x80", "\xFF", "ab\xF0\x9F\x98"}) {
    auto r = utf8_to_wide(bad);
    ASSERT_FALSE(r) << "accepted " << ::testing::PrintToString(std::string(bad));
    EXPECT_EQ(r.error().code, Errc::kNoUnicodeTranslation);
    EXPECT_NE(r.error().message.find("byte"), std::string::npos);
    EXPECT_FALSE(is_valid_utf8(bad));
  }
  auto r = utf8_to_wide("ok\xFF");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("byte 2"), std::string::npos);
}

TEST(Utf, AcceptsBoundaryScalars) {
  for (std::string_view good : {"\x7F", "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xEF\xBF\xBF",
                                "\xEE\x80\x80", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF"}) {
    EXPECT_TRUE(utf8_to_wide(good)) << ::testing::PrintToString(std::string(good));
    EXPECT_TRUE(is_valid_utf8(good));
  }
}

TEST(Utf, WideRejectsSurrogatesAndOutOfRange) {
  std::wstring surrogate(1, static_cast<wchar_t>(0xD800));
  EXPECT_FALSE(wide_to_utf8(surrogate));
  EXPECT_FALSE(wide_to_utf16le(surrogate));
  std::wstring too_big(1, static_cast<wchar_t>(0x110000));
  EXPECT_FALSE(wide_to_utf8(too_big));
}

TEST(Utf, Utf16LeRoundTripWithSurrogatePairs) {
  std::wstring text = L"A\U0001F600";
  auto le = wide_to_utf16le(text);
  ASSERT_TRUE(le);
  EXPECT_EQ(*le, std::string("A\0\x3D\xD8\x00\xDE", 6));
  auto back = utf16le_to_wide(bytes(*le));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, text);
}

TEST(Utf, Utf16LeKeepsEmbeddedNuls) {
  // A REG_MULTI_SZ "a\0b\0\0" as Windows stores it.
  std::string le("a\0\0\0b\0\0\0\0\0", 10);
  auto wide = utf16le_to_wide(bytes(le));
  ASSERT_TRUE(wide);
  EXPECT_EQ(*wide, std::wstring(L"a\0b\0\0", 5));
}

TEST(Utf, Utf16LeRejectsOddLengthAndLoneSurrogates) {
  EXPECT_FALSE(utf16le_to_wide(bytes(std::string("a\0b", 3))));
  EXPECT_FALSE(utf16le_to_wide(bytes(std::string("\x3D\xD8", 2))));          // high at end
  EXPECT_FALSE(utf16le_to_wide(bytes(std::string("\x3D\xD8\x41\x00", 4))));  // high + 'A'
  EXPECT_FALSE(utf16le_to_wide(bytes(std::string("\x00\xDE", 2))));          // lone low
}

TEST(Utf, CopyTerminatedFitsExactlyOrFailsUntouched) {
  wchar_t buffer[4] = {L'x', L'x', L'x', L'x'};
  EXPECT_TRUE(copy_terminated(std::wstring_view(L"abc"), buffer, 4));
  EXPECT_EQ(std::wstring(buffer), L"abc");
  wchar_t small[3] = {L'x', L'x', L'x'};
  auto r = copy_terminated(std::wstring_view(L"abc"), small, 3);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::kInsufficientBuffer);
  EXPECT_EQ(small[0], L'x');
}

TEST(Utf, TerminatedViewRefusesUnterminatedFields) {
  wchar_t field[3] = {L'a', L'b', L'c'};
  EXPECT_FALSE(terminated_view(field, 3));
  field[2] = L'\0';
  auto v = terminated_view(field, 3);
  ASSERT_TRUE(v);
  EXPECT_EQ(*v, L"ab");
}

TEST(Utf, Utf8IntoAFieldTruncatesTerminatesAndEmptiesOnMalformedInput) {
  wchar_t field[4];
  EXPECT_EQ(utf8_to_wide_field("ab", field, 4), 2u);
  EXPECT_EQ(std::wstring(field), L"ab");
  EXPECT_EQ(utf8_to_wide_field("\xc3\xa9t\xc3\xa9s", field, 4), 3u);  // "étés": 3 fit
  EXPECT_EQ(std::wstring(field), L"\u00e9t\u00e9");
  EXPECT_EQ(utf8_to_wide_field("\xf0\x9f\x93\x9e", field, 4), 1u);  // one code point, U+1F4DE
  EXPECT_EQ(field[0], static_cast<wchar_t>(0x1F4DE));
  EXPECT_EQ(utf8_to_wide_field("a\xff", field, 4), 0u);
  EXPECT_EQ(field[0], L'\0');
  EXPECT_EQ(utf8_to_wide_field("", field, 1), 0u);
  EXPECT_EQ(field[0], L'\0');
}

}  // namespace
}  // namespace openras
