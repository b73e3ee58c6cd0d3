// logon_control_test.cpp: a logon host's control messages (logon_control.h), well formed
// and each way of being malformed.
#include "rasman/logon_control.h"

#include <gtest/gtest.h>

#include <string>

namespace openras::rasman {
namespace {

using Kind = HostMessage::Kind;

TEST(LogonControl, ReadsEachKind) {
  auto dialed = parse_host_message("dialed 0 4611686018427387905");
  EXPECT_EQ(dialed.kind, Kind::kDialed);
  EXPECT_EQ(dialed.result, 0u);
  EXPECT_EQ(dialed.handle, 4611686018427387905u);
  auto failed = parse_host_message("dialed 4294967295 18446744073709551615");
  EXPECT_EQ(failed.kind, Kind::kDialed);
  EXPECT_EQ(failed.result, 4294967295u);
  EXPECT_EQ(failed.handle, 18446744073709551615u);
  auto violation = parse_host_message("violation execve /bin/sh: refused by the sandbox");
  EXPECT_EQ(violation.kind, Kind::kViolation);
  EXPECT_EQ(violation.text, "execve /bin/sh: refused by the sandbox");
  EXPECT_EQ(parse_host_message("log ").kind, Kind::kLog);
  auto ask = parse_host_message("ask 7 1  Password: ");
  EXPECT_EQ(ask.kind, Kind::kAsk);
  EXPECT_EQ(ask.question, 7u);
  EXPECT_EQ(ask.style, 1u);
  EXPECT_EQ(ask.text, " Password: ");  // every byte after the one space, leading ones too
  static constexpr char kInfo[] = "ask 1 4 Connect\nline two\0x";
  static constexpr char kInfoText[] = "Connect\nline two\0x";
  auto info = parse_host_message(std::string(kInfo, sizeof kInfo - 1));
  EXPECT_EQ(info.kind, Kind::kAsk);
  EXPECT_EQ(info.text, std::string(kInfoText, sizeof kInfoText - 1));
  EXPECT_EQ(parse_host_message("ask 2 2 ").text, "");
}

TEST(LogonControl, RefusesWhatTheHostNeverSends) {
  for (const char* bad : {"",
                          "dialed",
                          "dialed ",
                          "dialed 0",
                          "dialed 0 ",
                          "dialed 0 1 ",
                          "dialed -1 5",
                          "dialed +1 5",
                          "dialed 0 -5",
                          "dialed  0 5",
                          "dialed 0 5 6",
                          "dialed 4294967296 1",
                          "dialed 0 18446744073709551616",
                          "dialed 0x1 5",
                          "dialed 1 2x",
                          "ask",
                          "ask 1 2",
                          "ask 1 0 text",
                          "ask 1 5 text",
                          "ask -1 2 text",
                          "ask 4294967296 2 text",
                          "ask 1 2x text",
                          "ask  1 2 text",
                          "Dialed 0 1",
                          "violation",
                          "logs x",
                          "answer 1 x"}) {
    EXPECT_EQ(parse_host_message(bad).kind, Kind::kMalformed) << '"' << bad << '"';
  }
  auto bad = parse_host_message("ask 1 9 text");
  EXPECT_EQ(bad.question, 0u);  // nothing of a refused message is kept
  EXPECT_TRUE(bad.text.empty());
}

}  // namespace
}  // namespace openras::rasman
