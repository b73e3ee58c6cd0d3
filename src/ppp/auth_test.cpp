#include "ppp/auth.h"

#include <gtest/gtest.h>

#include "ppp/test_support.h"

namespace openras::ppp {
namespace {

using namespace std::chrono_literals;
using test::hex;
using test::packet;

struct Outcome {
  bool done = false;
  bool ok = false;
  AuthProtocol protocol = AuthProtocol::kNone;
  AuthFailure why = AuthFailure::kRejected;
  std::string message;
};

class Recorder final : public AuthListener {
 public:
  Outcome outcome;
  void auth_succeeded(AuthProtocol p, std::string m) override { outcome = {true, true, p, {}, m}; }
  void auth_failed(AuthProtocol p, AuthFailure why, std::string m) override {
    outcome = {true, false, p, why, m};
  }
};

class AuthTest : public ::testing::Test {
 protected:
  base::FakeClock clock;
  test::ScriptedRandom random;
  test::CaptureSink sink;
  Recorder recorder;
  AuthClient auth{recorder, sink, clock, random};
};

std::vector<uint8_t> with_message(uint8_t code, uint8_t id, std::string_view msg) {
  std::vector<uint8_t> data{static_cast<uint8_t>(msg.size())};
  data.insert(data.end(), msg.begin(), msg.end());
  return packet(code, id, data);
}

TEST_F(AuthTest, PapAgainstSlirpsTranscript) {
  auth.start(AuthProtocol::kPap, Credentials("testuser", "testpass"));
  ASSERT_EQ(sink.sent.size(), 1U);
  EXPECT_EQ(sink.sent[0].protocol, kProtoPap);
  // >> PAP Authenticate-Request id=1 b'\x08testuser\x08testpass'
  EXPECT_EQ(sink.sent[0].packet, packet(1, 1, test::bytes_of("\x08testuser\x08testpass")));
  auth.input(kProtoPap, with_message(2, 1, "Login ok"));
  EXPECT_TRUE(recorder.outcome.ok);
  EXPECT_EQ(recorder.outcome.message, "Login ok");
  EXPECT_FALSE(auth.holds_credentials());
  EXPECT_FALSE(auth.active());
}

TEST_F(AuthTest, PapWrongPasswordCarriesThePeersMessage) {
  auth.start(AuthProtocol::kPap, Credentials("testuser", "wrong"));
  auth.input(kProtoPap, with_message(3, 1, "Login incorrect"));
  ASSERT_TRUE(recorder.outcome.done);
  EXPECT_FALSE(recorder.outcome.ok);
  EXPECT_EQ(recorder.outcome.why, AuthFailure::kRejected);
  EXPECT_EQ(recorder.outcome.message, "Login incorrect");
  EXPECT_FALSE(auth.holds_credentials());
}

TEST_F(AuthTest, PapMessageLengthThatLiesIsBoundedByThePacket) {
  auth.start(AuthProtocol::kPap, Credentials("u", "p"));
  // Msg-Length says 200, five bytes follow: the reader stops at the packet's end.
  auth.input(kProtoPap, packet(3, 1, hex("c8 4e 6f 70 65 21")));
  EXPECT_EQ(recorder.outcome.message, "Nope!");
  // And a packet whose own Length claims more than arrived is dropped whole.
  auth.start(AuthProtocol::kPap, Credentials("u", "p"));
  recorder.outcome = {};
  auth.input(kProtoPap, hex("02 02 ff ff 00"));
  EXPECT_FALSE(recorder.outcome.done);
}

TEST_F(AuthTest, PapRetransmitsThenTimesOut) {
  FsmConfig timing;
  timing.max_configure = 3;
  AuthClient a(recorder, sink, clock, random, timing);
  a.start(AuthProtocol::kPap, Credentials("u", "p"));
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(a.deadline());
    clock.advance(3s);
    a.on_timer(clock.now());
  }
  EXPECT_EQ(sink.sent.size(), 3U);
  EXPECT_EQ(recorder.outcome.why, AuthFailure::kTimeout);
  EXPECT_FALSE(recorder.outcome.ok);
}

TEST_F(AuthTest, PapCredentialsTooLongAreRefusedLocally) {
  auth.start(AuthProtocol::kPap, Credentials(std::string(256, 'u'), "p"));
  EXPECT_EQ(recorder.outcome.why, AuthFailure::kBadCredentials);
  EXPECT_TRUE(sink.sent.empty());
}

TEST_F(AuthTest, ChapMd5AgainstSlirpsTranscript) {
  auth.start(AuthProtocol::kChapMd5, Credentials("testuser", "testpass"));
  EXPECT_TRUE(sink.sent.empty());  // the peer speaks first
  auto challenge =
      test::concat(hex("21 168dc24b5d15d93d46af128fc6f9bb9a243098e70ab756a32aec0d83a50e08bade"),
                   test::bytes_of("vm"));
  auth.input(kProtoChap, packet(1, 1, challenge));
  ASSERT_EQ(sink.sent.size(), 1U);
  auto expected =
      test::concat(hex("10 9d285b31d620303615b485825b62cc9f"), test::bytes_of("testuser"));
  EXPECT_EQ(sink.sent[0].packet, packet(2, 1, expected));
  auth.input(kProtoChap, packet(1, 1, challenge));  // repeated challenge: same answer
  ASSERT_EQ(sink.sent.size(), 2U);
  EXPECT_EQ(sink.sent[1].packet, sink.sent[0].packet);
  auth.input(kProtoChap, packet(3, 7, test::bytes_of("wrong id")));
  EXPECT_FALSE(recorder.outcome.done);
  auth.input(kProtoChap, packet(3, 1, test::bytes_of("Welcome to vm.")));
  EXPECT_TRUE(recorder.outcome.ok);
  EXPECT_EQ(recorder.outcome.message, "Welcome to vm.");
  EXPECT_FALSE(auth.holds_credentials());
}

TEST_F(AuthTest, ChapValueSizeThatLiesIsIgnored) {
  auth.start(AuthProtocol::kChapMd5, Credentials("u", "p"));
  auth.input(kProtoChap, packet(1, 1, hex("40 01 02 03")));  // Value-Size 64, 3 bytes
  EXPECT_TRUE(sink.sent.empty());
  auth.input(kProtoChap, packet(1, 1, hex("00")));  // Value-Size 0
  EXPECT_TRUE(sink.sent.empty());
}

TEST_F(AuthTest, ChapWithoutChallengeTimesOut) {
  auth.start(AuthProtocol::kChapMd5, Credentials("u", "p"));
  clock.advance(31s);
  auth.on_timer(clock.now());
  EXPECT_EQ(recorder.outcome.why, AuthFailure::kTimeout);
}

// RFC 2759 9.2's values, driven through the protocol.
const auto kAuthChallenge = hex("5B 5D 7C 7D 7B 3F 2F 3E 3C 2C 60 21 32 26 26 28");
const auto kPeerChallenge = hex("21 40 23 24 25 5E 26 2A 28 29 5F 2B 3A 33 7C 7E");

class MsChapTest : public AuthTest {
 protected:
  void SetUp() override {
    random.queue(kPeerChallenge);
    auth.start(AuthProtocol::kMsChapV2, Credentials("User", "clientPass"));
    auto challenge = test::concat(test::concat(hex("10"), kAuthChallenge), test::bytes_of("srv"));
    auth.input(kProtoChap, packet(1, 9, challenge));
  }
};

TEST_F(MsChapTest, ResponseCarriesTheRfcNtResponse) {
  ASSERT_EQ(sink.sent.size(), 1U);
  auto value = test::concat(test::concat(hex("31"), kPeerChallenge), hex("0000000000000000"));
  value = test::concat(value, hex("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF 00"));
  EXPECT_EQ(sink.sent[0].packet, packet(2, 9, test::concat(value, test::bytes_of("User"))));
}

TEST_F(MsChapTest, SuccessWithTheRightAuthenticatorResponse) {
  auth.input(kProtoChap,
             packet(3, 9, test::bytes_of("S=407a5589115fd0d6209f510fe9c04566932cda56 M=hi")));
  EXPECT_TRUE(recorder.outcome.ok);
  EXPECT_EQ(recorder.outcome.protocol, AuthProtocol::kMsChapV2);
}

TEST_F(MsChapTest, SuccessWithAWrongAuthenticatorResponseFails) {
  auth.input(kProtoChap,
             packet(3, 9, test::bytes_of("S=407A5589115FD0D6209F510FE9C04566932CDA57 M=hi")));
  EXPECT_FALSE(recorder.outcome.ok);
  EXPECT_EQ(recorder.outcome.why, AuthFailure::kBadAuthenticator);
  recorder.outcome = {};
}

TEST_F(MsChapTest, ShortSuccessMessageFails) {
  auth.input(kProtoChap, packet(3, 9, test::bytes_of("S=40")));
  EXPECT_EQ(recorder.outcome.why, AuthFailure::kBadAuthenticator);
}

TEST_F(MsChapTest, FailureCarriesThePeersMessage) {
  const char* msg = "E=691 R=0 C=00112233445566778899aabbccddeeff V=3 M=Authentication failed";
  auth.input(kProtoChap, packet(4, 9, test::bytes_of(msg)));
  EXPECT_EQ(recorder.outcome.why, AuthFailure::kRejected);
  EXPECT_EQ(recorder.outcome.message, msg);
  EXPECT_FALSE(auth.holds_credentials());
}

TEST(Credentials, MovingLeavesNothingBehind) {
  Credentials a("user", "pass");
  Credentials b(std::move(a));
  EXPECT_TRUE(a.password.empty());  // NOLINT(bugprone-use-after-move): checking the wipe
  EXPECT_EQ(b.password, "pass");
  b.wipe();
  EXPECT_TRUE(b.user.empty());
}

}  // namespace
}  // namespace openras::ppp
