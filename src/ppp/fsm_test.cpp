#include "ppp/fsm.h"

#include <gtest/gtest.h>

#include "ppp/options.h"
#include "ppp/test_support.h"

namespace openras::ppp {
namespace {

using namespace std::chrono_literals;
using test::hex;
using test::packet;

constexpr uint16_t kProto = 0x8021;

// A protocol with one option (type 1, one byte); the peer's value 0 is Nak'd with 7.
class Callbacks final : public FsmCallbacks {
 public:
  int ups = 0, downs = 0, starts = 0, finishes = 0, resets = 0;
  bool last_reject_if_disagree = false;
  void reset_ci() override { ++resets; }
  void add_ci(std::vector<uint8_t>& out) override { out.insert(out.end(), {1, 3, 5}); }
  bool ack_ci(Reader options) override { return is_our_request(*this, options); }
  bool nak_ci(Reader) override { return true; }
  bool rej_ci(Reader) override { return true; }
  ReqVerdict req_ci(Reader options, bool reject_if_disagree, std::vector<uint8_t>& out) override {
    last_reject_if_disagree = reject_if_disagree;
    ConfigReply reply(reject_if_disagree);
    Option o;
    bool malformed = false;
    while (next_option(options, o, malformed)) {
      uint8_t v = 0;
      if (o.type != 1 || !o.value.u8(v)) {
        reply.reject(o);
      } else if (v == 0) {
        const uint8_t seven = 7;
        reply.nak(o, Bytes(&seven, 1));
      } else {
        reply.ack(o);
      }
    }
    return malformed ? ReqVerdict::kDiscard : reply.finish(out);
  }
  void up() override { ++ups; }
  void down() override { ++downs; }
  void starting() override { ++starts; }
  void finished() override { ++finishes; }
};

class FsmTest : public ::testing::Test {
 protected:
  base::FakeClock clock;
  test::CaptureSink sink;
  Callbacks cb;
  FsmConfig config;
  std::unique_ptr<Fsm> fsm;

  void SetUp() override { make(); }
  void make() { fsm = std::make_unique<Fsm>(kProto, cb, sink, clock, config); }
  void start() {
    fsm->open();
    fsm->lower_up();
  }
  void expire() {
    ASSERT_TRUE(fsm->deadline());
    clock.advance(*fsm->deadline() - clock.now());
    fsm->on_timer(clock.now());
  }
  void to_opened() {
    start();
    uint8_t id = sink.sent.back().packet[1];
    fsm->input(packet(kConfigureAck, id, hex("01 03 05")));
    fsm->input(packet(kConfigureRequest, 1, hex("01 03 09")));
    ASSERT_EQ(fsm->state(), FsmState::kOpened);
    sink.take();
  }
  uint8_t last_code() const { return sink.sent.back().packet[0]; }
};

TEST_F(FsmTest, OpenAndUpSendsARequestFromReqSent) {
  fsm->open();
  EXPECT_EQ(fsm->state(), FsmState::kStarting);
  EXPECT_EQ(cb.starts, 1);
  fsm->lower_up();
  EXPECT_EQ(fsm->state(), FsmState::kReqSent);
  ASSERT_EQ(sink.sent.size(), 1U);
  EXPECT_EQ(sink.sent[0].protocol, kProto);
  EXPECT_EQ(sink.sent[0].packet, packet(kConfigureRequest, 1, hex("01 03 05")));
  EXPECT_EQ(cb.resets, 1);
}

TEST_F(FsmTest, AckThenRequestOpens) {
  to_opened();
  EXPECT_EQ(cb.ups, 1);
  EXPECT_FALSE(fsm->deadline());
}

TEST_F(FsmTest, RequestThenAckOpens) {
  start();
  fsm->input(packet(kConfigureRequest, 4, hex("01 03 09")));
  EXPECT_EQ(fsm->state(), FsmState::kAckSent);
  EXPECT_EQ(sink.sent.back().packet, packet(kConfigureAck, 4, hex("01 03 09")));
  fsm->input(packet(kConfigureAck, 1, hex("01 03 05")));
  EXPECT_EQ(fsm->state(), FsmState::kOpened);
  EXPECT_EQ(cb.ups, 1);
}

TEST_F(FsmTest, AckWithWrongIdOrContentIsIgnored) {
  start();
  fsm->input(packet(kConfigureAck, 2, hex("01 03 05")));
  EXPECT_EQ(fsm->state(), FsmState::kReqSent);
  fsm->input(packet(kConfigureAck, 1, hex("01 03 06")));
  EXPECT_EQ(fsm->state(), FsmState::kReqSent);
}

TEST_F(FsmTest, RetransmitsWithTheSameIdThenStopsAfterMaxConfigure) {
  config.max_configure = 4;
  make();
  start();
  for (int i = 0; i < 3; ++i) expire();
  ASSERT_EQ(sink.sent.size(), 4U);
  for (const auto& s : sink.sent) EXPECT_EQ(s.packet[1], 1);  // as slirp's transcript g
  expire();
  EXPECT_EQ(fsm->state(), FsmState::kStopped);
  EXPECT_EQ(fsm->stop_reason(), FsmStop::kTimeout);
  EXPECT_EQ(cb.finishes, 1);
  EXPECT_FALSE(fsm->deadline());
}

TEST_F(FsmTest, NakAndRejectStartANewRequest) {
  start();
  fsm->input(packet(kConfigureNak, 1, hex("01 03 06")));
  EXPECT_EQ(sink.sent.back().packet[1], 2);
  fsm->input(packet(kConfigureReject, 2, hex("01 03 05")));
  EXPECT_EQ(sink.sent.back().packet[1], 3);
  EXPECT_EQ(fsm->state(), FsmState::kReqSent);
}

TEST_F(FsmTest, PeerOptionsAreNakedThenRejectedAfterMaxFailure) {
  config.max_failure = 2;
  make();
  start();
  for (uint8_t id = 1; id <= 2; ++id) {
    fsm->input(packet(kConfigureRequest, id, hex("01 03 00")));
    EXPECT_EQ(sink.sent.back().packet, packet(kConfigureNak, id, hex("01 03 07")));
  }
  fsm->input(packet(kConfigureRequest, 3, hex("01 03 00")));
  EXPECT_TRUE(cb.last_reject_if_disagree);
  EXPECT_EQ(sink.sent.back().packet, packet(kConfigureReject, 3, hex("01 03 00")));
}

TEST_F(FsmTest, UnknownOptionIsRejectedAlone) {
  start();
  fsm->input(packet(kConfigureRequest, 1, hex("01 03 09 02 02")));
  EXPECT_EQ(sink.sent.back().packet, packet(kConfigureReject, 1, hex("02 02")));
}

TEST_F(FsmTest, PeerTerminateFromOpenedStopsAfterOneRestartPeriod) {
  to_opened();
  fsm->input(packet(kTerminateRequest, 0x99, test::bytes_of("bye")));
  EXPECT_EQ(sink.sent.back().packet, packet(kTerminateAck, 0x99, {}));
  EXPECT_EQ(fsm->state(), FsmState::kStopping);
  EXPECT_EQ(cb.downs, 1);
  EXPECT_EQ(fsm->peer_terminate_message(), "bye");
  expire();
  EXPECT_EQ(fsm->state(), FsmState::kStopped);
  EXPECT_EQ(fsm->stop_reason(), FsmStop::kPeerTerminated);
  EXPECT_EQ(cb.finishes, 1);
}

TEST_F(FsmTest, CloseSendsTerminateAndFinishesOnAck) {
  to_opened();
  fsm->close("User request");
  EXPECT_EQ(fsm->state(), FsmState::kClosing);
  ASSERT_EQ(last_code(), kTerminateRequest);
  uint8_t id = sink.sent.back().packet[1];
  fsm->input(packet(kTerminateAck, id, {}));
  EXPECT_EQ(fsm->state(), FsmState::kClosed);
  EXPECT_EQ(fsm->stop_reason(), FsmStop::kLocalClose);
  EXPECT_EQ(cb.finishes, 1);
}

TEST_F(FsmTest, CloseGivesUpAfterMaxTerminate) {
  config.max_terminate = 2;
  make();
  to_opened();
  fsm->close("bye");
  expire();
  EXPECT_EQ(sink.sent.size(), 2U);
  expire();
  EXPECT_EQ(fsm->state(), FsmState::kClosed);
  EXPECT_EQ(cb.finishes, 1);
}

TEST_F(FsmTest, RequestInOpenedRenegotiates) {
  to_opened();
  fsm->input(packet(kConfigureRequest, 2, hex("01 03 09")));
  EXPECT_EQ(cb.downs, 1);
  EXPECT_EQ(fsm->state(), FsmState::kAckSent);
  ASSERT_EQ(sink.sent.size(), 2U);
  EXPECT_EQ(sink.sent[0].packet[0], kConfigureRequest);
  EXPECT_EQ(sink.sent[1].packet[0], kConfigureAck);
}

// A peer answers every copy of a retransmitted request (pppd does): the second answer to
// the same request is not news, in AckRcvd or Opened (pppd's seen_ack).
TEST_F(FsmTest, SecondAnswerToTheSameRequestIsDiscarded) {
  start();
  expire();  // the request again, same id
  fsm->input(packet(kConfigureAck, 1, hex("01 03 05")));
  EXPECT_EQ(fsm->state(), FsmState::kAckRcvd);
  sink.take();
  fsm->input(packet(kConfigureAck, 1, hex("01 03 05")));
  fsm->input(packet(kConfigureNak, 1, hex("01 03 06")));
  EXPECT_EQ(fsm->state(), FsmState::kAckRcvd);
  EXPECT_TRUE(sink.sent.empty());
  fsm->input(packet(kConfigureRequest, 1, hex("01 03 09")));
  ASSERT_EQ(fsm->state(), FsmState::kOpened);
  sink.take();
  fsm->input(packet(kConfigureAck, 1, hex("01 03 05")));
  EXPECT_EQ(fsm->state(), FsmState::kOpened);
  EXPECT_EQ(cb.downs, 0);
  EXPECT_TRUE(sink.sent.empty());
}

TEST_F(FsmTest, AnAckOfARequestResentAfterAnAnswerCounts) {
  start();
  fsm->input(packet(kConfigureAck, 1, hex("01 03 05")));
  ASSERT_EQ(fsm->state(), FsmState::kAckRcvd);
  expire();  // no request from the peer: ours again (TO+ in AckRcvd), a fresh question
  EXPECT_EQ(fsm->state(), FsmState::kReqSent);
  fsm->input(packet(kConfigureAck, 1, hex("01 03 05")));
  EXPECT_EQ(fsm->state(), FsmState::kAckRcvd);
}

TEST_F(FsmTest, ClosedAnswersRequestsWithTerminateAck) {
  fsm->lower_up();
  EXPECT_EQ(fsm->state(), FsmState::kClosed);
  fsm->input(packet(kConfigureRequest, 5, hex("01 03 09")));
  EXPECT_EQ(sink.sent.back().packet, packet(kTerminateAck, 5, {}));
}

TEST_F(FsmTest, UnknownCodeIsCodeRejected) {
  to_opened();
  auto odd = packet(42, 1, hex("aa bb"));
  fsm->input(odd);
  ASSERT_EQ(last_code(), kCodeReject);
  EXPECT_EQ(
      std::vector<uint8_t>(sink.sent.back().packet.begin() + 4, sink.sent.back().packet.end()),
      odd);
}

TEST_F(FsmTest, CodeRejectOfConfigureIsCatastrophic) {
  start();
  fsm->input(packet(kCodeReject, 1, packet(kConfigureRequest, 1, hex("01 03 05"))));
  EXPECT_EQ(fsm->state(), FsmState::kStopped);
  EXPECT_EQ(fsm->stop_reason(), FsmStop::kRejected);
}

TEST_F(FsmTest, CodeRejectOfAnExtensionIsTolerated) {
  to_opened();
  fsm->input(packet(kCodeReject, 1, packet(42, 1, {})));
  EXPECT_EQ(fsm->state(), FsmState::kOpened);
}

TEST_F(FsmTest, LowerDownFromOpenedGoesToStarting) {
  to_opened();
  fsm->lower_down();
  EXPECT_EQ(fsm->state(), FsmState::kStarting);
  EXPECT_EQ(cb.downs, 1);
  EXPECT_FALSE(fsm->deadline());
  fsm->lower_up();
  EXPECT_EQ(fsm->state(), FsmState::kReqSent);
}

TEST_F(FsmTest, LyingLengthsAreDiscarded) {
  start();
  sink.take();
  fsm->input(hex("01 07 ff ff 01 03 09"));                    // Length 65535, 7 bytes came
  fsm->input(hex("01 07 00 03"));                             // Length below the header
  fsm->input(hex("01 07"));                                   // truncated header
  fsm->input(packet(kConfigureRequest, 8, hex("01 09 05")));  // option longer than packet
  EXPECT_TRUE(sink.sent.empty());
  EXPECT_EQ(fsm->state(), FsmState::kReqSent);
}

TEST_F(FsmTest, PaddingAfterTheLengthIsIgnored) {
  start();
  fsm->input(test::concat(packet(kConfigureRequest, 3, hex("01 03 09")), hex("00 00 00")));
  EXPECT_EQ(sink.sent.back().packet, packet(kConfigureAck, 3, hex("01 03 09")));
}

TEST_F(FsmTest, PacketsInInitialAndStartingAreDiscarded) {
  fsm->input(packet(kConfigureRequest, 1, hex("01 03 09")));
  fsm->open();
  fsm->input(packet(kConfigureRequest, 1, hex("01 03 09")));
  EXPECT_TRUE(sink.sent.empty());
}

TEST_F(FsmTest, CloseWhileStartingFinishes) {
  fsm->open();
  fsm->close("never mind");
  EXPECT_EQ(fsm->state(), FsmState::kInitial);
  EXPECT_EQ(cb.finishes, 1);
}

TEST(FsmStateNames, AllTen) {
  for (int s = 0; s < 10; ++s) {
    EXPECT_NE(fsm_state_name(static_cast<FsmState>(s)), "?") << s;
  }
}

}  // namespace
}  // namespace openras::ppp
