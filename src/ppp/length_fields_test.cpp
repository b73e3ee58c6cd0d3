// length_fields_test: pppd's CVE-2020-8597 class of bug cannot happen here. pppd's EAP
// code trusted a length taken from the packet (the peer's name length) for a copy, so a
// peer could write past a buffer. Here every read goes through Reader (reader.h), which
// only narrows: a length field larger than what arrived, or larger than the packet's own
// Length, fails the read. Each packet below lies about a length; it is copied into a heap
// block of exactly its size, so ASan (on in CI) reports a read even one byte past it, and
// each test checks the packet was refused (nothing answered, nothing concluded).
#include <gtest/gtest.h>

#include <cstring>
#include <memory>

#include "ppp/auth.h"
#include "ppp/ipcp.h"
#include "ppp/lcp.h"
#include "ppp/session_fixture.h"
#include "ppp/test_support.h"

namespace openras::ppp {
namespace {

using test::hex;

// `bytes` in a heap block of exactly their size (a vector may have spare capacity that
// ASan does not watch).
class Exact {
 public:
  explicit Exact(const std::vector<uint8_t>& bytes)
      : size_(bytes.size()), data_(new uint8_t[bytes.size()]) {
    std::memcpy(data_.get(), bytes.data(), bytes.size());
  }
  operator Bytes() const { return {data_.get(), size_}; }  // NOLINT: a span view

 private:
  size_t size_;
  std::unique_ptr<uint8_t[]> data_;
};

class Verdicts final : public AuthListener, public LcpListener, public LayerListener {
 public:
  int verdicts = 0;
  std::string message;
  void auth_succeeded(AuthProtocol, std::string m) override {
    ++verdicts;
    message = std::move(m);
  }
  void auth_failed(AuthProtocol, AuthFailure, std::string m) override {
    ++verdicts;
    message = std::move(m);
  }
  void lcp_up() override {}
  void lcp_down() override {}
  void lcp_finished() override {}
  void lcp_protocol_rejected(uint16_t) override { ++verdicts; }
  void lcp_dead_peer() override {}
  void lcp_loopback() override {}
  void layer_up(uint16_t) override {}
  void layer_down(uint16_t) override {}
  void layer_finished(uint16_t) override {}
};

class LengthFieldsTest : public ::testing::Test {
 protected:
  base::FakeClock clock;
  test::ScriptedRandom random;
  test::CaptureSink sink;
  Verdicts listener;

  // A client that has answered nothing yet; `protocol` is CHAP-MD5 or MS-CHAPv2.
  std::unique_ptr<AuthClient> chap_client(AuthProtocol protocol) {
    auto auth = std::make_unique<AuthClient>(listener, sink, clock, random);
    auth->start(protocol, Credentials("testuser", "testpass"));
    sink.take();
    return auth;
  }
};

TEST_F(LengthFieldsTest, ChapValueSizeBeyondThePacketIsRefused) {
  for (AuthProtocol p : {AuthProtocol::kChapMd5, AuthProtocol::kMsChapV2}) {
    auto auth = chap_client(p);
    // Challenge, Length 10 (true), Value-Size 255 with five value bytes present.
    auth->input(kProtoChap, Exact(hex("01 07 00 0a ff 01 02 03 04 05")));
    // Value-Size 16 (MS-CHAPv2's) with eight present, no name.
    auth->input(kProtoChap, Exact(hex("01 08 00 0d 10 01 02 03 04 05 06 07 08")));
    EXPECT_TRUE(sink.sent.empty()) << auth_protocol_name(p) << " answered a lying challenge";
    EXPECT_EQ(listener.verdicts, 0);
    EXPECT_TRUE(auth->holds_credentials());
  }
}

// The value lies within the bytes that arrived but beyond the packet's own Length: the
// bytes after Length are padding (RFC 1661 section 5), never part of the value.
TEST_F(LengthFieldsTest, ChapValueSizeBeyondTheLengthFieldIsRefused) {
  auto auth = chap_client(AuthProtocol::kChapMd5);
  std::vector<uint8_t> challenge = hex("01 09 00 08 10 aa bb cc");  // Length 8: 3 value bytes
  for (int i = 0; i < 13 + 6; ++i) challenge.push_back(static_cast<uint8_t>(i));
  auth->input(kProtoChap, Exact(challenge));
  EXPECT_TRUE(sink.sent.empty());
  EXPECT_TRUE(auth->holds_credentials());
}

TEST_F(LengthFieldsTest, ChapLengthBeyondTheFrameIsDiscarded) {
  auto auth = chap_client(AuthProtocol::kMsChapV2);
  std::vector<uint8_t> challenge = hex("01 0a 01 00 10");  // Length 256, 21 bytes arrive
  for (int i = 0; i < 16; ++i) challenge.push_back(static_cast<uint8_t>(i));
  auth->input(kProtoChap, Exact(challenge));
  EXPECT_TRUE(sink.sent.empty());
  // A verdict whose Length overruns the frame concludes nothing either.
  auth->input(kProtoChap, Exact(hex("04 0a 00 ff 45 3d 36 39 31")));
  auth->input(kProtoChap, Exact(hex("03 0a 00 40 53 3d")));
  EXPECT_EQ(listener.verdicts, 0);
}

TEST_F(LengthFieldsTest, PapMessageLengthIsClippedToWhatArrived) {
  AuthClient auth(listener, sink, clock, random);
  auth.start(AuthProtocol::kPap, Credentials("testuser", "testpass"));
  // Authenticate-Ack, Msg-Length 200, three message bytes.
  auth.input(kProtoPap, Exact(hex("02 01 00 08 c8 4f 4b 21")));
  EXPECT_EQ(listener.verdicts, 1);
  EXPECT_EQ(listener.message, "OK!");
}

TEST_F(LengthFieldsTest, OptionLengthsThatLieMakeTheRequestDiscarded) {
  LcpConfig config;
  Lcp lcp(config, listener, sink, clock, random);
  lcp.fsm().open();
  lcp.fsm().lower_up();
  sink.take();
  // MRU whose Length (16) runs past the packet; an option of Length 0; of Length 1.
  for (const char* p : {"01 01 00 08 01 10 05 dc", "01 02 00 06 05 00", "01 03 00 06 07 01"}) {
    lcp.fsm().input(Exact(hex(p)));
    EXPECT_TRUE(sink.sent.empty()) << "answered " << p;
  }
  EXPECT_EQ(lcp.fsm().state(), FsmState::kReqSent);
  // Echo-Request and Protocol-Reject whose Length claims more than arrived.
  lcp.fsm().input(Exact(hex("09 04 00 40 1a 2b 3c 4d")));
  lcp.fsm().input(Exact(hex("08 05 00 30 80 57")));
  EXPECT_TRUE(sink.sent.empty());
  EXPECT_EQ(listener.verdicts, 0);

  IpcpConfig ipcp_config;
  Ipcp ipcp(ipcp_config, listener, sink, clock);
  ipcp.fsm().open();
  ipcp.fsm().lower_up();
  sink.take();
  ipcp.fsm().input(Exact(hex("01 01 00 0a 03 40 0a 00 03 01")));  // IP-Address, Length 64
  EXPECT_TRUE(sink.sent.empty());
}

// The same lies arriving the way a peer sends them: framed on the line, into a session.
TEST_F(LengthFieldsTest, ThroughTheWholeSession) {
  test::Host host;
  SessionConfig config;
  random.queue_u32(0x1A2B3C4D);
  Session session(config, Credentials("testuser", "testpass"), host, clock, random);
  session.start();
  // pppd's request with CHAP-MD5, and its Ack of ours: the Authenticate phase.
  session.feed(test::from_peer(
      kProtoLcp,
      hex("01 01 00 19 02 06 00 00 00 00 03 05 c2 23 05 05 06 36 46 f6 e8 07 02 08 02")));
  std::vector<uint8_t> ours;
  for (auto& f : test::frames_of(host.line)) {
    if (f.protocol == kProtoLcp && f.packet[0] == 1) ours = f.packet;
  }
  ASSERT_FALSE(ours.empty());
  ours[0] = 2;
  session.feed(test::from_peer(kProtoLcp, ours));
  ASSERT_EQ(session.phase(), Phase::kAuthenticate);
  host.line.clear();
  session.feed(test::from_peer(kProtoChap, hex("01 07 00 0a ff 01 02 03 04 05")));
  session.feed(test::from_peer(kProtoLcp, hex("09 04 00 40 1a 2b 3c 4d")));
  EXPECT_TRUE(host.line.empty());
  EXPECT_EQ(session.phase(), Phase::kAuthenticate);
}

}  // namespace
}  // namespace openras::ppp
