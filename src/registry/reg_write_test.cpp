// reg_write_test.cpp: the .reg writer: exact text, and every value surviving a round trip.
#include <gtest/gtest.h>

#include "registry/reg_format.h"
#include "registry/test_support.h"
#include "registry/value_data.h"

namespace openras::registry {
namespace {

using namespace std::string_literals;
using testing::utf16;

Key reparse(const std::string& text, RootKey root) {
  auto file = parse_reg(text, "written.reg");
  EXPECT_TRUE(file) << (file ? "" : file.error().message) << "\n" << text;
  Key tree;
  if (file) apply_reg(*file, root, tree);
  return tree;
}

TEST(RegWrite, HiveTextIsWhatRegeditWrites) {
  Key root;
  Key& params = root.ensure({L"System", L"Rasman", L"Parameters"});
  params.set_value(Value{L"CustomDLL", kRegMultiSz, utf16(L"/a.so\0/b.so\0\0"s)});
  params.set_value(Value{L"", kRegSz, utf16(L"C:\\dir \"x\"\0"s)});
  params.set_value(Value{L"Flags", kRegDword, "\x2a\0\0\0"s});
  params.set_value(Value{L"Big", kRegQword, "\x01\0\0\0\0\0\0\0"s});
  params.set_value(Value{L"Blob", kRegBinary, "\xde\xad"s});
  params.set_value(Value{L"Odd", 0x1234, ""});
  EXPECT_EQ(write_reg(RootKey::kLocalMachine, {}, root, RegEncoding::kUtf8),
            "Windows Registry Editor Version 5.00\n"
            "\n"
            "[HKEY_LOCAL_MACHINE\\System]\n"
            "\n"
            "[HKEY_LOCAL_MACHINE\\System\\Rasman]\n"
            "\n"
            "[HKEY_LOCAL_MACHINE\\System\\Rasman\\Parameters]\n"
            "\"CustomDLL\"=hex(7):2f,00,61,00,2e,00,73,00,6f,00,00,00,2f,00,62,00,2e,00,73,00,\\\n"
            "  6f,00,00,00,00,00\n"
            "@=\"C:\\\\dir \\\"x\\\"\"\n"
            "\"Flags\"=dword:0000002a\n"
            "\"Big\"=hex(b):01,00,00,00,00,00,00,00\n"
            "\"Blob\"=hex:de,ad\n"
            "\"Odd\"=hex(1234):\n"
            "\n");
}

TEST(RegWrite, ExportIsUtf16WithBomAndCrlf) {
  Key root;
  root.ensure({L"Software"}).set_value(Value{L"a", kRegSz, utf16(L"\u00e9\0"s)});
  std::string text = write_reg(RootKey::kCurrentUser, {}, root, RegEncoding::kUtf16le);
  std::string expected = "\xff\xfe"s + utf16(
                                           L"Windows Registry Editor Version 5.00\r\n\r\n"
                                           L"[HKEY_CURRENT_USER\\Software]\r\n"
                                           L"\"a\"=\"\u00e9\"\r\n\r\n");
  EXPECT_EQ(text, expected);
}

TEST(RegWrite, SubtreeExportNamesTheFullPath) {
  Key root;
  root.ensure({L"A", L"B", L"C"}).set_value(Value{L"v", kRegDword, "\1\0\0\0"s});
  const Key* b = root.find({L"A", L"B"});
  std::string text = write_reg(RootKey::kLocalMachine, {L"A", L"B"}, *b, RegEncoding::kUtf8);
  EXPECT_EQ(text,
            "Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\A\\B]\n\n"
            "[HKEY_LOCAL_MACHINE\\A\\B\\C]\n\"v\"=dword:00000001\n\n");
}

TEST(RegWrite, StringsAQuotedStringCannotHoldGoOutAsHex) {
  Key root;
  Key& key = root.ensure({L"K"});
  key.set_value(Value{L"newline", kRegSz, utf16(L"a\r\nb\0"s)});
  key.set_value(Value{L"unterminated", kRegSz, utf16(L"abc")});
  key.set_value(Value{L"embedded", kRegSz, utf16(L"a\0b\0"s)});
  key.set_value(Value{L"empty", kRegSz, ""});
  key.set_value(Value{L"short dword", kRegDword, "\1\2\3"s});
  key.set_value(Value{L"long", kRegSz, utf16(std::wstring(70000, L'x') + L'\0')});
  std::string text = write_reg(RootKey::kCurrentUser, {}, root, RegEncoding::kUtf8);
  EXPECT_NE(text.find("\"newline\"=hex(1):61,00,0d,00,0a,00,62,00,00,00\n"), std::string::npos);
  EXPECT_NE(text.find("\"unterminated\"=hex(1):61,00,62,00,63,00\n"), std::string::npos);
  EXPECT_NE(text.find("\"empty\"=hex(1):\n"), std::string::npos);
  EXPECT_NE(text.find("\"short dword\"=hex(4):01,02,03\n"), std::string::npos);
  EXPECT_NE(text.find("\"long\"=hex(1):78,00"), std::string::npos);
  Key back = reparse(text, RootKey::kCurrentUser);
  const Key* k = back.find({L"K"});
  ASSERT_NE(k, nullptr);
  for (size_t i = 0; i < key.value_count(); ++i) {
    const Value& original = key.value_at(i);
    const Value* copy = k->find_value(original.name);
    ASSERT_NE(copy, nullptr) << display(original.name);
    EXPECT_EQ(copy->type, original.type) << display(original.name);
    EXPECT_EQ(copy->data, original.data) << display(original.name);
  }
}

TEST(RegWrite, NamesWithQuotesAndBackslashesRoundTrip) {
  Key root;
  root.ensure({L"Odd ]name[", L"caf\u00e9"})
      .set_value(Value{L"a \"b\" \\c\\", kRegSz, utf16(L"\\\\server\\share\\\0"s)});
  for (auto encoding : {RegEncoding::kUtf8, RegEncoding::kUtf16le}) {
    std::string text = write_reg(RootKey::kLocalMachine, {}, root, encoding);
    Key back = reparse(text, RootKey::kLocalMachine);
    const Key* key = back.find({L"odd ]NAME[", L"CAF\u00c9"});
    ASSERT_NE(key, nullptr);
    EXPECT_EQ(key->name(), L"caf\u00e9");
    ASSERT_NE(key->find_value(L"A \"B\" \\C\\"), nullptr);
    EXPECT_EQ(key->value_at(0).data, utf16(L"\\\\server\\share\\\0"s));
    EXPECT_EQ(write_reg(RootKey::kLocalMachine, {}, back, encoding), text);
  }
}

TEST(RegWrite, RootValuesGetARootSection) {
  Key root;
  root.set_value(Value{L"top", kRegDword, "\0\0\0\0"s});
  EXPECT_EQ(
      write_reg(RootKey::kCurrentUser, {}, root, RegEncoding::kUtf8),
      "Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER]\n\"top\"=dword:00000000\n\n");
  Key empty;
  EXPECT_EQ(write_reg(RootKey::kCurrentUser, {}, empty, RegEncoding::kUtf8),
            "Windows Registry Editor Version 5.00\n\n");
}

}  // namespace
}  // namespace openras::registry
