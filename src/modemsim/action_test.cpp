// Tests of --answer/--default parsing and number normalisation.
#include "modemsim/action.h"

#include <gtest/gtest.h>

namespace openras::modemsim {
namespace {

using std::chrono::milliseconds;

TEST(ModemSimAction, ParsesEverySimpleAction) {
  const std::pair<const char*, ActionKind> cases[] = {
      {"connect", ActionKind::kConnect},       {"busy", ActionKind::kBusy},
      {"noanswer", ActionKind::kNoAnswer},     {"nocarrier", ActionKind::kNoCarrier},
      {"nodialtone", ActionKind::kNoDialtone}, {"error", ActionKind::kError},
      {"silent", ActionKind::kSilent},
  };
  for (const auto& [text, kind] : cases) {
    auto action = parse_action(text);
    ASSERT_TRUE(action) << text;
    EXPECT_EQ(action->kind, kind) << text;
    EXPECT_FALSE(action->drop_after) << text;
    EXPECT_EQ(describe(*action), text);
  }
}

TEST(ModemSimAction, ExecKeepsTheWholeCommand) {
  auto action = parse_action("exec:slirp-fullbolt ppp \"dns 127.0.0.1\"; echo a:b=c");
  ASSERT_TRUE(action);
  EXPECT_EQ(action->kind, ActionKind::kExec);
  EXPECT_EQ(action->command, "slirp-fullbolt ppp \"dns 127.0.0.1\"; echo a:b=c");
}

TEST(ModemSimAction, DropWrapsAConnectingAction) {
  auto action = parse_action("drop:1.5:exec:cat");
  ASSERT_TRUE(action);
  EXPECT_EQ(action->kind, ActionKind::kExec);
  EXPECT_EQ(action->command, "cat");
  EXPECT_EQ(action->drop_after, milliseconds(1500));
  EXPECT_EQ(describe(*action), "drop:1.5:exec:cat");
  auto zero = parse_action("drop:0:connect");
  ASSERT_TRUE(zero);
  EXPECT_EQ(zero->drop_after, milliseconds(0));
}

TEST(ModemSimAction, RejectsBadActionsNamingThem) {
  for (const char* bad : {"", "Connect", "exec:", "drop:1", "drop:x:connect", "drop:-1:connect",
                          "drop:1:busy", "drop:1:drop:1:connect", "drop::connect", "ring"}) {
    auto action = parse_action(bad);
    ASSERT_FALSE(action) << bad;
    EXPECT_EQ(action.error().code, Errc::kInvalidArgument);
    EXPECT_FALSE(action.error().message.empty());
  }
  EXPECT_NE(parse_action("ring").error().message.find("\"ring\""), std::string::npos);
}

TEST(ModemSimAction, NormalisationRemovesModifiersAndSeparators) {
  EXPECT_EQ(normalize_number("T555-1234"), "5551234");
  EXPECT_EQ(normalize_number("p 9,W555 12;34!@"), "95551234");
  EXPECT_EQ(normalize_number("t*70#5"), "*70#5");
  EXPECT_EQ(normalize_number(""), "");
}

TEST(ModemSimAction, TableLooksUpNormalisedNumbersAndFallsBack) {
  AnswerTable table;
  ASSERT_TRUE(table.add("555-1234=busy"));
  ASSERT_TRUE(table.add("5550000=drop:2:connect"));
  EXPECT_EQ(table.lookup("T555 1234").kind, ActionKind::kBusy);
  EXPECT_EQ(table.lookup("W5550000").drop_after, milliseconds(2000));
  EXPECT_EQ(table.lookup("999").kind, ActionKind::kNoCarrier);  // the default default
  table.set_default(*parse_action("connect"));
  EXPECT_EQ(table.lookup("999").kind, ActionKind::kConnect);
}

TEST(ModemSimAction, TableRejectsMalformedAnswers) {
  AnswerTable table;
  EXPECT_FALSE(table.add("5551234"));
  EXPECT_FALSE(table.add("T-=busy"));
  auto bad = table.add("5551234=bussy");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("5551234"), std::string::npos);
  EXPECT_NE(bad.error().message.find("bussy"), std::string::npos);
}

}  // namespace
}  // namespace openras::modemsim
