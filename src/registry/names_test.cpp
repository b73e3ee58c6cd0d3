// names_test.cpp: root names, case-insensitive comparison, key paths and name rules.
#include "registry/names.h"

#include <gtest/gtest.h>

namespace openras::registry {
namespace {

TEST(RootNames, FullNamesAndAbbreviationsInAnyCase) {
  EXPECT_EQ(root_from_name(L"HKEY_LOCAL_MACHINE"), RootKey::kLocalMachine);
  EXPECT_EQ(root_from_name(L"hklm"), RootKey::kLocalMachine);
  EXPECT_EQ(root_from_name(L"Hkey_Current_User"), RootKey::kCurrentUser);
  EXPECT_EQ(root_from_name(L"HKCU"), RootKey::kCurrentUser);
  EXPECT_FALSE(root_from_name(L"HKEY_CLASSES_ROOT"));
  EXPECT_FALSE(root_from_name(L"HKLM2"));
  EXPECT_FALSE(root_from_name(L""));
  EXPECT_EQ(root_name(RootKey::kLocalMachine), L"HKEY_LOCAL_MACHINE");
  EXPECT_EQ(root_name_utf8(RootKey::kCurrentUser), "HKEY_CURRENT_USER");
}

TEST(NameComparison, IgnoresCaseBeyondAscii) {
  EXPECT_TRUE(names_equal(L"CustomDLL", L"customdll"));
  EXPECT_TRUE(names_equal(L"Caf\u00e9", L"CAF\u00c9"));
  EXPECT_TRUE(names_equal(L"\u03a3\u03bf\u03c6\u03af\u03b1", L"\u03c3\u03bf\u03c6\u03af\u03b1"));
  EXPECT_FALSE(names_equal(L"a", L"ab"));
  EXPECT_FALSE(names_equal(L"Rasman", L"RasMan2"));
  EXPECT_EQ(fold_name(L"Parameters"), L"PARAMETERS");
}

TEST(KeyPaths, SplitLikeWindows) {
  auto path = split_key_path(L"System\\\\CurrentControlSet\\Services\\");
  ASSERT_TRUE(path);
  EXPECT_EQ(*path, (KeyPath{L"System", L"CurrentControlSet", L"Services"}));
  auto empty = split_key_path(L"");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
  EXPECT_EQ(join_key_path(*path), L"System\\CurrentControlSet\\Services");
}

TEST(KeyPaths, RejectLongNamesAndDeepPaths) {
  auto longest = split_key_path(std::wstring(255, L'k'));
  EXPECT_TRUE(longest);
  auto too_long = split_key_path(std::wstring(256, L'k'));
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, Errc::kInvalidArgument);
  std::wstring deep;
  for (int i = 0; i < 513; ++i) deep += L"k\\";
  EXPECT_FALSE(split_key_path(deep));
}

TEST(NameRules, WhatAFileCanHold) {
  EXPECT_TRUE(validate_key_name(L"Parameters"));
  EXPECT_FALSE(validate_key_name(L""));
  EXPECT_FALSE(validate_key_name(L"a\\b"));
  EXPECT_FALSE(validate_key_name(L"a\nb"));
  EXPECT_FALSE(validate_key_name(std::wstring(1, static_cast<wchar_t>(0xD800))));
  EXPECT_TRUE(validate_value_name(L""));
  EXPECT_TRUE(validate_value_name(L"with \"quotes\" and \\"));
  EXPECT_FALSE(validate_value_name(L"line\rbreak"));
  EXPECT_FALSE(validate_value_name(std::wstring(16384, L'v')));
  EXPECT_TRUE(validate_value_name(std::wstring(16383, L'v')));
}

TEST(Display, NeverFails) {
  EXPECT_EQ(display(L"caf\u00e9"), "caf\xc3\xa9");
  EXPECT_EQ(display(std::wstring(1, static_cast<wchar_t>(0xDC00))), "\xef\xbf\xbd");
}

}  // namespace
}  // namespace openras::registry
