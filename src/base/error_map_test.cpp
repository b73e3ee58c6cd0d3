// error_map_test.cpp: the single Errc → Win32/RAS mapping and errno translation.
#include <gtest/gtest.h>

#include <cerrno>

#include "base/result.h"
#include "raserror.h"
#include "winerror.h"

namespace openras {
namespace {

TEST(ErrorMap, MapsToDocumentedCodes) {
  EXPECT_EQ(win32_code(Errc::kInvalidArgument), static_cast<unsigned>(ERROR_INVALID_PARAMETER));
  EXPECT_EQ(win32_code(Errc::kInvalidSize), 632u);
  EXPECT_EQ(win32_code(Errc::kBufferTooSmall), 603u);
  EXPECT_EQ(win32_code(Errc::kAccessDenied), 5u);
  EXPECT_EQ(win32_code(Errc::kEntryNotFound), 623u);
  EXPECT_EQ(win32_code(Errc::kPhonebookCorrupt), 625u);
  EXPECT_EQ(win32_code(Errc::kCannotDoCustomDial), 755u);
  EXPECT_EQ(win32_code(Errc::kAlreadyExists), 183u);
  EXPECT_EQ(win32_code(Errc::kInvalidName), 123u);
  EXPECT_EQ(win32_code(Errc::kMoreData), 234u);
  EXPECT_EQ(win32_code(Errc::kCancelled), 1223u);
  EXPECT_EQ(win32_code(Errc::kProjectionNotComplete), 730u);
  EXPECT_EQ(win32_code(Errc::kScriptSyntax), 752u);
}

TEST(ErrorMap, EveryErrcHasANameAndACode) {
  for (int i = 0; i <= static_cast<int>(Errc::kUnknown); ++i) {
    auto code = static_cast<Errc>(i);
    EXPECT_FALSE(errc_name(code).empty());
    EXPECT_NE(win32_code(code), 0u) << errc_name(code);
  }
}

TEST(ErrorMap, ErrnoErrorsNameWhatFailed) {
  Error e = errno_error(ENOENT, "/etc/openras/registry/HKLM.reg");
  EXPECT_EQ(e.code, Errc::kNotFound);
  EXPECT_EQ(e.sys_errno, ENOENT);
  EXPECT_EQ(e.message, "/etc/openras/registry/HKLM.reg: No such file or directory");
  EXPECT_EQ(errno_error(EACCES, "x").code, Errc::kAccessDenied);
  EXPECT_EQ(errno_error(EPERM, "x").code, Errc::kAccessDenied);
  EXPECT_EQ(errno_error(EEXIST, "x").code, Errc::kAlreadyExists);
  EXPECT_EQ(errno_error(EIO, "x").code, Errc::kIo);
}

TEST(ErrorMap, WithContextPrefixes) {
  Error e{Errc::kPhonebookCorrupt, "line 12: key \"PhoneNumber\" too long", 0};
  EXPECT_EQ(e.with_context("rasphone.pbk").message,
            "rasphone.pbk: line 12: key \"PhoneNumber\" too long");
}

}  // namespace
}  // namespace openras
