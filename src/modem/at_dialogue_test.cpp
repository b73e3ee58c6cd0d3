// at_dialogue_test.cpp: the AT automaton against modem transcripts (echo on and off,
// numeric codes, CONNECT with suffixes, RING noise, silence), on the fake clock: every
// time-out and pause is crossed by advancing the clock, never by waiting.
#include "modem/at_dialogue.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace openras::modem {
namespace {

using namespace std::chrono_literals;

struct Recorder : AtDialogue::Sink {
  std::vector<std::string> written;
  unsigned dials = 0;
  std::optional<uint32_t> speed;
  std::string connect_text;
  std::optional<DialFailure> failure;
  std::string message;
  bool hung_up_ = false;
  void write(std::string_view bytes) override { written.emplace_back(bytes); }
  void dialing(unsigned attempt) override { dials = attempt; }
  void connected(uint32_t s, const std::string& text) override {
    speed = s;
    connect_text = text;
  }
  void failed(DialFailure f, const std::string& m) override {
    failure = f;
    message = m;
  }
  void hung_up() override { hung_up_ = true; }
  // The last thing written, taken.
  std::string take() {
    if (written.empty()) return "";
    std::string last = written.back();
    written.clear();
    return last;
  }
};

DialPlan plan(std::vector<std::string> init = {}) {
  DialPlan p;
  p.port = "/dev/ttyS0";
  p.init = std::move(init);
  p.number = "5551234";
  return p;
}

struct Fixture {
  base::FakeClock clock;
  Recorder sink;
  AtDialogue dialogue;
  explicit Fixture(DialPlan p) : dialogue(clock, std::move(p), sink) {}
  // Advances the clock to the automaton's deadline and fires it.
  void expire() {
    ASSERT_TRUE(dialogue.deadline());
    clock.advance(*dialogue.deadline() - clock.now());
    dialogue.on_timer();
  }
};

TEST(AtDialogue, EchoOnVerboseConnectsWithTheSpeedAndNoWaits) {
  Fixture f(plan({"AT&FE1V1", "ATS7=45"}));
  f.dialogue.start();
  auto t0 = f.clock.now();
  EXPECT_EQ(f.sink.take(), "ATZ\r");
  f.dialogue.on_bytes("ATZ\r\r\nOK\r\n");
  EXPECT_EQ(f.sink.take(), "AT&FE1V1\r");
  f.dialogue.on_bytes("AT&FE1V1\r\r\nOK\r\n");
  EXPECT_EQ(f.sink.take(), "ATS7=45\r");
  f.dialogue.on_bytes("ATS7=45\r\r\nOK\r\n");
  EXPECT_EQ(f.sink.take(), "ATDT5551234\r");
  EXPECT_EQ(f.sink.dials, 1u);
  f.dialogue.on_bytes("ATDT5551234\r\r\nCARRIER 33600\r\n\r\nPROTOCOL: LAP-M\r\n");
  EXPECT_FALSE(f.sink.speed);
  f.dialogue.on_bytes("\r\nCONNECT 33600/ARQ/V42BIS\r\n");
  ASSERT_TRUE(f.sink.speed);
  EXPECT_EQ(*f.sink.speed, 33600u);
  EXPECT_EQ(f.sink.connect_text, "CONNECT 33600/ARQ/V42BIS");
  EXPECT_FALSE(f.sink.failure);
  EXPECT_TRUE(f.dialogue.done());
  EXPECT_FALSE(f.dialogue.deadline());
  EXPECT_EQ(f.clock.now(), t0) << "each command went out on the previous reply";
}

TEST(AtDialogue, EchoOffNumericCodes) {
  Fixture f(plan({"ATE0V0"}));
  f.dialogue.start();
  EXPECT_EQ(f.sink.take(), "ATZ\r");
  f.dialogue.on_bytes("\r\nOK\r\n");
  EXPECT_EQ(f.sink.take(), "ATE0V0\r");
  f.dialogue.on_bytes("0\r");
  EXPECT_EQ(f.sink.take(), "ATDT5551234\r");
  f.dialogue.on_bytes("2\r2\r");  // RING RING: someone calls in; ignored
  f.dialogue.on_bytes("18\r");    // CONNECT 57600
  ASSERT_TRUE(f.sink.speed);
  EXPECT_EQ(*f.sink.speed, 57600u);
}

TEST(AtDialogue, PulseDialing) {
  DialPlan p = plan();
  p.pulse = true;
  EXPECT_EQ(AtDialogue::dial_command(p, p.number), "ATDP5551234");
}

struct Outcome {
  std::string reply;
  DialFailure failure;
};

TEST(AtDialogue, EachFinalResultBecomesItsFailureNamingPortAndCommand) {
  for (const Outcome& o :
       {Outcome{"BUSY", DialFailure::kBusy}, Outcome{"NO CARRIER", DialFailure::kNoCarrier},
        Outcome{"NO DIALTONE", DialFailure::kNoDialtone},
        Outcome{"NO ANSWER", DialFailure::kNoAnswer}, Outcome{"7", DialFailure::kBusy},
        Outcome{"ERROR", DialFailure::kDeviceError},
        Outcome{"HELLO THERE", DialFailure::kUnrecognizedResponse}}) {
    Fixture f(plan());
    f.dialogue.start();
    f.dialogue.on_bytes("OK\r\n");
    f.dialogue.on_bytes("\r\nRING\r\n\r\n" + o.reply + "\r\n");
    ASSERT_TRUE(f.sink.failure) << o.reply;
    EXPECT_EQ(*f.sink.failure, o.failure) << o.reply;
    EXPECT_NE(f.sink.message.find("/dev/ttyS0"), std::string::npos) << f.sink.message;
    EXPECT_NE(f.sink.message.find("ATDT5551234"), std::string::npos) << f.sink.message;
    EXPECT_NE(f.sink.message.find(o.reply), std::string::npos) << f.sink.message;
    EXPECT_TRUE(f.dialogue.done());
  }
}

TEST(AtDialogue, AnInitStringTheModemRefusesIsNamed) {
  Fixture f(plan({"AT&F", "AT+BOGUS"}));
  f.dialogue.start();
  f.dialogue.on_bytes("OK\r\n");
  f.dialogue.on_bytes("OK\r\n");
  EXPECT_EQ(f.sink.take(), "AT+BOGUS\r");
  f.dialogue.on_bytes("\r\nERROR\r\n");
  ASSERT_TRUE(f.sink.failure);
  EXPECT_EQ(*f.sink.failure, DialFailure::kDeviceError);
  EXPECT_NE(f.sink.message.find("AT+BOGUS"), std::string::npos) << f.sink.message;
  EXPECT_EQ(f.sink.dials, 0u);
}

TEST(AtDialogue, SilenceIsNoResponseAfterTheCommandTimeOut) {
  Fixture f(plan());
  f.dialogue.start();
  f.clock.advance(2999ms);
  f.dialogue.on_timer();
  EXPECT_FALSE(f.sink.failure) << "too early";
  f.expire();
  ASSERT_TRUE(f.sink.failure);
  EXPECT_EQ(*f.sink.failure, DialFailure::kNoResponse);
  EXPECT_NE(f.sink.message.find("\"ATZ\""), std::string::npos) << f.sink.message;
}

TEST(AtDialogue, AStaleResultBeforeOkIsSkipped) {
  Fixture f(plan());
  f.dialogue.start();
  f.dialogue.on_bytes("\r\nNO CARRIER\r\n");  // the previous call's last words
  EXPECT_FALSE(f.sink.failure);
  f.dialogue.on_bytes("\r\nOK\r\n");
  EXPECT_EQ(f.sink.take(), "ATDT5551234\r");
  f.dialogue.on_bytes("CONNECT\r\n");
  EXPECT_TRUE(f.sink.speed);
}

TEST(AtDialogue, GarbageWithoutOkIsUnrecognised) {
  Fixture f(plan());
  f.dialogue.start();
  f.dialogue.on_bytes("\x7f\x01garbled\r\n");
  f.expire();
  ASSERT_TRUE(f.sink.failure);
  EXPECT_EQ(*f.sink.failure, DialFailure::kUnrecognizedResponse);
  EXPECT_NE(f.sink.message.find("garbled"), std::string::npos) << f.sink.message;
}

TEST(AtDialogue, TheDialTimeOutAbortsTheDial) {
  DialPlan p = plan();
  p.dial_timeout = 45s;
  Fixture f(std::move(p));
  f.dialogue.start();
  f.dialogue.on_bytes("OK\r\n");
  EXPECT_EQ(f.sink.take(), "ATDT5551234\r");
  auto dialled = f.clock.now();
  f.expire();
  EXPECT_EQ(f.clock.now() - dialled, 45s);
  ASSERT_TRUE(f.sink.failure);
  EXPECT_EQ(*f.sink.failure, DialFailure::kNoResponse);
  EXPECT_EQ(f.sink.take(), "\r") << "a character aborts the dial";
}

TEST(AtDialogue, RedialsAfterBusyWithThePauseCountingDials) {
  DialPlan p = plan();
  p.redial_count = 2;
  p.redial_pause = 5s;
  Fixture f(std::move(p));
  f.dialogue.start();
  f.dialogue.on_bytes("OK\r\n");
  for (unsigned dial = 1; dial <= 3; ++dial) {
    EXPECT_EQ(f.sink.take(), "ATDT5551234\r") << dial;
    EXPECT_EQ(f.sink.dials, dial);
    f.dialogue.on_bytes("BUSY\r\n");
    if (dial == 3) break;
    EXPECT_FALSE(f.sink.failure);
    auto busy = f.clock.now();
    f.clock.advance(4s);
    f.dialogue.on_timer();
    EXPECT_TRUE(f.sink.written.empty()) << "redialled before the pause";
    f.expire();
    EXPECT_EQ(f.clock.now() - busy, 5s);
  }
  ASSERT_TRUE(f.sink.failure);
  EXPECT_EQ(*f.sink.failure, DialFailure::kBusy);
  EXPECT_NE(f.sink.message.find("after 3 dials"), std::string::npos) << f.sink.message;
}

TEST(AtDialogue, TriesTheAlternatesInOrderAtOnceThenRedialsFromTheFirst) {
  DialPlan p = plan();
  p.alternates = {"5550002", "5550003"};
  p.redial_count = 1;
  p.redial_pause = 7s;
  Fixture f(std::move(p));
  f.dialogue.start();
  f.dialogue.on_bytes("OK\r\n");
  const char* expected[] = {"ATDT5551234\r", "ATDT5550002\r", "ATDT5550003\r",
                            "ATDT5551234\r", "ATDT5550002\r", "ATDT5550003\r"};
  for (unsigned dial = 1; dial <= 6; ++dial) {
    EXPECT_EQ(f.sink.take(), expected[dial - 1]) << dial;
    EXPECT_EQ(f.sink.dials, dial);
    f.dialogue.on_bytes(dial % 2 ? "BUSY\r\n" : "NO CARRIER\r\n");
    if (dial == 6) break;
    EXPECT_FALSE(f.sink.failure) << dial;
    if (dial == 3) {
      EXPECT_TRUE(f.sink.written.empty()) << "the redial waits for its pause";
      auto failed = f.clock.now();
      f.expire();
      EXPECT_EQ(f.clock.now() - failed, 7s);
    } else {
      EXPECT_FALSE(f.sink.written.empty()) << "an alternate is dialled at once: " << dial;
    }
  }
  ASSERT_TRUE(f.sink.failure);
  EXPECT_EQ(*f.sink.failure, DialFailure::kNoCarrier);
  EXPECT_NE(f.sink.message.find("ATDT5550003"), std::string::npos) << f.sink.message;
  EXPECT_NE(f.sink.message.find("after 6 dials"), std::string::npos) << f.sink.message;
}

TEST(AtDialogue, AnAlternateThatAnswersConnects) {
  DialPlan p = plan();
  p.alternates = {"5550002"};
  Fixture f(std::move(p));
  f.dialogue.start();
  f.dialogue.on_bytes("OK\r\n");
  EXPECT_EQ(f.sink.take(), "ATDT5551234\r");
  EXPECT_EQ(f.dialogue.dialled_number(), "5551234");
  f.dialogue.on_bytes("BUSY\r\n");
  EXPECT_EQ(f.sink.take(), "ATDT5550002\r");
  f.dialogue.on_bytes("CONNECT 33600\r\n");
  EXPECT_EQ(f.sink.speed, 33600u);
  EXPECT_FALSE(f.sink.failure);
  // Which number answered, for the link's report (RASEO_PromoteAlternates).
  EXPECT_EQ(f.dialogue.dialled_number(), "5550002");
}

TEST(AtDialogue, AfterARedialTheFirstNumberIsTheOneThatAnswers) {
  DialPlan p = plan();
  p.alternates = {"5550002"};
  p.redial_count = 1;
  Fixture f(std::move(p));
  f.dialogue.start();
  f.dialogue.on_bytes("OK\r\n");
  f.dialogue.on_bytes("BUSY\r\n");
  f.dialogue.on_bytes("BUSY\r\n");  // the alternate; then the redial from the first
  EXPECT_EQ(f.sink.take(), "ATDT5551234\r");
  f.dialogue.on_bytes("CONNECT\r\n");
  ASSERT_FALSE(f.sink.failure);
  EXPECT_EQ(f.sink.dials, 3u);
  EXPECT_EQ(f.dialogue.dialled_number(), "5551234");
}

TEST(AtDialogue, CancelWhileDialingSendsACarriageReturnAndStops) {
  Fixture f(plan());
  f.dialogue.start();
  f.dialogue.on_bytes("OK\r\n");
  f.sink.take();
  f.dialogue.cancel();
  EXPECT_EQ(f.sink.take(), "\r");
  EXPECT_TRUE(f.dialogue.done());
  EXPECT_FALSE(f.dialogue.deadline());
  f.dialogue.on_bytes("NO CARRIER\r\n");
  EXPECT_FALSE(f.sink.failure) << "nothing is reported after a cancel";
}

TEST(AtDialogue, EscapeHangUpKeepsTheGuardTimes) {
  Fixture f(plan());
  f.dialogue.start();
  f.dialogue.on_bytes("OK\r\n");
  f.dialogue.on_bytes("CONNECT 9600\r\n");
  f.sink.written.clear();
  f.dialogue.hang_up_by_escape();
  auto t0 = f.clock.now();
  f.dialogue.on_bytes("data from the far end");
  f.clock.advance(999ms);
  f.dialogue.on_timer();
  EXPECT_TRUE(f.sink.written.empty()) << "+++ before the guard time";
  f.expire();
  EXPECT_EQ(f.clock.now() - t0, 1s);
  EXPECT_EQ(f.sink.take(), "+++");
  f.expire();
  EXPECT_EQ(f.clock.now() - t0, 2s);
  EXPECT_EQ(f.sink.take(), "ATH\r");
  EXPECT_FALSE(f.sink.hung_up_);
  f.dialogue.on_bytes("\r\nOK\r\n");
  EXPECT_TRUE(f.sink.hung_up_);
  EXPECT_TRUE(f.dialogue.done());
}

TEST(AtDialogue, EscapeHangUpEndsEvenWhenAthIsNotAnswered) {
  Fixture f(plan());
  f.dialogue.hang_up_by_escape();
  f.expire();
  f.expire();
  EXPECT_FALSE(f.sink.hung_up_);
  f.expire();
  EXPECT_TRUE(f.sink.hung_up_);
}

}  // namespace
}  // namespace openras::modem
