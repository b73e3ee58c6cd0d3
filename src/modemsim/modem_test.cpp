// Tests of the modem state machine on a fake clock: no pty, no sleeps.
#include "modemsim/modem.h"

#include <gtest/gtest.h>

#include <vector>

namespace openras::modemsim {
namespace {

using std::chrono::milliseconds;

class RecordingHost : public ModemHost {
 public:
  void to_line(std::string_view bytes) override { line += bytes; }
  Status start_far_end(const std::string& command) override {
    started.push_back(command);
    if (refuse_start) return fail(Errc::kIo, "cannot start " + command);
    return {};
  }
  void to_far_end(std::string_view bytes) override { far_end += bytes; }
  void stop_far_end() override { ++stops; }
  void log(char kind, std::string_view text) override {
    records.push_back(std::string(1, kind) + " " + std::string(text));
  }

  std::string line;
  std::string far_end;
  std::vector<std::string> started;
  std::vector<std::string> records;
  int stops = 0;
  bool refuse_start = false;
};

class ModemTest : public ::testing::Test {
 protected:
  ModemTest() {
    EXPECT_TRUE(answers_.add("5551234=connect"));
    EXPECT_TRUE(answers_.add("5552222=busy"));
    EXPECT_TRUE(answers_.add("5553333=noanswer"));
    EXPECT_TRUE(answers_.add("5554444=nodialtone"));
    EXPECT_TRUE(answers_.add("5555555=error"));
    EXPECT_TRUE(answers_.add("5556666=silent"));
    EXPECT_TRUE(answers_.add("5557777=exec:slirp"));
    EXPECT_TRUE(answers_.add("5558888=drop:2:connect"));
  }

  // Sends `bytes` from the dialling side; returns what the modem sent back.
  std::string send(std::string_view bytes) {
    host_.line.clear();
    modem_.on_line_data(bytes);
    return std::exchange(host_.line, {});
  }
  // Advances the fake clock and runs what became due; returns what the modem sent.
  std::string wait(milliseconds by) {
    host_.line.clear();
    clock_.advance(by);
    auto deadline = modem_.next_deadline();
    if (deadline && *deadline <= clock_.now()) modem_.on_timer();
    return std::exchange(host_.line, {});
  }
  // Dials 5551234 with echo off, leaving the modem online.
  void connect(std::string_view number = "5551234") {
    ASSERT_EQ(send("ATE0\r"), "ATE0\r\r\nOK\r\n");
    ASSERT_EQ(send("ATD" + std::string(number) + "\r"), "\r\nCONNECT 115200\r\n");
    ASSERT_EQ(modem_.state(), ModemState::kOnline);
  }

  base::FakeClock clock_;
  AnswerTable answers_;
  RecordingHost host_;
  Modem modem_{answers_, clock_, host_};
};

TEST_F(ModemTest, EchoesAndAnswersOk) {
  EXPECT_EQ(send("ATZ\r"), "ATZ\r\r\nOK\r\n");
  EXPECT_EQ(send("at\r"), "at\r\r\nOK\r\n");
  EXPECT_EQ(send("AT"), "AT");  // echoed as typed, answered at the CR
  EXPECT_EQ(send("\r"), "\r\r\nOK\r\n");
}

TEST_F(ModemTest, EchoOffTakesEffectAfterItsOwnLine) {
  EXPECT_EQ(send("ATE0\r"), "ATE0\r\r\nOK\r\n");
  EXPECT_EQ(send("AT\r"), "\r\nOK\r\n");
  EXPECT_EQ(send("ATE1\r"), "\r\nOK\r\n");
  EXPECT_EQ(send("AT\r"), "AT\r\r\nOK\r\n");
}

TEST_F(ModemTest, NumericResultCodes) {
  EXPECT_EQ(send("ATE0V0\r"), "ATE0V0\r0\r");
  EXPECT_EQ(send("ATQ\r"), "0\r");
  EXPECT_EQ(send("ATK\r"), "4\r");
  EXPECT_EQ(send("ATDT5552222\r"), "7\r");
  EXPECT_EQ(send("ATDT5553333\r"), "8\r");
  EXPECT_EQ(send("ATDT5554444\r"), "6\r");
  EXPECT_EQ(send("ATDT5555555\r"), "4\r");
  EXPECT_EQ(send("ATDT0\r"), "3\r");
  EXPECT_EQ(send("ATDT5551234\r"), "1\r");
}

TEST_F(ModemTest, SeveralCommandsOnOneLineUseTheNewSettingsForTheResult) {
  EXPECT_EQ(send("ATE0V1Q0\r"), "ATE0V1Q0\r\r\nOK\r\n");
  EXPECT_EQ(send("AT V0 E1\r"), "0\r");
  EXPECT_EQ(send("ATV1\r"), "ATV1\r\r\nOK\r\n");
}

TEST_F(ModemTest, ErrorAbandonsTheRestOfTheLineButKeepsEarlierSettings) {
  EXPECT_EQ(send("ATE0J1V0\r"), "ATE0J1V0\r\r\nERROR\r\n");
  EXPECT_EQ(send("AT\r"), "\r\nOK\r\n");  // E0 stayed, V0 never ran
  EXPECT_EQ(send("ATE2\r"), "\r\nERROR\r\n");
  EXPECT_EQ(send("AT&Q5\r"), "\r\nERROR\r\n");
  EXPECT_EQ(send("AT&C1&D2&K3M0L0X3\r"), "\r\nOK\r\n");
}

TEST_F(ModemTest, QuietSuppressesResultsButNotEcho) {
  EXPECT_EQ(send("ATQ1\r"), "ATQ1\r");
  EXPECT_EQ(send("ATDT5552222\r"), "ATDT5552222\r");
  EXPECT_EQ(host_.records.back(), "* not sent (Q1): BUSY");
  EXPECT_EQ(send("ATQ0\r"), "ATQ0\r\r\nOK\r\n");
}

TEST_F(ModemTest, ConnectReportsTheSpeedUnlessX0) {
  Modem slow(answers_, clock_, host_, 33600);
  host_.line.clear();
  slow.on_line_data("ATE0X0DT5551234\r");
  EXPECT_EQ(host_.line, "ATE0X0DT5551234\r\r\nCONNECT\r\n");
  EXPECT_EQ(send("ATE0X4D5551234\r"), "ATE0X4D5551234\r\r\nCONNECT 115200\r\n");
  Modem fast(answers_, clock_, host_, 33600);
  host_.line.clear();
  fast.on_line_data("ATE0DT5551234\r");
  EXPECT_EQ(host_.line, "ATE0DT5551234\r\r\nCONNECT 33600\r\n");
}

TEST_F(ModemTest, SRegistersReadWriteAndRange) {
  EXPECT_EQ(send("ATE0S7?\r"), "ATE0S7?\r\r\n050\r\n\r\nOK\r\n");
  EXPECT_EQ(send("ATS7=60S0=2\r"), "\r\nOK\r\n");
  EXPECT_EQ(modem_.reg(7), 60);
  EXPECT_EQ(modem_.reg(0), 2);
  EXPECT_EQ(send("ATS7?\r"), "\r\n060\r\n\r\nOK\r\n");
  EXPECT_EQ(send("ATS12\r"), "\r\nOK\r\n");
  EXPECT_EQ(send("AT?\r"), "\r\n50\r\n\r\nOK\r\n");  // the selected register
  EXPECT_EQ(send("ATS13=1\r"), "\r\nERROR\r\n");
  EXPECT_EQ(send("ATS7=256\r"), "\r\nERROR\r\n");
  EXPECT_EQ(send("ATS=1\r"), "\r\nERROR\r\n");
  EXPECT_EQ(send("ATZ\r"), "\r\nOK\r\n");  // ATZ restores E1 ...
  EXPECT_EQ(modem_.reg(7), 50);            // ... and the registers
  EXPECT_EQ(send("AT\r"), "AT\r\r\nOK\r\n");
}

TEST_F(ModemTest, CarriageReturnAndBackspaceFollowS3AndS5) {
  EXPECT_EQ(send("ATE0S3=33\r"), "ATE0S3=33\r!\nOK!\n");  // framing follows S3 at once
  EXPECT_EQ(send("AT!"), "!\nOK!\n");
  EXPECT_EQ(send("AT&F!"), "\r\nOK\r\n");
  EXPECT_EQ(send("ATE0\r"), "ATE0\r\r\nOK\r\n");
  EXPECT_EQ(send("ATJ\bE1\r"), "\r\nOK\r\n");  // the J (an error) was taken back
  EXPECT_EQ(send("AT\r"), "AT\r\r\nOK\r\n");
}

TEST_F(ModemTest, ARepeatsTheLastLine) {
  EXPECT_EQ(send("ATE0DT5552222\r"), "ATE0DT5552222\r\r\nBUSY\r\n");
  EXPECT_EQ(send("A/"), "\r\nBUSY\r\n");
  EXPECT_EQ(host_.records.end()[-3], "< A/");
}

TEST_F(ModemTest, OverlongLineIsAnError) {
  EXPECT_EQ(send("ATE0\r"), "ATE0\r\r\nOK\r\n");
  EXPECT_EQ(send("AT" + std::string(Modem::kMaxCommandLine + 1, 'L') + "\r"), "\r\nERROR\r\n");
  EXPECT_EQ(send("AT" + std::string(Modem::kMaxCommandLine, ' ') + "\r"), "\r\nOK\r\n");
}

TEST_F(ModemTest, InformationAndAnswerCommands) {
  EXPECT_EQ(send("ATE0I\r"), "ATE0I\r\r\nrasmodem-sim\r\n\r\nOK\r\n");
  EXPECT_EQ(send("ATA\r"), "\r\nNO CARRIER\r\n");
  EXPECT_EQ(send("ATO\r"), "\r\nNO CARRIER\r\n");
  EXPECT_EQ(send("ATH1\r"), "\r\nOK\r\n");
}

TEST_F(ModemTest, EachFailingActionGivesItsResult) {
  EXPECT_EQ(send("ATE0\r"), "ATE0\r\r\nOK\r\n");
  EXPECT_EQ(send("ATDT555-2222\r"), "\r\nBUSY\r\n");
  EXPECT_EQ(send("ATDP5553333\r"), "\r\nNO ANSWER\r\n");
  EXPECT_EQ(send("ATD 555 4444\r"), "\r\nNO DIALTONE\r\n");
  EXPECT_EQ(send("ATDT5555555;\r"), "\r\nERROR\r\n");
  EXPECT_EQ(send("ATDT12345\r"), "\r\nNO CARRIER\r\n");
  EXPECT_EQ(send("ATDT5556666\r"), "");  // silent: no reply at all ...
  EXPECT_EQ(modem_.state(), ModemState::kCommand);
  EXPECT_EQ(send("AT\r"), "\r\nOK\r\n");  // ... and still a modem afterwards
  EXPECT_TRUE(host_.started.empty());
}

TEST_F(ModemTest, ConnectEchoesData) {
  connect();
  EXPECT_EQ(send("hello\r\nATH\r"), "hello\r\nATH\r");  // data, not commands
  EXPECT_EQ(modem_.state(), ModemState::kOnline);
  EXPECT_EQ(host_.far_end, "");
}

TEST_F(ModemTest, EscapeWithGuardTimesThenHangUp) {
  connect();
  EXPECT_EQ(wait(milliseconds(1000)), "");
  EXPECT_EQ(send("+++"), "");  // held back while it might be the escape
  EXPECT_EQ(wait(milliseconds(999)), "");
  EXPECT_EQ(modem_.state(), ModemState::kOnline);
  EXPECT_EQ(wait(milliseconds(1)), "\r\nOK\r\n");
  EXPECT_EQ(modem_.state(), ModemState::kOnlineCommand);
  EXPECT_EQ(send("ATH\r"), "\r\nOK\r\n");
  EXPECT_EQ(modem_.state(), ModemState::kCommand);
  EXPECT_EQ(host_.stops, 1);
}

TEST_F(ModemTest, EscapeWithoutTheGuardTimeBeforeIsData) {
  connect();
  EXPECT_EQ(wait(milliseconds(999)), "");
  EXPECT_EQ(send("+++"), "+++");
  EXPECT_EQ(wait(milliseconds(5000)), "");
  EXPECT_EQ(modem_.state(), ModemState::kOnline);
}

TEST_F(ModemTest, EscapeFollowedByDataWithinTheGuardTimeIsData) {
  connect();
  wait(milliseconds(1000));
  EXPECT_EQ(send("+++"), "");
  EXPECT_EQ(wait(milliseconds(500)), "");
  EXPECT_EQ(send("x"), "+++x");
  EXPECT_EQ(wait(milliseconds(5000)), "");
  EXPECT_EQ(modem_.state(), ModemState::kOnline);
}

TEST_F(ModemTest, SlowOrShortEscapesAreData) {
  connect();
  wait(milliseconds(1000));
  EXPECT_EQ(send("+"), "");
  EXPECT_EQ(wait(milliseconds(1000)), "+");  // the next + came too late to be one sequence
  EXPECT_EQ(send("++"), "");
  EXPECT_EQ(wait(milliseconds(1000)), "++");
  EXPECT_EQ(send("++++"), "++++");
  EXPECT_EQ(modem_.state(), ModemState::kOnline);
}

TEST_F(ModemTest, EscapeFollowsS2AndS12) {
  ASSERT_EQ(send("ATE0S2=36S12=5\r"), "ATE0S2=36S12=5\r\r\nOK\r\n");
  ASSERT_EQ(send("ATD5551234\r"), "\r\nCONNECT 115200\r\n");
  wait(milliseconds(100));
  EXPECT_EQ(send("+++"), "+++");
  wait(milliseconds(100));
  EXPECT_EQ(send("$$$"), "");
  EXPECT_EQ(wait(milliseconds(100)), "\r\nOK\r\n");
}

TEST_F(ModemTest, ZeroGuardTimeEscapesAtOnceAndS2Above127Never) {
  ASSERT_EQ(send("ATE0S12=0D5551234\r"), "ATE0S12=0D5551234\r\r\nCONNECT 115200\r\n");
  EXPECT_EQ(send("ab+++AT\r"), "ab\r\nOK\r\n\r\nOK\r\n");
  EXPECT_EQ(send("ATH\r"), "\r\nOK\r\n");
  ASSERT_EQ(send("ATS2=128D5551234\r"), "\r\nCONNECT 115200\r\n");
  EXPECT_EQ(send("+++"), "+++");
  EXPECT_EQ(modem_.state(), ModemState::kOnline);
}

TEST_F(ModemTest, AtoResumesTheCall) {
  connect();
  wait(milliseconds(1000));
  send("+++");
  ASSERT_EQ(wait(milliseconds(1000)), "\r\nOK\r\n");
  EXPECT_EQ(send("ATD5552222\r"), "\r\nERROR\r\n");  // no second call
  EXPECT_EQ(send("ATO\r"), "\r\nCONNECT 115200\r\n");
  EXPECT_EQ(modem_.state(), ModemState::kOnline);
  EXPECT_EQ(send("data"), "data");
  EXPECT_EQ(host_.stops, 0);
}

TEST_F(ModemTest, AtzHangsUpAndResets) {
  connect();
  wait(milliseconds(1000));
  send("+++");
  wait(milliseconds(1000));
  EXPECT_EQ(send("ATZ\r"), "\r\nOK\r\n");
  EXPECT_EQ(modem_.state(), ModemState::kCommand);
  EXPECT_EQ(host_.stops, 1);
  EXPECT_EQ(send("AT\r"), "AT\r\r\nOK\r\n");
}

TEST_F(ModemTest, ExecRunsTheFarEndAndCarrierFollowsIt) {
  connect("5557777");
  ASSERT_EQ(host_.started, std::vector<std::string>{"slirp"});
  EXPECT_EQ(send("\x7e\xff"), "");
  EXPECT_EQ(host_.far_end, "\x7e\xff");
  modem_.on_far_end_data("\x7e\x01");
  EXPECT_EQ(host_.line, "\x7e\x01");
  host_.line.clear();
  modem_.on_far_end_closed();
  EXPECT_EQ(host_.line, "\r\nNO CARRIER\r\n");
  EXPECT_EQ(modem_.state(), ModemState::kCommand);
  EXPECT_EQ(host_.stops, 1);
  EXPECT_EQ(send("AT\r"), "\r\nOK\r\n");
}

TEST_F(ModemTest, ExecThatCannotStartLosesTheCarrier) {
  host_.refuse_start = true;
  ASSERT_EQ(send("ATE0\r"), "ATE0\r\r\nOK\r\n");
  EXPECT_EQ(send("ATD5557777\r"), "\r\nCONNECT 115200\r\n\r\nNO CARRIER\r\n");
  EXPECT_EQ(modem_.state(), ModemState::kCommand);
}

TEST_F(ModemTest, FarEndDataIsLostInCommandModes) {
  connect("5557777");
  wait(milliseconds(1000));
  send("+++");
  wait(milliseconds(1000));
  host_.line.clear();
  modem_.on_far_end_data("lost");
  EXPECT_EQ(host_.line, "");
}

TEST_F(ModemTest, DropLosesTheCarrierAfterItsTime) {
  connect("5558888");
  EXPECT_EQ(modem_.next_deadline(), clock_.now() + milliseconds(2000));
  EXPECT_EQ(wait(milliseconds(1999)), "");
  EXPECT_EQ(wait(milliseconds(1)), "\r\nNO CARRIER\r\n");
  EXPECT_EQ(modem_.state(), ModemState::kCommand);
  EXPECT_FALSE(modem_.next_deadline());
  EXPECT_EQ(host_.records.back(), "> NO CARRIER");
}

TEST_F(ModemTest, DropAlsoEndsAnEscapedCall) {
  connect("5558888");
  wait(milliseconds(1000));
  send("+++");
  ASSERT_EQ(wait(milliseconds(500)), "");
  EXPECT_EQ(wait(milliseconds(500)), "\r\nNO CARRIER\r\n");  // drop (at 2 s) before OK
  EXPECT_EQ(modem_.state(), ModemState::kCommand);
}

TEST_F(ModemTest, DtrDropFollowsAmpersandD) {
  connect("5557777");
  modem_.on_dtr_drop();  // &D2, the default: hang up, silently
  EXPECT_EQ(host_.line, "");
  EXPECT_EQ(modem_.state(), ModemState::kCommand);
  EXPECT_EQ(host_.stops, 1);
  EXPECT_EQ(send("AT&D0D5551234\r"), "\r\nCONNECT 115200\r\n");
  modem_.on_dtr_drop();
  EXPECT_EQ(modem_.state(), ModemState::kOnline);
  wait(milliseconds(1000));
  send("+++");
  ASSERT_EQ(wait(milliseconds(1000)), "\r\nOK\r\n");
  EXPECT_EQ(send("AT&D1O\r"), "\r\nCONNECT 115200\r\n");
  modem_.on_dtr_drop();
  EXPECT_EQ(modem_.state(), ModemState::kOnlineCommand);
  EXPECT_EQ(send("AT&D3H\r"), "\r\nOK\r\n");
  EXPECT_EQ(send("ATD5551234\r"), "\r\nCONNECT 115200\r\n");
  modem_.on_dtr_drop();
  EXPECT_EQ(modem_.state(), ModemState::kCommand);
  EXPECT_EQ(send("AT\r"), "AT\r\r\nOK\r\n");  // &D3 reset E0 to E1
  EXPECT_EQ(send("AT&D4\r"), "AT&D4\r\r\nERROR\r\n");
  modem_.on_dtr_drop();  // without a call: nothing
  EXPECT_EQ(host_.line, "");
}

TEST_F(ModemTest, LogRecordsCommandsResultsAndEvents) {
  send("ATE0\r");
  send("ATDT555-1234\r");
  send("+++AT\r");  // data: no guard time before it
  send("at");
  send("\r");
  send("a/");
  const std::vector<std::string> expected = {"< ATE0", "> OK", "< ATDT555-1234",
                                             "* dial 5551234: connect", "> CONNECT 115200"};
  EXPECT_EQ(host_.records, expected);
  clock_.advance(milliseconds(1000));
  send("+++");
  clock_.advance(milliseconds(1000));
  modem_.on_timer();
  send("aT\r");
  send("a/");
  const std::vector<std::string> escaped = {"< ATE0",
                                            "> OK",
                                            "< ATDT555-1234",
                                            "* dial 5551234: connect",
                                            "> CONNECT 115200",
                                            "* escape: online command mode",
                                            "> OK",
                                            "< aT",
                                            "> OK",
                                            "< a/",
                                            "> OK"};
  EXPECT_EQ(host_.records, escaped);
}

}  // namespace
}  // namespace openras::modemsim
