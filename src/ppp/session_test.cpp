#include "ppp/session.h"

#include <gtest/gtest.h>

#include "ppp/session_fixture.h"

namespace openras::ppp {
namespace {

using namespace std::chrono_literals;
using test::from_peer;
using test::hex;
using test::Host;
using test::packet;
using test::SessionTest;
using test::wire;

TEST_F(SessionTest, SlirpTranscriptToNetworkUpAndBack) {
  make();
  session->start();
  // The first frame on the wire is the transcript's, byte for byte.
  EXPECT_EQ(host.line, hex("7e ff 7d 23 c0 21 7d 21 7d 21 7d 20 7d 34 7d 21 7d 24 7d 25 dc 7d 22 "
                           "7d 26 7d 20 7d 20 7d 20 7d 20 7d 25 7d 26 7d 3a 2b 3c 4d bb 7d 2e 7e"));
  host.line.clear();
  EXPECT_EQ(session->phase(), Phase::kEstablish);

  feed_raw("ff 03 c0 21 01 01 00 12 01 04 05 dc 05 06 0a a1 d6 8f 07 02 08 02 1a 16");
  auto out = sent();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].packet, hex("02 01 00 12 01 04 05 dc 05 06 0a a1 d6 8f 07 02 08 02"));

  feed_raw("ff 03 c0 21 02 01 00 14 01 04 05 dc 02 06 00 00 00 00 05 06 1a 2b 3c 4d 50 67");
  EXPECT_EQ(session->phase(), Phase::kNetwork);
  out = sent();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].protocol, kProtoIpcp);
  EXPECT_EQ(out[0].packet, hex("01 01 00 0a 03 06 00 00 00 00"));

  feed_raw("ff 03 80 21 01 01 00 10 03 06 00 00 00 00 02 06 00 2d 0f 01 da a2");
  feed_raw("ff 03 80 fd 01 01 00 04 07 3f");  // CCP
  feed_raw("ff 03 80 21 03 01 00 0a 03 06 0a 00 02 0f b4 67");
  out = sent();
  ASSERT_EQ(out.size(), 3U);
  EXPECT_EQ(out[0].packet, hex("04 01 00 0a 02 06 00 2d 0f 01"));  // VJ rejected
  EXPECT_EQ(out[1].protocol, kProtoLcp);
  EXPECT_EQ(out[1].packet[0], kProtocolReject);
  EXPECT_EQ(std::vector<uint8_t>(out[1].packet.begin() + 4, out[1].packet.begin() + 6),
            hex("80 fd"));
  EXPECT_EQ(out[2].packet, hex("01 02 00 0a 03 06 0a 00 02 0f"));

  feed(from_peer(kProtoIpcp, hex("01 02 00 0a 03 06 00 00 00 00")));
  feed(from_peer(kProtoIpcp, hex("01 03 00 0a 03 06 0a 00 02 02")));
  out = sent();
  ASSERT_EQ(out.size(), 2U);
  EXPECT_EQ(out[0].packet, hex("03 02 00 0a 03 06 0a 00 02 02"));
  EXPECT_EQ(out[1].packet, hex("02 03 00 0a 03 06 0a 00 02 02"));

  feed_raw("ff 03 80 21 02 02 00 0a 03 06 0a 00 02 0f 94 9d");
  const NetworkUp* up = host.find<NetworkUp>();
  ASSERT_NE(up, nullptr);
  EXPECT_EQ(up->ipv4.local, 0x0A00020FU);  // 10.0.2.15
  EXPECT_EQ(up->ipv4.remote, 0x0A000202U);

  // slirp's ICMP echo reply goes up as an IPv4 packet.
  feed_raw(
      "ff 03 00 21 45 00 00 25 a3 42 00 00 ff 01 00 85 0a 00 02 02 0a 00 02 0f 00 00 98 49 "
      "42 42 00 01 70 70 70 2d 70 72 6f 62 65 02 8d");
  ASSERT_EQ(host.ip.size(), 1U);
  EXPECT_EQ(host.ip[0].first, kProtoIpv4);
  EXPECT_EQ(host.ip[0].second.size(), 37U);

  // Packets down: slirp asked no ACCM, so every control character is escaped.
  auto ping =
      hex("45 00 00 1d 00 01 00 00 40 01 00 00 0a 00 02 0f 0a 00 02 02 08 00 f7 ff 00 00 00 00 00");
  ASSERT_TRUE(session->send_ip(ping));
  for (size_t i = 0; i < host.line.size(); ++i) ASSERT_GE(host.line[i], 0x20) << i;
  out = sent();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].protocol, kProtoIpv4);
  EXPECT_EQ(out[0].packet, ping);

  session->close();
  out = sent();
  ASSERT_EQ(out.size(), 1U);
  ASSERT_EQ(out[0].packet[0], kTerminateRequest);
  EXPECT_EQ(session->phase(), Phase::kTerminate);
  feed(from_peer(kProtoLcp, packet(kTerminateAck, out[0].packet[1], {})));
  ASSERT_NE(terminated(), nullptr);
  EXPECT_EQ(terminated()->reason, TerminateReason::kLocalClose);
  EXPECT_EQ(session->phase(), Phase::kDead);
  auto stats = session->stats();
  EXPECT_EQ(stats.in.frames, 10U);
  EXPECT_EQ(stats.in.crc_errors, 0U);
  EXPECT_EQ(stats.rejected_frames, 1U);
}

TEST_F(SessionTest, PapSuccessOpensTheNetworkPhase) {
  make();
  session->start();
  feed(from_peer(kProtoLcp,
                 hex("01 01 00 16 01 04 05 dc 03 04 c0 23 05 06 a6 ab 53 16 07 02 08 02")));
  feed_raw("ff 03 c0 21 02 01 00 14 01 04 05 dc 02 06 00 00 00 00 05 06 1a 2b 3c 4d 50 67");
  EXPECT_EQ(session->phase(), Phase::kAuthenticate);
  ASSERT_NE(host.find<AuthStarted>(), nullptr);
  EXPECT_EQ(host.find<AuthStarted>()->protocol, AuthProtocol::kPap);
  auto out = sent();
  ASSERT_EQ(out.back().protocol, kProtoPap);
  EXPECT_EQ(out.back().packet, packet(1, 1, test::bytes_of("\x08testuser\x08testpass")));
  feed(from_peer(kProtoPap, hex("02 01 00 0d 08 4c 6f 67 69 6e 20 6f 6b")));  // "Login ok"
  ASSERT_NE(host.find<AuthSucceeded>(), nullptr);
  EXPECT_EQ(host.find<AuthSucceeded>()->message, "Login ok");
  EXPECT_EQ(session->phase(), Phase::kNetwork);
  out = sent();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].protocol, kProtoIpcp);
}

TEST_F(SessionTest, PapWrongPasswordTerminatesWithThePeersMessage) {
  make(Credentials("testuser", "nope"));
  session->start();
  feed(from_peer(kProtoLcp,
                 hex("01 01 00 16 01 04 05 dc 03 04 c0 23 05 06 a6 ab 53 16 07 02 08 02")));
  feed_raw("ff 03 c0 21 02 01 00 14 01 04 05 dc 02 06 00 00 00 00 05 06 1a 2b 3c 4d 50 67");
  sent();
  // << PAP Authenticate-Nak id=1 b'\x0fLogin incorrect'
  feed(
      from_peer(kProtoPap, test::concat(hex("03 01 00 14 0f"), test::bytes_of("Login incorrect"))));
  ASSERT_NE(host.find<AuthFailed>(), nullptr);
  EXPECT_EQ(host.find<AuthFailed>()->message, "Login incorrect");
  auto out = sent();
  ASSERT_EQ(out.size(), 1U);
  ASSERT_EQ(out[0].packet[0], kTerminateRequest);
  feed(from_peer(kProtoLcp, packet(kTerminateAck, out[0].packet[1], {})));
  ASSERT_NE(terminated(), nullptr);
  EXPECT_EQ(terminated()->reason, TerminateReason::kAuthFailed);
  EXPECT_EQ(terminated()->message, "Login incorrect");
}

TEST_F(SessionTest, LoopedBackLineIsDetected) {
  make();
  session->start();
  for (int i = 0; i < 200 && !terminated(); ++i) {
    std::vector<uint8_t> echo = std::exchange(host.line, {});
    if (echo.empty()) {
      run_timers(1);
    } else {
      session->feed(echo);
    }
  }
  ASSERT_NE(terminated(), nullptr);
  EXPECT_EQ(terminated()->reason, TerminateReason::kLoopback);
}

TEST_F(SessionTest, SilentPeerTimesOutAfterMaxConfigure) {
  make();
  session->start();
  run_timers();
  ASSERT_NE(terminated(), nullptr);
  EXPECT_EQ(terminated()->reason, TerminateReason::kLcpTimeout);
  EXPECT_EQ(sent().size(), 10U);  // Max-Configure requests, then silence
  EXPECT_FALSE(session->next_deadline());
}

TEST_F(SessionTest, PeerTerminateCarriesItsReason) {
  open_lcp();
  sent();
  feed(from_peer(kProtoLcp, packet(kTerminateRequest, 0x99, test::bytes_of("bye"))));
  auto out = sent();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].packet, packet(kTerminateAck, 0x99, {}));
  EXPECT_EQ(session->phase(), Phase::kTerminate);
  run_timers();
  ASSERT_NE(terminated(), nullptr);
  EXPECT_EQ(terminated()->reason, TerminateReason::kPeerTerminated);
  EXPECT_EQ(terminated()->message, "bye");
}

// An IPv4 frame as a peer under ACCM 0 sends it: only the flag and the escape escaped, so
// the header's and the addresses' control characters go raw.
std::vector<uint8_t> raw_under_accm_zero(std::vector<uint8_t> frame) {
  const uint16_t f = fcs16(kFcs16Init, frame) ^ 0xFFFF;
  frame.push_back(static_cast<uint8_t>(f));
  frame.push_back(static_cast<uint8_t>(f >> 8));
  std::vector<uint8_t> line{0x7E};
  for (uint8_t c : frame) {
    if (c == 0x7D || c == 0x7E) {
      line.push_back(0x7D);
      line.push_back(c ^ 0x20);
    } else {
      line.push_back(c);
    }
  }
  line.push_back(0x7E);
  return line;
}

// Our Terminate-Request goes out while the peer still sends as agreed (ACCM 0), as pppd in
// UML does with a TCP segment in flight: that frame is no CRC error (it is discarded in the
// Terminate phase), and the peer's Terminate-Ack, escaped as always, still ends the link.
TEST_F(SessionTest, AFrameInFlightAfterOurTerminateRequestIsNoCrcError) {
  open_lcp();
  sent();
  session->close("User request");
  auto out = sent();
  ASSERT_EQ(out.size(), 1U);
  ASSERT_EQ(out[0].packet[0], kTerminateRequest);
  feed(
      raw_under_accm_zero(hex("ff 03 00 21 45 00 00 14 00 01 00 00 40 01 00 00 0a 00 02 02 "
                              "0a 00 02 0f")));
  EXPECT_EQ(session->stats().in.crc_errors, 0U);
  feed(from_peer(kProtoLcp, packet(kTerminateAck, out[0].packet[1], {})));
  ASSERT_NE(terminated(), nullptr);
  EXPECT_EQ(terminated()->reason, TerminateReason::kLocalClose);
  EXPECT_EQ(session->stats().in.crc_errors, 0U);
}

// Renegotiation starts from the defaults: a raw control character is dropped again.
TEST_F(SessionTest, RenegotiationRestoresTheDefaultReceiveMap) {
  open_lcp();
  feed_raw("ff 03 c0 21 01 01 00 12 01 04 05 dc 05 06 3e d8 82 09 07 02 08 02 39 5c");
  ASSERT_EQ(session->phase(), Phase::kEstablish);
  feed(
      raw_under_accm_zero(hex("ff 03 00 21 45 00 00 14 00 01 00 00 40 01 00 00 0a 00 02 02 "
                              "0a 00 02 0f")));
  EXPECT_EQ(session->stats().in.crc_errors, 1U);
}

TEST_F(SessionTest, PeerRenegotiationGoesBackToEstablish) {
  open_lcp();
  ASSERT_EQ(session->phase(), Phase::kNetwork);
  feed_raw("ff 03 c0 21 01 01 00 12 01 04 05 dc 05 06 3e d8 82 09 07 02 08 02 39 5c");
  EXPECT_EQ(session->phase(), Phase::kEstablish);
  EXPECT_EQ(session->lcp_state(), FsmState::kAckSent);
  EXPECT_EQ(terminated(), nullptr);
}

TEST_F(SessionTest, LineLossEndsAtOnce) {
  open_lcp();
  session->lower_down();
  ASSERT_NE(terminated(), nullptr);
  EXPECT_EQ(terminated()->reason, TerminateReason::kLowerLayerDown);
  EXPECT_EQ(session->phase(), Phase::kDead);
}

TEST_F(SessionTest, DeadPeerDetectionWhenConfigured) {
  config.lcp.echo_interval = 5s;
  config.lcp.echo_failures = 3;
  open_lcp();
  run_timers();
  ASSERT_NE(terminated(), nullptr);
  EXPECT_EQ(terminated()->reason, TerminateReason::kDeadPeer);
}

TEST_F(SessionTest, SendIpNeedsAnOpenNetworkAndFitsTheMru) {
  make();
  auto v4 = hex("45 00 00 14");
  auto r = session->send_ip(v4);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::kProjectionNotComplete);
  EXPECT_FALSE(session->send_ip({}));
}

TEST_F(SessionTest, PppdActivePeerWithAccmZeroAndIpv6cpRejected) {
  make();
  session->start();
  // pppd's own request, [ACCM=0, Magic, PFC, ACFC], and its Ack of ours.
  feed_raw("ff 03 c0 21 01 01 00 14 02 06 00 00 00 00 05 06 70 cc 6e 88 07 02 08 02 b1 07");
  feed_raw("ff 03 c0 21 02 01 00 14 01 04 05 dc 02 06 00 00 00 00 05 06 1a 2b 3c 4d 50 67");
  sent();
  feed(from_peer(kProtoIpv6cp, hex("01 01 00 0e 01 0a ec 43 ca 04 ae 84 d2 02")));
  auto out = sent();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].packet, packet(kProtocolReject, out[0].packet[1],
                                  hex("80 57 01 01 00 0e 01 0a ec 43 ca 04 ae 84 d2 02")));
  // IPCP as in pppd's transcript, then an IP packet: ACCM 0 and PFC/ACFC now apply.
  feed_raw("ff 03 80 21 01 01 00 0a 03 06 0a 00 03 01 00 00");  // bad FCS: dropped
  feed(from_peer(kProtoIpcp, hex("01 01 00 0a 03 06 0a 00 03 01")));
  feed(from_peer(kProtoIpcp, hex("03 01 00 0a 03 06 0a 00 03 02")));
  out = sent();
  feed(from_peer(kProtoIpcp,
                 test::concat(hex("02"), std::vector<uint8_t>(out.back().packet.begin() + 1,
                                                              out.back().packet.end()))));
  ASSERT_NE(host.find<NetworkUp>(), nullptr);
  EXPECT_EQ(host.find<NetworkUp>()->ipv4.local, 0x0A000302U);
  ASSERT_TRUE(session->send_ip(hex("45 00 00 14 00 01 00 00")));
  EXPECT_EQ(std::vector<uint8_t>(host.line.begin(), host.line.begin() + 4), hex("7e 21 45 00"));
  EXPECT_EQ(session->stats().in.crc_errors, 1U);
}

// Two sessions back to back, both asking for FCS-32: after LCP the frames carry FCS-32
// both ways and IPCP still converges (each Naks the other's 0.0.0.0 with the placeholder).
TEST_F(SessionTest, Fcs32BetweenTwoSessions) {
  config.lcp.fcs32 = true;
  config.ipcp.peer_address_hint.reset();
  Host other_host;
  test::ScriptedRandom other_random;
  other_random.queue_u32(0x55667788);
  make();
  Session other(config, Credentials(), other_host, clock, other_random);
  session->start();
  other.start();
  for (int i = 0; i < 20; ++i) {
    auto a = std::exchange(host.line, {});
    auto b = std::exchange(other_host.line, {});
    if (a.empty() && b.empty()) break;
    other.feed(a);
    session->feed(b);
  }
  ASSERT_NE(host.find<NetworkUp>(), nullptr);
  EXPECT_TRUE(session->lcp().send_fcs32);
  EXPECT_TRUE(session->lcp().receive_fcs32);
  EXPECT_EQ(host.find<NetworkUp>()->ipv4.local, kPlaceholderPeerAddress);
  EXPECT_EQ(session->stats().in.crc_errors + other.stats().in.crc_errors, 0U);
}

TEST_F(SessionTest, Ipv6cpWhenEnabled) {
  config.ipv6 = true;
  open_lcp();
  auto out = sent();
  ASSERT_EQ(out.size(), 4U);  // LCP request and Ack, IPCP and IPV6CP requests
  EXPECT_EQ(out[3].protocol, kProtoIpv6cp);
  feed(from_peer(kProtoIpv6cp, hex("01 01 00 0e 01 0a ec 43 ca 04 ae 84 d2 02")));
  feed(from_peer(kProtoIpv6cp,
                 test::concat(hex("02"), std::vector<uint8_t>(out[3].packet.begin() + 1,
                                                              out[3].packet.end()))));
  ASSERT_NE(host.find<Ipv6Up>(), nullptr);
  EXPECT_EQ(host.find<Ipv6Up>()->ipv6.peer_id, 0xEC43CA04AE84D202ULL);
  ASSERT_TRUE(session->send_ip(hex("60 00 00 00 00 00 3b 40")));
  EXPECT_EQ(sent().back().protocol, kProtoIpv6);
}

TEST_F(SessionTest, IpcpProtocolRejectedEndsTheLink) {
  open_lcp();
  feed(
      from_peer(kProtoLcp, packet(kProtocolReject, 3, hex("80 21 01 01 00 0a 03 06 00 00 00 00"))));
  auto out = sent();
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.back().packet[0], kTerminateRequest);
  run_timers();
  ASSERT_NE(terminated(), nullptr);
  EXPECT_EQ(terminated()->reason, TerminateReason::kNcpRejected);
}

}  // namespace
}  // namespace openras::ppp
