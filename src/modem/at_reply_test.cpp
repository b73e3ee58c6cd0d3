// at_reply_test.cpp: the reply parser on what real modems send: verbose and numeric codes,
// CR/LF quirks, CONNECT with its speed and suffixes, progress lines and noise.
#include "modem/at_reply.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace openras::modem {
namespace {

std::vector<std::string> split(std::initializer_list<std::string_view> chunks) {
  LineSplitter s;
  std::vector<std::string> out;
  for (auto chunk : chunks) {
    s.feed(chunk);
    while (auto line = s.next()) out.push_back(*line);
  }
  return out;
}

TEST(LineSplitter, CutsAtAnyRunOfBreaksAndDropsEmptyLines) {
  // Verbose (V1) with echo: the echo ends in CR, replies are framed by CR LF.
  EXPECT_EQ(split({"ATZ\r", "\r\nOK\r\n"}), (std::vector<std::string>{"ATZ", "OK"}));
  // Numeric (V0): a digit and a lone CR.
  EXPECT_EQ(split({"0\r", "7\r"}), (std::vector<std::string>{"0", "7"}));
  // A reply split across reads, and a modem that sends LF CR or doubled breaks.
  EXPECT_EQ(split({"\r\nCONN", "ECT 33600/ARQ/V42BIS\n\r\n\r", "NO CARR", "IER\n"}),
            (std::vector<std::string>{"CONNECT 33600/ARQ/V42BIS", "NO CARRIER"}));
  // Controls and high bytes (line noise, parity) are not part of a reply.
  EXPECT_EQ(split({std::string_view("O\0K\x91\r\n", 6)}), (std::vector<std::string>{"OK"}));
}

TEST(LineSplitter, KeepsAnUnfinishedLineAndCutsAnEndlessOne) {
  LineSplitter s;
  s.feed("OK");
  EXPECT_FALSE(s.next());
  EXPECT_EQ(s.partial(), "OK");
  s.feed(std::string(LineSplitter::kMaxLine * 2, 'x'));
  auto first = s.next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->size(), LineSplitter::kMaxLine);
}

TEST(ClassifyReply, VerboseResultCodes) {
  EXPECT_EQ(classify_reply("OK").kind, ReplyKind::kOk);
  EXPECT_EQ(classify_reply("ok").kind, ReplyKind::kOk);
  EXPECT_EQ(classify_reply(" BUSY ").kind, ReplyKind::kBusy);
  EXPECT_EQ(classify_reply("NO CARRIER").kind, ReplyKind::kNoCarrier);
  EXPECT_EQ(classify_reply("NO DIALTONE").kind, ReplyKind::kNoDialtone);
  EXPECT_EQ(classify_reply("NO DIAL TONE").kind, ReplyKind::kNoDialtone);
  EXPECT_EQ(classify_reply("NO ANSWER").kind, ReplyKind::kNoAnswer);
  EXPECT_EQ(classify_reply("ERROR").kind, ReplyKind::kError);
  EXPECT_EQ(classify_reply("+CME ERROR: 30").kind, ReplyKind::kError);
  EXPECT_EQ(classify_reply("DELAYED").kind, ReplyKind::kError);
  EXPECT_EQ(classify_reply("RING").kind, ReplyKind::kRing);
}

TEST(ClassifyReply, ConnectGivesTheSpeed) {
  auto c = classify_reply("CONNECT 33600/ARQ/V42BIS");
  EXPECT_EQ(c.kind, ReplyKind::kConnect);
  EXPECT_EQ(c.speed, 33600u);
  EXPECT_EQ(c.text, "CONNECT 33600/ARQ/V42BIS");
  EXPECT_EQ(classify_reply("CONNECT").speed, 0u);
  EXPECT_EQ(classify_reply("CONNECT").kind, ReplyKind::kConnect);
  EXPECT_EQ(classify_reply("CONNECT 115200").speed, 115200u);
  EXPECT_EQ(classify_reply("CONNECT 28800 V42bis").speed, 28800u);
  EXPECT_EQ(classify_reply("CONNECT/LAPM").speed, 0u);
  EXPECT_EQ(classify_reply("CONNECT 99999999999").speed, 0u);  // absurd: no speed
  EXPECT_EQ(classify_reply("CONNECTED").kind, ReplyKind::kUnknown);
}

TEST(ClassifyReply, NumericResultCodes) {
  EXPECT_EQ(classify_reply("0").kind, ReplyKind::kOk);
  EXPECT_EQ(classify_reply("1").kind, ReplyKind::kConnect);
  EXPECT_EQ(classify_reply("2").kind, ReplyKind::kRing);
  EXPECT_EQ(classify_reply("3").kind, ReplyKind::kNoCarrier);
  EXPECT_EQ(classify_reply("4").kind, ReplyKind::kError);
  EXPECT_EQ(classify_reply("6").kind, ReplyKind::kNoDialtone);
  EXPECT_EQ(classify_reply("7").kind, ReplyKind::kBusy);
  EXPECT_EQ(classify_reply("8").kind, ReplyKind::kNoAnswer);
  EXPECT_EQ(classify_reply("5").speed, 1200u);
  EXPECT_EQ(classify_reply("10").speed, 2400u);
  EXPECT_EQ(classify_reply("12").speed, 9600u);
  EXPECT_EQ(classify_reply("19").speed, 115200u);
  EXPECT_EQ(classify_reply("9").kind, ReplyKind::kUnknown);
  EXPECT_EQ(classify_reply("42").kind, ReplyKind::kUnknown);
}

TEST(ClassifyReply, ProgressLinesAreInformationAndTheRestUnknown) {
  EXPECT_EQ(classify_reply("CARRIER 28800").kind, ReplyKind::kInfo);
  EXPECT_EQ(classify_reply("PROTOCOL: LAP-M").kind, ReplyKind::kInfo);
  EXPECT_EQ(classify_reply("COMPRESSION: V.42BIS").kind, ReplyKind::kInfo);
  EXPECT_EQ(classify_reply("+MCR: V34").kind, ReplyKind::kInfo);
  EXPECT_EQ(classify_reply("RINGING").kind, ReplyKind::kInfo);
  EXPECT_EQ(classify_reply("U.S. Robotics 56K FAX EXT").kind, ReplyKind::kUnknown);
  EXPECT_EQ(classify_reply("ATDT5551234").kind, ReplyKind::kUnknown);
  EXPECT_EQ(classify_reply("").kind, ReplyKind::kUnknown);
}

}  // namespace
}  // namespace openras::modem
