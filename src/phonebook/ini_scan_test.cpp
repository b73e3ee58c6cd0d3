// ini_scan_test.cpp: section discovery, file-level problems and line/block structure.
#include "phonebook/ini_scan.h"

#include <gtest/gtest.h>

#include "phonebook/section_layout.h"
#include "test_support.h"

namespace openras::phonebook {
namespace {

std::string name_of(std::string_view text, const Section& s) {
  return std::string(text.substr(s.name_begin, s.name_size));
}

TEST(IniScan, FindsSectionsAndTheirExtent) {
  std::string text = "; comment\n\n[One]\nA=1\n\n[Two]\r\nB=2\r\n";
  ScanResult scan = scan_text(text);
  ASSERT_FALSE(scan.problem) << scan.problem->reason;
  ASSERT_EQ(scan.sections.size(), 2u);
  EXPECT_EQ(name_of(text, scan.sections[0]), "One");
  EXPECT_EQ(text.substr(scan.sections[0].begin, scan.sections[0].end - scan.sections[0].begin),
            "[One]\nA=1\n\n");
  EXPECT_EQ(name_of(text, scan.sections[1]), "Two");
  EXPECT_EQ(scan.sections[1].end, text.size());
  EXPECT_EQ(detect_eol(text), "\n");
  EXPECT_EQ(detect_eol("[A]\r\nx=1\n"), "\r\n");
}

TEST(IniScan, NameRunsToTheLastBracketAndMayHoldBrackets) {
  std::string text = "  [a]b] \t\nk=[not a header]\n[[x]\n";
  ScanResult scan = scan_text(text);
  ASSERT_FALSE(scan.problem);
  ASSERT_EQ(scan.sections.size(), 2u);
  EXPECT_EQ(name_of(text, scan.sections[0]), "a]b");
  EXPECT_EQ(name_of(text, scan.sections[1]), "[x");
}

TEST(IniScan, UnclosedHeaderStaysALineOfItsSection) {
  std::string text = "[A]\n[broken\nk=v\n";
  ScanResult scan = scan_text(text);
  ASSERT_EQ(scan.sections.size(), 1u);
  auto layout = parse_layout(text, scan.sections[0]);
  ASSERT_FALSE(layout);
  EXPECT_EQ(layout.error().code, Errc::kPhonebookCorrupt);
  EXPECT_NE(layout.error().message.find("line 2"), std::string::npos) << layout.error().message;
}

TEST(IniScan, Utf8ByteOrderMarkIsSkipped) {
  std::string text = "\xEF\xBB\xBF[A]\nx=1\n";
  ScanResult scan = scan_text(text);
  ASSERT_FALSE(scan.problem);
  EXPECT_EQ(scan.content_begin, 3u);
  ASSERT_EQ(scan.sections.size(), 1u);
  EXPECT_EQ(scan.sections[0].begin, 3u);
}

TEST(IniScan, FileLevelProblems) {
  struct Case {
    std::string text;
    std::string reason;
  };
  const Case cases[] = {
      {std::string("\xFF\xFE[\0A\0]\0", 8), "UTF-16"},
      {"Type=1\n[A]\n", "before the first"},
      {"[]\nx=1\n", "empty entry name"},
      {"[" + std::string(257, 'n') + "]\n", "longer than 256"},
      {"[bad\xC3(name]\n", "not valid UTF-8"},
      {std::string("[nul\0name]\n", 11), "control character"},
      {std::string("; c\0mment\n[A]\n", 14), "NUL"},
  };
  for (const Case& c : cases) {
    ScanResult scan = scan_text(c.text);
    ASSERT_TRUE(scan.problem) << c.reason;
    EXPECT_NE(scan.problem->reason.find(c.reason), std::string::npos) << scan.problem->reason;
  }
  EXPECT_FALSE(scan_text("[" + std::string(256, 'n') + "]\n").problem)
      << "256 characters is the limit";
  EXPECT_FALSE(scan_text("[\xC3\xBC" + std::string(255, 'n') + "]\n").problem)
      << "characters, not bytes";
}

TEST(IniScan, RangeScanMatchesFullScan) {
  std::string text = testing::corpus_file("windows10_rasphone.pbk");
  ScanResult full = scan_text(text);
  ASSERT_EQ(full.sections.size(), 2u);
  std::vector<Section> part;
  std::optional<TextProblem> problem;
  scan_range(text, full.sections[1].begin, text.size(), part, problem);
  ASSERT_EQ(part.size(), 1u);
  EXPECT_EQ(part[0].name_begin, full.sections[1].name_begin);
  EXPECT_EQ(part[0].end, full.sections[1].end);
  EXPECT_EQ(line_number(text, full.sections[1].begin), 164u);
}

TEST(SectionLayout, BlocksFollowMarkersInOrder) {
  std::string text =
      "[E]\nType=2\nDevice=header-level key\n\nNETCOMPONENTS=\nms_server=1\n\nMEDIA=rastapi\n"
      "Device=WAN\n\nDEVICE=vpn\nPhoneNumber=a\n\nMEDIA=serial\n\nDEVICE=modem\n";
  ScanResult scan = scan_text(text);
  auto layout = parse_layout(text, scan.sections[0]);
  ASSERT_TRUE(layout) << layout.error().message;
  ASSERT_EQ(layout->blocks.size(), 6u);
  EXPECT_EQ(layout->blocks[0].kind, BlockKind::kHeader);
  EXPECT_EQ(layout->blocks[1].kind, BlockKind::kNetComponents);
  EXPECT_EQ(layout->count(BlockKind::kMedia), 2u);
  EXPECT_EQ(layout->count(BlockKind::kDevice), 2u);
  const Block* device = layout->block(BlockKind::kDevice, 0);
  ASSERT_NE(device, nullptr);
  EXPECT_EQ(layout->lines[device->first].value, "vpn");
  EXPECT_EQ(layout->lines[layout->last_content_line(layout->blocks[0])].key, "Device");
}

TEST(SectionLayout, KeyValueKeepsValueAsWritten) {
  std::string text = "[E]\n  Type = 2  \r\nPhoneNumber=  x y \r\n;c\r\n";
  auto layout = parse_layout(text, scan_text(text).sections[0]);
  ASSERT_TRUE(layout);
  ASSERT_EQ(layout->lines.size(), 3u);
  EXPECT_EQ(layout->lines[0].key, "Type");
  EXPECT_EQ(layout->lines[0].value, " 2  ");
  EXPECT_EQ(layout->lines[1].value, "  x y ");
  EXPECT_EQ(layout->lines[2].kind, LineKind::kComment);
}

TEST(SectionLayout, EntryLevelProblemsNameTheLine) {
  struct Case {
    std::string body;
    std::string reason;
  };
  const Case cases[] = {
      {"Type=1\njust text\n", "line 3: \"just text\" is neither"},
      {"Type=1\n=value\n", "line 3"},
      {std::string("Type=\0\n", 7), "line 2: NUL byte"},
      {"Type=1\nName=\xE2\x82\n", "line 3: invalid UTF-8"},
  };
  for (const Case& c : cases) {
    std::string text = "[E]\n" + c.body;
    auto layout = parse_layout(text, scan_text(text).sections[0]);
    ASSERT_FALSE(layout) << c.reason;
    EXPECT_EQ(layout.error().code, Errc::kPhonebookCorrupt);
    EXPECT_NE(layout.error().message.find(c.reason), std::string::npos) << layout.error().message;
  }
}

}  // namespace
}  // namespace openras::phonebook
