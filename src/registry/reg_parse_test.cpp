// reg_parse_test.cpp: the .reg reader: a Windows export, the other dialects, and bad
// input, each error naming file, line and problem.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <ostream>

#include "registry/reg_format.h"
#include "registry/test_support.h"
#include "registry/value_data.h"

namespace openras::registry {
namespace {

using namespace std::string_literals;
using testing::utf16;

std::string corpus(const std::string& name) {
  std::string path = std::string(OPENRAS_TEST_SOURCE_DIR) + "/fuzz/corpus/reg/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read " << path;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

Key tree_of(const RegFile& file, RootKey root) {
  Key tree;
  apply_reg(file, root, tree);
  return tree;
}

const KeyPath kParameters = {L"SYSTEM", L"CurrentControlSet", L"Services", L"RasMan",
                             L"Parameters"};

TEST(RegParse, WindowsExportUtf16WithBom) {
  auto file = parse_reg(corpus("windows-export-rasman.reg"), "export.reg");
  ASSERT_TRUE(file) << file.error().message;
  EXPECT_FALSE(file->regedit4);
  ASSERT_EQ(file->sections.size(), 3u);
  Key machine = tree_of(*file, RootKey::kLocalMachine);
  const Key* params = machine.find(kParameters);
  ASSERT_NE(params, nullptr);
  EXPECT_EQ(params->value_count(), 12u);

  const Value* custom = params->find_value(L"customdll");
  ASSERT_NE(custom, nullptr);
  EXPECT_EQ(custom->type, kRegMultiSz);
  EXPECT_EQ(custom->data, utf16(L"C:\\Program Files\\Contoso\\ContosoDialer.dll\0"
                                L"C:\\Windows\\System32\\cmdial32.dll\0\0"s));
  EXPECT_EQ(params->find_value(L"ServiceDll")->type, kRegExpandSz);
  EXPECT_EQ(params->find_value(L"ServiceDll")->data,
            utf16(L"%SystemRoot%\\System32\\rasmans.dll\0"s));
  EXPECT_EQ(params->find_value(L"MaxPorts")->data, "\xff\xff\0\0"s);
  EXPECT_EQ(params->find_value(L"MaxPorts")->type, kRegDword);
  EXPECT_EQ(params->find_value(L"AllocatedMemory")->type, kRegQword);
  EXPECT_EQ(params->find_value(L"AllocatedMemory")->data, "\0\0\x10\0\0\0\0\0"s);
  EXPECT_EQ(params->find_value(L"Signature")->data.size(), 40u);
  EXPECT_EQ(params->find_value(L"")->data, utf16(L"RAS parameters\0"s));
  EXPECT_EQ(params->find_value(L"Quoted \"name\"")->data, utf16(L"C:\\Path\\with \"quotes\"\0"s));
  EXPECT_EQ(params->find_value(L"NoneValue")->type, kRegNone);
  EXPECT_TRUE(params->find_value(L"NoneValue")->data.empty());
  EXPECT_EQ(params->find_value(L"Vendor")->type, 0x8000000au);
  EXPECT_EQ(params->find_value(L"Vendor")->data, "\xde\xad\xbe\xef"s);
  EXPECT_NE(machine.find({L"system", L"currentcontrolset", L"services", L"rasman", L"parameters",
                          L"config"}),
            nullptr);

  Key user = tree_of(*file, RootKey::kCurrentUser);
  const Key* dialer = user.find({L"Software", L"Contoso", L"Dialer"});
  ASSERT_NE(dialer, nullptr);
  EXPECT_EQ(dialer->find_value(L"Phone")->data,
            utf16(L"555-0100 (caf\u00e9, \u6771\u4eac, \U0001F4DE)\0"s));
}

TEST(RegParse, Regedit4HoldsEightBitStrings) {
  auto file = parse_reg(corpus("regedit4.reg"), "old.reg");
  ASSERT_TRUE(file) << file.error().message;
  EXPECT_TRUE(file->regedit4);
  Key tree = tree_of(*file, RootKey::kLocalMachine);
  const Key* old = tree.find({L"Software", L"Old"});
  ASSERT_NE(old, nullptr);
  EXPECT_EQ(old->find_value(L"Path")->data, utf16(L"%PATH%\0"s));
  EXPECT_EQ(old->find_value(L"List")->data, utf16(L"a\0b\0\0"s));
  EXPECT_EQ(old->find_value(L"Name")->data, utf16(L"legacy\0"s));
}

TEST(RegParse, DeletionsContinuationsAndUtf8Bom) {
  Key tree;
  tree.ensure({L"Software", L"Old", L"Deep"});
  tree.ensure({L"Software", L"New"}).set_value(Value{L"gone", kRegSz, utf16(L"x\0"s)});
  auto file = parse_reg(corpus("utf8-bom-deletions.reg"), "changes.reg");
  ASSERT_TRUE(file) << file.error().message;
  apply_reg(*file, RootKey::kCurrentUser, tree);
  EXPECT_EQ(tree.find({L"Software", L"Old"}), nullptr);
  const Key* added = tree.find({L"Software", L"New"});
  ASSERT_NE(added, nullptr);
  EXPECT_EQ(added->find_value(L"gone"), nullptr);
  EXPECT_EQ(added->find_value(L"")->data, utf16(L"default\0"s));
  EXPECT_EQ(added->find_value(L"bin")->data, "\0\x01\x02\x03"s);
  EXPECT_EQ(added->find_value(L"caf\u00e9")->data, utf16(L"\u00fcml\u00e4ut\0"s));
}

TEST(RegParse, SectionsOfOtherRootsAreLeftAlone) {
  auto file = parse_reg(corpus("windows-export-rasman.reg"), "export.reg");
  ASSERT_TRUE(file);
  Key user = tree_of(*file, RootKey::kCurrentUser);
  EXPECT_EQ(user.find({L"SYSTEM"}), nullptr);
}

TEST(RegParse, ForeignRootsAreSkippedOnlyWhenAsked) {
  const std::string text =
      "Windows Registry Editor Version 5.00\n\n[HKEY_CLASSES_ROOT\\.pbk]\n@=\"x\"\n\n"
      "[HKLM\\Software\\A]\n\"v\"=dword:1\n\n[hku\\S-1-5-18]\n\"w\"=dword:2\n";
  auto strict = parse_reg(text, "w.reg");
  ASSERT_FALSE(strict);  // hive files never hold another root
  EXPECT_NE(strict.error().message.find("w.reg line 3: unknown root key"), std::string::npos);
  auto file = parse_reg(text, "w.reg", ForeignRoots::kSkip);
  ASSERT_TRUE(file) << file.error().message;
  ASSERT_EQ(file->sections.size(), 1u);
  EXPECT_EQ(file->sections[0].root, RootKey::kLocalMachine);
  EXPECT_EQ(file->sections[0].values.size(), 1u);
  EXPECT_EQ(file->skipped, (std::vector<std::string>{"line 3: [HKEY_CLASSES_ROOT\\.pbk]",
                                                     "line 9: [hku\\S-1-5-18]"}));
  // A typo is not a foreign root: the file still fails as a whole.
  EXPECT_FALSE(parse_reg(text + "[HKEY_LOCL_MACHINE\\x]\n", "w.reg", ForeignRoots::kSkip));
}

TEST(RegParse, LaterValuesReplaceEarlierOnes) {
  auto file = parse_reg(
      "Windows Registry Editor Version 5.00\r\n[HKCU\\A]\r\n\"v\"=dword:1\r\n"
      "[HKCU\\a]\r\n\"V\"=\"s\"\r\n",
      "twice.reg");
  ASSERT_TRUE(file) << file.error().message;
  Key tree = tree_of(*file, RootKey::kCurrentUser);
  EXPECT_EQ(tree.find({L"A"})->find_value(L"v")->type, kRegSz);
}

struct BadInput {
  const char* name;
  std::string text;
  const char* expected;  // in the message, after "bad.reg line N: "
  size_t line;
};

// Test names print the case, not the structure's bytes.
void PrintTo(const BadInput& bad, std::ostream* out) { *out << bad.name; }

class RegParseBad : public ::testing::TestWithParam<BadInput> {};

TEST_P(RegParseBad, NamesFileLineAndProblem) {
  const BadInput& bad = GetParam();
  auto file = parse_reg(bad.text, "bad.reg");
  ASSERT_FALSE(file) << bad.name;
  EXPECT_EQ(file.error().code, Errc::kInvalidData);
  std::string prefix = "bad.reg line " + std::to_string(bad.line) + ": ";
  EXPECT_EQ(file.error().message.rfind(prefix, 0), 0u) << file.error().message;
  EXPECT_NE(file.error().message.find(bad.expected), std::string::npos) << file.error().message;
}

const std::string kHead = "Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\x]\n";

INSTANTIATE_TEST_SUITE_P(
    Malformed, RegParseBad,
    ::testing::Values(
        BadInput{"header", "Windows Registry Editor Version 4.00\n", "the first line must be", 1},
        BadInput{"empty", "", "the first line must be", 1},
        BadInput{"unterminated key", kHead + "[HKEY_CURRENT_USER\\y\n", "no closing ]", 4},
        BadInput{"text after key", kHead + "[HKEY_CURRENT_USER\\y] junk\n", "after the closing ]",
                 4},
        BadInput{"empty key name", kHead + "[HKEY_CURRENT_USER\\a\\\\b]\n", "empty key name", 4},
        BadInput{"unknown root", kHead + "[HKEY_USERS\\S-1-5-18]\n", "unknown root key", 4},
        BadInput{"delete root", kHead + "[-HKEY_CURRENT_USER]\n", "cannot be deleted", 4},
        BadInput{"odd hex", kHead + "\"a\"=hex:0,01\n", "two hex digits", 4},
        BadInput{"three digit hex", kHead + "\"a\"=hex:001\n", "two hex digits", 4},
        BadInput{"empty hex item", kHead + "\"a\"=hex:00,,01\n", "two hex digits", 4},
        BadInput{"bad type", kHead + "\"a\"=hex(zz):00\n", "hex(N)", 4},
        BadInput{"invalid utf16 value", kHead + "\"a\"=hex(7):00,d8,41,00\n", "not valid UTF-16LE",
                 4},
        BadInput{"odd utf16 value", kHead + "\"a\"=hex(1):41\n", "not valid UTF-16LE", 4},
        BadInput{"dword too long", kHead + "\"a\"=dword:123456789\n", "1 to 8 hex digits", 4},
        BadInput{"dword empty", kHead + "\"a\"=dword:\n", "1 to 8 hex digits", 4},
        BadInput{"unterminated string", kHead + "\"a\"=\"abc\n", "no closing quote", 4},
        BadInput{"unterminated name", kHead + "\"abc=1\n", "no closing quote", 4},
        BadInput{"missing equals", kHead + "\"a\" \"b\"\n", "expected =", 4},
        BadInput{"unknown data", kHead + "\"a\"=str:x\n", "unrecognised data", 4},
        BadInput{"garbage line", kHead + "garbage\n", "expected a [key] line", 4},
        BadInput{"value outside key", "Windows Registry Editor Version 5.00\n\"a\"=\"b\"\n",
                 "before any [key]", 2},
        BadInput{"value in deletion", kHead + "[-HKEY_CURRENT_USER\\y]\n\"a\"=\"b\"\n",
                 "deletion section", 5},
        BadInput{"nul", kHead + "\"a\"=\"b\0c\"\n"s, "NUL character", 4},
        BadInput{"invalid utf8", kHead + "\"a\"=\"\xff\"\n", "not valid UTF-8", 4},
        BadInput{"utf16 big endian", "\xfe\xff\0W"s, "big-endian", 1},
        BadInput{"utf16 without bom", "W\0i\0n\0"s, "byte-order mark", 1},
        BadInput{"one megabyte line", kHead + "\"a\"=\"" + std::string(1 << 20, 'x') + "\"\n",
                 "longer than", 4},
        BadInput{"huge value",
                 kHead + "\"a\"=hex:" +
                     [] {
                       std::string line;
                       for (int i = 0; i < 20000; ++i) line += "00,";
                       std::string s;
                       for (int i = 0; i < 60; ++i) s += line + "\\\n  ";
                       return s + "00\n";
                     }(),
                 "allowed", 4}),
    [](const ::testing::TestParamInfo<BadInput>& param_info) {
      std::string name = param_info.param.name;
      for (char& c : name) c = (c == ' ') ? '_' : c;
      return name;
    });

TEST(RegParse, Utf16FileErrorsNameTheLine) {
  std::string text = "\xff\xfe"s + utf16(L"Windows Registry Editor Version 5.00\r\n\r\n") +
                     "\x00\xdc"s + utf16(L"\r\n");
  auto file = parse_reg(text, "u16.reg");
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().message.rfind("u16.reg line 3: invalid UTF-16", 0), 0u)
      << file.error().message;
  auto odd =
      parse_reg("\xff\xfe"s + utf16(L"Windows Registry Editor Version 5.00") + "x", "odd.reg");
  ASSERT_FALSE(odd);
  EXPECT_NE(odd.error().message.find("odd.reg line 1: the file ends in the middle"),
            std::string::npos)
      << odd.error().message;
}

TEST(RegParse, CorpusBadFilesAllFail) {
  for (const char* name :
       {"bad-header.reg", "bad-unterminated-key.reg", "bad-odd-hex.reg", "bad-utf16-value.reg",
        "bad-nul.reg", "bad-utf16-file.reg", "bad-unknown-root.reg", "bad-value-outside-key.reg"}) {
    auto file = parse_reg(corpus(name), name);
    ASSERT_FALSE(file) << name;
    EXPECT_NE(file.error().message.find(std::string(name) + " line "), std::string::npos)
        << file.error().message;
  }
}

}  // namespace
}  // namespace openras::registry
