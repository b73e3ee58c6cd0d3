// error_text_test.cpp: tests for error_text() and the code values in raserror.h / winerror.h.
#include "rasapi/error_text.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstring>
#include <map>
#include <string>

#include "raserror.h"
#include "winerror.h"

namespace openras::rasapi {
namespace {

// Every code winerror.h defines, so a code added there without a message fails here.
constexpr unsigned kWin32Codes[] = {
    ERROR_SUCCESS,
    NO_ERROR,
    ERROR_INVALID_FUNCTION,
    ERROR_FILE_NOT_FOUND,
    ERROR_PATH_NOT_FOUND,
    ERROR_TOO_MANY_OPEN_FILES,
    ERROR_ACCESS_DENIED,
    ERROR_INVALID_HANDLE,
    ERROR_NOT_ENOUGH_MEMORY,
    ERROR_INVALID_DATA,
    ERROR_OUTOFMEMORY,
    ERROR_WRITE_PROTECT,
    ERROR_SHARING_VIOLATION,
    ERROR_LOCK_VIOLATION,
    ERROR_HANDLE_EOF,
    ERROR_NOT_SUPPORTED,
    ERROR_FILE_EXISTS,
    ERROR_CANNOT_MAKE,
    ERROR_INVALID_PARAMETER,
    ERROR_BROKEN_PIPE,
    ERROR_OPEN_FAILED,
    ERROR_BUFFER_OVERFLOW,
    ERROR_DISK_FULL,
    ERROR_CALL_NOT_IMPLEMENTED,
    ERROR_SEM_TIMEOUT,
    ERROR_INSUFFICIENT_BUFFER,
    ERROR_INVALID_NAME,
    ERROR_INVALID_LEVEL,
    ERROR_MOD_NOT_FOUND,
    ERROR_PROC_NOT_FOUND,
    ERROR_DIR_NOT_EMPTY,
    ERROR_BAD_ARGUMENTS,
    ERROR_BAD_PATHNAME,
    ERROR_BUSY,
    ERROR_ALREADY_EXISTS,
    ERROR_BAD_EXE_FORMAT,
    ERROR_FILENAME_EXCED_RANGE,
    ERROR_MORE_DATA,
    ERROR_NO_MORE_ITEMS,
    ERROR_NOACCESS,
    ERROR_INVALID_FLAGS,
    ERROR_BADDB,
    ERROR_BADKEY,
    ERROR_CANTOPEN,
    ERROR_CANTREAD,
    ERROR_CANTWRITE,
    ERROR_REGISTRY_CORRUPT,
    ERROR_REGISTRY_IO_FAILED,
    ERROR_KEY_DELETED,
    ERROR_SERVICE_NOT_ACTIVE,
    ERROR_NO_UNICODE_TRANSLATION,
    ERROR_DLL_INIT_FAILED,
    ERROR_NOT_FOUND,
    ERROR_CANCELLED,
    ERROR_CONNECTION_REFUSED,
    ERROR_PRIVILEGE_NOT_HELD,
    ERROR_LOGON_FAILURE,
    ERROR_INVALID_WINDOW_HANDLE,
    ERROR_TIMEOUT,
    ERROR_DATATYPE_MISMATCH,
    ERROR_UNSUPPORTED_TYPE,
    ERROR_INVALID_USER_BUFFER,
};

TEST(RasErrorCodes, HaveTheWindowsValues) {
  EXPECT_EQ(RASBASE, 600);
  EXPECT_EQ(SUCCESS, 0);
  EXPECT_EQ(PENDING, 600);
  EXPECT_EQ(ERROR_BUFFER_TOO_SMALL, 603);
  EXPECT_EQ(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, 623);
  EXPECT_EQ(ERROR_INVALID_SIZE, 632);
  EXPECT_EQ(WARNING_MSG_ALIAS_NOT_ADDED, 644);
  EXPECT_EQ(ERROR_LINE_BUSY, 676);
  EXPECT_EQ(ERROR_NO_CARRIER, 679);
  EXPECT_EQ(ERROR_NO_DIALTONE, 680);
  EXPECT_EQ(ERROR_AUTHENTICATION_FAILURE, 691);
  EXPECT_EQ(ERROR_CANNOT_DO_CUSTOMDIAL, 755);
  EXPECT_EQ(ERROR_INVALID_FUNCTION_FOR_ENTRY, 780);
  EXPECT_EQ(ERROR_DEVICE_COMPLIANCE, 875);
  EXPECT_EQ(RASBASEEND, 875);
}

TEST(Win32ErrorCodes, HaveTheWindowsValues) {
  EXPECT_EQ(ERROR_SUCCESS, 0);
  EXPECT_EQ(NO_ERROR, 0);
  EXPECT_EQ(ERROR_ACCESS_DENIED, 5);
  EXPECT_EQ(ERROR_INVALID_HANDLE, 6);
  EXPECT_EQ(ERROR_INVALID_PARAMETER, 87);
  EXPECT_EQ(ERROR_INSUFFICIENT_BUFFER, 122);
  EXPECT_EQ(ERROR_ALREADY_EXISTS, 183);
  EXPECT_EQ(ERROR_CANCELLED, 1223);
  EXPECT_EQ(ERROR_INVALID_USER_BUFFER, 1784);
}

TEST(ErrorText, EveryRasCodeHasASentence) {
  for (unsigned code = RASBASE; code <= RASBASEEND; ++code) {
    SCOPED_TRACE(code);
    const char* text = error_text(code);
    ASSERT_NE(text, nullptr);
    const std::size_t length = std::strlen(text);
    ASSERT_GT(length, 0u);
    EXPECT_TRUE(std::isupper(static_cast<unsigned char>(text[0]))) << text;
    EXPECT_EQ(text[length - 1], '.') << text;
  }
}

TEST(ErrorText, EveryWin32CodeHasASentence) {
  for (unsigned code : kWin32Codes) {
    SCOPED_TRACE(code);
    const char* text = error_text(code);
    ASSERT_NE(text, nullptr);
    const std::size_t length = std::strlen(text);
    ASSERT_GT(length, 0u);
    EXPECT_TRUE(std::isupper(static_cast<unsigned char>(text[0]))) << text;
    EXPECT_EQ(text[length - 1], '.') << text;
  }
}

TEST(ErrorText, UnknownCodesGiveNull) {
  EXPECT_EQ(error_text(599), nullptr);
  EXPECT_EQ(error_text(876), nullptr);
  EXPECT_EQ(error_text(0xFFFFFFFFu), nullptr);
  EXPECT_EQ(error_text(7), nullptr);     // between ERROR_INVALID_HANDLE and NOT_ENOUGH_MEMORY
  EXPECT_EQ(error_text(1785), nullptr);  // just past the last table entry
}

TEST(ErrorText, CustomDialMessageNamesTheAllowList) {
  const std::string text = error_text(ERROR_CANNOT_DO_CUSTOMDIAL);
  EXPECT_NE(text.find("CustomDLL"), std::string::npos) << text;
}

TEST(ErrorText, NoTwoCodesShareAText) {
  std::map<std::string, unsigned> seen;
  auto check = [&seen](unsigned code) {
    const char* text = error_text(code);
    ASSERT_NE(text, nullptr) << code;
    auto [it, inserted] = seen.emplace(text, code);
    // ERROR_SUCCESS and NO_ERROR are the same code, so they may meet here.
    EXPECT_TRUE(inserted || it->second == code)
        << "codes " << it->second << " and " << code << " share: " << text;
  };
  for (unsigned code = RASBASE; code <= RASBASEEND; ++code) check(code);
  for (unsigned code : kWin32Codes) check(code);
}

}  // namespace
}  // namespace openras::rasapi
