#include "ppp/lcp.h"

#include <gtest/gtest.h>

#include "ppp/test_support.h"

namespace openras::ppp {
namespace {

using namespace std::chrono_literals;
using test::hex;
using test::packet;

class Listener final : public LcpListener {
 public:
  int ups = 0, downs = 0, finishes = 0, dead = 0, loops = 0;
  std::vector<uint16_t> rejected;
  void lcp_up() override { ++ups; }
  void lcp_down() override { ++downs; }
  void lcp_finished() override { ++finishes; }
  void lcp_protocol_rejected(uint16_t p) override { rejected.push_back(p); }
  void lcp_dead_peer() override { ++dead; }
  void lcp_loopback() override { ++loops; }
};

class LcpTest : public ::testing::Test {
 protected:
  base::FakeClock clock;
  test::ScriptedRandom random;
  test::CaptureSink sink;
  Listener listener;
  LcpConfig config;
  std::unique_ptr<Lcp> lcp;

  void SetUp() override {
    config.pfc = config.acfc = false;  // as the probe in the transcripts
    make();
  }
  void make() {
    lcp = std::make_unique<Lcp>(config, listener, sink, clock, random);
    random.queue_u32(0x1A2B3C4D);
    lcp->fsm().open();
    lcp->fsm().lower_up();
  }
  std::vector<uint8_t> last() const { return sink.sent.back().packet; }
  void open_with(const std::vector<uint8_t>& peer_request) {
    lcp->fsm().input(peer_request);
    std::vector<uint8_t> ours = sink.sent.front().packet;
    ours[0] = kConfigureAck;
    lcp->fsm().input(ours);
    ASSERT_EQ(lcp->fsm().state(), FsmState::kOpened);
  }
};

// slirp's request (ppp-peers.md 1.5.b) and pppd's (3.2).
const auto kSlirpRequest = hex("01 01 00 12 01 04 05 dc 05 06 0a a1 d6 8f 07 02 08 02");
const auto kPppdRequest = hex("01 01 00 14 02 06 00 00 00 00 05 06 70 cc 6e 88 07 02 08 02");

TEST_F(LcpTest, OurRequestIsTheProbes) {
  ASSERT_EQ(sink.sent.size(), 1U);
  EXPECT_EQ(sink.sent[0].protocol, kProtoLcp);
  EXPECT_EQ(sink.sent[0].packet,
            hex("01 01 00 14 01 04 05 dc 02 06 00 00 00 00 05 06 1a 2b 3c 4d"));
}

TEST_F(LcpTest, AcksSlirpsRequestAndOpensOnItsAck) {
  lcp->fsm().input(kSlirpRequest);
  auto ack = kSlirpRequest;
  ack[0] = kConfigureAck;
  EXPECT_EQ(last(), ack);
  // << LCP Configure-Ack id=1 [MRU=1500, ACCM=0x00000000, Magic=0x1a2b3c4d]
  lcp->fsm().input(hex("02 01 00 14 01 04 05 dc 02 06 00 00 00 00 05 06 1a 2b 3c 4d"));
  EXPECT_EQ(listener.ups, 1);
  const LcpResult& r = lcp->result();
  EXPECT_EQ(r.send_mru, 1500);
  EXPECT_EQ(r.send_accm, 0xFFFFFFFFU);  // slirp sent no ACCM: keep escaping everything
  EXPECT_EQ(r.receive_accm, 0U);
  EXPECT_TRUE(r.send_pfc);
  EXPECT_TRUE(r.send_acfc);
  EXPECT_EQ(r.peer_magic, 0x0AA1D68FU);
  EXPECT_EQ(r.our_magic, 0x1A2B3C4DU);
  EXPECT_EQ(r.auth, AuthProtocol::kNone);
}

TEST_F(LcpTest, PppdAsksForAccmZero) {
  open_with(kPppdRequest);
  EXPECT_EQ(lcp->result().send_accm, 0U);
}

TEST_F(LcpTest, AuthenticationProtocolsFollowThePolicy) {
  // slirp +pap / +chap (transcripts d and e): accepted by default.
  lcp->fsm().input(hex("01 01 00 16 01 04 05 dc 03 04 c0 23 05 06 a6 ab 53 16 07 02 08 02"));
  EXPECT_EQ(last()[0], kConfigureAck);
  EXPECT_EQ(lcp->result().auth, AuthProtocol::kPap);
  lcp->fsm().input(hex("01 02 00 17 01 04 05 dc 03 05 c2 23 05 05 06 35 b7 b6 78 07 02 08 02"));
  EXPECT_EQ(last()[0], kConfigureAck);
  EXPECT_EQ(lcp->result().auth, AuthProtocol::kChapMd5);
  lcp->fsm().input(hex("01 03 00 09 03 05 c2 23 81"));
  EXPECT_EQ(lcp->result().auth, AuthProtocol::kMsChapV2);
  // MS-CHAPv1 (0x80) is not something we do: Nak'd with our first choice.
  lcp->fsm().input(hex("01 04 00 09 03 05 c2 23 80"));
  EXPECT_EQ(last(), hex("03 04 00 09 03 05 c2 23 81"));
}

TEST_F(LcpTest, PolicyWithoutChapNaksWithPap) {
  config.accepted_auth = {AuthProtocol::kPap};
  make();
  lcp->fsm().input(hex("01 04 00 09 03 05 c2 23 05"));
  EXPECT_EQ(last(), hex("03 04 00 08 03 04 c0 23"));
}

TEST_F(LcpTest, EmptyPolicyRejectsAuthentication) {
  config.accepted_auth = {};
  make();
  lcp->fsm().input(hex("01 04 00 08 03 04 c0 23"));
  EXPECT_EQ(last(), hex("04 04 00 08 03 04 c0 23"));
}

TEST_F(LcpTest, UnknownAndMalformedOptionsAreRejected) {
  // Callback (13) and an MRU of the wrong length: rejected, the rest not echoed.
  lcp->fsm().input(hex("01 05 00 10 0d 03 06 01 03 05 05 06 01 02 03 04"));
  EXPECT_EQ(last(), hex("04 05 00 0a 0d 03 06 01 03 05"));
}

TEST_F(LcpTest, TinyMruIsNakedUpTo128) {
  lcp->fsm().input(hex("01 06 00 08 01 04 00 40"));
  EXPECT_EQ(last(), hex("03 06 00 08 01 04 00 80"));
}

TEST_F(LcpTest, MalformedOptionListIsDiscarded) {
  size_t before = sink.sent.size();
  lcp->fsm().input(hex("01 07 00 08 01 09 05 dc"));
  EXPECT_EQ(sink.sent.size(), before);
}

TEST_F(LcpTest, OurOwnMagicIsNakedAndCountedAsLoopback) {
  config.loopback_limit = 3;
  make();
  auto own = hex("01 01 00 0a 05 06 1a 2b 3c 4d");
  lcp->fsm().input(own);
  EXPECT_EQ(last()[0], kConfigureNak);
  EXPECT_EQ(listener.loops, 0);
  // The Nak comes back to us as a Nak of our request, twice: the line loops.
  std::vector<uint8_t> nak = last();
  lcp->fsm().input(nak);
  lcp->fsm().input(nak);
  EXPECT_EQ(listener.loops, 0);
  auto again = hex("01 02 00 0a 05 06 00 00 00 00");
  uint32_t m = lcp->result().our_magic;
  for (size_t s = 0; s < 4; ++s) again[6 + s] = static_cast<uint8_t>(m >> (24 - 8 * s));
  lcp->fsm().input(again);
  EXPECT_GE(listener.loops, 1);
}

TEST_F(LcpTest, NakAndRejectAdjustOurRequest) {
  lcp->fsm().input(hex("03 01 00 0e 01 04 05 78 02 06 00 0a 00 00"));  // MRU 1400, ACCM
  EXPECT_EQ(last(), hex("01 02 00 14 01 04 05 78 02 06 00 0a 00 00 05 06 1a 2b 3c 4d"));
  lcp->fsm().input(hex("04 02 00 0a 05 06 1a 2b 3c 4d"));  // no Magic-Number, please
  EXPECT_EQ(last(), hex("01 03 00 0e 01 04 05 78 02 06 00 0a 00 00"));
}

TEST_F(LcpTest, FcsAlternativesNegotiateFcs32) {
  // The peer wants FCS-32 from us; a choice of several gets FCS-16; no FCS is refused.
  lcp->fsm().input(hex("01 01 00 07 09 03 04"));
  EXPECT_EQ(last(), hex("02 01 00 07 09 03 04"));
  EXPECT_TRUE(lcp->result().send_fcs32);
  lcp->fsm().input(hex("01 02 00 07 09 03 06"));
  EXPECT_EQ(last(), hex("03 02 00 07 09 03 02"));
  lcp->fsm().input(hex("01 03 00 07 09 03 01"));
  EXPECT_EQ(last(), hex("03 03 00 07 09 03 02"));
  // We ask for FCS-32 when configured, and stop when the peer rejects it.
  config.fcs32 = true;
  make();
  auto ours = last();
  EXPECT_EQ(std::vector<uint8_t>(ours.end() - 3, ours.end()), hex("09 03 04"));
  lcp->fsm().input(hex("04 01 00 07 09 03 04"));
  ours = last();
  EXPECT_NE(std::vector<uint8_t>(ours.end() - 3, ours.end()), hex("09 03 04"));
}

TEST_F(LcpTest, EchoRequestIsAnsweredWithOurMagic) {
  open_with(kSlirpRequest);
  // << the probe's Echo-Request id=119 magic=0x1a2b3c4d 'hi', seen from slirp's side
  lcp->fsm().input(hex("09 77 00 0a 0a a1 d6 8f 68 69"));
  EXPECT_EQ(last(), hex("0a 77 00 0a 1a 2b 3c 4d 68 69"));
}

TEST_F(LcpTest, KeepAliveDeclaresADeadPeer) {
  config.echo_interval = 10s;
  config.echo_failures = 2;
  make();
  open_with(kSlirpRequest);
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(lcp->deadline());
    clock.advance(10s);
    lcp->on_timer(clock.now());
    EXPECT_EQ(last()[0], kEchoRequest);
  }
  // An answer resets the count.
  lcp->fsm().input(hex("0a 05 00 08 0a a1 d6 8f"));
  clock.advance(10s);
  lcp->on_timer(clock.now());
  clock.advance(10s);
  lcp->on_timer(clock.now());
  EXPECT_EQ(listener.dead, 0);
  clock.advance(10s);
  lcp->on_timer(clock.now());
  EXPECT_EQ(listener.dead, 1);
}

TEST_F(LcpTest, NoKeepAliveByDefault) {
  open_with(kSlirpRequest);
  EXPECT_FALSE(lcp->deadline());
}

TEST_F(LcpTest, ProtocolRejectBothWays) {
  lcp->reject_protocol(kProtoCcp, hex("01 01 00 04"));
  EXPECT_EQ(sink.sent.size(), 1U);  // not Opened yet: only our Configure-Request
  open_with(kSlirpRequest);
  lcp->reject_protocol(kProtoCcp, hex("01 01 00 04"));
  auto reject = last();
  EXPECT_EQ(reject[0], kProtocolReject);
  EXPECT_EQ(std::vector<uint8_t>(reject.begin() + 4, reject.end()), hex("80 fd 01 01 00 04"));
  // pppd's Protocol-Reject of IPV6CP as we sent it, now received.
  lcp->fsm().input(hex("08 40 00 14 80 57 01 01 00 0e 01 0a ec 43 ca 04 ae 84 d2 02"));
  EXPECT_EQ(listener.rejected, std::vector<uint16_t>{kProtoIpv6cp});
}

TEST_F(LcpTest, ProtocolRejectIsCutToThePeersMru) {
  lcp->fsm().input(hex("01 01 00 08 01 04 00 80"));  // MRU 128
  std::vector<uint8_t> ours = sink.sent.front().packet;
  ours[0] = kConfigureAck;
  lcp->fsm().input(ours);
  lcp->reject_protocol(kProtoCcp, std::vector<uint8_t>(500, 1));
  EXPECT_EQ(last().size(), 128U);
}

}  // namespace
}  // namespace openras::ppp
