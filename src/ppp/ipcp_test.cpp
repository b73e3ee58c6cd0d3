#include "ppp/ipcp.h"

#include <gtest/gtest.h>

#include "ppp/ipv6cp.h"
#include "ppp/test_support.h"

namespace openras::ppp {
namespace {

using test::hex;

class Layers final : public LayerListener {
 public:
  int ups = 0, downs = 0, finishes = 0;
  void layer_up(uint16_t) override { ++ups; }
  void layer_down(uint16_t) override { ++downs; }
  void layer_finished(uint16_t) override { ++finishes; }
};

class IpcpTest : public ::testing::Test {
 protected:
  base::FakeClock clock;
  test::CaptureSink sink;
  Layers layers;
  IpcpConfig config;
  std::unique_ptr<Ipcp> ipcp;

  void SetUp() override {
    config.request_dns = false;
    config.peer_address_hint = 0x0A000202;  // 10.0.2.2, as the probe
    make();
  }
  void make() {
    ipcp = std::make_unique<Ipcp>(config, layers, sink, clock);
    ipcp->fsm().open();
    ipcp->fsm().lower_up();
  }
  std::vector<uint8_t> last() const { return sink.sent.back().packet; }
};

TEST_F(IpcpTest, SlirpSessionFromTheTranscript) {
  // >> IPCP Configure-Request id=1 [IP-Address=0.0.0.0]
  EXPECT_EQ(last(), hex("01 01 00 0a 03 06 00 00 00 00"));
  // << [IP-Address=0.0.0.0, IP-Compression VJ]: VJ is rejected on its own first.
  ipcp->fsm().input(hex("01 01 00 10 03 06 00 00 00 00 02 06 00 2d 0f 01"));
  EXPECT_EQ(last(), hex("04 01 00 0a 02 06 00 2d 0f 01"));
  // slirp asks again without VJ: its 0.0.0.0 gets a usable address.
  ipcp->fsm().input(hex("01 02 00 0a 03 06 00 00 00 00"));
  EXPECT_EQ(last(), hex("03 02 00 0a 03 06 0a 00 02 02"));
  // << IPCP Configure-Nak id=1 [IP-Address=10.0.2.15]
  ipcp->fsm().input(hex("03 01 00 0a 03 06 0a 00 02 0f"));
  EXPECT_EQ(last(), hex("01 02 00 0a 03 06 0a 00 02 0f"));
  ipcp->fsm().input(hex("01 03 00 0a 03 06 0a 00 02 02"));
  EXPECT_EQ(last(), hex("02 03 00 0a 03 06 0a 00 02 02"));
  // << IPCP Configure-Ack id=2 [IP-Address=10.0.2.15]
  ipcp->fsm().input(hex("02 02 00 0a 03 06 0a 00 02 0f"));
  EXPECT_EQ(ipcp->fsm().state(), FsmState::kOpened);
  EXPECT_EQ(layers.ups, 1);
  EXPECT_EQ(ipcp->result().local, 0x0A00020FU);
  EXPECT_EQ(ipcp->result().remote, 0x0A000202U);
}

TEST_F(IpcpTest, WithoutAHintThePlaceholderIsOffered) {
  config.peer_address_hint.reset();
  make();
  ipcp->fsm().input(hex("01 01 00 0a 03 06 00 00 00 00"));
  EXPECT_EQ(last(), hex("03 01 00 0a 03 06 0a 40 40 40"));
}

TEST_F(IpcpTest, PppdSessionWithDns) {
  config.request_dns = true;
  make();
  EXPECT_EQ(last(), hex("01 01 00 16 03 06 00 00 00 00 81 06 00 00 00 00 83 06 00 00 00 00"));
  // pppd has one ms-dns: it rejects the secondary, then Naks (transcript 3.2).
  ipcp->fsm().input(hex("04 01 00 0a 83 06 00 00 00 00"));
  EXPECT_EQ(last(), hex("01 02 00 10 03 06 00 00 00 00 81 06 00 00 00 00"));
  ipcp->fsm().input(hex("03 02 00 10 03 06 0a 00 03 02 81 06 0a 00 03 01"));
  EXPECT_EQ(last(), hex("01 03 00 10 03 06 0a 00 03 02 81 06 0a 00 03 01"));
  // << [IP-Compression VJ, IP-Address=10.0.3.1]
  ipcp->fsm().input(hex("01 01 00 10 02 06 00 2d 0f 01 03 06 0a 00 03 01"));
  EXPECT_EQ(last()[0], kConfigureReject);
  ipcp->fsm().input(hex("01 02 00 0a 03 06 0a 00 03 01"));
  EXPECT_EQ(last()[0], kConfigureAck);
  ipcp->fsm().input(hex("02 03 00 10 03 06 0a 00 03 02 81 06 0a 00 03 01"));
  ASSERT_EQ(ipcp->fsm().state(), FsmState::kOpened);
  EXPECT_EQ(ipcp->result().local, 0x0A000302U);
  EXPECT_EQ(ipcp->result().remote, 0x0A000301U);
  EXPECT_EQ(ipcp->result().dns1, 0x0A000301U);
  EXPECT_EQ(ipcp->result().dns2, 0U);
}

TEST_F(IpcpTest, ConfiguredAddressIsRequestedAndItsRefusalIsTyped) {
  config.address = 0x0A000005;
  make();
  EXPECT_EQ(last(), hex("01 01 00 0a 03 06 0a 00 00 05"));
  ipcp->fsm().input(hex("03 01 00 0a 03 06 0a 00 02 0f"));
  EXPECT_EQ(ipcp->failure(), NcpFailure::kRequiredAddressRejected);
  EXPECT_EQ(last()[0], kTerminateRequest);
  EXPECT_EQ(ipcp->fsm().state(), FsmState::kClosing);
}

TEST_F(IpcpTest, RejectedAddressWithoutOneOfOurOwnIsTyped) {
  ipcp->fsm().input(hex("04 01 00 0a 03 06 00 00 00 00"));
  EXPECT_EQ(ipcp->failure(), NcpFailure::kNoAddressAssigned);
}

TEST_F(IpcpTest, AckedZeroAddressIsNoAddress) {
  ipcp->fsm().input(hex("02 01 00 0a 03 06 00 00 00 00"));
  ipcp->fsm().input(hex("01 01 00 0a 03 06 0a 00 02 02"));
  EXPECT_EQ(ipcp->failure(), NcpFailure::kNoAddressAssigned);
  EXPECT_EQ(layers.ups, 0);
}

class Ipv6cpTest : public ::testing::Test {
 protected:
  base::FakeClock clock;
  test::CaptureSink sink;
  test::ScriptedRandom random;
  Layers layers;
  std::unique_ptr<Ipv6cp> cp;
  void SetUp() override {
    random.queue(hex("00 11 22 33 44 55 66 77"));
    cp = std::make_unique<Ipv6cp>(Ipv6cpConfig{}, layers, sink, clock, random);
    cp->fsm().open();
    cp->fsm().lower_up();
  }
  std::vector<uint8_t> last() const { return sink.sent.back().packet; }
};

TEST_F(Ipv6cpTest, NegotiatesInterfaceIdentifiers) {
  EXPECT_EQ(last(), hex("01 01 00 0e 01 0a 00 11 22 33 44 55 66 77"));
  // pppd's request from the transcript.
  cp->fsm().input(hex("01 01 00 0e 01 0a ec 43 ca 04 ae 84 d2 02"));
  EXPECT_EQ(last(), hex("02 01 00 0e 01 0a ec 43 ca 04 ae 84 d2 02"));
  cp->fsm().input(hex("02 01 00 0e 01 0a 00 11 22 33 44 55 66 77"));
  ASSERT_EQ(cp->fsm().state(), FsmState::kOpened);
  EXPECT_EQ(cp->result().local_id, 0x0011223344556677ULL);
  EXPECT_EQ(cp->result().peer_id, 0xEC43CA04AE84D202ULL);
}

TEST_F(Ipv6cpTest, ZeroOrEqualPeerIdentifiersAreNaked) {
  cp->fsm().input(hex("01 01 00 0e 01 0a 00 00 00 00 00 00 00 00"));
  EXPECT_EQ(last()[0], kConfigureNak);
  cp->fsm().input(hex("01 02 00 0e 01 0a 00 11 22 33 44 55 66 77"));
  auto nak = last();
  EXPECT_EQ(nak[0], kConfigureNak);
  EXPECT_NE(std::vector<uint8_t>(nak.begin() + 6, nak.end()), hex("00 11 22 33 44 55 66 77"));
}

TEST_F(Ipv6cpTest, NakedIdentifierIsAdopted) {
  cp->fsm().input(hex("03 01 00 0e 01 0a 02 00 00 00 00 00 00 09"));
  EXPECT_EQ(last(), hex("01 02 00 0e 01 0a 02 00 00 00 00 00 00 09"));
}

}  // namespace
}  // namespace openras::ppp
