// chat_script_test: the post-connect script language — what it parses to, the errors it
// names (line and column), and the runner on a fake clock: matches across reads, ABORT,
// sub-expects after a time-out, pauses, the dial's values, and what is left for PPP.
#include "modem/chat_script.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace openras::modem {
namespace {

using namespace std::chrono_literals;
using Kind = ScriptOperation::Kind;

ChatScript parse_ok(std::string_view text) {
  auto script = parse_chat_script(text);
  EXPECT_TRUE(script) << script.error().message;
  return script ? *script : ChatScript{};
}

std::string parse_error(std::string_view text) {
  auto script = parse_chat_script(text);
  EXPECT_FALSE(script) << "parsed: " << text;
  return script ? std::string() : script.error().message;
}

std::string flatten(const std::vector<SendPiece>& pieces) {
  std::string out;
  for (const SendPiece& p : pieces) {
    switch (p.kind) {
      case SendPiece::Kind::kText:
        out += p.text;
        break;
      case SendPiece::Kind::kPause:
        out += "<" + std::to_string(p.pause.count()) + "ms>";
        break;
      case SendPiece::Kind::kNumber:
        out += "<number>";
        break;
      case SendPiece::Kind::kUser:
        out += "<user>";
        break;
      case SendPiece::Kind::kPassword:
        out += "<password>";
        break;
    }
  }
  return out;
}

TEST(ChatScript, ParsesTheChatSubset) {
  auto script = parse_ok(
      "# a terminal server's login\n"
      "ABORT 'NO CARRIER' ABORT \"Access denied\"\n"
      "TIMEOUT 20\n"
      "SAY 'logging in'\n"
      "ogin:--ogin: \\L\n"
      "assword: \\P\n"
      "'> ' 'ppp\\c'\n"
      "\"\" \\d\\pgo^M\n");
  const auto& ops = script.operations;
  ASSERT_EQ(ops.size(), 12u);
  EXPECT_EQ(ops[0].kind, Kind::kAbort);
  EXPECT_EQ(ops[0].text, "NO CARRIER");
  EXPECT_EQ(ops[0].line, 2u);
  EXPECT_EQ(ops[1].text, "Access denied");
  EXPECT_EQ(ops[2].kind, Kind::kTimeout);
  EXPECT_EQ(ops[2].timeout, 20s);
  EXPECT_EQ(ops[3].kind, Kind::kSay);
  EXPECT_EQ(ops[4].kind, Kind::kExpect);
  EXPECT_EQ(ops[4].expects, (std::vector<std::string>{"ogin:", "ogin:"}));
  ASSERT_EQ(ops[4].subsends.size(), 1u);
  EXPECT_EQ(flatten(ops[4].subsends[0]), "\r") << "an empty sub-send is a carriage return";
  EXPECT_EQ(flatten(ops[5].send), "<user>\r");
  EXPECT_EQ(flatten(ops[7].send), "<password>\r");
  EXPECT_EQ(ops[8].expects, std::vector<std::string>{"> "});
  EXPECT_EQ(flatten(ops[9].send), "ppp") << "\\c: no carriage return";
  EXPECT_EQ(ops[10].kind, Kind::kExpect);
  EXPECT_EQ(ops[10].expects, std::vector<std::string>{""});
  EXPECT_EQ(ops.back().line, 8u);
}

TEST(ChatScript, TheLastSendAndItsEscapes) {
  auto script = parse_ok("'' \\d\\pgo^M\\101\\s\\\\\\-\\T");
  ASSERT_EQ(script.operations.size(), 2u);
  EXPECT_EQ(flatten(script.operations[1].send), "<1000ms><100ms>go\rA \\-<number>\r");
  auto eot = parse_ok("x EOT");
  EXPECT_EQ(flatten(eot.operations[1].send), "\x04");
  EXPECT_TRUE(parse_ok("").operations.empty());
  EXPECT_EQ(parse_ok("a\\-b").operations[0].expects, std::vector<std::string>{"a-b"});
}

TEST(ChatScript, ErrorsNameTheLineAndColumn) {
  EXPECT_EQ(parse_error("ogin: \\L\nassword: \\q\n"),
            "line 2, column 10: \\q is not an escape OpenRAS scripts know (\\b \\c \\d \\n "
            "\\N \\p \\r \\s \\t \\\\ \\ddd \\T \\L \\P)");
  EXPECT_EQ(parse_error("  'login\n"), "line 1, column 3: the string has no closing ' on its line");
  EXPECT_EQ(parse_error("REPORT CONNECT"),
            "line 1, column 1: REPORT is a chat(8) keyword OpenRAS scripts do not have "
            "(ABORT, TIMEOUT and SAY are there)");
  EXPECT_EQ(parse_error("TIMEOUT soon"),
            "line 1, column 9: TIMEOUT takes whole seconds from 1 to 3600");
  EXPECT_EQ(parse_error("TIMEOUT 0"),
            "line 1, column 9: TIMEOUT takes whole seconds from 1 to 3600");
  EXPECT_EQ(parse_error("x y\n ABORT"), "line 2, column 2: ABORT needs a value after it");
  EXPECT_EQ(parse_error("ABORT ''"), "line 1, column 7: ABORT needs a non-empty string");
  EXPECT_EQ(parse_error("pass\\P x"), "line 1, column 5: \\P is for strings to send");
  EXPECT_EQ(parse_error("x 'a\\cb'"), "line 1, column 5: \\c may only end a string to send");
  EXPECT_EQ(parse_error("x a^1"),
            "line 1, column 4: ^1 is no control character; write \\^ for a ^");
  EXPECT_EQ(parse_error("ogin:-"),
            "line 1, column 1: an expect ends in a string to send after a dash; end it with "
            "what to expect (or write \\-)");
  EXPECT_EQ(parse_error("x BREAK"), "line 1, column 3: BREAK is not supported by OpenRAS scripts");
  EXPECT_EQ(parse_error(std::string("x\0y", 3)),
            "the script holds a NUL byte: it is not a text file");
  EXPECT_EQ(parse_error(std::string(kMaxScriptString + 1, 'a')),
            "line 1, column 1: a string longer than 256 bytes");
  EXPECT_EQ(parse_error(std::string(kMaxScriptBytes + 1, ' ')),
            "the script is larger than 4096 bytes");
  // A quoted keyword is a string.
  EXPECT_EQ(parse_ok("'ABORT' x").operations[0].kind, Kind::kExpect);
}

// Records what the runner does.
struct Recorder : ChatRun::Sink {
  std::string written;
  std::vector<std::string> notes;
  int finished_count = 0;
  std::vector<std::string> failures;
  void write(std::string_view bytes) override { written += bytes; }
  void note(const std::string& text) override { notes.push_back(text); }
  void finished() override { ++finished_count; }
  void failed(ScriptFailure failure, const std::string& message) override {
    failures.push_back(std::string(script_failure_name(failure)) + ": " + message);
  }
};

class ChatRunTest : public ::testing::Test {
 protected:
  void begin(std::string_view text) {
    script_ = parse_ok(text);
    run_ = std::make_unique<ChatRun>(clock_, script_, ScriptValues{"5550100", "alice", "s3cret"},
                                     sink_);
    run_->start();
  }
  // Moves the clock to the runner's deadline and fires it.
  void expire() {
    ASSERT_TRUE(run_->deadline());
    clock_.advance(*run_->deadline() - clock_.now());
    run_->on_timer();
  }

  base::FakeClock clock_;
  ChatScript script_;
  Recorder sink_;
  std::unique_ptr<ChatRun> run_;
};

TEST_F(ChatRunTest, LogsInAcrossSplitReadsAndLeavesTheRestForPpp) {
  begin("ABORT 'Access denied' ogin: \\L assword: \\P '> ' ppp");
  EXPECT_EQ(sink_.written, "");
  EXPECT_EQ(run_->on_bytes("Welcome\r\nlo"), 11u);
  EXPECT_EQ(run_->on_bytes("gin: "), 5u);
  EXPECT_EQ(sink_.written, "alice\r");
  EXPECT_EQ(run_->on_bytes("alice\r\nPass"), 11u);
  EXPECT_EQ(run_->on_bytes("word: "), 6u);
  EXPECT_EQ(sink_.written, "alice\rs3cret\r");
  // The prompt and PPP's first frame in one read: the script takes up to its match.
  const std::string rest = "\x7e\xff\x7d\x23\xc0\x21";
  EXPECT_EQ(run_->on_bytes("\r\n> " + rest), 4u);
  EXPECT_EQ(sink_.written, "alice\rs3cret\rppp\r");
  EXPECT_TRUE(run_->done());
  EXPECT_EQ(sink_.finished_count, 1);
  EXPECT_TRUE(sink_.failures.empty());
  EXPECT_EQ(run_->on_bytes(rest), 0u) << "after the end every byte is PPP's";
  EXPECT_EQ(run_->take_leftover(), "");
  for (const std::string& note : sink_.notes) {
    EXPECT_EQ(note.find("s3cret"), std::string::npos) << note;
  }
  EXPECT_FALSE(run_->deadline());
}

TEST_F(ChatRunTest, AnAbortStringEndsIt) {
  begin("ABORT 'Access denied' ogin: \\L assword: \\P '> ' ppp");
  run_->on_bytes("login: ");
  EXPECT_EQ(run_->on_bytes("Access deniedXYZ"), 13u);
  ASSERT_EQ(sink_.failures.size(), 1u);
  EXPECT_EQ(sink_.failures[0],
            "aborted: line 1: the far end sent \"Access denied\", which the script aborts on");
  EXPECT_TRUE(run_->done());
  EXPECT_EQ(sink_.finished_count, 0);
}

TEST_F(ChatRunTest, ASubExpectSendsAfterATimeoutThenTheLastOneFails) {
  begin("TIMEOUT 5 ogin:-\\r\\c-ogin:--ogin: x");
  EXPECT_EQ(*run_->deadline() - clock_.now(), 5s);
  run_->on_bytes("noise\x01");
  expire();
  EXPECT_EQ(sink_.written, "\r") << "the first sub-send (\\r\\c is one carriage return)";
  expire();
  EXPECT_EQ(sink_.written, "\r\r") << "the second (empty: a carriage return)";
  EXPECT_TRUE(sink_.failures.empty());
  expire();
  ASSERT_EQ(sink_.failures.size(), 1u);
  EXPECT_EQ(sink_.failures[0],
            "timed out: line 1: \"ogin:\" did not arrive within 5 s (last received: "
            "\"noise\\x01\")");
}

TEST_F(ChatRunTest, ASubExpectThatMatchesGoesOn) {
  begin("TIMEOUT 5 ogin:--ogin: \\L");
  expire();
  EXPECT_EQ(sink_.written, "\r");
  run_->on_bytes("login:");
  EXPECT_EQ(sink_.written, "\ralice\r");
  EXPECT_TRUE(run_->done());
}

TEST_F(ChatRunTest, PausesWaitForTheClockAndWhatArrivesMeanwhileCounts) {
  begin("'' AT\\dX\\pY OK \\T");
  EXPECT_EQ(sink_.written, "AT");
  ASSERT_TRUE(run_->deadline());
  EXPECT_EQ(*run_->deadline() - clock_.now(), 1s);
  run_->on_timer();  // not yet
  EXPECT_EQ(sink_.written, "AT");
  EXPECT_EQ(run_->on_bytes("O"), 1u) << "kept for the expect that follows";
  expire();
  EXPECT_EQ(sink_.written, "ATX");
  EXPECT_EQ(*run_->deadline() - clock_.now(), 100ms);
  EXPECT_EQ(run_->on_bytes("K"), 1u);
  expire();
  EXPECT_EQ(sink_.written, "ATXY\r5550100\r") << "OK arrived during the pauses";
  EXPECT_TRUE(run_->done());
}

TEST_F(ChatRunTest, WhatArrivesDuringTheLastPauseIsLeftForPpp) {
  begin("'' go\\d");
  EXPECT_EQ(run_->on_bytes("~frame"), 6u);
  expire();
  EXPECT_TRUE(run_->done());
  EXPECT_EQ(sink_.written, "go\r");
  EXPECT_EQ(run_->take_leftover(), "~frame");
}

TEST_F(ChatRunTest, AMatchDuringAPauseLeavesItsTailForPpp) {
  begin("'' go\\d '> ' ''");
  run_->on_bytes("> ~frame");
  expire();
  EXPECT_TRUE(run_->done());
  EXPECT_EQ(sink_.written, "go\r\r");
  EXPECT_EQ(run_->take_leftover(), "~frame");
}

TEST_F(ChatRunTest, AnEmptyScriptFinishesAtOnce) {
  begin("");
  EXPECT_TRUE(run_->done());
  EXPECT_EQ(sink_.finished_count, 1);
  EXPECT_EQ(run_->on_bytes("x"), 0u);
}

TEST_F(ChatRunTest, SayGoesToTheLog) {
  begin("SAY 'dialing the gateway' '' x");
  ASSERT_FALSE(sink_.notes.empty());
  EXPECT_EQ(sink_.notes[0], "says: dialing the gateway");
}

}  // namespace
}  // namespace openras::modem
