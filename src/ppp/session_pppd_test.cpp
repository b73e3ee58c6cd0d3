// session_pppd_test: regressions pppd in UML found (pppd_interop_test), replayed from the
// frames of its debug log. In one run out of four CHAP-MD5 failed with "No CHAP secret
// found for authenticating" and an empty name in our Response. pppd had received our
// LCP Configure-Request twice (our retransmission, same id) and Acked both copies; the
// second Ack reached us in Opened, where RFC 1661's table says renegotiate, so LCP went
// down in the middle of CHAP, and the authentication that followed had lost the secret
// (the first attempt had consumed it).
#include <gtest/gtest.h>

#include "ppp/chap_crypto.h"
#include "ppp/session_fixture.h"

namespace openras::ppp {
namespace {

using test::from_peer;
using test::hex;
using test::packet;
using test::SessionTest;

// pppd's request: [ACCM=0, Auth-Proto=CHAP MD5, Magic=0x3646f6e8, PFC, ACFC], id 1.
const std::vector<uint8_t> kPppdRequest =
    hex("01 01 00 19 02 06 00 00 00 00 03 05 c2 23 05 05 06 36 46 f6 e8 07 02 08 02");
// pppd's Ack of our id-1 request [MRU=1500, ACCM=0, Magic=0x1a2b3c4d], as received.
const char* const kPppdAckRaw =
    "ff 03 c0 21 02 01 00 14 01 04 05 dc 02 06 00 00 00 00 05 06 1a 2b 3c 4d 50 67";

// A CHAP Challenge as pppd in UML sends it (its name is the guest's "(none)").
std::vector<uint8_t> challenge(uint8_t id, const std::vector<uint8_t>& value) {
  std::vector<uint8_t> data{static_cast<uint8_t>(value.size())};
  data.insert(data.end(), value.begin(), value.end());
  for (char c : std::string_view("(none)")) data.push_back(static_cast<uint8_t>(c));
  return packet(1, id, data);
}

// Our CHAP-MD5 Response to `value` under id `id` with testuser's secret.
std::vector<uint8_t> md5_response(uint8_t id, const std::vector<uint8_t>& value) {
  Md5Digest d = chap_md5_response(id, "testpass", value);
  std::vector<uint8_t> data{16};
  data.insert(data.end(), d.begin(), d.end());
  for (char c : std::string_view("testuser")) data.push_back(static_cast<uint8_t>(c));
  return packet(2, id, data);
}

class PppdRegressionTest : public SessionTest {
 protected:
  // The CHAP packets among what we sent.
  std::vector<std::vector<uint8_t>> chap_sent() {
    std::vector<std::vector<uint8_t>> out;
    for (auto& f : sent()) {
      if (f.protocol == kProtoChap) out.push_back(f.packet);
    }
    return out;
  }
};

TEST_F(PppdRegressionTest, SecondAckOfARetransmittedRequestLeavesLcpOpen) {
  make();
  session->start();
  run_timers(1);  // pppd still booting: our request again, same id
  feed(from_peer(kProtoLcp, kPppdRequest));
  feed_raw(kPppdAckRaw);
  ASSERT_EQ(session->lcp_state(), FsmState::kOpened);
  EXPECT_EQ(session->phase(), Phase::kAuthenticate);
  sent();
  feed_raw(kPppdAckRaw);  // pppd's Ack of the second copy
  EXPECT_EQ(session->lcp_state(), FsmState::kOpened);
  EXPECT_EQ(session->phase(), Phase::kAuthenticate);
  EXPECT_TRUE(sent().empty()) << "a duplicate Ack made us renegotiate";

  const auto value = hex("1d ab 6a d6 14 02 b4 04 6c a6 db 00 97 6e 1b 15 39");
  feed(from_peer(kProtoChap, challenge(0xF1, value)));
  auto chap = chap_sent();
  ASSERT_EQ(chap.size(), 1U);
  EXPECT_EQ(chap[0], md5_response(0xF1, value));
}

// The other half: when a peer does renegotiate LCP before the verdict, the second
// authentication still has the secret.
TEST_F(PppdRegressionTest, RenegotiationBeforeTheVerdictKeepsTheCredentials) {
  make();
  session->start();
  feed(from_peer(kProtoLcp, kPppdRequest));
  feed_raw(kPppdAckRaw);
  ASSERT_EQ(session->phase(), Phase::kAuthenticate);
  const auto first = hex("1d ab 6a d6 14 02 b4 04 6c a6 db 00 97 6e 1b 15 39");
  feed(from_peer(kProtoChap, challenge(0xF1, first)));
  sent();

  // pppd renegotiates: a new request, id 2, a new Magic-Number.
  feed(from_peer(kProtoLcp, hex("01 02 00 19 02 06 00 00 00 00 03 05 c2 23 05 05 06 97 d3 d3 5a "
                                "07 02 08 02")));
  EXPECT_EQ(session->phase(), Phase::kEstablish);
  std::vector<uint8_t> ours;
  for (auto& f : sent()) {
    if (f.protocol == kProtoLcp && f.packet[0] == kConfigureRequest) ours = f.packet;
  }
  ASSERT_FALSE(ours.empty());
  ours[0] = kConfigureAck;
  feed(from_peer(kProtoLcp, ours));
  ASSERT_EQ(session->phase(), Phase::kAuthenticate);

  const auto second = hex("86 96 60 c7 de 5f 2f 10 88 d1 71 f2 8b be 5c 6c 4a a7 ac 6a 25 b8");
  feed(from_peer(kProtoChap, challenge(0xCB, second)));
  auto chap = chap_sent();
  ASSERT_EQ(chap.size(), 1U);
  EXPECT_EQ(chap[0], md5_response(0xCB, second));  // before the fix: name "", secret ""
  feed(from_peer(kProtoChap, packet(3, 0xCB, test::bytes_of("Access granted"))));
  ASSERT_NE(host.find<AuthSucceeded>(), nullptr);
  EXPECT_EQ(session->phase(), Phase::kNetwork);
}

}  // namespace
}  // namespace openras::ppp
