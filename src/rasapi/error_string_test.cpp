// error_string_test.cpp: RasGetErrorStringW/A buffer conventions.
#include <gtest/gtest.h>

#include <cwchar>

#include "ras.h"
#include "raserror.h"

namespace {

TEST(RasGetErrorString, EveryRasCodeHasAMessage) {
  for (UINT code = RASBASE; code <= RASBASEEND; ++code) {
    WCHAR buffer[512];
    ASSERT_EQ(RasGetErrorStringW(code, buffer, 512), static_cast<DWORD>(ERROR_SUCCESS)) << code;
    EXPECT_GT(wcslen(buffer), 10u) << code;
  }
}

TEST(RasGetErrorString, EntryNotFoundMessage) {
  WCHAR wide[512];
  ASSERT_EQ(RasGetErrorStringW(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, wide, 512), 0u);
  CHAR narrow[512];
  ASSERT_EQ(RasGetErrorStringA(623, narrow, sizeof narrow), 0u);
  EXPECT_NE(std::string(narrow).find("phone book entry"), std::string::npos) << narrow;
  EXPECT_EQ(wcslen(wide), strlen(narrow)) << "ASCII messages: W and A agree";
}

TEST(RasGetErrorString, UnknownCodeIsInvalidParameter) {
  WCHAR buffer[64];
  EXPECT_EQ(RasGetErrorStringW(599, buffer, 64), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  EXPECT_EQ(RasGetErrorStringW(876, buffer, 64), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  EXPECT_EQ(RasGetErrorStringA(0xFFFFFFFFu, reinterpret_cast<LPSTR>(buffer), 64),
            static_cast<DWORD>(ERROR_INVALID_PARAMETER));
}

TEST(RasGetErrorString, NullBufferIsInvalidParameter) {
  EXPECT_EQ(RasGetErrorStringW(623, nullptr, 100), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
  EXPECT_EQ(RasGetErrorStringA(623, nullptr, 100), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
}

TEST(RasGetErrorString, ShortBufferIsInsufficientAndEmpty) {
  WCHAR full[512];
  ASSERT_EQ(RasGetErrorStringW(755, full, 512), 0u);
  size_t needed = wcslen(full) + 1;
  WCHAR exact[512];
  EXPECT_EQ(RasGetErrorStringW(755, exact, static_cast<DWORD>(needed)), 0u);
  EXPECT_STREQ(exact, full);
  WCHAR shorter[512];
  shorter[0] = L'x';
  EXPECT_EQ(RasGetErrorStringW(755, shorter, static_cast<DWORD>(needed - 1)),
            static_cast<DWORD>(ERROR_INSUFFICIENT_BUFFER));
  EXPECT_EQ(shorter[0], L'\0');
  EXPECT_EQ(RasGetErrorStringW(755, shorter, 0), static_cast<DWORD>(ERROR_INSUFFICIENT_BUFFER));
  char narrow[8];
  EXPECT_EQ(RasGetErrorStringA(755, narrow, sizeof narrow),
            static_cast<DWORD>(ERROR_INSUFFICIENT_BUFFER));
}

TEST(RasGetErrorString, Win32CodesRasReturns) {
  WCHAR buffer[512];
  for (UINT code : {0u, 2u, 5u, 6u, 8u, 87u, 122u, 123u, 183u, 1223u}) {
    EXPECT_EQ(RasGetErrorStringW(code, buffer, 512), 0u) << code;
  }
}

}  // namespace
