// strsafe_test.cpp: StringCch*/StringCb* against Microsoft's documented behaviour
// (reference/win32-facts.md §5.4), the HRESULT macros, and the printf rules they share
// with wsprintf and tchar.h's functions (ms_format.h).
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdarg>
#include <string>

#include "strsafe.h"
#include "tchar.h"
#include "win32/ms_format.h"
#include "windows.h"

namespace openras::win32 {
namespace {

TEST(HresultTest, ValuesAndMacrosAreWindows) {
  EXPECT_EQ(static_cast<uint32_t>(STRSAFE_E_INSUFFICIENT_BUFFER), 0x8007007Au);
  EXPECT_EQ(HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER), STRSAFE_E_INSUFFICIENT_BUFFER);
  EXPECT_EQ(HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER), E_INVALIDARG);
  EXPECT_EQ(STRSAFE_E_INVALID_PARAMETER, E_INVALIDARG);
  EXPECT_EQ(HRESULT_FROM_WIN32(0), S_OK);
  EXPECT_EQ(MAKE_HRESULT(SEVERITY_ERROR, FACILITY_WIN32, 14), E_OUTOFMEMORY);
  EXPECT_EQ(static_cast<uint32_t>(E_FAIL), 0x80004005u);
  EXPECT_EQ(static_cast<uint32_t>(E_UNEXPECTED), 0x8000FFFFu);
  EXPECT_EQ(HRESULT_CODE(E_INVALIDARG), 87);
  EXPECT_EQ(HRESULT_FACILITY(E_INVALIDARG), FACILITY_WIN32);
  EXPECT_TRUE(SUCCEEDED(S_FALSE));
  EXPECT_TRUE(FAILED(E_POINTER));
  EXPECT_FALSE(FAILED(S_OK));
}

TEST(StrsafeTest, CopyFitsOrTruncatesAndAlwaysTerminates) {
  wchar_t buf[8];
  EXPECT_EQ(StringCchCopyW(buf, 8, L"1234567"), S_OK);
  EXPECT_STREQ(buf, L"1234567");
  EXPECT_EQ(StringCchCopyW(buf, 8, L"123456789"), STRSAFE_E_INSUFFICIENT_BUFFER);
  EXPECT_STREQ(buf, L"1234567");
  char a[4];
  EXPECT_EQ(StringCchCopyA(a, sizeof a, "abcdef"), STRSAFE_E_INSUFFICIENT_BUFFER);
  EXPECT_STREQ(a, "abc");
}

TEST(StrsafeTest, BadSizesAndNullsAreInvalidAndWriteNothing) {
  wchar_t buf[4] = L"xyz";
  EXPECT_EQ(StringCchCopyW(buf, 0, L"a"), STRSAFE_E_INVALID_PARAMETER);
  EXPECT_EQ(StringCchCopyW(buf, size_t{STRSAFE_MAX_CCH} + 1, L"a"), STRSAFE_E_INVALID_PARAMETER);
  EXPECT_STREQ(buf, L"xyz");
  EXPECT_EQ(StringCchCopyW(nullptr, 4, L"a"), STRSAFE_E_INVALID_PARAMETER);
  EXPECT_EQ(StringCchCatW(buf, 0, L"a"), STRSAFE_E_INVALID_PARAMETER);
  EXPECT_STREQ(buf, L"xyz");
}

TEST(StrsafeTest, CbFormsCountFourByteWideCharacters) {
  wchar_t buf[4];
  EXPECT_EQ(StringCbCopyW(buf, sizeof buf, L"abc"), S_OK);
  EXPECT_EQ(StringCbCopyW(buf, sizeof buf, L"abcd"), STRSAFE_E_INSUFFICIENT_BUFFER);
  EXPECT_STREQ(buf, L"abc");
  // A buffer sized for 2-byte WCHARs holds half as many characters here.
  EXPECT_EQ(StringCbCopyW(buf, 8, L"abc"), STRSAFE_E_INSUFFICIENT_BUFFER);
  EXPECT_STREQ(buf, L"a");
  size_t bytes = 0;
  EXPECT_EQ(StringCbLengthW(L"abc", sizeof buf, &bytes), S_OK);
  EXPECT_EQ(bytes, 3 * sizeof(wchar_t));
  wchar_t* end = nullptr;
  size_t left = 0;
  EXPECT_EQ(StringCbCopyExW(buf, sizeof buf, L"a", &end, &left, 0), S_OK);
  EXPECT_EQ(end, buf + 1);
  EXPECT_EQ(left, 3 * sizeof(wchar_t));
}

TEST(StrsafeTest, CopyNTakesAtMostNCharacters) {
  wchar_t buf[8];
  EXPECT_EQ(StringCchCopyNW(buf, 8, L"abcdef", 3), S_OK);
  EXPECT_STREQ(buf, L"abc");
  EXPECT_EQ(StringCchCopyNW(buf, 3, L"abcdef", 5), STRSAFE_E_INSUFFICIENT_BUFFER);
  EXPECT_STREQ(buf, L"ab");
  EXPECT_EQ(StringCchCopyNW(buf, 8, L"ab", 5), S_OK);  // stops at the source's NUL
  EXPECT_STREQ(buf, L"ab");
  char a[8];
  EXPECT_EQ(StringCbCopyNA(a, sizeof a, "xyz", 2), S_OK);
  EXPECT_STREQ(a, "xy");
}

TEST(StrsafeTest, CatAppendsTruncatesAndRefusesAnUnterminatedDestination) {
  wchar_t buf[8] = L"ab";
  EXPECT_EQ(StringCchCatW(buf, 8, L"cd"), S_OK);
  EXPECT_STREQ(buf, L"abcd");
  EXPECT_EQ(StringCchCatW(buf, 8, L"efghij"), STRSAFE_E_INSUFFICIENT_BUFFER);
  EXPECT_STREQ(buf, L"abcdefg");
  EXPECT_EQ(StringCchCatNW(buf, 8, L"zz", 1), STRSAFE_E_INSUFFICIENT_BUFFER);  // already full
  wchar_t full[3] = {L'a', L'b', L'c'};
  EXPECT_EQ(StringCchCatW(full, 3, L"x"), STRSAFE_E_INVALID_PARAMETER);
  char a[8] = "1";
  EXPECT_EQ(StringCchCatNA(a, 8, "2345", 2), S_OK);
  EXPECT_STREQ(a, "123");
  EXPECT_EQ(StringCbCatA(a, sizeof a, "4"), S_OK);
  EXPECT_STREQ(a, "1234");
}

TEST(StrsafeTest, LengthNeedsANulWithinTheMaximum) {
  size_t n = 99;
  EXPECT_EQ(StringCchLengthW(L"abc", 4, &n), S_OK);
  EXPECT_EQ(n, 3u);
  EXPECT_EQ(StringCchLengthW(L"abc", 3, &n), STRSAFE_E_INVALID_PARAMETER);
  EXPECT_EQ(n, 0u);
  EXPECT_EQ(StringCchLengthA(nullptr, 3, &n), STRSAFE_E_INVALID_PARAMETER);
  EXPECT_EQ(StringCchLengthA("x", size_t{STRSAFE_MAX_CCH} + 1, &n), STRSAFE_E_INVALID_PARAMETER);
}

TEST(StrsafeTest, WidePrintfTakesWideStringsForPercentS) {
  wchar_t buf[64];
  EXPECT_EQ(StringCchPrintfW(buf, 64, L"%s=%d [%S] [%hs] [%ls] %c%C", L"Büro", 5, "narrow", "h",
                             L"l", L'w', 'n'),
            S_OK);
  EXPECT_STREQ(buf, L"Büro=5 [narrow] [h] [l] wn");
  EXPECT_EQ(StringCchPrintfW(buf, 6, L"%s", L"truncated"), STRSAFE_E_INSUFFICIENT_BUFFER);
  EXPECT_STREQ(buf, L"trunc");
  // Windows' long is 32 bits; %I64 names 64 bits.
  EXPECT_EQ(StringCchPrintfW(buf, 64, L"%lu %ld %I64u %Iu", DWORD{4294967295u}, LONG{-1},
                             ULONGLONG{1} << 40, size_t{7}),
            S_OK);
  EXPECT_STREQ(buf, L"4294967295 -1 1099511627776 7");
  EXPECT_EQ(StringCchPrintfW(buf, 64, L"%n", &buf[0]), STRSAFE_E_INVALID_PARAMETER);
  EXPECT_STREQ(buf, L"");
}

TEST(StrsafeTest, NarrowPrintfTakesWideStringsForCapitalS) {
  char buf[32];
  EXPECT_EQ(StringCchPrintfA(buf, sizeof buf, "%s/%S/%C/%I64d", "ä", L"ö", L'ü', -(1LL << 40)),
            S_OK);
  EXPECT_STREQ(buf, "ä/ö/ü/-1099511627776");
  EXPECT_EQ(StringCbPrintfA(buf, 4, "%d", 12345), STRSAFE_E_INSUFFICIENT_BUFFER);
  EXPECT_STREQ(buf, "123");
  // A wide string that is not Unicode cannot be printed narrow.
  const wchar_t bad[] = {static_cast<wchar_t>(0xD800), 0};
  EXPECT_EQ(StringCchPrintfA(buf, sizeof buf, "%S", bad), STRSAFE_E_INVALID_PARAMETER);
}

HRESULT vprintf_through(wchar_t* buf, size_t n, const wchar_t* format, ...) {
  va_list args;
  va_start(args, format);
  HRESULT hr = StringCchVPrintfW(buf, n, format, args);
  va_end(args);
  return hr;
}

TEST(StrsafeTest, VPrintfTakesAVaList) {
  wchar_t buf[16];
  EXPECT_EQ(vprintf_through(buf, 16, L"%s-%u", L"v", 3u), S_OK);
  EXPECT_STREQ(buf, L"v-3");
}

TEST(StrsafeTest, ExFormsReportTheEndAndApplyTheirFlags) {
  wchar_t buf[8];
  wchar_t* end = nullptr;
  size_t left = 0;
  EXPECT_EQ(StringCchCopyExW(buf, 8, L"abc", &end, &left, 0), S_OK);
  EXPECT_EQ(end, buf + 3);
  EXPECT_EQ(left, 5u);
  EXPECT_EQ(StringCchCatExW(buf, 8, L"defghij", &end, &left, 0), STRSAFE_E_INSUFFICIENT_BUFFER);
  EXPECT_EQ(end, buf + 7);
  EXPECT_EQ(left, 1u);
  // FILL_BEHIND_NULL fills what follows the NUL with the low byte.
  EXPECT_EQ(StringCchCopyExW(buf, 8, L"a", nullptr, nullptr, STRSAFE_FILL_BYTE(0x41)), S_OK);
  EXPECT_EQ(buf[1], L'\0');
  EXPECT_EQ(static_cast<uint32_t>(buf[7]), 0x41414141u);
  // NULL_ON_FAILURE leaves "", NO_TRUNCATION a cat's original text.
  EXPECT_EQ(StringCchCopyExW(buf, 4, L"abcdef", &end, &left, STRSAFE_NULL_ON_FAILURE),
            STRSAFE_E_INSUFFICIENT_BUFFER);
  EXPECT_STREQ(buf, L"");
  EXPECT_EQ(left, 4u);
  StringCchCopyW(buf, 8, L"ab");
  EXPECT_EQ(StringCchCatExW(buf, 4, L"cdef", &end, &left, STRSAFE_NO_TRUNCATION),
            STRSAFE_E_INSUFFICIENT_BUFFER);
  EXPECT_STREQ(buf, L"ab");
  EXPECT_EQ(end, buf + 2);
  // FILL_ON_FAILURE fills the whole buffer, then terminates it.
  char a[4];
  EXPECT_EQ(StringCchCopyExA(a, 4, "abcdef", nullptr, nullptr, STRSAFE_FAILURE_BYTE('z')),
            STRSAFE_E_INSUFFICIENT_BUFFER);
  EXPECT_STREQ(a, "zzz");
  // IGNORE_NULLS: a NULL source is "".
  EXPECT_EQ(StringCchCopyExW(buf, 8, nullptr, &end, &left, STRSAFE_IGNORE_NULLS), S_OK);
  EXPECT_STREQ(buf, L"");
  EXPECT_EQ(StringCchCopyExW(buf, 8, L"a", nullptr, nullptr, 0x10000), STRSAFE_E_INVALID_PARAMETER);
  EXPECT_EQ(StringCchPrintfExW(buf, 8, &end, &left, 0, L"%d", 42), S_OK);
  EXPECT_EQ(end, buf + 2);
  EXPECT_EQ(left, 6u);
}

TEST(WsprintfTest, FollowsMicrosoftsRulesAndStopsAt1024Characters) {
  wchar_t buf[1100];
  EXPECT_EQ(wsprintfW(buf, L"%s %d %S", L"x", 3, "y"), 5);
  EXPECT_STREQ(buf, L"x 3 y");
  std::wstring wide(2000, L'w');
  EXPECT_EQ(wsprintfW(buf, L"%s", wide.c_str()), 1023);
  EXPECT_EQ(buf[1023], L'\0');
  char a[16];
  EXPECT_EQ(wsprintfA(a, "%s-%S", "n", L"w"), 3);
  EXPECT_STREQ(a, "n-w");
}

TEST(CrtTest, SnwprintfIsMicrosoftsBoundedPrintf) {
  wchar_t buf[4] = {L'x', L'x', L'x', L'x'};
  EXPECT_EQ(_snwprintf(buf, 4, L"%s", L"ab"), 2);
  EXPECT_STREQ(buf, L"ab");
  EXPECT_EQ(_snwprintf(buf, 4, L"%s", L"abcd"), 4);  // fits exactly: no NUL
  EXPECT_EQ(buf[3], L'd');
  EXPECT_EQ(_snwprintf(buf, 4, L"%s", L"abcde"), -1);
  char a[8];
  EXPECT_EQ(_snprintf(a, sizeof a, "%S", L"wide"), 4);
  EXPECT_STREQ(a, "wide");
  EXPECT_EQ(_scwprintf(L"%s%d", L"ab", 10), 4);
  wchar_t big[16];
  EXPECT_EQ(_swprintf(big, L"%s!", L"hi"), 3);
  EXPECT_STREQ(big, L"hi!");
}

TEST(CrtTest, WideOutputIsUtf8OnAByteStream) {
  FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(OpenRas_fwprintf(f, L"%s %S\n", L"Büro", "ok"), 8);
  EXPECT_EQ(std::fputs("narrow\n", f), 1);  // the stream stays byte-oriented
  EXPECT_EQ(OpenRas_fputws(L"€\n", f), 0);
  std::rewind(f);
  char line[64];
  ASSERT_NE(std::fgets(line, sizeof line, f), nullptr);
  EXPECT_STREQ(line, "Büro ok\n");
  ASSERT_NE(std::fgets(line, sizeof line, f), nullptr);
  EXPECT_STREQ(line, "narrow\n");
  std::rewind(f);
  wchar_t wline[16];
  ASSERT_NE(OpenRas_fgetws(wline, 16, f), nullptr);
  EXPECT_STREQ(wline, L"Büro ok\n");
  ASSERT_NE(OpenRas_fgetws(wline, 16, f), nullptr);
  ASSERT_NE(OpenRas_fgetws(wline, 16, f), nullptr);
  EXPECT_STREQ(wline, L"€\n");
  EXPECT_EQ(OpenRas_fgetws(wline, 16, f), nullptr);
  std::fclose(f);
}

TEST(CrtTest, TcharHelpersCompareWithoutCase) {
  EXPECT_EQ(_wcsicmp(L"Hello", L"hELLO"), 0);
  EXPECT_LT(_wcsicmp(L"abc", L"ABD"), 0);
  EXPECT_EQ(_wcsnicmp(L"abcX", L"ABCy", 3), 0);
  EXPECT_EQ(_stricmp("RAS", "ras"), 0);
  EXPECT_EQ(_wtoi(L"42x"), 42);
  wchar_t text[] = L"a,b";
  EXPECT_STREQ(_wcstok(text, L","), L"a");
  EXPECT_STREQ(_wcstok(nullptr, L","), L"b");
  EXPECT_EQ(_wcstok(nullptr, L","), nullptr);
}

int g_wmain_argc = 0;
std::wstring g_wmain_args;
int record_wmain(int argc, wchar_t** argv) {
  g_wmain_argc = argc;
  for (int i = 0; i < argc; ++i) g_wmain_args += std::wstring(argv[i]) + L"|";
  return argv[argc] == nullptr ? 7 : 8;
}

TEST(CrtTest, WmainGetsTheArgumentsAsWideStrings) {
  char a0[] = "prog";
  char a1[] =
      "Gr\xc3\xbc\xc3\x9f"
      "e";
  char a2[] = "bad\xff";
  char* argv[] = {a0, a1, a2, nullptr};
  EXPECT_EQ(OpenRasCallWMain(3, argv, record_wmain), 7);
  EXPECT_EQ(g_wmain_argc, 3);
  EXPECT_EQ(g_wmain_args, L"prog|Grüße|bad\xFFFD|");
}

TEST(CrtTest, WideFileNamesAndEnvironmentAreUtf8) {
  ::setenv("OPENRAS_CRT_TEST", "wert \xc3\xa4", 1);
  const wchar_t* value = _wgetenv(L"OPENRAS_CRT_TEST");
  ASSERT_NE(value, nullptr);
  EXPECT_STREQ(value, L"wert ä");
  EXPECT_EQ(_wgetenv(L"OPENRAS_CRT_TEST_UNSET"), nullptr);
  std::string dir = ::testing::TempDir();
  std::wstring path(dir.begin(), dir.end());
  path += L"/crt-ä.txt";
  FILE* f = _wfopen(path.c_str(), L"w");
  ASSERT_NE(f, nullptr);
  std::fclose(f);
  std::string utf8 = dir + "/crt-\xc3\xa4.txt";
  EXPECT_EQ(::access(utf8.c_str(), F_OK), 0);
  ::unlink(utf8.c_str());
}

TEST(MsFormatTest, TranslatesEachFamilysDirectives) {
  auto wide =
      translate_format(std::wstring_view(L"%s %S %hs %ls %ws %c %C %-5.*s %ld %I64x %I32u %Id %%"));
  ASSERT_TRUE(wide) << wide.error().message;
  EXPECT_EQ(*wide, L"%ls %s %s %ls %ls %lc %c %-5.*ls %d %llx %u %zd %%");
  auto narrow = translate_format(std::string_view("%s %S %hs %ls %c %C %lu %I64d %5.2f %Lg %p"));
  ASSERT_TRUE(narrow) << narrow.error().message;
  EXPECT_EQ(*narrow, "%s %ls %s %ls %c %lc %u %lld %5.2f %Lg %p");
}

TEST(MsFormatTest, RefusesWhatMicrosoftsPrintfDoesNotKnowNamingTheOffset) {
  for (const char* bad : {"ab%n", "%1$s", "%y", "tail %", "%hf", "%ws"}) {
    auto r = translate_format(std::string_view(bad));
    if (std::string(bad) == "%ws") {
      EXPECT_TRUE(r);  // %ws is a wide string in both families
      continue;
    }
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, Errc::kInvalidArgument);
    EXPECT_NE(r.error().message.find("at offset"), std::string::npos) << r.error().message;
  }
  EXPECT_NE(translate_format(std::string_view("ab%n")).error().message.find("offset 2"),
            std::string::npos);
}

}  // namespace
}  // namespace openras::win32
