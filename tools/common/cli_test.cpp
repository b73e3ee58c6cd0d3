// cli_test.cpp: the tools' shared exit statuses and argument parser.
#include "cli.h"

#include <gtest/gtest.h>

#include "raserror.h"

namespace openras::cli {
namespace {

// rasdial's syntax, the richest: Windows switches, GNU options, operands.
Syntax rasdial_like() {
  return Syntax{"rasdial",
                {help_option(),
                 version_option(),
                 {"disconnect", {"/DISCONNECT", "/D"}, Value::kNone},
                 {"phonebook", {"/PHONEBOOK:"}, Value::kRequired},
                 {"json", {"--json"}, Value::kNone},
                 {"wait", {"--wait"}, Value::kOptional},
                 {"root", {"--root"}, Value::kRequired, "DIR"}},
                true};
}

tl::expected<Parsed, std::string> run(const Syntax& s, std::vector<std::string> args) {
  return parse(s, args);
}

TEST(CliExit, NoFailureExitsZero) {
  EXPECT_EQ(exit_status(0), kExitOk);
  // Every code a RAS or Win32 call can return, including those whose low byte is 0
  // (768, 512, 1024): a status of code % 256 would report them as success.
  for (uint32_t code = 1; code < 20000; ++code) {
    EXPECT_NE(exit_status(code), kExitOk) << code;
    EXPECT_NE(exit_status(code), kExitUsage) << code;
  }
  EXPECT_EQ(exit_status(768), kExitFailed);
  EXPECT_EQ(exit_status(ERROR_LINE_BUSY), kExitFailed);
  EXPECT_EQ(exit_status(ERROR_RASMAN_CANNOT_INITIALIZE), kExitUnreachable);
  EXPECT_EQ(exit_status(0xFFFFFFFFu), kExitFailed);
}

TEST(CliParse, MistypedOptionsAreErrorsNotOperands) {
  for (const char* bad : {"--stauts", "-DISCONNEC", "/DISCONNECTX", "/Q", "-x", "--jsonx",
                          "/PHONEBOOKX:y", "--json=1"}) {
    auto p = run(rasdial_like(), {"Office", bad});
    ASSERT_FALSE(p) << bad;
    EXPECT_NE(p.error().find(bad), std::string::npos) << p.error();
  }
}

TEST(CliParse, WindowsSwitchesInAnyCaseWithSlashOrDash) {
  for (const char* ok : {"/DISCONNECT", "-DISCONNECT", "/disconnect", "/D", "-d"}) {
    auto p = run(rasdial_like(), {"Office", ok});
    ASSERT_TRUE(p) << ok << ": " << p.error();
    EXPECT_TRUE(p->has("disconnect")) << ok;
    EXPECT_EQ(p->operands, std::vector<std::string>{"Office"});
  }
  auto p = run(rasdial_like(), {"/phonebook:/tmp/a b.pbk", "X"});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->last("phonebook")->value, "/tmp/a b.pbk");
  EXPECT_FALSE(run(rasdial_like(), {"X", "/PHONEBOOK"}));
  auto empty = run(rasdial_like(), {"X", "/PHONEBOOK:"});
  ASSERT_TRUE(empty);  // an empty value is the tool's to judge
  EXPECT_EQ(empty->last("phonebook")->value, "");
}

TEST(CliParse, HelpAndVersionEverywhere) {
  for (const char* h : {"-h", "--help", "/?", "-?"}) {
    auto p = run(rasdial_like(), {h});
    ASSERT_TRUE(p) << h;
    EXPECT_TRUE(p->has("help")) << h;
  }
  auto p = run(rasdial_like(), {"--version"});
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->has("version"));
  EXPECT_STRNE(version(), "");
}

TEST(CliParse, Values) {
  auto p = run(rasdial_like(), {"--wait", "E"});
  ASSERT_TRUE(p);
  EXPECT_FALSE(p->last("wait")->has_value);  // optional values are never the next argument
  EXPECT_EQ(p->operands, std::vector<std::string>{"E"});
  p = run(rasdial_like(), {"--wait=7", "--root", "/r", "--root=/s"});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->last("wait")->value, "7");
  EXPECT_EQ(p->last("root")->value, "/s");
  auto missing = run(rasdial_like(), {"--root"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error(), "--root needs a value: --root DIR");
}

TEST(CliParse, OperandsThatLookLikeOptions) {
  auto p = run(rasdial_like(), {"--", "--stauts", "/D"});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->operands, (std::vector<std::string>{"--stauts", "/D"}));
  EXPECT_FALSE(p->has("disconnect"));
  // Paths are operands even with Windows switches; a lone "-" is an operand (stdin).
  p = run(rasdial_like(), {"/tmp/x.reg", "/x.reg", "-", "Büro"});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->operands.size(), 4u);
  Syntax gnu{"rasdialer-check", {help_option()}, false};
  p = run(gnu, {"/usr/lib/a.so"});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->operands[0], "/usr/lib/a.so");
  p = run(gnu, {"/lib"});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->operands[0], "/lib");
  EXPECT_FALSE(run(rasdial_like(), {"/lib"}));
}

TEST(CliParse, Seconds) {
  EXPECT_EQ(*parse_seconds("--wait", "0", 0, 86400), 0);
  EXPECT_EQ(*parse_seconds("--wait", "86400", 0, 86400), 86400);
  for (const char* bad : {"", "abc", "-1", "1.5", "+3", "86401", "9999999999", " 1"}) {
    auto r = parse_seconds("--wait", bad, 0, 86400);
    ASSERT_FALSE(r) << bad;
    EXPECT_NE(r.error().find("--wait"), std::string::npos);
    EXPECT_NE(r.error().find(std::string("\"") + bad + "\""), std::string::npos) << r.error();
  }
}

TEST(CliCodes, BareCodes) {
  EXPECT_EQ(parse_code("623"), 623u);
  EXPECT_EQ(parse_code("0x26F"), 623u);
  EXPECT_EQ(parse_code("0X26f"), 623u);
  EXPECT_EQ(parse_code("4294967295"), 0xFFFFFFFFu);
  for (const char* bad : {"", "-1", "+1", "4294967296", "0x", "0x100000000", "12a", " 1", "1 "}) {
    EXPECT_FALSE(parse_code(bad)) << bad;
  }
}

TEST(CliCodes, CodesInWhatToolsPrint) {
  using V = std::vector<uint32_t>;
  EXPECT_EQ(error_codes_in("Remote Access error 768 - The connection attempt failed"), V{768});
  EXPECT_EQ(error_codes_in("error 691"), V{691});
  EXPECT_EQ(error_codes_in("ERROR: 0x2B3"), V{691});
  EXPECT_EQ(error_codes_in("{\"entry\":\"a\",\"error\":676,\"error_text\":\"x 5\"}"), V{676});
  EXPECT_EQ(error_codes_in("Büro: Connected. (error 829)\nerror 631"), (V{829, 631}));
  // Numbers anywhere else are not codes: a port, a count, a message's own figures.
  EXPECT_EQ(error_codes_in("port 5 of 12, errors 3, error_text 7, terror"), V{});
  EXPECT_EQ(error_codes_in("error"), V{});
}

}  // namespace
}  // namespace openras::cli
