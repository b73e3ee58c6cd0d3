// rc_test.cpp: the rc compiler — what it accepts, the binary it writes, and its errors.
#include <gtest/gtest.h>

#include <map>

#include "dialog/dlg_template.h"
#include "dialog/rc_compiler.h"
#include "windows.h"

namespace openras::dialog::rc {
namespace {

Result<Output> compile_text(const std::string& text,
                            std::map<std::string, std::string> files = {}) {
  Options o;
  o.resolve = [files](const std::string& name, bool, const std::string&) -> Result<SourceFile> {
    auto it = files.find(name);
    if (it == files.end()) return fail(Errc::kNotFound, "no such file");
    return SourceFile{name, it->second};
  };
  return compile(SourceFile{"t.rc", text}, o);
}

const Resource* find(const Output& o, uint16_t type, uint16_t id) {
  for (const Resource& r : o.resources) {
    if (r.type == type && r.id == id && r.name.empty()) return &r;
  }
  return nullptr;
}

TEST(Rc, DialogExWithResourceHeader) {
  auto out = compile_text(R"(#include <windows.h>
#include "resource.h"
LANGUAGE LANG_ENGLISH, SUBLANG_ENGLISH_US
IDD_X DIALOGEX 0, 0, 200, 100
STYLE DS_SETFONT | WS_POPUP | NOT WS_VISIBLE
CAPTION "Hi ""there"""
FONT 8, "MS Shell Dlg", 400, 0, 0x1
BEGIN
  LTEXT "&Name:", IDC_STATIC, 7, 7, 40, 8
  EDITTEXT IDC_NAME, 50, 7, 100, 14, ES_AUTOHSCROLL | NOT WS_BORDER
  COMBOBOX IDC_LIST, 50, 25, 100, 60, CBS_DROPDOWNLIST
  RADIOBUTTON "A", 1003, 7, 40, 40, 10
  CONTROL "Go", IDOK, "Button", BS_DEFPUSHBUTTON | WS_TABSTOP, 90, 80, 50, 14
  CONTROL "", 1004, "msctls_progress32", 0, 7, 60, 100, 8
END
)",
                          {{"resource.h",
                            "#define IDD_X 101\n#define IDC_NAME (1000 + 1)\n#define IDC_LIST "
                            "1002\nint c_code_is_ignored;\n"}});
  ASSERT_TRUE(out) << out.error().message;
  const Resource* r = find(*out, 5, 101);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->language, 0x409);
  auto t = parse_template(r->data);
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_TRUE(t->extended);
  EXPECT_EQ(t->title, u"Hi \"there\"");
  EXPECT_EQ(t->style, static_cast<uint32_t>(DS_SETFONT | WS_POPUP | WS_CAPTION));
  EXPECT_EQ(t->weight, 400);
  EXPECT_EQ(t->charset, 1);
  ASSERT_EQ(t->items.size(), 6u);
  EXPECT_EQ(t->items[0].style, static_cast<uint32_t>(WS_CHILD | WS_VISIBLE | SS_LEFT | WS_GROUP));
  EXPECT_EQ(t->items[0].id, 0xFFFFFFFFu);
  EXPECT_EQ(t->items[1].id, 1001u);
  EXPECT_EQ(t->items[1].style,
            static_cast<uint32_t>(WS_CHILD | WS_VISIBLE | WS_TABSTOP | ES_AUTOHSCROLL));
  EXPECT_EQ(t->items[2].style, static_cast<uint32_t>(WS_CHILD | WS_VISIBLE | CBS_DROPDOWNLIST));
  EXPECT_EQ(t->items[3].style,
            static_cast<uint32_t>(WS_CHILD | WS_VISIBLE | BS_RADIOBUTTON | WS_TABSTOP));
  EXPECT_EQ(std::get<uint16_t>(t->items[4].window_class), kButtonAtom);
  EXPECT_EQ(std::get<std::u16string>(t->items[5].window_class), u"msctls_progress32");
}

TEST(Rc, StandardDialogDefaultsAndNamedResources) {
  auto out = compile_text(
      "MyDialog DIALOG 10, 10, 100, 50\nBEGIN\n  PUSHBUTTON \"OK\", 1, 5, 5, 40, 14\nEND\n");
  ASSERT_TRUE(out) << out.error().message;
  ASSERT_EQ(out->resources.size(), 1u);
  EXPECT_EQ(out->resources[0].name, u"MYDIALOG");
  auto t = parse_template(out->resources[0].data);
  ASSERT_TRUE(t);
  EXPECT_FALSE(t->extended);
  EXPECT_EQ(t->style, static_cast<uint32_t>(WS_POPUP)) << "no STYLE: WS_POPUP (wrc)";
  EXPECT_EQ(t->items[0].style, static_cast<uint32_t>(WS_CHILD | WS_VISIBLE | WS_TABSTOP));
}

TEST(Rc, StringTablesAreBlocksOfSixteen) {
  auto out = compile_text(
      "STRINGTABLE\nBEGIN\n  1 \"one\"\n  17, L\"seventeen\\x00e9\"\n  2 \"tab\\there\"\nEND\n");
  ASSERT_TRUE(out) << out.error().message;
  const Resource* first = find(*out, 6, 1);   // ids 0..15
  const Resource* second = find(*out, 6, 2);  // ids 16..31
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  // Block 1: slot 0 empty (0), slot 1 "one" (3), slot 2 "tab\there" (8), 13 empty slots.
  EXPECT_EQ(first->data.size(), 2u * 16 + 2u * (3 + 8));
  EXPECT_EQ(first->data[2], 3);
  EXPECT_EQ(first->data[4], 'o');
  EXPECT_EQ(second->data[2], 10) << "slot 1 of block 2: L\"seventeen\\x00e9\"";
  EXPECT_EQ(second->data[4 + 2 * 9], 0xE9);
}

TEST(Rc, ConditionalsAndDefines) {
  auto out = compile_text(R"(#define BASE 200
#define WIDE BASE + 20
#if defined(BASE) && BASE > 100
#define ID 7
#elif 1
#define ID 8
#else
#error not here
#endif
#ifndef ID
#error ID
#endif
#define GONE 1
#undef GONE
#ifdef GONE
#error GONE was undefined
#endif
ID DIALOG 0, 0, WIDE, 50
BEGIN
END
)");
  ASSERT_TRUE(out) << out.error().message;
  const Resource* r = find(*out, 5, 7);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(parse_template(r->data)->cx, 220);
}

TEST(Rc, OtherResourcesAreSkippedWithAWarning) {
  auto out = compile_text(
      "1 ICON \"app.ico\"\nVS_VERSION_INFO VERSIONINFO\n FILEVERSION 1,0,0,1\nBEGIN\n BLOCK "
      "\"x\"\n "
      "BEGIN\n END\nEND\nIDR_MENU MENU\nBEGIN\n POPUP \"&File\"\n BEGIN\n  MENUITEM \"E&xit\", 1\n "
      "END\nEND\n");
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_TRUE(out->resources.empty());
  EXPECT_EQ(out->warnings.size(), 3u);
  EXPECT_EQ(out->warnings[0].rfind("t.rc:1:3: warning: ICON resource ignored", 0), 0u)
      << out->warnings[0];
}

// Each bad input: the error names file, line and column.
TEST(Rc, ErrorsNameFileLineAndColumn) {
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"1 DIALOG 0, 0, 10\nBEGIN\nEND\n", "t.rc:2:1: error: expected \",\", found \"BEGIN\""},
      {"1 DIALOG 0, 0, 10, 10\nBEGIN\n  LTEXT \"x\", IDC_NOPE, 0, 0, 1, 1\nEND\n",
       "t.rc:3:14: error: undefined symbol IDC_NOPE"},
      {"STRINGTABLE\nBEGIN\n 1 \"a\"\n 1 \"b\"\nEND\n",
       "t.rc:4:2: error: string id 1 is defined twice"},
      {"STRINGTABLE\nBEGIN\n 1 \"open\nEND\n", "t.rc:3:4: error: string is not closed on its line"},
      {"#include \"missing.h\"\n", "t.rc:1:1: error: cannot open include file \"missing.h\""},
      {"#if 1\n", "t.rc:1:1: error: #if without #endif"},
      {"1 DIALOG 0, 0, 99999, 1\nBEGIN\nEND\n", "t.rc:1:16: error: coordinate 99999 does not fit"},
      {"1 DIALOG 0, 0, 1, 1\nBEGIN\n  BUTTON 1\nEND\n",
       "t.rc:3:3: error: expected a control statement"},
      {"1 DIALOG 0, 0, 1, 1\n@\n", "t.rc:2:1: error: unexpected character '@'"},
      {"#define F(x) x\n1 DIALOG 0, 0, F(1), 1\nBEGIN\nEND\n",
       "t.rc:2:16: error: function-like macro F"},
  };
  for (const Case& c : cases) {
    auto out = compile_text(c.text);
    ASSERT_FALSE(out) << c.text;
    EXPECT_EQ(out.error().message.rfind(c.message, 0), 0u)
        << "input:\n"
        << c.text << "\ngot: " << out.error().message;
  }
}

TEST(Rc, EmittedSourceDefinesTheDirectory) {
  auto out =
      compile_text("Named DIALOG 0, 0, 10, 10\nBEGIN\nEND\nSTRINGTABLE\nBEGIN\n 5 \"x\"\nEND\n");
  ASSERT_TRUE(out) << out.error().message;
  std::string c = emit_c(*out, "t.rc");
  EXPECT_NE(c.find("const OPENRAS_RESOURCE_DIRECTORY OpenRasResourceDirectory = "
                   "{OPENRAS_RESOURCE_VERSION, 2, rasrc_resources}"),
            std::string::npos)
      << c;
  EXPECT_NE(c.find("rasrc_name_0[] = {78, 65, 77, 69, 68, 0}"), std::string::npos) << c;
  Output empty;
  EXPECT_NE(emit_c(empty, "e.rc").find("{OPENRAS_RESOURCE_VERSION, 0, NULL}"), std::string::npos);
}

}  // namespace
}  // namespace openras::dialog::rc
